"""Document context: values that need the whole document, entities, composite facts.

After overlap resolution each fact is local. This module adds what a careful
reader adds: the year a bare month belongs to, the portfolio a counterpart
inherits, which mentions are the same person, and the events (meetings,
agreements) built from the facts inside a window.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import regex

from extractor.compile import Compiled, CompiledRule
from extractor.match import Candidate, timeout_for
from extractor.model import FactType, Slot
from extractor.normalize import Normalized, normalize_literal
from extractor.resolve import SpanSet
from extractor.segment import Segments
from extractor.values import BUILDERS, DateContext, day_value, explicit_year

DATE_LINK = "date_link"  # helper type joining a Hijri date to its Gregorian equivalent
DATELINE_CHARS = 200  # a dateline date stands in the first line, within these characters


class Document:
    """The facts of one document while they are assembled."""

    def __init__(self, compiled: Compiled, norm: Normalized, segs: Segments,
                 facts: list[Candidate], ref_date: dt.date | None,
                 ref_source: str | None = None) -> None:
        self.compiled = compiled
        self.types = compiled.ruleset.types
        self.norm = norm
        self.segs = segs
        self.facts = facts
        self.ref_date = ref_date
        self.index = _TypeIndex([])
        self.ref_source = ref_source if ref_date is not None else None
        self.diagnostics: list[dict[str, Any]] = []

    def sentence(self, f: Candidate) -> int:
        return self.segs.sentence_of(f.start)


def assemble(compiled: Compiled, norm: Normalized, segs: Segments, facts: list[Candidate],
             ref_date: dt.date | None, ref_source: str | None = None,
             diagnostics: list[dict[str, Any]] | None = None) -> list[Candidate]:
    """All facts of the document, atomic and composite, in text order.

    ``ref_source`` says where ``ref_date`` came from (``cli`` or ``document``);
    without a reference date, a date in the article's dateline becomes it.
    Document diagnostics (a Hijri date and its stated equivalent disagreeing) are
    appended to ``diagnostics``.
    """
    doc = Document(compiled, norm, segs, sorted(facts, key=lambda f: f.start), ref_date,
                   ref_source or "cli")
    _build_values(doc)
    _date_agreement(doc)
    if diagnostics is not None:
        diagnostics.extend(doc.diagnostics)
    _inherit(doc)
    for f in doc.facts:
        f.fields = _shape(doc.types[f.type], f.fields)
    _coreference(doc)
    composites = _composites(doc)
    return sorted(doc.facts + composites, key=lambda f: (f.start, f.end, f.rule_id))


def _build_values(doc: Document) -> None:
    """Run each type's builder, giving dates the year that governs their sentence."""
    years: list[tuple[int, int]] = []  # (offset, year) of dates that state a year
    for f in doc.facts:
        t = doc.types[f.type]
        if t.builder == "date":
            y = explicit_year(f.fields)
            if y is not None:
                years.append((f.start, y))
    if doc.ref_date is None:
        _dateline(doc, years)
    for f in doc.facts:
        t = doc.types[f.type]
        if t.builder is None:
            continue
        hint = _year_hint(doc, f, years) if t.builder == "date" else None
        built = BUILDERS[t.builder](f.fields, DateContext(doc.ref_date, hint, doc.ref_source))
        f.fields = {**f.fields, **built}


def _dateline(doc: Document, years: list[tuple[int, int]]) -> None:
    """The first full date of the first line (the article's dateline) as reference date."""
    line_end = doc.norm.text.find("\n")
    limit = min(DATELINE_CHARS, line_end if line_end >= 0 else len(doc.norm.text))
    for f in doc.facts:
        if f.start >= limit:
            return
        t = doc.types[f.type]
        if t.builder != "date":
            continue
        built = BUILDERS["date"](f.fields, DateContext(None, _year_hint(doc, f, years)))
        day = day_value(built)
        if day is not None:
            doc.ref_date, doc.ref_source = day, "dateline"
            return


