"""Corpus runs: stream documents through one or many worker processes, in input order.

Workers load the compiled rules once when they start (``_init``), never per
document; inputs of fewer than ``SMALL_INPUT`` documents run in the calling
process, since starting workers would cost more than it saves.
``Pool.imap`` keeps the output in input order, so ``--jobs N`` writes exactly
what ``--jobs 1`` writes. A summary (documents, facts by type, diagnostics,
throughput) is gathered for the CLI to print.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.compile import Compiled
from extractor.inputs import InputDoc, read_inputs
from extractor.pipeline import extract_doc
from extractor.rulepacks import compiled_rules
from extractor.screen import DEFAULT_MAX_DOC_CHARS

CHUNK = 8  # documents per task sent to a worker
SMALL_INPUT = 32  # fewer documents than this run in the calling process, without a pool
_WORKER_RULES: Compiled | None = None
_WORKER_MAX_CHARS = DEFAULT_MAX_DOC_CHARS


def _init(rules: tuple[Path, ...], max_chars: int) -> None:
    global _WORKER_RULES, _WORKER_MAX_CHARS
    _WORKER_RULES = compiled_rules(rules)
    _WORKER_MAX_CHARS = max_chars


def _work(doc: InputDoc) -> dict[str, Any]:
    assert _WORKER_RULES is not None
    return extract_doc(_WORKER_RULES, doc, _WORKER_MAX_CHARS)


@dataclass
class Summary:
    """What a corpus run did, for the closing line on stderr."""

    documents: int = 0
    characters: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    diagnostics: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def add(self, record: dict[str, Any], characters: int) -> None:
        self.documents += 1
        self.characters += characters
        self.facts.update(f["type"] for f in record["facts"])
        self.diagnostics.update(d.get("code", "?") for d in record["diagnostics"])

    def format(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        facts = ", ".join(f"{k} {v}" for k, v in sorted(self.facts.items())) or "none"
        diags = ", ".join(f"{k} {v}" for k, v in sorted(self.diagnostics.items())) or "none"
        return (f"{self.documents} document(s), {sum(self.facts.values())} fact(s) ({facts}); "
                f"diagnostics: {diags}; {elapsed:.2f} s, {self.documents / elapsed:.1f} docs/s, "
                f"{self.characters / elapsed / 1e6:.2f} M chars/s")


def _counted(docs: Iterator[InputDoc], sizes: list[int]) -> Iterator[InputDoc]:
    for doc in docs:
        sizes.append(len(doc.text or ""))
        yield doc


def run_corpus(paths: list[str], ref_date: dt.date | None, rules: tuple[Path, ...],
               jobs: int, summary: Summary, encoding: str = "utf-8",
               max_chars: int = DEFAULT_MAX_DOC_CHARS) -> Iterator[dict[str, Any]]:
    """Records of every input document, in input order, with ``jobs`` processes."""
    sizes: list[int] = []
    docs = _counted(read_inputs(paths, ref_date, encoding), sizes)
    compiled = compiled_rules(rules)  # fails fast on rule errors, before any worker starts
    head = list(itertools.islice(docs, SMALL_INPUT)) if jobs > 1 else []
    if jobs <= 1 or len(head) < SMALL_INPUT:
        # One process: a small input is done before a pool of workers would have started.
        for i, doc in enumerate(itertools.chain(head, docs)):
            record = extract_doc(compiled, doc, max_chars)
            summary.add(record, sizes[i])
            yield record
        return
    with multiprocessing.Pool(jobs, initializer=_init, initargs=(rules, max_chars)) as pool:
        work = pool.imap(_work, itertools.chain(head, docs), chunksize=CHUNK)
        for i, record in enumerate(work):
            summary.add(record, sizes[i])
            yield record
