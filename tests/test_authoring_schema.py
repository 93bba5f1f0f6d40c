"""The JSON Schema for rule packs: built-in packs validate, and it agrees with the loader."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.schema import KEYS

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "rulepack.schema.json"
PACKS = sorted((ROOT / "rules").glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=../schema/rulepack.schema.json"


class _EditorLoader(yaml.SafeLoader):
    """Types scalars as an editor's YAML 1.2 parser does: dates stay text, NO is Norway."""


_EditorLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in (
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
for _first in "tTfF":
    _EditorLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(0, (
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))


def _schema() -> dict[str, Any]:
    return dict(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _validator() -> Any:
    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_builtin_pack_validates(pack: Path) -> None:
    data = yaml.load(pack.read_text(encoding="utf-8"), Loader=_EditorLoader)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{pack.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_builtin_pack_names_the_schema(pack: Path) -> None:
    assert pack.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize("section", sorted(KEYS))
def test_schema_and_loader_agree(section: str) -> None:
    allowed, required = KEYS[section]
    definition = _schema()["$defs"][section]
    assert set(definition["properties"]) == allowed, (
        f"{section}: only in the loader {sorted(allowed - set(definition['properties']))}, "
        f"only in the schema {sorted(set(definition['properties']) - allowed)}")
    assert set(definition.get("required", [])) == required
    assert definition.get("additionalProperties") is False


def test_schema_has_no_section_the_loader_lacks() -> None:
    closed = {name for name, d in _schema()["$defs"].items()
              if isinstance(d, dict) and d.get("additionalProperties") is False}
    assert closed == set(KEYS)


def test_schema_rejects_an_unknown_key() -> None:
    bad = {"pack": "x", "rules": [{"id": "a-b", "type": "t", "pattern": "x", "patern": "y"}]}
    assert list(_validator().iter_errors(bad))
