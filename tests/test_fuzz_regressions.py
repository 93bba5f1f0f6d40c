"""Inputs the fuzzers found: each must now give coded problems or facts, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.compile import compile_patterns, compile_ruleset
from extractor.errors import CATALOGUE
from extractor.loader import load_rule_file
from extractor.model import RuleSet
from extractor.schema import build_pack

FOUND = Path(__file__).parent / "fixtures" / "fuzz"


@pytest.mark.parametrize("path", sorted(FOUND.glob("loader-*")), ids=lambda p: p.name)
def test_loader_findings(path: Path) -> None:
    loaded = load_rule_file(path)
    rs = RuleSet()
    problems = loaded.problems + build_pack(loaded, rs)
    compiled, more = compile_ruleset(rs)
    problems += more + compile_patterns(compiled)
    assert all(p.code in CATALOGUE for p in problems)
