"""The anchor index: which lexicon words occur where, found in one pass per document.

Running every rule's regex over every position of every document is what makes
rule engines slow. Instead, each rule that starts with a lexicon reference is
tried only where a word of that lexicon starts. One pass over the words of the
document, with a dictionary holding every clitic-prefixed first word of every
lexicon form, finds those places for all rules at once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from extractor.lexicon import CompiledLexicon, LexHit
from extractor.model import CliticPolicy
from extractor.normalize import normalize_literal

# Words as the normalizer leaves them: letters and digits (standard `re`: a plain
# character class cannot backtrack, so this pass needs no timeout).
WORD = re.compile(r"\w+")
DIGIT_RUN = re.compile(r"(?<![0-9])[0-9]")
DIGIT_KEY = "#digit"  # the anchor of rules whose matches start with a digit


def _prefixes(policy: CliticPolicy | None) -> list[str]:
    if policy is None:
        return [""]
    conj = [""] + [normalize_literal(c) for c in policy.conjunctions]
    prep = [""] + [normalize_literal(p) for p in policy.prepositions]
    return [c + p for c in conj for p in prep]


def surface_first_words(lex: CompiledLexicon, policy: CliticPolicy | None,
                        forms: Iterable[tuple[str, LexHit]]) -> set[str]:
    """Every way the first word of a form of ``lex`` can be written with its clitics."""
    out: set[str] = set()
    prefixes = _prefixes(policy)
    article = lex.article
    lam_article = lex.article_after_lam  # e.g. the preposition lam + article
    for surface, _hit in forms:
        first = surface.split(" ", 1)[0]
        cores = {first}
        if article and first.startswith(article) and len(first) > len(article) + 1:
            cores = {first[len(article):]}
            bare = False
        else:
            bare = True
        for core in cores:
            for p in prefixes:
                if bare:
                    out.add(p + core)
                if policy is not None:
                    out.add(p + article + core)
                    if lam_article and p.endswith(lam_article[:1]):
                        out.add(p + lam_article[1:] + core)
    return out


class AnchorIndex:
    """Maps a written word to the anchor keys (``lexicon`` or ``lexicon/group``) it may start."""

    def __init__(self) -> None:
        self.index: dict[str, set[str]] = defaultdict(set)
        self.anchorable: set[str] = set()  # keys whose first words are all plain words

    def add(self, key: str, words: Iterable[str]) -> None:
        for w in words:
            self.index[w].add(key)

    def hits(self, text: str) -> dict[str, list[int]]:
        """Anchor key -> sorted start offsets of the words that may start it."""
        out: dict[str, list[int]] = defaultdict(list)
        get = self.index.get
        for m in WORD.finditer(text):
            keys = get(m.group())
            if keys:
                start = m.start()
                for k in keys:
                    out[k].append(start)
        out[DIGIT_KEY] = [m.start() for m in DIGIT_RUN.finditer(text)]
        return out
