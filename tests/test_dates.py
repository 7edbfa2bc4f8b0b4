"""`dates.find_dates`: full calendar dates (day, month and year) in many formats and languages;
impossible dates and partial dates (month and year only) are not dates."""
from __future__ import annotations

import pytest

from cleaner.dates import date_chars, find_dates


def iso(text: str) -> list:
    return [d for d, _, _ in find_dates(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # ISO
        ("date 2017-02-25", "2017-02-25"),
        ("2017-2-5", "2017-02-05"),
        ("2017/02/25 13:44", "2017-02-25"),
        # US slashes: month/day/year
        ("A Section on 02/26/2017", "2017-02-26"),
        ("3/4/2015", "2015-03-04"),
        # slashes that cannot be month/day are read day/month
        ("26/02/2017", "2017-02-26"),
        # European dots and dashes: day.month.year
        ("25.02.2017", "2017-02-25"),
        ("Stand: 3.4.2015, 10:30 Uhr", "2015-04-03"),
        ("25-02-2017", "2017-02-25"),
        # English month names, abbreviated and in full, month first
        ("Feb. 25, 2017", "2017-02-25"),
        ("February 25, 2017", "2017-02-25"),
        ("Sept. 9, 2019", "2019-09-09"),
        ("Updated Dec 1 2020", "2020-12-01"),
        # day first
        ("25 February 2017", "2017-02-25"),
        # ordinals
        ("March 3rd, 2020", "2020-03-03"),
        ("1st March 2020", "2020-03-01"),
        ("June 22nd, 2018", "2018-06-22"),
        # German
        ("25. Februar 2017", "2017-02-25"),
        ("3. März 2020", "2020-03-03"),
        ("1. Jänner 2019", "2019-01-01"),
        # French
        ("25 février 2017", "2017-02-25"),
        ("1er mars 2020", "2020-03-01"),
        ("Publié le 12 décembre 2019 à 14h", "2019-12-12"),
        # Spanish
        ("25 de febrero de 2017", "2017-02-25"),
        ("3 de marzo de 2020", "2020-03-03"),
        # Polish (genitive month names, as dates are written)
        ("25 lutego 2017", "2017-02-25"),
        ("3 marca 2020", "2020-03-03"),
        ("12 października 2019", "2019-10-12"),
    ],
)
def test_formats(text, expected):
    assert iso(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "2017-02-30",  # no 30 February
        "2019-02-29",  # not a leap year
        "31.04.2017",  # April has 30 days
        "Feb. 30, 2017",
        "31 de junio de 2020",
        "2017-13-01",  # no month 13
        "13/13/2017",
    ],
)
def test_impossible_dates_rejected(text):
    assert iso(text) == []


def test_leap_day_accepted():
    assert iso("Feb. 29, 2020") == ["2020-02-29"]


@pytest.mark.parametrize(
    "text",
    [
        "July 2012",
        "between 2011 and 2015",
        "in the spring of 2015",
        "im März 2020",
        "en février 2017",
        "w lutym 2017",
        "Q3 2019",
        "2017",
        "10:45",
        "call 555-12-2017",  # looks numeric but is no date with a valid month
        "May 12",  # no year
    ],
)
def test_partial_or_non_dates_not_matched(text):
    assert iso(text) == []


def test_words_that_are_not_months_do_not_make_dates():
    assert iso("Team 25, 2017") == []
    assert iso("Chapter 3, 2015") == []


def test_positions_and_order():
    text = "Posted 25.02.2017, updated March 3, 2017 and again 2017-03-04."
    found = find_dates(text)
    assert [d for d, _, _ in found] == ["2017-02-25", "2017-03-03", "2017-03-04"]
    for _, start, end in found:
        assert find_dates(text[start:end])  # each span holds the date it names
    assert [start for _, start, _ in found] == sorted(start for _, start, _ in found)


def test_date_chars_counts_the_date_spans():
    assert date_chars("Feb. 25, 2017") == len("Feb. 25, 2017")
    assert date_chars("no date here") == 0
