"""Coverage on a small corpus, and the generated rule catalogue (RULES.md must be fresh)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from markdown_it import MarkdownIt

from extractor.catalogue import GENERATED_MARK, render_catalogue
from extractor.cli import main
from extractor.compile import Compiled
from extractor.coverage import coverage, trigger_lexicons
from extractor.inputs import InputDoc
from extractor.rulepacks import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


def _first_example(compiled: Compiled, rule_type: str) -> str:
    return next(r.rule.examples[0].text for r in compiled.rules
                if r.rule.type == rule_type and r.rule.examples and r.rule.pattern)


def test_trigger_lexicons_are_type_specific(compiled: Compiled) -> None:
    triggers = trigger_lexicons(compiled.ruleset)
    assert "month" in triggers["date"] and "title" in triggers["minister"]
    assert "instrument" in triggers["agreement"]
    every = [name for names in triggers.values() for name in names]
    assert len(every) == len(set(every)) and "country" not in every


def test_counts_quotes_never_fired_and_misses(compiled: Compiled) -> None:
    minister = _first_example(compiled, "minister")
    month = next(f for e in compiled.ruleset.lexicons["month"].entries
                 for f in e.forms.get("names", []))
    # A month name on its own in a sentence: a likely date miss.
    lonely = f"{month} {month}"
    docs = [InputDoc("a", minister), InputDoc("b", lonely), InputDoc("c", None)]
    report = coverage(compiled, docs, quotes=1)
    assert report["documents"] == 3
    fired = {r["id"]: r for r in report["rules"]}
    assert sum(r["fired"] for r in report["rules"] if r["type"] == "minister") >= 1
    assert all(len(r["quotes"]) <= 1 for r in fired.values())
    never = {r["id"] for r in report["never_fired"]}
    assert never and not never & set(fired)
    assert len(never) + len(fired) == len(compiled.rules)
    misses = {m["type"]: m for m in report["misses"]}
    if "date" in misses:
        example = misses["date"]["examples"][0]
        assert example["doc"] == "b" and example["lexicon"] in trigger_lexicons(
            compiled.ruleset)["date"]


def test_cli_markdown_and_json(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    text = SEED.read_text(encoding="utf-8")
    corpus.write_text(json.dumps({"id": "s1", "text": text}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    runner = CliRunner()
    as_json = runner.invoke(main, ["coverage", str(corpus), "--json"])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.stdout)
    assert report["documents"] == 1 and report["rules"]
    md = runner.invoke(main, ["coverage", str(corpus)])
    assert md.exit_code == 0, md.output
    tokens = MarkdownIt().enable("table").parse(md.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:4] == ["Rule coverage", "Rules that fired", "Rules that never fired",
                            "Likely misses"]
    assert f"`{report['rules'][0]['id']}`" in md.stdout
    for miss in report["misses"]:
        assert f"{miss['type'].replace('_', chr(92) + '_')}: {miss['count']}" in md.stdout


def test_rules_md_is_fresh() -> None:
    rs, problems = load_ruleset(())
    assert not problems
    expected = render_catalogue(rs)
    actual = (ROOT / "RULES.md").read_text(encoding="utf-8")
    assert actual == expected, ("RULES.md is stale: run `extractor catalogue > RULES.md`")


def test_catalogue_lists_every_type_and_rule() -> None:
    rs, _ = load_ruleset(())
    text = render_catalogue(rs)
    assert text.startswith(GENERATED_MARK)
    for name in rs.types:
        assert f"## Type `{name}`" in text
    for rule in rs.rules:
        assert f"### `{rule.id}`" in text
    result = CliRunner().invoke(main, ["catalogue"])
    assert result.exit_code == 0 and result.stdout == text
