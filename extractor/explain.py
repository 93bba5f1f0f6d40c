"""Explain a document's facts: rule, lexicon entries, captures, and what lost.

Rule authors need to see why a fact came out (or did not): for each fact the
rule and the lexicon entries behind it, every capture in normalized and
original form; then every candidate that lost overlap resolution and why.
"""

from __future__ import annotations

import json

from extractor.compile import Compiled
from extractor.engine import DocResult
from extractor.match import Candidate

_REASONS = {
    "priority": "lower priority",
    "length": "same priority, shorter span",
    "start": "same priority and length, starts later",
    "order": "same span, rule declared later",
}


def _describe(result: DocResult, c: Candidate) -> list[str]:
    raw_start, raw_end = result.norm.raw_span(c.start, c.end)
    lines = [
        f"  rule: {c.rule_id} (type {c.type}, priority {c.priority}, {c.rule.rule.origin})",
        f"  original:   «{result.norm.raw[raw_start:raw_end]}» [{raw_start}:{raw_end}]",
        f"  normalized: «{result.norm.text[c.start:c.end]}» [{c.start}:{c.end}]",
    ]
    for name, (s, e) in sorted(c.captures.items(), key=lambda x: x[1]):
        hit = c.hits.get(name)
        lex = ""
        if hit is not None:
            lexname = c.rule.captures.get(name) or "?"
            lex = f" <- lexicon {lexname} entry {hit.entry.id} ({hit.group}: {hit.form}, " \
                  f"{hit.entry.origin})"
        lines.append(f"  capture {name}: «{result.norm.raw_text(s, e)}» "
                     f"(normalized «{result.norm.text[s:e]}»){lex}")
    if c.entity:
        lines.append(f"  entity: {c.entity}")
    lines.append("  fields: " + json.dumps(c.fields, ensure_ascii=False, sort_keys=True))
    return lines


def explain_result(result: DocResult, compiled: Compiled) -> str:
    """A readable account of every fact and every losing candidate."""
    types = compiled.ruleset.types
    out = [f"document {result.doc_id}: {len(result.facts)} fact(s), "
           f"{len(result.losses)} losing candidate(s)"]
    if result.ref_date:
        out.append(f"reference date: {result.ref_date.isoformat()}")
    for i, f in enumerate(result.facts, 1):
        hidden = "" if types[f.type].emit else " (helper, not output)"
        out.append(f"\nfact {i}: {f.type}{hidden}")
        out.extend(_describe(result, f))
    for loss in result.losses:
        loser = result.candidates[loss.loser]
        winner = result.candidates[loss.winner]
        out.append(f"\nlost: {loser.type} by {loser.rule_id} "
                   f"«{result.norm.raw_text(loser.start, loser.end)}»")
        out.append(f"  to {winner.rule_id} «{result.norm.raw_text(winner.start, winner.end)}»:"
                   f" {_REASONS[loss.reason]}")
        out.extend(_describe(result, loser)[1:])
    for d in result.diagnostics:
        out.append(f"\ndiagnostic {d.get('code')}: {d.get('message')}")
    return "\n".join(out) + "\n"
