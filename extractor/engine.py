"""The pipeline for one document: normalize, segment, match, resolve, assemble.

``extract_document`` is a pure function of the compiled rules, the text and the
reference date, so the same function serves the CLI, ``--jobs`` workers and
distributed engines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from extractor.assemble import assemble
from extractor.compile import Compiled
from extractor.match import Candidate, match_all
from extractor.normalize import Normalized, normalize
from extractor.resolve import Loss, resolve
from extractor.segment import Segments, segment

SCHEMA = "extractor.facts/1"


@dataclass
class DocResult:
    """Everything known about one document after extraction (for explain and output)."""

    doc_id: str
    norm: Normalized
    segments: Segments
    candidates: list[Candidate]
    losses: list[Loss]
    facts: list[Candidate]
    ref_date: dt.date | None
    diagnostics: list[dict[str, Any]] = field(default_factory=list)


def extract_document(compiled: Compiled, raw: str, doc_id: str = "doc",
                     ref_date: dt.date | None = None,
                     ref_source: str | None = None) -> DocResult:
    """Extract the facts of one document.

    ``ref_source`` says where ``ref_date`` came from (``cli``, the default, or
    ``document`` for a JSONL record's own date); relative dates record it.
    """
    diagnostics: list[dict[str, Any]] = []
    norm = normalize(raw)
    segs = segment(norm.text)
    candidates = match_all(compiled, norm, diagnostics)
    kept, losses = resolve(candidates)  # type: ignore[arg-type]
    facts = assemble(compiled, norm, segs, [candidates[i] for i in kept], ref_date,
                     ref_source, diagnostics)
    return DocResult(doc_id, norm, segs, candidates, losses, facts, ref_date, diagnostics)


def fact_dicts(result: DocResult, compiled: Compiled,
               hidden: bool = False) -> list[dict[str, Any]]:
    """The emitted facts of a document as contract dicts (ids f1, f2, ... in text order).

    ``hidden`` also returns the helper facts of types declared ``emit: false``.
    """
    out: list[dict[str, Any]] = []
    entity_ids: dict[str, str] = {}
    types = compiled.ruleset.types
    for f in result.facts:
        if not types[f.type].emit and not hidden:
            continue
        start, end = result.norm.raw_span(f.start, f.end)
        fact: dict[str, Any] = {
            "id": f"f{len(out) + 1}",
            "type": f.type,
            "start": start,
            "end": end,
            "text": result.norm.raw[start:end],
            "sentence": result.segments.sentence_of(f.start),
            "rule": f.rule_id,
            "fields": f.fields,
        }
        if f.entity is not None:
            fact["entity"] = entity_ids.setdefault(f.entity, f"e{len(entity_ids) + 1}")
        out.append(fact)
    return out


def document_record(result: DocResult, compiled: Compiled) -> dict[str, Any]:
    """The JSONL record of one document (DESIGN.md section 5)."""
    return {"id": result.doc_id, "schema": SCHEMA,
            "facts": fact_dicts(result, compiled), "diagnostics": result.diagnostics}
