"""Every example and counter-example written inside every built-in rule runs here."""

from __future__ import annotations

import pytest

from extractor.compile import Compiled
from extractor.examples import check_counter_example, check_example
from extractor.probes import check_probe, probed_forms
from extractor.rulepacks import compiled_rules

_COMPILED = compiled_rules(())
CASES = [(c.rule, kind, i, ex)
         for c in _COMPILED.rules
         for kind, exs in (("example", c.rule.examples), ("counter", c.rule.counter_examples))
         for i, ex in enumerate(exs)]


@pytest.mark.parametrize(("rule", "kind", "index", "example"), CASES,
                         ids=[f"{r.id}-{k}{i}" for r, k, i, _ in CASES])
def test_rule_example(compiled: Compiled, rule: object, kind: str, index: int,
                      example: object) -> None:
    check = check_example if kind == "example" else check_counter_example
    message = check(compiled, rule, example)  # type: ignore[arg-type]
    assert message is None, f"{example.origin}: {message}"  # type: ignore[attr-defined]


PROBES = [(lex, probe, entry, form) for lex in _COMPILED.ruleset.lexicons.values()
          for probe, entry, _group, form in probed_forms(lex)]


@pytest.mark.parametrize(("lex", "probe", "entry", "form"), PROBES,
                         ids=[f"{lx.name}-{e.id}-{i}" for i, (lx, _, e, _f) in enumerate(PROBES)])
def test_lexicon_probe(compiled: Compiled, lex: object, probe: object, entry: object,
                       form: str) -> None:
    """Every form of a probed lexicon, in its probe sentence, comes out as its entry."""
    message = check_probe(compiled, lex, probe, entry, form)  # type: ignore[arg-type]
    assert message is None, f"{entry.origin}: {message}"  # type: ignore[attr-defined]


def test_every_atomic_rule_has_examples() -> None:
    missing = [c.rule.id for c in _COMPILED.rules if not c.rule.examples]
    assert not missing, f"rules without examples: {missing}"


def test_there_are_rules_to_test() -> None:
    assert len(CASES) > 20
