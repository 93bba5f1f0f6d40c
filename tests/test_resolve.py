"""Overlap resolution: priority, then length, then start, then declaration order."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from extractor.resolve import resolve


@dataclass
class C:
    start: int
    end: int
    priority: int
    order: int = 0


@pytest.mark.parametrize(
    ("candidates", "winners", "reasons"),
    [
        ([C(0, 5, 50), C(2, 8, 60)], [1], ["priority"]),
        ([C(0, 5, 50), C(0, 8, 50)], [1], ["length"]),
        ([C(0, 5, 50), C(3, 8, 50)], [0], ["start"]),
        ([C(0, 5, 50, order=1), C(0, 5, 50, order=0)], [1], ["order"]),
        ([C(0, 5, 50), C(5, 8, 10)], [0, 1], []),  # touching spans do not overlap
        ([C(0, 10, 10), C(1, 3, 50), C(4, 6, 50)], [1, 2], ["priority"]),
    ],
)
def test_resolution_table(candidates: list[C], winners: list[int], reasons: list[str]) -> None:
    kept, losses = resolve(candidates)  # type: ignore[arg-type]
    assert kept == winners
    assert [loss.reason for loss in losses] == reasons


def test_a_loser_is_reported_against_the_best_winner_it_overlaps() -> None:
    candidates = [C(0, 4, 60), C(5, 9, 70), C(2, 7, 50)]
    kept, losses = resolve(candidates)  # type: ignore[arg-type]
    assert kept == [0, 1]
    assert [(loss.loser, loss.winner, loss.reason) for loss in losses] == [(2, 1, "priority")]


def test_many_candidates_resolve_like_the_simple_definition() -> None:
    import random

    rng = random.Random(7)
    candidates = [C(s, s + rng.randint(1, 30), rng.choice([10, 50, 60]), rng.randint(0, 9))
                  for s in (rng.randint(0, 2000) for _ in range(600))]
    kept, _ = resolve(candidates)  # type: ignore[arg-type]
    expected: list[int] = []
    for i in sorted(range(len(candidates)), key=lambda i: (
            -candidates[i].priority, -(candidates[i].end - candidates[i].start),
            candidates[i].start, candidates[i].order)):
        c = candidates[i]
        if all(candidates[k].end <= c.start or c.end <= candidates[k].start for k in expected):
            expected.append(i)
    assert kept == sorted(expected, key=lambda i: (candidates[i].start, candidates[i].end))
