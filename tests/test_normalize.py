"""Normalization: folds, deletions, expansions, and offsets back into the raw text."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.normalize import normalize, normalize_literal


def test_folds_alef_ya_teh_marbuta_and_digits() -> None:
    assert normalize("أإآٱ").text == "اااا"
    assert normalize("على").text == "علي"
    assert normalize("الخارجية").text == "الخارجيه"
    assert normalize("٢٠١٩ ۱۴۳۶").text == "2019 1436"


def test_deletes_harakat_tatweel_and_invisible_marks() -> None:
    n = normalize("وَزِيـــرُ\u200f الخارجية\u200c")
    assert n.text == "وزير الخارجيه"
    assert n.raw_text(0, 4) == "وَزِيـــرُ"  # trailing damma kept in the raw span


def test_expands_lam_alef_ligature_and_maps_back() -> None:
    n = normalize("ﻻ شيء")
    assert n.text.startswith("لا ")
    assert n.raw_span(0, 2) == (0, 1)
    assert n.raw_span(1, 2) == (0, 1)


def test_collapses_spaces_and_keeps_line_breaks() -> None:
    n = normalize("كوريا  \u00a0الشمالية\r\nسوريا")
    assert n.text == "كوريا الشماليه\nسوريا"
    start, end = n.raw_span(6, 14)
    assert n.raw[start:end] == "الشمالية"


def test_latin_case_folds_without_moving_offsets() -> None:
    n = normalize("NK Pro")
    assert n.text == "nk pro"
    assert n.seg_norm == []


def test_literal_normalization_matches_text_normalization() -> None:
    assert normalize_literal(" وزيرة ") == normalize("وزيرة").text


NOISE = ["\u0640", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u200d",
         "\u200c", "\u200f", "\u200e", "\u202b", "\u2066", "\u2069"]
SENTENCE = "وقال وزير الخارجية السوري وليد المعلم إن البلدين وقعا مذكرة تفاهم في عام 2019"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SENTENCE)), st.sampled_from(NOISE)),
                max_size=12))
def test_injected_marks_keep_offsets_valid(noise: list[tuple[int, str]]) -> None:
    raw = SENTENCE
    for pos, mark in sorted(noise, reverse=True):
        raw = raw[:pos] + mark + raw[pos:]
    n = normalize(raw)
    assert n.text == normalize(SENTENCE).text
    for m in regex.finditer(r"\w+", n.text):
        start, end = n.raw_span(*m.span())
        assert 0 <= start < end <= len(raw)
        assert normalize(raw[start:end]).text == m.group()
