"""Days named by their place in a month or a year: the n-th or last weekday of a
month (the third Tuesday of September), its n-th or last whole week, its first or
last day, feasts on a fixed Hijri day (1 Shawwal) found in a Gregorian year, and
feasts counted from Easter.

Part of the ``date`` builder: extractor/relative_dates.py tries these kinds
before the plain relative ones; each returns None when the parts are not its
kind.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractor.calendars import (
    DateContext,
    gregorian_to_hijri,
    hijri_to_gregorian,
    hijri_value,
    iso,
    iso_week,
    month_end,
    shift_month,
    to_int,
    to_signed,
)

DAY = dt.timedelta(days=1)


def fields(parts: dict[str, Any], calendar: str = "gregorian") -> dict[str, Any]:
    """The contract fields of an inferred date whose value is still to be found."""
    return {"mod": parts.get("mod"), "calendar": calendar, "hijri": None,
            "inferred": True, "value": None, "reference": None}


def hijri_in_year(year: int, month: int, day: int) -> tuple[int, dt.date] | None:
    """The first Hijri ``month``/``day`` (a feast: 1 Shawwal, 10 Dhu al-Hijja ...) that
    falls in the Gregorian ``year``, with its Hijri year."""
    estimate = round((year - 622) * 33 / 32)
    for hyear in range(estimate - 2, estimate + 3):
        g = hijri_to_gregorian(hyear, month, day)
        if g is not None and g.year == year:
            return hyear, g
    return None


def _feast_year(parts: dict[str, Any], ctx: DateContext,
                out: dict[str, Any]) -> int | None:
    """The Gregorian year a feast is named in, else the reference's or the document's."""
    year = to_int(parts.get("year"))
    if year is not None:
        out["inferred"] = False
        return year
    if ctx.ref_date is not None:
        out["reference"] = ctx.ref_source or "cli"
        return ctx.ref_date.year
    return ctx.year_hint


def holiday(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """A feast on a Hijri day (``hmonth``, ``hday``), or a whole Hijri month (``hmonth``
    alone: «رمضان 2019»), named with a Gregorian year or none (the reference year,
    else the document's year)."""
    hmonth, hday = to_int(parts.get("hmonth")), to_int(parts.get("hday"))
    if hmonth is None:
        return None
    out = fields(parts, "hijri")
    year = _feast_year(parts, ctx, out)
    found = hijri_in_year(year, hmonth, hday or 1) if year is not None else None
    if found is not None and hday is None:
        out["hijri"] = iso(f"{found[0]:04d}", hmonth, None)
        out["value"] = hijri_value(found[0], hmonth, None)
    elif found is not None:
        out["hijri"] = iso(f"{found[0]:04d}", hmonth, hday)
        out["value"] = found[1].isoformat()
    return out


def eid(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """«العيد» alone (``eid``): the Eid al-Fitr (1 Shawwal) or al-Adha (10 Dhu al-Hijja)
    nearest the reference date, or its n-th day (``eid_day``: days after the first)."""
    if not parts.get("eid"):
        return None
    out = fields(parts, "hijri")
    ref = ctx.ref_date
    now = gregorian_to_hijri(ref) if ref else None
    if ref is None or now is None:
        return out
    out["reference"] = ctx.ref_source or "cli"
    found = [(g, (hy, m, d)) for hy in (now[0] - 1, now[0], now[0] + 1)
             for m, d in ((10, 1), (12, 10))
             if (g := hijri_to_gregorian(hy, m, d)) is not None]
    if found:
        day, (hy, m, d) = min(found, key=lambda f: abs(f[0] - ref))
        later = to_signed(parts.get("eid_day")) or 0  # «ثالث أيام العيد»: two days on
        out["value"] = (day + later * DAY).isoformat()
        out["hijri"] = iso(f"{hy:04d}", m, d + later)
    return out


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def easter_feast(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """A feast counted from Easter Sunday (``easter``: days after it)."""
    offset = to_signed(parts.get("easter"))
    if offset is None:
        return None
    out = fields(parts)
    year = _feast_year(parts, ctx, out)
    if year is not None and 1583 <= year <= 9999:
        out["value"] = (easter(year) + dt.timedelta(days=offset)).isoformat()
    return out


def _month_days(parts: dict[str, Any], ctx: DateContext) -> tuple[dt.date, dt.date] | None:
    """First and last day of the month a rule names (Gregorian or Hijri, with its year,
    a year relative to the reference, else the document's year or the reference's; or a
    month relative to the reference)."""
    month, year = to_int(parts.get("month")), to_int(parts.get("year"))
    month_off, ref = to_signed(parts.get("month_offset")), ctx.ref_date
    if month_off is None and parts.get("this_month"):  # «في هذا الشهر»
        month_off = 0
    year_off = to_signed(parts.get("year_offset"))  # «من مارس العام المقبل»
    if month_off is not None:
        if ref is None:
            return None
        y, m = shift_month(ref.year, ref.month, month_off)
        return dt.date(y, m, 1), month_end(y, m) - DAY
    if month is None:
        return None
    if parts.get("calendar") == "hijri":
        if year is None:  # this Hijri year, or the one the relative year names
            now = gregorian_to_hijri(ref) if ref else None
            year = now[0] + (year_off or 0) if now else None
        span = hijri_value(year, month, None) if year is not None else None
        if span is None:
            return None
        a, b = span.split("/")
        return dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    if year is None and year_off is not None and ref is not None:
        year = ref.year + year_off
    year = year or ctx.year_hint or (ref.year if ref else None)
    if year is None:
        return None
    return dt.date(year, month, 1), month_end(year, month) - DAY


def nth_in_month(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """The n-th (or last, ``-1``) weekday of a month (the third Tuesday of September, the last
    Friday of Ramadan), its n-th or last whole week (``nth_week``, an ISO week), or its
    first or last day (``nth_day``). With ``nth_or_day`` (a weekday + an ordinal up to
    five: «الثلاثاء الثالث من أيلول») the ordinal is the day itself when that day falls
    on the weekday, else the n-th such weekday: the calendar tells the two readings
    apart, as a reader does."""
    nth = to_signed(parts.get("nth"))
    week = to_signed(parts.get("nth_week")) or to_signed(parts.get("nth_week2"))
    nth_day = to_signed(parts.get("nth_day"))
    weekday = to_int(parts.get("weekday"))
    if (nth is None or weekday is None) and week is None and nth_day is None:
        return None
    explicit = to_int(parts.get("year")) is not None
    out = fields(parts, parts.get("calendar") or "gregorian")
    out["mod"], out["inferred"] = None, not explicit
    days = _month_days(parts, ctx)
    if days is None:
        return out
    first, last = days
    if nth_day is not None:
        day = first + (nth_day - 1) * DAY if nth_day > 0 else last + (nth_day + 1) * DAY
        out["value"] = day.isoformat() if first <= day <= last else None
        return out
    if week is not None:  # weeks from Monday that lie wholly in the month
        monday = first + dt.timedelta(days=(1 - first.isoweekday()) % 7)
        mondays = []
        while monday + dt.timedelta(days=6) <= last:
            mondays.append(monday)
            monday += dt.timedelta(weeks=1)
        if mondays and -len(mondays) <= (week - 1 if week > 0 else week) < len(mondays):
            out["value"] = iso_week(mondays[week - 1 if week > 0 else week])
        return out
    assert nth is not None and weekday is not None
    own = first + (nth - 1) * DAY  # «الخميس الثالث من أكتوبر»: the 3rd, when a Thursday
    if parts.get("nth_or_day") == "true" and nth > 0 and own.isoweekday() == weekday:
        day = own
    elif nth > 0:
        day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        day = last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    out["value"] = day.isoformat() if first <= day <= last else None
    return out
