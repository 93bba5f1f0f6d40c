"""Arabic normalization with an offset map back to the raw text.

Rules match on a *normalized view* of the text, so that one lexicon entry covers
every way a newspaper types a word (with or without harakat, tatweel, hamza on
the alef, alef maqsura for ya, teh marbuta for heh, presentation forms,
Arabic-Indic digits, invisible marks). Facts must still report spans in the raw
text, so the normalizer keeps a compact offset map.

Most folds are one character for one character and keep offsets: they run
through ``str.translate``. Only deletions (harakat, tatweel, bidi and
zero-width marks, extra spaces) and expansions (lam-alef ligatures) need the map,
and news text has few, so the map is a short list of segments rather than one
integer per character.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field

import regex

# Characters deleted from the normalized view: harakat and Quranic marks,
# tatweel, bidi controls, zero-width characters, byte-order mark, soft hyphen.
_DELETED = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0640"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u061c"
)
# Marks a span keeps after its last letter: harakat, and tatweel (as in the Hijri year marker).
_COMBINING_MARKS = regex.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

# One-for-one folds. Built from code points so this module holds no Arabic words.
_ONE_FOR_ONE: dict[int, str] = {
    0x0622: "\u0627",  # alef with madda -> alef
    0x0623: "\u0627",  # alef with hamza above -> alef
    0x0625: "\u0627",  # alef with hamza below -> alef
    0x0671: "\u0627",  # alef wasla -> alef
    0x0672: "\u0627",
    0x0673: "\u0627",
    0x0649: "\u064a",  # alef maqsura -> ya
    0x06cc: "\u064a",  # Farsi ya -> ya
    0x0629: "\u0647",  # teh marbuta -> heh
    0x06a9: "\u0643",  # keheh -> kaf
    0x06c1: "\u0647",  # heh goal -> heh
}
for _i in range(10):
    _ONE_FOR_ONE[0x0660 + _i] = str(_i)  # Arabic-Indic digits
    _ONE_FOR_ONE[0x06F0 + _i] = str(_i)  # Persian digits
for _cp in (0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
            0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000, 0x0009, 0x000B, 0x000C):
    _ONE_FOR_ONE[_cp] = " "
for _cp in range(ord("A"), ord("Z") + 1):
    _ONE_FOR_ONE[_cp] = chr(_cp + 32)  # ASCII case fold keeps offsets
for _cp in (0x0085, 0x2028, 0x2029):
    _ONE_FOR_ONE[_cp] = "\n"

_EXPANSIONS: dict[str, str] = {"\r": "\n"}  # a lone carriage return ends a line


def _fold_char(ch: str) -> str:
    """Fold one character with the one-for-one table (used on NFKC output)."""
    return "".join(_ONE_FOR_ONE.get(ord(c), c) for c in ch)


# Arabic presentation forms A and B: NFKC gives the base letters. Single letters
# become one-for-one folds; ligatures (lam-alef and friends) become expansions.
for _cp in list(range(0xFB50, 0xFDFF + 1)) + list(range(0xFE70, 0xFEFF)):
    _ch = chr(_cp)
    _base = unicodedata.normalize("NFKC", _ch)
    if _base == _ch:
        continue
    _base = regex.sub(f"[{_DELETED}]", "", _fold_char(_base)).strip()
    if len(_base) == 1:
        _ONE_FOR_ONE[_cp] = _base
    elif len(_base) > 1:
        _EXPANSIONS[_ch] = _base

_FOLD_CHARS = {chr(cp): to for cp, to in _ONE_FOR_ONE.items()}
_FOLD_KEYS = frozenset(_FOLD_CHARS)
# Deletions (marks, the CR of CRLF, repeated spaces) and expansions, in one pass.
# The standard `re` suffices (character classes only, linear) and is faster here.
_SPECIAL = re.compile(f"[{_DELETED}]+|\r(?=\n)|  +|[{''.join(_EXPANSIONS)}]")


@dataclass(frozen=True)
class Normalized:
    """A normalized view of ``raw`` and the map from its offsets back to ``raw``.

    ``seg_norm[k]``/``seg_raw[k]`` start a run in which normalized offset
    ``seg_norm[k] + d`` comes from raw offset ``seg_raw[k] + d``; a run with
    ``seg_step[k] == 0`` is an expansion whose characters all come from one raw
    character.
    """

    raw: str
    text: str
    seg_norm: list[int] = field(default_factory=list)
    seg_raw: list[int] = field(default_factory=list)
    seg_step: list[int] = field(default_factory=list)

    def raw_index(self, i: int) -> int:
        """Raw offset of the character at normalized offset ``i``."""
        if not self.seg_norm:
            return i
        k = bisect.bisect_right(self.seg_norm, i) - 1
        if k < 0:
            return i
        return self.seg_raw[k] + (i - self.seg_norm[k]) * self.seg_step[k]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering the normalized span, with trailing harakat."""
        if end <= start:
            r = self.raw_index(start) if start < len(self.text) else len(self.raw)
            return r, r
        raw_start = self.raw_index(start)
        raw_end = self.raw_index(end - 1) + 1
        while raw_end < len(self.raw) and _COMBINING_MARKS.match(self.raw, raw_end):
            raw_end += 1
        return raw_start, raw_end

    def raw_text(self, start: int, end: int) -> str:
        """The raw text behind a normalized span."""
        a, b = self.raw_span(start, end)
        return self.raw[a:b]


def _fold(raw: str) -> str:
    """The one-for-one folds, applied only for the characters the text holds.

    ``str.translate`` with a large table is slow; the set of distinct characters
    of a text is small, so a few ``str.replace`` calls do the same work faster.
    """
    folded = raw
    for ch in _FOLD_KEYS.intersection(raw):
        folded = folded.replace(ch, _FOLD_CHARS[ch])
    return folded


def normalize(raw: str) -> Normalized:
    """Normalize ``raw`` for matching and keep the offset map back to it."""
    folded = _fold(raw)
    pieces: list[str] = []
    seg_norm: list[int] = []
    seg_raw: list[int] = []
    seg_step: list[int] = []
    pos = 0
    norm_len = 0
    for m in _SPECIAL.finditer(folded):
        s, e = m.span()
        chunk = m.group()
        if chunk[0] == " ":
            s += 1  # of a run of spaces, the first stays
        pieces.append(folded[pos:s])
        norm_len += s - pos
        expansion = None if folded.startswith("\n", e) and chunk == "\r" else \
            _EXPANSIONS.get(chunk)
        if expansion is not None:
            seg_norm.append(norm_len)
            seg_raw.append(s)
            seg_step.append(0)
            pieces.append(expansion)
            norm_len += len(expansion)
        seg_norm.append(norm_len)
        seg_raw.append(e)
        seg_step.append(1)
        pos = e
    if not seg_norm:
        return Normalized(raw, folded)
    pieces.append(folded[pos:])
    return Normalized(raw, "".join(pieces), seg_norm, seg_raw, seg_step)


@functools.lru_cache(maxsize=1 << 16)
def normalize_literal(text: str) -> str:
    """Normalize a lexicon form or pattern literal exactly as text is normalized.

    Cached: assembly normalizes the same lexicon forms for every document.
    """
    return normalize(text).text.strip()