def _date_agreement(doc: Document) -> None:
    """A Hijri date and the Gregorian date a ``date_link`` says it equals must agree.

    A Gregorian equivalent without a year takes the year of the Hijri date; when
    the two still differ by more than a day, a diagnostic says so.
    """
    dates = [f for f in doc.facts if doc.types[f.type].builder == "date"]
    for link in (f for f in doc.facts if f.type == DATE_LINK):
        before = [f for f in dates if f.end <= link.start and link.start - f.end <= 3]
        after = [f for f in dates if f.start >= link.end and f.start - link.end <= 3]
        if not before or not after:
            continue
        pair = sorted((before[-1], after[0]), key=lambda f: f.fields.get("calendar") != "hijri")
        hijri, greg = pair
        if hijri.fields.get("calendar") != "hijri" or greg.fields.get("calendar") == "hijri":
            continue
        h_day, g_day = day_value(hijri.fields), day_value(greg.fields)
        if h_day is None or g_day is None:
            continue
        if greg.fields.get("inferred") and g_day.year != h_day.year:
            try:
                moved = g_day.replace(year=h_day.year)
            except ValueError:
                moved = g_day
            if abs((moved - h_day).days) <= 1:
                greg.fields["value"], g_day = moved.isoformat(), moved
                greg.fields["reference"] = None
        if abs((g_day - h_day).days) > 1:
            start, end = doc.norm.raw_span(hijri.start, greg.end)
            doc.diagnostics.append({
                "code": "hijri_gregorian_mismatch",
                "message": f"{hijri.fields.get('hijri')} (Hijri) is {h_day.isoformat()}, "
                           f"not {g_day.isoformat()}",
                "start": start, "end": end})


def _year_hint(doc: Document, f: Candidate, years: list[tuple[int, int]]) -> int | None:
    """The nearest stated year in the same sentence, else the last one before it."""
    sentence = doc.sentence(f)
    same = [(abs(off - f.start), y) for off, y in years
            if doc.segs.sentence_of(off) == sentence and off != f.start]
    if same:
        return min(same)[1]
    before = [y for off, y in years if off < f.start]
    return before[-1] if before else None


def _shape(t: FactType, fields: dict[str, Any]) -> dict[str, Any]:
    """Keep the declared fields (parts are inputs only) and give them their kinds."""
    out: dict[str, Any] = {}
    for name, spec in t.fields.items():
        value = fields.get(name)
        if spec.kind == "bool":
            value = value in (True, "true")
        elif spec.kind == "list":
            value = list(value) if isinstance(value, (list, tuple)) else (
                [] if value in (None, "") else [value])
        elif spec.kind.startswith("int") and value is not None:
            value = int(value) if str(value).lstrip("-").isdigit() else None
        out[name] = value
    for extra in ("underspecified",):
        if extra in fields and fields[extra] is not None:
            out[extra] = fields[extra]
    return out


def _inherit(doc: Document) -> None:
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


def _conjunctions(doc: Document) -> set[str]:
    return {normalize_literal(c) for p in doc.compiled.ruleset.clitics.values()
            for c in p.conjunctions}


