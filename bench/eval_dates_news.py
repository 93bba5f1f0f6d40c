"""News samples of the date benchmark: span and value precision/recall of ours and
of dateparser on hand-labelled sentences, and the samplers that drew them.
Split from eval_dates.py.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eval_dates_cases import COMPILED, ours, period
from eval_dates_suites import _has

from extractor.engine import extract_document, fact_dicts


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


def _shuffled(corpus: Path, seed: int, exclude: frozenset[str] | set[str] = frozenset(),
              ) -> tuple[list[dict[str, Any]], random.Random]:
    """The corpus's documents outside ``exclude`` in a seeded random order, and the
    generator that shuffled them (the draw goes on with it, so samples repeat)."""
    docs = [d for d in map(json.loads, corpus.open(encoding="utf-8")) if d["id"] not in exclude]
    rng = random.Random(seed)
    rng.shuffle(docs)
    return docs, rng


def sample(corpus: Path, n: int, seed: int = 7) -> Iterator[tuple[dict[str, Any], str]]:
    """``n`` random date-bearing sentences, as label drafts (our facts) and their text.

    A sentence is date-bearing when it holds a news cue word (date_classes.yaml)
    or a four-digit year; the draft is then corrected by hand.
    """

    docs, rng = _shuffled(corpus, seed)
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

    docs, rng = _shuffled(corpus, seed, exclude)
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
