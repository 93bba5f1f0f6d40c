"""Read documents from .txt files, .jsonl corpora and stdin, never losing one.

Every input document becomes one record; a line that cannot be read becomes a
record with a diagnostic instead of a crash, so a corpus run always accounts
for every line.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class InputDoc:
    """One document to extract, or the diagnostics of one that could not be read."""

    doc_id: str
    text: str | None
    ref_date: dt.date | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[dict[str, Any]] = field(default_factory=list)


def parse_date(value: str) -> dt.date:
    """A YYYY-MM-DD reference date (raises ValueError with a readable message)."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}") from None


def _diag(code: str, message: str, source: str, line: int | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"code": code, "message": message, "source": source}
    if line is not None:
        d["line"] = line
    return d


def read_inputs(paths: list[str], ref_date: dt.date | None) -> Iterator[InputDoc]:
    """Documents of every path in order; ``-`` is stdin."""
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read()
            yield from _from_bytes(data, "stdin", "stdin", ref_date)
            continue
        path = Path(p)
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield InputDoc(path.stem or p, None, ref_date,
                           diagnostics=[_diag("unreadable_file", str(exc), p)])
            continue
        yield from _from_bytes(data, p, path.stem, ref_date,
                               jsonl=path.suffix.lower() == ".jsonl")


def _from_bytes(data: bytes, source: str, doc_id: str, ref_date: dt.date | None,
                jsonl: bool | None = None) -> Iterator[InputDoc]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield InputDoc(doc_id, None, ref_date, diagnostics=[_diag(
            "decode_error", f"{source} is not UTF-8 (byte {exc.start}): "
            "convert it to UTF-8 first", source)])
        return
    if jsonl is None:
        jsonl = text.lstrip().startswith("{")
    if not jsonl:
        yield InputDoc(doc_id, text, ref_date)
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield _from_json_line(line, source, lineno, ref_date)


def _from_json_line(line: str, source: str, lineno: int,
                    ref_date: dt.date | None) -> InputDoc:
    fallback_id = f"{source}:{lineno}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputDoc(fallback_id, None, ref_date, diagnostics=[_diag(
            "bad_json", f"{source}:{lineno}:{exc.colno}: {exc.msg}", source, lineno)])
    if not isinstance(obj, dict):
        return InputDoc(fallback_id, None, ref_date, diagnostics=[_diag(
            "bad_record", f"{source}:{lineno}:1: expected a JSON object", source, lineno)])
    doc_id = str(obj.get("id", fallback_id))
    text = obj.get("text")
    diagnostics = []
    if not isinstance(text, str):
        diagnostics.append(_diag("missing_text", f"{source}:{lineno}:1: 'text' must be a "
                                 "string", source, lineno))
        text = None
    doc_ref = ref_date  # --ref-date wins over the record's own date
    if ref_date is None and obj.get("date") is not None:
        try:
            doc_ref = parse_date(str(obj["date"]))
        except ValueError as exc:
            diagnostics.append(_diag("bad_date", f"{source}:{lineno}:1: {exc}", source, lineno))
    meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
    return InputDoc(doc_id, text, doc_ref, meta, diagnostics)
