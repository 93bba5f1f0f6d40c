"""One document's facts while they are assembled, and a per-type index of them.

Shared by the assembly steps (dates context, coreference, composite facts), each
in its own module.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, TypeVar

from extractor.compile import Compiled
from extractor.match import Candidate
from extractor.model import FactType
from extractor.normalize import Normalized
from extractor.segment import Segments

T = TypeVar("T")


def per_ruleset(build: Callable[..., T]) -> Callable[..., T]:
    """For ``build(doc, *args)`` that reads only the rule set (word lists drawn
    from lexicons): computed once per rule set and shared by every document.
    The value is shared, so callers must not change it."""
    @functools.wraps(build)
    def get(doc: Document, *args: Any) -> T:
        return doc.compiled.memo(f"{build.__qualname__}{args!r}", lambda: build(doc, *args))
    return get


class Document:
    """The facts of one document while they are assembled."""

    def __init__(self, compiled: Compiled, norm: Normalized, segs: Segments,
                 facts: list[Candidate], ref_date: dt.date | None,
                 ref_source: str | None = None) -> None:
        self.compiled = compiled
        self.types = compiled.ruleset.types
        self.norm = norm
        self.segs = segs
        self.facts = facts
        self.ref_date = ref_date
        self.index = TypeIndex([])
        self.ref_source = ref_source if ref_date is not None else None
        self.diagnostics: list[dict[str, Any]] = []

    def sentence(self, f: Candidate) -> int:
        return self.segs.sentence_of(f.start)


class TypeIndex:
    """The facts of each type sorted by start, for window queries in log time."""

    def __init__(self, facts: list[Candidate]) -> None:
        self.facts: dict[str, list[Candidate]] = {}
        for f in sorted(facts, key=lambda f: f.start):
            self.facts.setdefault(f.type, []).append(f)
        self.starts = {t: [f.start for f in fs] for t, fs in self.facts.items()}

    def between(self, types: list[str], lo: int, hi: int) -> list[Candidate]:
        """Facts of ``types`` starting in ``[lo, hi)``, in text order."""
        out: list[Candidate] = []
        for t in types:
            starts = self.starts.get(t)
            if starts:
                out.extend(self.facts[t][bisect.bisect_left(starts, lo):
                                         bisect.bisect_left(starts, hi)])
        return sorted(out, key=lambda f: f.start) if len(types) > 1 else out


def shape(t: FactType, fields: dict[str, Any]) -> dict[str, Any]:
    """Keep the declared fields (parts are inputs only) and give them their kinds."""
    out: dict[str, Any] = {}
    for name, spec in t.fields.items():
        value = fields.get(name)
        if spec.kind == "bool":
            value = value in (True, "true")
        elif spec.kind == "list":
            value = list(value) if isinstance(value, (list, tuple)) else (
                [] if value in (None, "") else [value])
        elif spec.kind.startswith("int") and value is not None:
            value = int(value) if str(value).lstrip("-").isdigit() else None
        out[name] = value
    for extra in ("underspecified",):
        if extra in fields and fields[extra] is not None:
            out[extra] = fields[extra]
    return out
