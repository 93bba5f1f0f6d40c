"""Unit tests of the date builder (extractor/values.py): grains, relatives, intervals."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.values import DateContext, build_date, day_value, explicit_year

THU = dt.date(2015, 7, 23)  # a Thursday; Hijri 1436-10-07
CTX = DateContext(THU, None, "document")


def value(parts: dict[str, str], ctx: DateContext = CTX) -> object:
    return build_date(parts, ctx)["value"]


@pytest.mark.parametrize(("parts", "expected"), [
    ({"week_offset": "-1"}, "2015-W29"),
    ({"week_offset": "0"}, "2015-W30"),
    ({"week_offset": "1"}, "2015-W31"),
    ({"month_offset": "-1"}, "2015-06"),
    ({"month_offset": "6"}, "2016-01"),
    ({"year_offset": "-1"}, "2014"),
    ({"year_offset": "0", "year_part": "Q1"}, "2015-Q1"),
    ({"offset": "1"}, "2015-07-24"),
])
def test_relative_periods(parts: dict[str, str], expected: str) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("weekday", "direction", "expected"), [
    ("4", "past", "2015-07-16"),   # الخميس الماضي on a Thursday: a week ago
    ("4", "next", "2015-07-30"),
    ("4", "this", "2015-07-23"),
    ("4", "", "2015-07-23"),       # bare: on or before the reference
    ("2", "", "2015-07-21"),
    ("7", "this", "2015-07-26"),
    ("5", "past", "2015-07-17"),
])
def test_weekdays(weekday: str, direction: str, expected: str) -> None:
    assert value({"weekday": weekday, "direction": direction}) == expected


def test_month_direction_gregorian_and_hijri() -> None:
    assert value({"month": "1", "direction": "past"}) == "2015-01"
    assert value({"month": "11", "direction": "past"}) == "2014-11"
    assert value({"month": "3", "direction": "next"}) == "2016-03"
    ramadan = build_date({"month": "9", "direction": "past", "calendar": "hijri"}, CTX)
    assert ramadan["hijri"] == "1436-09"
    assert ramadan["value"] == "2015-06-18/2015-07-16"
    shaban = build_date({"month": "8", "direction": "next", "calendar": "hijri"}, CTX)
    assert shaban["hijri"] == "1437-08"


def test_relative_records_its_reference() -> None:
    assert build_date({"offset": "-1"}, CTX)["reference"] == "document"
    assert build_date({"offset": "-1"}, DateContext(THU, None))["reference"] == "cli"
    unresolved = build_date({"offset": "-1"}, DateContext(None, None))
    assert unresolved["value"] is None and unresolved["reference"] is None
    assert build_date({"day": "5", "month": "3", "year": "2015"}, CTX)["reference"] is None


def test_decades_centuries_halves() -> None:
    assert value({"decade": "8"}) == "198"
    assert value({"decade": "7", "century": "20"}) == "197"
    assert value({"century": "20"}) == "19"
    assert value({"century": "21"}) == "20"
    assert value({"year": "2014", "year_part": "H2"}) == "2014-H2"
    assert value({"year": "2015", "year_part": "Q1"}) == "2015-Q1"


def test_day_ranges() -> None:
    assert value({"day": "4", "day_end": "23", "month": "7", "year": "2015"}) == \
        "2015-07-04/2015-07-23"
    assert value({"day": "28", "month": "6", "day_end": "3", "month_end": "7",
                  "year": "2015"}) == "2015-06-28/2015-07-03"
    assert value({"day": "30", "month": "12", "day_end": "2", "month_end": "1",
                  "year": "2015"}) == "2015-12-30/2016-01-02"
    # a range without a year takes the reference year and is inferred
    built = build_date({"day": "4", "day_end": "23", "month": "7"}, CTX)
    assert built["value"] == "2015-07-04/2015-07-23" and built["inferred"] is True
    # an end before the start is no range: the first day stays
    assert value({"day": "23", "day_end": "4", "month": "7", "year": "2015"}) == "2015-07-23"


def test_hijri_dates_and_year_pairs() -> None:
    built = build_date({"day": "7", "month": "10", "year": "1436", "calendar": "hijri"}, CTX)
    assert built["value"] == "2015-07-23" and built["hijri"] == "1436-10-07"
    pair = build_date({"year": "1436", "year_end": "1437", "calendar": "hijri"}, CTX)
    assert pair["hijri"] == "1436/1437" and pair["value"] == "2014-10-25/2016-10-01"


def test_helpers() -> None:
    assert day_value({"value": "2015-07-23"}) == THU
    assert day_value({"value": "2015-07"}) is None
    assert explicit_year({"year": "2015"}) == 2015
    assert explicit_year({"year": "1436", "calendar": "hijri"}) is None
