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


def _signed(value: Any) -> int | None:
    """A signed integer part (relative offsets such as ``-1``), or None."""
    if value is None or value == "":
        return None
    text = normalize_literal(str(value))
    return int(text) if text.lstrip("-").isdigit() else None


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if month is None or day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _relative(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """Dates stated relative to the reference date: days (``offset``) or years."""
    offset, year_offset = _signed(parts.get("offset")), _signed(parts.get("year_offset"))
    if offset is None and year_offset is None:
        return None
    out: dict[str, Any] = {"mod": parts.get("mod"), "calendar": "gregorian", "hijri": None,
                           "inferred": True, "value": None}
    if ctx.ref_date is None:
        return out
    if offset is not None:
        out["value"] = (ctx.ref_date + dt.timedelta(days=offset)).isoformat()
    else:
        assert year_offset is not None
        out["value"] = _iso(f"{ctx.ref_date.year + year_offset:04d}", _int(parts.get("month")),
                            _int(parts.get("day")))
    return out


def _hijri_value(year: int, month: int | None, day: int | None) -> str | None:
    """Gregorian value (Umm al-Qura) of a Hijri date; an interval for a month or a year."""
    if month is not None and day is not None:
        g = _hijri_to_gregorian(year, month, day)
        return g.isoformat() if g else None
    start = _hijri_to_gregorian(year, month or 1, 1)
    end_m = month or 12
    last = None
    for length in (30, 29):
        last = _hijri_to_gregorian(year, end_m, length)
        if last is not None:
            break
    return f"{start.isoformat()}/{last.isoformat()}" if start and last else None


def build_date(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any]:
    """Contract fields of a ``date`` fact from its parts.

    Parts: ``day``, ``month``, ``year`` (``year_digits: full`` keeps a two-digit
    year as written), ``year_end`` (an interval of years), ``mod``, ``calendar``,
    ``offset`` (days from the reference date) and ``year_offset`` (years from it).
    """
    relative = _relative(parts, ctx)
    if relative is not None:
        return relative
    day, month, year = _int(parts.get("day")), _int(parts.get("month")), _int(parts.get("year"))
    year_end = _int(parts.get("year_end"))
    calendar = parts.get("calendar") or "gregorian"
    if year is not None and year < 100 and parts.get("year_digits") != "full":
        year += 2000 if year < 50 else 1900
    inferred = False
    underspecified = None
    if year is None and (month is not None or day is not None):
        underspecified = _iso("XXXX", month, day)
        if calendar != "hijri" and ctx.year_hint is not None:
            year, inferred = ctx.year_hint, True
        elif calendar != "hijri" and ctx.ref_date is not None:
            year, inferred = ctx.ref_date.year, True
    out: dict[str, Any] = {
        "mod": parts.get("mod"),
        "calendar": calendar,
        "hijri": None,
        "inferred": inferred,
    }
    if year is not None and not _valid(year, month, day):
        out["value"] = None
    elif calendar == "hijri" and year is not None:
        out["hijri"] = _iso(f"{year:04d}", month, day)
        out["value"] = _hijri_value(year, month, day)
    elif year is not None and year_end is not None and year_end > year and month is None:
        out["value"] = f"{year:04d}/{year_end:04d}"
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
