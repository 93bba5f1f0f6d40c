"""Dates stated relative to the reference date.

The ``date`` builder (extractor/values.py) hands a rule's parts here first; a
function returns the contract fields when the parts describe its kind of
expression and None otherwise, so absolute dates fall through to the builder.
Kinds: days, weeks, months, years and decades relative to the reference (with a
weekday, or a range of weekdays, inside a relative or counted week), counted
offsets («three days ago», Hijri years too), spans of counted units («the next
three days», «the last two decades»), the rest of a period, and a day number
with its weekday but no month. Days named by their place in a month or a year
(n-th weekdays, feasts, «العيد», Easter) are extractor/named_days.py's.

Every value records the reference it used (``reference``). Conventions follow
the public suites where they agree: weeks are ISO weeks (from Monday); a span
of days or weeks excludes the reference day or week, a span of months or years
counts from the reference day. When a relative day and its weekday disagree
(«اليوم الأربعاء» in a paper dated Thursday) the weekday wins.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractor.calendars import (
    DateContext,
    grain,
    gregorian_to_hijri,
    gregorian_to_hijri_day,
    hijri_to_gregorian,
    hijri_value,
    iso,
    iso_week,
    month_end,
    shift_month,
    to_int,
    to_signed,
    valid,
)
from extractor.named_days import easter_feast, eid, fields, holiday, nth_in_month

DAY = dt.timedelta(days=1)


def _weekday(ref: dt.date, weekday: int, direction: str | None) -> dt.date:
    """The weekday (ISO 1-7) nearest the reference in the given direction."""
    delta = weekday - ref.isoweekday()
    if direction in ("past2", "next2"):  # the Thursday before last / after next
        step = -7 if direction == "past2" else 7
        return _weekday(ref, weekday, direction[:-1]) + dt.timedelta(days=step)
    if direction == "next":
        return ref + dt.timedelta(days=delta % 7 or 7)
    if direction == "this":
        return ref + dt.timedelta(days=delta % 7)
    if direction == "past":
        return ref - dt.timedelta(days=(-delta) % 7 or 7)
    return ref - dt.timedelta(days=(-delta) % 7)  # bare: on or before the reference


def _in_week(day: dt.date, weekday: int) -> dt.date:
    """The given weekday (ISO 1-7) of the ISO week that holds ``day``."""
    return day + dt.timedelta(days=weekday - day.isoweekday())


def _month_year(ref: dt.date, month: int, direction: str, calendar: str) -> int | None:
    """The year of «MONTH last/next» seen from the reference date (either calendar)."""
    if calendar == "hijri":
        now = gregorian_to_hijri(ref)
        if now is None:
            return None
        year, current = now
    else:
        year, current = ref.year, ref.month
    if direction in ("past", "past2"):
        return (year if month <= current else year - 1) - (direction == "past2")
    if direction in ("next", "next2"):
        return (year if month > current else year + 1) + (direction == "next2")
    return year


def shift_by(ref: dt.date, count: int, unit: str) -> dt.date | None:
    """The reference date moved by ``count`` days, weeks, months or years (a day past
    the end of a shorter month falls back to its last day)."""
    if unit == "day":
        return ref + dt.timedelta(days=count)
    if unit == "hyear":  # Hijri years: the same Hijri day, count years on
        now = gregorian_to_hijri_day(ref)
        if now is None:
            return None
        y, m, d = now
        return hijri_to_gregorian(y + count, m, d) or hijri_to_gregorian(y + count, m, d - 1)
    if unit == "week":
        return ref + dt.timedelta(weeks=count)
    months = {"month": 1, "year": 12}.get(unit)
    if months is None:
        return None
    y, m = shift_month(ref.year, ref.month, count * months)
    day = ref.day
    while day > 28 and not valid(y, m, day):
        day -= 1
    return dt.date(y, m, day)


def count_of(parts: dict[str, Any]) -> int | None:
    """The number of a counted offset: digits, a number word (+ its tens), or the
    count a singular or dual unit carries (a day: 1, two days: 2)."""
    count = to_int(parts.get("count"))
    if count is None:
        count = to_int(parts.get("count_word"))
        if count is not None:
            count += to_int(parts.get("count_tens")) or 0
    if count is None:
        count = to_int(parts.get("unit_count"))
    return count


def _counted(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """Three days ago, in two weeks, two years ago: the reference date moved by a
    counted number of units (the day, as the suites and a reader's calendar give),
    or by two or three of them (a year and 21 days: ``unit2``/``unit3``, ``sunit``
    for a unit that is its own count); with a weekday (in two weeks on Thursday),
    that weekday of the week reached."""
    sign, unit = to_signed(parts.get("sign")), parts.get("unit") or parts.get("sunit")
    if sign is None or not unit:
        return None
    out = fields(parts)
    count = count_of(parts)
    if ctx.ref_date is None or count is None:
        return out
    out["reference"] = ctx.ref_source or "cli"
    if unit == "year" and parts.get("hijri_unit"):
        unit = "hyear"
    day = shift_by(ctx.ref_date, sign * count, str(unit))
    for k in ("2", "3"):  # compound offsets: «بعد عامين و21 يوما» moves by each part
        more = count_of({"count": parts.get("count" + k),
                         "unit_count": parts.get("unit_count" + k)})
        more_unit = parts.get("unit" + k) or parts.get("sunit" + k)
        if day is not None and more is not None and more_unit:
            day = shift_by(day, sign * more, str(more_unit))
    weekday = to_int(parts.get("weekday"))
    if day is not None and weekday is not None:
        day = _in_week(day, weekday)
    out["value"] = day.isoformat() if day else None
    return out


def _span(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """The next or last N units (الأيام الثلاثة المقبلة، الأسبوعين الماضيين، آخر 3
    سنوات، العقدين الماضيين) → an interval next to the reference."""
    sign, unit = to_signed(parts.get("span")), parts.get("unit")
    if sign is None or not unit:
        return None
    out = fields(parts)
    count, ref = count_of(parts), ctx.ref_date
    if ref is None or count is None or count < 1:
        return out
    out["reference"] = ctx.ref_source or "cli"
    if unit == "decade":
        now = ref.year // 10
        first, last = (now + 1, now + count) if sign > 0 else (now - count, now - 1)
        out["value"] = f"{first:03d}/{last:03d}"
    elif unit == "week":
        near, far = ref + sign * dt.timedelta(weeks=1), ref + sign * dt.timedelta(weeks=count)
        a, b = (near, far) if sign > 0 else (far, near)
        out["value"] = f"{iso_week(a)}/{iso_week(b)}"
    elif unit == "day":
        near, far = ref + sign * DAY, ref + sign * count * DAY
        a, b = (near, far) if sign > 0 else (far, near)
        out["value"] = f"{a.isoformat()}/{b.isoformat()}"
    else:
        end = shift_by(ref, sign * count, str(unit))
        if end is None:
            return out
        a, b = (ref + DAY, end) if sign > 0 else (end, ref - DAY)
        out["value"] = f"{a.isoformat()}/{b.isoformat()}"
    return out


def _rest(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """The rest of this week, month or year (بقية الأسبوع) → reference day to its end."""
    unit = parts.get("rest")
    if not unit:
        return None
    out, ref = fields(parts), ctx.ref_date
    if ref is None:
        return out
    out["reference"] = ctx.ref_source or "cli"
    if unit == "week":
        end = _in_week(ref, 7)
    elif unit == "month":
        end = month_end(ref.year, ref.month) - DAY
    elif unit == "year":
        end = dt.date(ref.year, 12, 31)
    else:
        return out
    out["value"] = f"{ref.isoformat()}/{end.isoformat()}"
    return out


def _weekday_day(ref: dt.date, weekday: int, day: int) -> dt.date | None:
    """«الخميس 21» without a month: the 21st nearest the reference that is a Thursday
    (this month, else the months around it), or None."""
    found = []
    for k in (0, -1, 1, -2, 2):
        y, m = shift_month(ref.year, ref.month, k)
        if valid(y, m, day) and dt.date(y, m, day).isoweekday() == weekday:
            found.append(dt.date(y, m, day))
    return min(found, key=lambda d: abs(d - ref)) if found else None


def relative(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """Dates stated relative to the reference date, or None when the parts are absolute."""
    for kind in (_counted, _span, _rest, nth_in_month, holiday, eid, easter_feast):
        found = kind(parts, ctx)
        if found is not None:
            return found
    offset = to_signed(parts.get("offset"))
    week, month_off = to_signed(parts.get("week_offset")), to_signed(parts.get("month_offset"))
    year_off, weekday = to_signed(parts.get("year_offset")), to_int(parts.get("weekday"))
    decade_off = to_signed(parts.get("decade_offset"))
    month, direction = to_int(parts.get("month")), parts.get("direction") or None
    calendar = parts.get("calendar") or "gregorian"
    month_dir = month is not None and direction is not None and to_int(parts.get("year")) is None
    if all(v is None for v in (offset, week, month_off, year_off, weekday, decade_off)) \
            and not month_dir:
        return None
    out = fields(parts, calendar)
    ref = ctx.ref_date
    if ref is None:
        return out
    out["reference"] = ctx.ref_source or "cli"
    mday = to_int(parts.get("day")) or to_int(parts.get("oday"))
    if mday is None and to_int(parts.get("dword")) is not None:  # a day in cardinal words
        mday = (to_int(parts.get("dword")) or 0) + (to_int(parts.get("dtens")) or 0)
    if offset is not None:
        day = ref + dt.timedelta(days=offset)
        if weekday is not None:  # «اليوم الأربعاء» in a Thursday paper: the weekday wins
            day += dt.timedelta(days=(weekday - day.isoweekday() + 3) % 7 - 3)
        out["value"] = day.isoformat()
    elif decade_off is not None:
        out["value"] = f"{ref.year // 10 + decade_off:03d}"
    elif week is not None:
        day = ref + dt.timedelta(weeks=week)
        end = to_int(parts.get("weekday_end"))
        if weekday and end:  # from one weekday to another of that week
            out["value"] = f"{_in_week(day, weekday).isoformat()}/{_in_week(day, end).isoformat()}"
        else:
            out["value"] = _in_week(day, weekday).isoformat() if weekday else iso_week(day)
    elif month_off is not None:
        y, m = shift_month(ref.year, ref.month, month_off)
        first = to_int(parts.get("day_from"))  # a range of days of that month
        if mday is not None and not valid(y, m, mday):
            out["value"] = None
        elif first is not None and mday is not None and first < mday and valid(y, m, first):
            out["value"] = f"{iso(f'{y:04d}', m, first)}/{iso(f'{y:04d}', m, mday)}"
        else:
            out["value"] = iso(f"{y:04d}", m, mday)
    elif year_off is not None and calendar == "hijri":  # the next Hijri year
        now = gregorian_to_hijri(ref)
        if now is not None:
            out["hijri"] = f"{now[0] + year_off:04d}"
            out["value"] = hijri_value(now[0] + year_off, None, None)
    elif year_off is not None:
        out["value"] = grain(ref.year + year_off, month, to_int(parts.get("day")), parts)
    elif weekday is not None and mday is not None and month is None:
        near = _weekday_day(ref, weekday, mday)
        out["value"] = near.isoformat() if near else None
        end = to_int(parts.get("day_end"))  # «من الجمعة 11 حتى الثلاثاء 15»
        if near and end and end > mday and valid(near.year, near.month, end):
            out["value"] = f"{near.isoformat()}/{near.replace(day=end).isoformat()}"
    elif weekday is not None:
        out["value"] = _weekday(ref, weekday, direction).isoformat()
    else:
        assert month is not None and direction is not None
        year = _month_year(ref, month, direction, calendar)
        if year is None:
            return out
        if calendar == "hijri":
            out["hijri"] = iso(f"{year:04d}", month, mday)
            out["value"] = hijri_value(year, month, mday)
        else:
            out["value"] = iso(f"{year:04d}", month, mday)
    return out
