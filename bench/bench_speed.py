"""Speed benchmark: the extractor beside dateparser and a spaCy EntityRuler, one run.

Reads the SaudiNewsNet day in ../shared/eval/news/ (skips cleanly when absent)
and prints, on the same documents:

- the full extractor (all built-in packs, normalization, assembly, JSONL):
  MB/s and documents/s on one core; peak RSS; start-up time of
  ``extractor extract`` on a one-line input (warm cache); rule compile time
  cold, and loading from the cache (the rule set, then every compiled pattern
  from the pattern store); ``--jobs 2`` against ``--jobs 1``;
- ``dateparser.search.search_dates(text, languages=["ar"])`` (dates only);
- spaCy ``blank("ar")`` with an ``EntityRuler`` holding the same lexicon forms
  (titles, portfolios, countries, months, topics) as phrase patterns;
- cost against document length (1 KB .. 1 MB, 10 MB with --long) and against
  lexicon size (1x and 10x a synthetic lexicon).

    pip install -e '.[bench]'
    python bench/bench_speed.py [--limit 400] [--long]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "eval" / "news" / "saudinewsnet-2015-07-23.jsonl"
LEXICONS_FOR_SPACY = ("title", "portfolio", "country", "month", "topic", "official_role")


def _load(limit: int) -> list[dict[str, Any]]:
    with NEWS.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs[:limit] if limit else docs


def _mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def _timed(fn: Any, *args: Any) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def bench_extractor(docs: list[dict[str, Any]]) -> dict[str, float]:
    from extractor.inputs import InputDoc, parse_date
    from extractor.pipeline import extract_doc
    from extractor.rulepacks import compiled_rules

    compiled = compiled_rules(())
    for crule in compiled.rules:  # compile every pattern first: steady-state speed
        crule.regex  # noqa: B018
    inputs = [InputDoc(d["id"], d["text"], parse_date(d["date"])) for d in docs]

    def run() -> None:
        for doc in inputs:
            json.dumps(extract_doc(compiled, doc), ensure_ascii=False)
    seconds = _timed(run)
    mb = _mb([d["text"] for d in docs])
    return {"seconds": seconds, "mb_per_s": mb / seconds, "docs_per_s": len(docs) / seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def bench_dateparser(docs: list[dict[str, Any]]) -> dict[str, float] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    search_dates("في 23 يوليو 2015", languages=["ar"])  # warm its caches

    def run() -> None:
        for d in docs:
            search_dates(d["text"], languages=["ar"])
    seconds = _timed(run)
    return {"seconds": seconds, "mb_per_s": _mb([d["text"] for d in docs]) / seconds}


def bench_spacy(docs: list[dict[str, Any]]) -> dict[str, float] | None:
    try:
        import spacy
    except ImportError:
        return None
    from extractor.lexicon import expand_forms
    from extractor.normalize import normalize
    from extractor.rulepacks import compiled_rules

    rs = compiled_rules(()).ruleset
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = []
    for name in LEXICONS_FOR_SPACY:
        if name in rs.lexicons:
            forms = {surface for surface, _ in expand_forms(rs.lexicons[name], rs.inflections)}
            patterns += [{"label": name.upper(), "pattern": f} for f in sorted(forms)]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    texts = [normalize(d["text"]).text for d in docs]  # same normalized view as ours

    def run() -> None:
        for text in texts:
            nlp(text)
    seconds = _timed(run)
    return {"seconds": seconds, "mb_per_s": _mb(texts) / seconds, "patterns": len(patterns)}


def _cli(args: list[str], stdin: str = "", env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", *args], input=stdin, text=True,
                   capture_output=True, check=True, cwd=ROOT, env=env)
    return time.perf_counter() - started


def bench_startup_and_compile() -> dict[str, float]:
    line = json.dumps({"id": "one", "text": "وقال وزير الخارجية السوري في 23 يوليو"},
                      ensure_ascii=False)
    load = ("import time; t = time.perf_counter(); from extractor.rulepacks import "
            "compiled_rules; c = compiled_rules(()); print(time.perf_counter() - t); "
            "t = time.perf_counter(); [r.regex for r in c.rules]; print(time.perf_counter() - t)")

    def loaded(env: dict[str, str]) -> tuple[float, float]:
        out = subprocess.run([sys.executable, "-c", load], capture_output=True, text=True,
                             check=True, cwd=ROOT, env=env).stdout.split()
        return float(out[0]), float(out[1])
    with tempfile.TemporaryDirectory() as cold_cache:
        env = {**os.environ, "XDG_CACHE_HOME": cold_cache}
        cold = _cli(["check"], env=env)  # validates and compiles every pattern, fills the store
        _cli(["extract", "--jobs", "1", "-"], line, env)
        warm = statistics.median(_cli(["extract", "--jobs", "1", "-"], line, env)
                                 for _ in range(5))
        cached, patterns = loaded(env)
    return {"compile_cold_s": cold, "load_cached_s": cached,
            "all_patterns_from_store_s": patterns, "startup_warm_s": warm}


def bench_jobs(docs: list[dict[str, Any]]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                          encoding="utf-8")
        one = _cli(["extract", "--jobs", "1", str(corpus)])
        two = _cli(["extract", "--jobs", "2", str(corpus)])
    return {"jobs1_s": one, "jobs2_s": two, "speedup": one / two}


def bench_length(docs: list[dict[str, Any]], long: bool) -> list[dict[str, float]]:
    from extractor.engine import extract_document
    from extractor.rulepacks import compiled_rules

    compiled = compiled_rules(())
    pool = "\n".join(d["text"] for d in docs)
    sizes = [1_000, 10_000, 100_000, 1_000_000] + ([10_000_000] if long else [])
    out = []
    for size in sizes:
        text = (pool * (size // max(1, len(pool)) + 1))[:size]
        seconds = _timed(extract_document, compiled, text)
        out.append({"chars": size, "seconds": seconds, "us_per_char": seconds / size * 1e6})
    return out


def _synthetic_pack(folder: Path, words: int) -> None:
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    forms = []
    for i in range(words):
        w, n = "", i + 7919
        while n:
            w += letters[n % len(letters)]
            n //= len(letters)
        forms.append(w + "ان")
    entries = "".join(f"      - {{id: w{i}, forms: [{f}]}}\n" for i, f in enumerate(forms))
    (folder / "synthetic.yaml").write_text(
        "pack: synthetic\ntypes:\n  synthetic_word:\n    emit: false\n    fields:\n"
        "      word: string\nlexicons:\n  synthetic:\n    clitics: noun\n    entries:\n"
        + entries + "rules:\n  - id: synthetic-word\n    type: synthetic_word\n"
        "    pattern: '{synthetic:w}'\n    fields: {word: '{w.id}'}\n"
        f"    examples:\n      - {{text: 'قال {forms[0]} أمس', span: {forms[0]}}}\n",
        encoding="utf-8")


def bench_lexicon_size(docs: list[dict[str, Any]]) -> list[dict[str, float]]:
    from extractor.engine import extract_document
    from extractor.rulepacks import check

    text = "\n".join(d["text"] for d in docs)[:300_000]
    out = []
    for words in (1_000, 10_000):
        with tempfile.TemporaryDirectory() as tmp:
            _synthetic_pack(Path(tmp), words)
            compiled, problems = check((Path(tmp),))
            assert compiled is not None, problems
            seconds = _timed(extract_document, compiled, text)
        out.append({"lexicon_words": words, "seconds": seconds,
                    "mb_per_s": len(text.encode()) / 1e6 / seconds})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=400, help="documents (0: all)")
    parser.add_argument("--long", action="store_true", help="also a 10 MB document")
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"skipped: {NEWS} is absent", file=sys.stderr)
        return 0
    docs = _load(args.limit)
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        "documents": len(docs), "mb": _mb([d["text"] for d in docs]),
        "extractor": bench_extractor(docs),
        "dateparser": bench_dateparser(docs),
        "spacy_entity_ruler": bench_spacy(docs),
        "startup": bench_startup_and_compile(),
        "jobs": bench_jobs(docs),
        "length": bench_length(docs, args.long),
        "lexicon_size": bench_lexicon_size(docs),
    }
    ours = results["extractor"]["mb_per_s"]
    for other in ("dateparser", "spacy_entity_ruler"):
        if results[other]:
            results[other]["extractor_ratio"] = ours / results[other]["mb_per_s"]
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
