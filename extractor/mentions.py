"""Later mentions of a named person: where a name (or part of it) occurs again.

Used by :mod:`extractor.coreference`. One pass over the document's words,
indexed once per letter folding, serves every person.
"""

from __future__ import annotations

import bisect

import regex


def fold_letters(word: str, fold: dict[str, str]) -> str:
    """``word`` with each letter replaced by the first letter of its folding class."""
    return "".join(fold.get(c, c) for c in word)


class MentionFinder:
    """Where a name (one word or more) occurs as whole words after a given offset,
    with at most one proclitic, letters compared after folding.

    One pass over the document's words, indexed once per letter folding, serves
    every name: searching the text again for each person made long documents
    quadratic.
    """

    def __init__(self, text: str, clitics: list[str]) -> None:
        self.text = text
        self.clitics = clitics
        self.by_fold: dict[int, dict[str, list[int]]] = {}

    def _index(self, fold: dict[str, str]) -> dict[str, list[int]]:
        """Folded word -> starts of the words written so."""
        index = self.by_fold.get(id(fold))
        if index is None:
            index = self.by_fold[id(fold)] = {}
            for m in _WORD.finditer(self.text):
                index.setdefault(fold_letters(m.group(), fold), []).append(m.start())
        return index

    def find(self, name: str, fold: dict[str, str], after: int) -> list[tuple[int, int]]:
        """``(start, end)`` of each mention of ``name`` starting at or after ``after``
        (the proclitic left out of the span), left to right, not overlapping."""
        index = self._index(fold)
        folded = fold_letters(name, fold)
        first = folded.split(" ")[0]
        # A proclitic is tried before none, as an optional group would.
        keys = [fold_letters(c, fold) + first for c in self.clitics] + [first]
        candidates = sorted({p for key in keys for p in index.get(key, ())})
        out: list[tuple[int, int]] = []
        resume = after
        for start in candidates[bisect.bisect_left(candidates, after):]:
            if start < resume:
                continue
            for clitic in [*self.clitics, ""]:
                s = start + len(clitic)
                e = s + len(name)
                if self.text.startswith(clitic, start) \
                        and fold_letters(self.text[s:e], fold) == folded \
                        and not (e < len(self.text) and _WORD_CHAR.match(self.text, e)):
                    out.append((s, e))
                    resume = e
                    break
        return out


_WORD = regex.compile(r"\w+")
_WORD_CHAR = regex.compile(r"\w")
