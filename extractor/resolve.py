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
    # Winners never overlap, so they stay sorted by start: each candidate only
    # needs to be checked against its two neighbours (n log n, not n squared).
    starts: list[int] = []
    kept: list[int] = []  # parallel to starts
    losses: list[Loss] = []
    for i in order:
        c = candidates[i]
        at = bisect.bisect_left(starts, c.start)
        overlapping = [kept[at - 1]] if at and candidates[kept[at - 1]].end > c.start else []
        k = at
        while k < len(kept) and starts[k] < c.end:
            overlapping.append(kept[k])
            k += 1
        # Report the best-ranked winner it overlaps, as explain shows it.
        clash = min(overlapping, key=lambda j: rank(candidates[j])) if overlapping else None
        if clash is None:
            starts.insert(at, c.start)
            kept.insert(at, i)
        else:
            losses.append(Loss(i, clash, reason(candidates[clash], c)))
    kept.sort(key=lambda i: (candidates[i].start, candidates[i].end))
    return kept, losses
