"""Hostile rule files and hostile text: rejected or bounded, never a crash or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.compile import Compiled
from extractor.engine import extract_document, fact_dicts
from extractor.errors import CATALOGUE
from extractor.loader import load_rule_file
from extractor.rulepacks import check


def _problems(tmp_path: Path, text: str | bytes) -> list[str]:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    path = folder / "hostile.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    compiled, problems = check((folder,))
    assert compiled is None
    return [p.code for p in problems]


def test_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    bomb = "pack: bomb\nfragments:\n  a: &a ['x','x','x','x','x','x','x','x','x']\n"
    for i in range(1, 12):
        bomb += f"  a{i}: &a{i} [*a{i - 1 if i > 1 else ''},*a{i - 1 if i > 1 else ''}]\n"
    started = time.perf_counter()
    assert _problems(tmp_path, bomb) == ["E102"]
    assert time.perf_counter() - started < 5  # generous: refused before expansion


def test_yaml_11_surprises_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "surprise.yaml"
    path.write_text("pack: p\nlexicons:\n  l:\n    attributes: [code]\n    entries:\n"
                    "      - {id: NO, forms: [نرويج], code: 010}\n"
                    "      - {id: '1:30', forms: [2019-01-01], code: yes}\n", encoding="utf-8")
    data = load_rule_file(path).data
    entries = data["lexicons"]["l"]["entries"]
    assert entries[0] == {"id": "NO", "forms": ["نرويج"], "code": "010"}
    assert entries[1] == {"id": "1:30", "forms": ["2019-01-01"], "code": "yes"}


@pytest.mark.parametrize(("text", "code"), [
    ("pack: p\nfragments: {a: !!python/object/apply:os.system ['true']}\n", "E104"),
    ("pack: p\npack: q\n", "E103"),
    ("pack: p\ndescription: \u202eevil\n", "E105"),
    (b"pack: p\n" + b"#" * 2_100_000, "E106"),
])
def test_hostile_rule_files_get_a_coded_error(tmp_path: Path, text: str | bytes,
                                              code: str) -> None:
    assert code in _problems(tmp_path, text)


def test_lexicon_over_the_entry_cap(tmp_path: Path) -> None:
    entries = "".join(f"      - {{id: e{i}, forms: [كلمة{i}]}}\n" for i in range(20_001))
    assert "E308" in _problems(tmp_path, f"pack: p\nlexicons:\n  big:\n    entries:\n{entries}")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_any_bytes_give_a_rule_set_or_coded_problems(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(b"pack: fuzz\n" + data)
        for problem in load_rule_file(path).problems:
            assert problem.code in CATALOGUE


ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MIXED = st.one_of(ARABIC, st.sampled_from(" .،:\n0123456789()-/\u0640\u200f\ufefb"),
                  st.characters())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(MIXED, max_size=300))
def test_any_text_gives_valid_offsets(compiled: Compiled, text: str) -> None:
    result = extract_document(compiled, text)
    for fact in fact_dicts(result, compiled):
        assert text[fact["start"]:fact["end"]] == fact["text"]
        assert fact["start"] < fact["end"]


def _class_alphabet(pattern: str) -> str:
    """The literal characters a rule's pattern mentions (its own alphabet)."""
    chars = set(regex.sub(r"\\[pPN]\{[^}]*\}|\\.|\(\?P?<[^>]*>|\(\?[:=!<]*", "", pattern))
    chars -= set("()[]{}|?*+^$\\")
    return "".join(sorted(chars)) or "ا"


def test_adversarial_strings_from_each_rule_stay_bounded(compiled: Compiled) -> None:
    """Long runs of a rule's own characters: facts or a rule_timeout, never a hang."""
    for crule in compiled.rules:
        if crule.rule.pattern is None:
            continue
        alphabet = _class_alphabet(crule.rule.pattern)
        text = (alphabet * (2000 // len(alphabet) + 1))[:2000]
        spaced = " ".join(alphabet[i % len(alphabet)] * 3 for i in range(600))
        for sample in (text, spaced):
            result = extract_document(compiled, sample)
            for d in result.diagnostics:
                assert d["code"] == "rule_timeout"


SLOW_PACK = """\
pack: slow
types:
  slow_thing:
    fields: {x: 'string?'}
rules:
  - id: slow-nested
    type: slow_thing
    pattern: '(?:(?:ا|اا)+)+ب'
    examples:
      - {text: اب, span: اب}
"""


def test_a_catastrophic_rule_times_out_and_the_others_still_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "slow"
    folder.mkdir()
    (folder / "slow.yaml").write_text(SLOW_PACK, encoding="utf-8")
    compiled, problems = check((folder,))
    assert compiled is not None, problems
    monkeypatch.setattr("extractor.match.timeout_for", lambda text: 0.3)
    text = "وزير الخارجية السوري وليد المعلم في عام 2019 " + "ا" * 40 + "ج"
    result = extract_document(compiled, text)
    assert [d["code"] for d in result.diagnostics] == ["rule_timeout"]
    assert result.diagnostics[0]["rule"] == "slow-nested"
    types = {f["type"] for f in fact_dicts(result, compiled)}
    assert {"minister", "date"} <= types
