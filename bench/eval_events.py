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
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import regex
import yaml

from extractor.normalize import normalize_literal
from extractor.pipeline import extract_record

ROOT = Path(__file__).resolve().parent
NEWS = ROOT.parent.parent / "shared" / "eval" / "news" / "saudinewsnet-2015-07-23.jsonl"
LABELS = ROOT / "labels" / "events_news.jsonl"
HELDOUT = ROOT / "labels" / "events_news_heldout.jsonl"
FRESH = ROOT / "labels" / "events_news_fresh.jsonl"
FRESH2 = ROOT / "labels" / "events_news_fresh2.jsonl"
WORDS = ROOT / "events_words.yaml"
SENTENCE_END = regex.compile(r"[.!?\u061f\u06d4]+(?=\s|$)|\n")
FRESH3 = ROOT / "labels" / "events_news_fresh3.jsonl"
FRESH4 = ROOT / "labels" / "events_news_fresh4.jsonl"
PRECISION = ROOT / "labels" / "events_facts_precision.jsonl"
TARGETS = {"topics": (0.90, 0.85), "instruments": (0.90, 0.85)}
DUP_JACCARD = 0.6  # above this word overlap a sentence repeats another (``dup_of``)


def load_news(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh) if d.get("text")}


def sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[pos:m.end()].strip():
            out.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def proclitics() -> str:
    """The noun clitic policy of rules/core.yaml as a pattern.

    An optional conjunction, then preposition, then article.
    """
    core = yaml.safe_load((ROOT.parent / "rules" / "core.yaml").read_text(encoding="utf-8"))
    noun = core["clitics"]["noun"]

    def alt(items: list[str]) -> str:
        return f"(?:{'|'.join(regex.escape(normalize_literal(i)) for i in items)})?"
    return alt(noun["conjunctions"]) + alt(noun["prepositions"]) + alt([noun["article"]])


def cue_pattern() -> regex.Pattern[str]:
    words = yaml.safe_load(WORDS.read_text(encoding="utf-8"))
    forms = sorted({normalize_literal(w) for ws in words.values() for w in ws}, key=len,
                   reverse=True)
    return regex.compile(rf"(?<!\w){proclitics()}(?:{'|'.join(map(regex.escape, forms))})(?!\w)")


def word_set(text: str) -> frozenset[str]:
    return frozenset(normalize_literal(text).split())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def sample(news: dict[str, dict[str, Any]], n: int, seed: int = 7,
           exclude: frozenset[str] | set[str] = frozenset(),
           avoid: list[frozenset[str]] | None = None) -> list[tuple[str, int, int]]:
    """``n`` cue sentences of documents outside ``exclude``.

    With ``avoid`` (word sets of sentences already labelled), a sentence repeating
    one of them or one already picked (word Jaccard > 0.6, the same story from
    another outlet) is skipped, and the draw goes on until ``n`` are picked.
    """
    cue = cue_pattern()
    pool = []
    for did, d in sorted(news.items()):
        if did in exclude:
            continue
        for s, e in sentences(d["text"]):
            if 30 <= e - s <= 600 and cue.search(normalize_literal(d["text"][s:e])):
                pool.append((did, s, e))
    if avoid is None:
        return sorted(random.Random(seed).sample(pool, min(n, len(pool))))
    random.Random(seed).shuffle(pool)
    seen = list(avoid)
    picked = []
    for did, s, e in pool:
        words = word_set(news[did]["text"][s:e])
        if any(jaccard(words, w) > DUP_JACCARD for w in seen):
            continue
        seen.append(words)
        picked.append((did, s, e))
        if len(picked) == n:
            break
    return sorted(picked)


