"""CONTRIBUTING.md works: follow every step in a temporary copy of the project.

The guide's ``yaml``/``text`` blocks carry a step tag (``step=append-example
rule=...``) saying where the snippet goes, and its ``sh`` blocks an expected exit
code (``expect=1``); this test applies each snippet to a copy of the rules and
runs each command there, in order, so the guide cannot drift from the tool.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "CONTRIBUTING.md"
COPY = ["extractor", "rules", "templates", "schema", "seeds", "pyproject.toml", "RULES.md",
        "tests/conftest.py", "tests/test_golden.py", "tests/golden"]


def _steps() -> list[tuple[str, dict[str, str], str]]:
    """(kind, options, content) of every tagged block of the guide, in order."""
    out = []
    for token in MarkdownIt().parse(GUIDE.read_text(encoding="utf-8")):
        if token.type != "fence":
            continue
        words = shlex.split(token.info)
        opts = dict(w.split("=", 1) for w in words[1:] if "=" in w)
        if "step" in opts or "expect" in opts:
            out.append((words[0], opts, token.content))
    return out


def _rule_files(root: Path) -> list[Path]:
    return sorted((root / "rules").glob("*.yaml"))


def _find(lines: list[str], start: int, pred: object) -> int:
    for i in range(start, len(lines)):
        if pred(lines[i]):  # type: ignore[operator]
            return i
    raise AssertionError(f"guide step target not found after line {start + 1}")


def _edit(root: Path, anchor: str, edit: object) -> None:
    """Apply ``edit(lines, index_of_anchor)`` to the rule file holding ``anchor``."""
    for path in _rule_files(root):
        lines = path.read_text(encoding="utf-8").split("\n")
        if anchor in lines:
            edit(lines, lines.index(anchor))  # type: ignore[operator]
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"no rule file has the line {anchor!r}")


def _apply(root: Path, opts: dict[str, str], content: str) -> None:
    step = opts["step"]
    snippet = content.rstrip("\n").split("\n")
    if step == "append-example":
        def add_example(lines: list[str], at: int) -> None:
            i = _find(lines, at, lambda s: s.strip() == "examples:")
            lines[i + 1:i + 1] = snippet
        _edit(root, f"  - id: {opts['rule']}", add_example)
    elif step == "add-entry":
        def add_entry(lines: list[str], at: int) -> None:
            i = _find(lines, at, lambda s: s.strip() == "entries:")
            lines[i + 1:i + 1] = snippet
        _edit(root, f"  {opts['lexicon']}:", add_entry)
    elif step == "add-form":
        def add_form(lines: list[str], at: int) -> None:
            i = _find(lines, at, lambda s: s.strip() == f"- id: {opts['entry']}")
            i = _find(lines, i, lambda s: s.strip().startswith(f"{opts['group']}: ["))
            j = _find(lines, i, lambda s: "]" in s)
            k = lines[j].index("]")
            lines[j] = lines[j][:k] + f", {snippet[0].strip()}" + lines[j][k:]
        _edit(root, f"  {opts['lexicon']}:", add_form)
    elif step == "new-file":
        (root / opts["path"]).write_text(content, encoding="utf-8")
    elif step == "replace-line":
        path = root / opts["path"]
        lines = path.read_text(encoding="utf-8").split("\n")
        i = _find(lines, 0, lambda s: s.strip().startswith(opts["key"] + ":"))
        lines[i] = snippet[0]
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        raise AssertionError(f"unknown guide step {step!r}")


def _project_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "project"
    for name in COPY:
        src, dst = ROOT / name, root / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dst)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "extractor"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m extractor "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{Path(sys.executable).parent}:{os.environ['PATH']}",
           "PYTHONPATH": str(root), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    return root, env


def test_guide_has_the_three_walkthroughs() -> None:
    steps = _steps()
    kinds = [opts.get("step") for _, opts, _ in steps]
    assert {"append-example", "add-form", "add-entry", "new-file"} <= set(kinds)
    assert any(opts.get("expect") == "1" for _, opts, _ in steps), "no failing example first"


def test_follow_the_guide(tmp_path: Path) -> None:
    root, env = _project_copy(tmp_path)
    where = subprocess.run([sys.executable, "-c", "import extractor; print(extractor.__file__)"],
                           cwd=root, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(root)), "the copy must run its own engine and rules"
    for kind, opts, content in _steps():
        if kind != "sh":
            _apply(root, opts, content)
            continue
        for command in content.strip().splitlines():
            proc = subprocess.run(["bash", "-c", command], cwd=root, env=env,
                                  capture_output=True, text=True, timeout=600)
            assert proc.returncode == int(opts["expect"]), (
                f"`{command}` exited {proc.returncode}, the guide says {opts['expect']}:\n"
                f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    assert "amount-number-currency" in (root / "RULES.md").read_text(encoding="utf-8")


if not shutil.which("bash"):  # pragma: no cover
    pytestmark = pytest.mark.skip(reason="the guide's commands need bash")
