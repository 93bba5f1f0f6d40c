"""Lints: each one fires on a pack made to trip it, and the check command honours ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.compile import compile_ruleset
from extractor.lint import LINTS, Finding, explain, resolve_ids, run_lints
from extractor.regex_risk import backtracking_risks
from extractor.rulepacks import load_ruleset

PACK = Path(__file__).resolve().parent / "fixtures" / "authoring" / "lint_pack.yaml"


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    rs, problems = load_ruleset((PACK,), builtin=False)
    compiled, more = compile_ruleset(rs)
    assert not problems + more, problems + more
    return run_lints(compiled)


def _of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_unused_lexicon(findings: list[Finding]) -> None:
    (f,) = _of(findings, "L101")
    assert "lint_unused" in f.message and f.file.endswith("lint_pack.yaml") and f.line == 14


def test_unused_fragment(findings: list[Finding]) -> None:
    (f,) = _of(findings, "L102")
    assert "lint_orphan" in f.message and f.line == 18


def test_untested_variant_names_only_the_missing_form(findings: list[Finding]) -> None:
    (f,) = _of(findings, "L103")
    assert "apple" in f.message and "\u062a\u0641\u0627\u062d\u0629" in f.message
    assert "\u00ab\u062a\u0641\u0627\u062d\u00bb" not in f.message


def test_rules_without_examples_or_counter_examples(findings: list[Finding]) -> None:
    assert [f.rule_id for f in _of(findings, "L104")] == ["lint-slow"]
    assert [f.rule_id for f in _of(findings, "L105")] == ["lint-fruit-low", "lint-slow"]


def test_shadowed_rule(findings: list[Finding]) -> None:
    (f,) = _of(findings, "L106")
    assert f.rule_id == "lint-fruit-low" and "lint-fruit-high" in f.message


def test_backtracking_risk_through_a_fragment(findings: list[Finding]) -> None:
    (f,) = _of(findings, "L107")
    assert f.rule_id == "lint-slow" and "nested repetition" in f.message


def test_invisible_character(findings: list[Finding]) -> None:
    (f,) = _of(findings, "L108")
    assert "U+00A0" in f.message and f.column > 1


def test_every_finding_formats_with_its_hint(findings: list[Finding]) -> None:
    for f in findings:
        text = f.format()
        assert text.startswith(f"{f.file}:{f.line}:{f.column}: {f.code} ")
        assert f"fix: {LINTS[f.code].hint}" in text
        assert f.severity == "warning"


@pytest.mark.parametrize(("pattern", "risky"), [
    (r"(x+)*", True), (r"(?:a|ab)*", True), (r"(?:\w+ ?)+", True), (r"(?:\s\w+)*", False),
    (r"(?:\w+ )+", False), (r"(a*b*)*", True), (r"(?:.+)+", True),
    (r"(?:\w+ ){0,3}", False), (r"(?>\w+ )+", False), (r"(?:\w+ )++", False),
    (r"(?:a|b)+", False), (r"[x+]*", False), (r"(?:{lex}, )+", False), (r"\d{2,}", False),
])
def test_backtracking_shapes(pattern: str, risky: bool) -> None:
    assert bool(backtracking_risks(pattern, {})) is risky


def test_ids_and_names_resolve() -> None:
    assert resolve_ids("L101,untested-variant") == {"L101", "L103"}
    assert resolve_ids("ALL") == set(LINTS)
    with pytest.raises(ValueError, match="unknown lint"):
        resolve_ids("L999")


def test_every_lint_is_documented() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "lints.md").read_text("utf-8")
    for code, spec in LINTS.items():
        assert f"{code} {spec.name}" in explain(code)
        assert f"## {code} {spec.name}" in doc
    assert explain("E204").startswith("L100")


def test_cli_explain_prints_to_stdout() -> None:
    result = CliRunner().invoke(main, ["check", "--explain", "shadowed-rule"])
    assert result.exit_code == 0 and result.stdout.startswith("L106 shadowed-rule")


def test_cli_unknown_lint_is_a_usage_error() -> None:
    assert CliRunner().invoke(main, ["check", "--ignore", "nope"]).exit_code == 2


def test_cli_lint_selected_as_error_exits_3() -> None:
    result = CliRunner().invoke(main, ["check", "--rules", str(PACK), "--select", "L106,L107",
                                       "--error", "L106"])
    assert result.exit_code == 3, result.output
    assert "L106 shadowed-rule (error)" in result.stderr
    assert "L107 backtracking-risk (warning)" in result.stderr
    assert result.stdout == ""


def test_a_lexicon_named_by_a_fact_type_for_coreference_is_used() -> None:
    """«الوزير» mention words and letter folds are read by coreference, not by a
    pattern: the built-in packs report no unused lexicon."""
    rs, problems = load_ruleset(())
    compiled, more = compile_ruleset(rs)
    assert not problems + more
    named = {t.coref_mentions for t in rs.types.values() if t.coref_mentions}
    assert named, "a built-in type names its mention lexicon"
    assert not _of(run_lints(compiled, {"L101"}), "L101")
