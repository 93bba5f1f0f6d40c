"""Which words can start (or must appear in) every match of a rule's pattern.

Reading the pattern's structure before expansion lets the engine try a rule
only where it can match: at the words that can start it (``leading_anchors``)
or, failing that, in the sentences holding a word it requires
(``required_anchors``). Both answers are conservative: ``None`` means "cannot
tell", and the rule then scans the text. Keys are lexicon keys (``country``,
``country/names``), ``=word`` for a literal first word, ``#digit`` for digits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from extractor.anchors import DIGIT_KEY
from extractor.model import RuleSet

REF = regex.compile(
    r"(?<!\\[pPNL])\{([a-z_][a-z0-9_]*)(?:/([a-z_][a-z0-9_]*))?(?::([a-z_][a-z0-9_]*))?\}")
LITERAL_PREFIX = "="
_LOOKAROUND = regex.compile(r"\(\?<?[!=]")
_QUANTIFIER = regex.compile(r"(?:\?|\*|\+|\{\d*(?:,\d*)?\})[?+]?")
# A literal first word anchors only when a space follows it in the pattern: then the
# text's token is exactly that word (a following group could add letters to it).
_WORD = regex.compile(r"[^\W\d_]{2,}(?= )")
_DIGIT = regex.compile(r"\\d|\[0?-?[0-9][^\]]*\]|[0-9]")
MAX_DEPTH = 12
Normalizer = Callable[[str], str]


def _syntax(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth before it) of every character that is regex
    syntax outside escapes and character classes, from ``start``."""
    level, i = 0, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        yield i, c, level
        if c == "(":
            level += 1
        elif c == ")":
            level -= 1
        i += 1


