"""Events benchmark: topics, instruments, agreement parties and meeting participants.

Hand labels for 150 news sentences of the SaudiNewsNet day in
``../shared/eval/news/saudinewsnet-2015-07-23.jsonl`` (sentences holding an
agreement, sanctions, cooperation or meeting word of ``bench/events_words.yaml``).
The news file is read at run time, never copied: a label names the document id
and the sentence's character offsets, and a participant is the offsets of the
name in the document. The benchmark skips cleanly when the file is absent.

Each document is extracted whole (coreference and dates need the context); a
fact belongs to the labelled sentence its span starts in. Per sentence:

- topics: the set of topic slugs (a slug repeated in one sentence counts once);
- instruments: the multiset of instrument slugs of agreement facts;
- parties: the set of ISO codes of all agreement facts' parties;
- participants: the meeting participants, a name matching a gold name when the
  words of one contain the other's (after normalization).

    python bench/eval_events.py             # scores and error lists
    python bench/eval_events.py --draft N   # N sampled sentences with predictions (for labelling)
    python bench/eval_events.py --sample-facts N --facts-file DAY.jsonl --types topic
        # N random facts of ``extractor extract`` output outside the labelled sentences,
        # as judgement lines (precision audit); ``--precision FILE`` scores the judgements
    python bench/eval_events.py --coverage N --facts-file DAY.jsonl
        # the commonest words after a topic head that give no topic (whole day)
    python bench/eval_events.py --new-facts BEFORE.jsonl --facts-file AFTER.jsonl --sample-facts N
        # N random topic facts a lexicon change adds on the day, to judge

Split by concern: ``eval_events_data.py`` (news, sentences, labels, our facts),
``eval_events_sample.py`` (drafts and fact samples), ``eval_events_coverage.py``
(topic coverage of the whole day).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from eval_events_coverage import print_coverage, print_new_facts
from eval_events_data import (
    LABELS,
    NEWS,
    ROOT,
    cue_pattern,
    load_news,
    observed,
    predict,
    read_labels,
    sentences,
)
from eval_events_sample import draft, draft_sentences, sample_facts

from extractor.normalize import normalize_literal

HELDOUT = ROOT / "labels" / "events_news_heldout.jsonl"
FRESH = ROOT / "labels" / "events_news_fresh.jsonl"
FRESH2 = ROOT / "labels" / "events_news_fresh2.jsonl"
FRESH3 = ROOT / "labels" / "events_news_fresh3.jsonl"
FRESH4 = ROOT / "labels" / "events_news_fresh4.jsonl"
FRESH5 = ROOT / "labels" / "events_news_fresh5.jsonl"
FRESH6 = ROOT / "labels" / "events_news_fresh6.jsonl"
PRECISION = ROOT / "labels" / "events_facts_precision.jsonl"
TARGETS = {"topics": (0.90, 0.85), "instruments": (0.90, 0.85)}


def _words(name: str) -> set[str]:
    return set(normalize_literal(name).split())


def score_names(gold: list[str], pred: list[str]) -> tuple[int, list[str], list[str]]:
    left = list(gold)
    tp, fp = 0, []
    for p in dict.fromkeys(pred):
        hit = next((g for g in left if _words(g) <= _words(p) or _words(p) <= _words(g)), None)
        if hit is None:
            fp.append(p)
        else:
            left.remove(hit)
            tp += 1
    return tp, fp, left


def evaluate(news: dict[str, dict[str, Any]], labels: list[dict[str, Any]],
             show_text: bool = False) -> dict[str, Any]:
    preds = predict(news, {lab["doc"] for lab in labels})
    tally = {k: Counter[str]() for k in ("topics", "instruments", "parties", "participants")}
    errors: dict[str, list[str]] = {k: [] for k in tally}
    for lab in labels:
        text = news[lab["doc"]]["text"]
        got = observed(preds[lab["doc"]], lab["start"], lab["end"])
        where = f"{lab['doc']}@{lab['start']}"
        if show_text:
            where += " «" + " ".join(text[lab["start"]:lab["end"]].split())[:300] + "»"
        for key in ("topics", "instruments", "parties"):
            g, p = Counter(lab.get(key, [])), Counter(got[key])
            if key != "instruments":
                g, p = Counter(set(g)), Counter(set(p))
            tally[key].update(tp=sum((g & p).values()), fp=sum((p - g).values()),
                              fn=sum((g - p).values()))
            for v in (p - g):
                errors[key].append(f"FP {v} {where}")
            for v in (g - p):
                errors[key].append(f"FN {v} {where}")
        gold_names = [text[a:b] for a, b in lab.get("participants", [])]
        tp, fp, fn = score_names(gold_names, got["participants"])
        tally["participants"].update(tp=tp, fp=len(fp), fn=len(fn))
        errors["participants"] += [f"FP {n} {where}" for n in fp] + [f"FN {n} {where}" for n in fn]
    return {"tally": tally, "errors": errors}


def report(result: dict[str, Any], n: int, verbose: bool) -> bool:
    ok = True
    print(f"events benchmark: {n} labelled sentences")
    print(f"{'':14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for key, c in result["tally"].items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        mark = ""
        if key in TARGETS:
            good = p >= TARGETS[key][0] and r >= TARGETS[key][1]
            ok = ok and good
            mark = "  ok" if good else "  below target"
        print(f"{key:14} {p:6.1%} {r:6.1%} {f:6.1%} {c['tp']:4} {c['fp']:4} {c['fn']:4}{mark}")
    if verbose:
        for key, errs in result["errors"].items():
            for e in errs:
                print(f"  {key}: {e}")
    return ok


def score_precision(news: dict[str, dict[str, Any]], path: Path) -> None:
    """First-reading precision per field of a fact audit, and what the rules give now.

    "now": a judged value still produced (same type and start) or gone.
    """
    labels = read_labels(path, news)
    preds = predict(news, {lab["doc"] for lab in labels})
    tally: dict[str, Counter[str]] = {}
    for lab in labels:
        now = [f for f in preds[lab["doc"]] if f["type"] == lab["type"]
               and f["start"] == lab["start"]]
        for field, verdict in lab["ok"].items():
            verdicts = verdict.items() if isinstance(verdict, dict) else [(None, verdict)]
            for value, good in verdicts:
                c = tally.setdefault(f"{lab['type']}.{field}", Counter())
                c["right" if good else "wrong"] += 1
                if value is None:
                    value = lab["fields"].get(field)
                if field == "participants" and value and "-" in value:
                    a, b = map(int, value.split("-"))  # a name judged by its offsets
                    value = news[lab["doc"]]["text"][a:b]
                kept = any(value == f["fields"].get(field)
                           or value in (f["fields"].get(field) or [])
                           or field == "meeting" for f in now)
                c[("right" if good else "wrong") + (" kept" if kept else " gone")] += 1
    print(f"fact precision audit: {len(labels)} facts ({path.name})")
    print(f"{'':24} {'P':>6} {'right':>6} {'wrong':>6}   now: right kept, wrong gone")
    for key, c in sorted(tally.items()):
        n = c["right"] + c["wrong"]
        print(f"{key:24} {c['right'] / n:6.1%} {c['right']:6} {c['wrong']:6}"
              f"   {c['right kept']}/{c['right']}, {c['wrong gone']}/{c['wrong']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--news", type=Path, default=NEWS)
    ap.add_argument("--draft", type=int, metavar="N")
    ap.add_argument("--heldout", action="store_true",
                    help="with --draft: a blind sample of documents outside the tuning labels")
    ap.add_argument("--seed", type=int, default=2015, help="with --draft --heldout: sample seed")
    ap.add_argument("--exclude", type=Path, action="append", default=[], metavar="LABELS",
                    help="with --draft --heldout: also leave out the documents of these labels")
    ap.add_argument("--skip-dups", action="store_true",
                    help="with --draft --heldout: skip sentences repeating a labelled one")
    ap.add_argument("--sentences", action="store_true",
                    help="with --draft: blind sample of never-labelled sentences of any document")
    ap.add_argument("--sample-facts", type=int, metavar="N",
                    help="N random facts of --facts-file outside the labelled sentences")
    ap.add_argument("--facts-file", type=Path, help="`extractor extract` output of the news file")
    ap.add_argument("--coverage", type=int, metavar="N",
                    help="with --facts-file: the N commonest words after a topic head, no topic")
    ap.add_argument("--new-facts", type=Path, metavar="BEFORE",
                    help="with --facts-file: N (--sample-facts) random topic facts BEFORE lacks")
    ap.add_argument("--types", default="topic", help="with --sample-facts: fact types, a,b")
    ap.add_argument("--precision", type=Path, nargs="?", const=PRECISION, metavar="LABELS",
                    help="score a fact-precision audit (default the events_facts_precision file)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every error")
    ap.add_argument("--text", action="store_true", help="with -v: quote each error's sentence")
    args = ap.parse_args()
    if not args.news.is_file():
        print(f"skipped: {args.news} is absent")
        return 0
    news = load_news(args.news)
    if args.new_facts and args.facts_file:
        print_new_facts(news, args.new_facts, args.facts_file, args.sample_facts or 50,
                        args.seed, sentences)
        return 0
    if args.sample_facts:
        if args.facts_file is None:
            ap.error("--sample-facts needs --facts-file")
        sample_facts(news, args.facts_file, args.sample_facts, set(args.types.split(",")),
                     args.seed)
        return 0
    if args.coverage:
        if args.facts_file is None:
            ap.error("--coverage needs --facts-file")
        print_coverage(news, args.facts_file, args.coverage, sentences, cue_pattern())
        return 0
    if args.precision:
        score_precision(news, args.precision)
        return 0
    if args.draft and args.sentences:
        draft_sentences(news, args.draft, args.seed)
        return 0
    if args.draft:
        draft(news, args.draft, args.heldout, args.seed, args.exclude, args.skip_dups)
        return 0
    ok = True
    for title, path in (("fresh 6", FRESH6), ("fresh 5", FRESH5), ("fresh 4", FRESH4),
                        ("fresh 3", FRESH3), ("fresh 2", FRESH2), ("fresh", FRESH),
                        ("held-out", HELDOUT), ("tuning", LABELS)):
        labels = read_labels(path, news)
        if not labels:
            continue
        print(f"== {title} ({path.name})")
        good = report(evaluate(news, labels, args.text), len(labels), args.verbose)
        ok = ok and (good or title != "held-out")
        novel = [lab for lab in labels if "dup_of" not in lab]
        if len(novel) < len(labels):
            # ``dup_of``: the sentence repeats (Jaccard of words > 0.6) a sentence of an
            # earlier set, the same story from another outlet; scored apart as well.
            print(f"-- {title} without {len(labels) - len(novel)} repeats of earlier sets")
            report(evaluate(news, novel, args.text), len(novel), args.verbose)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
