"""Run the extractor on Dask: the same pure per-line function, scaled out.

``extract_line`` turns one JSONL input line into one JSONL output line (a bad
line becomes a record with a diagnostic, as in ``extractor extract``), so a
``dask.bag`` pipeline is read_text -> map -> to_textfiles, and a Spark job is
``rdd.mapPartitions(extract_lines)``. Dask is an optional extra:
``pip install -e '.[dask]'``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from extractor.inputs import _from_json_line
from extractor.pipeline import extract_doc
from extractor.rulepacks import compiled_rules


def extract_line(line: str, source: str = "dask", lineno: int = 0) -> str:
    """One JSONL input line -> one JSONL output line (rules compile once per process)."""
    doc = _from_json_line(line, source, lineno, None)
    record = extract_doc(compiled_rules(()), doc)
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def extract_lines(lines: Iterable[str]) -> Iterator[str]:
    """``extract_line`` over a partition (for Spark's ``mapPartitions``)."""
    for line in lines:
        if line.strip():
            yield extract_line(line)


def dask_extract(input_paths: str | list[str], output_dir: str,
                 scheduler: Any = None, blocksize: str = "8MiB") -> list[str]:
    """Extract JSONL files with a dask.bag; writes part files under ``output_dir``.

    ``scheduler`` is a ``distributed.Client`` (or None for Dask's default).
    Output order within each part follows the input order.
    """
    import dask.bag as db

    bag = db.read_text(input_paths, blocksize=blocksize)  # type: ignore[no-untyped-call]
    lines = bag.filter(lambda line: bool(line.strip())).map(extract_line)
    out: list[str] = lines.to_textfiles(
        f"{output_dir}/part-*.jsonl", last_endline=True,
        compute_kwargs={"scheduler": scheduler} if scheduler is not None else {})
    return out
