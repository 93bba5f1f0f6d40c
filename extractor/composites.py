"""Composite facts (meetings, agreements): a trigger fact and the facts its slots
take from the same clause, sentence or window.
"""

from __future__ import annotations

from typing import Any

import regex

from extractor.compile import CompiledRule
from extractor.document import Document, TypeIndex, shape
from extractor.match import Candidate
from extractor.model import Slot


def composites(doc: Document) -> list[Candidate]:
    doc.index = TypeIndex(doc.facts)  # facts no longer change from here on
    built: list[tuple[Candidate, CompiledRule, Candidate, dict[str, Any]]] = []
    for crule in doc.compiled.rules:
        rule = crule.rule
        if not rule.composite:
            continue
        used_windows: set[tuple[int, int]] = set()
        assert rule.trigger is not None
        for trigger in doc.index.between([rule.trigger], 0, len(doc.norm.text) + 1):
            values: dict[str, Any] = {}
            ok = True
            for slot in rule.slots.values():
                found = _fill(doc, trigger, slot)
                if slot.absent:
                    ok = ok and not found
                elif len(found) < slot.min_count or (
                        slot.max_count is not None and len(found) > slot.max_count):
                    ok = False
                values[slot.name] = found if slot.take == "all" else (found[0] if found else None)
            window = doc.segs.window(trigger.start, "sentence")
            if not ok or (rule.one_per_window and window in used_windows):
                continue
            used_windows.add(window)
            built.append((_composite_fact(doc, crule, trigger, values), crule, trigger, values))
    return [_follow(doc, b, built) for b in built]


def _follow(doc: Document, item: tuple[Candidate, CompiledRule, Candidate, dict[str, Any]],
            built: list[tuple[Candidate, CompiledRule, Candidate, dict[str, Any]]]) -> Candidate:
    """Extend ``follow`` slots with the later sentences that refer back to this fact.

    A sentence refers back when it holds a fact of a ``follow`` type («خلال اللقاء»);
    it belongs to the nearest fact of this type before it, so the search stops at
    the sentence of the next one.
    """
    fact, crule, trigger, values = item
    slots = [s for s in crule.rule.slots.values() if s.follow and not s.absent]
    if not slots:
        return fact
    here = doc.sentence(fact)
    later = [doc.sentence(f) for f, *_ in built
             if f.type == fact.type and doc.sentence(f) > here]
    stop = min(later, default=len(doc.segs.sentence_starts))
    starts = doc.segs.sentence_starts
    lo = starts[here + 1] if here + 1 < len(starts) else len(doc.norm.text) + 1
    hi = starts[stop] if stop < len(starts) else len(doc.norm.text) + 1
    values = dict(values)
    for slot in slots:
        # Facts starting in the sentences after this one and before ``stop``.
        refs = {doc.sentence(f) for f in doc.index.between(list(slot.follow), lo, hi)}
        if not refs:
            continue
        extra = _fill(doc, trigger, slot, refs)
        current = values.get(slot.name)
        if slot.take == "all":
            values[slot.name] = list(current or []) + [v for v in extra if v not in (current or [])]
        elif current is None and extra:
            values[slot.name] = extra[0]
    return _composite_fact(doc, crule, trigger, values)


CLAUSE_BREAK = regex.compile(r"[\u060c,\u061b;:\u00ab\u00bb\"\u201c\u201d()]")


def _clause(doc: Document, trigger: Candidate) -> tuple[int, int]:
    """The trigger's sentence cut at the clause punctuation around the trigger."""
    lo, hi = doc.segs.window(trigger.start, "sentence")
    text = doc.norm.text
    before = [m.end() for m in CLAUSE_BREAK.finditer(text, lo, trigger.start)]
    after = CLAUSE_BREAK.search(text, trigger.end, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def _where_text(value: Any) -> str:
    return "null" if value is None else str(value)


def _fill(doc: Document, trigger: Candidate, slot: Slot,
          sentences: set[int] | None = None) -> list[Any]:
    """The values of one slot: facts in the trigger's window, or in ``sentences``."""
    lo, hi = (_clause(doc, trigger) if slot.window == "clause"
              else doc.segs.window(trigger.start, slot.window))
    own = doc.sentence(trigger)
    if sentences is not None:
        lo = doc.segs.sentence_starts[min(sentences)]
        hi = doc.segs.sentence_ends[max(sentences)]
    scored: list[tuple[int, int, Candidate]] = []
    for f in doc.index.between(slot.types, lo, hi):
        if f is trigger:
            continue
        if sentences is not None:
            if doc.sentence(f) not in sentences:
                continue
        elif not (lo <= f.start < hi) or (slot.quote and doc.sentence(f) == own):
            continue  # a quote slot gives other sentences than the fact's own
        if any(_where_text(f.fields.get(k)) not in v.split("|") for k, v in slot.where.items()):
            continue  # a where value may list alternatives: {kind: capital|city}; null: no value
        before = f.end <= trigger.start
        distance = trigger.start - f.end if before else max(0, f.start - trigger.end)
        if slot.take == "nearest_before" and not before:
            continue
        if slot.take == "nearest_after" and before:
            continue
        if sentences is None and slot.max_distance is not None and distance > slot.max_distance:
            continue
        a, b = (f.end, trigger.start) if before else (trigger.end, f.start)
        if slot.not_across and any(g.end <= b for g in doc.index.between(
                slot.not_across, a, b)):
            continue  # a stance word between them: «ترحب بأي اتفاق»
        scored.append((distance, f.start, f))
    if slot.take != "all":
        scored.sort(key=lambda x: (x[0], x[1]))
    else:
        scored.sort(key=lambda x: x[1])
    values: list[Any] = []
    seen: set[Any] = set()
    for _, _, f in scored:
        if slot.quote:
            s = doc.sentence(f)
            value: Any = doc.norm.raw_text(doc.segs.sentence_starts[s],
                                           doc.segs.sentence_ends[s]).strip()
        else:
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
    fact.fields = shape(doc.types[crule.rule.type], fields)
    return fact


def _composite_value(template: str, trigger: Candidate, values: dict[str, Any]) -> Any:
    m = regex.fullmatch(r"\{([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?\}", template)
    if m is None:
        return None if template == "null" else template
    name, attr = m.group(1), m.group(2)
    if name == "trigger":
        return trigger.fields.get(attr) if attr else None
    return values.get(name)
