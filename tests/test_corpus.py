"""Corpus mode: streaming inputs, every line accounted for, --jobs N equals --jobs 1."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import invoke

from extractor.compile import Compiled
from extractor.inputs import InputDoc
from extractor.pipeline import extract_doc

ROOT = Path(__file__).resolve().parent.parent
SEED_LINES = [line for line in (ROOT / "seeds" / "000_6de84ff522efcbb7.txt")
              .read_text(encoding="utf-8").splitlines() if line.strip()]


def _corpus(n: int) -> str:
    lines = []
    for i in range(n):
        text = " ".join(SEED_LINES[j % len(SEED_LINES)] for j in range(i % 4 + 1 + i % 3))
        lines.append(json.dumps({"id": f"doc-{i}", "text": text, "date": "2015-07-23"},
                                ensure_ascii=False))
    return "\n".join(lines) + "\n"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return invoke(list(args), stdin)


def test_jobs_two_writes_exactly_what_jobs_one_writes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(_corpus(120), encoding="utf-8")
    one = run("extract", "--jobs", "1", str(corpus))
    two = run("extract", "--jobs", "2", str(corpus))
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 120
    assert b"120 document(s)" in two.stderr


def test_globs_gzip_and_every_bad_line_accounted_for(tmp_path: Path) -> None:
    good = _corpus(3).splitlines()
    mixed = [good[0], "{broken", "[1, 2]", json.dumps({"id": "x", "text": None}), good[1]]
    (tmp_path / "a.jsonl").write_text("\n".join(mixed) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(good[2] + "\n")
    (tmp_path / "c.jsonl").write_bytes(b'{"id": "bad-bytes", "text": "\xff\xfe"}\n')
    proc = run("extract", "--jobs", "1", str(tmp_path / "*.jsonl*"))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 7
    codes = [[d["code"] for d in r["diagnostics"]] for r in records]
    assert codes == [[], ["bad_json"], ["bad_record"], ["missing_text"], [], [],
                     ["decode_error"]]
    assert records[1]["id"].endswith("a.jsonl:2")
    assert run("extract", "--strict", str(tmp_path / "*.jsonl*")).returncode == 4


@pytest.mark.parametrize(("text", "code", "extracted"), [
    ("", "empty_document", False),
    ("   \n  ", "empty_document", False),
    ("\x00\x01\x02\x03" * 50, "binary_input", False),
    ("وزير الخارجية\x00 السوري", "control_characters", True),
    ("وزير \ud800 الخارجية", "lone_surrogate", True),
    ("Only English text here.", "no_arabic_text", True),
    ("The minister of foreign affairs said on Monday وزير الخارجية", "mostly_other_script",
     True),
])
def test_hostile_documents_get_a_coded_diagnostic(compiled: Compiled, text: str, code: str,
                                                  extracted: bool) -> None:
    record = extract_doc(compiled, InputDoc("d", text))
    assert code in [d["code"] for d in record["diagnostics"]]
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # always serializable
    for fact in record["facts"]:
        assert 0 <= fact["start"] < fact["end"] <= len(text)


def test_oversize_documents_are_reported_not_dropped(compiled: Compiled) -> None:
    record = extract_doc(compiled, InputDoc("big", "سوريا " * 100), max_chars=50)
    assert record["facts"] == []
    assert record["diagnostics"][0]["code"] == "oversize_document"


def test_legacy_encodings_are_named_and_readable_with_encoding(tmp_path: Path) -> None:
    doc = tmp_path / "legacy.txt"
    doc.write_bytes("وزير الخارجية السوري وليد المعلم".encode("cp1256"))
    plain = json.loads(run("extract", str(doc)).stdout)
    assert plain["diagnostics"][0]["code"] == "decode_error"
    assert "cp1256" in plain["diagnostics"][0]["message"]
    decoded = json.loads(run("extract", "--encoding", "cp1256", str(doc)).stdout)
    assert decoded["diagnostics"] == []
    assert b"\xef\xbf\xbd" not in run("extract", "--encoding", "cp1256", str(doc)).stdout


def test_detect_encoding_guesses_windows_arabic(tmp_path: Path) -> None:
    doc = tmp_path / "legacy.txt"
    doc.write_bytes(("وقال وزير الخارجية السوري وليد المعلم إن البلدين وقعا مذكرة تفاهم "
                     "في مجال الطاقة خلال زيارته إلى دمشق في عام 2019.").encode("cp1256"))
    proc = run("extract", "--detect-encoding", str(doc))
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert [d["code"] for d in record["diagnostics"]] == ["encoding_guessed"]
    assert "1256" in record["diagnostics"][0]["message"]
    assert any(f["type"] == "minister" for f in record["facts"])


def test_output_does_not_depend_on_hash_seeds(tmp_path: Path) -> None:
    """Byte-stable output: two processes with different string hashing agree."""
    import os

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(_corpus(40), encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-m", "extractor", "extract", "--jobs", "1",
                               str(corpus), str(ROOT / "seeds" / "000_6de84ff522efcbb7.txt")],
                              capture_output=True, cwd=ROOT, timeout=300, env=env)
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