def top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (escapes, classes and groups respected)."""
    parts, last = [], 0
    for i, c, level in _syntax(pattern):
        if c == "|" and level == 0:
            parts.append(pattern[last:i])
            last = i + 1
    parts.append(pattern[last:])
    return parts


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    if pattern[j:j + 1] == "^":
        j += 1
    if pattern[j:j + 1] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int | None:
    """Index just after the group opening at ``i``; None if it never closes."""
    for j, c, level in _syntax(pattern, i):
        if c == ")" and level == 1:
            return j + 1
    return None


def _quantifier(pattern: str, i: int) -> tuple[bool, int]:
    """(may the element before ``i`` be absent?, index after the quantifier)."""
    m = _QUANTIFIER.match(pattern, i)
    if m is None:
        return False, i
    q = m.group().rstrip("?+") or m.group()
    optional = q in ("?", "*") or q.startswith("{0") or q.startswith("{,")
    return optional, m.end()


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
    while _LOOKAROUND.match(pattern):
        end = _group_end(pattern, 0)
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
        end = _group_end(pattern, 0)
        if end is None:
            return None
        inner = pattern[1:end - 1]
        if inner.startswith("?:"):
            inner = inner[2:]
        elif inner.startswith("?P<"):
            inner = inner[inner.find(">") + 1:]
        elif inner.startswith("?"):
            return None  # flags, atomic groups, conditionals: give up
        optional, after = _quantifier(pattern, end)
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
        optional, after = _quantifier(pattern, ref.end())
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
        optional, after = _quantifier(pattern, digit.end())
        if optional:
            return _union([DIGIT_KEY], leading_anchors(pattern[after:], rs, normalize,
                                                       depth + 1))
        return [DIGIT_KEY]
    word = _WORD.match(pattern)
    if word is not None and not _quantifier(pattern, word.end())[0]:
        return [LITERAL_PREFIX + word.group()]
    return None


_META = set("\\[](){}|?*+.^$")


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
        if c not in _META:
            run += c
            i += 1
            continue
        if c in "?*{" and run and (c != "{" or REF.match(pattern, i) is None):
            optional, after = _quantifier(pattern, i)
            run = run[:-1] if optional else run  # the quantifier binds the last character
            if run.strip() and len(run.strip()) > 1:
                return [run.strip()]
            run, i = "", max(after, i + 1)
            continue
        if run.strip() and len(run.strip()) > 1:
            return [run.strip()]
        run = ""
        if c == "(":
            mandatory = _mandatory_group(pattern, i)
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
            optional, after = _quantifier(pattern, ref.end())
            name, group, cap = ref.group(1), ref.group(2), ref.group(3)
            if not optional and name in rs.fragments and group is None and cap is None:
                found = required_literals(normalize(rs.fragments[name]), rs, normalize,
                                          depth + 1)
                if found:
                    return found
            i = after
        elif c == "[":
            i = _quantifier(pattern, _class_end(pattern, i))[1]
        elif c == "\\":
            i = _quantifier(pattern, i + 2)[1]
        else:
            i += 1
    return [run.strip()] if len(run.strip()) > 1 else None


def _group_body(pattern: str, start: int, end: int) -> str | None:
    """The body of the group ``pattern[start:end]`` when it is a plain or a named
    group; None for lookarounds, atomic groups, flags and conditionals."""
    inner = pattern[start + 1:end - 1]
    if inner.startswith("?:"):
        return inner[2:]
    if inner.startswith("?P<"):
        return inner[inner.find(">") + 1:]
    return None if inner.startswith("?") else inner


def _mandatory_group(pattern: str, i: int) -> tuple[str | None, int] | None:
    """The group opening at ``i``: its body when every match goes through it (not
    optional, plain or named), else None, and the index after it and its
    quantifier; None when it never closes."""
    end = _group_end(pattern, i)
    if end is None:
        return None
    optional, after = _quantifier(pattern, end)
    return (None if optional else _group_body(pattern, i, end)), after


def _shortest_cover(texts: list[str]) -> list[str]:
    """``texts`` without those that contain another one (finding it finds them)."""
    return [t for t in texts if not any(o != t and o in t for o in texts)]


def required_anchors(pattern: str, rs: RuleSet, normalize: Normalizer,
                     depth: int = 0) -> list[str] | None:
    """Keys one of which every match contains: a top-level reference that is not
    optional (lexicons preferred over digits); None when there is none."""
    found = _required_at(pattern, rs, normalize, depth)
    return found[0] if found else None


def reach_before_required(pattern: str, rs: RuleSet, normalize: Normalizer,
                          lexicon_lengths: dict[str, int],
                          spaces: bool = False) -> int | None:
    """How many characters at most a match has before its required word; None if
    unbounded. A run of one character class (a word, a number) counts as at most
    ``TOKEN_CAP`` characters: tokens in news are far shorter. With ``spaces``,
    count the spaces instead (``lexicon_lengths`` then holds the most spaces in a
    form): how many words at most come before the required one."""
    return _reach(pattern, rs, normalize, lexicon_lengths, spaces, 0)


def _reach(pattern: str, rs: RuleSet, normalize: Normalizer, lengths: dict[str, int],
           spaces: bool, depth: int) -> int | None:
    """``reach_before_required``: the text before the element holding the required
    word, plus the text before that word inside the element (a group or a
    fragment may start with something else)."""
    found = _required_at(pattern, rs, normalize, depth) if depth <= MAX_DEPTH else None
    if found is None or found[0] == [DIGIT_KEY]:
        return None
    i = found[1]
    before = max_length(pattern[:i], rs, normalize, lengths, spaces=spaces)
    inside: int | None = 0
    ref = REF.match(pattern, i)
    if ref is not None:
        name, group, cap = ref.group(1), ref.group(2), ref.group(3)
        if name in rs.fragments and group is None and cap is None:
            inside = _reach(normalize(rs.fragments[name]), rs, normalize, lengths, spaces,
                            depth + 1)
    elif pattern.startswith("(", i):
        end = _group_end(pattern, i)
        body = _group_body(pattern, i, end) if end is not None else None
        if body is None:
            return None
        reaches = [_reach(a, rs, normalize, lengths, spaces, depth + 1)
                   for a in top_level_alternatives(body)]
        inside = None if None in reaches else max(r for r in reaches if r is not None)
    return None if before is None or inside is None else before + inside


def text_before_required(pattern: str, rs: RuleSet, normalize: Normalizer) -> str:
    """The literal text every match has right before its required word ("" if none).

    «{name}، {title}» gives «، »: a title that does not follow a comma cannot be
    the required word of a match, so the rule is not tried before it.
    """
    found = _required_at(pattern, rs, normalize, 0)
    if found is None or found[0] == [DIGIT_KEY]:
        return ""
    ref = REF.match(pattern, found[1])
    if ref is None or ref.group(1) not in rs.lexicons:
        return ""  # a group or a fragment: the word may come after other text in it
    prefix = pattern[:found[1]]
    while prefix.endswith(")"):  # lookarounds just before the word take no text
        starts = [i for i, c, level in _syntax(prefix) if c == "(" and level == 0]
        if not starts or not _LOOKAROUND.match(prefix, starts[-1]) \
                or _group_end(prefix, starts[-1]) != len(prefix):
            return ""
        prefix = prefix[:starts[-1]]
    run = len(prefix)
    while run > 0 and prefix[run - 1] not in _META:
        run -= 1
    if run > 0 and prefix[run - 1] == "\\":
        run += 1  # the first character is escaped: not a literal
    return prefix[run:]


TOKEN_CAP = 40
_ATOM = regex.compile(r"\\[pPN]\{[^}]*\}|\\.|\.")


def max_length(pattern: str, rs: RuleSet, normalize: Normalizer,
               lexicon_lengths: dict[str, int], depth: int = 0,
               spaces: bool = False) -> int | None:
    """The longest text ``pattern`` can match, or None when it is unbounded.

    With ``spaces``, the most spaces it can match instead of characters (a
    character that may be a space counts 1, any other 0).
    """
    if depth > MAX_DEPTH:
        return None
    alternatives = top_level_alternatives(pattern)
    if len(alternatives) > 1:
        lengths = [max_length(a, rs, normalize, lexicon_lengths, depth + 1, spaces)
                   for a in alternatives]
        return None if None in lengths else max(x for x in lengths if x is not None)
    total, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        single = True  # one character wide (a class, an escape, a literal)
        if c == "(":
            end = _group_end(pattern, i)
            if end is None:
                return None
            if _LOOKAROUND.match(pattern, i):
                i = end
                continue
            inner = pattern[i + 1:end - 1]
            inner = inner[2:] if inner.startswith("?:") else (
                inner[inner.find(">") + 1:] if inner.startswith("?P<") else inner)
            width = max_length(inner, rs, normalize, lexicon_lengths, depth + 1, spaces)
            single = False
        elif c == "{" and REF.match(pattern, i):
            ref = REF.match(pattern, i)
            assert ref is not None
            name, group, cap = ref.group(1), ref.group(2), ref.group(3)
            end = ref.end()
            if name in rs.fragments and group is None and cap is None:
                width = max_length(normalize(rs.fragments[name]), rs, normalize,
                                   lexicon_lengths, depth + 1, spaces)
            else:
                width = lexicon_lengths.get(name)
            single = False
        elif c == "[":
            end = _class_end(pattern, i)
            width = _may_be_space(pattern[i:end]) if spaces else 1
        else:
            atom = _ATOM.match(pattern, i)
            end = atom.end() if atom else i + 1
            width = _may_be_space(pattern[i:end]) if spaces else 1
        if width is None:
            return None
        q = _QUANTIFIER.match(pattern, end)
        if q is not None:
            text = q.group().rstrip("?+") or q.group()
            bounds = regex.fullmatch(r"\{(\d*)(?:,(\d*))?\}", text)
            if text == "?":
                pass
            elif bounds and (bounds.group(2) != "" or "," not in text):
                width *= int(bounds.group(2) or bounds.group(1) or 0)
            elif single and not (spaces and width):
                width = 0 if spaces else TOKEN_CAP  # a word or a number: one token
            else:
                return None
            end = q.end()
        total += width
        i = end
    return total


_SPACE_FREE = regex.compile(r"\\[wdDW]|\[\^?(?:[^\]\\\s]|\\[^sSWD])+\]|[^\s\\.\[]")


def _may_be_space(atom: str) -> int:
    """1 when the one-character ``atom`` (a literal, an escape, a class) may match
    a space, else 0; in doubt 1."""
    if atom.startswith("[^"):
        return 1  # a negated class matches spaces unless it names them; in doubt, yes
    return 0 if _SPACE_FREE.fullmatch(atom) else 1


def _required_at(pattern: str, rs: RuleSet, normalize: Normalizer,
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
                _class_end(pattern, i) if c == "[" else i + 1))
            start = i
            optional, i = _quantifier(pattern, element_end)
            if digit is not None and not optional and not found_digit:
                found_digit, digit_at = True, start
            continue
        if c == "(":
            mandatory = _mandatory_group(pattern, i)
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
                q = _QUANTIFIER.match(pattern, i)
                i = q.end() if q else i + 1
                continue
            optional, after = _quantifier(pattern, ref.end())
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
