"""People across a document: the portfolio a counterpart inherits, and which
mentions (a surname, a transliteration variant, «الوزير», «الوزيران») are the
same person as a full mention before them (one ``entity`` id).
"""

from __future__ import annotations

import bisect

import regex

from extractor.document import Document, per_ruleset
from extractor.match import Candidate
from extractor.mentions import MentionFinder, fold_letters
from extractor.normalize import normalize_literal
from extractor.resolve import SpanSet


def inherit(doc: Document) -> None:
    """A counterpart takes the missing fields of the person it is the counterpart of.

    That person is in the counterpart's sentence when one is there, else the last
    one before it. In the sentence, a person coordinated with the counterpart
    («رئيس الوزراء X ونظيره») is not its source (the pronoun of «his counterpart»
    refers to the subject: when the sentence holds no other, the person named
    before the sentence is taken); of the others, the nearest before it,
    preferring one with the counterpart's stated role. A counterpart of nobody
    named before (a sports team's «ونظيره الجزائري») is dropped.
    """
    orphans: list[Candidate] = []
    for i, f in enumerate(doc.facts):
        t = doc.types[f.type]
        if not t.inherit_from_previous or f.fields.get("counterpart") != "true":
            continue
        sentence = doc.sentence(f)
        previous = [g for g in doc.facts[:i] if g.type == f.type
                    and g.fields.get("counterpart") != "true" and g.end <= f.start]
        same = [g for g in previous if doc.sentence(g) == sentence]
        free = [g for g in same if not _coordinated(doc, g, f)]
        role = f.fields.get("role")
        matching = [g for g in free if role and g.fields.get("role") == role]
        before = [g for g in previous if doc.sentence(g) != sentence]
        candidates = matching or free or before or same
        if not candidates:
            if any(f.fields.get(name) is None for name in t.inherit_from_previous):
                orphans.append(f)  # the counterpart of nobody named: its role is unknown
            continue
        source = candidates[-1]
        for name in t.inherit_from_previous:
            if f.fields.get(name) is None:
                f.fields[name] = source.fields.get(name)
    dropped = {id(f) for f in orphans}
    doc.facts = [f for f in doc.facts if id(f) not in dropped]


def _coordinated(doc: Document, g: Candidate, f: Candidate) -> bool:
    """Whether ``g`` is joined to ``f`` by a bare conjunction (the clitic policies'
    conjunctions, e.g. «و»), possibly after a comma: «X ونظيره»."""
    between = doc.norm.text[g.end:f.start].lstrip(" \t,\u060c")
    return between in _conjunctions(doc)


@per_ruleset
def _conjunctions(doc: Document) -> set[str]:
    """The clitic policies' conjunctions, normalized."""
    return {normalize_literal(c) for p in doc.compiled.ruleset.clitics.values()
            for c in p.conjunctions}


