"""Coverage-guided fuzzing of extraction (OSS-Fuzz style, atheris).

Property: any Unicode text gives facts whose offsets are valid
(``raw[start:end] == text``) and documented diagnostics -- never an exception.

    pip install atheris
    python fuzz/fuzz_extract.py -max_total_time=600 fuzz/corpus_extract
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports():
    from extractor.inputs import InputDoc
    from extractor.pipeline import extract_doc
    from extractor.rulepacks import compiled_rules
    from extractor.screen import CODES

COMPILED = compiled_rules(())
KNOWN_CODES = set(CODES) | {"rule_timeout", "hijri_gregorian_mismatch"}


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    record = extract_doc(COMPILED, InputDoc("fuzz", text))
    json.dumps(record, ensure_ascii=False).encode("utf-8")
    for fact in record["facts"]:
        assert 0 <= fact["start"] < fact["end"] <= len(text), fact
        assert text[fact["start"]:fact["end"]] == fact["text"], fact
    for diag in record["diagnostics"]:
        assert diag["code"] in KNOWN_CODES, diag


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
