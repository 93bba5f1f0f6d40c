"""One process, --jobs 2 and Dask give the same facts on the same 1,000 documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [s.strip() + "." for line in (ROOT / "seeds" / "000_6de84ff522efcbb7.txt")
             .read_text(encoding="utf-8").splitlines() for s in line.split(". ") if s.strip()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "corpus.jsonl"
    lines = [json.dumps({"id": f"doc-{i}", "text": SENTENCES[i % len(SENTENCES)],
                         "date": f"2015-07-{1 + i % 28:02d}"}, ensure_ascii=False)
             for i in range(1000)]
    lines[500] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _extract(corpus: Path, jobs: int) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", "--jobs", str(jobs),
                           str(corpus)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def _facts(lines: list[str]) -> list[tuple[str, list[dict[str, object]]]]:
    return [(r["id"], r["facts"]) for r in map(json.loads, lines)]


def test_one_process_two_jobs_and_dask_agree(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from extractor.distributed import dask_extract

    single = _extract(corpus, 1)
    assert len(single) == 1000
    assert _extract(corpus, 2) == single
    out = tmp_path / "dask-out"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        parts = dask_extract(str(corpus), str(out), scheduler=client, blocksize="64KiB")
    lines = [line for part in sorted(parts, key=lambda p: int(Path(p).stem.split("-")[1]))
             for line in Path(part).read_text(encoding="utf-8").splitlines()]
    by_id = dict(_facts(single))
    dask_facts = dict(_facts(lines))
    assert len(lines) == 1000
    bad = [i for i in dask_facts if i not in by_id]
    assert len(bad) == 1  # the malformed line: its id names the position, not the file
    assert {k: v for k, v in dask_facts.items() if k not in bad} == {
        k: v for k, v in by_id.items() if k in dask_facts}
