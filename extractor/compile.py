"""Compile a validated rule set once: lexicons to tries, patterns to regex objects.

Patterns reference lexicons as ``{lexicon}``, ``{lexicon/group}`` or
``{lexicon:capture}`` and fragments as ``{fragment}``; :mod:`extractor.expand`
writes them out. This module checks each rule against its fact type, works out
where it can run (:mod:`extractor.anchor_analysis`, :mod:`extractor.reach`) and
builds the anchor index; the regexes themselves come from the pattern store on
first use.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import regex

from extractor.anchor_analysis import (
    LITERAL_PREFIX,
    leading_anchors,
    required_anchors,
    required_literals,
)
from extractor.anchors import DIGIT_KEY as DIGIT_ANCHOR
from extractor.anchors import AnchorIndex, surface_first_words
from extractor.errors import RuleProblem
from extractor.expand import (
    Expander,
    did_you_mean,
    normalize_pattern,
    origin_parts,
    problem_at,
    unnamed_groups,
)
from extractor.lexicon import CompiledLexicon, compile_lexicon, expand_forms
from extractor.model import Rule, RuleSet
from extractor.pattern_store import load_or_compile
from extractor.reach import reach_before_required, text_before_required

FIELD_REF = regex.compile(r"\{([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?\}")
MAX_LEXICON_ENTRIES = 20_000  # bounded compile time and memory for any rule file
MAX_LEXICON_FORMS = 100_000
BUILTIN_ATTRS = ("id", "group", "form", "norm")
T = TypeVar("T")


@dataclass
class CompiledRule:
    """A rule with its expanded pattern, compiled on first use."""

    rule: Rule
    source: str | None  # the expanded regex source; None for composite rules
    captures: dict[str, str | None] = field(default_factory=dict)  # name -> lexicon or None
    anchors: list[str] | None = None  # lexicon keys the pattern starts with; None: scan
    required: list[str] | None = None  # lexicon keys one of which every match holds
    reach: int | None = None  # most characters a match has before its required word
    reach_spaces: int | None = None  # most white-space characters it has before that word
    literals: list[str] | None = None  # texts one of which every match holds (unanchored rules)
    before_required: str = ""  # literal text every match has right before its required word
    trims: list[tuple[str, frozenset[str], str]] = field(default_factory=list)
    _regex: regex.Pattern[str] | None = None
    _groups: list[tuple[int, str, bool, str | None]] | None = None

    def group_table(self) -> list[tuple[int, str, bool, str | None]]:
        """(group number, name, is a proclitic group, lexicon) of every named group.

        Read once per rule rather than per match: large patterns have dozens of
        groups, and matches are many.
        """
        if self._groups is None:
            pattern = self.regex
            assert pattern is not None
            self._groups = []
            for name, index in sorted(pattern.groupindex.items(), key=lambda kv: kv[1]):
                lexname = self.captures.get(name)
                self._groups.append((index, name, name.startswith("_p_"),
                                     lexname.split("/")[0] if lexname else None))
        return self._groups

    @property
    def regex(self) -> regex.Pattern[str] | None:
        if self._regex is None and self.source is not None:
            self._regex = load_or_compile(self.source, regex.V0)
        return self._regex


@dataclass
class Compiled:
    """A rule set ready to run: compiled once, shared by every document."""

    ruleset: RuleSet
    lexicons: dict[str, CompiledLexicon]
    rules: list[CompiledRule]
    anchor_index: AnchorIndex = field(default_factory=AnchorIndex)
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A value that depends on the rule set alone (word lists read from
        lexicons), built on first use and then shared by every document."""
        if key not in self.derived:
            self.derived[key] = build()
        return cast(T, self.derived[key])

    def rule(self, rule_id: str) -> CompiledRule:
        for r in self.rules:
            if r.rule.id == rule_id:
                return r
        raise KeyError(rule_id)


