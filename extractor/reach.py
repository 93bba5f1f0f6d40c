"""How far before its required word a match can start: in characters, in
spaces, and the literal text right before that word.

Rules that start with a name, or with optional lead words, are tried only at
the positions these bounds allow before a word every match holds
(:mod:`extractor.match`).
"""

from __future__ import annotations

import regex

from extractor.anchor_analysis import required_element
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
    group_body,
    group_end,
    syntax,
    top_level_alternatives,
)

TOKEN_CAP = 40

_ATOM = regex.compile(r"\\[pPN]\{[^}]*\}|\\.|\.")


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
    found = required_element(pattern, rs, normalize, depth) if depth <= MAX_DEPTH else None
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
        end = group_end(pattern, i)
        body = group_body(pattern, i, end) if end is not None else None
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
    found = required_element(pattern, rs, normalize, 0)
    if found is None or found[0] == [DIGIT_KEY]:
        return ""
    ref = REF.match(pattern, found[1])
    if ref is None or ref.group(1) not in rs.lexicons:
        return ""  # a group or a fragment: the word may come after other text in it
    prefix = pattern[:found[1]]
    while prefix.endswith(")"):  # lookarounds just before the word take no text
        starts = [i for i, c, level in syntax(prefix) if c == "(" and level == 0]
        if not starts or not LOOKAROUND.match(prefix, starts[-1]) \
                or group_end(prefix, starts[-1]) != len(prefix):
            return ""
        prefix = prefix[:starts[-1]]
    run = len(prefix)
    while run > 0 and prefix[run - 1] not in META:
        run -= 1
    if run > 0 and prefix[run - 1] == "\\":
        run += 1  # the first character is escaped: not a literal
    return prefix[run:]


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
            end = group_end(pattern, i)
            if end is None:
                return None
            if LOOKAROUND.match(pattern, i):
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
            end = class_end(pattern, i)
            width = _may_be_space(pattern[i:end]) if spaces else 1
        else:
            atom = _ATOM.match(pattern, i)
            end = atom.end() if atom else i + 1
            width = _may_be_space(pattern[i:end]) if spaces else 1
        if width is None:
            return None
        q = QUANTIFIER.match(pattern, end)
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
