"""Document context: values that need the whole document, entities, composite facts.

After overlap resolution each fact is local. This module runs, in order, what a
careful reader adds: the year a bare month belongs to (:mod:`extractor.date_context`),
the portfolio a counterpart inherits and which mentions are the same person
(:mod:`extractor.coreference`), and the events (meetings, agreements) built from
the facts inside a window (:mod:`extractor.composites`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractor.compile import Compiled
from extractor.composites import composites
from extractor.coreference import inherit, link_mentions
from extractor.date_context import build_values, check_date_agreement
from extractor.document import Document, shape
from extractor.match import Candidate
from extractor.normalize import Normalized
from extractor.segment import Segments


def assemble(compiled: Compiled, norm: Normalized, segs: Segments, facts: list[Candidate],
             ref_date: dt.date | None, ref_source: str | None = None,
             diagnostics: list[dict[str, Any]] | None = None) -> list[Candidate]:
    """All facts of the document, atomic and composite, in text order.

    ``ref_source`` says where ``ref_date`` came from (``cli`` or ``document``);
    without a reference date, a date in the article's dateline becomes it.
    Document diagnostics (a Hijri date and its stated equivalent disagreeing) are
    appended to ``diagnostics``.
    """
    doc = Document(compiled, norm, segs, sorted(facts, key=lambda f: f.start), ref_date,
                   ref_source or "cli")
    build_values(doc)
    check_date_agreement(doc)
    if diagnostics is not None:
        diagnostics.extend(doc.diagnostics)
    inherit(doc)
    for f in doc.facts:
        f.fields = shape(doc.types[f.type], f.fields)
    link_mentions(doc)
    events = composites(doc)
    return sorted(doc.facts + events, key=lambda f: (f.start, f.end, f.rule_id))
