"""Pattern expansion: ``{lexicon}`` and ``{fragment}`` references written out.

Each lexicon reference becomes ``(?P<_p_capture>proclitics)(?P<capture>word)``
with word boundaries, so clitics are handled once, by the lexicon's declared
policy, and a fact's span never starts with a clitic. Literal Arabic in
patterns is normalized exactly like the text. :mod:`extractor.compile` builds
the rule set around this.
"""

from __future__ import annotations

import difflib

import regex

from extractor.errors import RuleProblem
from extractor.lexicon import CompiledLexicon, compile_lexicon
from extractor.model import Lexicon, Rule, RuleSet
from extractor.normalize import normalize
from extractor.pattern_syntax import REF

_NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f]+")


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


class Expander:
    def __init__(self, rs: RuleSet, lexicons: dict[str, CompiledLexicon],
                 problems: list[RuleProblem]) -> None:
        self.rs, self.lexicons, self.problems = rs, lexicons, problems
        self.sub_lexicons: dict[tuple[str, str], CompiledLexicon] = {}
        # Longest text a reference to each lexicon can match, clitics included.
        self.lengths = {name: max(map(len, lex.lookup), default=0) + len(lex.article) + 4
                        for name, lex in lexicons.items()}
        # Most spaces in a form (words - 1): the clitics and the article add none.
        self.spaces = {name: max((form.count(" ") for form in lex.lookup), default=0)
                       for name, lex in lexicons.items()}

    def expand(self, pattern: str, captures: dict[str, str | None], counter: list[int],
               stack: tuple[str, ...], rule: Rule) -> str:
        """Expand ``{lexicon}`` and ``{fragment}`` references in place.

        Everything is written out: ``regex`` runs written-out tries several times
        faster than group calls (``(?&name)``), and patterns compile lazily, once.
        """
        def repl(m: regex.Match[str]) -> str:
            name, group, cap = m.group(1), m.group(2), m.group(3)
            if name in self.rs.fragments and group is None and cap is None:
                if name in stack:
                    self._problem(rule, "E300", f"fragment {name!r} refers to itself")
                    return "(?!)"
                source = normalize_pattern(self.rs.fragments[name])
                return f"(?:{self.expand(source, captures, counter, (*stack, name), rule)})"
            lex = self._lexicon(name, group, rule)
            if lex is None:
                return "(?!)"
            counter[0] += 1
            cap = cap or f"_lex{counter[0]}"
            captures[cap] = f"{name}/{group}" if group else name
            pre = f"(?P<_p_{cap}>{lex.prefix})" if lex.prefix else ""
            return rf"(?<!\w){pre}(?P<{cap}>{lex.body})(?!\w)"
        return REF.sub(repl, pattern)

    def _lexicon(self, name: str, group: str | None, rule: Rule) -> CompiledLexicon | None:
        if name not in self.lexicons:
            self._problem(rule, "E300", f"{{{name}}} is neither a lexicon nor a fragment"
                          + did_you_mean(name, [*self.rs.fragments, *self.lexicons]))
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
        self.problems.append(problem_at(rule, code, msg, "pattern"))


def did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def problem_at(rule: Rule, code: str, msg: str, key: str = "") -> RuleProblem:
    """A problem in ``rule``, located at its ``key`` (``pattern``, ``fields.role``...)."""
    file, line, col = origin_parts(rule.origin)
    text = ""
    if key in rule.locations:
        line, col, text = rule.locations[key]
    path = f"{rule.path}.{key}" if key else rule.path
    return RuleProblem(code, msg, file, line, col, path, rule.id, text)


def origin_parts(origin: str) -> tuple[str, int, int]:
    """``file:line:col`` split into its parts (0 where absent)."""
    file, line, col = (origin.rsplit(":", 2) + ["0", "0"])[:3]
    return file, int(line or 0), int(col or 0)
