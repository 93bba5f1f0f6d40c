"""Value builders: turn the parts a rule captured into normalized values.

Rules capture the pieces of an expression as written (a day number, a month's
number from the lexicon, a year, a qualifier, a direction); a builder named by
the fact type (``builder: date``) turns them into the output contract's fields.
Builders hold no Arabic: the words live in the lexicons, which give numbers and
codes.

Relative expressions go to extractor/relative_dates.py, which resolves them
against the reference date of the document and records which reference they
used (``reference``: ``cli``, ``document`` or ``dateline``). A bare weekday with
no direction (yawm al-khamis) is read as the nearest such day on or before the
reference date, because news reports mostly past events; rules give
``direction: next`` when the sentence marks the future. Calendar arithmetic
shared by both lives in extractor/calendars.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from extractor.calendars import (
    DateContext,
    grain,
    hijri_value,
    iso,
    shift_month,
    spelled_year,
    to_int,
    to_signed,
    valid,
)
from extractor.relative_dates import count_of, relative, shift_by

__all__ = ["BUILDERS", "DateContext", "build_date", "day_value", "explicit_year"]

_int = to_int


def _period(parts: dict[str, Any]) -> str | None:
    """Decades (``198``) and centuries (``19``): TIMEX3 values with a shorter year."""
    decade, century = _int(parts.get("decade")), _int(parts.get("century"))
    if decade is not None:
        return f"{(century or 20) - 1:02d}{decade}"
    if century is not None:
        return f"{century - 1:02d}"
    return None


def build_date(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any]:
    """Contract fields of a ``date`` fact from its parts.

    Parts: ``day``, ``month``, ``year`` (``year_digits: full`` keeps a two-digit
    year as written), ``day_end``/``month_end``/``year_end`` (intervals), ``mod``,
    ``calendar``, ``year_part`` (``H2``, ``Q1``), ``decade``, ``century``, ``dword`` +
    ``dtens`` (a day in cardinal words); relative:
    ``offset`` (days), ``week_offset``, ``month_offset``, ``year_offset``,
    ``weekday`` (ISO 1-7) and ``direction`` (``past``, ``next``, ``this``; ``past2``
    and ``next2`` for before last, after next); counted offsets: ``sign``
    (``-1`` ago, ``1`` in/after), ``unit`` (day, week, month, year) and ``count`` (digits)
    or ``count_word`` + ``count_tens`` (number words) or ``unit_count`` (a singular or dual unit);
    feasts on a Hijri day: ``hmonth``, ``hday`` (+ a Gregorian ``year``).
    """
    joined = _joined(parts, ctx) or _from_date(parts, ctx)
    if joined is not None:
        return joined
    words = spelled_year(parts)
    if words is not None and _int(parts.get("year")) is None:
        parts = {**parts, "year": str(words), "year_digits": "full"}
    found = relative(parts, ctx)
    if found is not None:
        return found
    period = _period(parts)
    if period is not None:
        return {"mod": parts.get("mod"), "calendar": "gregorian", "hijri": None,
                "inferred": False, "value": period, "reference": None}
    day, month, year = _int(parts.get("day")), _int(parts.get("month")), _int(parts.get("year"))
    day = day if day is not None else _int(parts.get("oday"))
    if day is None and _int(parts.get("dword")) is not None:  # a day in cardinal words
        day = (_int(parts.get("dword")) or 0) + (_int(parts.get("dtens")) or 0)
        if day > 31:
            return {"mod": None, "calendar": "gregorian", "hijri": None,
                    "inferred": False, "value": None, "reference": None}
    year_end = _int(parts.get("year_end"))
    calendar = parts.get("calendar") or "gregorian"
    if year is not None and year < 100 and parts.get("year_digits") != "full":
        year += 2000 if year < 50 else 1900
    if year is None and year_end is not None and month is not None and calendar != "hijri":
        # «من 20 ديسمبر حتى 3 يناير 2016»: the start takes the end's year (the one before
        # when its month comes later)
        year = year_end - (month > (_int(parts.get("month_end")) or month))
    inferred, reference, underspecified = False, None, None
    needs_year = month is not None or day is not None or parts.get("year_part")
    if year is None and needs_year:
        underspecified = iso("XXXX", month, day)
        if calendar != "hijri" and ctx.year_hint is not None:
            year, inferred = ctx.year_hint, True
        elif calendar != "hijri" and ctx.ref_date is not None:
            year, inferred, reference = ctx.ref_date.year, True, ctx.ref_source or "cli"
    out: dict[str, Any] = {"mod": parts.get("mod"), "calendar": calendar, "hijri": None,
                           "inferred": inferred, "reference": reference}
    if year is not None and calendar != "hijri" and not valid(year, month, day):
        out["value"] = None
    elif calendar == "hijri" and year is not None and year_end is not None and month is None:
        first, last = hijri_value(year, None, None), hijri_value(year_end, None, None)
        out["hijri"] = f"{year:04d}/{year_end:04d}"
        out["value"] = f"{first.split('/')[0]}/{last.split('/')[1]}" if first and last else None
    elif calendar == "hijri" and year is not None:
        out["hijri"] = iso(f"{year:04d}", month, day)
        out["value"] = hijri_value(year, month, day)
    elif year is not None and year_end is not None and year_end > year and month is None:
        out["value"] = f"{year:04d}/{year_end:04d}"
    elif year is not None:
        out["value"] = grain(year, month, day, parts)
        end = _range_end(year, month, day, parts)
        if end is not None:
            out["value"] = f"{out['value']}/{end}"
    else:
        out["value"] = underspecified
    if underspecified is not None:
        out["underspecified"] = underspecified
    return out


def _first_day(value: str) -> str | None:
    """The first day of a plain ISO value (a year, a month or a day), for ordering ends."""
    if not re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?", value):
        return None
    return value + "-01" * ((10 - len(value)) // 3)


def _joined(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """A range whose ends are dates of any kind (a relative year, a month of a year,
    now): the parts prefixed ``e_`` describe the end. Both ends are built alone and
    joined as ``start/end``; a start with no year of its own takes the end's (the
    year before when its month comes later). None when the parts hold no end."""
    ends = {k[2:]: v for k, v in parts.items() if k.startswith("e_") and v not in (None, "")}
    if not ends:
        return None
    first = {k: v for k, v in parts.items() if not k.startswith("e_")}
    if first.get("year") in (None, "") and not first.get("year_offset") \
            and not first.get("offset") and _int(ends.get("year")) is not None:
        first = {**first, "year_end": ends["year"], "month_end": ends.get("month")}
    start, end = build_date(first, ctx), build_date(ends, ctx)
    a = (start.get("value") or "").split("/")[0]
    b = (end.get("value") or "").split("/")[-1]
    fa, fb = _first_day(a), _first_day(b)
    ordered = fa is not None and fb is not None and fa < fb
    return {"mod": None, "calendar": "gregorian", "hijri": None,
            "inferred": bool(start.get("inferred") or end.get("inferred")),
            "reference": start.get("reference") or end.get("reference"),
            "value": f"{a}/{b}" if ordered else None}


_OFFSET = ("from_date", "sign", "unit", "count", "count_word", "count_tens", "unit_count")


def _from_date(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """A counted offset from a date named in the text, not from the reference (بعد
    تسعة وثلاثين يوما من أول رجب، بعد ثلاثة أشهر من شهر محرم): the anchor is built
    from the other parts, then moved; a month moved by months stays a month of its
    calendar. None unless the rule says ``from_date``."""
    if parts.get("from_date") != "true":
        return None
    anchor_parts = {k: v for k, v in parts.items() if k not in _OFFSET}
    if anchor_parts.get("oday") and not anchor_parts.get("nth_day"):  # «أول رجب»: this year's
        anchor_parts = {**anchor_parts, "nth_day": anchor_parts.pop("oday")}
    anchor = build_date(anchor_parts, ctx)
    sign, count, unit = to_signed(parts.get("sign")), count_of(parts), str(parts.get("unit"))
    value, hijri = anchor.get("value") or "", anchor.get("hijri") or ""
    out = {**anchor, "value": None, "hijri": None}
    out.pop("underspecified", None)
    if sign is None or count is None:
        return out
    months = sign * count * (12 if unit == "year" else 1)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        day = shift_by(dt.date.fromisoformat(value), sign * count, unit)
        out["calendar"] = "gregorian"
        out["value"] = day.isoformat() if day else None
    elif unit in ("month", "year") and re.fullmatch(r"\d{4}-\d\d", hijri):
        y, m = shift_month(int(hijri[:4]), int(hijri[5:]), months)
        out["hijri"], out["value"] = f"{y:04d}-{m:02d}", hijri_value(y, m, None)
    elif unit in ("month", "year") and re.fullmatch(r"\d{4}-\d\d", value):
        y, m = shift_month(int(value[:4]), int(value[5:]), months)
        out["value"] = f"{y:04d}-{m:02d}"
    return out


def _range_end(year: int, month: int | None, day: int | None,
               parts: dict[str, Any]) -> str | None:
    """The end of a range of days (from 4 to 23 July), or None (invalid or not a range)."""
    day_end = _int(parts.get("day_end")) or _int(parts.get("oday_end"))
    if day is None or month is None or day_end is None:
        return None
    month_end = _int(parts.get("month_end")) or month
    year_end = _int(parts.get("year_end")) or year + (1 if month_end < month else 0)
    if not valid(year_end, month_end, day_end):
        return None
    start, end = dt.date(year, month, day), dt.date(year_end, month_end, day_end)
    return end.isoformat() if end > start else None


Builder = Callable[[dict[str, Any], DateContext], dict[str, Any]]
BUILDERS: dict[str, Builder] = {"date": build_date}


def explicit_year(parts: dict[str, Any]) -> int | None:
    """The year a date states itself (used as the hint for later dates)."""
    if parts.get("calendar") == "hijri":
        return None
    year = _int(parts.get("year")) or spelled_year(parts)
    if year is not None and year < 100:
        return None
    return year


def day_value(fields: dict[str, Any]) -> dt.date | None:
    """The Gregorian day a built date denotes, when it is one day (for agreement checks)."""
    value = fields.get("value")
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