def _coreference(doc: Document) -> None:
    """Give facts naming the same person one entity id; add later mentions.

    Names match when the tokens of one are a subset of the other's, after folding
    the interchangeable letters of the type's ``coref_letters`` lexicon (each
    entry lists letters that transliterate one sound, as j/gh for a foreign g). Later
    mentions are the first or last token of a name (a surname alone, in any of
    its spellings) and the title words of the ``coref_mentions`` lexicon (a bare
    title word is the person of that type named last; a dual form, the last two).
    """
    entities: list[tuple[list[str], str, Candidate]] = []
    folds: dict[str, dict[str, str]] = {}
    connectors = _connectors(doc)
    for f in doc.facts:
        t = doc.types[f.type]
        if not t.coref or not f.fields.get("name"):
            continue
        fold = folds.setdefault(f.type, _letter_folding(doc, t.coref_letters))
        tokens = [_fold(w, fold) for w in normalize_literal(f.fields["name"]).split()]
        for known, eid, first in entities:
            if _same_name(tokens, known, connectors):
                f.entity = eid
                if len(tokens) < len(known):  # a shorter mention («الوزير شكري»)
                    for key, value in first.fields.items():
                        if f.fields.get(key) is None and key not in ("honorific", "status"):
                            f.fields[key] = value
                break
        else:
            f.entity = f"e{len(entities) + 1}"
            entities.append((tokens, f.entity, f))
    prefix = _clitic_prefix(doc)
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
            spelled = "".join(_letter_class(c, fold) for c in token)
            pattern = regex.compile(rf"(?<!\w){prefix}(?P<m>{spelled})(?!\w)")
            try:
                matches = list(pattern.finditer(text, first.end, timeout=timeout_for(text)))
            except TimeoutError:
                doc.diagnostics.append({"code": "rule_timeout", "rule": "coref",
                                        "message": f"mentions of {token!r} were not searched"})
                continue
            for m in matches:
                s, e = m.span("m")
                if taken.overlapping(s, e):
                    continue
                before = text[max(0, s - 20):s].split()
                after = text[e:e + 20].split()
                if (before and before[-1] in connectors) or (after and after[0] in connectors):
                    continue  # part of another name: X bin SURNAME, SURNAME bin Y
                nxt = _NEXT_WORD.match(text, e)
                if nxt and nxt.group(1) not in index and (
                        token == name_tokens[0] != surname
                        or (token == " ".join(name_tokens) and len(name_tokens) == 2
                            and not nxt.group(1).startswith(articles))):
                    # A given name (or a two-word name) followed by an unknown word
                    # (a definite one after a two-word name may be an adjective):
                    # another person with more names; its parts are not mentions.
                    taken.add(s, e)
                    continue
                mention = Candidate(first.rule, s, e, {}, {}, dict(first.fields),
                                    first.order, eid, "coref")
                mention.fields["name"] = doc.norm.raw_text(s, e)
                added.append(mention)
                taken.add(s, e)
    facts = sorted(doc.facts + added, key=lambda f: f.start)
    people = [(f.start, f.end) for f in facts if doc.types[f.type].coref]
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


def _connectors(doc: Document) -> set[str]:
    """Normalized forms of the mention lexicons' ``kind: connector`` entries."""
    out: set[str] = set()
    for t in doc.types.values():
        lex = doc.compiled.ruleset.lexicons.get(t.coref_mentions or "")
        for entry in lex.entries if lex else ():
            if entry.attrs.get("kind") == "connector":
                out.update(normalize_literal(x) for forms in entry.forms.values() for x in forms)
    return out


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


def _fold(word: str, fold: dict[str, str]) -> str:
    return "".join(fold.get(c, c) for c in word)


def _letter_class(c: str, fold: dict[str, str]) -> str:
    if c not in fold:
        return regex.escape(c)
    return f"[{''.join(sorted(x for x, base in fold.items() if base == fold[c]))}]"


def _title_mentions(doc: Document, facts: list[Candidate],
                    taken: list[tuple[int, int]]) -> list[Candidate]:
    """Bare title words (the minister, the two ministers) linked to the people named before.

    The mention lexicon's entries carry ``type`` (the fact type), ``role`` (a role
    the person must have, or empty) and ``count`` (1, or 2 for dual forms). The
    mention takes the person's fields and entity, with ``name`` null: the name is
    not written there (so events do not count it as a second participant).
    """
    out: list[Candidate] = []
    seen: set[str] = set()
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
                    or any(a < e and s < b for a, b in taken):
                continue
            kind, role = hit.entry.attrs.get("type"), hit.entry.attrs.get("role")
            count = int(hit.entry.attrs.get("count") or 1)
            people: list[Candidate] = []
            for f in reversed([f for f in facts if f.end <= s]):
                if f.type != kind or f.entity is None or (role and f.fields.get("role") != role):
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
            taken.append((s, e))
    return out


_NO_KEYS: frozenset[str] = frozenset()


def _name_stops(doc: Document) -> dict[str, frozenset[str]]:
    """Per fact type, the lexicons its rules' ``trim`` cuts names at."""
    out: dict[str, set[str]] = {}
    for crule in doc.compiled.rules:
        for _capture, keys, _keep in crule.trims:
            out.setdefault(crule.rule.type, set()).update(keys)
    return {t: frozenset(keys) for t, keys in out.items()}


