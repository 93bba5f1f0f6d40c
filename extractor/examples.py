"""Run the examples and counter-examples written inside every rule.

An example passes when the whole pipeline, run on its text, yields exactly one
fact of the rule's type covering exactly the expected span, made by that rule,
with the expected fields (those the example names). A counter-example passes
when no fact of the rule's type comes out at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from extractor.compile import Compiled
from extractor.engine import extract_document, fact_dicts
from extractor.model import Example, Rule


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    kind: str  # "example" or "counter_example"
    index: int
    text: str
    ok: bool
    message: str
    origin: str


def _ref(example: Example) -> dt.date | None:
    return dt.date.fromisoformat(example.ref_date) if example.ref_date else None


def _expected(value: Any) -> Any:
    """YAML scalars stay strings: compare ``null``/``true``/``false`` by meaning."""
    if isinstance(value, list):
        return [_expected(v) for v in value]
    return {"null": None, None: None, "true": True, "false": False}.get(value, value) \
        if not isinstance(value, dict) else {k: _expected(v) for k, v in value.items()}


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(actual, bool) or actual is None:
        return bool(actual == expected)
    if isinstance(actual, int):
        return str(actual) == str(expected)
    return bool(actual == expected)


def check_example(compiled: Compiled, rule: Rule, example: Example) -> str | None:
    """None when the example passes, else what went wrong."""
    result = extract_document(compiled, example.text, "example", _ref(example))
    facts = [f for f in fact_dicts(result, compiled, hidden=True) if f["type"] == rule.type]
    span = example.span or example.text
    at_span = [f for f in facts if f["text"] == span]
    if len(at_span) != 1:
        got = "; ".join(f"«{f['text']}» by {f['rule']}" for f in facts) or "nothing"
        return f"expected one {rule.type} fact on «{span}», got {got}"
    fact = at_span[0]
    if fact["rule"] != rule.id:
        return f"«{span}» was produced by rule {fact['rule']}, not {rule.id}"
    wrong = [f"{k}: expected {_expected(v)!r}, got {fact['fields'].get(k)!r}"
             for k, v in example.fields.items()
             if not _same(fact["fields"].get(k), _expected(v))]
    return "; ".join(wrong) or None


def check_counter_example(compiled: Compiled, rule: Rule, example: Example) -> str | None:
    result = extract_document(compiled, example.text, "counter", _ref(example))
    facts = [f for f in fact_dicts(result, compiled, hidden=True) if f["type"] == rule.type]
    if facts:
        return "expected nothing, got " + "; ".join(
            f"«{f['text']}» by {f['rule']}" for f in facts)
    return None


def run_examples(compiled: Compiled, rule_ids: set[str] | None = None) -> list[ExampleResult]:
    """Every example and counter-example of every rule (or of ``rule_ids``)."""
    out: list[ExampleResult] = []
    for crule in compiled.rules:
        rule = crule.rule
        if rule_ids and rule.id not in rule_ids:
            continue
        for i, ex in enumerate(rule.examples):
            msg = check_example(compiled, rule, ex)
            out.append(ExampleResult(rule.id, "example", i, ex.text, msg is None, msg or "",
                                     ex.origin))
        for i, ex in enumerate(rule.counter_examples):
            msg = check_counter_example(compiled, rule, ex)
            out.append(ExampleResult(rule.id, "counter_example", i, ex.text, msg is None,
                                     msg or "", ex.origin))
    return out
