"""The fact sheet is valid Markdown: cells parse back to the exact fact values."""

from __future__ import annotations

from typing import Any

import pytest
from markdown_it import MarkdownIt

from extractor.compile import Compiled
from extractor.render import TemplateError, md_inline, render_documents

NASTY = ["a|b", "*bold*", "# heading", "`code`", "line\nbreak", "<script>x</script>",
         "[x](javascript:alert(1))", "> quote", "- item", "وزير | الخارجية", "back\\slash",
         "&amp;"]


def _cells(markdown: str) -> list[list[str]]:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(markdown)
    rows: list[list[str]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline" and i > 0 and tokens[i - 1].type in ("td_open", "th_open"):
            rows[-1].append("".join(child.content for child in tok.children or []
                                    if child.type in ("text", "softbreak", "code_inline"))
                            if not any(c.type == "code_inline" for c in tok.children or [])
                            else tok.content)
    return rows


def _record(value: str) -> dict[str, Any]:
    fields = {"name": value, "role": "minister", "portfolio": "finance", "country": value,
              "honorific": None, "status": None}
    return {"id": "doc", "schema": "extractor.facts/1", "diagnostics": [], "facts": [
        {"id": "f1", "type": "minister", "start": 0, "end": 1, "text": value, "sentence": 0,
         "rule": "r", "fields": fields}]}


@pytest.mark.parametrize("value", NASTY)
def test_table_cells_round_trip(value: str, compiled: Compiled) -> None:
    sheet = render_documents([(_record(value), [value])], compiled)
    rows = _cells(sheet)
    people = [r for r in rows if len(r) == 7 and r[1] == "minister"]
    assert people, sheet
    assert people[0][0] == value
    assert people[0][4] == value


def test_inline_escape_leaves_no_markdown_syntax() -> None:
    md = MarkdownIt("commonmark", {"html": False})
    html = md.render("text " + md_inline("<script>alert(1)</script> [x](javascript:a) *b*"))
    assert "<script>" not in html and "<a " not in html and "<em>" not in html


def test_user_templates_run_sandboxed(tmp_path: Any, compiled: Compiled) -> None:
    evil = tmp_path / "evil.md.j2"
    evil.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    with pytest.raises(TemplateError):
        render_documents([(_record("x"), ["x"])], compiled, str(evil))
    undefined = tmp_path / "undefined.md.j2"
    undefined.write_text("{{ documents[0].nothing_here }}", encoding="utf-8")
    with pytest.raises(TemplateError):
        render_documents([(_record("x"), ["x"])], compiled, str(undefined))