def _articles(doc: Document) -> tuple[str, ...]:
    """Articles and conjunctions of the clitic policies: a word after a two-word
    name that starts with one is no part of a longer name (an adjective, the
    next item of a list)."""
    return tuple(sorted({normalize_literal(x) for p in doc.compiled.ruleset.clitics.values()
                         for x in [p.article, *p.conjunctions] if x}))


def _clitic_prefix(doc: Document) -> str:
    letters = sorted({normalize_literal(c) for p in doc.compiled.ruleset.clitics.values()
                      for c in p.conjunctions + p.prepositions if c})
    return f"(?:{'|'.join(regex.escape(c) for c in letters)})?" if letters else ""


class _TypeIndex:
    """The facts of each type sorted by start, for window queries in log time."""

    def __init__(self, facts: list[Candidate]) -> None:
        self.facts: dict[str, list[Candidate]] = {}
        for f in sorted(facts, key=lambda f: f.start):
            self.facts.setdefault(f.type, []).append(f)
        self.starts = {t: [f.start for f in fs] for t, fs in self.facts.items()}

    def between(self, types: list[str], lo: int, hi: int) -> list[Candidate]:
        """Facts of ``types`` starting in ``[lo, hi)``, in text order."""
        out: list[Candidate] = []
        for t in types:
            starts = self.starts.get(t)
            if starts:
                out.extend(self.facts[t][bisect.bisect_left(starts, lo):
                                         bisect.bisect_left(starts, hi)])
        return sorted(out, key=lambda f: f.start) if len(types) > 1 else out


def _composites(doc: Document) -> list[Candidate]:
    doc.index = _TypeIndex(doc.facts)  # facts no longer change from here on
    built: list[tuple[Candidate, CompiledRule, Candidate, dict[str, Any]]] = []
    for crule in doc.compiled.rules:
        rule = crule.rule
        if not rule.composite:
            continue
        used_windows: set[tuple[int, int]] = set()
        assert rule.trigger is not None
        for trigger in doc.index.between([rule.trigger], 0, len(doc.norm.text) + 1):
            values: dict[str, Any] = {}
            ok = True
            for slot in rule.slots.values():
                found = _fill(doc, trigger, slot)
                if slot.absent:
                    ok = ok and not found
                elif len(found) < slot.min_count or (
                        slot.max_count is not None and len(found) > slot.max_count):
                    ok = False
                values[slot.name] = found if slot.take == "all" else (found[0] if found else None)
            window = doc.segs.window(trigger.start, "sentence")
            if not ok or (rule.one_per_window and window in used_windows):
                continue
            used_windows.add(window)
            built.append((_composite_fact(doc, crule, trigger, values), crule, trigger, values))
    return [_follow(doc, b, built) for b in built]


def _follow(doc: Document, item: tuple[Candidate, CompiledRule, Candidate, dict[str, Any]],
            built: list[tuple[Candidate, CompiledRule, Candidate, dict[str, Any]]]) -> Candidate:
    """Extend ``follow`` slots with the later sentences that refer back to this fact.

    A sentence refers back when it holds a fact of a ``follow`` type («خلال اللقاء»);
    it belongs to the nearest fact of this type before it, so the search stops at
    the sentence of the next one.
    """
    fact, crule, trigger, values = item
    slots = [s for s in crule.rule.slots.values() if s.follow and not s.absent]
    if not slots:
        return fact
    here = doc.sentence(fact)
    later = [doc.sentence(f) for f, *_ in built
             if f.type == fact.type and doc.sentence(f) > here]
    stop = min(later, default=len(doc.segs.sentence_starts))
    values = dict(values)
    for slot in slots:
        refs = {doc.sentence(f) for f in doc.facts
                if f.type in slot.follow and here < doc.sentence(f) < stop}
        if not refs:
            continue
        extra = _fill(doc, trigger, slot, refs)
        current = values.get(slot.name)
        if slot.take == "all":
            values[slot.name] = list(current or []) + [v for v in extra if v not in (current or [])]
        elif current is None and extra:
            values[slot.name] = extra[0]
    return _composite_fact(doc, crule, trigger, values)


