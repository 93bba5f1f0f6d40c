"""Calendar arithmetic shared by the date builders (extractor/values.py and
extractor/relative_dates.py): integer parts, Hijri <-> Gregorian conversion
(Umm al-Qura, through ``hijridate``), month shifts and ISO/TIMEX3 value strings.

Nothing here reads a rule or knows a word: the functions take numbers and
return dates or value strings, so both builders can share them without
importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from extractor.normalize import normalize_literal


@dataclass(frozen=True)
class DateContext:
    """What the document says around a date: its reference date and governing year."""

    ref_date: dt.date | None
    year_hint: int | None  # nearest explicit year governing the sentence
    ref_source: str | None = None  # where ref_date came from: cli, document, dateline


def to_int(value: Any) -> int | None:
    """A non-negative integer part (digits in any script), or None."""
    if value is None or value == "":
        return None
    digits = normalize_literal(str(value))
    return int(digits) if digits.isdigit() else None


def to_signed(value: Any) -> int | None:
    """A signed integer part (relative offsets such as ``-1``), or None."""
    if value is None or value == "":
        return None
    text = normalize_literal(str(value))
    return int(text) if text.lstrip("-").isdigit() else None


def hijri_to_gregorian(y: int, m: int, d: int) -> dt.date | None:
    """The Gregorian day of a Hijri date; day 30 of a 29-day month is the next
    month's first day (the overflow dateparser and the calendars on walls give)."""
    from hijridate import Hijri  # imported lazily: only Hijri dates need it

    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        if d != 30:
            return None
        try:
            g = Hijri(y, m, 29).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return dt.date(g.year, g.month, g.day) + dt.timedelta(days=1)
    return dt.date(g.year, g.month, g.day)


def gregorian_to_hijri(d: dt.date) -> tuple[int, int] | None:
    """The Hijri year and month of a Gregorian day, or None out of range."""
    from hijridate import Gregorian

    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month


def gregorian_to_hijri_day(d: dt.date) -> tuple[int, int, int] | None:
    """The Hijri year, month and day of a Gregorian day, or None out of range."""
    from hijridate import Gregorian

    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def valid(year: int, month: int | None, day: int | None) -> bool:
    """Whether the day exists (a month or a year alone always does)."""
    if month is None or day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def iso(year: str, month: int | None, day: int | None) -> str:
    """``2019``, ``2019-06`` or ``2019-06-15`` (the year as written: ``XXXX`` too)."""
    if month is None:
        return year
    if day is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


def hijri_value(year: int, month: int | None, day: int | None) -> str | None:
    """Gregorian value (Umm al-Qura) of a Hijri date; an interval for a month or a year."""
    if month is not None and day is not None:
        g = hijri_to_gregorian(year, month, day)
        return g.isoformat() if g else None
    start = hijri_to_gregorian(year, month or 1, 1)
    end_m = month or 12
    last = hijri_to_gregorian(year, end_m, 30 if _has_day30(year, end_m) else 29)
    return f"{start.isoformat()}/{last.isoformat()}" if start and last else None


def _has_day30(year: int, month: int) -> bool:
    """Whether the Hijri month has a 30th day (not the overflow into the next month)."""
    from hijridate import Hijri

    try:
        Hijri(year, month, 30)
    except (ValueError, OverflowError):
        return False
    return True


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """The year and month ``offset`` months after (before, if negative) a month."""
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def month_end(y: int, m: int) -> dt.date:
    """The first day after the month (its exclusive end)."""
    return dt.date(y + (m == 12), m % 12 + 1, 1)


def iso_week(day: dt.date) -> str:
    """The TIMEX3 week of a day (``2015-W30``)."""
    cal = day.isocalendar()
    return f"{cal.year:04d}-W{cal.week:02d}"


def grain(year: int, month: int | None, day: int | None, parts: dict[str, Any]) -> str:
    """A year, month or day, or a year's half (``2014-H2``) or quarter (``2015-Q1``)."""
    part = parts.get("year_part")
    if month is None and isinstance(part, str) and (
            part[:1] in ("H", "Q") or part in ("SP", "SU", "FA", "WI")):
        return f"{year:04d}-{part}"
    return iso(f"{year:04d}", month, day)


def spelled_year(parts: dict[str, Any]) -> int | None:
    """A year written in words, from the numbers of its words: thousands (``yt``),
    up to three more words (``yw1``..``yw3``), or a century in teens (``yc``)."""
    words = [to_int(parts.get(k)) for k in ("yt", "yw1", "yw2", "yw3")]
    if all(w is None for w in words):
        return None
    century = to_int(parts.get("yc"))
    return sum(w or 0 for w in words) + (century * 100 if century else 0)