def compile_ruleset(rs: RuleSet) -> tuple[Compiled, list[RuleProblem]]:
    """Compile every lexicon and rule; return the problems instead of raising."""
    problems: list[RuleProblem] = []
    lexicons: dict[str, CompiledLexicon] = {}
    for lex in rs.lexicons.values():
        policy = None
        if lex.clitics:
            policy = rs.clitics.get(lex.clitics)
            if policy is None:
                problems.append(RuleProblem("E307", f"lexicon {lex.name!r} names clitic policy "
                                            f"{lex.clitics!r}, which is not declared",
                                            *origin_parts(lex.origin)))
                continue
        for g in lex.groups.values():
            if g.inflect and g.inflect not in rs.inflections:
                problems.append(RuleProblem("E307", f"lexicon {lex.name!r} group {g.name!r} "
                                            f"names inflection {g.inflect!r}, which is not "
                                            "declared", *origin_parts(lex.origin)))
                g.inflect = None
        size = sum(len(forms) for e in lex.entries for forms in e.forms.values())
        if len(lex.entries) > MAX_LEXICON_ENTRIES or size > MAX_LEXICON_FORMS:
            problems.append(RuleProblem(
                "E308", f"lexicon {lex.name!r} has {len(lex.entries)} entries and {size} forms; "
                f"the limits are {MAX_LEXICON_ENTRIES} and {MAX_LEXICON_FORMS} (split it)",
                *origin_parts(lex.origin)))
            continue
        lexicons[lex.name] = compile_lexicon(lex, rs.inflections, policy)
    expander = Expander(rs, lexicons, problems)
    compiled: list[CompiledRule] = []
    seen: dict[str, str] = {}
    for rule in rs.rules:
        if rule.id in seen:
            problems.append(problem_at(rule, "E204", f"rule id {rule.id!r} is already used at "
                                f"{seen[rule.id]}"))
        seen[rule.id] = rule.origin
        if rule.type not in rs.types:
            problems.append(problem_at(rule, "E303", f"fact type {rule.type!r} is not declared"
                                + did_you_mean(rule.type, list(rs.types)), "type"))
            continue
        if (rule.pattern is None) == (rule.trigger is None):
            continue  # already reported by the schema
        compiled.append(_compile_rule(rule, rs, expander, problems))
    result = Compiled(rs, lexicons, compiled, _anchor_index(rs, lexicons, expander))
    for crule in compiled:
        for key in crule.anchors or ():
            if key.startswith(LITERAL_PREFIX):
                word = key[len(LITERAL_PREFIX):]
                result.anchor_index.add(key, [word], [word])
                result.anchor_index.anchorable.add(key)
    for crule in compiled:
        anchorable = result.anchor_index.anchorable | {DIGIT_ANCHOR}
        if crule.anchors and any(a not in anchorable for a in crule.anchors):
            crule.anchors = None  # a form that is not a plain word: scan the text instead
        if crule.required and any(a not in anchorable for a in crule.required):
            crule.required = None
    used = {k for crule in compiled for k in (crule.anchors or []) + (crule.required or [])}
    result.anchor_index.finish(rs.clitics.values(), used - {DIGIT_ANCHOR})
    return result, problems