def predict(news: dict[str, dict[str, Any]], doc_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    out = {}
    timeouts = []
    for did in sorted(doc_ids):
        d = news[did]
        record = extract_record({"id": did, "text": d["text"], "date": d.get("date")})
        out[did] = record["facts"]
        timeouts += [f"{did}:{g.get('rule')}" for g in record["diagnostics"]
                     if g.get("code") == "rule_timeout"]
    if timeouts:
        # A rule timeout drops that rule's facts for the document: the score is then
        # lower than the rules deserve (a loaded machine); run again when it is quiet.
        print(f"warning: {len(timeouts)} rule timeout(s): {', '.join(timeouts[:5])}",
              file=sys.stderr)
    return out


def observed(facts: list[dict[str, Any]], s: int, e: int) -> dict[str, Any]:
    inside = [f for f in facts if s <= f["start"] < e]
    agreements = [f for f in inside if f["type"] == "agreement"]
    return {
        "topics": sorted({f["fields"]["topic"] for f in inside if f["type"] == "topic"}),
        "instruments": sorted(f["fields"]["instrument"] for f in agreements
                              if f["fields"]["instrument"]),
        "parties": sorted({p for f in agreements for p in f["fields"]["parties"]}),
        "participants": [p for f in inside if f["type"] == "meeting"
                         for p in f["fields"]["participants"]],
    }


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


def read_labels(path: Path, news: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    return [lab for lab in labels if lab["doc"] in news]


def label_files() -> list[Path]:
    """Every events label file (the sentence sets and the fact-precision audit)."""
    return sorted((ROOT / "labels").glob("events_*.jsonl"))


def labelled_spans(news: dict[str, dict[str, Any]], paths: list[Path]
                   ) -> tuple[dict[str, list[tuple[int, int]]], list[frozenset[str]]]:
    """The labelled sentences per document, and their word sets (to skip repeats).

    A fact-audit line names its sentence in ``sentence``; a sentence label is its
    own ``start``/``end``.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    words = []
    for path in paths:
        for lab in read_labels(path, news):
            s, e = lab.get("sentence", (lab["start"], lab["end"]))
            spans.setdefault(lab["doc"], []).append((s, e))
            words.append(word_set(news[lab["doc"]]["text"][s:e]))
    return spans, words


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    for s, e in sentences(text):
        if s <= pos < e:
            return s, e
    return pos, pos


def draft_sentences(news: dict[str, dict[str, Any]], n: int, seed: int) -> None:
    """A blind sample of cue sentences never labelled, from any document.

    Leaves out every sentence of every events label file and any sentence
    repeating one of them (or one already drawn) from another outlet.
    """
    spans, avoid = labelled_spans(news, label_files())
    cue = cue_pattern()
    pool = []
    for did, d in sorted(news.items()):
        for s, e in sentences(d["text"]):
            if (30 <= e - s <= 600 and not _inside(spans.get(did, []), s, e)
                    and cue.search(normalize_literal(d["text"][s:e]))):
                pool.append((did, s, e))
    random.Random(seed).shuffle(pool)
    picked = []
    for did, s, e in pool:
        words = word_set(news[did]["text"][s:e])
        if any(jaccard(words, w) > DUP_JACCARD for w in avoid):
            continue
        avoid.append(words)
        picked.append((did, s, e))
        if len(picked) == n:
            break
    for did, s, e in sorted(picked):
        print(f"{did}@{s}-{e}: " + " ".join(news[did]["text"][s:e].split()), file=sys.stderr)
        print(json.dumps({"doc": did, "start": s, "end": e, "topics": [], "instruments": [],
                          "parties": [], "participants": []}))


def _fact_fields(fact: dict[str, Any], text: str, s: int, e: int) -> dict[str, Any]:
    """The judged fields of a fact, ids and offsets only (names become offsets)."""
    f = fact["fields"]
    if fact["type"] == "topic":
        return {"topic": f["topic"]}
    if fact["type"] == "agreement":
        return {"instrument": f["instrument"], "parties": f["parties"]}
    spans = []
    for name in f.get("participants", []):
        i = text.find(name, s, e)
        i = i if i >= 0 else text.find(name)
        spans.append([i, i + len(name)] if i >= 0 else name)
    return {"participants": spans}


def sample_facts(news: dict[str, dict[str, Any]], facts_file: Path, n: int, types: set[str],
                 seed: int) -> None:
    """``n`` random facts of ``types`` outside every labelled sentence (and its repeats).

    ``facts_file`` is the output of ``extractor extract`` over the news file. Each
    line printed is a judgement to fill by hand: ``ok`` maps each field to true or
    false (``parties`` and ``participants``: one verdict per value).
    """
    spans, avoid = labelled_spans(news, label_files())
    pool = []
    with facts_file.open(encoding="utf-8") as fh:
        for rec in map(json.loads, fh):
            if rec["id"] not in news:
                continue
            for f in rec["facts"]:
                if f["type"] in types and not _inside(spans.get(rec["id"], []),
                                                     f["start"], f["end"]):
                    pool.append((rec["id"], f))
    random.Random(seed).shuffle(pool)
    picked = []
    for did, f in pool:
        text = news[did]["text"]
        s, e = sentence_of(text, f["start"])
        if any(jaccard(word_set(text[s:e]), w) > DUP_JACCARD for w in avoid):
            continue
        picked.append((did, f, s, e))
        if len(picked) == n:
            break
    for did, f, s, e in sorted(picked, key=lambda x: (x[0], x[1]["start"])):
        text = news[did]["text"]
        shown = text[s:f["start"]] + "[[" + text[f["start"]:f["end"]] + "]]" + text[f["end"]:e]
        fields = _fact_fields(f, text, s, e)
        print(f"{did}@{f['start']} {f['type']} {f['rule']} {f['fields']}: "
              + " ".join(shown.split()), file=sys.stderr)
        print(json.dumps({"doc": did, "start": f["start"], "end": f["end"], "type": f["type"],
                          "sentence": [s, e], "fields": fields, "ok": {}}, ensure_ascii=False))


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


def draft(news: dict[str, dict[str, Any]], n: int, heldout: bool, seed: int = 2015,
          exclude_files: tuple[Path, ...] | list[Path] = (), skip_dups: bool = False) -> None:
    """Sampled sentences as label lines to fill by hand.

    Tuning draft: the extractor's output prefilled. Held-out draft (``--heldout``):
    documents outside the tuning labels, another seed, and empty labels (blind:
    the sentence is read and labelled before the output is seen). ``seed`` and
    ``exclude_files`` (further label files whose documents are left out) draw
    another blind sample, e.g. the third one (seed 4242, held-out excluded).
    ``skip_dups`` also leaves out sentences repeating a labelled one (or one
    already drawn) from another outlet.
    """
    if heldout:
        labelled = [lab for p in (LABELS, *exclude_files) for lab in read_labels(p, news)]
        exclude = {lab["doc"] for lab in labelled}
        avoid = [word_set(news[lab["doc"]]["text"][lab["start"]:lab["end"]])
                 for lab in labelled] if skip_dups else None
        picked = sample(news, n, seed=seed, exclude=exclude, avoid=avoid)
        for did, s, e in picked:
            print(f"{did}@{s}-{e}: " + news[did]["text"][s:e].strip(), file=sys.stderr)
            print(json.dumps({"doc": did, "start": s, "end": e, "topics": [],
                              "instruments": [], "parties": [], "participants": []}))
        return
    picked = sample(news, n)
    preds = predict(news, {d for d, _, _ in picked})
    for did, s, e in picked:
        text = news[did]["text"]
        got = observed(preds[did], s, e)
        spans = []
        for name in got["participants"]:
            i = text.find(name, s, e)
            if i >= 0:
                spans.append([i, i + len(name)])
        print(text[s:e].strip(), file=sys.stderr)
        print(json.dumps({"doc": did, "start": s, "end": e, "topics": got["topics"],
                          "instruments": got["instruments"], "parties": got["parties"],
                          "participants": spans}, ensure_ascii=False))


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
    if args.sample_facts:
        if args.facts_file is None:
            ap.error("--sample-facts needs --facts-file")
        sample_facts(news, args.facts_file, args.sample_facts, set(args.types.split(",")),
                     args.seed)
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
    for title, path in (("fresh 4", FRESH4), ("fresh 3", FRESH3), ("fresh 2", FRESH2),
                        ("fresh", FRESH), ("held-out", HELDOUT), ("tuning", LABELS)):
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
