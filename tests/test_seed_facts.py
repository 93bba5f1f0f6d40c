"""The facts the first seed article must give (issue: "The seed, right"), and nothing false."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.compile import Compiled
from extractor.engine import extract_document, fact_dicts

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_6de84ff522efcbb7.txt"


@pytest.fixture(scope="module")
def facts(compiled: Compiled) -> list[dict[str, Any]]:
    result = extract_document(compiled, SEED.read_text(encoding="utf-8"), SEED.stem)
    return fact_dicts(result, compiled)


def _of(facts: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [f for f in facts if f["type"] == kind]


def test_ministers(facts: list[dict[str, Any]]) -> None:
    named = {(f["fields"]["name"], f["fields"]["portfolio"], f["fields"]["country"],
              f["fields"]["role"]) for f in _of(facts, "minister") if f["rule"] != "coref"}
    assert named == {("وليد المعلم", "foreign_affairs", "SY", "minister"),
                     ("ري يونغ هو", "foreign_affairs", "KP", "minister"),
                     ("زياد صباغ", "industry", "SY", "minister")}


def test_officials(facts: list[dict[str, Any]]) -> None:
    officials = {(f["fields"]["name"], f["fields"]["role"], f["fields"]["country"],
                  f["fields"]["posted_to"]) for f in _of(facts, "official")
                 if f["rule"] != "coref"}
    assert ("كيم هيه ريونج", "charge_d_affaires", "KP") in {o[:3] for o in officials}
    assert (None, "ambassador", "KP", "SY") in officials
    assert (None, "ambassador", "KP", "RU") in officials
    roles = {o[1] for o in officials}
    assert roles <= {"charge_d_affaires", "ambassador", "envoy"}


def test_later_mentions_share_the_entity(facts: list[dict[str, Any]]) -> None:
    people = _of(facts, "minister") + _of(facts, "official")
    by_name = {f["fields"]["name"]: f.get("entity") for f in people}
    assert by_name["صباغ"] == by_name["زياد صباغ"] is not None
    assert by_name["كيم"] == by_name["كيم هيه ريونج"] is not None
    assert not any("وارد" in (f["fields"]["name"] or "") for f in people)


def test_dates(facts: list[dict[str, Any]]) -> None:
    dates = [(f["text"], f["fields"]["value"], f["fields"]["mod"], f["fields"]["inferred"])
             for f in _of(facts, "date")]
    values = {d[1] for d in dates}
    assert ("2019-06", "MID") in {(d[1], d[2]) for d in dates}
    assert {"2022", "2020", "2019", "2017"} <= values
    assert ("2022-03", True) in {(d[1], d[3]) for d in dates}
    assert values <= {"2019-06", "2022", "2022-03", "2020", "2019", "2017"}


def test_topics_and_instruments(facts: list[dict[str, Any]]) -> None:
    topics = {f["fields"]["topic"] for f in _of(facts, "topic")}
    assert {"bilateral_relations", "economic_cooperation", "sanctions", "terrorism",
            "industry", "pharmaceuticals", "renewable_energy", "mining_metals", "weapons",
            "labor"} <= topics
    instruments = {f["fields"]["instrument"] for f in _of(facts, "agreement")}
    assert {"memorandum_of_understanding", "agreement"} <= instruments


def test_meetings(facts: list[dict[str, Any]]) -> None:
    meetings = [(set(f["fields"]["participants"]), f["fields"]["date"], f["fields"]["location"])
                for f in _of(facts, "meeting")]
    assert len(meetings) == 2
    first, second = meetings
    assert first[0] == {"وليد المعلم", "ري يونغ هو"} and first[1] == "2019-06"
    assert first[2] in ("بيونغ يانغ",)
    assert second[0] == {"كيم هيه ريونج", "زياد صباغ"} and second[1] == "2022"
    assert second[2] in ("دمشق",)


def test_agreement_without_instrument(facts: list[dict[str, Any]]) -> None:
    agreed = [f["fields"] for f in _of(facts, "agreement") if f["fields"]["instrument"] is None]
    assert any(a["status"] == "agreed" and set(a["parties"]) == {"KP", "SY"}
               and a["date"] == "2019" and "sanctions" in a["topics"] for a in agreed)


def test_closing_line_yields_nothing(facts: list[dict[str, Any]]) -> None:
    raw = SEED.read_text(encoding="utf-8")
    last_line_start = raw.rstrip("\n").rfind("\n") + 1
    assert not [f for f in facts if f["start"] >= last_line_start]
