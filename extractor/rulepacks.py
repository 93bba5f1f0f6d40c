"""Find, load, validate and compile rule packs, reporting every problem at once.

The built-in packs live in the project's ``rules/`` folder; ``--rules DIR`` adds
packs on top. Compiling is done once per set of folders and cached in the
process, never per document.
"""

from __future__ import annotations

import functools
from pathlib import Path

from extractor.compile import Compiled, compile_ruleset
from extractor.errors import RuleErrors, RuleProblem
from extractor.loader import load_rule_file
from extractor.model import RuleSet
from extractor.schema import build_pack

BUILTIN_RULES = Path(__file__).resolve().parent.parent / "rules"


def rule_files(dirs: tuple[Path, ...]) -> list[Path]:
    """The YAML files of the built-in folder and of ``dirs``, in a stable order."""
    files: list[Path] = []
    for d in (BUILTIN_RULES, *dirs):
        if d.is_file():
            files.append(d)
        else:
            files.extend(sorted(p for p in d.rglob("*.yaml") if p.is_file()))
    return files


def load_ruleset(dirs: tuple[Path, ...] = ()) -> tuple[RuleSet, list[RuleProblem]]:
    """Load and validate every pack; problems are returned, not raised."""
    problems: list[RuleProblem] = []
    rs = RuleSet()
    for d in dirs:
        if not d.exists():
            problems.append(RuleProblem("E100", "no such rule folder or file", str(d)))
    for path in rule_files(tuple(d for d in dirs if d.exists())):
        loaded = load_rule_file(path)
        problems.extend(loaded.problems)
        problems.extend(build_pack(loaded, rs))
    return rs, problems


def check(dirs: tuple[Path, ...] = ()) -> tuple[Compiled | None, list[RuleProblem]]:
    """Load and compile; every problem of every file in one list."""
    rs, problems = load_ruleset(dirs)
    compiled, more = compile_ruleset(rs)
    problems.extend(more)
    return (None if problems else compiled), problems


@functools.lru_cache(maxsize=8)
def compiled_rules(dirs: tuple[Path, ...] = ()) -> Compiled:
    """The compiled rule set for ``dirs``; raises :class:`RuleErrors` on any problem."""
    compiled, problems = check(dirs)
    if compiled is None:
        raise RuleErrors(problems)
    return compiled
