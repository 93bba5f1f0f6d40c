"""Coverage-guided fuzzing of the rule loader (OSS-Fuzz style, atheris).

Property: any bytes give either a compiled rule set or a list of coded rule
problems with a file, line and column -- never another exception.

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=600 fuzz/corpus_loader
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from extractor.compile import compile_patterns, compile_ruleset
    from extractor.errors import CATALOGUE
    from extractor.loader import load_rule_file
    from extractor.model import RuleSet
    from extractor.schema import build_pack

_DIR = Path(tempfile.mkdtemp(prefix="fuzz-loader-"))


def test_one_input(data: bytes) -> None:
    path = _DIR / "pack.yaml"
    path.write_bytes(data)
    loaded = load_rule_file(path)
    rs = RuleSet()
    problems = loaded.problems + build_pack(loaded, rs)
    compiled, more = compile_ruleset(rs)
    problems += more + compile_patterns(compiled)
    for p in problems:
        assert p.code in CATALOGUE, p
        assert p.line >= 0 and p.column >= 0, p


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
