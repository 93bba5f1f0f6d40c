"""From input documents to output records, one pure function per record.

``extract_record`` and ``extract_partition`` take and return plain dicts so the
same code runs in the CLI, in worker processes and on a distributed engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extractor.compile import Compiled
from extractor.engine import SCHEMA, document_record, extract_document
from extractor.inputs import InputDoc, parse_date, read_inputs
from extractor.rulepacks import compiled_rules
from extractor.screen import DEFAULT_MAX_DOC_CHARS, screen


def extract_doc(compiled: Compiled, doc: InputDoc,
                max_chars: int = DEFAULT_MAX_DOC_CHARS) -> dict[str, Any]:
    """The output record of one input document (diagnostics kept, never raised)."""
    return extract_doc_with_sentences(compiled, doc, max_chars)[0]


def extract_doc_with_sentences(compiled: Compiled, doc: InputDoc,
                               max_chars: int = DEFAULT_MAX_DOC_CHARS,
                               ) -> tuple[dict[str, Any], list[str]]:
    """The record and the raw text of each sentence (fact sheets quote them)."""
    if doc.record is not None:
        return doc.record, []
    sentences: list[str] = []
    text, screened = (None, []) if doc.text is None else screen(doc.text, max_chars)
    diagnostics = doc.diagnostics + screened
    if text is None:
        record: dict[str, Any] = {"id": doc.doc_id, "schema": SCHEMA, "facts": [],
                                  "diagnostics": diagnostics}
    else:
        result = extract_document(compiled, text, doc.doc_id, doc.ref_date, _ref_source(doc))
        record = document_record(result, compiled)
        record["diagnostics"] = diagnostics + record["diagnostics"]
        segs = result.segments
        sentences = [result.norm.raw_text(a, b) for a, b in
                     zip(segs.sentence_starts, segs.sentence_ends, strict=True)]
    if doc.ref_date is not None:
        record["ref_date"] = doc.ref_date.isoformat()
    for key in ("source", "title", "url"):
        if key in doc.meta:
            record[key] = doc.meta[key]
    return record, sentences


def _ref_source(doc: InputDoc) -> str:
    """``document`` when the reference date is the record's own date, else ``cli``."""
    own = doc.meta.get("date")
    if doc.ref_date is not None and own is not None and \
            str(own).strip()[:10] == doc.ref_date.isoformat():
        return "document"
    return "cli"


def report_inputs(compiled: Compiled, paths: list[str],
                  ref_date: dt.date | None) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """Records with their sentences, for fact sheets."""
    for doc in read_inputs(paths, ref_date):
        yield extract_doc_with_sentences(compiled, doc)


def extract_record(record: dict[str, Any], rules: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Extract one ``{"id", "text", "date"?}`` dict; the rules compile once per process."""
    compiled = compiled_rules(rules)
    text = record.get("text")
    doc = InputDoc(str(record.get("id", "")), text if isinstance(text, str) else None)
    if not isinstance(text, str):
        doc.diagnostics.append({"code": "missing_text", "message": "'text' must be a string"})
    if record.get("date"):
        try:
            doc.ref_date = parse_date(str(record["date"]))
        except ValueError as exc:
            doc.diagnostics.append({"code": "bad_date", "message": str(exc)})
    doc.meta = {k: v for k, v in record.items() if k not in ("id", "text")}
    return extract_doc(compiled, doc)


def extract_partition(records: Iterable[dict[str, Any]],
                      rules: tuple[Path, ...] = ()) -> Iterator[dict[str, Any]]:
    """``extract_record`` over an iterable, for Dask bags and Spark mapPartitions."""
    for record in records:
        yield extract_record(record, rules)
