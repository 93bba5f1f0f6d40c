"""Events benchmark data: the news day, its sentences, cue words, labels and our facts.

Shared by ``bench/eval_events.py`` (scoring) and ``bench/eval_events_sample.py``
(drawing sentences and facts to label). The news file is read at run time, never
copied; labels hold document ids and offsets only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import regex
import yaml

from extractor.normalize import normalize_literal
from extractor.pipeline import extract_record

ROOT = Path(__file__).resolve().parent
NEWS = ROOT.parent.parent / "shared" / "eval" / "news" / "saudinewsnet-2015-07-23.jsonl"
LABELS = ROOT / "labels" / "events_news.jsonl"
WORDS = ROOT / "events_words.yaml"
SENTENCE_END = regex.compile(r"[.!?\u061f\u06d4]+(?=\s|$)|\n")
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
    forms = sorted({normalize_literal(w) for k, ws in words.items()
                    if not k.startswith("coverage_") for w in ws}, key=len, reverse=True)
    return regex.compile(rf"(?<!\w){proclitics()}(?:{'|'.join(map(regex.escape, forms))})(?!\w)")


def word_set(text: str) -> frozenset[str]:
    return frozenset(normalize_literal(text).split())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


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
