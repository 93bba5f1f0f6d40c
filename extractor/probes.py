"""Lexicon probes: every written form of a lexicon, tried in one sentence.

A rule's examples test a handful of forms; a lexicon of countries or months has
hundreds, and a misspelt or shadowed one goes unnoticed. A lexicon's ``probes``
are sentences with a ``{form}`` slot: each form of each entry is put there, the
whole pipeline runs, and the probe passes when a fact of the probe's type holds
that form as that very entry. ``extractor test`` and pytest run every probe,
and the lint L103 (untested variant) counts probed forms as tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from extractor.compile import Compiled
from extractor.engine import extract_document
from extractor.examples import ExampleResult
from extractor.model import LexEntry, Lexicon, Probe
from extractor.normalize import normalize_literal


def probed_forms(lex: Lexicon) -> Iterator[tuple[Probe, LexEntry, str, str]]:
    """(probe, entry, group, form) of every form each of the lexicon's probes covers."""
    for probe in lex.probes:
        for entry in lex.entries:
            for group, forms in entry.forms.items():
                if probe.groups and group not in probe.groups:
                    continue
                for form in forms:
                    yield probe, entry, group, form


def check_probe(compiled: Compiled, lex: Lexicon, probe: Probe, entry: LexEntry,
                form: str) -> str | None:
    """None when ``form`` put in the probe comes out as ``entry``, else what came out."""
    if probe.type not in compiled.ruleset.types:
        return f"the probe's type {probe.type!r} is not declared"
    text = probe.text.replace("{form}", form)
    ref = dt.date.fromisoformat(probe.ref_date) if probe.ref_date else None
    result = extract_document(compiled, text, "probe", ref)
    wanted = normalize_literal(form)
    got = []
    for fact in result.facts:
        if fact.type != probe.type:
            continue
        span = result.norm.text[fact.start:fact.end]
        if wanted in span and any(h.entry.id == entry.id and h.entry.origin == entry.origin
                                  for h in fact.hits.values()):
            return None
        got.append(f"«{span}» by {fact.rule_id}")
    return (f"«{form}» did not come out as {lex.name}/{entry.id} in a {probe.type} fact; "
            f"got {'; '.join(got) or 'nothing'}")


def run_probes(compiled: Compiled, lexicons: set[str] | None = None) -> list[ExampleResult]:
    """Every probed form of every lexicon (or of ``lexicons``), as example results."""
    out: list[ExampleResult] = []
    for lex in compiled.ruleset.lexicons.values():
        if lexicons and lex.name not in lexicons:
            continue
        for i, (probe, entry, _group, form) in enumerate(probed_forms(lex)):
            message = check_probe(compiled, lex, probe, entry, form)
            out.append(ExampleResult(f"lexicon:{lex.name}", "probe", i,
                                     probe.text.replace("{form}", form), message is None,
                                     message or "", entry.origin))
    return out
