"""Run the command line in-process (click's runner): same exit codes and streams as
``python -m extractor``, without paying start-up and pattern compilation per call.
One test in test_cli.py still runs the real ``python -m extractor`` subprocess."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

from click.testing import CliRunner

from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent


def invoke(args: list[str], stdin: str | bytes | None = None,
           cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    """Exit code, stdout bytes and stderr bytes of one command line."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout_bytes,
                                       result.stderr_bytes)


def invoke_text(args: list[str], stdin: str | None = None,
                cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Like :func:`invoke`, with text streams."""
    proc = invoke(args, stdin, cwd)
    return subprocess.CompletedProcess(args, proc.returncode, proc.stdout.decode("utf-8"),
                                       proc.stderr.decode("utf-8"))
