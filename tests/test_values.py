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
    ("4", "past", "2015-07-16"),   # last Thursday, said on a Thursday: a week ago
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


@pytest.mark.parametrize(("parts", "expected"), [
    ({"sign": "-1", "unit": "day", "count": "3"}, "2015-07-20"),
    ({"sign": "1", "unit": "week", "unit_count": "2"}, "2015-08-06"),
    ({"sign": "-1", "unit": "year", "count_word": "5", "count_tens": "20"}, "1990-07-23"),
    ({"sign": "1", "unit": "month", "unit_count": "1"}, "2015-08-23"),
    ({"sign": "-1", "unit": "day"}, None),  # no count: no value
])
def test_counted_offsets(parts: dict[str, str], expected: str | None) -> None:
    assert value(parts) == expected


def test_counted_offset_clips_the_month_end() -> None:
    ctx = DateContext(dt.date(2015, 1, 31), None, "cli")
    assert value({"sign": "1", "unit": "month", "unit_count": "1"}, ctx) == "2015-02-28"


@pytest.mark.parametrize(("parts", "expected", "hijri"), [
    ({"hmonth": "10", "hday": "1"}, "2015-07-17", "1436-10-01"),          # Eid al-Fitr
    ({"hmonth": "12", "hday": "10"}, "2015-09-23", "1436-12-10"),         # Eid al-Adha
    ({"hmonth": "10", "hday": "1", "year": "2013"}, "2013-08-08", "1434-10-01"),
    ({"hmonth": "1", "hday": "1", "year": "2019"}, "2019-08-31", "1441-01-01"),
])
def test_hijri_feasts_in_a_gregorian_year(parts: dict[str, str], expected: str,
                                           hijri: str) -> None:
    out = build_date(parts, CTX)
    assert (out["value"], out["hijri"], out["calendar"]) == (expected, hijri, "hijri")
    assert out["inferred"] is ("year" not in parts)


@pytest.mark.parametrize(("parts", "expected"), [
    ({"nth": "3", "weekday": "2", "month": "9", "year": "2014"}, "2014-09-16"),
    ({"nth": "-1", "weekday": "1", "month": "3", "year": "2013"}, "2013-03-25"),
    ({"nth": "1", "weekday": "5", "month": "7"}, "2015-07-03"),
    ({"nth": "-1", "weekday": "1", "month_offset": "1"}, "2015-08-31"),
    ({"nth": "5", "weekday": "1", "month": "2", "year": "2015"}, None),  # no 5th Monday
    ({"nth": "-1", "weekday": "5", "month": "9", "calendar": "hijri"}, "2015-07-10"),
    ({"nth_week": "1", "month": "10", "year": "2014"}, "2014-W41"),
    ({"nth_week": "-1", "month": "9", "year": "2014"}, "2014-W39"),
])
def test_nth_weekday_and_week_of_a_month(parts: dict[str, str], expected: str | None) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    ({"weekday": "4", "direction": "past2"}, "2015-07-09"),
    ({"weekday": "4", "direction": "next2"}, "2015-08-06"),
    ({"month": "11", "direction": "next2"}, "2016-11"),
    ({"month": "6", "direction": "past2"}, "2014-06"),
    ({"year_offset": "1", "calendar": "hijri"}, "2015-10-14/2016-10-01"),
    ({"month_offset": "0", "day": "23", "day_from": "4"}, "2015-07-04/2015-07-23"),
    ({"month_offset": "1", "oday": "20"}, "2015-08-20"),
    ({"year": "2013", "year_part": "SU"}, "2013-SU"),
])
def test_two_step_directions_hijri_years_and_month_ranges(parts: dict[str, str],
                                                          expected: str) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    # a weekday inside a relative week (ISO weeks, from Monday)
    ({"weekday": "7", "week_offset": "-1"}, "2015-07-19"),
    ({"weekday": "5", "week_offset": "1"}, "2015-07-31"),
    ({"weekday": "2", "week_offset": "0"}, "2015-07-21"),
    # a weekday of the week reached by a counted offset
    ({"sign": "1", "unit": "week", "unit_count": "2", "weekday": "4"}, "2015-08-06"),
    ({"sign": "1", "unit": "month", "unit_count": "2", "weekday": "1"}, "2015-09-21"),
    # a day number with its weekday and no month: the nearest month that fits
    ({"weekday": "4", "day": "16"}, "2015-07-16"),
    ({"weekday": "6", "oday": "25"}, "2015-07-25"),
    ({"weekday": "1", "day": "31"}, "2015-08-31"),
])
def test_weekdays_in_weeks_and_months(parts: dict[str, str], expected: str | None) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    ({"span": "1", "unit": "day", "count_word": "3"}, "2015-07-24/2015-07-26"),
    ({"span": "-1", "unit": "day", "unit_count": "2"}, "2015-07-21/2015-07-22"),
    ({"span": "1", "unit": "week", "count": "3"}, "2015-W31/2015-W33"),
    ({"span": "-1", "unit": "week", "count": "3"}, "2015-W27/2015-W29"),
    ({"span": "1", "unit": "month", "count_word": "3"}, "2015-07-24/2015-10-23"),
    ({"span": "-1", "unit": "year", "count": "3"}, "2012-07-23/2015-07-22"),
    ({"span": "-1", "unit": "decade", "unit_count": "2"}, "199/200"),
    ({"span": "1", "unit": "decade", "count_word": "3"}, "202/204"),
    ({"span": "1", "unit": "day", "unit_count": "0"}, None),  # a plural without a number
    ({"rest": "week"}, "2015-07-23/2015-07-26"),
    ({"rest": "month"}, "2015-07-23/2015-07-31"),
    ({"rest": "year"}, "2015-07-23/2015-12-31"),
    ({"decade_offset": "-1"}, "200"),
    ({"decade_offset": "1"}, "202"),
])
def test_spans_rests_and_decades(parts: dict[str, str], expected: str | None) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    ({"nth_day": "-1", "month": "2", "year": "2016"}, "2016-02-29"),
    ({"nth_day": "3", "month": "10", "year": "2013"}, "2013-10-03"),
    ({"nth_day": "-1", "month": "6", "calendar": "hijri", "year": "1442"}, "2021-02-12"),
    ({"nth": "4", "weekday": "4", "month": "11", "year": "2016"}, "2016-11-24"),  # Thanksgiving
    ({"easter": "0", "year": "2013"}, "2013-03-31"),
    ({"easter": "0", "year": "2014"}, "2014-04-20"),
    ({"easter": "0"}, "2015-04-05"),  # the reference year
])
def test_month_days_and_moving_feasts(parts: dict[str, str], expected: str) -> None:
    assert value(parts) == expected


