"""Topic coverage of the whole day: the words after topic heads that give no topic.

Recall found sentence by sentence fixes the words a sample happens to hold. This
looks at every sentence of the day instead: after each head word of
``coverage_heads`` in ``bench/events_words.yaml`` («التعاون في مجال»، «قطاع»،
«مجالات»، «تعزيز»، «ملف»، «أزمة» ...) it takes the next word and the next two
words, and counts them when no topic fact of the sentence (in ``extractor
extract`` output of the day) holds that word. The most frequent ones are the
vocabulary to map to topics (or to leave out, as not topics) in
``rules/topics.yaml``.

    python bench/eval_events.py --coverage 60 --facts-file DAY.jsonl
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import regex
import yaml

from extractor.normalize import normalize_literal

WORDS = Path(__file__).resolve().parent / "events_words.yaml"
CONJUNCTION = regex.compile(r"^[وف](?=ال|[بلك]ال)")


def _head_pattern() -> tuple[regex.Pattern[str], frozenset[str]]:
    words = yaml.safe_load(WORDS.read_text(encoding="utf-8"))
    heads = sorted({normalize_literal(w) for w in words["coverage_heads"]}, key=len, reverse=True)
    stop = frozenset(normalize_literal(w) for w in words["coverage_stop"])
    alts = "|".join(map(regex.escape, heads))
    pattern = regex.compile(
        rf"(?<!\w)(?:[وف])?(?:ل|ب|ال|لل|بال)?(?:{alts}) (?P<w1>\w+)(?: (?P<w2>\w+))?")
    return pattern, stop


def _bare(word: str) -> str:
    """The word without a leading conjunction before the article («والطاقة» → «الطاقة»)."""
    return CONJUNCTION.sub("", word)


def uncovered(news: dict[str, dict[str, Any]], facts_file: Path, sentences: Any,
              cue: regex.Pattern[str]) -> tuple[Counter[str], Counter[str], dict[str, str],
                                                 dict[str, set[str]], Counter[str]]:
    """Counts of words (and word pairs) after a head that no topic fact holds.

    Returns the word counts, the pair counts, one example sentence per word, the
    documents of each word, and the definite nouns of the cue sentences (``cue``:
    an agreement, cooperation or meeting word) that give no topic fact at all.
    """
    pattern, stop = _head_pattern()
    facts: dict[str, list[dict[str, Any]]] = {}
    with facts_file.open(encoding="utf-8") as fh:
        for rec in map(json.loads, fh):
            facts[rec["id"]] = [f for f in rec["facts"] if f["type"] == "topic"]
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    example: dict[str, str] = {}
    docs: dict[str, set[str]] = {}
    nouns: Counter[str] = Counter()
    for did, d in sorted(news.items()):
        text = d["text"]
        for s, e in sentences(text):
            topics = [normalize_literal(f["text"]) for f in facts.get(did, [])
                      if s <= f["start"] < e]
            norm = normalize_literal(text[s:e])
            if not topics and cue.search(norm):
                nouns.update(w for w in map(_bare, norm.split())
                             if w.startswith("ال") and len(w) > 4 and w not in stop)
            seen: set[int] = set()
            for m in pattern.finditer(norm, overlapped=True):
                w1 = _bare(m["w1"])
                if m.start("w1") in seen:
                    continue  # «التعاون في مجال الطاقة» and «مجال الطاقة»: one word
                seen.add(m.start("w1"))
                w2 = _bare(m["w2"] or "")
                if w1 in stop or len(w1) < 3 or any(w1 in t or (w2 and w2 in t) for t in topics):
                    continue  # a topic on the word or the next («مجال الأعمال المصرفية»)
                words[w1] += 1
                docs.setdefault(w1, set()).add(did)
                if w2 and w2 not in stop:
                    pairs[f"{w1} {w2}"] += 1
                example.setdefault(w1, " ".join(norm[max(0, m.start() - 60):m.end() + 60].split()))
    return words, pairs, example, docs, nouns


def print_coverage(news: dict[str, dict[str, Any]], facts_file: Path, n: int,
                   sentences: Any, cue: regex.Pattern[str]) -> None:
    """The ``n`` most frequent uncovered words and word pairs, with documents and an example."""
    words, pairs, example, docs, nouns = uncovered(news, facts_file, sentences, cue)
    print(f"words after a topic head with no topic fact: {sum(words.values())} "
          f"occurrences, {len(words)} words")
    print(f"{'count':>5} {'docs':>4}  word  | example")
    for w, c in words.most_common(n):
        print(f"{c:5} {len(docs[w]):4}  {w}  | {example[w]}")
    print("\nword pairs:")
    for w, c in pairs.most_common(n):
        print(f"{c:5}  {w}")
    print("\ndefinite nouns of cue sentences with no topic fact:")
    for w, c in nouns.most_common(n):
        print(f"{c:5}  {w}")


def _topic_facts(path: Path) -> dict[tuple[str, int, int, str], dict[str, Any]]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for rec in map(json.loads, fh):
            for f in rec["facts"]:
                if f["type"] == "topic":
                    out[(rec["id"], f["start"], f["end"], f["fields"]["topic"])] = f
    return out


def print_new_facts(news: dict[str, dict[str, Any]], before: Path, after: Path, n: int,
                    seed: int, sentences: Any) -> None:
    """``n`` random topic facts of ``after`` that ``before`` lacks, with their sentence.

    Both files are ``extractor extract`` output of the day, before and after a
    lexicon change: the lines are to judge by hand (the precision of what the
    change adds). Counts of the added and removed facts by topic come first.
    """
    old, new = _topic_facts(before), _topic_facts(after)
    added = sorted(new.keys() - old.keys())
    removed = old.keys() - new.keys()
    print(f"topic facts: {len(old)} before, {len(new)} after; {len(added)} added, "
          f"{len(removed)} removed")
    print("added by topic:", dict(Counter(k[3] for k in added).most_common()))
    print("removed by topic:", dict(Counter(k[3] for k in removed).most_common()))
    for key in sorted(random.Random(seed).sample(added, min(n, len(added)))):
        did, start, end, topic = key
        text = news[did]["text"]
        s, e = next(((a, b) for a, b in sentences(text) if a <= start < b), (start, end))
        shown = text[s:start] + "[[" + text[start:end] + "]]" + text[end:e]
        print(f"{did}@{start} {topic}: " + " ".join(shown.split()))
