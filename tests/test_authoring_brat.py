"""brat export: the .ann spans, parsed back, are exactly the facts' texts in the .txt."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from extractor.brat import file_stem, parse_ann, to_ann
from extractor.cli import main
from extractor.compile import Compiled
from extractor.inputs import InputDoc
from extractor.pipeline import extract_doc

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


def test_seed_round_trips_through_brat(tmp_path: Path, compiled: Compiled) -> None:
    out = tmp_path / "brat"
    result = CliRunner().invoke(main, ["extract", str(SEED), "--format", "brat",
                                       "--out-dir", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    txt = (out / f"{SEED.stem}.txt").read_bytes().decode("utf-8")
    assert txt == SEED.read_bytes().decode("utf-8")
    anns = parse_ann((out / f"{SEED.stem}.ann").read_text(encoding="utf-8"))
    facts = extract_doc(compiled, InputDoc(SEED.stem, txt))["facts"]
    assert facts and len(anns) == len(facts)
    for ann, fact in zip(anns, facts, strict=True):
        (start, end), *more = ann["fragments"]
        assert not more
        assert (ann["type"], start, end) == (fact["type"], fact["start"], fact["end"])
        assert txt[start:end] == ann["text"] == fact["text"]
        assert ann["note"]["fields"] == fact["fields"] and ann["note"]["rule"] == fact["rule"]
        for name, value in ann["attributes"].items():
            assert str(fact["fields"][name]) == str(value) or fact["fields"][name] is True
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]" in conf and "minister" in conf


def test_a_fact_across_a_line_break_becomes_fragments() -> None:
    text = "ab cd\nef gh"
    fact = {"id": "f1", "type": "x", "start": 3, "end": 8, "text": text[3:8], "rule": "r",
            "fields": {"kind": "k", "names": ["a b"], "flag": True, "off": False, "n": None}}
    (ann,) = parse_ann(to_ann(text, [fact]))
    assert ann["fragments"] == [(3, 5), (6, 8)]
    assert ann["text"] == " ".join(text[a:b] for a, b in ann["fragments"])
    assert ann["attributes"] == {"kind": "k", "flag": True}
    assert ann["note"]["fields"]["names"] == ["a b"]


def test_file_stems_are_safe_and_unique() -> None:
    used: set[str] = set()
    assert file_stem("a/b c", used) == "a_b_c"
    assert file_stem("a/b c", used) == "a_b_c-2"
    assert file_stem("../..", used) == "doc"


def test_brat_needs_an_out_dir() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEED), "--format", "brat"])
    assert result.exit_code == 2
