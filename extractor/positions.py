"""Where in a document a rule can match: the positions and lines to try.

Pure functions over offsets (no regex matching here): anchors narrowed to those
a bounded distance before a required word, word starts within reach of it, and
the lines (paragraphs) holding a required word or text. :mod:`extractor.match`
tries each rule's pattern only there.
"""

from __future__ import annotations

import bisect

import regex


def text_positions(text: str, literals: list[str]) -> set[int]:
    """One position of each of ``literals`` per line it occurs in."""
    out: set[int] = set()
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            out.add(at)
            line_end = text.find("\n", at)
            at = -1 if line_end < 0 else text.find(literal, line_end)
    return out


def before_required(positions: list[int], required: list[int], reach: int) -> list[int]:
    """The sorted ``positions`` with a required position at most ``reach`` after them."""
    out = []
    for p in positions:
        i = bisect.bisect_left(required, p)
        if i < len(required) and required[i] - p <= reach:
            out.append(p)
    return out


def word_starts_before(text: str, word_starts: list[int], required: list[int], reach: int,
                   reach_spaces: int | None) -> list[int]:
    """Word starts within ``reach`` characters before (or at) a required position,
    and with at most ``reach_spaces`` white-space characters between them and it."""
    out: set[int] = set()
    plain = _OTHER_SPACE.search(text) is None  # normalized text: spaces and newlines only
    for p in required:
        lo = bisect.bisect_left(word_starts, p - reach)
        hi = bisect.bisect_right(word_starts, p)
        if reach_spaces is None:
            out.update(word_starts[lo:hi])
            continue
        for i in range(hi - 1, lo - 1, -1):  # nearest first; the count only grows
            start = word_starts[i]
            spaces = text.count(" ", start, p) + text.count("\n", start, p) if plain \
                else len(_SPACE.findall(text, start, p))
            if spaces > reach_spaces:
                break
            out.add(start)
    return sorted(out)


_SPACE = regex.compile(r"\s")

_OTHER_SPACE = regex.compile(r"[^\S \n]")


def inside(positions: list[int], windows: list[tuple[int, int]]) -> list[int]:
    """The sorted positions that fall in one of the sorted, disjoint windows."""
    out: list[int] = []
    w = 0
    for p in positions:
        while w < len(windows) and windows[w][1] <= p:
            w += 1
        if w == len(windows):
            break
        if windows[w][0] <= p:
            out.append(p)
    return out


def lines_with(text: str, positions: set[int]) -> list[tuple[int, int]]:
    """The lines (paragraphs) that hold any of ``positions``, sorted and disjoint.

    Lines, not sentences: a match may run across a full stop (an abbreviated
    title such as «د.», a decimal), never across a line break.
    """
    windows: list[tuple[int, int]] = []
    for p in sorted(positions):
        if windows and p < windows[-1][1]:
            continue
        start = text.rfind("\n", 0, p) + 1
        end = text.find("\n", p)
        windows.append((start, len(text) if end < 0 else end + 1))
    return windows
