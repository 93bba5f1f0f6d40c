"""Run the compiled atomic rules over a normalized text and collect candidates.

Every candidate keeps its captures and the lexicon entries behind them, so a
fact can always say which rule and which lexicon entries produced it. Each regex
call is bounded by a timeout; a timeout becomes a diagnostic and the other rules
still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from extractor.compile import FIELD_REF, Compiled, CompiledRule
from extractor.lexicon import LexHit
from extractor.normalize import Normalized

_TRIM = " \t\n,،:;؛-–—"


@dataclass
class Candidate:
    """One match of one rule, before overlap resolution."""

    rule: CompiledRule
    start: int  # normalized offsets
    end: int
    captures: dict[str, tuple[int, int]]
    hits: dict[str, LexHit]
    fields: dict[str, Any] = field(default_factory=dict)
    order: int = 0
    entity: str | None = None
    extra_rule: str | None = None  # set for facts made by document assembly

    @property
    def priority(self) -> int:
        return self.rule.rule.priority

    @property
    def type(self) -> str:
        return self.rule.rule.type

    @property
    def rule_id(self) -> str:
        return self.extra_rule or self.rule.rule.id


def timeout_for(text: str) -> float:
    """Seconds one rule may spend on one document: generous, growing with its length."""
    return 1.0 + len(text) / 100_000


def match_all(compiled: Compiled, norm: Normalized,
              diagnostics: list[dict[str, Any]]) -> list[Candidate]:
    """Candidates of every atomic rule, in rule order then text order."""
    out: list[Candidate] = []
    text = norm.text
    timeout = timeout_for(text)
    for order, crule in enumerate(compiled.rules):
        if crule.regex is None:
            continue
        try:
            for m in crule.regex.finditer(text, timeout=timeout):
                cand = _candidate(crule, m, compiled, norm)
                if cand is not None:
                    cand.order = order
                    out.append(cand)
        except TimeoutError:
            diagnostics.append({"code": "rule_timeout", "rule": crule.rule.id,
                                "message": f"rule {crule.rule.id} gave up after {timeout:.1f} s "
                                           "on this document; its matches are missing"})
    return out


def _candidate(crule: CompiledRule, m: regex.Match[str], compiled: Compiled,
               norm: Normalized) -> Candidate | None:
    start, end = m.span()
    captures: dict[str, tuple[int, int]] = {}
    hits: dict[str, LexHit] = {}
    for name, span in ((n, m.span(n)) for n in m.re.groupindex):
        if span[0] < 0:
            continue
        if name.startswith("_p_"):
            if span[0] == start:
                start = span[1]  # the span starts after the leading proclitic
            continue
        captures[name] = span
        lexname = crule.captures.get(name)
        if lexname is not None:
            hit = compiled.lexicons[lexname.split("/")[0]].hit(m.group(name))
            if hit is not None:
                hits[name] = hit
    text = norm.text
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end <= start:
        return None
    cand = Candidate(crule, start, end, captures, hits)
    cand.fields = evaluate_fields(crule.rule.fields, cand, norm)
    return cand


def evaluate_fields(templates: dict[str, Any], cand: Candidate,
                    norm: Normalized) -> dict[str, Any]:
    """Fill ``{capture}`` and ``{capture.attr}`` references; a missing capture gives None."""
    out: dict[str, Any] = {}
    for key, template in templates.items():
        refs = list(FIELD_REF.finditer(template))
        if len(refs) == 1 and refs[0].span() == (0, len(template)):
            out[key] = _ref_value(refs[0], cand, norm)
            continue
        missing = False

        def repl(m: regex.Match[str]) -> str:
            nonlocal missing
            value = _ref_value(m, cand, norm)
            if value is None:
                missing = True
                return ""
            return str(value)
        value = FIELD_REF.sub(repl, template)
        out[key] = None if missing else value
    return out


def _ref_value(m: regex.Match[str], cand: Candidate, norm: Normalized) -> Any:
    cap, attr = m.group(1), m.group(2)
    span = cand.captures.get(cap)
    if span is None:
        return None
    if attr is None:
        return norm.raw_text(*span).strip(_TRIM) or None
    if attr == "norm":
        return norm.text[span[0]:span[1]]
    hit = cand.hits.get(cap)
    if hit is None:
        return None
    if attr == "id":
        return hit.entry.id
    if attr == "group":
        return hit.group
    if attr == "form":
        return hit.form
    return hit.entry.attrs.get(attr)
