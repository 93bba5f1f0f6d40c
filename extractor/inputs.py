"""Read documents from .txt files, .jsonl corpora and stdin, never losing one.

Every input document becomes one record; a line that cannot be read becomes a
record with a diagnostic instead of a crash, so a corpus run always accounts
for every line.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from extractor.engine import SCHEMA

ENCODING_HINT = ("legacy Arabic files need --encoding cp1256 (Windows Arabic) or "
                 "--encoding iso-8859-6; UTF-16 files need --encoding utf-16")


@dataclass
class InputDoc:
    """One document to extract, or the diagnostics of one that could not be read."""

    doc_id: str
    text: str | None
    ref_date: dt.date | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    record: dict[str, Any] | None = None  # an already extracted record (facts JSONL input)


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


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Paths with shell-style globs expanded (sorted); ``-`` and plain paths as given."""
    for p in paths:
        if p != "-" and not Path(p).exists() and any(c in p for c in "*?["):
            matches = sorted(glob.glob(p, recursive=True))
            yield from matches if matches else [p]
        else:
            yield p


def read_inputs(paths: list[str], ref_date: dt.date | None,
                encoding: str = "utf-8") -> Iterator[InputDoc]:
    """Documents of every path in order, streamed; ``-`` is stdin.

    ``.jsonl`` and ``.jsonl.gz`` files are read a line at a time, so memory stays
    constant whatever the corpus size; any other file is one document.
    """
    for p in expand_paths(paths):
        if p == "-":
            yield from _from_stream(sys.stdin.buffer, "stdin", ref_date, encoding)
            continue
        path = Path(p)
        name = path.name.lower()
        try:
            if name.endswith(".jsonl.gz"):
                with gzip.open(path, "rb") as fh:
                    yield from _jsonl_lines(fh, p, ref_date, encoding)
            elif name.endswith(".jsonl"):
                with path.open("rb") as fh:
                    yield from _jsonl_lines(fh, p, ref_date, encoding)
            else:
                yield _text_doc(path.read_bytes(), p, _doc_id(path), ref_date, encoding)
        except OSError as exc:
            yield InputDoc(_doc_id(path), None, ref_date,
                           diagnostics=[_diag("unreadable_file", f"{p}: {exc}", p)])


def _doc_id(path: Path) -> str:
    name = path.name
    for suffix in (".jsonl.gz", ".jsonl", ".txt"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem or str(path)


def _from_stream(stream: BinaryIO, source: str, ref_date: dt.date | None,
                 encoding: str) -> Iterator[InputDoc]:
    """stdin: JSONL when the first line is a JSON object, else one text document."""
    first = stream.readline()
    if first.lstrip().startswith(b"{"):
        yield from _jsonl_lines(itertools.chain([first], stream), source, ref_date, encoding)
    else:
        yield _text_doc(first + stream.read(), source, source, ref_date, encoding)


def _text_doc(data: bytes, source: str, doc_id: str, ref_date: dt.date | None,
              encoding: str) -> InputDoc:
    try:
        return InputDoc(doc_id, _decode(data, encoding), ref_date,
                        diagnostics=_guessed(data, encoding, source))
    except UnicodeDecodeError as exc:
        return InputDoc(doc_id, None, ref_date, diagnostics=[_diag(
            "decode_error", f"{source}: not {encoding} (byte {exc.start}: {exc.reason}); "
            f"{ENCODING_HINT}", source)])


DETECT = "detect"  # --detect-encoding: guess legacy encodings (charset-normalizer)
_CANDIDATES = ["utf_8", "cp1256", "iso8859_6", "utf_16"]


def _decode(data: bytes, encoding: str) -> str:
    if encoding == DETECT:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            guess = _guess(data)
            if guess is None:
                raise
            return data.decode(guess)
    if encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise UnicodeDecodeError("utf-8", data, 0, 2, "a UTF-16 byte-order mark")
        return data.decode("utf-8-sig")
    return data.decode(encoding)


def _guess(data: bytes) -> str | None:
    """The likeliest Arabic encoding of ``data`` (opt-in; a maintained detector)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    return best.encoding if best is not None else None


def _guessed(data: bytes, encoding: str, source: str) -> list[dict[str, Any]]:
    """A note saying which encoding was guessed, when one was."""
    if encoding != DETECT:
        return []
    try:
        data.decode("utf-8-sig")
        return []
    except UnicodeDecodeError:
        return [_diag("encoding_guessed", f"{source}: read as {_guess(data)} (guessed)",
                      source)]


def _jsonl_lines(lines: Iterable[bytes], source: str, ref_date: dt.date | None,
                 encoding: str) -> Iterator[InputDoc]:
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            line = _decode(raw, encoding)
        except UnicodeDecodeError as exc:
            yield InputDoc(f"{source}:{lineno}", None, ref_date, diagnostics=[_diag(
                "decode_error", f"{source}:{lineno}:{exc.start + 1}: not {encoding}; "
                f"{ENCODING_HINT}", source, lineno)])
            continue
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
    if obj.get("schema") == SCHEMA and isinstance(obj.get("facts"), list):
        return InputDoc(doc_id, None, ref_date, record=obj)  # our own output: no re-extraction
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
