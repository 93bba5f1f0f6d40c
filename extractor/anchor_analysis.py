"""Which words can start (or must appear in) every match of a rule's pattern.

Reading the pattern's structure before expansion lets the engine try a rule
only where it can match: at the words that can start it (``leading_anchors``)
or, failing that, in the sentences holding a word it requires
(``required_anchors``), or in the lines holding a text it requires
(``required_literals``). The answers are conservative: ``None`` means "cannot
tell", and the rule then scans the text. Keys are lexicon keys (``country``,
``country/names``), ``=word`` for a literal first word, ``#digit`` for digits.
"""

from __future__ import annotations

import regex

from extractor.anchors import DIGIT_KEY
from extractor.model import RuleSet
from extractor.pattern_syntax import (
    LOOKAROUND,
    MAX_DEPTH,
    META,
    QUANTIFIER,
    REF,
    Normalizer,
    class_end,
    group_end,
    mandatory_group,
    quantifier,
    top_level_alternatives,
)

LITERAL_PREFIX = "="

# A literal first word anchors only when a space follows it in the pattern: then the
# text's token is exactly that word (a following group could add letters to it).
_WORD = regex.compile(r"[^\W\d_]{2,}(?= )")

_DIGIT = regex.compile(r"\\d|\[0?-?[0-9][^\]]*\]|[0-9]")


def _union(*parts: list[str] | None) -> list[str] | None:
    out: list[str] = []
    for part in parts:
        if part is None:
            return None
        out.extend(k for k in part if k not in out)
    return out


def leading_anchors(pattern: str, rs: RuleSet, normalize: Normalizer,
                    depth: int = 0) -> list[str] | None:
    """Keys one of which starts every match of ``pattern``; None when unknown."""
    if depth > MAX_DEPTH:
        return None
    alternatives = top_level_alternatives(pattern)
    if len(alternatives) > 1:
        return _union(*(leading_anchors(a, rs, normalize, depth + 1) for a in alternatives))
    while LOOKAROUND.match(pattern):
        end = group_end(pattern, 0)
        if end is None:
            return None
        if pattern.startswith("(?="):  # what follows the start must match it too
            ahead = leading_anchors(pattern[3:end - 1], rs, normalize, depth + 1)
            if ahead is not None:
                return ahead
        pattern = pattern[end:]
    if not pattern:
        return None
    if pattern[0] == "(":
        end = group_end(pattern, 0)
        if end is None:
            return None
        inner = pattern[1:end - 1]
        if inner.startswith("?:"):
            inner = inner[2:]
        elif inner.startswith("?P<"):
            inner = inner[inner.find(">") + 1:]
        elif inner.startswith("?"):
            return None  # flags, atomic groups, conditionals: give up
        optional, after = quantifier(pattern, end)
        rest = pattern[after:]
        # Repeated groups: what follows the first round is unknown, so the body
        # is read alone; a group matched once is read with what follows it.
        once = after == end
        body = _union(*(leading_anchors(a + rest if once else a, rs, normalize, depth + 1)
                         for a in top_level_alternatives(inner)))
        return _union(body, leading_anchors(rest, rs, normalize, depth + 1)) \
            if optional else body
    ref = REF.match(pattern)
    if ref is not None:
        optional, after = quantifier(pattern, ref.end())
        rest = pattern[after:]
        name, group, cap = ref.group(1), ref.group(2), ref.group(3)
        if name in rs.fragments and group is None and cap is None:
            first = leading_anchors(f"(?:{normalize(rs.fragments[name])})" + pattern[ref.end():],
                                    rs, normalize, depth + 1)
            return first
        if name not in rs.lexicons:
            return None
        key = [f"{name}/{group}" if group else name]
        return _union(key, leading_anchors(rest, rs, normalize, depth + 1)) if optional else key
    digit = _DIGIT.match(pattern)
    if digit is not None:
        optional, after = quantifier(pattern, digit.end())
        if optional:
            return _union([DIGIT_KEY], leading_anchors(pattern[after:], rs, normalize,
                                                       depth + 1))
        return [DIGIT_KEY]
    word = _WORD.match(pattern)
    if word is not None and not quantifier(pattern, word.end())[0]:
        return [LITERAL_PREFIX + word.group()]
    return None


