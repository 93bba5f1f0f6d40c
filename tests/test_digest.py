"""The corpus digest and fact sheets rendered from facts JSONL without re-extracting."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from extractor.digest import digest_context

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_6de84ff522efcbb7.txt"


def _record(doc: str, source: str, date: str, facts: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": doc, "schema": "extractor.facts/1", "source": source, "ref_date": date,
            "facts": facts, "diagnostics": []}


def _fact(kind: str, **fields: Any) -> dict[str, Any]:
    return {"id": "f", "type": kind, "text": kind, "fields": fields}


def test_digest_counts_pairs_ministers_topics_and_outlets() -> None:
    meeting = _fact("meeting", participants=["أ", "ب"], date="2015-07", location=None)
    records = [
        _record("d1", "spa", "2015-07-23", [meeting, _fact("topic", topic="trade"),
                                            _fact("minister", name="أ", country="SA")]),
        _record("d2", "spa", "2015-08-01", [meeting, _fact("topic", topic="trade")]),
        _record("d3", "okaz", "2015-08-02", [_fact("agreement", date="2015", parties=["SA"])]),
    ]
    ctx = digest_context(records)
    assert ctx["documents"] == 3
    assert ctx["pairs"] == [{"a": "أ", "b": "ب", "count": 2, "dates": ["2015-07"]}]
    assert ctx["ministers"] == [{"country": "SA", "people": [{"name": "أ", "documents": 1}]}]
    assert [m["month"] for m in ctx["topics_by_month"]] == ["2015-07", "2015-08"]
    assert {o["outlet"]: o["documents"] for o in ctx["outlets"]} == {"spa": 2, "okaz": 1}
    assert [t["type"] for t in ctx["timeline"]] == ["agreement", "meeting", "meeting"]


def test_report_renders_facts_jsonl_and_the_digest(tmp_path: Path) -> None:
    facts = tmp_path / "facts.jsonl"
    run = [sys.executable, "-m", "extractor"]
    extracted = subprocess.run([*run, "extract", str(SEED)], capture_output=True, text=True,
                               cwd=ROOT, timeout=300)
    facts.write_text(extracted.stdout, encoding="utf-8")
    direct = subprocess.run([*run, "report", str(SEED)], capture_output=True, text=True,
                            cwd=ROOT, timeout=300).stdout
    again = subprocess.run([*run, "report", str(facts)], capture_output=True, text=True,
                           cwd=ROOT, timeout=300)
    assert again.returncode == 0, again.stderr
    def tables(sheet: str) -> list[str]:
        return [line for line in sheet.splitlines() if line.startswith("|")]
    assert tables(direct) and tables(direct) == tables(again.stdout)
    digest = subprocess.run([*run, "report", "--template", "digest", str(facts)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert digest.returncode == 0, digest.stderr
    assert digest.stdout.startswith("# Corpus digest")
    tokens = MarkdownIt("commonmark").enable("table").parse(digest.stdout)
    cells = [t.content for t in tokens if t.type == "inline"]
    assert "وليد المعلم" in cells or "ري يونغ هو" in cells
    record = json.loads(extracted.stdout)
    assert record["schema"] == "extractor.facts/1"
