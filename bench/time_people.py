"""Throughput of the people rules on one day of real news (SaudiNewsNet).

Reads ``../shared/eval/news/saudinewsnet-2015-07-23.jsonl`` at run time (skips
when absent): the time of ``extract_document`` over the first N articles, the
time of each people rule alone (seconds per 100 KB of text) and rule timeouts.

    python bench/time_people.py [N]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.compile import Compiled, CompiledRule
from extractor.engine import extract_document
from extractor.match import _anchored, _candidate, _sentences_with, _windowed
from extractor.normalize import Normalized, normalize
from extractor.rulepacks import compiled_rules

NEWS = (Path(__file__).resolve().parents[2] / "shared" / "eval" / "news"
        / "saudinewsnet-2015-07-23.jsonl")
PEOPLE_TYPES = {"minister", "official", "person_block"}


def main(n: int = 300) -> int:
    if not NEWS.exists():
        print(f"skipped: {NEWS} is absent")
        return 0
    texts = [json.loads(line)["text"] for line in NEWS.open(encoding="utf-8")][:n]
    size = sum(len(t.encode("utf-8")) for t in texts) / 100_000
    compiled = compiled_rules()
    timeouts: Counter[str] = Counter()
    started = time.perf_counter()
    for t in texts:
        for d in extract_document(compiled, t).diagnostics:
            if d["code"] == "rule_timeout":
                timeouts[d["rule"]] += 1
    total = time.perf_counter() - started
    print(f"{len(texts)} articles, {size * 100:.0f} KB: extract_document {total:.2f} s "
          f"({total / size:.3f} s per 100 KB); timeouts: {dict(timeouts) or 'none'}")
    norms = [normalize(t) for t in texts]
    hits = [compiled.anchor_index.hits(nm.text) for nm in norms]
    per_rule = {crule.rule.id: _rule_time(compiled, crule, norms, hits)
                for crule in compiled.rules
                if crule.rule.type in PEOPLE_TYPES and crule.source is not None}
    for rid, secs in sorted(per_rule.items(), key=lambda x: -x[1]):
        print(f"  {rid:40s} {secs / size:.4f} s per 100 KB")
    print(f"  {'people rules together':40s} {sum(per_rule.values()) / size:.4f} s per 100 KB")
    return 0


def _rule_time(compiled: Compiled, crule: CompiledRule, norms: list[Normalized],
               hits: list[dict[str, list[int]]]) -> float:
    """Seconds one rule spends on the documents, found the way ``match_all`` finds them."""
    pattern = crule.regex
    assert pattern is not None
    started = time.perf_counter()
    for nm, h in zip(norms, hits, strict=True):
        text = nm.text
        t0 = time.perf_counter()
        if crule.anchors is not None:
            positions = sorted({p for key in crule.anchors for p in h.get(key, ())})
            matches: Iterable[Any] = _anchored(pattern, text, positions, t0, 60.0)
        elif crule.required is not None:
            windows = _sentences_with(text, {p for key in crule.required for p in h.get(key, ())})
            matches = _windowed(pattern, text, windows, t0, 60.0)
        else:
            matches = pattern.finditer(text)
        for m in matches:
            _candidate(crule, m, compiled, nm)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
