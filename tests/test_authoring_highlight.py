"""The highlighted page: escaped, right-to-left, and the browser sees every fact in order."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.compile import Compiled
from extractor.highlight import PageDoc, highlight_text, page
from extractor.inputs import InputDoc
from extractor.pipeline import extract_doc

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class _Marks(HTMLParser):
    """The text of every highlighted fact, in document order, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, Any]] = []
        self.open: list[dict[str, Any]] = []
        self.root: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.root = dict(attrs)
        if tag == "mark":
            mark = {**dict(attrs), "text": ""}
            self.marks.append(mark)
            self.open.append(mark)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for mark in self.open:
            mark["text"] += data


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


def test_text_and_fields_are_escaped() -> None:
    fact = {"id": "f1", "type": "x", "start": 0, "end": 8, "rule": "r<1>",
            "fields": {"name": "<b>\"q\"</b>", "n": None}}
    out = highlight_text("<script>!", [fact], {"x": "t-0"})
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'title="x (r&lt;1&gt;)&#10;n: -&#10;name: &lt;b&gt;&quot;q&quot;&lt;/b&gt;"' in out


def test_nested_and_overlapping_facts_stay_well_formed() -> None:
    facts = [{"id": "f1", "type": "a", "start": 0, "end": 6, "rule": "r", "fields": {}},
             {"id": "f2", "type": "b", "start": 2, "end": 4, "rule": "r", "fields": {}},
             {"id": "f3", "type": "c", "start": 5, "end": 9, "rule": "r", "fields": {}}]
    out = highlight_text("0123456789", facts, {})
    assert out.count("<mark") == out.count("</mark>") == 3
    assert [m["text"] for m in _parse(out).marks] == ["012345", "23", "5"]


def _seed_page(tmp_path: Path, compiled: Compiled) -> tuple[Path, list[dict[str, Any]]]:
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["highlight", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    facts = extract_doc(compiled, InputDoc(SEED.stem, SEED.read_text(encoding="utf-8")))
    return out, facts["facts"]


def test_page_is_rtl_and_self_contained(tmp_path: Path, compiled: Compiled) -> None:
    out, facts = _seed_page(tmp_path, compiled)
    html = out.read_text(encoding="utf-8")
    parsed = _parse(html)
    assert parsed.root == {"lang": "ar", "dir": "rtl"}
    assert "<script" not in html and "http" not in html.split("<body>")[0]
    assert [m["data-fact"] for m in parsed.marks] == [f["id"] for f in facts]
    assert [m["text"] for m in parsed.marks] == [f["text"] for f in facts]
    assert 'class="legend"' in html
    assert page([PageDoc("d", "", [])], ["x"]).count("<li") == 0


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing: install the "
                    "Debian package chromium (.ci/run does)")
def test_chromium_renders_every_fact_in_order(tmp_path: Path, compiled: Compiled) -> None:
    out, facts = _seed_page(tmp_path, compiled)
    url = out.resolve().as_uri()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run([str(CHROMIUM), *FLAGS, *profile, "--dump-dom", url],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    parsed = _parse(dom)
    assert parsed.root.get("dir") == "rtl"
    assert [(m["data-type"], m["text"]) for m in parsed.marks] == [
        (f["type"], f["text"]) for f in facts]
    assert all("\n" in (m["title"] or "") for m in parsed.marks)
    shot = tmp_path / "page.png"
    subprocess.run([str(CHROMIUM), *FLAGS, *profile, f"--screenshot={shot}",
                    "--window-size=1200,1600", url], capture_output=True, timeout=120,
                   check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
