"""Date benchmark: our date rules beside ``dateparser`` on public Arabic test suites.

Reads the four suites in ``../shared/eval/dates/`` at run time (never copied
into the project) and skips cleanly when the folder is absent. Every case gets
a class (full dates, month/year, year, bare month, Levantine, Maghrebi, Hijri,
relative days, relative periods, weekdays, ranges, holidays, times, durations,
sets, negatives); accuracy is printed per class and per suite for both systems.

Scoring. A gold value becomes a period of days ``[start, end)``. Our facts are
periods too (``2015``, ``2015-07``, ``2015-W30``, ``2015-Q1``, intervals ...).
- exact gold (a day, a week, a month, a year, a range): one of our facts has the
  same period; a qualified month (``mod``) counts when it contains the gold;
- point gold (Maha gives one instant even for «this year»): the point lies in
  one of our periods of at most a year;
- durations, sets and negatives: no date at all is right.
``dateparser`` returns instants, so it is judged leniently: right when an
instant lies in the gold period (a range: its first day). Times of day are
judged on their day for both systems.

Also reports span and value precision/recall on hand-labelled news sentences
(``bench/labels/dates_news.jsonl``: document id, character offsets, value).

    python bench/eval_dates.py [--no-dateparser] [--eval DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.engine import extract_document, fact_dicts  # noqa: E402
from extractor.normalize import normalize_literal  # noqa: E402
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


# ------------------------------------------------------------------ suites
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


# ------------------------------------------------------------------ systems
COMPILED = compiled_rules(())


def ours(text: str, ref: dt.date | None, doc_id: str = "case") -> list[dict[str, Any]]:
    result = extract_document(COMPILED, text, doc_id, ref)
    return [f for f in fact_dicts(result, COMPILED) if f["type"] == "date"]


def _hits(gold: Period, p: Period, mod: str | None, value: str, point: bool) -> bool:
    """Whether one of our periods (``value``, ``mod``) gives the gold period."""
    if "/" in value and not point:
        a, b = (period(v) for v in value.split("/", 1))
        last = gold[1] - DAY  # inclusive and end-exclusive gold intervals both count
        return bool(a and b and a[0] <= gold[0] < a[1]
                    and (b[0] <= last < b[1] or b[0] <= gold[1] < b[1]))
    if point:
        if re.fullmatch(r"\d{4}-W\d\d", value):
            p = (p[0] - DAY, p[1])  # Maha counts weeks from Sunday, ISO from Monday
        return p[0] <= gold[0] < p[1] and (p[1] - p[0]).days <= 366
    return p == gold or (mod is not None and p[0] <= gold[0] and gold[1] <= p[1])


def ours_ok(case: Case, facts: list[dict[str, Any]]) -> bool:
    if case.cls in NOTHING:
        return not facts
    periods = [(period(f["fields"]["value"] or ""), f["fields"].get("mod"),
                f["fields"]["value"] or "") for f in facts]
    periods = [(p, mod, value) for p, mod, value in periods if p is not None]
    if case.alt and len(case.gold) == 1:  # one expression, several accepted readings
        return any(_hits(g, p, mod, value, case.point)
                   for g in case.gold + case.alt for p, mod, value in periods)
    return all(any(_hits(g, p, mod, value, case.point) for p, mod, value in periods)
               for g in case.gold)


def dateparser_ok(case: Case, search: Any) -> bool:
    found = search(case.text, languages=["ar"], settings={"RELATIVE_BASE": case.ref}) or []
    if case.cls in NOTHING:
        return not found
    days = [d.date() for _, d in found]

    def hit(gold: Period) -> bool:
        if case.point or ((gold[1] - gold[0]).days > 1 and case.cls == "ranges"):
            return gold[0] in days
        return any(gold[0] <= d < gold[1] for d in days)

    if case.alt and len(case.gold) == 1:
        return any(hit(g) for g in case.gold + case.alt)
    return all(hit(g) for g in case.gold)


# ------------------------------------------------------------------ news
def news(labels_path: Path, corpus: Path) -> dict[str, float] | None:
    """Span and value precision/recall on the labelled news sentences."""
    if not labels_path.exists() or not corpus.exists():
        return None
    labels = [json.loads(line) for line in labels_path.open(encoding="utf-8") if line.strip()]
    wanted = {lab["doc"] for lab in labels}
    docs = {}
    for line in corpus.open(encoding="utf-8"):
        obj = json.loads(line)
        if obj["id"] in wanted:
            docs[obj["id"]] = obj
    gold: set[tuple[str, int, int]] = set()
    gold_values: dict[tuple[str, int, int], str | None] = {}
    found: dict[tuple[str, int, int], str | None] = {}
    for lab in labels:
        doc = docs[lab["doc"]]
        lo, hi = lab["sentence"]
        for d in lab["dates"]:
            key = (lab["doc"], d["start"], d["end"])
            gold.add(key)
            gold_values[key] = d["value"]
        ref = dt.date.fromisoformat(doc["date"][:10])
        for f in ours(doc["text"], ref, doc["id"]):
            if lo <= f["start"] and f["end"] <= hi:
                found[(lab["doc"], f["start"], f["end"])] = f["fields"]["value"]
    span_tp = len(gold & found.keys())
    value_tp = sum(1 for k in gold & found.keys() if gold_values[k] == found[k])
    return {"sentences": len(labels), "gold": len(gold), "found": len(found),
            "span_p": span_tp / max(len(found), 1), "span_r": span_tp / max(len(gold), 1),
            "value_p": value_tp / max(len(found), 1), "value_r": value_tp / max(len(gold), 1)}


def news_dateparser(labels_path: Path, corpus: Path, search: Any) -> dict[str, float] | None:
    """The same news scores for ``dateparser``: a span is the text it returns, found in
    the sentence; a value is right (leniently) when its instant lies in the gold period."""
    if not labels_path.exists() or not corpus.exists():
        return None
    labels = [json.loads(line) for line in labels_path.open(encoding="utf-8") if line.strip()]
    wanted = {lab["doc"] for lab in labels}
    docs = {o["id"]: o for o in map(json.loads, corpus.open(encoding="utf-8"))
            if o["id"] in wanted}
    gold: dict[tuple[str, int, int], str | None] = {}
    found: dict[tuple[str, int, int], dt.date] = {}
    for lab in labels:
        doc = docs[lab["doc"]]
        lo, hi = lab["sentence"]
        for d in lab["dates"]:
            gold[(lab["doc"], d["start"], d["end"])] = d["value"]
        ref = dt.datetime.fromisoformat(doc["date"][:10] + "T12:00:00")
        at = 0
        for text, when in search(doc["text"][lo:hi], languages=["ar"],
                                 settings={"RELATIVE_BASE": ref}) or []:
            pos = doc["text"].find(text, lo + at, hi)
            if pos < 0:
                continue
            at = pos - lo + len(text)
            found[(lab["doc"], pos, pos + len(text))] = when.date()
    both = gold.keys() & found.keys()
    value_tp = 0
    for k in both:
        p = period(gold[k] or "")
        value_tp += bool(p and p[0] <= found[k] < p[1])
    return {"sentences": len(labels), "gold": len(gold), "found": len(found),
            "span_p": len(both) / max(len(found), 1), "span_r": len(both) / max(len(gold), 1),
            "value_p": value_tp / max(len(found), 1), "value_r": value_tp / max(len(gold), 1)}


def sample(corpus: Path, n: int, seed: int = 7) -> Iterator[tuple[dict[str, Any], str]]:
    """``n`` random date-bearing sentences, as label drafts (our facts) and their text.

    A sentence is date-bearing when it holds a news cue word (date_classes.yaml)
    or a four-digit year; the draft is then corrected by hand.
    """
    import random

    docs = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    rng = random.Random(seed)
    rng.shuffle(docs)
    taken = 0
    for doc in docs:
        if taken >= n:
            return
        result = extract_document(COMPILED, doc["text"], doc["id"],
                                  dt.date.fromisoformat(doc["date"][:10]))
        segs = result.segments
        spans = [result.norm.raw_span(a, b)
                 for a, b in zip(segs.sentence_starts, segs.sentence_ends, strict=True)]
        cues = [(lo, hi) for lo, hi in spans
                if 20 < hi - lo < 400 and (_has(doc["text"][lo:hi], "news_cue")
                                           or re.search(r"(?<!\d)(1[34]|19|20)\d\d(?!\d)",
                                                        doc["text"][lo:hi]))]
        if not cues:
            continue
        lo, hi = rng.choice(cues)
        facts = [f for f in fact_dicts(result, COMPILED)
                 if f["type"] == "date" and lo <= f["start"] and f["end"] <= hi]
        taken += 1
        yield ({"doc": doc["id"], "sentence": [lo, hi],
                "dates": [{"start": f["start"], "end": f["end"],
                           "value": f["fields"]["value"]} for f in facts]},
               doc["text"][lo:hi])


def sample_plain(corpus: Path, n: int, seed: int, exclude: set[str]) -> Iterator[dict[str, Any]]:
    """``n`` sentences for labelling by hand, chosen without running the extractor.

    Documents of ``exclude`` (every earlier label file) are skipped; sentences are
    cut at . ! ? and line breaks; a sentence qualifies when it holds a word of the
    wider ``fresh_cue`` list (date_classes.yaml) or a three- or four-digit number,
    so sentences with no date are drawn too. One sentence per document.
    """
    import random

    docs = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    docs = [d for d in docs if d["id"] not in exclude]
    rng = random.Random(seed)
    rng.shuffle(docs)
    taken = 0
    for doc in docs:
        if taken >= n:
            return
        text = doc["text"]
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n\u061f]+[.!?\u061f]?", text)]
        spans = [(lo + len(text[lo:hi]) - len(text[lo:hi].lstrip()), hi) for lo, hi in spans]
        cues = [(lo, hi) for lo, hi in spans
                if 30 < hi - lo < 350 and (_has(text[lo:hi], "fresh_cue")
                                           or re.search(r"(?<!\d)\d{3,4}(?!\d)", text[lo:hi]))]
        if not cues:
            continue
        lo, hi = rng.choice(cues)
        taken += 1
        yield {"doc": doc["id"], "sentence": [lo, hi], "text": text[lo:hi]}


# ------------------------------------------------------------------ main
SUITES = {"duckling_ar_time_corpus.tsv": duckling, "maha_ar_time_cases.tsv": maha,
          "recognizers_text_ar_flat.tsv": recognizers, "dateparser_ar_cases.tsv": dateparser_cases}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--failures", metavar="CLASS", help="print our failures of a class")
    ap.add_argument("--sample", type=int, metavar="N",
                    help="print N label drafts from the news corpus (then correct by hand)")
    ap.add_argument("-v", "--verbose", type=int, nargs="?", const=10, default=0, metavar="N",
                    help="print N failures (ours or dateparser's) of every class")
    ap.add_argument("--sample-fresh", type=int, metavar="N",
                    help="print N sentences (JSON, with text) to label by hand, chosen "
                         "without the extractor from documents no label file uses")
    ap.add_argument("--seed", type=int, default=11,
                    help="seed of --sample-fresh (11 drew dates_news_fresh.jsonl, "
                         "13 dates_news_fresh3.jsonl)")
    args = ap.parse_args()
    if args.sample_fresh:
        exclude = {json.loads(line)["doc"] for f in (Path(__file__).parent / "labels").glob(
            "*.jsonl") for line in f.open(encoding="utf-8") if line.strip()}
        for row in sample_plain(args.eval / "news" / "saudinewsnet-2015-07-23.jsonl",
                                args.sample_fresh, args.seed, exclude):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if args.sample:
        for draft, text in sample(args.eval / "news" / "saudinewsnet-2015-07-23.jsonl",
                                  args.sample):
            print(json.dumps(draft, ensure_ascii=False))
            print(f"  # {text}", file=sys.stderr)
        return 0
    folder = args.eval / "dates"
    if not folder.is_dir():
        print(f"skipped: {folder} is absent")
        return 0
    search = None
    if not args.no_dateparser:
        try:
            from dateparser.search import search_dates as search
        except ImportError:
            print("dateparser is not installed (pip install -e '.[bench]'); ours only")
    cases = [c for name, reader in SUITES.items() if (folder / name).exists()
             for c in reader(folder / name) if c.kind != "skip"]
    by_cls: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_suite: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    shown: dict[str, int] = defaultdict(int)
    for case in cases:
        case.cls = classify(case)
        if case.cls == "weekdays":
            bare_weekday(case)
        facts = ours(case.text, case.ref.date())
        ok = ours_ok(case, facts)
        dp = bool(search and dateparser_ok(case, search))
        if args.verbose and (not ok or (search and not dp)) \
                and shown[case.cls] < args.verbose:
            shown[case.cls] += 1
            got = [(f["text"], f["fields"]["value"]) for f in facts]
            dp_got = [(t, d.date().isoformat()) for t, d in (search(
                case.text, languages=["ar"], settings={"RELATIVE_BASE": case.ref}) or [])] \
                if search else None
            print(f"[{case.cls}] [{case.suite}] ours={'ok' if ok else 'FAIL'} "
                  f"dp={'ok' if dp else 'FAIL'} {case.text!r} gold="
                  f"{[(a.isoformat(), b.isoformat()) for a, b in case.gold]} "
                  f"alt={len(case.alt)} got={got} dateparser={dp_got}")
        for row in (by_cls[case.cls], by_suite[case.suite]):
            row[0] += 1
            row[1] += ok
            row[2] += dp
        if args.failures == case.cls and not ok:
            got = [(f["text"], f["fields"]["value"]) for f in ours(case.text, case.ref.date())]
            print(f"FAIL [{case.suite}] {case.text!r} gold={case.gold} got={got}")
    _table("class", by_cls, search is not None)
    _table("suite", by_suite, search is not None)
    cal = [v for k, v in by_cls.items() if k not in NON_CALENDAR]
    n, a, b = (sum(v[i] for v in cal) for i in range(3))
    print(f"\ncalendar-date classes (all but times, durations, sets): ours {a / n:.1%}"
          + (f", dateparser {b / n:.1%}" if search else "") + f" on {n} cases")
    for name in ("dates_news.jsonl", "dates_news_fresh.jsonl", "dates_news_fresh3.jsonl"):
        corpus = args.eval / "news" / "saudinewsnet-2015-07-23.jsonl"
        result = news(Path(__file__).parent / "labels" / name, corpus)
        dp_news = news_dateparser(Path(__file__).parent / "labels" / name, corpus, search) \
            if search else None
        if dp_news:
            print(f"\n  dateparser on {name}: {dp_news['found']} found: span P "
                  f"{dp_news['span_p']:.1%} R {dp_news['span_r']:.1%}; value (lenient) P "
                  f"{dp_news['value_p']:.1%} R {dp_news['value_r']:.1%}")
        if result:
            print(f"\nnews {name} ({result['sentences']} sentences, {result['gold']} gold dates,"
                  f" {result['found']} found): span P {result['span_p']:.1%} R "
                  f"{result['span_r']:.1%}; value P {result['value_p']:.1%} R "
                  f"{result['value_r']:.1%}")
    return 0


def _table(title: str, rows: dict[str, list[int]], dp: bool) -> None:
    print(f"\n{title:<18} {'cases':>6} {'ours':>7}" + (f" {'dateparser':>11}" if dp else ""))
    for key in sorted(rows):
        n, a, b = rows[key]
        print(f"{key:<18} {n:>6} {a / n:>7.1%}" + (f" {b / n:>11.1%}" if dp else ""))


if __name__ == "__main__":
    raise SystemExit(main())
