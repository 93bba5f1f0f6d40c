"""Compiled regexes kept on disk, so each pattern is compiled once per machine.

The ``regex`` package compiles in Python: a people pattern with its lexicons
written out takes one to two seconds, and every new process (a CLI run, each
``--jobs`` worker, each Dask worker) used to pay it again. A compiled pattern
pickles as its compiled code, which ``regex`` hands straight back to its C
engine on loading, so loading costs milliseconds. Each pattern lives in its own
file named by a hash of its source and flags, in a folder per ``regex`` and
Python version (the compiled code is private to them). A file that is missing,
unreadable, or holds a different pattern is compiled again and rewritten; a
read-only cache folder only costs time. The oldest files go when the folder
holds more than ``MAX_STORED`` patterns.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

import regex


def cache_dir() -> Path:
    """The extractor's folder in the user's cache (``$XDG_CACHE_HOME`` honoured)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extractor"


def store_dir() -> Path:
    """Where compiled patterns are kept: one folder per regex and Python version."""
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return cache_dir() / f"patterns-regex{regex.__version__}-py{python}"


def load_or_compile(source: str, flags: int) -> regex.Pattern[str]:
    """The compiled ``source``: from the store when it is there, else compiled and stored."""
    path = store_dir() / (_key(source, flags) + ".pickle")
    try:
        with path.open("rb") as fh:
            loaded = pickle.load(fh)
        if isinstance(loaded, regex.Pattern) and loaded.pattern == source:
            return loaded  # the flags are part of the file name
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError,
            AttributeError, IndexError):
        pass  # not stored yet, or written by something else: compile it again
    pattern = regex.compile(source, flags)
    write_atomically(path, pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL))
    prune(path.parent)
    return pattern


MAX_STORED = 2000  # patterns kept; a rule pack has a few hundred, edits add more


def prune(folder: Path, keep: int = MAX_STORED, glob: str = "*.pickle") -> int:
    """Delete the oldest files matching ``glob`` beyond ``keep`` (every edit of a
    rule adds one; without this the folder would only grow). Returns how many went."""
    try:
        files = list(folder.glob(glob))
        if len(files) <= keep:
            return 0
        files.sort(key=lambda f: f.stat().st_mtime)
        for old in files[:len(files) - keep]:
            old.unlink(missing_ok=True)
        return len(files) - keep
    except OSError:
        return 0  # another process pruning at the same time, or a read-only cache


def _key(source: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}\0{source}".encode()).hexdigest()[:32]


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` so that a concurrent reader sees the old file or the whole new
    one; a cache folder that cannot be written only costs time later."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        pass
