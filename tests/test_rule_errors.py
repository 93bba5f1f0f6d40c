"""Invalid rule files: every problem reported at once, with its golden message."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.rulepacks import check

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_rule_file_messages(fixture: Path, update_golden: bool,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    compiled, problems = check((fixture.relative_to(ROOT),))
    assert compiled is None
    assert problems, "an invalid file must produce problems"
    text = "\n".join(p.format() for p in problems) + "\n"
    expected = fixture.with_suffix(".expected")
    if update_golden:
        expected.write_text(text, encoding="utf-8")
    assert expected.exists(), f"no golden message for {fixture.name}: run pytest --update-golden"
    assert text == expected.read_text(encoding="utf-8")


def test_every_expected_message_has_its_fixture() -> None:
    for expected in FIXTURES.glob("*.expected"):
        assert expected.with_suffix(".yaml").exists(), f"unused golden {expected.name}"


def test_all_problems_of_a_file_are_reported_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, problems = check((FIXTURES.relative_to(ROOT),))
    codes = {p.code for p in problems}
    assert {"E102", "E103", "E104", "E200", "E201", "E203", "E300", "E301", "E302", "E303",
            "E304", "E305", "E306"} <= codes
    unknown = [p for p in problems if p.code == "E200" and "patern" in p.message]
    assert unknown and unknown[0].rule_id == "fixture-typo"
    assert unknown[0].path == "rules[0].patern"
    assert (unknown[0].line, unknown[0].column) == (10, 5)
    assert "did you mean 'pattern'" in unknown[0].message
