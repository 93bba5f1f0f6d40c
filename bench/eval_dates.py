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
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from eval_dates_cases import DAY, EVAL, NON_CALENDAR, NOTHING, Case, Period, ours, period
from eval_dates_news import news, news_dateparser, sample, sample_plain
from eval_dates_suites import (
    bare_weekday,
    classify,
    dateparser_cases,
    duckling,
    maha,
    recognizers,
)


# ------------------------------------------------------------------ scoring
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
