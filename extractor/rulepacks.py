"""Find, load, validate and compile rule packs, reporting every problem at once.

The built-in packs live in the project's ``rules/`` folder; ``--rules DIR`` adds
packs on top. Compiling is done once per set of folders and cached in the
process, never per document.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from pathlib import Path

import regex

from extractor.compile import Compiled, compile_patterns, compile_ruleset
from extractor.errors import RuleErrors, RuleProblem
from extractor.model import RuleSet
from extractor.pattern_store import cache_dir, prune, write_atomically
from extractor.version import __version__

BUILTIN_RULES = Path(__file__).resolve().parent.parent / "rules"


def rule_files(dirs: tuple[Path, ...], builtin: bool = True) -> list[Path]:
    """The YAML files of the built-in folder and of ``dirs``, in a stable order."""
    files: list[Path] = []
    for d in ((BUILTIN_RULES,) if builtin else ()) + dirs:
        if d.is_file():
            files.append(d)
        else:
            files.extend(sorted(p for p in d.rglob("*.yaml") if p.is_file()))
    return files


def load_ruleset(dirs: tuple[Path, ...] = (),
                 builtin: bool = True) -> tuple[RuleSet, list[RuleProblem]]:
    """Load and validate every pack; problems are returned, not raised."""
    # Imported here: a run that finds its rules in the cache never parses YAML.
    from extractor.loader import load_rule_file
    from extractor.schema import build_pack

    problems: list[RuleProblem] = []
    rs = RuleSet()
    for d in dirs:
        if not d.exists():
            problems.append(RuleProblem("E100", "no such rule folder or file", str(d)))
    for path in rule_files(tuple(d for d in dirs if d.exists()), builtin):
        loaded = load_rule_file(path)
        problems.extend(loaded.problems)
        problems.extend(build_pack(loaded, rs))
    return rs, problems


def check(dirs: tuple[Path, ...] = (), patterns: bool = True, builtin: bool = True,
          ) -> tuple[Compiled | None, list[RuleProblem]]:
    """Load and compile; every problem of every file in one list.

    ``patterns=False`` skips compiling the regexes now (they compile on first
    use); only safe for rule files already validated with the same content.
    """
    rs, problems = load_ruleset(dirs, builtin)
    compiled, more = compile_ruleset(rs)
    problems.extend(more)
    if patterns:
        known = _known_patterns()
        size = len(known)
        problems.extend(compile_patterns(compiled, known))
        if len(known) > size:
            _store_known_patterns(known)
    problems.sort(key=lambda p: (p.file, p.line, p.column))
    return (None if problems else compiled), problems


def _known_patterns() -> set[str]:
    """Keys of expanded patterns this user's machine has compiled without error."""
    try:
        path = cache_dir() / f"patterns-{__version__}-regex{regex.__version__}.txt"
        return set(path.read_text(encoding="ascii").split())
    except OSError:
        return set()


def _store_known_patterns(known: set[str]) -> None:
    path = cache_dir() / f"patterns-{__version__}-regex{regex.__version__}.txt"
    write_atomically(path, ("\n".join(sorted(known)) + "\n").encode("ascii"))


ENGINE = Path(__file__).resolve().parent
KEPT_RULE_SETS = 8  # cached rule sets (one per set of rule files and engine version)


def _fingerprint(dirs: tuple[Path, ...]) -> str:
    """A hash of the engine's code and of every rule file's path and bytes."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(ENGINE.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in rule_files(tuple(d for d in dirs if d.exists())):
        h.update(str(path.resolve()).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


@functools.lru_cache(maxsize=8)
def compiled_rules(dirs: tuple[Path, ...] = ()) -> Compiled:
    """The compiled rule set for ``dirs``; raises :class:`RuleErrors` on any problem.

    The first run on a given set of rule files validates everything (every
    pattern compiled) and stores the compiled rule set in the user's cache
    folder, keyed by the content of the rule files and of the engine, so later
    runs start in a fraction of a second; any edit changes the key. Patterns
    are loaded lazily, on first use, from the compiled-pattern store
    (:mod:`extractor.pattern_store`), and compiled only when missing there.
    """
    cache = cache_dir() / f"rules-{_fingerprint(dirs)}.pickle"
    try:
        with cache.open("rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, Compiled):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # no cache yet, or one written by another version: rebuild it
    compiled, problems = check(dirs)
    if compiled is None:
        raise RuleErrors(problems)
    _store(compiled, cache)
    return compiled


def _store(compiled: Compiled, cache: Path) -> None:
    """Write the cache atomically, without the compiled regexes (the pattern store has them)."""
    saved = [crule._regex for crule in compiled.rules]
    try:
        for crule in compiled.rules:
            crule._regex = None
        write_atomically(cache, pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
        prune(cache.parent, keep=KEPT_RULE_SETS, glob="rules-*.pickle")
    finally:
        for crule, pattern in zip(compiled.rules, saved, strict=True):
            crule._regex = pattern
