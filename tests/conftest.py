"""Shared fixtures: the compiled built-in rules and the golden-file update flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.compile import Compiled
from extractor.rulepacks import compiled_rules

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite golden files from the current output.")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def compiled() -> Compiled:
    return compiled_rules(())
