"""Hostile templates: loops, huge strings and escapes are stopped with a clear error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.compile import Compiled
from extractor.render import TemplateError, render_documents

RECORD: dict[str, Any] = {"id": "doc", "schema": "extractor.facts/1", "facts": [],
                          "diagnostics": []}


@pytest.mark.parametrize(("source", "message"), [
    ("{% for i in range(2000) %}{% for j in range(2000) %}x{% endfor %}{% endfor %}",
     "runaway loop"),
    ("{% for i in range(100) %}{{ 'y' * 999999 }}{% endfor %}", "characters"),
    ("{{ 'x' * 50000000 }}", "1000000"),
    ("{% set s = 'ab' * 400000 %}{{ s + s + s }}", "1000000"),
    ("{{ 2 ** 100000 }}", "exponent"),
    ("{% for i in range(4000000) %}{% endfor %}", "range"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("{{ documents[0].nothing }}", "nothing"),
    ("{% for d in documents %}{{ d.id.upper() }}{% do d.update({}) %}{% endfor %}", ""),
])
def test_hostile_templates_stop_with_a_clear_error(tmp_path: Path, compiled: Compiled,
                                                   source: str, message: str) -> None:
    template = tmp_path / "hostile.md.j2"
    template.write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        render_documents([(RECORD, [])], compiled, str(template))
    assert message.lower() in str(info.value).lower()


def test_slow_template_is_stopped_by_time(tmp_path: Path, compiled: Compiled,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.sandbox as sandbox

    monkeypatch.setattr("extractor.render.render_limited",
                        lambda chunks, docs: sandbox.render_limited(chunks, docs, seconds=0.5))
    template = tmp_path / "slow.md.j2"
    template.write_text("{% for i in range(99999) %}{% for j in range(99999) %}"
                        "{% endfor %}{% endfor %}", encoding="utf-8")
    with pytest.raises(TemplateError, match="longer than"):
        render_documents([(RECORD, [])], compiled, str(template))
