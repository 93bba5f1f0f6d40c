"""Lexicon probes: each written form, put in the probe sentence, must come out as its entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.compile import Compiled
from extractor.probes import check_probe, probed_forms, run_probes
from extractor.rulepacks import check

PACK = """\
pack: probes
types:
  gem:
    fields: {id: string}
lexicons:
  gem_word:
    probes:
      - {text: 'اشترى التاجر {form} أمس', type: gem}
    groups:
      names: {}
      rare: {}
    entries:
      - {id: ruby, names: [ياقوت, ياقوتة]}
      - {id: pearl, names: [لؤلؤ], rare: [دانة]}
  gem_shadow:
    probes:
      - {text: 'اشترى التاجر {form} أمس', type: gem, groups: [names]}
    groups:
      names: {}
    entries:
      - {id: jade, names: [يشب, زمرد]}
rules:
  - id: gem-word
    type: gem
    pattern: '{gem_word:g}'
    fields: {id: '{g.id}'}
    examples:
      - {text: اشترى التاجر لؤلؤ أمس, span: لؤلؤ, fields: {id: pearl}}
  - id: gem-shadow
    type: gem
    priority: 40
    pattern: '{gem_shadow:g}'
    fields: {id: '{g.id}'}
    examples:
      - {text: اشترى التاجر يشب أمس, span: يشب, fields: {id: jade}}
"""


@pytest.fixture(scope="module")
def probe_rules(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    folder = tmp_path_factory.mktemp("probes")
    # «زمرد» is also a gem_word form: the higher-priority rule takes it as another entry.
    (folder / "probes.yaml").write_text(
        PACK.replace("[لؤلؤ], rare", "[لؤلؤ, زمرد], rare"), encoding="utf-8")
    compiled, problems = check((folder,), builtin=False)
    assert compiled is not None, problems
    return compiled


def test_every_form_of_every_entry_is_tried(probe_rules: Compiled) -> None:
    lex = probe_rules.ruleset.lexicons["gem_word"]
    assert [(e.id, g, f) for _p, e, g, f in probed_forms(lex)] == [
        ("ruby", "names", "ياقوت"), ("ruby", "names", "ياقوتة"),
        ("pearl", "names", "لؤلؤ"), ("pearl", "names", "زمرد"), ("pearl", "rare", "دانة")]


def test_forms_that_come_out_as_their_entry_pass(probe_rules: Compiled) -> None:
    results = run_probes(probe_rules, {"gem_word"})
    assert [r.ok for r in results] == [True] * 5


def test_a_form_taken_by_another_entry_fails_and_says_what_came_out(
        probe_rules: Compiled) -> None:
    lex = probe_rules.ruleset.lexicons["gem_shadow"]
    jade = lex.entries[0]
    probe = lex.probes[0]
    assert check_probe(probe_rules, lex, probe, jade, "يشب") is None
    message = check_probe(probe_rules, lex, probe, jade, "زمرد")
    assert message is not None
    assert "gem_shadow/jade" in message and "gem-word" in message


def test_a_probe_must_hold_the_form_slot(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(PACK.replace("'اشترى التاجر {form} أمس', type: gem}",
                                                    "'اشترى التاجر أمس', type: gem}", 1),
                                       encoding="utf-8")
    compiled, problems = check((tmp_path,), builtin=False)
    assert compiled is None
    assert [p.code for p in problems] == ["E203"]
    assert "{form}" in problems[0].message and problems[0].line == 8
