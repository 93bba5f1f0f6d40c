"""Strict YAML loading for rule packs: plain data plus the position of every value.

PyYAML's default loaders accept aliases (alias bombs), silently keep the last
of two duplicate keys, honour arbitrary tags and turn ``no`` into ``False``.
Rule authors need the opposite: every surprise is an error with its line and
column, and scalars stay strings until the schema types them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import regex
import yaml

from extractor.errors import RuleProblem

Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

MAX_RULE_FILE_BYTES = 2_000_000
_INVISIBLE = regex.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")
_NULL_TAG = "tag:yaml.org,2002:null"


class _Refused(Exception):
    def __init__(self, code: str, message: str, mark: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mark = mark


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes but refuses aliases, anchors and explicit tags."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("E102", "YAML aliases (*name) are not allowed in rule files",
                           event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused("E102", f"YAML anchors (&{anchor}) are not allowed in rule files",
                           event.start_mark)
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", (True, True))
        is_explicit = tag is not None and tag != "!" and (
            not isinstance(implicit, tuple) or not implicit[0]
        )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            is_explicit = tag is not None and not getattr(event, "implicit", True)
        if is_explicit:
            raise _Refused("E104", f"YAML tag {tag} is not allowed in rule files",
                           event.start_mark)
        return super().compose_node(parent, index)


def _pos(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class LoadedFile:
    """A rule file as plain data, with positions and the problems found loading it."""

    def __init__(self, path: Path, data: Any, positions: Positions, lines: list[str],
                 problems: list[RuleProblem]) -> None:
        self.path = path
        self.data = data
        self.positions = positions
        self.lines = lines
        self.problems = problems

    def problem(self, code: str, message: str, path: Path_, rule_id: str | None = None,
                key: bool = False) -> RuleProblem:
        """A problem located at ``path`` (the key itself when ``key``)."""
        line, col = self.locate(path, key)
        return RuleProblem(code, message, str(self.path), line, col, format_path(path),
                           rule_id, self.line_text(line))

    def locate(self, path: Path_, key: bool = False) -> tuple[int, int]:
        probe = path
        if key and ("#key",) + path in self.positions:
            return self.positions[("#key",) + path]
        while probe and probe not in self.positions:
            probe = probe[:-1]
        return self.positions.get(probe, (1, 1))

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


def display_path(path: Path) -> str:
    """The path as a user typed it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def format_path(path: Path_) -> str:
    """``('rules', 4, 'pattern')`` -> ``rules[4].pattern``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def load_rule_file(path: Path) -> LoadedFile:
    """Read one YAML rule file strictly; never raises for content problems."""
    problems: list[RuleProblem] = []
    path = Path(display_path(path))
    line: int
    col: int
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(RuleProblem("E100", str(exc), str(path)))
        return LoadedFile(path, None, {}, [], problems)
    if len(raw) > MAX_RULE_FILE_BYTES:
        problems.append(RuleProblem("E106", f"{len(raw)} bytes, the limit is "
                                    f"{MAX_RULE_FILE_BYTES}", str(path), 1, 1))
        return LoadedFile(path, None, {}, [], problems)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(RuleProblem("E100", f"not UTF-8: {exc}", str(path)))
        return LoadedFile(path, None, {}, [], problems)
    lines = text.splitlines()
    for lineno, text_line in enumerate(lines, 1):
        for m in _INVISIBLE.finditer(text_line):
            problems.append(RuleProblem(
                "E105", f"U+{ord(m.group()):04X} is invisible; delete it", str(path),
                lineno, m.start() + 1, "", None, text_line))
    positions: Positions = {}
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character such as NUL
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problems.append(RuleProblem("E101", f"character U+{exc.character:04X} is not allowed "
                                    "in YAML", str(path), line, col, "", None,
                                    lines[line - 1] if line <= len(lines) else ""))
        return LoadedFile(path, None, positions, lines, problems)
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        line, col = _pos(exc.mark)
        problems.append(RuleProblem(exc.code, exc.message, str(path), line, col, "", None,
                                    lines[line - 1] if line <= len(lines) else ""))
        return LoadedFile(path, None, positions, lines, problems)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = _pos(mark) if mark is not None else (1, 1)
        message = str(getattr(exc, "problem", exc))
        if "got '?'" in message:
            message += " (inside {...}, quote a value ending in '?', as in 'string?')"
        problems.append(RuleProblem("E101", message, str(path),
                                    line, col, "", None,
                                    lines[line - 1] if 0 < line <= len(lines) else ""))
        return LoadedFile(path, None, positions, lines, problems)
    finally:
        loader.dispose()
    loaded = LoadedFile(path, None, positions, lines, problems)
    loaded.data = _to_plain(node, (), loaded) if node is not None else None
    return loaded


def _to_plain(node: Any, path: Path_, loaded: LoadedFile) -> Any:
    loaded.positions[path] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                loaded.problems.append(loaded.problem("E202", "keys must be plain text", path))
                continue
            key = str(key_node.value)
            loaded.positions[("#key",) + path + (key,)] = _pos(key_node.start_mark)
            if key in out:
                loaded.problems.append(loaded.problem(
                    "E103", f"key {key!r} appears twice", path + (key,), key=True))
                continue
            out[key] = _to_plain(value_node, path + (key,), loaded)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_plain(item, path + (i,), loaded) for i, item in enumerate(node.value)]
    if node.tag == _NULL_TAG and node.value in ("", "~", "null", "Null", "NULL"):
        return None
    return str(node.value)
