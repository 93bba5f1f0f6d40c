"""Spot regex shapes that can backtrack catastrophically, before any text is run.

Two shapes cause nearly all exponential matching: a repeated group that itself
contains an unbounded repetition (``(?:\\w+ )+``, ``(x+)*``), and a repeated
group whose alternatives overlap (``(?:a|ab)*``). This is a syntactic check over
the pattern as written, with fragments expanded; lexicon references are finite
word lists and stand for one word. Atomic groups and possessive quantifiers are
safe by construction and never reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractor.pattern_syntax import REF

_QUANT = regex.compile(r"(?:[*+?]|\{(\d*)(,?)(\d*)\})([+?]?)")


@dataclass
class _Group:
    start: int
    atomic: bool
    body_start: int
    alternatives: list[tuple[int, int]] = field(default_factory=list)
    alt_start: int = 0
    unbounded_inside: bool = False
    separated: list[bool] = field(default_factory=list)  # per finished alternative
    separator: bool = False  # the current alternative has a mandatory narrow atom

    def end_alternative(self, end: int) -> None:
        self.alternatives.append((self.alt_start, end))
        self.separated.append(self.separator)
        self.separator = False


def expand_fragments(pattern: str, fragments: dict[str, str], depth: int = 0) -> str:
    """The pattern with ``{fragment}`` written out and lexicon references as one word."""

    def repl(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name in fragments and m.group(2) is None and m.group(3) is None and depth < 8:
            return "(?:" + expand_fragments(fragments[name], fragments, depth + 1) + ")"
        return "L"

    return REF.sub(repl, pattern)


def _quantifier(pattern: str, i: int) -> tuple[int, bool, bool]:
    """(length, unbounded, possessive) of a quantifier at ``i``; length 0 if none."""
    m = _QUANT.match(pattern, i)
    if m is None:
        return 0, False, False
    text = m.group()
    if text[0] == "{":
        if not m.group(1) and not m.group(3):
            return 0, False, False  # a literal brace
        unbounded = bool(m.group(2)) and not m.group(3)
    else:
        unbounded = text[0] in "*+"
    return len(text), unbounded, m.group(4) == "+"


def _skip_class(pattern: str, i: int) -> int:
    """The index after a character class starting at ``i``."""
    j = i + 1
    if pattern[j:j + 1] == "^":
        j += 1
    if pattern[j:j + 1] == "]":
        j += 1
    depth = 1
    while j < len(pattern) and depth:
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        j += 1
    return j


def _overlapping(alts: list[str]) -> tuple[str, str] | None:
    for a in alts:
        for b in alts:
            if a is not b and (a == b or (a and b.startswith(a))):
                return a, b
    return None


_BROAD_ESCAPES = set("wWSDXpPN")


def _atom(stack: list[_Group], source: str, i: int, narrow: bool) -> int:
    """Account for the quantifier after an atom ending before ``i``; return its end."""
    n, unbounded, _ = _quantifier(source, i)
    stack[-1].unbounded_inside |= unbounded
    mandatory = n == 0 or (source[i] == "{" and not source.startswith(("{0", "{,"), i))
    if narrow and mandatory and not unbounded:
        stack[-1].separator = True
    return i + n


def backtracking_risks(pattern: str, fragments: dict[str, str] | None = None) -> list[str]:
    """A message for every risky repeated group of the pattern."""
    source = expand_fragments(pattern, fragments or {})
    risks: list[str] = []
    stack: list[_Group] = [_Group(0, False, 0)]
    i = 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            narrow = source[i + 1:i + 2] not in _BROAD_ESCAPES
            i = _atom(stack, source, i + 2, narrow)
        elif c == "[":
            end = _skip_class(source, i)
            body = source[i:end]
            narrow = not body.startswith("[^") and not any(
                "\\" + e in body for e in _BROAD_ESCAPES)
            i = _atom(stack, source, end, narrow)
        elif c == "(":
            head = regex.match(r"\((?:\?(?:P<\w+>|<\w+>|[:>=!]|<[=!]|[a-zA-Z-]+:)?)?",
                               source[i:])
            length = len(head.group()) if head else 1
            g = _Group(i, source.startswith("(?>", i), i + length)
            g.alt_start = g.body_start
            stack.append(g)
            i += length
        elif c == "|":
            stack[-1].end_alternative(i)
            stack[-1].alt_start = i + 1
            i += 1
        elif c == ")" and len(stack) > 1:
            g = stack.pop()
            g.end_alternative(i)
            n, unbounded, possessive = _quantifier(source, i + 1)
            text = source[g.start:i + 1 + n]
            if unbounded and not possessive and not g.atomic:
                alts = [source[a:b] for a, b in g.alternatives]
                pair = _overlapping(alts) if len(alts) > 1 else None
                if g.unbounded_inside and not all(g.separated):
                    risks.append(f"nested repetition {_short(text)}: a repeated group holds "
                                 "another unbounded repetition and nothing that marks where "
                                 "one round ends")
                elif pair is not None:
                    risks.append(f"overlapping alternatives {_short(text)}: «{pair[0]}» "
                                 f"and «{pair[1]}» can match the same text")
            stack[-1].unbounded_inside |= g.unbounded_inside
            i = _atom(stack, source, i + 1, all(g.separated))
        else:
            i = _atom(stack, source, i + 1, c not in ".")
    return risks


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
