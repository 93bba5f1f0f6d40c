"""Golden files: the JSONL facts and the fact sheet of every seed document.

Goldens change only with ``pytest --update-golden``; a golden without its seed
fails; a mismatch shows a unified diff.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from extractor.compile import Compiled
from extractor.inputs import InputDoc
from extractor.pipeline import extract_doc_with_sentences
from extractor.render import render_documents

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"


def _compare(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden {path.name}: run pytest --update-golden"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{path.name}", "actual"))
        pytest.fail(f"{path.name} differs from its golden (pytest --update-golden rewrites "
                    f"it):\n{diff}")


def _outputs(seed: Path, compiled: Compiled) -> tuple[str, str]:
    doc = InputDoc(seed.stem, seed.read_text(encoding="utf-8"))
    record, sentences = extract_doc_with_sentences(compiled, doc)
    jsonl = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    return jsonl, render_documents([(record, sentences)], compiled)


def test_there_is_a_seed() -> None:
    assert SEEDS


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_golden(seed: Path, compiled: Compiled, update_golden: bool) -> None:
    jsonl, sheet = _outputs(seed, compiled)
    _compare(GOLDEN / f"{seed.stem}.jsonl", jsonl, update_golden)
    _compare(GOLDEN / f"{seed.stem}.md", sheet, update_golden)


def test_no_golden_without_its_seed() -> None:
    stems = {s.stem for s in SEEDS}
    orphans = [g.name for g in GOLDEN.iterdir() if g.stem not in stems]
    assert not orphans, f"goldens without a seed: {orphans}"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_offsets_point_into_the_raw_text(seed: Path, compiled: Compiled) -> None:
    raw = seed.read_text(encoding="utf-8")
    record = json.loads(_outputs(seed, compiled)[0])
    for fact in record["facts"]:
        assert raw[fact["start"]:fact["end"]] == fact["text"]