def link_mentions(doc: Document) -> None:
    """Give facts naming the same person one entity id; add later mentions.

    Names match when the tokens of one are a subset of the other's, after folding
    the interchangeable letters of the type's ``coref_letters`` lexicon (each
    entry lists letters that transliterate one sound, as j/gh for a foreign g). Later
    mentions are the first or last token of a name (a surname alone, in any of
    its spellings) and the title words of the ``coref_mentions`` lexicon (a bare
    title word is the person of that type named last; a dual form, the last two).
    """
    entities: list[tuple[list[str], str, Candidate]] = []
    with_token: dict[str, list[int]] = {}  # token -> entities whose name holds it
    folds: dict[str, dict[str, str]] = {}
    connectors = _connectors(doc)
    for f in doc.facts:
        t = doc.types[f.type]
        if not t.coref or not f.fields.get("name"):
            continue
        fold = folds.setdefault(f.type, _letter_folding(doc, t.coref_letters))
        tokens = [fold_letters(w, fold) for w in normalize_literal(f.fields["name"]).split()]
        # Names of one person share their tokens: only entities sharing one can
        # match (in creation order, as before), so long documents stay linear.
        candidates = sorted({i for w in set(tokens) for i in with_token.get(w, ())}) \
            if tokens else range(len(entities))
        for known, eid, first in (entities[i] for i in candidates):
            if _same_name(tokens, known, connectors):
                f.entity = eid
                if len(tokens) < len(known):  # a shorter mention («الوزير شكري»)
                    for key, value in first.fields.items():
                        if f.fields.get(key) is None and key not in ("honorific", "status"):
                            f.fields[key] = value
                break
        else:
            f.entity = f"e{len(entities) + 1}"
            for w in set(tokens):
                with_token.setdefault(w, []).append(len(entities))
            entities.append((tokens, f.entity, f))
    finder = MentionFinder(doc.norm.text, _clitics(doc))
    articles = _articles(doc)
    taken = SpanSet([(f.start, f.end) for f in doc.facts])  # resolved facts are disjoint
    added: list[Candidate] = []
    index = doc.compiled.anchor_index.index  # words of any lexicon (verbs, prepositions ...)
    text = doc.norm.text
    stops = _name_stops(doc)
    for _tokens, eid, first in entities:
        name_tokens = normalize_literal(first.fields["name"]).split()
        if len(name_tokens) < 2:
            continue
        fold = folds.get(first.type, {})
        stop_keys = stops.get(first.type, _NO_KEYS)
        # The family name (none when a connector precedes it, as in Abd Allah), the
        # first name (the family name of East Asian names), or the whole name.
        surname = name_tokens[-1] if name_tokens[-2] not in connectors else ""
        # Longest first, in a fixed order: the whole name wins over its parts, and the
        # output never depends on set order (string hashing differs between runs).
        for token in sorted({surname, name_tokens[0], " ".join(name_tokens)},
                            key=lambda t: (-len(t), t)):
            if len(token) < 3 or (" " not in token
                                  and index.get(token, _NO_KEYS) & stops.get(first.type, _NO_KEYS)):
                continue  # a one-word part that the type's rules cut names at («على»)
            for s, e in finder.find(token, fold, first.end):
                if taken.overlapping(s, e):
                    continue
                before = text[max(0, s - 20):s].split()
                after = text[e:e + 20].split()
                if (before and before[-1] in connectors) or (after and after[0] in connectors):
                    continue  # part of another name: X bin SURNAME, SURNAME bin Y
                nxt = _NEXT_WORD.match(text, e)
                ends_name = nxt and index.get(nxt.group(1), _NO_KEYS) & stop_keys
                if nxt and (
                        (token == name_tokens[0] != surname and not ends_name)
                        or (token == " ".join(name_tokens) and len(name_tokens) == 2
                            and nxt.group(1) not in index
                            and not nxt.group(1).startswith(articles))):
                    # A given name followed by a word that does not end a name (an
                    # unknown word or another given name: «خوسيه مانويل لوبيز» after
                    # «خوسيه مانويل غارسيا»), or a two-word name followed by an unknown
                    # word (a definite one may be an adjective): another person with
                    # more names; its parts are not mentions.
                    taken.add(s, e)
                    continue
                mention = Candidate(first.rule, s, e, {}, {}, dict(first.fields),
                                    first.order, eid, "coref")
                mention.fields["name"] = doc.norm.raw_text(s, e)
                added.append(mention)
                taken.add(s, e)
    facts = sorted(doc.facts + added, key=lambda f: f.start)
    people = SpanSet([(f.start, f.end) for f in facts if doc.types[f.type].coref])
    doc.facts = sorted(facts + _title_mentions(doc, facts, people), key=lambda f: f.start)


def _same_name(a: list[str], b: list[str], connectors: set[str]) -> bool:
    """Whether two names (folded tokens) name one person.

    The words of one must be a subset of the other's; but a shorter name that the
    longer holds right after a connector is the father or the family in a
    patronymic chain («سلمان بن عبدالعزيز» in «محمد بن سلمان بن عبدالعزيز»),
    another person.
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not set(short) <= set(long_):
        return False
    n = len(short)
    for i in range(1, len(long_) - n + 1):
        if long_[i:i + n] == short and long_[i - 1] in connectors:
            return False
    return True


@per_ruleset
def _connectors(doc: Document) -> set[str]:
    """Normalized forms of the mention lexicons' ``kind: connector`` entries."""
    out: set[str] = set()
    for t in doc.types.values():
        lex = doc.compiled.ruleset.lexicons.get(t.coref_mentions or "")
        for entry in lex.entries if lex else ():
            if entry.attrs.get("kind") == "connector":
                out.update(normalize_literal(x) for forms in entry.forms.values() for x in forms)
    return out


