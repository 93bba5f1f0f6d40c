"""Cases and periods of the date benchmark (bench/eval_dates.py).

A test case of any suite becomes a ``Case`` (text, reference time, gold periods,
accepted alternatives, kind, class); every ISO/TIMEX3 value becomes a period of
days ``[start, end)``, the unit both tools are scored in. ``ours`` runs the
extractor on one text. Split from eval_dates.py to keep each module small.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.engine import extract_document, fact_dicts  # noqa: E402
from extractor.rulepacks import compiled_rules  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
CLASSES = yaml.safe_load((Path(__file__).parent / "date_classes.yaml").read_text("utf-8"))
NOTHING = ("durations", "sets", "negatives")  # classes where no date is right
NON_CALENDAR = ("times", "durations", "sets")
# Proclitics a class word may carry (date_classes.yaml, longest first).
CLITIC = "|".join(sorted(map(re.escape, CLASSES["clitics"]), key=len, reverse=True))
Period = tuple[dt.date, dt.date]
DAY = dt.timedelta(days=1)
csv.field_size_limit(10**7)


@dataclass
class Case:
    suite: str
    text: str
    ref: dt.datetime
    gold: list[Period] = field(default_factory=list)  # every expected date (search rows)
    point: bool = False  # gold is an instant standing for its period (Maha)
    alt: list[Period] = field(default_factory=list)  # an accepted alternative (past/future)
    kind: str = "date"  # date, time, duration, set, negative, skip
    cls: str = ""


# ------------------------------------------------------------------ periods
def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y + (m == 12), m % 12 + 1, 1)


def period(value: str) -> Period | None:
    """The days ``[start, end)`` an ISO/TIMEX3 value denotes (None when unknown)."""
    if "/" in value:
        a, b = (period(v) for v in value.split("/", 1))
        return (a[0], b[1]) if a and b else None
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            d = dt.date.fromisoformat(value)
            return d, d + DAY
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), _month_end(y, mo)
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + 7 * DAY
        if m := re.fullmatch(r"(\d{4})-([QH])(\d)", value):
            y, n = int(m[1]), int(m[3])
            size = 3 if m[2] == "Q" else 6
            first = (n - 1) * size + 1
            return dt.date(y, first, 1), _month_end(y, first + size - 1)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value) + 1, 1, 1)
        if re.fullmatch(r"\d{3}", value):
            return dt.date(int(value) * 10, 1, 1), dt.date(int(value) * 10 + 10, 1, 1)
        if re.fullmatch(r"\d{2}", value):
            return dt.date(int(value) * 100, 1, 1), dt.date(int(value) * 100 + 100, 1, 1)
    except ValueError:
        return None
    return None


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


COMPILED = compiled_rules(())


def ours(text: str, ref: dt.date | None, doc_id: str = "case") -> list[dict[str, Any]]:
    """Our date facts on one text."""
    result = extract_document(COMPILED, text, doc_id, ref)
    return [f for f in fact_dicts(result, COMPILED) if f["type"] == "date"]
