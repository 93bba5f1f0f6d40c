"""One catalogue of coded errors for rule files, so messages stay consistent.

Every rule-file problem is a :class:`RuleProblem` that knows its file, line,
column, rule id, path inside the file and the offending line; the loader
collects them all and raises one :class:`RuleErrors` so an author sees every
problem of a run at once. Only the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> short title. Codes are stable: tests and docs refer to them.
CATALOGUE: dict[str, str] = {
    "E100": "file cannot be read",
    "E101": "YAML syntax error",
    "E102": "YAML alias or anchor refused",
    "E103": "duplicate key",
    "E104": "YAML tag refused",
    "E105": "invisible or bidi control character",
    "E106": "file too large",
    "E200": "unknown key",
    "E201": "missing required key",
    "E202": "wrong value type",
    "E203": "invalid value",
    "E204": "duplicate id",
    "E300": "unknown lexicon or fragment reference",
    "E301": "unnamed capture group",
    "E302": "pattern does not compile",
    "E303": "unknown fact type",
    "E304": "unknown field",
    "E305": "unknown capture in field value",
    "E306": "unknown lexicon attribute",
    "E307": "unknown inflection or clitic policy",
    "E308": "lexicon too large",
}


@dataclass(frozen=True)
class Located:
    """A coded message about a place in a rule file (errors and lint findings alike)."""

    code: str
    message: str
    file: str
    line: int = 0
    column: int = 0

    def location(self) -> str:
        """``file:line:col``, the form editors and terminals turn into links."""
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class RuleProblem(Located):
    """One problem in one rule file."""

    path: str = ""
    rule_id: str | None = None
    source_line: str = ""

    def format(self) -> str:
        """``file:line:col: CODE message`` plus rule id, path and the line itself."""
        head = f"{self.location()}: {self.code} {CATALOGUE.get(self.code, '')}"
        parts = [f"{head}: {self.message}"]
        where = []
        if self.rule_id:
            where.append(f"rule {self.rule_id}")
        if self.path:
            where.append(f"at {self.path}")
        if where:
            parts.append("  " + ", ".join(where))
        if self.source_line:
            parts.append(f"  line {self.line}, column {self.column}: {self.source_line.rstrip()}")
        return "\n".join(parts)


class RuleErrors(Exception):
    """Raised with every problem found in a set of rule files."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in rule files")

    def format(self) -> str:
        return "\n".join(p.format() for p in self.problems)


class InputError(Exception):
    """A document or input file that cannot be read; becomes a diagnostic."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")
