"""brat standoff export: facts as annotations that reviewers correct in brat or INCEpTION.

Each document becomes ``ID.txt`` (the text the offsets index) and ``ID.ann``:
one text-bound annotation ``T`` per fact, its short scalar fields as attributes
``A`` (``role``, ``country`` ...; a true bool is a binary attribute), and every
field, the rule and the entity id as an ``AnnotatorNotes`` line in JSON, so
nothing is lost. Offsets are code points, as in brat; a fact spanning a line
break is written as fragments, because brat spans may not cross lines.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from extractor.compile import Compiled
from extractor.inputs import InputDoc
from extractor.pipeline import extract_doc
from extractor.screen import DEFAULT_MAX_DOC_CHARS, screen

_UNSAFE = regex.compile(r"[^A-Za-z0-9_.\-]+")
_TOKEN = regex.compile(r"^[^\s|,:=]+$")


def file_stem(doc_id: str, used: set[str]) -> str:
    """A file name for a document id: safe characters only, unique within ``used``."""
    stem = _UNSAFE.sub("_", doc_id).strip("._") or "doc"
    candidate, n = stem, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate)
    return candidate


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks, without empty or blank pieces."""
    out, a = [], start
    for i in range(start, end + 1):
        if i == end or text[i] in "\r\n":
            if text[a:i].strip():
                out.append((a, i))
            a = i + 1
    return out or [(start, end)]


def attribute_value(value: Any) -> str | None:
    """The brat attribute value of a field ("" for a binary flag), None when not one."""
    if value is True:
        return ""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, str)) and _TOKEN.match(str(value)):
        return str(value)
    return None


@dataclass
class ConfCollector:
    """Entity types and attribute values seen, for ``annotation.conf``."""

    types: set[str] = field(default_factory=set)
    attributes: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set)))

    def conf(self) -> str:
        lines = ["[entities]", *sorted(self.types), "", "[relations]", "", "[events]", "",
                 "[attributes]"]
        for name, by_type in sorted(self.attributes.items()):
            values = sorted({v for vs in by_type.values() for v in vs})
            args = "|".join(sorted(by_type))
            if values == [""]:
                lines.append(f"{name}\tArg:{args}")
            else:
                lines.append(f"{name}\tArg:{args}, Value:{'|'.join(v for v in values if v)}")
        return "\n".join(lines) + "\n"


def to_ann(text: str, facts: list[dict[str, Any]], conf: ConfCollector | None = None) -> str:
    """The ``.ann`` standoff of one document's facts."""
    lines: list[str] = []
    attr_n = 0
    for k, fact in enumerate(facts, 1):
        frags = _fragments(text, fact["start"], fact["end"])
        spans = ";".join(f"{a} {b}" for a, b in frags)
        shown = " ".join(text[a:b] for a, b in frags)
        lines.append(f"T{k}\t{fact['type']} {spans}\t{shown}")
        if conf is not None:
            conf.types.add(fact["type"])
        for name, value in sorted(fact["fields"].items()):
            v = attribute_value(value)
            if v is None:
                continue
            attr_n += 1
            lines.append(f"A{attr_n}\t{name} T{k}" + (f" {v}" if v else ""))
            if conf is not None:
                conf.attributes[name][fact["type"]].add(v)
        note = {"fields": fact["fields"], "rule": fact["rule"], "id": fact["id"]}
        if "entity" in fact:
            note["entity"] = fact["entity"]
        lines.append(f"#{k}\tAnnotatorNotes T{k}\t"
                     + json.dumps(note, ensure_ascii=False, sort_keys=True))
    return "".join(line + "\n" for line in lines)


def parse_ann(ann: str) -> list[dict[str, Any]]:
    """Text-bound annotations of a ``.ann`` file with their attributes and notes."""
    spans: dict[str, dict[str, Any]] = {}
    for line in ann.splitlines():
        if not line.strip():
            continue
        key, rest = line.split("\t", 1)
        if key.startswith("T"):
            head, shown = rest.split("\t", 1)
            kind, _, offsets = head.partition(" ")
            frags = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[key] = {"id": key, "type": kind, "fragments": frags, "text": shown,
                          "attributes": {}, "note": None}
        elif key.startswith("A"):
            name, target, *value = rest.split(" ")
            spans[target]["attributes"][name] = value[0] if value else True
        elif key.startswith("#"):
            _, target = rest.split("\t", 1)[0].split(" ")
            spans[target]["note"] = json.loads(rest.split("\t", 1)[1])
    return list(spans.values())


def export_brat(compiled: Compiled, docs: Iterable[InputDoc], out_dir: Path,
                max_chars: int = DEFAULT_MAX_DOC_CHARS) -> Iterator[dict[str, Any]]:
    """Write ``.txt`` + ``.ann`` per document and ``annotation.conf``; yield the records.

    The ``.txt`` is the screened text (control characters replaced one for one),
    so the offsets index it exactly; a document that was not extracted gets its
    text (if any) and an empty ``.ann``.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    conf = ConfCollector()
    for doc in docs:
        record = extract_doc(compiled, doc, max_chars)
        text = screen(doc.text, max_chars)[0] if doc.text is not None else None
        stem = file_stem(doc.doc_id, used)
        body = text if text is not None else (doc.text or "")
        (out_dir / f"{stem}.txt").write_text(body, encoding="utf-8", newline="")
        ann = to_ann(body, record["facts"], conf) if text is not None else ""
        (out_dir / f"{stem}.ann").write_text(ann, encoding="utf-8", newline="")
        yield record
    (out_dir / "annotation.conf").write_text(conf.conf(), encoding="utf-8", newline="\n")
