"""Paragraphs and sentences of a normalized text.

Composite facts (meetings, agreements) gather their arguments inside a window,
and dates infer their year from the sentence that governs them, so every fact
needs a sentence and a paragraph index. News text is regular enough that line
breaks and sentence-final punctuation followed by a space suffice.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

# A sentence ends at . ! ? (Latin or Arabic) followed by space or end, or at a line break.
_SENTENCE_END = regex.compile(r"[.!?\u061f\u06d4]+(?=\s|$)|\n")


@dataclass(frozen=True)
class Segments:
    """Sentence and paragraph boundaries as sorted start offsets (normalized view)."""

    sentence_starts: list[int]
    sentence_ends: list[int]
    sentence_paragraph: list[int]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        return self.sentence_paragraph[self.sentence_of(offset)]

    def window(self, offset: int, kind: str) -> tuple[int, int]:
        """The ``[start, end)`` of the sentence, paragraph or document holding ``offset``."""
        if kind == "document":
            return 0, self.sentence_ends[-1] if self.sentence_ends else 0
        s = self.sentence_of(offset)
        if kind == "sentence":
            return self.sentence_starts[s], self.sentence_ends[s]
        p = self.sentence_paragraph[s]
        members = [i for i, q in enumerate(self.sentence_paragraph) if q == p]
        return self.sentence_starts[members[0]], self.sentence_ends[members[-1]]


def segment(text: str) -> Segments:
    """Split ``text`` into sentences and record the paragraph of each."""
    starts: list[int] = []
    ends: list[int] = []
    paragraphs: list[int] = []
    paragraph = 0
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[pos:end].strip():
            starts.append(pos)
            ends.append(end)
            paragraphs.append(paragraph)
        if m.group() == "\n":
            paragraph += 1
        pos = end
    if text[pos:].strip() or not starts:
        starts.append(pos)
        ends.append(len(text))
        paragraphs.append(paragraph)
    return Segments(starts, ends, paragraphs)
