"""House style is part of the suite: ruff and mypy --strict on the engine."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [
    [sys.executable, "-m", "ruff", "check", "extractor", "tests"],
    [sys.executable, "-m", "mypy", "--strict", "extractor"],
], ids=["ruff", "mypy"])
def test_linters_pass(command: list[str]) -> None:
    if shutil.which(command[2]) is None and subprocess.run(
            [sys.executable, "-m", command[2], "--version"], capture_output=True).returncode:
        pytest.fail(f"{command[2]} is not installed: pip install -e '.[test]'")
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
