"""Dates that need the whole document: the year a bare month belongs to, the
article's dateline as reference date, and a Hijri date checked against the
Gregorian date it is said to equal («الموافق»).
"""

from __future__ import annotations

import bisect

from extractor.document import Document
from extractor.match import Candidate
from extractor.values import BUILDERS, DateContext, day_value, explicit_year

DATE_LINK = "date_link"  # helper type joining a Hijri date to its Gregorian equivalent
DATELINE_CHARS = 200  # a dateline date stands in the first line, within these characters


def build_values(doc: Document) -> None:
    """Run each type's builder, giving dates the year that governs their sentence."""
    years: list[tuple[int, int]] = []  # (offset, year) of dates that state a year
    for f in doc.facts:
        t = doc.types[f.type]
        if t.builder == "date":
            y = explicit_year(f.fields)
            if y is not None:
                years.append((f.start, y))
    if doc.ref_date is None:
        _dateline(doc, years)
    for f in doc.facts:
        t = doc.types[f.type]
        if t.builder is None:
            continue
        hint = _year_hint(doc, f, years) if t.builder == "date" else None
        built = BUILDERS[t.builder](f.fields, DateContext(doc.ref_date, hint, doc.ref_source))
        f.fields = {**f.fields, **built}


def _dateline(doc: Document, years: list[tuple[int, int]]) -> None:
    """The first full date of the first line (the article's dateline) as reference date."""
    line_end = doc.norm.text.find("\n")
    limit = min(DATELINE_CHARS, line_end if line_end >= 0 else len(doc.norm.text))
    for f in doc.facts:
        if f.start >= limit:
            return
        t = doc.types[f.type]
        if t.builder != "date":
            continue
        built = BUILDERS["date"](f.fields, DateContext(None, _year_hint(doc, f, years)))
        day = day_value(built)
        if day is not None:
            doc.ref_date, doc.ref_source = day, "dateline"
            return


def check_date_agreement(doc: Document) -> None:
    """A Hijri date and the Gregorian date a ``date_link`` says it equals must agree.

    A Gregorian equivalent without a year takes the year of the Hijri date; when
    the two still differ by more than a day, a diagnostic says so.
    """
    dates = [f for f in doc.facts if doc.types[f.type].builder == "date"]
    for link in (f for f in doc.facts if f.type == DATE_LINK):
        before = [f for f in dates if f.end <= link.start and link.start - f.end <= 3]
        after = [f for f in dates if f.start >= link.end and f.start - link.end <= 3]
        if not before or not after:
            continue
        pair = sorted((before[-1], after[0]), key=lambda f: f.fields.get("calendar") != "hijri")
        hijri, greg = pair
        if hijri.fields.get("calendar") != "hijri" or greg.fields.get("calendar") == "hijri":
            continue
        h_day, g_day = day_value(hijri.fields), day_value(greg.fields)
        if h_day is None or g_day is None:
            continue
        if greg.fields.get("inferred") and g_day.year != h_day.year:
            try:
                moved = g_day.replace(year=h_day.year)
            except ValueError:
                moved = g_day
            if abs((moved - h_day).days) <= 1:
                greg.fields["value"], g_day = moved.isoformat(), moved
                greg.fields["reference"] = None
        if abs((g_day - h_day).days) > 1:
            start, end = doc.norm.raw_span(hijri.start, greg.end)
            doc.diagnostics.append({
                "code": "hijri_gregorian_mismatch",
                "message": f"{hijri.fields.get('hijri')} (Hijri) is {h_day.isoformat()}, "
                           f"not {g_day.isoformat()}",
                "start": start, "end": end})


def _year_hint(doc: Document, f: Candidate, years: list[tuple[int, int]]) -> int | None:
    """The nearest stated year in the same sentence, else the last one before it.

    ``years`` is sorted by offset: both answers are found by bisection, so a long
    document with many dates stays linear.
    """
    starts = doc.segs.sentence_starts
    sentence = doc.sentence(f)
    lo = starts[sentence] if sentence > 0 else -1
    hi = starts[sentence + 1] if sentence + 1 < len(starts) else len(doc.norm.text) + 1
    first = bisect.bisect_left(years, (lo, -1))
    last = bisect.bisect_left(years, (hi, -1))
    same = [(abs(off - f.start), y) for off, y in years[first:last] if off != f.start]
    if same:
        return min(same)[1]
    before = bisect.bisect_left(years, (f.start, -1))
    return years[before - 1][1] if before else None
