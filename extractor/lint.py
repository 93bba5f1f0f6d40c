"""Lints for rule packs: valid rules that are probably not what the author meant.

Errors (``E...``, :mod:`extractor.errors`) make a rule set unusable; lints
(``L...``) point at rules that load fine but are untested, unused, shadowed or
slow. Each lint has a stable code, a slug, a one-line fix hint and a longer
documentation text (``extractor check --explain L103``); docs/lints.md is the
same text. Only the CLI prints the findings.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import regex

from extractor.compile import Compiled
from extractor.coverage import lexicon_finder
from extractor.engine import extract_document
from extractor.errors import Located
from extractor.examples import _ref
from extractor.lexicon import compile_lexicon, expand_forms
from extractor.model import Lexicon, Rule, RuleSet
from extractor.normalize import normalize
from extractor.pattern_syntax import REF
from extractor.probes import probed_forms
from extractor.regex_risk import backtracking_risks


@dataclass(frozen=True)
class LintSpec:
    code: str
    name: str
    title: str
    hint: str
    doc: str
    severity: str = "warning"  # "error" lints always fail the check


LINTS: dict[str, LintSpec] = {spec.code: spec for spec in (
    LintSpec("L100", "duplicate-rule-id", "two rules share an id",
             "rename one of the rules; ids are how tests, goldens and explain name a rule",
             "Rule ids must be unique across all packs, built-in and --rules. The compiler "
             "reports it as the error E204; the lint exists so that --explain and the lint "
             "table name it. It is always an error.", "error"),
    LintSpec("L101", "unused-lexicon", "a lexicon no pattern, fragment or trim refers to",
             "refer to it as {name} in a pattern, or delete it",
             "A lexicon that no rule pattern, no fragment and no trim stop list names "
             "never matches anything: usually a typo in the reference or a leftover."),
    LintSpec("L102", "unused-fragment", "a fragment no rule reaches",
             "refer to it as {name} in a pattern, or delete it",
             "A fragment that no rule pattern reaches (directly or through other "
             "fragments) is dead text in the pack."),
    LintSpec("L103", "untested-variant", "a lexicon form no example exercises",
             "add an example whose text uses the form, or a probe to the lexicon "
             "(or remove the form)",
             "Every surface form written in a lexicon entry used by a pattern should occur in "
             "the text of at least one rule example (DESIGN.md: every lexicon variant "
             "appears in an example). A form no example uses may be misspelt or shadowed "
             "without anyone noticing. Forms count as exercised with any of their "
             "clitics and inflections, and every form of a lexicon with a probe counts as "
             "tested (its probe puts each form in a sentence). One finding per entry lists "
             "the missing forms."),
    LintSpec("L104", "no-examples", "a rule without examples",
             "add `examples:` with the text, span and fields the rule must give",
             "Examples are a rule's specification and its test: `extractor test` runs "
             "them and pytest runs them too."),
    LintSpec("L105", "no-counter-examples", "a rule without counter-examples",
             "add `counter_examples:` with a near miss that must give nothing",
             "A counter-example pins down what the rule must not match (a verb that looks "
             "like a month, a ministry that is not a minister). Without one, widening a "
             "pattern goes unnoticed."),
    LintSpec("L106", "shadowed-rule", "a rule beaten by a higher priority on all its examples",
             "lower the other rule's priority, raise this one's, or drop this rule",
             "On every one of its examples the rule matched, but each match lost the "
             "overlap to a rule of higher priority. The rule never decides anything; "
             "`extractor explain` on an example shows the winner."),
    LintSpec("L107", "backtracking-risk", "a pattern that may backtrack catastrophically",
             "make the inner repetition bounded ({0,3}), atomic (?>...) or possessive (++)",
             "A repeated group that holds an unbounded repetition and nothing that marks "
             "where one round ends (`(?:\\w+ ?)+`, `(x+)*`), or whose alternatives "
             "overlap (`(?:a|ab)*`), can take exponential time on a long sentence that "
             "almost matches; the regex timeout then drops the rule's matches for that "
             "document. Fragments are expanded before the check; lexicon references are "
             "finite and count as one word."),
    LintSpec("L108", "invisible-character", "an invisible or look-alike character",
             "retype the text with a plain space or delete the character",
             "Characters such as NO-BREAK SPACE, SOFT HYPHEN or NARROW NO-BREAK SPACE look "
             "like nothing or like a space in an editor but never match a plain space. "
             "(Zero-width and bidi controls are the error E105.)"),
)}
BY_NAME = {spec.name: code for code, spec in LINTS.items()}
SLOW = {"L106"}  # runs every rule's examples: chosen with --select L106 or ALL
ALIASES = {"E204": "L100", "E105": "L108"}
# Invisible characters the loader does not already refuse (E105).
_INVISIBLE = regex.compile(
    "[\u00a0\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200a\u2028\u2029\u202f"
    "\u205f\u3000\u3164\ufe00-\ufe0f\ufff9-\ufffb]")


@dataclass(frozen=True)
class Finding(Located):
    """One lint finding, located like a rule problem."""

    rule_id: str | None = None
    severity: str = "warning"

    def format(self) -> str:
        spec = LINTS[self.code]
        head = f"{self.location()}: {self.code} {spec.name} ({self.severity})"
        where = f"\n  rule {self.rule_id}" if self.rule_id else ""
        return f"{head}: {self.message}{where}\n  fix: {spec.hint}"


def resolve_ids(text: str) -> set[str]:
    """``"L101,unused-fragment,ALL"`` -> lint codes; raises ValueError on an unknown id."""
    out: set[str] = set()
    for item in (t.strip() for t in text.split(",")):
        if not item:
            continue
        if item.upper() == "ALL":
            out |= set(LINTS)
        elif item.upper() == "DEFAULT":
            out |= set(LINTS) - SLOW
        elif item.upper() in LINTS:
            out.add(item.upper())
        elif item.lower() in BY_NAME:
            out.add(BY_NAME[item.lower()])
        else:
            raise ValueError(f"unknown lint {item!r} (known: {', '.join(sorted(LINTS))})")
    return out


def explain(lint_id: str) -> str:
    """The documentation of one lint (code, slug, or an error code it mirrors)."""
    key = ALIASES.get(lint_id.upper(), lint_id)
    (code,) = resolve_ids(key)
    spec = LINTS[code]
    return (f"{spec.code} {spec.name} ({spec.severity} by default)\n\n{spec.title}.\n\n"
            f"{spec.doc}\n\nFix: {spec.hint}.\n")


def _origin(origin: str) -> tuple[str, int, int]:
    file, line, col = (origin.rsplit(":", 2) + ["0", "0"])[:3]
    return file, int(line or 0), int(col or 0)


@dataclass
class _Ctx:
    compiled: Compiled
    findings: list[Finding] = field(default_factory=list)

    @property
    def rs(self) -> RuleSet:
        return self.compiled.ruleset

    def add(self, code: str, message: str, origin: str, rule_id: str | None = None) -> None:
        self.findings.append(Finding(code, message, *_origin(origin), rule_id,
                                     LINTS[code].severity))


def run_lints(compiled: Compiled, select: Iterable[str] | None = None,
              errors: Iterable[str] = ()) -> list[Finding]:
    """Every finding of the selected lints (default all), errors promoted as asked."""
    chosen = set(LINTS) if select is None else set(select)
    ctx = _Ctx(compiled)
    for code, check in CHECKS.items():
        if code in chosen:
            check(ctx)
    promoted = set(errors)
    out = [Finding(f.code, f.message, f.file, f.line, f.column, f.rule_id,
                   "error" if f.code in promoted else f.severity) for f in ctx.findings]
    return sorted(out, key=lambda f: (f.file, f.line, f.column, f.code))


def _duplicate_ids(ctx: _Ctx) -> None:
    seen: dict[str, str] = {}
    for rule in ctx.rs.rules:
        if rule.id in seen:
            ctx.add("L100", f"rule id {rule.id!r} is already used at {seen[rule.id]}",
                    rule.origin, rule.id)
        seen.setdefault(rule.id, rule.origin)


def _references(ctx: _Ctx) -> tuple[set[str], set[str]]:
    """Lexicons and fragments reachable from the rules (and the lexicons fact types
    name for coreference: its letter folds and its mention words)."""
    lexicons: set[str] = {name for t in ctx.rs.types.values()
                          for name in (t.coref_letters, t.coref_mentions) if name}
    fragments: set[str] = set()
    todo = [r.pattern for r in ctx.rs.rules if r.pattern]
    for rule in ctx.rs.rules:
        lexicons |= {key.split("/")[0] for trim in rule.trims for key in trim.stop}
    while todo:
        for m in REF.finditer(todo.pop()):
            name = m.group(1)
            if name in ctx.rs.fragments and m.group(2) is None and m.group(3) is None:
                if name not in fragments:
                    fragments.add(name)
                    todo.append(ctx.rs.fragments[name])
            else:
                lexicons.add(name)
    return lexicons, fragments


def _unused_lexicons(ctx: _Ctx) -> None:
    used, _ = _references(ctx)
    for lex in ctx.rs.lexicons.values():
        if lex.name not in used:
            ctx.add("L101", f"lexicon {lex.name!r} is never used", lex.origin)


def _fragment_origin(rs: RuleSet, name: str) -> str:
    pattern = regex.compile(rf"^\s+{regex.escape(name)}\s*:")
    for file in rs.files:
        try:
            with open(file, encoding="utf-8") as fh:
                for i, line in enumerate(fh, 1):
                    if pattern.match(line):
                        return f"{file}:{i}:{line.index(name) + 1}"
        except OSError:
            continue
    return f"{rs.files[0] if rs.files else '?'}:0:0"


def _unused_fragments(ctx: _Ctx) -> None:
    _, used = _references(ctx)
    for name in ctx.rs.fragments:
        if name not in used:
            ctx.add("L102", f"fragment {name!r} is never used", _fragment_origin(ctx.rs, name))


def _untested_variants(ctx: _Ctx) -> None:
    rs = ctx.rs
    texts = [normalize(ex.text).text for r in rs.rules for ex in r.examples]
    in_patterns = {m.group(1) for r in rs.rules if r.pattern
                   for m in REF.finditer(r.pattern)}
    in_patterns |= {m.group(1) for f in rs.fragments.values() for m in REF.finditer(f)}
    for lex in rs.lexicons.values():
        if lex.name not in in_patterns or lex.name not in ctx.compiled.lexicons:
            continue
        clex = ctx.compiled.lexicons[lex.name]
        finder = lexicon_finder(clex)
        seen: set[str] = set()
        for text in texts:
            for m in finder.finditer(text, overlapped=True):
                hit = clex.hit(m.group("w"))
                if hit is not None:
                    seen.add(hit.form)
        probed = {(e.id, group, form) for _probe, e, group, form in probed_forms(lex)}
        for entry in lex.entries:
            missing = [form for group, forms in entry.forms.items() for form in forms
                       if (entry.id, group, form) not in probed
                       and not _surfaces(lex, entry.id, group, form, rs) & seen]
            if missing:
                ctx.add("L103", f"lexicon {lex.name!r}, entry {entry.id!r}: no example uses "
                        + ", ".join(f"«{f}»" for f in missing), entry.origin)


def _surfaces(lex: Lexicon, entry_id: str, group: str, form: str, rs: RuleSet) -> set[str]:
    """Every normalized surface one written form stands for (inflections included)."""
    entry = next(e for e in lex.entries if e.id == entry_id)
    one = Lexicon(lex.name, lex.clitics, {group: lex.groups[group]}, lex.attributes,
                  [type(entry)(entry.id, {group: [form]}, entry.attrs)])
    out = {surface for surface, _ in expand_forms(one, rs.inflections)}
    policy = rs.clitics.get(lex.clitics or "")
    if policy is not None:
        clex = compile_lexicon(one, rs.inflections, policy)
        out |= {h.form for h in clex.lookup.values()}
    return out


def _shadowed(ctx: _Ctx) -> None:
    for rule in ctx.rs.rules:
        if rule.composite or not rule.examples:
            continue
        winners = _shadowed_by(ctx.compiled, rule)
        if winners:
            ctx.add("L106", "on all its examples the rule lost to higher-priority "
                    f"rule(s) {', '.join(sorted(winners))}", rule.origin, rule.id)


def _shadowed_by(compiled: Compiled, rule: Rule) -> set[str]:
    """The rules that beat ``rule`` by priority on every example (empty: not shadowed)."""
    winners: set[str] = set()
    for ex in rule.examples:
        result = extract_document(compiled, ex.text, "lint", _ref(ex))
        mine = [i for i, c in enumerate(result.candidates) if c.rule.rule.id == rule.id]
        kept = {(f.rule.rule.id, f.start, f.end) for f in result.facts}
        if not mine or any((rule.id, result.candidates[i].start, result.candidates[i].end)
                           in kept for i in mine):
            return set()
        losses = {loss.loser: loss for loss in result.losses}
        for i in mine:
            loss = losses.get(i)
            if loss is None or loss.reason != "priority":
                return set()
            winners.add(result.candidates[loss.winner].rule.rule.id)
    return winners - {rule.id}


def _backtracking(ctx: _Ctx) -> None:
    for rule in ctx.rs.rules:
        if rule.pattern:
            for risk in backtracking_risks(rule.pattern, ctx.rs.fragments):
                origin = rule.origin
                if "pattern" in rule.locations:
                    line, col, _ = rule.locations["pattern"]
                    origin = f"{_origin(rule.origin)[0]}:{line}:{col}"
                ctx.add("L107", risk, origin, rule.id)


def _invisible(ctx: _Ctx) -> None:
    for file in ctx.rs.files:
        try:
            with open(file, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for lineno, line in enumerate(lines, 1):
            for m in _INVISIBLE.finditer(line):
                ch = m.group()
                ctx.add("L108", f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')} is "
                        "invisible or looks like a plain space",
                        f"{file}:{lineno}:{m.start() + 1}")


def _counter(ctx: _Ctx) -> None:
    for rule in ctx.rs.rules:
        if not rule.counter_examples:
            ctx.add("L105", "the rule has no counter-examples", rule.origin, rule.id)


def _examples_only(ctx: _Ctx) -> None:
    for rule in ctx.rs.rules:
        if not rule.examples:
            ctx.add("L104", "the rule has no examples", rule.origin, rule.id)


CHECKS: dict[str, Callable[[_Ctx], None]] = {
    "L100": _duplicate_ids, "L101": _unused_lexicons, "L102": _unused_fragments,
    "L103": _untested_variants, "L104": _examples_only, "L105": _counter,
    "L106": _shadowed, "L107": _backtracking, "L108": _invisible}


def lint_counts(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[f.code] += 1
    return dict(sorted(counts.items()))
