"""Run the compiled atomic rules over a normalized text and collect candidates.

Every candidate keeps its captures and the lexicon entries behind them, so a
fact can always say which rule and which lexicon entries produced it. Each regex
call is bounded by a timeout; a timeout becomes a diagnostic and the other rules
still run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from extractor.anchors import WORD
from extractor.compile import FIELD_REF, Compiled, CompiledRule
from extractor.lexicon import LexHit
from extractor.normalize import Normalized
from extractor.positions import (
    before_required,
    inside,
    lines_with,
    text_positions,
    word_starts_before,
)

_TRIM = " \t\n,\u060c:;\u061b-\u2013\u2014"  # spaces, commas, colons, semicolons, dashes


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
    # Copied from the rule once: read millions of times while a document assembles.
    type: str = field(init=False)
    priority: int = field(init=False)

    def __post_init__(self) -> None:
        self.type = self.rule.rule.type
        self.priority = self.rule.rule.priority

    @property
    def rule_id(self) -> str:
        return self.extra_rule or self.rule.rule.id


def timeout_for(text: str) -> float:
    """Seconds one rule may spend on one document: generous, growing with its length."""
    return 1.0 + len(text) / 100_000


def match_all(compiled: Compiled, norm: Normalized,
              diagnostics: list[dict[str, Any]]) -> list[Candidate]:
    """Candidates of every atomic rule, in rule order then text order.

    Each rule runs only where it can match (docs/rule-format.md, "Where a rule
    runs"): at the words it starts with (see :mod:`extractor.anchors`), narrowed
    to those a bounded distance before a word it requires; for rules that start
    with a name, at the word starts within reach before that word; else in the
    lines holding a word or a literal text every match holds; else everywhere.
    """
    out: list[Candidate] = []
    text = norm.text
    budget = timeout_for(text)
    hits = compiled.anchor_index.hits(text)
    positions_of: dict[tuple[str, ...], list[int]] = {}  # per key set: sorted positions
    sentences: dict[tuple[str, ...], list[tuple[int, int]]] = {}  # per required key set
    word_starts: list[int] | None = None

    def at(keys: list[str]) -> list[int]:
        key = tuple(keys)
        found = positions_of.get(key)
        if found is None:
            found = positions_of[key] = sorted({p for k in key for p in hits.get(k, ())})
        return found

    def lines(keys: list[str]) -> list[tuple[int, int]]:
        key = tuple(keys)
        if key not in sentences:
            sentences[key] = lines_with(text, set(at(keys)))
        return sentences[key]

    windows: list[tuple[int, int]] = []
    positions: list[int] = []
    for order, crule in enumerate(compiled.rules):
        if crule.source is None:
            continue
        required = at(crule.required) if crule.required is not None else None
        if required and crule.before_required:
            lead = crule.before_required  # e.g. «، » before the title of name-first rules
            required = [r for r in required if text.startswith(lead, r - len(lead))
                        and r >= len(lead)]
        if required is not None and not required:
            continue  # a word every match needs is absent
        if crule.anchors is not None:
            positions = at(crule.anchors)
            if required is not None and crule.reach is not None:
                # Anchors (often optional leading words such as «في») at most
                # `reach` characters before a word every match holds.
                positions = before_required(positions, required, crule.reach)
            elif crule.required is not None:
                positions = inside(positions, lines(crule.required))
            if not positions:
                continue
        elif required is not None and crule.reach is not None:
            # Starts of words at most `reach` characters before a required word.
            if word_starts is None:
                word_starts = [m.start() for m in WORD.finditer(text)]
            positions = word_starts_before(text, word_starts, required, crule.reach,
                                       crule.reach_spaces)
        elif crule.required is not None:
            windows = lines(crule.required)
        elif crule.literals:
            windows = lines_with(text, text_positions(text, crule.literals))
            if not windows:
                continue
        pattern = crule.regex
        assert pattern is not None
        started = time.perf_counter()
        try:
            if crule.anchors is None and crule.required is None and not crule.literals:
                matches: Iterable[regex.Match[str]] = pattern.finditer(text, timeout=budget)
            elif crule.anchors is None and crule.reach is None:
                matches = _windowed(pattern, text, windows, started, budget)
            else:
                matches = _anchored(pattern, text, positions, started, budget)
            for m in matches:
                cand = _candidate(crule, m, compiled, norm)
                if cand is not None:
                    cand.order = order
                    out.append(cand)
        except TimeoutError:
            diagnostics.append({"code": "rule_timeout", "rule": crule.rule.id,
                                "message": f"rule {crule.rule.id} gave up after {budget:.1f} s "
                                           "on this document; its matches are missing"})
    return out


def _windowed(pattern: regex.Pattern[str], text: str, windows: list[tuple[int, int]],
              started: float, budget: float) -> Iterator[regex.Match[str]]:
    """``finditer`` restricted to the given windows (lookarounds still see around them)."""
    for start, end in windows:
        left = budget - (time.perf_counter() - started)
        if left <= 0:
            raise TimeoutError
        yield from pattern.finditer(text, start, end, timeout=left)


def _anchored(pattern: regex.Pattern[str], text: str, positions: list[int], started: float,
              budget: float) -> Iterator[regex.Match[str]]:
    """Matches starting at anchor positions, non-overlapping like ``finditer``."""
    resume = 0
    for p in positions:
        if p < resume:
            continue
        left = budget - (time.perf_counter() - started)
        if left <= 0:
            raise TimeoutError
        m = pattern.match(text, p, timeout=left)
        if m is not None and m.end() > m.start():
            resume = m.end()
            yield m


def _candidate(crule: CompiledRule, m: regex.Match[str], compiled: Compiled,
               norm: Normalized) -> Candidate | None:
    start, end = m.span()
    captures: dict[str, tuple[int, int]] = {}
    hits: dict[str, LexHit] = {}
    regs = m.regs  # every group's span in one call
    text = norm.text
    for index, name, is_prefix, lexicon in crule.group_table():
        span = regs[index]
        if span[0] < 0:
            continue
        if is_prefix:
            if span[0] == start:
                start = span[1]  # the span starts after the leading proclitic
            continue
        captures[name] = span
        if lexicon is not None:
            hit = compiled.lexicons[lexicon].hit(text[span[0]:span[1]])
            if hit is not None:
                hits[name] = hit
    for cap, stop, keep in crule.trims:
        old = captures.get(cap)
        if old is None:
            continue
        new = _trim_words(text, old, stop, keep, compiled)
        if new == old:
            continue
        if new is None:
            del captures[cap]
            hits.pop(cap, None)
        else:
            captures[cap] = new
        if keep == "leading" and not text[old[1]:end].strip(_TRIM):
            end = new[1] if new else old[0]
        elif keep == "trailing" and not text[start:old[0]].strip(_TRIM):
            start = new[0] if new else old[1]
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end <= start:
        return None
    cand = Candidate(crule, start, end, captures, hits)
    cand.fields = evaluate_fields(crule.rule.fields, cand, norm)
    return cand


def _trim_words(text: str, span: tuple[int, int], stop: frozenset[str], keep: str,
                compiled: Compiled) -> tuple[int, int] | None:
    """The part of ``span`` before the first (or after the last) stop word; None if empty."""
    words = list(WORD.finditer(text, span[0], span[1]))
    get = compiled.anchor_index.index.get
    is_stop = [bool(get(w.group(), _NONE) & stop) for w in words]
    if keep == "leading":
        cut = is_stop.index(True) if True in is_stop else len(words)
        return (span[0], words[cut - 1].end()) if cut > 0 else None
    last = len(is_stop) - 1 - is_stop[::-1].index(True) if True in is_stop else -1
    return (words[last + 1].start(), span[1]) if last + 1 < len(words) else None


_NONE: frozenset[str] = frozenset()


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
