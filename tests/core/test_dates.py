"""`cleaner.dates`: full calendar dates (day, month and year) in many formats and languages,
in running text (`find_dates`) and in single values (`parse_date`); impossible dates and partial
dates (month and year only) are not dates."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from cleaner.dates import find_dates, parse_date


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
        ("wtorek, 11 maja 2021, 17:00", "2021-05-11"),
        # Portuguese, Italian, Dutch
        ("27 de Abr de 2022", "2022-04-27"),
        ("5 settembre 2019", "2019-09-05"),
        ("3 maart 2020", "2020-03-03"),
        # Turkish and Indonesian
        ("18 Aralık 2025", "2025-12-18"),
        ("3 MAYIS 2021", "2021-05-03"),
        ("17 Agustus 2020", "2020-08-17"),
        # day of month
        ("Thursday 5th of March 2026", "2026-03-05"),
        # dashed with a month name
        ("Updated on 19-Dec-2025", "2025-12-19"),
        ("on 04-ago-2021 5:11:10", "2021-08-04"),
        # upper case; JavaScript's Date.toString()
        ("DEC 18, 2025", "2025-12-18"),
        ("Tue Dec 16 2025 13:00:00 GMT+0000 (UTC)", "2025-12-16"),
        # a month name glued to the word before it (markup without spaces)
        ("By Shaun PrescottMarch 17, 2024", "2024-03-17"),
        ("PublishedFeb 2, 2023", "2023-02-02"),
        # Chinese, Japanese, Korean
        ("2025年12月18日 GMT+8 16:54", "2025-12-18"),
        ("2024년 3월 5일", "2024-03-05"),
        # digits of other scripts
        ("২০২০-০৮-২৯T১০:৪৬:০৬+০১:০০", "2020-08-29"),
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
        "04/2021",
        "2011-12",
        "Ausgabe 2022/3",
        "McDonald 5, 2020",  # a capital inside a word that is no month
        "25.02.17",  # two-digit years are too loose for running text (version numbers)
        "20170225",
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


def test_slashes_read_day_first_on_request():
    assert iso("Posted 09/10/2025") == ["2025-09-10"]
    assert [d for d, _, _ in find_dates("Posted 09/10/2025", day_first=True)] == ["2025-10-09"]
    assert [d for d, _, _ in find_dates("Posted 09/25/2025", day_first=True)] == ["2025-09-25"]  # only month/day fits
    assert [d for d, _, _ in find_dates("09.10.2025", day_first=False)] == ["2025-10-09"]  # dots are day.month


def test_spans_of_glued_and_other_script_dates_cover_the_date_only():
    text = "By Jane DoeMarch 17, 2024"
    [(_, start, end)] = find_dates(text)
    assert text[start:end] == "March 17, 2024"
    [(_, start, end)] = find_dates("২০২০-০৮-২৯")
    assert (start, end) == (0, len("২০২০-০৮-২৯"))


# --- parse_date: one value -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019-08-11T18:59:51+00:00", date(2019, 8, 11)),
        ("2019-08-11", date(2019, 8, 11)),
        ("20190811", date(2019, 8, 11)),
        ("20190811T103000Z", date(2019, 8, 11)),
        ("Nov 05, 2025", date(2025, 11, 5)),
        ("Dec. 09, 2025", date(2025, 12, 9)),
        ("Thu, 09/25/2025 - 11:38", date(2025, 9, 25)),  # month/day/year when unambiguous
        ("15. Dezember 2021", date(2021, 12, 15)),
        ("miércoles, 4 de mayo de 2022", date(2022, 5, 4)),
        ("Written by David JacksonLast updated on:October 1, 2025", date(2025, 10, 1)),
        # two-digit years in a single value
        ("Stand: 25.02.17", date(2017, 2, 25)),
        ("01/07/16", date(2016, 1, 7)),
        ("03.04.98", date(1998, 4, 3)),
    ],
)
def test_parse_date_formats(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, 20190811, "", "   ", "5 min read", "2024-13-45", "2999-01-01", "1985-06-01", "04/2021",
     "1.2.10", "Version 10.1.15 released"],
)
def test_parse_date_rejects_non_dates_and_implausible_dates(value):
    assert parse_date(value) is None


def test_parse_date_takes_the_first_plausible_date():
    assert parse_date("1985-06-01, reissued 2019-08-11") == date(2019, 8, 11)
    assert parse_date("DATE: 2025-12-12 - 2025-12-17") == date(2025, 12, 12)
    tomorrow, later = date.today() + timedelta(days=1), date.today() + timedelta(days=3)
    assert parse_date(tomorrow.isoformat()) == tomorrow  # time zones ahead of this machine
    assert parse_date(later.isoformat()) is None


def test_parse_date_day_first():
    assert parse_date("Updated on 09/10/2025") == date(2025, 9, 10)
    assert parse_date("Updated on 09/10/2025", day_first=True) == date(2025, 10, 9)
    assert parse_date("02/10/20", day_first=True) == date(2020, 10, 2)


def _every_pattern(text: str, day_first: bool):
    """`dates._all_dates` without its quick tests: every pattern searched."""
    from cleaner import dates as d
    text = d._ascii_digits(text)
    for m in (*d._ISO.finditer(text), *d._CJK.finditer(text)):
        yield d._date(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end()
    for m in d._NUMERIC.finditer(text):
        yield d._numeric(int(m[1]), m[2], int(m[3]), int(m[4]), day_first), m.start(), m.end()
    for m in d._MONTH_FIRST.finditer(text):
        yield d._date(int(m[3]), d.MONTHS.get(d._fold(m[1])), int(m[2])), m.start(), m.end()
    for m in (*d._DAY_FIRST.finditer(text), *d._DAY_FIRST_DASHED.finditer(text)):
        yield d._date(int(m[3]), d.MONTHS.get(d._fold(m[2])), int(m[1])), m.start(), m.end()


def test_quick_tests_skip_only_patterns_that_cannot_match():
    import random
    from cleaner import dates as d
    rnd = random.Random(7)
    months = ["Feb", "Feb.", "February", "Februar", "März", "KASIM", "mai", "Dec", "Sept.", "Foo", "JUNE"]
    days = ["1", "25", "3rd", "25th", "1st", "1er", "07", "25.", "32", "9º"]
    years = ["2017", "1999", "2049", "1949", "२०१७", "20170", "17"]
    nums = ["1", "02", "12", "13", "31", "123"]
    seps = [" ", "  ", "\n", ", ", ",", "", " de ", " of ", "-", "/", ".", "\u00a0"]
    noise = ["By Jane Doe", "On", "x", "T10:00", "年", "月", "日", "년", "월", "일", "©", ")", "Posted"]

    def piece():
        kind = rnd.randrange(6)
        sep, sep2 = rnd.choice(seps), rnd.choice(seps)
        m, dd, y, n1, n2 = rnd.choice(months), rnd.choice(days), rnd.choice(years), rnd.choice(nums), rnd.choice(nums)
        return [f"{m}{sep}{dd}{sep2}{y}", f"{dd}{sep}{m}{sep2}{y}", f"{y}{sep}{n1}{sep}{n2}",
                f"{n1}{sep}{n2}{sep2}{y}", f"{y}{sep}年{n1}月{n2}日", rnd.choice(noise + seps)][kind]

    found = 0
    for _ in range(20000):
        text = "".join(piece() for _ in range(rnd.randint(1, 4)))
        for day_first in (False, True):
            want = sorted((f for f in _every_pattern(text, day_first) if f[0]), key=lambda f: f[1])
            assert d._dates_in(text, day_first) == want, text
            found += bool(want)
    assert found > 2000
