"""The command line: data on stdout only, messages on stderr, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import invoke_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_6de84ff522efcbb7.txt"
EXTRA_PACK = """\
pack: commodities
types:
  commodity_price:
    section: Commodity prices
    fields:
      commodity: string
      amount: string
lexicons:
  commodity:
    clitics: noun
    entries:
      - id: brent
        forms: [خام برنت]
      - id: gold
        forms: [الذهب]
rules:
  - id: commodity-price
    type: commodity_price
    pattern: 'سعر {commodity:c} (?P<amount>\\d+(?:\\.\\d+)?) دولار'
    fields: {commodity: '{c.id}', amount: '{amount}'}
    examples:
      - text: وبلغ سعر خام برنت 80 دولارا للبرميل
        span: سعر خام برنت 80 دولار
        fields: {commodity: brent, amount: '80'}
    counter_examples:
      - ارتفع سعر الخبز
"""


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return invoke_text(list(args), stdin, cwd)


def run_module(*args: str, stdin: str | None = None,
               cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The real ``python -m extractor`` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "extractor", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_extract_writes_one_jsonl_line_per_document() -> None:
    proc = run_module("extract", str(SEED))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == SEED.stem and record["schema"] == "extractor.facts/1"
    assert record["facts"] and "document" in proc.stderr


def test_extract_jsonl_from_stdin_with_per_document_dates() -> None:
    corpus = "\n".join([
        json.dumps({"id": "a", "text": "التقى الوزير في مارس", "date": "2015-07-23"},
                   ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "text": 5}),
    ]) + "\n"
    proc = run("extract", "-", stdin=corpus)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "stdin:2", "c"]
    assert records[0]["ref_date"] == "2015-07-23"
    assert records[1]["diagnostics"][0]["code"] == "bad_json"
    assert records[2]["diagnostics"][0]["code"] == "missing_text"
    strict = run("extract", "--strict", "-", stdin=corpus)
    assert strict.returncode == 4


def test_ref_date_flag_overrides_and_is_validated() -> None:
    bad = run("extract", "--ref-date", "23/07/2015", str(SEED))
    assert bad.returncode == 2 and bad.stdout == ""
    good = run("extract", "--ref-date", "2015-07-23", str(SEED))
    assert json.loads(good.stdout)["ref_date"] == "2015-07-23"


def test_report_writes_markdown_to_stdout_or_file(tmp_path: Path) -> None:
    proc = run("report", str(SEED))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Fact sheet: ")
    out = tmp_path / "sheet.md"
    proc = run("report", str(SEED), "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Fact sheet: ")
    missing = run("report", str(SEED), "--template", "no-such-template")
    assert missing.returncode == 2 and "no template" in missing.stderr


def test_check_and_test_pass_on_the_built_in_rules() -> None:
    check = run("check")
    assert check.returncode == 0, check.stderr
    assert check.stdout == ""
    test = run("test")
    assert test.returncode == 0, test.stderr
    assert " passed, 0 failed" in test.stderr


def test_check_reports_rule_errors_with_exit_3() -> None:
    proc = run("check", "--rules", "tests/fixtures/invalid")
    assert proc.returncode == 3
    assert "tests/fixtures/invalid/unknown_keys.yaml:10:5: E200" in proc.stderr
    extract = run("extract", "--rules", "tests/fixtures/invalid", str(SEED))
    assert extract.returncode == 3 and extract.stdout == ""


def test_usage_errors_exit_2() -> None:
    assert run("extract").returncode == 2
    assert run_module("no-such-command").returncode == 2


def test_explain_shows_rules_lexicon_entries_and_losers() -> None:
    proc = run("explain", "وصرح سفير كوريا الشمالية في موسكو أمس")
    assert proc.returncode == 0, proc.stderr
    assert "rule: official-diplomat" in proc.stdout
    assert "lexicon country" in proc.stdout and "normalized" in proc.stdout
    assert "lost: place by place-country-name «كوريا الشمالية»" in proc.stdout
    assert "lower priority" in proc.stdout


def test_an_extra_rule_pack_adds_a_fact_type_without_python(tmp_path: Path) -> None:
    pack = tmp_path / "packs"
    pack.mkdir()
    (pack / "commodities.yaml").write_text(EXTRA_PACK, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("وبلغ سعر الذهب 1900 دولار للأونصة أمس.\n", encoding="utf-8")
    assert run("check", "--rules", str(pack)).returncode == 0
    test = run("test", "--rules", str(pack), "--rule", "commodity-price")
    assert test.returncode == 0 and "2 passed, 0 failed" in test.stderr
    record = json.loads(run("extract", "--rules", str(pack), str(doc)).stdout)
    prices = [f for f in record["facts"] if f["type"] == "commodity_price"]
    assert [p["fields"] for p in prices] == [{"commodity": "gold", "amount": "1900"}]
    sheet = run("report", "--rules", str(pack), str(doc)).stdout
    assert "## Commodity prices" in sheet and "| gold | 1900 |" in sheet


def test_explain_takes_long_text_that_is_no_file_name() -> None:
    proc = run("explain", "وقال وزير الخارجية السوري " * 200)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("document text:")


@pytest.mark.parametrize("args", [("--help",), ("extract", "--help")])
def test_help_goes_to_stdout(args: tuple[str, ...]) -> None:
    proc = run(*args)
    assert proc.returncode == 0 and "Usage" in proc.stdout


def test_failing_rule_examples_exit_1(tmp_path: Path) -> None:
    pack = tmp_path / "packs"
    pack.mkdir()
    broken = EXTRA_PACK.replace("fields: {commodity: brent, amount: '80'}",
                                "fields: {commodity: gold, amount: '80'}")
    (pack / "commodities.yaml").write_text(broken, encoding="utf-8")
    proc = run("test", "--rules", str(pack), "--rule", "commodity-price")
    assert proc.returncode == 1
    assert "1 passed, 1 failed" in proc.stderr and "commodity: expected 'gold'" in proc.stderr