def test_hijri_month_in_a_gregorian_year_and_day_overflow() -> None:
    ramadan = build_date({"hmonth": "9", "year": "2019"}, CTX)
    assert (ramadan["value"], ramadan["hijri"], ramadan["inferred"]) == \
        ("2019-05-06/2019-06-03", "1440-09", False)
    # day 29 of Safar 1433 exists; day 30 of a 29-day month is the next day
    assert value({"day": "29", "month": "2", "year": "1433", "calendar": "hijri"}) == "2012-01-23"
    assert value({"day": "30", "month": "2", "year": "1433", "calendar": "hijri"}) == "2012-01-24"
    # a month's end is its own last day, not the overflow
    assert value({"month": "2", "year": "1433", "calendar": "hijri"}) == "2011-12-26/2012-01-23"


@pytest.mark.parametrize(("parts", "expected"), [
    ({"yt": "2000", "yw1": "8", "yw2": "10"}, "2018"),                 # ألفين وثمانية عشر
    ({"yt": "1000", "yw1": "900", "yw2": "8", "yw3": "70"}, "1978"),
    ({"yt": "2000"}, "2000"),
    ({"yc": "19", "yw1": "9", "yw2": "90"}, "1999"),                   # تسعة عشر تسعة وتسعون
    ({"yw1": "200", "yw2": "7", "yw3": "60"}, "0267"),
    ({"yt": "2000", "yw1": "20", "year_part": "Q3"}, "2020-Q3"),
    ({"yt": "2000", "yw1": "10", "yw2": "8", "day": "2", "day_end": "7", "month": "2"},
     "2018-02-02/2018-02-07"),
])
def test_years_in_words(parts: dict[str, str], expected: str) -> None:
    assert value(parts) == expected
    assert build_date(parts, CTX)["inferred"] is False


@pytest.mark.parametrize(("ref", "parts", "expected", "hijri"), [
    (THU, {"eid": "nearest"}, "2015-07-17", "1436-10-01"),                    # al-Fitr, 6 days ago
    (THU, {"eid": "nearest", "eid_day": "2"}, "2015-07-19", "1436-10-03"),    # its third day
    (dt.date(2015, 9, 10), {"eid": "nearest"}, "2015-09-23", "1436-12-10"),  # al-Adha ahead
])
def test_eid_alone_is_the_nearest(ref: dt.date, parts: dict[str, str], expected: str,
                                  hijri: str) -> None:
    out = build_date(parts, DateContext(ref, None, "cli"))
    assert (out["value"], out["hijri"], out["calendar"]) == (expected, hijri, "hijri")


