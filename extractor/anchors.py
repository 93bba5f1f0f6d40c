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

from extractor.lexicon import CompiledLexicon, LexHit, trie_pattern
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
                        forms: Iterable[tuple[str, LexHit]],
                        cores: set[str] | None = None) -> set[str] | None:
    """Every way the first word of a form of ``lex`` can be written with its clitics.

    The "word" is the leading run of word characters (كوفيد of كوفيد-19), as the
    document pass sees it; None when a form does not start with one. The bare
    words (no clitic, no article) are added to ``cores`` for the scanner.
    """
    out: set[str] = set()
    prefixes = _prefixes(policy)
    article = lex.article
    lam_article = lex.article_after_lam  # e.g. the preposition lam + article
    for surface, _hit in forms:
        leading = WORD.match(surface)
        if leading is None:
            return None
        core = leading.group()
        bare = True
        if article and core.startswith(article) and len(core) > len(article) + 1:
            core, bare = core[len(article):], False
        if cores is not None:
            cores.add(core)
        for p in prefixes:
            if bare:
                out.add(p + core)
            if policy is not None:
                out.add(p + article + core)
                if lam_article and p.endswith(lam_article[:1]):
                    out.add(p + lam_article[1:] + core)
    return out


class AnchorIndex:
    """Maps a written word to the keys (``lexicon`` or ``lexicon/group``) it may start.

    ``index`` knows every lexicon (captures are trimmed with it); ``finish`` builds
    it from the words ``add`` collected, keeps only the keys rules actually anchor
    on and builds one scanner for them: a trie of their bare first words behind
    the clitic prefixes of every policy
    (standard ``re``; literals only, linear), so a document is scanned in C and
    frequent words no rule starts with (prepositions, verbs) cost nothing.
    """

    def __init__(self) -> None:
        self.added: dict[str, set[str]] = defaultdict(set)  # filled by add()
        self.index: dict[str, frozenset[str]] = {}  # made from `added` by finish()
        self.anchorable: set[str] = set()  # keys whose first words are all plain words
        self.cores: dict[str, set[str]] = defaultdict(set)  # key -> bare first words
        self.used: dict[str, frozenset[str]] = {}  # word -> the anchor keys rules use
        self.scanner: re.Pattern[str] | None = None

    def add(self, key: str, words: Iterable[str], cores: Iterable[str] = ()) -> None:
        for w in words:
            self.added[w].add(key)
        self.cores[key].update(cores)

    def finish(self, policies: Iterable[CliticPolicy], keys: set[str]) -> None:
        """Keep the anchor ``keys`` rules use and build the scanner for their words.

        Equal key sets become one shared frozenset: a hundred thousand words map
        to a few hundred distinct sets, and pickle then writes (and the cache
        loads) each set once.
        """
        shared: dict[frozenset[str], frozenset[str]] = {}

        def intern(ks: Iterable[str]) -> frozenset[str]:
            key = frozenset(ks)
            return shared.setdefault(key, key)
        self.index = {w: intern(ks) for w, ks in self.added.items()}
        self.added = defaultdict(set)
        self.used = {w: intern(ks & keys) for w, ks in self.index.items() if ks & keys}
        words = sorted({c for k in keys for c in self.cores.get(k, ())})
        if not words:
            self.scanner = None
            return
        conj: set[str] = set()
        prep: set[str] = set()
        articles: set[str] = set()
        for policy in policies:
            conj.update(normalize_literal(c) for c in policy.conjunctions)
            prep.update(normalize_literal(p) for p in policy.prepositions)
            if policy.article:
                articles.add(re.escape(normalize_literal(policy.article)))
            if policy.article_after_lam:
                lam = normalize_literal(policy.article_after_lam)
                articles.add(f"(?<={re.escape(lam[:1])}){re.escape(lam[1:])}")
        alt = "|".join
        # \b rather than lookarounds: the same boundaries, and much faster in `re`.
        pattern = (rf"\b(?:{alt(map(re.escape, sorted(conj)))})?"
                   rf"(?:{alt(map(re.escape, sorted(prep)))})?(?:{alt(sorted(articles))})?"
                   rf"(?:{trie_pattern(words)})\b")
        self.scanner = re.compile(pattern)

    def hits(self, text: str) -> dict[str, list[int]]:
        """Anchor key -> sorted start offsets of the words that may start it."""
        out: dict[str, list[int]] = defaultdict(list)
        if self.scanner is not None:
            get = self.used.get
            for m in self.scanner.finditer(text):  # in text order: the lists stay sorted
                for k in get(m.group(), ()):
                    out[k].append(m.start())
        out[DIGIT_KEY] = [m.start() for m in DIGIT_RUN.finditer(text)]
        return out