@per_ruleset
def _letter_folding(doc: Document, lexicon: str | None) -> dict[str, str]:
    """Letter -> the first letter of its entry in the ``coref_letters`` lexicon."""
    lex = doc.compiled.ruleset.lexicons.get(lexicon or "")
    out: dict[str, str] = {}
    for entry in lex.entries if lex else ():
        letters = [normalize_literal(x) for forms in entry.forms.values() for x in forms]
        for x in letters:
            if len(x) == 1:
                out[x] = letters[0]
    return out


def _title_mentions(doc: Document, facts: list[Candidate],
                    taken: SpanSet) -> list[Candidate]:
    """Bare title words (the minister, the two ministers) linked to the people named before.

    The mention lexicon's entries carry ``type`` (the fact type), ``role`` (a role
    the person must have, or empty) and ``count`` (1, or 2 for dual forms). The
    mention takes the person's fields and entity, with ``name`` null: the name is
    not written there (so events do not count it as a second participant).
    """
    out: list[Candidate] = []
    seen: set[str] = set()
    starts = [f.start for f in facts]  # facts are sorted by start
    for t in doc.types.values():
        if not t.coref or not t.coref_mentions or t.coref_mentions in seen:
            continue
        seen.add(t.coref_mentions)
        lex = doc.compiled.lexicons.get(t.coref_mentions)
        if lex is None:
            continue
        pattern = regex.compile(rf"(?<!\w)(?:{lex.prefix})(?P<m>{lex.body})(?!\w)")
        for m in pattern.finditer(doc.norm.text):
            s, e = m.span("m")
            hit = lex.hit(m.group("m"))
            if hit is None or hit.entry.attrs.get("kind") == "connector" \
                    or taken.overlapping(s, e):
                continue
            kind, role = hit.entry.attrs.get("type"), hit.entry.attrs.get("role")
            count = int(hit.entry.attrs.get("count") or 1)
            people: list[Candidate] = []
            for i in range(bisect.bisect_left(starts, s) - 1, -1, -1):  # nearest first
                f = facts[i]
                if f.end > s or f.type != kind or f.entity is None \
                        or (role and f.fields.get("role") != role):
                    continue
                if all(p.entity != f.entity for p in people):
                    people.append(f)
                if len(people) == count:
                    break
            if len(people) < count:
                continue
            for person in people:
                mention = Candidate(person.rule, s, e, {}, {}, dict(person.fields),
                                    person.order, person.entity, "coref")
                mention.fields["name"] = None  # no name is written there; the entity links
                out.append(mention)
            taken.add(s, e)
    return out


@per_ruleset
def _name_stops(doc: Document) -> dict[str, frozenset[str]]:
    """Per fact type, the lexicons its rules' ``trim`` cuts names at."""
    out: dict[str, set[str]] = {}
    for crule in doc.compiled.rules:
        for _capture, keys, _keep in crule.trims:
            out.setdefault(crule.rule.type, set()).update(keys)
    return {t: frozenset(keys) for t, keys in out.items()}


@per_ruleset
def _articles(doc: Document) -> tuple[str, ...]:
    """Articles and conjunctions of the clitic policies: a word after a two-word
    name that starts with one is no part of a longer name (an adjective, the
    next item of a list)."""
    return tuple(sorted({normalize_literal(x) for p in doc.compiled.ruleset.clitics.values()
                         for x in [p.article, *p.conjunctions] if x}))


@per_ruleset
def _clitics(doc: Document) -> list[str]:
    """The conjunctions and prepositions a mention may carry (one at most)."""
    return sorted({normalize_literal(c) for p in doc.compiled.ruleset.clitics.values()
                   for c in p.conjunctions + p.prepositions if c})


_NEXT_WORD = regex.compile(r"[^\S\n]+(\w+)")  # the word right after a mention


_NO_KEYS: frozenset[str] = frozenset()
