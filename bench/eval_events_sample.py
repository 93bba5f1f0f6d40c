"""Events benchmark sampling: sentences and facts to label by hand.

Tuning drafts (the extractor's output prefilled), blind drafts of documents or of
never-labelled sentences (empty labels, read before any output is seen), and random
facts of ``extractor extract`` output for a precision audit. Used by
``bench/eval_events.py``.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from eval_events_data import (
    DUP_JACCARD,
    LABELS,
    _inside,
    cue_pattern,
    jaccard,
    label_files,
    labelled_spans,
    observed,
    predict,
    read_labels,
    sentence_of,
    sentences,
    word_set,
)

from extractor.normalize import normalize_literal


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
    return _unrepeated(news, pool, n, seed, list(avoid))


def _unrepeated(news: dict[str, dict[str, Any]], pool: list[tuple[str, int, int]], n: int,
                seed: int, avoid: list[frozenset[str]]) -> list[tuple[str, int, int]]:
    """``n`` sentences of ``pool`` in a seeded random order, skipping any that
    repeats a sentence of ``avoid`` or one already picked (word Jaccard above
    DUP_JACCARD: the same story from another outlet); sorted."""
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
    for did, s, e in _unrepeated(news, pool, n, seed, avoid):
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
