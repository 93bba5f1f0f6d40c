"""Value builders: turn the parts a rule captured into normalized values.

Rules capture the pieces of an expression as written (a day number, a month's
number from the lexicon, a year, a qualifier); a builder named by the fact type
(``builder: date``) turns them into the output contract's fields. Builders hold
no Arabic: the words live in the lexicons, which give numbers and codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extractor.normalize import normalize_literal


@dataclass(frozen=True)
class DateContext:
    """What the document says around a date: its reference date and governing year."""

    ref_date: dt.date | None
    year_hint: int | None  # nearest explicit year governing the sentence


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    digits = normalize_literal(str(value))
    return int(digits) if digits.isdigit() else None


def _hijri_to_gregorian(y: int, m: int, d: int) -> dt.date | None:
    from hijridate import Hijri  # imported lazily: only Hijri dates need it

    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def build_date(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any]:
    """Contract fields of a ``date`` fact from its parts (day, month, year, mod, calendar)."""
    day, month, year = _int(parts.get("day")), _int(parts.get("month")), _int(parts.get("year"))
    calendar = parts.get("calendar") or "gregorian"
    if year is not None and year < 100 and parts.get("year_digits") != "full":
        year += 2000 if year < 50 else 1900
    inferred = False
    underspecified = None
    if year is None and (month is not None or day is not None):
        underspecified = _iso("XXXX", month, day)
        if ctx.year_hint is not None:
            year, inferred = ctx.year_hint, True
        elif ctx.ref_date is not None:
            year, inferred = ctx.ref_date.year, True
    out: dict[str, Any] = {
        "mod": parts.get("mod"),
        "calendar": calendar,
        "hijri": None,
        "inferred": inferred,
    }
    if calendar == "hijri" and year is not None:
        out["hijri"] = _iso(f"{year:04d}", month, day)
        if month is not None and day is not None:
            g = _hijri_to_gregorian(year, month, day)
            out["value"] = g.isoformat() if g else None
        else:
            start = _hijri_to_gregorian(year, month or 1, 1)
            end_y, end_m = (year, month) if month else (year, 12)
            last = _hijri_to_gregorian(end_y, end_m, 29)
            out["value"] = f"{start.isoformat()}/{last.isoformat()}" if start and last else None
    else:
        out["value"] = _iso(f"{year:04d}", month, day) if year is not None else underspecified
    if underspecified is not None:
        out["underspecified"] = underspecified
    return out


def _iso(year: str, month: int | None, day: int | None) -> str:
    if month is None:
        return year
    if day is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


Builder = Callable[[dict[str, Any], DateContext], dict[str, Any]]
BUILDERS: dict[str, Builder] = {"date": build_date}


def explicit_year(parts: dict[str, Any]) -> int | None:
    """The year a date states itself (used as the hint for later dates)."""
    if parts.get("calendar") == "hijri":
        return None
    year = _int(parts.get("year"))
    if year is not None and year < 100:
        return None
    return year