def test_relative_day_and_a_disagreeing_weekday() -> None:
    # «اليوم الأربعاء» in a paper dated Thursday: the weekday wins
    assert value({"offset": "0", "weekday": "3"}) == "2015-07-22"
    assert value({"offset": "1", "weekday": "4"}) == "2015-07-23"
    assert value({"offset": "-1", "weekday": "3"}) == "2015-07-22"  # they agree


@pytest.mark.parametrize(("parts", "expected"), [
    # the ordinal is the day when it falls on the weekday (3 October 2013 is a Thursday)
    ({"nth": "3", "weekday": "4", "month": "10", "year": "2013", "nth_or_day": "true"},
     "2013-10-03"),
    # else the n-th such weekday (3 September 2014 is a Wednesday: the third Tuesday)
    ({"nth": "3", "weekday": "2", "month": "9", "year": "2014", "nth_or_day": "true"},
     "2014-09-16"),
    ({"nth": "2", "weekday": "7", "month_offset": "0", "nth_or_day": "true"}, "2015-07-12"),
    ({"nth": "1", "weekday": "4", "this_month": "هذا الشهر"}, "2015-07-02"),
    ({"nth": "2", "weekday": "6", "month": "3", "year_offset": "1"}, "2016-03-12"),
    ({"nth_day": "-1", "month": "9", "calendar": "hijri", "year_offset": "0"}, "2015-07-16"),
])
def test_weekday_ordinals_and_relative_years_of_a_month(parts: dict[str, str],
                                                       expected: str) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    ({"sign": "1", "sunit": "year", "unit_count": "2", "unit2": "month", "count2": "3"},
     "2017-10-23"),
    ({"sign": "-1", "sunit": "month", "unit_count": "1", "unit2": "day", "count2": "21"},
     "2015-06-02"),
    ({"sign": "-1", "unit": "year", "count": "2", "sunit2": "month", "unit_count2": "1",
      "unit3": "day", "count3": "21"}, "2013-06-02"),
])
def test_compound_offsets(parts: dict[str, str], expected: str) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    ({"day": "5", "month": "1", "year": "2015", "day_end": "20", "month_end": "2",
      "year_end": "2016"}, "2015-01-05/2016-02-20"),
    # the start takes the end's year, the one before when its month comes later
    ({"day": "20", "month": "12", "day_end": "3", "month_end": "1", "year_end": "2016"},
     "2015-12-20/2016-01-03"),
    ({"oday": "1", "month": "1", "oday_end": "22", "month_end": "1"}, "2015-01-01/2015-01-22"),
    ({"weekday": "4", "day": "16", "day_end": "19"}, "2015-07-16/2015-07-19"),
    ({"day": "19", "month_offset": "0"}, "2015-07-19"),
    ({"day": "5", "month": "12", "year": "1391"}, "1391-12-05"),
    ({"year": "247", "year_digits": "full"}, "0247"),
])
def test_ranges_between_dates_bare_days_and_old_years(parts: dict[str, str],
                                                       expected: str) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    # ends of any kind (round 5): a month of a year to a year, relative years, now to a
    # month's last day, a start without a year taking the end's
    ({"month": "10", "year": "2021", "e_year": "2022"}, "2021-10/2022"),
    ({"year_offset": "0", "e_year_offset": "2"}, "2015/2017"),
    ({"month": "3", "year_offset": "0", "e_day": "15", "e_month": "3", "e_year_offset": "1"},
     "2015-03/2016-03-15"),
    ({"offset": "0", "e_nth_day": "-1", "e_month": "10"}, "2015-07-23/2015-10-31"),
    ({"month": "11", "e_month": "2", "e_year": "2016"}, "2015-11/2016-02"),
    ({"year_offset": "1", "e_year_offset": "-1"}, None),  # an end before its start
])
def test_ranges_with_ends_of_any_kind(parts: dict[str, str], expected: str | None) -> None:
    assert value(parts) == expected


@pytest.mark.parametrize(("parts", "expected", "hijri"), [
    # a counted offset from a named date, not from the reference (round 5)
    ({"from_date": "true", "sign": "1", "unit": "day", "count_word": "9", "count_tens": "30",
      "oday": "1", "month": "7", "calendar": "hijri"}, "2015-05-29", None),  # 1 Rajab 1436 + 39
    ({"from_date": "true", "sign": "1", "unit": "month", "count": "3", "month": "1",
      "direction": "past", "calendar": "hijri"}, "2015-01-21/2015-02-19", "1436-04"),
    ({"from_date": "true", "sign": "-1", "unit": "month", "count": "2", "month": "1",
      "direction": "past", "calendar": "hijri"}, "2014-08-27/2014-09-24", "1435-11"),
])
def test_offsets_from_a_named_date(parts: dict[str, str], expected: str,
                                   hijri: str | None) -> None:
    out = build_date(parts, CTX)
    assert (out["value"], out["hijri"]) == (expected, hijri)
