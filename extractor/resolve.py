"""Overlap resolution: one rule per stretch of text.

When candidates overlap, the higher ``priority`` wins, then the longer span,
then the earlier start (then the rule declared first, so results never depend
on dictionary order). Losers are kept with the reason, for ``extractor explain``.
"""

from __future__ import annotations

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
    kept: list[int] = []
    losses: list[Loss] = []
    for i in order:
        c = candidates[i]
        clash = next((k for k in kept if candidates[k].start < c.end
                      and c.start < candidates[k].end), None)
        if clash is None:
            kept.append(i)
        else:
            losses.append(Loss(i, clash, reason(candidates[clash], c)))
    kept.sort(key=lambda i: (candidates[i].start, candidates[i].end))
    return kept, losses