def pattern_key(source: str) -> str:
    """A short, stable key of an expanded pattern (for the set of known-good ones)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:24]


def compile_patterns(compiled: Compiled, known: set[str] | None = None) -> list[RuleProblem]:
    """Compile every pattern now (``extractor check``), reporting those that fail.

    Patterns whose key is in ``known`` compiled before and are skipped (they still
    compile lazily when used); every pattern that compiles now is added to it.
    """
    problems = []
    for crule in compiled.rules:
        if crule.source is None:
            continue
        key = pattern_key(crule.source)
        if known is not None and key in known:
            continue
        try:
            crule.regex  # noqa: B018 - compiles and caches
        except regex.error as exc:
            problems.append(problem_at(crule.rule, "E302", f"{exc}", "pattern"))
        else:
            if known is not None:
                known.add(key)
    return problems


def _anchor_index(rs: RuleSet, lexicons: dict[str, CompiledLexicon],
                  expander: Expander) -> AnchorIndex:
    """Index the first words of every lexicon and of every form group."""
    index = AnchorIndex()
    for lex in rs.lexicons.values():
        if lex.name not in lexicons:
            continue
        policy = rs.clitics.get(lex.clitics or "")
        forms = expand_forms(lex, rs.inflections)
        keys = [(lex.name, forms)] + [
            (f"{lex.name}/{g}", [f for f in forms if f[1].group == g]) for g in lex.groups]
        for key, group_forms in keys:
            cores: set[str] = set()
            words = surface_first_words(lexicons[lex.name], policy, group_forms, cores)
            if words is not None:
                index.add(key, words, cores)
                index.anchorable.add(key)
    return index


def _compile_rule(rule: Rule, rs: RuleSet, expander: Expander,
                  problems: list[RuleProblem]) -> CompiledRule:
    captures: dict[str, str | None] = {}
    source = None
    if rule.pattern is not None:
        for offset in unnamed_groups(rule.pattern):
            problems.append(problem_at(rule, "E301",
                                       f"group at character {offset + 1} of the pattern "
                                "has no name; write (?P<name>...) or (?:...)", "pattern"))
        body = expander.expand(normalize_pattern(rule.pattern), captures, [0], (), rule)
        source = body
        for name in regex.findall(r"\(\?P<([A-Za-z][A-Za-z0-9_]*)>", body):
            captures.setdefault(name, None)
    else:
        for slot in rule.slots.values():
            for t in [*slot.types, *slot.follow]:
                if t not in rs.types:
                    problems.append(problem_at(rule, "E303", f"slot {slot.name!r} takes unknown "
                                        f"fact type {t!r}", "trigger"))
        if rule.trigger not in rs.types:
            problems.append(problem_at(rule, "E303", f"trigger fact type {rule.trigger!r} is not "
                                "declared", "trigger"))
        captures = dict.fromkeys([*rule.slots, "trigger"])
    _check_fields(rule, rs, captures, problems)
    normalized = normalize_pattern(rule.pattern) if rule.pattern else ""
    anchors = leading_anchors(normalized, rs, normalize_pattern) if rule.pattern else None
    required = required_anchors(normalized, rs, normalize_pattern) if rule.pattern else None
    reach = reach_before_required(normalized, rs, normalize_pattern, expander.lengths) \
        if rule.pattern and required else None
    if anchors and required and set(required) <= set(anchors) and not reach:
        required = None  # the anchor word itself: no narrower than the anchors
    reach_spaces = reach_before_required(normalized, rs, normalize_pattern, expander.spaces,
                                         spaces=True) if reach is not None else None
    trims = []
    for trim in rule.trims:
        if trim.capture not in captures:
            problems.append(problem_at(rule, "E305",
                                       f"trim names {trim.capture!r}, which the pattern "
                                "does not capture", "pattern"))
        for key in trim.stop:
            if key.split("/")[0] not in rs.lexicons:
                problems.append(problem_at(rule, "E300",
                                           f"trim stop list names {key!r}, which is not "
                                    "a lexicon" + did_you_mean(key, list(rs.lexicons)),
                                    "pattern"))
        trims.append((trim.capture, frozenset(trim.stop), trim.keep))
    literals = required_literals(normalized, rs, normalize_pattern) \
        if rule.pattern and anchors is None and required is None else None
    before = text_before_required(normalized, rs, normalize_pattern) \
        if rule.pattern and required and reach is not None else ""
    return CompiledRule(rule, source, captures, anchors, required, reach, trims=trims,
                        reach_spaces=reach_spaces, literals=literals, before_required=before)


def _check_fields(rule: Rule, rs: RuleSet, captures: dict[str, str | None],
                  problems: list[RuleProblem]) -> None:
    ftype = rs.types[rule.type]
    allowed = set(ftype.fields) | set(ftype.parts)
    for key, template in rule.fields.items():
        if key not in allowed:
            problems.append(problem_at(rule, "E304",
                                       f"field {key!r} is not a field or part of type "
                                f"{rule.type!r} (allowed: {', '.join(sorted(allowed))})",
                                f"fields.{key}"))
        if not isinstance(template, str):
            problems.append(problem_at(rule, "E202",
                                       f"field {key!r} must be text", f"fields.{key}"))
            continue
        kind = ftype.fields[key].kind if key in ftype.fields else "string"
        if kind == "bool" and template not in ("true", "false") and "{" not in template:
            problems.append(problem_at(rule, "E203",
                                       f"field {key!r} is a bool: write true or false",
                                f"fields.{key}"))
        for m in FIELD_REF.finditer(template):
            cap, attr = m.group(1), m.group(2)
            if cap not in captures:
                problems.append(problem_at(rule, "E305",
                                           f"field {key!r} refers to {{{cap}}}, which "
                                    "the pattern does not capture", f"fields.{key}"))
                continue
            lexname = captures[cap]
            if attr and lexname is not None:
                lex = rs.lexicons[lexname.split("/")[0]]
                if attr not in lex.attributes and attr not in BUILTIN_ATTRS:
                    problems.append(problem_at(rule, "E306",
                                               f"lexicon {lex.name!r} has no attribute "
                                        f"{attr!r} (has: {', '.join(lex.attributes)})",
                                        f"fields.{key}"))
