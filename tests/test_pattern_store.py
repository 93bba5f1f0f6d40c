"""The compiled-pattern store: patterns come back identical, bad files are recompiled."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extractor import pattern_store

SOURCE = r"(?<!\w)(?P<m>وزير (?:الخارجيه|الداخليه))(?!\w)"


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return pattern_store.store_dir()


def test_a_stored_pattern_is_loaded_without_compiling(
        store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = pattern_store.load_or_compile(SOURCE, regex.V0)
    assert len(list(store.glob("*.pickle"))) == 1

    def no_compile(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again instead of loading the stored pattern")
    monkeypatch.setattr(pattern_store.regex, "compile", no_compile)
    again = pattern_store.load_or_compile(SOURCE, regex.V0)
    assert again is not first
    text = "قال وزير الخارجيه إن"
    assert again.search(text).span("m") == first.search(text).span("m") == (4, 17)


@pytest.mark.parametrize("content", [b"", b"not a pickle", None])
def test_a_damaged_or_foreign_file_is_compiled_again(store: Path, content: bytes | None) -> None:
    pattern_store.load_or_compile(SOURCE, regex.V0)
    (path,) = store.glob("*.pickle")
    if content is None:  # a valid pickle of another pattern under this name
        other = pattern_store.load_or_compile("(?P<m>سفير)", regex.V0)
        path.write_bytes((store / next(
            p.name for p in store.glob("*.pickle") if p != path)).read_bytes())
        assert other.pattern != SOURCE
    else:
        path.write_bytes(content)
    loaded = pattern_store.load_or_compile(SOURCE, regex.V0)
    assert loaded.pattern == SOURCE
    assert loaded.search("وزير الداخليه") is not None


def test_a_read_only_store_still_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert pattern_store.load_or_compile(SOURCE, regex.V0).pattern == SOURCE


def test_the_store_keeps_the_newest_patterns_only(store: Path) -> None:
    import os

    for i in range(5):
        pattern_store.load_or_compile(f"(?P<m>وزير{i})", regex.V0)
    files = sorted(store.glob("*.pickle"))
    for age, path in enumerate(files):  # make the order of creation explicit
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    assert pattern_store.prune(store, keep=3) == 2
    assert sorted(store.glob("*.pickle")) == files[2:]
    assert pattern_store.prune(store, keep=3) == 0