def required_literals(pattern: str, rs: RuleSet, normalize: Normalizer,
                      depth: int = 0) -> list[str] | None:
    """Texts one of which every match contains (as a substring); None when unknown.

    For rules that can be neither anchored nor bound to a lexicon word: lines
    without any of these texts (found with ``str.find``) cannot hold a match, so
    the rule needs to scan only the others, whatever sits around the text.
    """
    if depth > MAX_DEPTH:
        return None
    alternatives = top_level_alternatives(pattern)
    if len(alternatives) > 1:
        found = _union(*(required_literals(a, rs, normalize, depth + 1) for a in alternatives))
        return _shortest_cover(found) if found else None
    i, run = 0, ""
    while i < len(pattern):
        c = pattern[i]
        if c not in META:
            run += c
            i += 1
            continue
        if c in "?*{" and run and (c != "{" or REF.match(pattern, i) is None):
            optional, after = quantifier(pattern, i)
            run = run[:-1] if optional else run  # the quantifier binds the last character
            if _literal(run):
                return [_literal(run)]
            run, i = "", max(after, i + 1)
            continue
        if _literal(run):
            return [_literal(run)]
        run = ""
        if c == "(":
            mandatory = mandatory_group(pattern, i)
            if mandatory is None:
                return None
            inner, after = mandatory
            if inner is not None:
                found = required_literals(inner, rs, normalize, depth + 1)
                if found:
                    return found
            i = after
        elif c == "{" and REF.match(pattern, i):
            ref = REF.match(pattern, i)
            assert ref is not None
            optional, after = quantifier(pattern, ref.end())
            name, group, cap = ref.group(1), ref.group(2), ref.group(3)
            if not optional and name in rs.fragments and group is None and cap is None:
                found = required_literals(normalize(rs.fragments[name]), rs, normalize,
                                          depth + 1)
                if found:
                    return found
            i = after
        elif c == "[":
            i = quantifier(pattern, class_end(pattern, i))[1]
        elif c == "\\":
            i = quantifier(pattern, i + 2)[1]
        else:
            i += 1
    return [_literal(run)] if _literal(run) else None


def _literal(run: str) -> str:
    """A run of literal characters as a text to look for: stripped, and only when
    it is at least two characters long (one letter is in every line)."""
    text = run.strip()
    return text if len(text) > 1 else ""


def _shortest_cover(texts: list[str]) -> list[str]:
    """``texts`` without those that contain another one (finding it finds them)."""
    return [t for t in texts if not any(o != t and o in t for o in texts)]


def required_anchors(pattern: str, rs: RuleSet, normalize: Normalizer,
                     depth: int = 0) -> list[str] | None:
    """Keys one of which every match contains: a top-level reference that is not
    optional (lexicons preferred over digits); None when there is none."""
    found = required_element(pattern, rs, normalize, depth)
    return found[0] if found else None


def required_element(pattern: str, rs: RuleSet, normalize: Normalizer,
                 depth: int = 0) -> tuple[list[str], int] | None:
    """The required keys and the index of the element that holds them."""
    if depth > MAX_DEPTH or len(top_level_alternatives(pattern)) > 1:
        return None
    found_digit = False
    digit_at = 0
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c in "\\[" or c.isdigit():
            digit = _DIGIT.match(pattern, i)
            element_end = digit.end() if digit else (i + 2 if c == "\\" else (
                class_end(pattern, i) if c == "[" else i + 1))
            start = i
            optional, i = quantifier(pattern, element_end)
            if digit is not None and not optional and not found_digit:
                found_digit, digit_at = True, start
            continue
        if c == "(":
            mandatory = mandatory_group(pattern, i)
            if mandatory is None:
                return None
            inner, after = mandatory
            if inner is not None:
                inner_keys = _union(*(required_anchors(a, rs, normalize, depth + 1)
                                      for a in top_level_alternatives(inner)))
                if inner_keys == [DIGIT_KEY]:
                    if not found_digit:
                        found_digit, digit_at = True, i
                elif inner_keys:
                    return inner_keys, i
            i = after
            continue
        if c == "{":
            ref = REF.match(pattern, i)
            if ref is None:  # a quantifier after a literal, or a literal brace
                q = QUANTIFIER.match(pattern, i)
                i = q.end() if q else i + 1
                continue
            optional, after = quantifier(pattern, ref.end())
            if not optional:
                name, group, cap = ref.group(1), ref.group(2), ref.group(3)
                keys: list[str] | None
                if name in rs.fragments and group is None and cap is None:
                    body = normalize(rs.fragments[name])
                    keys = required_anchors(body, rs, normalize, depth + 1)
                elif name in rs.lexicons:
                    keys = [f"{name}/{group}" if group else name]
                else:
                    keys = None
                if keys == [DIGIT_KEY]:
                    if not found_digit:
                        found_digit, digit_at = True, i
                elif keys:
                    return keys, i
            i = after
            continue
        i += 1
    return ([DIGIT_KEY], digit_at) if found_digit else None
