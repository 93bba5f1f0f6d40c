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
