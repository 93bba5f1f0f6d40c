"""Document context: values that need the whole document, entities, composite facts.

After overlap resolution each fact is local. This module adds what a careful
reader adds: the year a bare month belongs to, the portfolio a counterpart
inherits, which mentions are the same person, and the events (meetings,
agreements) built from the facts inside a window.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import regex

from extractor.compile import Compiled, CompiledRule
from extractor.match import Candidate
from extractor.model import FactType, Slot
from extractor.normalize import Normalized, normalize_literal
from extractor.segment import Segments
from extractor.values import BUILDERS, DateContext, explicit_year


class Document:
    """The facts of one document while they are assembled."""

    def __init__(self, compiled: Compiled, norm: Normalized, segs: Segments,
                 facts: list[Candidate], ref_date: dt.date | None) -> None:
        self.compiled = compiled
        self.types = compiled.ruleset.types
        self.norm = norm
        self.segs = segs
        self.facts = facts
        self.ref_date = ref_date

    def sentence(self, f: Candidate) -> int:
        return self.segs.sentence_of(f.start)


def assemble(compiled: Compiled, norm: Normalized, segs: Segments, facts: list[Candidate],
             ref_date: dt.date | None) -> list[Candidate]:
    """All facts of the document, atomic and composite, in text order."""
    doc = Document(compiled, norm, segs, sorted(facts, key=lambda f: f.start), ref_date)
    _build_values(doc)
    _inherit(doc)
    for f in doc.facts:
        f.fields = _shape(doc.types[f.type], f.fields)
    _coreference(doc)
    composites = _composites(doc)
    return sorted(doc.facts + composites, key=lambda f: (f.start, f.end, f.rule_id))


def _build_values(doc: Document) -> None:
    """Run each type's builder, giving dates the year that governs their sentence."""
    years: list[tuple[int, int]] = []  # (offset, year) of dates that state a year
    for f in doc.facts:
        t = doc.types[f.type]
        if t.builder == "date":
            y = explicit_year(f.fields)
            if y is not None:
                years.append((f.start, y))
    for f in doc.facts:
        t = doc.types[f.type]
        if t.builder is None:
            continue
        hint = _year_hint(doc, f, years) if t.builder == "date" else None
        built = BUILDERS[t.builder](f.fields, DateContext(doc.ref_date, hint))
        f.fields = {**f.fields, **built}


def _year_hint(doc: Document, f: Candidate, years: list[tuple[int, int]]) -> int | None:
    """The nearest stated year in the same sentence, else the last one before it."""
    sentence = doc.sentence(f)
    same = [(abs(off - f.start), y) for off, y in years
            if doc.segs.sentence_of(off) == sentence and off != f.start]
    if same:
        return min(same)[1]
    before = [y for off, y in years if off < f.start]
    return before[-1] if before else None


def _shape(t: FactType, fields: dict[str, Any]) -> dict[str, Any]:
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


def _inherit(doc: Document) -> None:
    """A counterpart takes the missing fields of the person it is the counterpart of."""
    for i, f in enumerate(doc.facts):
        t = doc.types[f.type]
        if not t.inherit_from_previous or f.fields.get("counterpart") != "true":
            continue
        sentence = doc.sentence(f)
        previous = [g for g in doc.facts[:i] if g.type == f.type
                    and g.fields.get("counterpart") != "true"]
        same = [g for g in previous if doc.sentence(g) == sentence]
        candidates = same or previous
        if not candidates:
            continue
        source = candidates[-1]
        for name in t.inherit_from_previous:
            if f.fields.get(name) is None:
                f.fields[name] = source.fields.get(name)


