"""Noise that newspapers and scrapers add must not change the facts or break offsets.

Hypothesis injects tatweel, harakat, ZWJ/ZWNJ, bidi marks and Arabic
presentation forms into real sentences; the same facts must come out (compared
on their normalized text and fields), and every offset must point at its text.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.compile import Compiled
from extractor.engine import extract_document, fact_dicts
from extractor.normalize import normalize_literal
from extractor.rulepacks import compiled_rules

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_6de84ff522efcbb7.txt"
SENTENCES = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()][:6]
MARKS = ["\u0640", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u200d",
         "\u200c", "\u200f", "\u200e", "\u202b", "\u202c", "\u2066", "\u2069"]
# letter -> its isolated presentation form (from Unicode's own decomposition data)
PRESENTATION: dict[str, str] = {}
for _cp in range(0xFE70, 0xFEFF):
    _ch = chr(_cp)
    if unicodedata.decomposition(_ch).startswith("<isolated>"):
        _base = unicodedata.normalize("NFKC", _ch)
        if len(_base) == 1:
            PRESENTATION.setdefault(_base, _ch)


def _signature(facts: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    def norm(v: Any) -> Any:
        if isinstance(v, str):
            return normalize_literal(v)
        if isinstance(v, list):
            return [norm(x) for x in v]
        return v
    return [(f["type"], normalize_literal(f["text"]), f["rule"],
             sorted((k, str(norm(v))) for k, v in f["fields"].items())) for f in facts]


_COMPILED: Compiled = compiled_rules(())
_CLEAN = {s: _signature(fact_dicts(extract_document(_COMPILED, s), _COMPILED))
          for s in SENTENCES}


@st.composite
def noisy(draw: st.DrawFn) -> tuple[str, str]:
    sentence = draw(st.sampled_from(SENTENCES))
    chars = list(sentence)
    for i in sorted(draw(st.lists(st.integers(0, len(chars) - 1), max_size=8)), reverse=True):
        if chars[i] in PRESENTATION and draw(st.booleans()):
            chars[i] = PRESENTATION[chars[i]]
        elif chars[i].isalpha():
            chars[i] = chars[i] + draw(st.sampled_from(MARKS))
    return sentence, "".join(chars)


@settings(max_examples=60, deadline=None)
@given(noisy())
def test_noise_changes_neither_facts_nor_offsets(case: tuple[str, str]) -> None:
    clean, raw = case
    facts = fact_dicts(extract_document(_COMPILED, raw), _COMPILED)
    for f in facts:
        assert raw[f["start"]:f["end"]] == f["text"]
    assert _signature(facts) == _CLEAN[clean]
