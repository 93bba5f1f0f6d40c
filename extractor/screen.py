"""Screen a document before extraction: every oddity becomes a coded diagnostic.

Scrapers deliver empty pages, binary blobs, NUL bytes, lone surrogates, pages
in other scripts and multi-megabyte dumps. None of these may crash a corpus
run or vanish silently: each gets a stable diagnostic code, and the document
still gets its output line.
"""

from __future__ import annotations

from typing import Any

import regex

DEFAULT_MAX_DOC_CHARS = 5_000_000
# Runs, not single characters: counting by words makes a few hundred strings per
# document instead of thousands.
_ARABIC_LETTERS = regex.compile(r"[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]+")
_LETTERS = regex.compile(r"\p{L}+")  # what str.isalpha accepts
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")

# code -> what it means (documented in docs/diagnostics.md)
CODES = {
    "empty_document": "the document has no text",
    "binary_input": "the document looks binary (many control characters); not extracted",
    "control_characters": "NUL or other control characters were replaced by spaces",
    "lone_surrogate": "invalid lone surrogates were replaced by U+FFFD",
    "oversize_document": "the document is longer than --max-doc-chars; not extracted",
    "no_arabic_text": "the document has no Arabic letters",
    "mostly_other_script": "most letters of the document are not Arabic (mixed scripts)",
}


def _diag(code: str, detail: str = "") -> dict[str, Any]:
    return {"code": code, "message": CODES[code] + (f" ({detail})" if detail else "")}


def screen(text: str, max_chars: int = DEFAULT_MAX_DOC_CHARS) -> tuple[str | None,
                                                                     list[dict[str, Any]]]:
    """The text to extract (None: do not extract) and the diagnostics; offsets are kept."""
    if not text.strip():
        return None, [_diag("empty_document")]
    if len(text) > max_chars:
        return None, [_diag("oversize_document", f"{len(text)} characters, limit {max_chars}")]
    diagnostics: list[dict[str, Any]] = []
    controls = len(_CONTROL.findall(text)) if _CONTROL.search(text) else 0
    if controls:
        if controls > max(8, len(text) // 10):
            return None, [_diag("binary_input", f"{controls} control characters")]
        text = _CONTROL.sub(" ", text)  # one for one: offsets stay valid
        diagnostics.append(_diag("control_characters", f"{controls} replaced"))
    surrogates = len(_SURROGATE.findall(text)) if _SURROGATE.search(text) else 0
    if surrogates:
        text = _SURROGATE.sub("\ufffd", text)
        diagnostics.append(_diag("lone_surrogate", f"{surrogates} replaced"))
    arabic = sum(map(len, _ARABIC_LETTERS.findall(text)))
    if not arabic:
        diagnostics.append(_diag("no_arabic_text"))
    else:
        letters = sum(map(len, _LETTERS.findall(text)))
        if arabic * 2 < letters:
            diagnostics.append(_diag("mostly_other_script",
                                     f"{arabic} of {letters} letters are Arabic"))
    return text, diagnostics
