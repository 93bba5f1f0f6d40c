"""Compile a validated rule set once: lexicons to tries, patterns to regex objects.

Patterns reference lexicons as ``{lexicon}``, ``{lexicon/group}`` or
``{lexicon:capture}`` and fragments as ``{fragment}``. Each lexicon reference
becomes ``(?P<_p_capture>proclitics)(?P<capture>word)`` with word boundaries, so
clitics are handled here, once, by the lexicon's declared policy, and the span
of a fact never starts with a clitic. Literal Arabic in patterns is normalized
exactly like the text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import regex

from extractor.anchors import DIGIT_KEY as DIGIT_ANCHOR
from extractor.anchors import AnchorIndex, surface_first_words
from extractor.errors import RuleProblem
from extractor.lexicon import CompiledLexicon, compile_lexicon, expand_forms
from extractor.model import Lexicon, Rule, RuleSet
from extractor.normalize import normalize

REF = regex.compile(
    r"(?<!\\[pPNL])\{([a-z_][a-z0-9_]*)(?:/([a-z_][a-z0-9_]*))?(?::([a-z_][a-z0-9_]*))?\}")
FIELD_REF = regex.compile(r"\{([a-z_][a-z0-9_]*)(?:\.([a-z_][a-z0-9_]*))?\}")
_NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f]+")
MAX_LEXICON_ENTRIES = 20_000  # bounded compile time and memory for any rule file
MAX_LEXICON_FORMS = 100_000
BUILTIN_ATTRS = ("id", "group", "form", "norm")


@dataclass
class CompiledRule:
    """A rule with its expanded pattern, compiled on first use."""

    rule: Rule
    source: str | None  # the expanded regex source; None for composite rules
    captures: dict[str, str | None] = field(default_factory=dict)  # name -> lexicon or None
    anchors: list[str] | None = None  # lexicon keys the pattern starts with; None: scan
    required: list[str] | None = None  # lexicon keys one of which every match holds
    trims: list[tuple[str, frozenset[str], str]] = field(default_factory=list)
    _regex: regex.Pattern[str] | None = None

    @property
    def regex(self) -> regex.Pattern[str] | None:
        if self._regex is None and self.source is not None:
            self._regex = regex.compile(self.source, regex.V0)
        return self._regex


@dataclass
class Compiled:
    """A rule set ready to run: compiled once, shared by every document."""

    ruleset: RuleSet
    lexicons: dict[str, CompiledLexicon]
    rules: list[CompiledRule]
    anchor_index: AnchorIndex = field(default_factory=AnchorIndex)

    def rule(self, rule_id: str) -> CompiledRule:
        for r in self.rules:
            if r.rule.id == rule_id:
                return r
        raise KeyError(rule_id)


def normalize_pattern(pattern: str) -> str:
    """Normalize the Arabic literals of a pattern, leaving regex syntax alone."""
    return _NON_ASCII_RUN.sub(lambda m: normalize(m.group()).text, pattern)


def unnamed_groups(pattern: str) -> list[int]:
    """Offsets of capturing groups without a name: rules must use named captures."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif c == "(" and pattern[i + 1:i + 2] != "?":
            out.append(i)
        i += 1
    return out


class _Expander:
    def __init__(self, rs: RuleSet, lexicons: dict[str, CompiledLexicon],
                 problems: list[RuleProblem]) -> None:
        self.rs, self.lexicons, self.problems = rs, lexicons, problems
        self.sub_lexicons: dict[tuple[str, str], CompiledLexicon] = {}

    def expand(self, pattern: str, captures: dict[str, str | None], counter: list[int],
               stack: tuple[str, ...], rule: Rule, defs: dict[str, str],
               pure: bool = False, inline: bool = False) -> str:
        """Expand references; lexicons and capture-free fragments become subroutines.

        Each lexicon body and each fragment without captures is defined once in a
        ``(?(DEFINE)...)`` block and called with ``(?&name)``, so a pattern that
        mentions the country lexicon ten times holds it once: patterns stay small
        and compile fast. ``pure`` expands inside such a definition, where no
        capture may be opened. Inside lookbehinds everything is written out
        (``inline``): the regex package does not run group calls backwards reliably.
        """
        behind = _lookbehind_ranges(pattern)

        def repl(m: regex.Match[str]) -> str:
            name, group, cap = m.group(1), m.group(2), m.group(3)
            here_inline = inline or any(a <= m.start() < b for a, b in behind)
            if name in self.rs.fragments and group is None and cap is None:
                if name in stack:
                    self._problem(rule, "E300", f"fragment {name!r} refers to itself")
                    return "(?!)"
                source = normalize_pattern(self.rs.fragments[name])
                if here_inline:
                    body = self.expand(source, captures, counter, (*stack, name), rule, defs,
                                       pure, inline=True)
                    return f"(?:{body})"
                if pure or self._is_pure(name, ()):
                    key = f"_F_{name}"
                    if key not in defs:
                        defs[key] = ""  # reserve first: recursion is reported above
                        defs[key] = self.expand(source, captures, counter, (*stack, name),
                                                rule, defs, pure=True)
                    return f"(?&{key})"
                body = self.expand(source, captures, counter, (*stack, name), rule, defs)
                return f"(?:{body})"
            lex = self._lexicon(name, group, rule)
            if lex is None:
                return "(?!)"
            key = f"_L_{name}" + (f"__{group}" if group else "")
            if here_inline:
                call = f"(?:{lex.body})"
            else:
                defs.setdefault(key, lex.body)
                call = f"(?&{key})"
            if pure:
                if cap:
                    self._problem(rule, "E300", f"{{{name}:{cap}}}: captures are not "
                                  "allowed inside a fragment used without captures")
                return rf"(?<!\w)(?:{lex.prefix}){call}(?!\w)"
            counter[0] += 1
            cap = cap or f"_lex{counter[0]}"
            captures[cap] = f"{name}/{group}" if group else name
            pre = f"(?P<_p_{cap}>{lex.prefix})" if lex.prefix else ""
            return rf"(?<!\w){pre}(?P<{cap}>{call})(?!\w)"
        return REF.sub(repl, pattern)

    def _is_pure(self, fragment: str, stack: tuple[str, ...]) -> bool:
        """True when a fragment (and all it refers to) opens no named capture."""
        source = self.rs.fragments[fragment]
        if "(?P<" in source:
            return False
        for m in REF.finditer(source):
            if m.group(3):
                return False
            name = m.group(1)
            if name in self.rs.fragments and m.group(2) is None and name not in stack \
                    and not self._is_pure(name, (*stack, fragment)):
                return False
        return True

    def _lexicon(self, name: str, group: str | None, rule: Rule) -> CompiledLexicon | None:
        if name not in self.lexicons:
            self._problem(rule, "E300", f"{{{name}}} is neither a lexicon nor a fragment"
                          + _did_you_mean(name, [*self.rs.fragments, *self.lexicons]))
            return None
        if group is None:
            return self.lexicons[name]
        key = (name, group)
        if key not in self.sub_lexicons:
            lex = self.rs.lexicons[name]
            if group not in lex.groups:
                self._problem(rule, "E300", f"lexicon {name!r} has no group {group!r}")
                return None
            sub = Lexicon(lex.name, lex.clitics, {group: lex.groups[group]}, lex.attributes,
                          [e for e in lex.entries if e.forms.get(group)])
            for e in sub.entries:
                e_forms = {group: e.forms[group]}
                sub.entries[sub.entries.index(e)] = type(e)(e.id, e_forms, e.attrs, e.origin)
            self.sub_lexicons[key] = compile_lexicon(
                sub, self.rs.inflections, self.rs.clitics.get(lex.clitics or ""))
        return self.sub_lexicons[key]

    def _problem(self, rule: Rule, code: str, msg: str) -> None:
        self.problems.append(_at(rule, code, msg, "pattern"))


def _lookbehind_ranges(pattern: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every lookbehind group in a pattern."""
    ranges: list[tuple[int, int]] = []
    opened: list[tuple[int, bool]] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = i + 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            opened.append((i, pattern.startswith(("(?<=", "(?<!"), i)))
        elif c == ")" and opened:
            start, is_behind = opened.pop()
            if is_behind:
                ranges.append((start, i + 1))
        i += 1
    return ranges


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _at(rule: Rule, code: str, msg: str, key: str = "") -> RuleProblem:
    """A problem in ``rule``, located at its ``key`` (``pattern``, ``fields.role``...)."""
    file, line, col = _origin(rule.origin)
    text = ""
    if key in rule.locations:
        line, col, text = rule.locations[key]
    path = f"{rule.path}.{key}" if key else rule.path
    return RuleProblem(code, msg, file, line, col, path, rule.id, text)


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
                                            *_origin(lex.origin)))
                continue
        for g in lex.groups.values():
            if g.inflect and g.inflect not in rs.inflections:
                problems.append(RuleProblem("E307", f"lexicon {lex.name!r} group {g.name!r} "
                                            f"names inflection {g.inflect!r}, which is not "
                                            "declared", *_origin(lex.origin)))
                g.inflect = None
        size = sum(len(forms) for e in lex.entries for forms in e.forms.values())
        if len(lex.entries) > MAX_LEXICON_ENTRIES or size > MAX_LEXICON_FORMS:
            problems.append(RuleProblem(
                "E308", f"lexicon {lex.name!r} has {len(lex.entries)} entries and {size} forms; "
                f"the limits are {MAX_LEXICON_ENTRIES} and {MAX_LEXICON_FORMS} (split it)",
                *_origin(lex.origin)))
            continue
        lexicons[lex.name] = compile_lexicon(lex, rs.inflections, policy)
    expander = _Expander(rs, lexicons, problems)
    compiled: list[CompiledRule] = []
    seen: dict[str, str] = {}
    for rule in rs.rules:
        if rule.id in seen:
            problems.append(_at(rule, "E204", f"rule id {rule.id!r} is already used at "
                                f"{seen[rule.id]}"))
        seen[rule.id] = rule.origin
        if rule.type not in rs.types:
            problems.append(_at(rule, "E303", f"fact type {rule.type!r} is not declared"
                                + _did_you_mean(rule.type, list(rs.types)), "type"))
            continue
        if (rule.pattern is None) == (rule.trigger is None):
            continue  # already reported by the schema
        compiled.append(_compile_rule(rule, rs, expander, problems))
    result = Compiled(rs, lexicons, compiled, _anchor_index(rs, lexicons, expander))
    for crule in compiled:
        for key in crule.anchors or ():
            if key.startswith(LITERAL_PREFIX):
                result.anchor_index.add(key, [key[len(LITERAL_PREFIX):]])
                result.anchor_index.cores.add(key[len(LITERAL_PREFIX):])
                result.anchor_index.anchorable.add(key)
    result.anchor_index.finish(rs.clitics.values())
    for crule in compiled:
        anchorable = result.anchor_index.anchorable | {DIGIT_ANCHOR}
        if crule.anchors and any(a not in anchorable for a in crule.anchors):
            crule.anchors = None  # a form that is not a plain word: scan the text instead
        if crule.required and any(a not in anchorable for a in crule.required):
            crule.required = None
    return result, problems


def compile_patterns(compiled: Compiled) -> list[RuleProblem]:
    """Compile every pattern now (``extractor check``), reporting those that fail."""
    problems = []
    for crule in compiled.rules:
        try:
            crule.regex  # noqa: B018 - compiles and caches
        except regex.error as exc:
            problems.append(_at(crule.rule, "E302", f"{exc}", "pattern"))
    return problems


def _anchor_index(rs: RuleSet, lexicons: dict[str, CompiledLexicon],
                  expander: _Expander) -> AnchorIndex:
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
            words = surface_first_words(lexicons[lex.name], policy, group_forms,
                                        index.cores)
            if words is not None:
                index.add(key, words)
                index.anchorable.add(key)
    return index


_LEADING_LOOK = regex.compile(r"^(?:\(\?<?[!=](?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))*")
_LEADING_REFS = regex.compile(
    r"^(?:(?P<one>\{[a-z_][a-z0-9_/:]*\})|\(\?:(?P<alts>\{[a-z_][a-z0-9_/:]*\}"
    r"(?:\|\{[a-z_][a-z0-9_/:]*\})*)\))(?![?*]|\{0)")


def required_anchors(pattern: str, rs: RuleSet, depth: int = 0) -> list[str] | None:
    """Lexicon keys one of which every match must contain (a top-level, unquantified
    reference or alternation of references); None when the pattern has none."""
    if depth > 8:
        return None
    i, level, n = 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = i + 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            if level == 0:
                keys = _group_refs(pattern, i, rs, depth)
                if keys:
                    return keys
            level += 1
        elif c == ")":
            level -= 1
        elif c == "|" and level == 0:
            return None  # a top-level alternative may need none of them
        elif c == "{" and level == 0:
            m = REF.match(pattern, i)
            if m is not None and not _quantified(pattern, m.end()):
                keys = _ref_keys(m, rs, depth)
                if keys:
                    return keys
        i += 1
    return None


def _quantified(pattern: str, end: int) -> bool:
    return pattern[end:end + 1] in ("?", "*") or pattern.startswith("{0", end)


def _ref_keys(m: regex.Match[str], rs: RuleSet, depth: int) -> list[str] | None:
    name, group, cap = m.group(1), m.group(2), m.group(3)
    if name in rs.fragments and group is None and cap is None:
        source = normalize_pattern(rs.fragments[name])
        if _starts_with_digit(source, rs):
            return [DIGIT_ANCHOR]
        return required_anchors(source, rs, depth + 1)
    if name in rs.lexicons:
        return [f"{name}/{group}" if group else name]
    return None


def _group_refs(pattern: str, start: int, rs: RuleSet, depth: int) -> list[str] | None:
    """Keys of a top-level ``(?:{a}|{b})`` or ``(?P<x>{a})`` group that is not optional."""
    named = _NAMED_REF.match(pattern, start)
    if named is not None:
        r = REF.fullmatch(named.group(1))
        return _ref_keys(r, rs, depth) if r else None
    m = _LEADING_REFS.match(pattern, start)
    if m is None or m.group("alts") is None:
        return None
    keys: list[str] = []
    for ref in m.group("alts").split("|"):
        r = REF.fullmatch(ref)
        found = _ref_keys(r, rs, depth) if r else None
        if not found:
            return None
        keys.extend(found)
    return keys


_DIGIT_START = regex.compile(r"(?:\\d|\[[0-9]|[0-9])")


def _starts_with_digit(source: str, rs: RuleSet, depth: int = 0) -> bool:
    """True when every match of ``source`` must begin with an ASCII digit."""
    alternatives = top_level_alternatives(source)
    if len(alternatives) > 1:
        return all(_starts_with_digit(a, rs, depth + 1) for a in alternatives)
    rest = source[_LEADING_LOOK.match(source).end():]  # type: ignore[union-attr]
    if depth > 8 or not rest:
        return False
    ref = REF.match(rest)
    if ref is not None and ref.group(1) in rs.fragments and not ref.group(2) \
            and not ref.group(3) and not _quantified(rest, ref.end()):
        return _starts_with_digit(normalize_pattern(rs.fragments[ref.group(1)]), rs, depth + 1)
    if rest.startswith("(?:") or rest.startswith("(?P<"):
        body_start = 3 if rest.startswith("(?:") else rest.find(">") + 1
        if body_start == 0:
            return False  # an unfinished group name: the compiler reports it
        level, i, alts, last = 1, body_start, [], body_start
        while i < len(rest) and level:
            c = rest[i]
            if c == "\\":
                i += 2
                continue
            if c == "(":
                level += 1
            elif c == ")":
                level -= 1
            elif c == "|" and level == 1:
                alts.append(rest[last:i])
                last = i + 1
            i += 1
        if level or _quantified(rest, i):
            return False
        alts.append(rest[last:i - 1])
        return all(_starts_with_digit(a, rs, depth + 1) for a in alts)
    first = _DIGIT_START.match(rest)
    if first is None or rest[first.end():first.end() + 1] == "*":
        return False
    if rest[first.end():first.end() + 1] == "?":  # an optional digit then another: 0?[1-9]
        return _starts_with_digit(rest[first.end() + 1:], rs, depth + 1)
    return True


_NAMED_REF = regex.compile(r"\(\?P<[A-Za-z_]\w*>(\{[a-z_][a-z0-9_/:]*\})\)(?![?*]|\{0)")


LITERAL_PREFIX = "="  # anchor keys of literal first words: "=word"
_LEADING_WORD = regex.compile(r"[^\W\d_]{2,}(?=[ \[(]|$)")


def top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (escapes, classes and groups respected)."""
    parts, level, i, last = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = i + 1
            if pattern[j:j + 1] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            level += 1
        elif c == ")":
            level -= 1
        elif c == "|" and level == 0:
            parts.append(pattern[last:i])
            last = i + 1
        i += 1
    parts.append(pattern[last:])
    return parts


def leading_anchors(pattern: str, rs: RuleSet, depth: int = 0) -> list[str] | None:
    """Lexicon keys one of which must start every match of ``pattern``; None if unknown."""
    alternatives = top_level_alternatives(pattern)
    if len(alternatives) > 1:
        keys: list[str] = []
        for alternative in alternatives:
            found = leading_anchors(alternative, rs, depth + 1)
            if found is None:
                return None
            keys.extend(k for k in found if k not in keys)
        return keys
    if _starts_with_digit(pattern, rs):
        return [DIGIT_ANCHOR]
    rest = pattern[_LEADING_LOOK.match(pattern).end():]  # type: ignore[union-attr]
    literal = _LEADING_WORD.match(rest)
    if literal is not None:
        return [LITERAL_PREFIX + literal.group()]
    m = _LEADING_REFS.match(rest)
    if m is None or depth > 8:
        return None
    refs = [m.group("one")] if m.group("one") else m.group("alts").split("|")
    keys = []
    for ref in refs:
        r = REF.fullmatch(ref)
        if r is None:
            return None
        name, group, cap = r.group(1), r.group(2), r.group(3)
        if name in rs.fragments and group is None and cap is None:
            inner = leading_anchors(normalize_pattern(rs.fragments[name]), rs, depth + 1)
            if inner is None:
                return None
            keys.extend(inner)
        elif name in rs.lexicons:
            keys.append(f"{name}/{group}" if group else name)
        else:
            return None
    return keys


def _origin(origin: str) -> tuple[str, int, int]:
    file, line, col = (origin.rsplit(":", 2) + ["0", "0"])[:3]
    return file, int(line or 0), int(col or 0)


def _compile_rule(rule: Rule, rs: RuleSet, expander: _Expander,
                  problems: list[RuleProblem]) -> CompiledRule:
    captures: dict[str, str | None] = {}
    source = None
    if rule.pattern is not None:
        for offset in unnamed_groups(rule.pattern):
            problems.append(_at(rule, "E301", f"group at character {offset + 1} of the pattern "
                                "has no name; write (?P<name>...) or (?:...)", "pattern"))
        defs: dict[str, str] = {}
        body = expander.expand(normalize_pattern(rule.pattern), captures, [0], (), rule, defs)
        source = "".join(f"(?P<{k}>{v})" for k, v in defs.items())
        source = f"(?(DEFINE){source}){body}" if defs else body
        for name in regex.findall(r"\(\?P<([A-Za-z][A-Za-z0-9_]*)>", body):
            captures.setdefault(name, None)
    else:
        for slot in rule.slots.values():
            for t in [*slot.types, *slot.follow]:
                if t not in rs.types:
                    problems.append(_at(rule, "E303", f"slot {slot.name!r} takes unknown "
                                        f"fact type {t!r}", "trigger"))
        if rule.trigger not in rs.types:
            problems.append(_at(rule, "E303", f"trigger fact type {rule.trigger!r} is not "
                                "declared", "trigger"))
        captures = dict.fromkeys([*rule.slots, "trigger"])
    _check_fields(rule, rs, captures, problems)
    normalized = normalize_pattern(rule.pattern) if rule.pattern else ""
    anchors = leading_anchors(normalized, rs) if rule.pattern else None
    required = required_anchors(normalized, rs) if rule.pattern and not anchors else None
    trims = []
    for trim in rule.trims:
        if trim.capture not in captures:
            problems.append(_at(rule, "E305", f"trim names {trim.capture!r}, which the pattern "
                                "does not capture", "pattern"))
        for key in trim.stop:
            if key.split("/")[0] not in rs.lexicons:
                problems.append(_at(rule, "E300", f"trim stop list names {key!r}, which is not "
                                    "a lexicon" + _did_you_mean(key, list(rs.lexicons)),
                                    "pattern"))
        trims.append((trim.capture, frozenset(trim.stop), trim.keep))
    return CompiledRule(rule, source, captures, anchors, required, trims)


def _check_fields(rule: Rule, rs: RuleSet, captures: dict[str, str | None],
                  problems: list[RuleProblem]) -> None:
    ftype = rs.types[rule.type]
    allowed = set(ftype.fields) | set(ftype.parts)
    for key, template in rule.fields.items():
        if key not in allowed:
            problems.append(_at(rule, "E304", f"field {key!r} is not a field or part of type "
                                f"{rule.type!r} (allowed: {', '.join(sorted(allowed))})",
                                f"fields.{key}"))
        if not isinstance(template, str):
            problems.append(_at(rule, "E202", f"field {key!r} must be text", f"fields.{key}"))
            continue
        kind = ftype.fields[key].kind if key in ftype.fields else "string"
        if kind == "bool" and template not in ("true", "false") and "{" not in template:
            problems.append(_at(rule, "E203", f"field {key!r} is a bool: write true or false",
                                f"fields.{key}"))
        for m in FIELD_REF.finditer(template):
            cap, attr = m.group(1), m.group(2)
            if cap not in captures:
                problems.append(_at(rule, "E305", f"field {key!r} refers to {{{cap}}}, which "
                                    "the pattern does not capture", f"fields.{key}"))
                continue
            lexname = captures[cap]
            if attr and lexname is not None:
                lex = rs.lexicons[lexname.split("/")[0]]
                if attr not in lex.attributes and attr not in BUILTIN_ATTRS:
                    problems.append(_at(rule, "E306", f"lexicon {lex.name!r} has no attribute "
                                        f"{attr!r} (has: {', '.join(lex.attributes)})",
                                        f"fields.{key}"))
