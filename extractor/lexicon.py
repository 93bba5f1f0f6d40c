"""Lexicon expansion: entries, declared inflections and clitics become one regex.

One YAML entry (a country, a title, a month) declares its base forms and the
inflection scheme of each group; this module generates every surface form,
normalizes it the way text is normalized, and builds a trie-shaped alternation
(common prefixes factored, longest forms preferred), so matching costs grow with
word length, not with the number of entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from extractor.model import CliticPolicy, Inflection, LexEntry, Lexicon
from extractor.normalize import normalize_literal


@dataclass(frozen=True)
class LexHit:
    """What one surface form stands for."""

    entry: LexEntry
    group: str
    form: str  # the normalized surface form, article included when written


@dataclass
class CompiledLexicon:
    """A lexicon ready for patterns: its regex body and the form lookup table."""

    name: str
    body: str  # regex source matching one content word (article included), no clitics
    prefix: str  # regex source of the proclitics this lexicon's words may carry
    article: str
    article_after_lam: str
    lookup: dict[str, LexHit] = field(default_factory=dict)

    def hit(self, matched: str) -> LexHit | None:
        """The entry behind a matched normalized word (with or without the article)."""
        hit = self.lookup.get(matched)
        if hit is not None:
            return hit
        # After a proclitic lam the body starts with the article's tail (ل + لشؤون).
        for art in (self.article, self.article_after_lam, self.article_after_lam[1:]):
            if art and matched.startswith(art):
                hit = self.lookup.get(matched[len(art):])
                if hit is not None:
                    return hit
        return None


def trie_pattern(words: list[str]) -> str:
    """A regex alternation over ``words`` shaped as a trie; longest match first."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie) if trie else "(?!)"


def _emit(node: dict) -> str:  # type: ignore[type-arg]
    terminal = "" in node
    branches = [regex.escape(ch, literal_spaces=True) + _emit(child)
                for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def _surfaces(lex: Lexicon, inflections: dict[str, Inflection],
              ) -> list[tuple[str, str, str, LexHit]]:
    """(surface, stem, suffix, hit) for every generated form: surface = stem + suffix."""
    out: list[tuple[str, str, str, LexHit]] = []
    for entry in lex.entries:
        for gname, forms in entry.forms.items():
            group = lex.groups[gname]
            suffixes = [normalize_literal(x) for x in (
                inflections[group.inflect].suffixes if group.inflect else [""])]
            for form in forms:
                base = normalize_literal(form)
                # A suffix replaces the teh marbuta of a feminine base (وزيرة -> وزيرات).
                feminine = base.endswith("\u0647") and any(suffixes)
                stem = base[:-1] if feminine else base
                for suffix in suffixes:
                    surface = stem + suffix if suffix else base
                    out.append((surface, stem, surface[len(stem):],
                                LexHit(entry, gname, surface)))
    return out


def expand_forms(lex: Lexicon, inflections: dict[str, Inflection]) -> list[tuple[str, LexHit]]:
    """Every normalized surface form of every entry, with the entry it maps to."""
    return [(surface, hit) for surface, _stem, _suffix, hit in _surfaces(lex, inflections)]


def factored_pattern(pairs: Iterable[tuple[str, str]]) -> str:
    """A regex for stem + suffix pairs: stems sharing a set of suffixes share one trie.

    Inflected forms (a nisba with its eight endings) then cost one branch per
    stem instead of eight, which keeps patterns small and quick to compile.
    """
    suffixes_of: dict[str, set[str]] = defaultdict(set)
    for stem, suffix in pairs:
        suffixes_of[stem].add(suffix)
    stems_of: dict[frozenset[str], list[str]] = defaultdict(list)
    for stem, endings in suffixes_of.items():
        stems_of[frozenset(endings)].append(stem)
    branches = []
    for suffixes, stems in stems_of.items():
        longest = max(map(len, stems)) + max(map(len, suffixes))
        tail = "" if suffixes == {""} else f"(?:{trie_pattern(sorted(suffixes))})"
        branches.append((longest, trie_pattern(sorted(stems)) + tail))
    branches.sort(key=lambda b: -b[0])  # longer forms first across branches
    if not branches:
        return "(?!)"
    return branches[0][1] if len(branches) == 1 else "(?:" + "|".join(b for _, b in branches) + ")"


def compile_lexicon(lex: Lexicon, inflections: dict[str, Inflection],
                    policy: CliticPolicy | None) -> CompiledLexicon:
    """Build the regex body and lookup table of one lexicon."""
    article = normalize_literal(policy.article) if policy else ""
    after_lam = normalize_literal(policy.article_after_lam) if policy else ""
    definite: list[tuple[str, str]] = []  # written with the article: the article is required
    optional: list[tuple[str, str]] = []  # bare forms that may also take the article
    bare: list[tuple[str, str]] = []
    lookup: dict[str, LexHit] = {}
    for surface, stem, suffix, hit in _surfaces(lex, inflections):
        if article and surface.startswith(article) and len(surface) > len(article) + 1:
            core = surface[len(article):]
            definite.append((stem[len(article):], suffix) if stem.startswith(article)
                            else (core, ""))
            lookup.setdefault(core, hit)
        else:
            lookup.setdefault(surface, hit)
            if policy and lex.groups[hit.group].article == "optional":
                optional.append((stem, suffix))
            else:
                bare.append((stem, suffix))
    if policy is None:
        body = factored_pattern(bare + [(article + s, x) for s, x in definite])
        return CompiledLexicon(lex.name, body, "", article, after_lam, lookup)
    art = regex.escape(article)
    if after_lam:  # the article after the preposition lam: ل + ال is written لل
        lam, rest = regex.escape(after_lam[:1]), regex.escape(after_lam[1:])
        art = f"(?:{art}|(?<={lam}){rest})"
    alts = []
    if definite or optional:
        alts.append(art + factored_pattern(definite + optional))
    if optional or bare:
        alts.append(factored_pattern(optional + bare))
    body = "(?:" + "|".join(alts) + ")" if alts else "(?!)"
    conj = "|".join(regex.escape(normalize_literal(c)) for c in policy.conjunctions)
    prep = "|".join(regex.escape(normalize_literal(p)) for p in policy.prepositions)
    prefix = (f"(?:{conj})?" if conj else "") + (f"(?:{prep})?" if prep else "")
    return CompiledLexicon(lex.name, body, prefix, article, after_lam, lookup)
