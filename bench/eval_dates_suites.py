"""The four public suites read into ``Case`` rows, and each case's class.

Readers for Duckling's corpus, Maha's cases, Recognizers-Text's flattened specs
and dateparser's cases (bench/eval_dates.py says how they are scored); class
words live in bench/date_classes.yaml. Split from eval_dates.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from eval_dates_cases import CLASSES, CLITIC, DAY, Case, Period, _day, _month_end, period

from extractor.normalize import normalize_literal


def _words(name: str) -> list[str]:
    return [normalize_literal(w) for w in CLASSES[name]]


def _has(text: str, name: str) -> bool:
    norm = normalize_literal(text)
    return any(re.search(rf"(?<![^\W\d_])(?:{CLITIC})?{re.escape(w)}(?!\w)", norm)
               for w in _words(name))


def duckling(path: Path) -> Iterator[Case]:
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter="\t"))[1:]
    ref = dt.datetime(2013, 2, 12, 4, 30)
    nums = r"\((\d+), (\d+), (\d+), (\d+), (\d+), (\d+)\)"
    for polarity, _ref, text, gold in rows:
        case = Case("duckling", text, ref)
        if polarity == "negative" or gold.startswith("NO_TIME"):
            case.kind = "negative"
        elif m := re.match(rf"datetimeInterval(?:Holiday)? \({nums}, {nums}\) (\w+)", gold):
            a = dt.date(int(m[1]), int(m[2]), int(m[3]))
            b = dt.date(int(m[7]), int(m[8]), int(m[9]))
            case.gold = [(a, b)]
            case.kind = "time" if m[13] in ("Hour", "Second", "Minute") else "date"
        elif m := re.match(rf"datetime(?:Holiday)? {nums} (\w+)", gold):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            grain = m[7]
            if grain == "Week":
                case.gold = [(d, d + 7 * DAY)]
            elif grain == "Month":
                case.gold = [(d, _month_end(d.year, d.month))]
            elif grain == "Year":
                case.gold = [(d, dt.date(d.year + 1, 1, 1))]
            else:
                case.gold = [(d, d + DAY)]
            case.kind = "time" if grain in ("Hour", "Minute", "Second") else "date"
        else:
            case.kind = "skip"
        yield case


def maha(path: Path) -> Iterator[Case]:
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter="\t"))[1:]
    ref = dt.datetime(2021, 9, 1, 10, 38, 4)
    for test, _kind, text, gold in rows:
        case = Case("maha", text.strip(), ref, point=True)
        first = gold.split(" .. ")[0].strip()
        if not re.match(r"\d{4}-|HIJRI:", first):
            case.kind = "skip"
            yield case
            continue
        if first.startswith("HIJRI:"):
            from hijridate import Hijri
            y, m, d = (int(x) for x in first[6:].split("-"))
            g = Hijri(y, m, d).to_gregorian()
            day = dt.date(g.year, g.month, g.day)
        else:
            day = _day(first)
        case.gold = [(day, day + DAY)]
        clock = first[11:19]
        if " .. " in gold and gold.split(" .. ")[1].strip() != "None":
            end = _day(gold.split(" .. ")[1].strip())
            case.gold, case.point = [(day, end + DAY)], False
            case.alt = [(day, end)]
        if any(k in test for k in ("hour", "minute", "predefined")) or (
                clock not in ("", "00:00:00", "10:38:04")):
            case.kind = "time"
        yield case


def recognizers(path: Path) -> Iterator[Case]:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    for row in rows:
        spec = row["spec_file"]
        if "Extractor" in spec:
            continue  # extractor specs give spans only, no value to compare
        ref = dt.datetime.fromisoformat(row["reference_datetime"][:19]) \
            if row["reference_datetime"] else dt.datetime(2016, 11, 7)
        case = Case("recognizers", row["input"], ref)
        if f"{spec}:{row['case_idx']}" in CLASSES["gold_errors"]:
            continue
        timex = row["gold_timex"]
        res = row["gold_resolution_json"]
        gtype = row["gold_type"]
        if "duration" in gtype or spec.startswith("Duration"):
            case.kind = "duration"
        elif "set" in gtype or spec.startswith("Set"):
            case.kind = "set"
        elif not timex or "not resolved" in res:
            case.kind = "skip"
        else:
            try:
                case.gold, case.alt = _timex(timex, res)
            except ValueError:
                case.gold = []  # a time without a date (T17), a season (SU) ...
            if not case.gold:
                case.kind = "skip"
            elif "T" in timex.replace("WXX", ""):
                case.kind = "time"
        yield case


def _timex(timex: str, res: str) -> tuple[list[Period], list[Period]]:
    """Gold periods of a Recognizers timex; XXXX values take the past and future years."""
    if m := re.fullmatch(r"\((\S+?),(\S+?),P\w+\)", timex):
        a, b = m[1][:10], m[2][:10]
        if "X" in a + b:
            found = re.findall(r'"start(?:Date)?": "(\d{4}-\d\d-\d\d)[^"]*", "end(?:Date)?": '
                               r'"(\d{4}-\d\d-\d\d)', res)
            found = list(dict.fromkeys(found))  # future and past resolutions
            return [(_day(s), _day(e)) for s, e in found[:1]], \
                [(_day(s), _day(e) + d) for s, e in found for d in (DAY, 0 * DAY)]
        return [(_day(a), _day(b))], [(_day(a), _day(b) + DAY)]
    if "X" in timex[:4]:
        found = re.findall(r'"(?:date|startDate|start|value)": "(\d{4}-\d\d-\d\d)', res)
        out: list[Period] = []
        for start in dict.fromkeys(found):
            p = period(start[:4] + timex[4:10]) if re.match(r"XXXX-\d\d", timex) else None
            if p is None:
                d = _day(start)
                p = (d, d + DAY)
            out.append(p)
        return out[:1], out[1:]
    p = period(timex[:10].split("T")[0])
    return ([p], []) if p else ([], [])


def dateparser_cases(path: Path) -> Iterator[Case]:
    rows = list(csv.reader(path.open(encoding="utf-8"), delimiter="\t"))[1:]
    for _src, kind, text, gold, settings in rows:
        m = re.search(r"RELATIVE_BASE=(\S+)", settings)
        ref = dt.datetime.fromisoformat(m[1]) if m else dt.datetime(2015, 7, 23, 12)
        case = Case("dateparser", text.strip(), ref)
        if kind == "search":
            case.gold = [(_day(d), _day(d) + DAY) for d in re.findall(r"=> (\S+)", gold)]
        elif kind == "hijri":
            d = _day(gold)
            case.gold = [(d, d + DAY)]
        elif m := re.fullmatch(r"(\d+) day ago", gold) or re.fullmatch(
                r"ago days=(\d+) \(period=day\)", gold):
            d = ref.date() - int(m[1]) * DAY
            case.gold = [(d, d + DAY)]
        elif re.match(r"\d+ \w+ \d{4}", gold):
            d = dt.datetime.strptime(" ".join(gold.split()[:3]), "%d %B %Y").date()
            case.gold, case.kind = [(d, d + DAY)], "time"
        elif "hour" in gold:
            case.kind = "time"
            case.gold = [(ref.date(), ref.date() + DAY)]
        else:
            case.kind = "duration"
        yield case


def _unit(g: Period) -> bool:
    """Whether a period is one calendar unit: a day, an ISO week, a month, a quarter,
    a half, a year, a decade or a century."""
    a, b = g
    days = (b - a).days
    if days == 1 or (days == 7 and a.isoweekday() == 1):
        return True
    if a.day != 1 or b.day != 1:
        return False
    months = (b.year - a.year) * 12 + b.month - a.month
    if months in (1, 3, 6):
        return (a.month - 1) % months == 0
    return a.month == 1 and (months == 12 or (months == 120 and a.year % 10 == 0)
                             or (months == 1200 and a.year % 100 == 0))


def bare_weekday(case: Case) -> None:
    """A weekday alone (Tuesday, on Friday) has no tense: Duckling and Maha read
    the coming one, news the last one; both readings are accepted, for both tools."""
    words = [w for w in normalize_literal(case.text).split() if w not in _words("filler")]
    if case.kind != "date" or len(words) != 1 or not _has(words[0], "weekday") \
            or len(case.gold) != 1 or (case.gold[0][1] - case.gold[0][0]).days != 1:
        return
    ref, day = case.ref.date(), case.gold[0][0]
    for d in (ref - dt.timedelta(days=(ref.isoweekday() - day.isoweekday()) % 7),
              ref + dt.timedelta(days=(day.isoweekday() - ref.isoweekday()) % 7 or 7)):
        if (d, d + DAY) not in case.gold + case.alt:
            case.alt.append((d, d + DAY))


def classify(case: Case) -> str:
    if case.kind in ("negative", "duration", "set"):
        return {"negative": "negatives", "duration": "durations", "set": "sets"}[case.kind]
    t = case.text
    if _has(t, "holiday"):
        return "holidays"
    if (case.suite == "dateparser" and re.search(r"\d+-\d+-\d+", t)) or _has(t, "hijri"):
        return "hijri"
    has_month = _has(t, "month") or _has(t, "levantine") or _has(t, "maghrebi")
    numeric = re.search(r"\d+ ?[/.\-] ?\d+", t)
    if case.kind == "time" and not (has_month or numeric or _has(t, "weekday")):
        return "times"
    if case.kind == "time":
        return "times"
    g = case.gold[0] if case.gold else None
    if g and not case.point and not _unit(g):
        return "ranges"  # an interval that is no calendar unit (days, 2014-2018 ...)
    if _has(t, "levantine"):
        return "levantine"
    if _has(t, "maghrebi"):
        return "maghrebi"
    if _has(t, "weekday"):
        return "weekdays"
    has_year = re.search(r"(?<!\d)(1[89]|20)\d\d(?!\d)", t)
    if has_month or numeric:
        size = (g[1] - g[0]).days if g else 1
        if case.point:  # Maha gives a day even for a bare month: classify by the text
            size = 1 if (numeric or re.search(r"\d", re.sub(r"(1[89]|20)\d\d", "", t))
                         or _has(t, "ordinal")) else 30
        if size == 1:
            return "full dates"
        if size < 32:
            return "month/year" if has_year else "bare month"
        return "year"
    if has_year:
        return "year"
    if _has(t, "relative_period"):
        return "relative periods"
    return "relative days"