# Punctuation that ends a clause: commas, semicolons, colons, quotation marks, brackets.
_NEXT_WORD = regex.compile(r"[^\S\n]+(\w+)")  # the word right after a mention
CLAUSE_BREAK = regex.compile(r"[\u060c,\u061b;:\u00ab\u00bb\"\u201c\u201d()]")


def _clause(doc: Document, trigger: Candidate) -> tuple[int, int]:
    """The trigger's sentence cut at the clause punctuation around the trigger."""
    lo, hi = doc.segs.window(trigger.start, "sentence")
    text = doc.norm.text
    before = [m.end() for m in CLAUSE_BREAK.finditer(text, lo, trigger.start)]
    after = CLAUSE_BREAK.search(text, trigger.end, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def _where_text(value: Any) -> str:
    return "null" if value is None else str(value)


def _fill(doc: Document, trigger: Candidate, slot: Slot,
          sentences: set[int] | None = None) -> list[Any]:
    """The values of one slot: facts in the trigger's window, or in ``sentences``."""
    lo, hi = (_clause(doc, trigger) if slot.window == "clause"
              else doc.segs.window(trigger.start, slot.window))
    own = doc.sentence(trigger)
    if sentences is not None:
        lo = doc.segs.sentence_starts[min(sentences)]
        hi = doc.segs.sentence_ends[max(sentences)]
    scored: list[tuple[int, int, Candidate]] = []
    for f in doc.index.between(slot.types, lo, hi):
        if f is trigger:
            continue
        if sentences is not None:
            if doc.sentence(f) not in sentences:
                continue
        elif not (lo <= f.start < hi) or (slot.quote and doc.sentence(f) == own):
            continue  # a quote slot gives other sentences than the fact's own
        if any(_where_text(f.fields.get(k)) not in v.split("|") for k, v in slot.where.items()):
            continue  # a where value may list alternatives: {kind: capital|city}; null: no value
        before = f.end <= trigger.start
        distance = trigger.start - f.end if before else max(0, f.start - trigger.end)
        if slot.take == "nearest_before" and not before:
            continue
        if slot.take == "nearest_after" and before:
            continue
        if sentences is None and slot.max_distance is not None and distance > slot.max_distance:
            continue
        a, b = (f.end, trigger.start) if before else (trigger.end, f.start)
        if slot.not_across and any(g.end <= b for g in doc.index.between(
                slot.not_across, a, b)):
            continue  # a stance word between them: «ترحب بأي اتفاق»
        scored.append((distance, f.start, f))
    if slot.take != "all":
        scored.sort(key=lambda x: (x[0], x[1]))
    else:
        scored.sort(key=lambda x: x[1])
    values: list[Any] = []
    seen: set[Any] = set()
    for _, _, f in scored:
        if slot.quote:
            s = doc.sentence(f)
            value: Any = doc.norm.raw_text(doc.segs.sentence_starts[s],
                                           doc.segs.sentence_ends[s]).strip()
        else:
            value = (f.fields.get(slot.value_field) if slot.value_field
                     else doc.norm.raw_text(f.start, f.end))
        key = f.entity or value
        if value is None or key in seen or value in values:
            continue  # two facts of one value (a minister and a place, both SY) count once
        seen.add(key)
        values.append(value)
    return values


def _composite_fact(doc: Document, crule: CompiledRule, trigger: Candidate,
                    values: dict[str, Any]) -> Candidate:
    fields: dict[str, Any] = {}
    for key, template in crule.rule.fields.items():
        fields[key] = _composite_value(str(template), trigger, values)
    fact = Candidate(crule, trigger.start, trigger.end, {}, {}, fields, trigger.order)
    fact.fields = _shape(doc.types[crule.rule.type], fields)
    return fact


def _composite_value(template: str, trigger: Candidate, values: dict[str, Any]) -> Any:
    m = regex.fullmatch(r"\{([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?\}", template)
    if m is None:
        return None if template == "null" else template
    name, attr = m.group(1), m.group(2)
    if name == "trigger":
        return trigger.fields.get(attr) if attr else None
    return values.get(name)
