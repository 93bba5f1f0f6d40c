"""Value builders: turn the parts a rule captured into normalized values.

Rules capture the pieces of an expression as written (a day number, a month's
number from the lexicon, a year, a qualifier, a direction); a builder named by
the fact type (``builder: date``) turns them into the output contract's fields.
Builders hold no Arabic: the words live in the lexicons, which give numbers and
codes.

Relative expressions are resolved against the reference date of the document
and record which reference they used (``reference``: ``cli``, ``document`` or
``dateline``). A bare weekday with no direction (yawm al-khamis) is read as the
nearest such day on or before the reference date, because news reports mostly
past events; rules give ``direction: next`` when the sentence marks the future.
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
    ref_source: str | None = None  # where ref_date came from: cli, document, dateline


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    digits = normalize_literal(str(value))
    return int(digits) if digits.isdigit() else None


def _signed(value: Any) -> int | None:
    """A signed integer part (relative offsets such as ``-1``), or None."""
    if value is None or value == "":
        return None
    text = normalize_literal(str(value))
    return int(text) if text.lstrip("-").isdigit() else None


def _hijri_to_gregorian(y: int, m: int, d: int) -> dt.date | None:
    from hijridate import Hijri  # imported lazily: only Hijri dates need it

    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def _gregorian_to_hijri(d: dt.date) -> tuple[int, int] | None:
    from hijridate import Gregorian

    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if month is None or day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _iso(year: str, month: int | None, day: int | None) -> str:
    if month is None:
        return year
    if day is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


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


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


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


def _month_year(ref: dt.date, month: int, direction: str, calendar: str) -> int | None:
    """The year of «MONTH last/next» seen from the reference date (either calendar)."""
    if calendar == "hijri":
        now = _gregorian_to_hijri(ref)
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


def _shift(ref: dt.date, count: int, unit: str) -> dt.date | None:
    """The reference date moved by ``count`` days, weeks, months or years (a day past
    the end of a shorter month falls back to its last day)."""
    if unit == "day":
        return ref + dt.timedelta(days=count)
    if unit == "week":
        return ref + dt.timedelta(weeks=count)
    months = {"month": 1, "year": 12}.get(unit)
    if months is None:
        return None
    y, m = _shift_month(ref.year, ref.month, count * months)
    day = ref.day
    while day > 28 and not _valid(y, m, day):
        day -= 1
    return dt.date(y, m, day)


def _count(parts: dict[str, Any]) -> int | None:
    """The number of a counted offset: digits, a number word (+ its tens), or the
    count a singular or dual unit carries (a day: 1, two days: 2)."""
    count = _int(parts.get("count"))
    if count is None:
        count = _int(parts.get("count_word"))
        if count is not None:
            count += _int(parts.get("count_tens")) or 0
    if count is None:
        count = _int(parts.get("unit_count"))
    return count


def _counted(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """Three days ago, in two weeks, two years ago: the reference date moved by a
    counted number of units (the day, as the suites and a reader's calendar give)."""
    sign, unit = _signed(parts.get("sign")), parts.get("unit")
    if sign is None or not unit:
        return None
    out: dict[str, Any] = {"mod": parts.get("mod"), "calendar": "gregorian", "hijri": None,
                           "inferred": True, "value": None, "reference": None}
    count = _count(parts)
    if ctx.ref_date is None or count is None:
        return out
    out["reference"] = ctx.ref_source or "cli"
    day = _shift(ctx.ref_date, sign * count, str(unit))
    out["value"] = day.isoformat() if day else None
    return out


def _hijri_in_year(year: int, month: int, day: int) -> tuple[int, dt.date] | None:
    """The first Hijri ``month``/``day`` (a feast: 1 Shawwal, 10 Dhu al-Hijja ...) that
    falls in the Gregorian ``year``, with its Hijri year."""
    estimate = round((year - 622) * 33 / 32)
    for hyear in range(estimate - 2, estimate + 3):
        g = _hijri_to_gregorian(hyear, month, day)
        if g is not None and g.year == year:
            return hyear, g
    return None


def _holiday(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """A feast on a Hijri day (``hmonth``, ``hday``) named with a Gregorian year, or
    none (the reference year, else the document's year)."""
    hmonth, hday = _int(parts.get("hmonth")), _int(parts.get("hday"))
    if hmonth is None or hday is None:
        return None
    out: dict[str, Any] = {"mod": parts.get("mod"), "calendar": "hijri", "hijri": None,
                           "inferred": False, "value": None, "reference": None}
    year = _int(parts.get("year"))
    if year is None:
        out["inferred"] = True
        if ctx.ref_date is not None:
            year, out["reference"] = ctx.ref_date.year, ctx.ref_source or "cli"
        else:
            year = ctx.year_hint
    found = _hijri_in_year(year, hmonth, hday) if year is not None else None
    if found is not None:
        out["hijri"] = _iso(f"{found[0]:04d}", hmonth, hday)
        out["value"] = found[1].isoformat()
    return out


def _month_days(parts: dict[str, Any], ctx: DateContext) -> tuple[dt.date, dt.date] | None:
    """First and last day of the month a rule names (Gregorian or Hijri, with its year,
    else the document's year or the reference's; or a month relative to the reference)."""
    month, year = _int(parts.get("month")), _int(parts.get("year"))
    month_off, ref = _signed(parts.get("month_offset")), ctx.ref_date
    if month_off is not None:
        if ref is None:
            return None
        y, m = _shift_month(ref.year, ref.month, month_off)
        return dt.date(y, m, 1), _month_end(y, m) - dt.timedelta(days=1)
    if month is None:
        return None
    if parts.get("calendar") == "hijri":
        if year is None:
            now = _gregorian_to_hijri(ref) if ref else None
            year = now[0] if now else None
        span = _hijri_value(year, month, None) if year is not None else None
        if span is None:
            return None
        a, b = span.split("/")
        return dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    year = year or ctx.year_hint or (ref.year if ref else None)
    if year is None:
        return None
    return dt.date(year, month, 1), _month_end(year, month) - dt.timedelta(days=1)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y + (m == 12), m % 12 + 1, 1)


def _nth(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """The n-th (or last, ``-1``) weekday of a month (the third Tuesday of September, the last
    Friday of Ramadan), or its n-th or last whole week (``nth_week``, an ISO week)."""
    nth = _signed(parts.get("nth"))
    week = _signed(parts.get("nth_week")) or _signed(parts.get("nth_week2"))
    weekday = _int(parts.get("weekday"))
    if (nth is None or weekday is None) and week is None:
        return None
    explicit = _int(parts.get("year")) is not None
    out: dict[str, Any] = {"mod": None, "calendar": parts.get("calendar") or "gregorian",
                           "hijri": None, "inferred": not explicit, "value": None,
                           "reference": None}
    days = _month_days(parts, ctx)
    if days is None:
        return out
    first, last = days
    if week is not None:  # weeks from Monday that lie wholly in the month
        monday = first + dt.timedelta(days=(1 - first.isoweekday()) % 7)
        mondays = []
        while monday + dt.timedelta(days=6) <= last:
            mondays.append(monday)
            monday += dt.timedelta(weeks=1)
        if mondays and -len(mondays) <= (week - 1 if week > 0 else week) < len(mondays):
            iso = mondays[week - 1 if week > 0 else week].isocalendar()
            out["value"] = f"{iso.year:04d}-W{iso.week:02d}"
        return out
    assert nth is not None and weekday is not None
    if nth > 0:
        day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        day = last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    out["value"] = day.isoformat() if first <= day <= last else None
    return out


def _relative(parts: dict[str, Any], ctx: DateContext) -> dict[str, Any] | None:
    """Dates stated relative to the reference date, or None when the parts are absolute."""
    counted = _counted(parts, ctx) or _nth(parts, ctx)
    if counted is not None:
        return counted
    offset = _signed(parts.get("offset"))
    week, month_off = _signed(parts.get("week_offset")), _signed(parts.get("month_offset"))
    year_off, weekday = _signed(parts.get("year_offset")), _int(parts.get("weekday"))
    month, direction = _int(parts.get("month")), parts.get("direction") or None
    calendar = parts.get("calendar") or "gregorian"
    month_dir = month is not None and direction is not None and _int(parts.get("year")) is None
    if all(v is None for v in (offset, week, month_off, year_off, weekday)) and not month_dir:
        return None
    out: dict[str, Any] = {"mod": parts.get("mod"), "calendar": calendar, "hijri": None,
                           "inferred": True, "value": None, "reference": None}
    ref = ctx.ref_date
    if ref is None:
        return out
    out["reference"] = ctx.ref_source or "cli"
    if offset is not None:
        out["value"] = (ref + dt.timedelta(days=offset)).isoformat()
    elif week is not None:
        iso = (ref + dt.timedelta(weeks=week)).isocalendar()
        out["value"] = f"{iso.year:04d}-W{iso.week:02d}"
    elif month_off is not None:
        y, m = _shift_month(ref.year, ref.month, month_off)
        day = _int(parts.get("day")) or _int(parts.get("oday"))
        first = _int(parts.get("day_from"))  # a range of days of that month
        if day is not None and not _valid(y, m, day):
            out["value"] = None
        elif first is not None and day is not None and first < day and _valid(y, m, first):
            out["value"] = f"{_iso(f'{y:04d}', m, first)}/{_iso(f'{y:04d}', m, day)}"
        else:
            out["value"] = _iso(f"{y:04d}", m, day)
    elif year_off is not None and calendar == "hijri":  # the next Hijri year
        now = _gregorian_to_hijri(ref)
        if now is not None:
            out["hijri"] = f"{now[0] + year_off:04d}"
            out["value"] = _hijri_value(now[0] + year_off, None, None)
    elif year_off is not None:
        out["value"] = _grain(ref.year + year_off, month, _int(parts.get("day")), parts)
    elif weekday is not None:
        out["value"] = _weekday(ref, weekday, direction).isoformat()
    else:
        assert month is not None and direction is not None
        year = _month_year(ref, month, direction, calendar)
        if year is None:
            return out
        mday = _int(parts.get("day"))
        if calendar == "hijri":
            out["hijri"] = _iso(f"{year:04d}", month, mday)
            out["value"] = _hijri_value(year, month, mday)
        else:
            out["value"] = _iso(f"{year:04d}", month, mday)
    return out


def _grain(year: int, month: int | None, day: int | None, parts: dict[str, Any]) -> str:
    """A year, month or day, or a year's half (``2014-H2``) or quarter (``2015-Q1``)."""
    part = parts.get("year_part")
    if month is None and isinstance(part, str) and (
            part[:1] in ("H", "Q") or part in ("SP", "SU", "FA", "WI")):
        return f"{year:04d}-{part}"
    return _iso(f"{year:04d}", month, day)


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
    ``calendar``, ``year_part`` (``H2``, ``Q1``), ``decade``, ``century``; relative:
    ``offset`` (days), ``week_offset``, ``month_offset``, ``year_offset``,
    ``weekday`` (ISO 1-7) and ``direction`` (``past``, ``next``, ``this``; ``past2``
    and ``next2`` for before last, after next); counted offsets: ``sign``
    (``-1`` ago, ``1`` in/after), ``unit`` (day, week, month, year) and ``count`` (digits)
    or ``count_word`` + ``count_tens`` (number words) or ``unit_count`` (a singular or dual unit);
    feasts on a Hijri day: ``hmonth``, ``hday`` (+ a Gregorian ``year``).
    """
    relative = _relative(parts, ctx) or _holiday(parts, ctx)
    if relative is not None:
        return relative
    period = _period(parts)
    if period is not None:
        return {"mod": parts.get("mod"), "calendar": "gregorian", "hijri": None,
                "inferred": False, "value": period, "reference": None}
    day, month, year = _int(parts.get("day")), _int(parts.get("month")), _int(parts.get("year"))
    year_end = _int(parts.get("year_end"))
    calendar = parts.get("calendar") or "gregorian"
    if year is not None and year < 100 and parts.get("year_digits") != "full":
        year += 2000 if year < 50 else 1900
    inferred, reference, underspecified = False, None, None
    needs_year = month is not None or day is not None or parts.get("year_part")
    if year is None and needs_year:
        underspecified = _iso("XXXX", month, day)
        if calendar != "hijri" and ctx.year_hint is not None:
            year, inferred = ctx.year_hint, True
        elif calendar != "hijri" and ctx.ref_date is not None:
            year, inferred, reference = ctx.ref_date.year, True, ctx.ref_source or "cli"
    out: dict[str, Any] = {"mod": parts.get("mod"), "calendar": calendar, "hijri": None,
                           "inferred": inferred, "reference": reference}
    if year is not None and not _valid(year, month, day):
        out["value"] = None
    elif calendar == "hijri" and year is not None and year_end is not None and month is None:
        first, last = _hijri_value(year, None, None), _hijri_value(year_end, None, None)
        out["hijri"] = f"{year:04d}/{year_end:04d}"
        out["value"] = f"{first.split('/')[0]}/{last.split('/')[1]}" if first and last else None
    elif calendar == "hijri" and year is not None:
        out["hijri"] = _iso(f"{year:04d}", month, day)
        out["value"] = _hijri_value(year, month, day)
    elif year is not None and year_end is not None and year_end > year and month is None:
        out["value"] = f"{year:04d}/{year_end:04d}"
    elif year is not None:
        out["value"] = _grain(year, month, day, parts)
        end = _range_end(year, month, day, parts)
        if end is not None:
            out["value"] = f"{out['value']}/{end}"
    else:
        out["value"] = underspecified
    if underspecified is not None:
        out["underspecified"] = underspecified
    return out


def _range_end(year: int, month: int | None, day: int | None,
               parts: dict[str, Any]) -> str | None:
    """The end of a range of days (from 4 to 23 July), or None (invalid or not a range)."""
    day_end = _int(parts.get("day_end"))
    if day is None or month is None or day_end is None:
        return None
    month_end = _int(parts.get("month_end")) or month
    year_end = year + (1 if month_end < month else 0)
    if not _valid(year_end, month_end, day_end):
        return None
    start, end = dt.date(year, month, day), dt.date(year_end, month_end, day_end)
    return end.isoformat() if end > start else None


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


def day_value(fields: dict[str, Any]) -> dt.date | None:
    """The Gregorian day a built date denotes, when it is one day (for agreement checks)."""
    value = fields.get("value")
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
