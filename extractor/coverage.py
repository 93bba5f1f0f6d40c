"""Coverage of a rule set on a corpus: what fired, what never fired, what was likely missed.

Per rule, how often it fired with a few quotes; the rules that never fired; and
the *likely misses*: sentences holding a trigger word of a fact type but no
fact of that type. A type's trigger words are the lexicons only its own rules
(and the rules of the helper types its composite rules are triggered by) refer
to: titles for ministers, month names for dates, instrument words for
agreements. Shared lexicons (countries) would flag every sentence, so they are
left out. The result is plain data for a template or JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex

from extractor.compile import Compiled
from extractor.engine import extract_document, fact_dicts
from extractor.inputs import InputDoc
from extractor.lexicon import CompiledLexicon
from extractor.model import RuleSet
from extractor.pattern_syntax import REF
from extractor.screen import screen


def lexicon_finder(clex: CompiledLexicon) -> regex.Pattern[str]:
    """A regex finding any word of a lexicon (with its clitics) as group ``w``."""
    return regex.compile(rf"(?<!\w)(?:{clex.prefix})(?P<w>{clex.body})(?!\w)")


def _captured_lexicons(pattern: str, fragments: dict[str, str],
                       fields: dict[str, object]) -> set[str]:
    """Lexicons captured by name in a pattern whose capture a field reads."""
    out: set[str] = set()
    templates = " ".join(str(v) for v in fields.values())
    todo, seen = [pattern], set()
    while todo:
        for m in REF.finditer(todo.pop()):
            name, cap = m.group(1), m.group(3)
            if name in fragments and m.group(2) is None and cap is None:
                if name not in seen:
                    seen.add(name)
                    todo.append(fragments[name])
            elif cap and ("{" + cap + "}" in templates or "{" + cap + "." in templates):
                out.add(name)
    return out


def trigger_lexicons(rs: RuleSet) -> dict[str, list[str]]:
    """Emitted fact type -> the lexicons that only its rules capture into fields.

    A lexicon whose entry becomes a field value (a title's role, a month's
    number, an instrument's id) names what the fact is about; verbs, stop words
    and connectives do not, and a lexicon shared with other types (countries)
    says nothing about which type is missing.
    """
    by_type: dict[str, set[str]] = {}
    for rule in rs.rules:
        if rule.pattern:
            by_type.setdefault(rule.type, set()).update(
                _captured_lexicons(rule.pattern, rs.fragments, rule.fields))
    family: dict[str, set[str]] = {t: {t} for t, ft in rs.types.items() if ft.emit}
    for rule in rs.rules:
        if rule.trigger and rule.type in family:
            family[rule.type].add(rule.trigger)
    used = {t: set().union(*(by_type.get(m, set()) for m in members))
            for t, members in family.items()}
    out: dict[str, list[str]] = {}
    for t, lexicons in used.items():
        others = set().union(*(v for u, v in used.items() if u != t))
        own = sorted(lexicons - others)
        if own:
            out[t] = own
    return out


def coverage(compiled: Compiled, docs: Iterable[InputDoc], quotes: int = 3,
             max_misses: int = 20) -> dict[str, Any]:
    """The coverage report of ``compiled`` on ``docs`` as plain data."""
    rs = compiled.ruleset
    rules: dict[str, dict[str, Any]] = {
        r.rule.id: {"id": r.rule.id, "type": r.rule.type, "origin": r.rule.origin,
                    "description": r.rule.description, "fired": 0, "quotes": []}
        for r in compiled.rules}
    triggers = trigger_lexicons(rs)
    finders = {name: lexicon_finder(compiled.lexicons[name])
               for names in triggers.values() for name in names if name in compiled.lexicons}
    misses: dict[str, dict[str, Any]] = {
        t: {"type": t, "triggers": names, "count": 0, "examples": []}
        for t, names in sorted(triggers.items())}
    n_docs = n_sentences = 0
    for doc in docs:
        text = screen(doc.text)[0] if doc.text is not None else None
        n_docs += 1
        if text is None:
            continue
        result = extract_document(compiled, text, doc.doc_id, doc.ref_date)
        facts = fact_dicts(result, compiled, hidden=True)
        segs, norm = result.segments, result.norm
        spans = list(zip(segs.sentence_starts, segs.sentence_ends, strict=True))
        n_sentences += len(spans)
        for f in facts:
            entry = rules.get(f["rule"])
            if entry is None:
                continue
            entry["fired"] += 1
            if len(entry["quotes"]) < quotes:
                entry["quotes"].append({"doc": doc.doc_id, "text": f["text"]})
        typed = {(f["type"], f["sentence"]) for f in facts}
        for i, (a, b) in enumerate(spans):
            for t, miss in misses.items():
                if (t, i) in typed:
                    continue
                hit = _first_hit(norm.text, a, b, [(n, finders[n]) for n in miss["triggers"]
                                                   if n in finders])
                if hit is None:
                    continue
                miss["count"] += 1
                if len(miss["examples"]) < max_misses:
                    lexicon, s, e = hit
                    miss["examples"].append({
                        "doc": doc.doc_id, "sentence": norm.raw_text(a, b).strip(),
                        "trigger": norm.raw_text(s, e), "lexicon": lexicon})
    listed = sorted(rules.values(), key=lambda r: (-r["fired"], r["id"]))
    return {"documents": n_docs, "sentences": n_sentences,
            "rules": [r for r in listed if r["fired"]],
            "never_fired": [r for r in listed if not r["fired"]],
            "misses": [m for m in misses.values() if m["count"]]}


def _first_hit(text: str, a: int, b: int, finders: list[tuple[str, regex.Pattern[str]]],
               ) -> tuple[str, int, int] | None:
    best: tuple[str, int, int] | None = None
    for name, finder in finders:
        m = finder.search(text, a, b)
        if m is not None and (best is None or m.start("w") < best[1]):
            best = (name, m.start("w"), m.end("w"))
    return best
