"""Overlap resolution: one rule per stretch of text.

When candidates overlap, the higher ``priority`` wins, then the longer span,
then the earlier start (then the rule declared first, so results never depend
on dictionary order). Losers are kept with the reason, for ``extractor explain``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Protocol


class Spanned(Protocol):
    start: int
    end: int
    priority: int
    order: int


@dataclass(frozen=True)
class Loss:
    """Why a candidate lost: the winner it overlapped and the deciding criterion."""

    loser: int
    winner: int
    reason: str  # "priority", "length", "start", "order"


class SpanSet:
    """Disjoint ``[start, end)`` spans kept sorted: overlap tests in log time."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans or []):
            self.add(start, end)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices (in start order) of the kept spans that overlap ``[start, end)``."""
        at = bisect.bisect_left(self.starts, start)
        found = [at - 1] if at and self.ends[at - 1] > start else []
        while at < len(self.starts) and self.starts[at] < end:
            found.append(at)
            at += 1
        return found

    def add(self, start: int, end: int) -> int:
        """Keep a span (the caller checked it overlaps none); returns its index."""
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)
        return at


def rank(c: Spanned) -> tuple[int, int, int, int]:
    """Sort key: best candidate first."""
    return (-c.priority, -(c.end - c.start), c.start, c.order)


def reason(winner: Spanned, loser: Spanned) -> str:
    if winner.priority != loser.priority:
        return "priority"
    if winner.end - winner.start != loser.end - loser.start:
        return "length"
    if winner.start != loser.start:
        return "start"
    return "order"


def resolve(candidates: list[Spanned]) -> tuple[list[int], list[Loss]]:
    """Indices of the non-overlapping winners (in text order) and the losses."""
    order = sorted(range(len(candidates)), key=lambda i: rank(candidates[i]))
    # Winners never overlap, so they stay sorted by start and each candidate is
    # checked against its neighbours only (n log n, not n squared).
    spans = SpanSet()
    kept: list[int] = []  # parallel to the spans
    losses: list[Loss] = []
    for i in order:
        c = candidates[i]
        overlapping = [kept[k] for k in spans.overlapping(c.start, c.end)]
        if overlapping:
            # Report the best-ranked winner it overlaps, as explain shows it.
            clash = min(overlapping, key=lambda j: rank(candidates[j]))
            losses.append(Loss(i, clash, reason(candidates[clash], c)))
        else:
            kept.insert(spans.add(c.start, c.end), i)
    kept.sort(key=lambda i: (candidates[i].start, candidates[i].end))
    return kept, losses
