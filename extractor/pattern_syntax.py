"""The syntax of rule patterns as the analyses read it: groups, classes,
quantifiers and alternatives, outside escapes and character classes.

Shared by the anchor analysis (:mod:`extractor.anchor_analysis`), the reach
analysis (:mod:`extractor.reach`) and the backtracking check
(:mod:`extractor.regex_risk`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

# {lexicon}, {lexicon/group}, {lexicon:capture}, {fragment} (not \p{..} or \L<..>)
REF = regex.compile(
    r"(?<!\\[pPNL])\{([a-z_][a-z0-9_]*)(?:/([a-z_][a-z0-9_]*))?(?::([a-z_][a-z0-9_]*))?\}")
LOOKAROUND = regex.compile(r"\(\?<?[!=]")
QUANTIFIER = regex.compile(r"(?:\?|\*|\+|\{\d*(?:,\d*)?\})[?+]?")
MAX_DEPTH = 12  # nested groups and fragments the analyses follow before giving up
Normalizer = Callable[[str], str]
META = set("\\[](){}|?*+.^$")  # characters that are syntax, not literal text


def syntax(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth before it) of every character that is regex
    syntax outside escapes and character classes, from ``start``."""
    level, i = 0, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = class_end(pattern, i)
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
    for i, c, level in syntax(pattern):
        if c == "|" and level == 0:
            parts.append(pattern[last:i])
            last = i + 1
    parts.append(pattern[last:])
    return parts


def class_end(pattern: str, i: int) -> int:
    j = i + 1
    if pattern[j:j + 1] == "^":
        j += 1
    if pattern[j:j + 1] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def group_end(pattern: str, i: int) -> int | None:
    """Index just after the group opening at ``i``; None if it never closes."""
    for j, c, level in syntax(pattern, i):
        if c == ")" and level == 1:
            return j + 1
    return None


def quantifier(pattern: str, i: int) -> tuple[bool, int]:
    """(may the element before ``i`` be absent?, index after the quantifier)."""
    m = QUANTIFIER.match(pattern, i)
    if m is None:
        return False, i
    q = m.group().rstrip("?+") or m.group()
    optional = q in ("?", "*") or q.startswith("{0") or q.startswith("{,")
    return optional, m.end()


def group_body(pattern: str, start: int, end: int) -> str | None:
    """The body of the group ``pattern[start:end]`` when it is a plain or a named
    group; None for lookarounds, atomic groups, flags and conditionals."""
    inner = pattern[start + 1:end - 1]
    if inner.startswith("?:"):
        return inner[2:]
    if inner.startswith("?P<"):
        return inner[inner.find(">") + 1:]
    return None if inner.startswith("?") else inner


def mandatory_group(pattern: str, i: int) -> tuple[str | None, int] | None:
    """The group opening at ``i``: its body when every match goes through it (not
    optional, plain or named), else None, and the index after it and its
    quantifier; None when it never closes."""
    end = group_end(pattern, i)
    if end is None:
        return None
    optional, after = quantifier(pattern, end)
    return (None if optional else group_body(pattern, i, end)), after