def _coreference(doc: Document) -> None:
    """Give facts naming the same person one entity id; add later mentions by name."""
    entities: list[tuple[set[str], str, Candidate]] = []
    for f in doc.facts:
        if not doc.types[f.type].coref or not f.fields.get("name"):
            continue
        tokens = set(normalize_literal(f.fields["name"]).split())
        for known, eid, _first in entities:
            if tokens <= known or known <= tokens:
                f.entity = eid
                break
        else:
            f.entity = f"e{len(entities) + 1}"
            entities.append((tokens, f.entity, f))
    prefix = _clitic_prefix(doc)
    taken = [(f.start, f.end) for f in doc.facts]
    added: list[Candidate] = []
    for _tokens, eid, first in entities:
        name_tokens = normalize_literal(first.fields["name"]).split()
        if len(name_tokens) < 2:
            continue
        for token in {name_tokens[0], name_tokens[-1]}:
            if len(token) < 3:
                continue
            pattern = regex.compile(rf"(?<!\w){prefix}(?P<m>{regex.escape(token)})(?!\w)")
            for m in pattern.finditer(doc.norm.text, first.end):
                s, e = m.span("m")
                if any(a < e and s < b for a, b in taken):
                    continue
                mention = Candidate(first.rule, s, e, {}, {}, dict(first.fields),
                                    first.order, eid, "coref")
                mention.fields["name"] = doc.norm.raw_text(s, e)
                added.append(mention)
                taken.append((s, e))
    doc.facts = sorted(doc.facts + added, key=lambda f: f.start)


def _clitic_prefix(doc: Document) -> str:
    letters = sorted({normalize_literal(c) for p in doc.compiled.ruleset.clitics.values()
                      for c in p.conjunctions + p.prepositions if c})
    return f"(?:{'|'.join(regex.escape(c) for c in letters)})?" if letters else ""


def _composites(doc: Document) -> list[Candidate]:
    out: list[Candidate] = []
    for crule in doc.compiled.rules:
        rule = crule.rule
        if not rule.composite:
            continue
        used_windows: set[tuple[int, int]] = set()
        for trigger in [f for f in doc.facts if f.type == rule.trigger]:
            values: dict[str, Any] = {}
            ok = True
            for slot in rule.slots.values():
                found = _fill(doc, trigger, slot)
                if slot.absent:
                    ok = ok and not found
                elif len(found) < slot.min_count:
                    ok = False
                values[slot.name] = found if slot.take == "all" else (found[0] if found else None)
            window = doc.segs.window(trigger.start, "sentence")
            if not ok or (rule.one_per_window and window in used_windows):
                continue
            used_windows.add(window)
            out.append(_composite_fact(doc, crule, trigger, values))
    return out


def _fill(doc: Document, trigger: Candidate, slot: Slot) -> list[Any]:
    lo, hi = doc.segs.window(trigger.start, slot.window)
    scored: list[tuple[int, int, Candidate]] = []
    for f in doc.facts:
        if f is trigger or f.type not in slot.types or not (lo <= f.start < hi):
            continue
        if any(str(f.fields.get(k)) not in v.split("|") for k, v in slot.where.items()):
            continue  # a where value may list alternatives: {kind: capital|city}
        before = f.end <= trigger.start
        distance = trigger.start - f.end if before else max(0, f.start - trigger.end)
        if slot.take == "nearest_before" and not before:
            continue
        if slot.take == "nearest_after" and before:
            continue
        if slot.max_distance is not None and distance > slot.max_distance:
            continue
        scored.append((distance, f.start, f))
    if slot.take != "all":
        scored.sort(key=lambda x: (x[0], x[1]))
    else:
        scored.sort(key=lambda x: x[1])
    values: list[Any] = []
    seen: set[Any] = set()
    for _, _, f in scored:
        value = (f.fields.get(slot.value_field) if slot.value_field
                 else doc.norm.raw_text(f.start, f.end))
        key = f.entity or value
        if value is None or key in seen or value in values:
            continue  # two facts of one value (a minister and a place, both SY) count once
        seen.add(key)
        values.append(value)
    return values


def _composite_fact(doc: Document, crule: CompiledRule, trigger: Candidate,
                    values: dict[str, Any]) -> Candidate:
    fields: dict[str, Any] = {}
    for key, template in crule.rule.fields.items():
        fields[key] = _composite_value(str(template), trigger, values)
    fact = Candidate(crule, trigger.start, trigger.end, {}, {}, fields, trigger.order)
    fact.fields = _shape(doc.types[crule.rule.type], fields)
    return fact


def _composite_value(template: str, trigger: Candidate, values: dict[str, Any]) -> Any:
    m = regex.fullmatch(r"\{([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?\}", template)
    if m is None:
        return None if template == "null" else template
    name, attr = m.group(1), m.group(2)
    if name == "trigger":
        return trigger.fields.get(attr) if attr else None
    return values.get(name)
