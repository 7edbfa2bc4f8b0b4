"""Calendar dates (day, month and year) written in text or in metadata values: one month table
and one set of format patterns for both uses.

- `find_dates(text)`: every full date written in running text (text-dump datelines);
- `parse_date(value)`: the date a single value names (a `<meta>`/JSON-LD value, a `<time>`
  element, a short dateline), within the plausible publication range, else None.

Formats: ISO (`2017-02-25`, with a time part too); numeric day.month.year (dots and dashes) and
month/day/year (slashes; day/month when asked for, or when month/day is impossible); month
names in English, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Turkish and
Indonesian, month first (`Feb. 25, 2017`, also glued to the word before: `By Jane DoeFeb. 25,
2017`) or day first (`25. Februar 2017`, `25 de febrero de 2017`, `25th of February 2017`,
`25-Feb-2017`); Chinese/Japanese/Korean (`2017年2月25日`); digits of any script. A single value
may also be compact (`20170225`) or have a two-digit year with two-digit day and month
(`25.02.17`, `01/07/16`). Month and year alone are no date.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Iterator, List, Optional, Tuple

from .vocabulary import MONTH_NAMES_EN, MONTH_NAMES_OTHER


def _fold(word: str) -> str:
    """Lower case with the Turkish dotted and dotless i as plain i: 'KASIM', 'Kasım' -> 'kasim'."""
    return word.replace("İ", "i").replace("I", "i").replace("ı", "i").lower()


# month name (folded) -> number; the names come from `vocabulary.py`
MONTHS = {_fold(name): i for i, (english, other) in enumerate(zip(MONTH_NAMES_EN, MONTH_NAMES_OTHER), 1)
          for name in english + other}

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|º)?\.?"
# a month name starts a word, or is glued to the word before it: 'Julian CanlasDecember 15, 2025'
_MONTH = r"(?:(?<![^\W\d_])|(?<=[a-zà-ÿ])(?=[A-Z]))([A-Z]{3,}|[^\W\d_][^\W\d_A-Z]{2,})\.?"

# the patterns shared by running text and single values; each yields (year, month, day) groups
_ISO = re.compile(rf"(?<!\d)({_YEAR})[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?!\d)")
_NUMERIC = re.compile(rf"(?<![\d.])(\d{{1,2}})([./-])(\d{{1,2}})\2({_YEAR})(?!\d)")
_MONTH_FIRST = re.compile(rf"{_MONTH}\s+{_DAY},?\s+({_YEAR})(?!\d)")
_DAY_FIRST = re.compile(rf"(?<!\d){_DAY}\s+(?:(?:de|of)\s+)?{_MONTH},?\s+(?:de\s+)?({_YEAR})(?!\d)")
_DAY_FIRST_DASHED = re.compile(rf"(?<!\d)(\d{{1,2}})-{_MONTH}-({_YEAR})(?!\d)")
_CJK = re.compile(rf"(?<!\d)({_YEAR})\s*[年년]\s*(\d{{1,2}})\s*[月월]\s*(\d{{1,2}})\s*[日일]")

# every pattern above has a year with no digit on either side: a text without one has no date
_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
# parts of every match of a pattern, searched first (quicker): the year and a separator after it
# (_ISO), a separator and the year (_NUMERIC), a space, the day and the year (_MONTH_FIRST)
_YEAR_SEP = re.compile(rf"{_YEAR}[-/.]")
_SEP_YEAR = re.compile(rf"[./-]{_YEAR}(?!\d)")
_DAY_YEAR = re.compile(rf"\s{_DAY},?\s+{_YEAR}(?!\d)")

# single values only: too loose for running text (ids, version numbers)
_COMPACT = re.compile(rf"^\s*({_YEAR})(\d\d)(\d\d)(?!\d)")
_NUMERIC_SHORT_YEAR = re.compile(r"(?<![\d.])(\d\d)([./-])(\d\d)\2(\d\d)(?![\d.])")  # '25.02.17', not '1.2.10'

DateMatch = Tuple[str, int, int]  # ("YYYY-MM-DD", start, end)
_Found = Tuple[_dt.date, int, int]


def _date(year: int, month: Optional[int], day: int) -> Optional[_dt.date]:
    try:
        return _dt.date(year, month, day) if month else None
    except ValueError:
        return None


def _numeric(first: int, sep: str, second: int, year: int, day_first: bool) -> Optional[_dt.date]:
    """Dots and dashes are day.month; slashes are month/day (US) unless `day_first` (the page's
    locale writes day/month) or month/day is impossible."""
    month, day = (second, first) if sep != "/" or day_first or first > 12 else (first, second)
    return _date(year, month, day) or _date(year, day, month)


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_digits(text: str) -> str:
    """`text` with every decimal digit (Bengali, Arabic-Indic, full-width…) as 0-9, same length."""
    return text if text.isascii() else _OTHER_DIGIT.sub(lambda m: str(int(m[0])), text)


def _all_dates(text: str, day_first: bool) -> Iterator[_Found]:
    """Every full date in `text`, pattern by pattern (not in text order)."""
    text = _ascii_digits(text)
    if not _ANY_YEAR.search(text):  # (the quick answer for most lines)
        return
    if _YEAR_SEP.search(text):
        for m in _ISO.finditer(text):
            yield _date(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end()
    if "年" in text or "년" in text:
        for m in _CJK.finditer(text):
            yield _date(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end()
    if _SEP_YEAR.search(text):
        for m in _NUMERIC.finditer(text):
            yield _numeric(int(m[1]), m[2], int(m[3]), int(m[4]), day_first), m.start(), m.end()
    if _DAY_YEAR.search(text):
        for m in _MONTH_FIRST.finditer(text):
            yield _date(int(m[3]), MONTHS.get(_fold(m[1])), int(m[2])), m.start(), m.end()
    dashed = _DAY_FIRST_DASHED.finditer(text) if text.count("-") >= 2 else ()  # (it needs two)
    for m in (*_DAY_FIRST.finditer(text), *dashed):
        yield _date(int(m[3]), MONTHS.get(_fold(m[2])), int(m[1])), m.start(), m.end()


def _dates_in(text: str, day_first: bool = False) -> List[_Found]:
    return sorted((found for found in _all_dates(text, day_first) if found[0]), key=lambda found: found[1])


FOUND_CACHE = 1024  # texts whose dates are kept: a text dump's dateline is read by its rule, then by metadata


def find_dates(text: str, day_first: bool = False) -> List[DateMatch]:
    """Every full date written in `text`, in order of appearance. `day_first`: read ambiguous
    slashed dates as day/month/year (most locales but the US)."""
    return list(_found_dates(text, day_first and "/" in text))  # (it changes slashed dates only)


@functools.lru_cache(maxsize=FOUND_CACHE)
def _found_dates(text: str, day_first: bool) -> Tuple[DateMatch, ...]:
    return tuple((day.isoformat(), start, end) for day, start, end in _dates_in(text, day_first))


EARLIEST = _dt.date(1990, 1, 1)
_VALUE_CHARS = 150  # a value's date is near its start: '2019-08-11T18:59:51+00:00', 'Posted on …'


def parse_date(value, day_first: bool = False) -> Optional[_dt.date]:
    """The first plausible publication date (1990 to tomorrow) a single value names: an ISO
    date or timestamp, a numeric or written date; None when it names none. `day_first` as in
    `find_dates`."""
    if not isinstance(value, str):
        return None
    value = _ascii_digits(value[:_VALUE_CHARS])
    latest = _dt.date.today() + _dt.timedelta(days=1)
    return next((day for day in _value_dates(value, day_first) if day and EARLIEST <= day <= latest), None)


def _value_dates(value: str, day_first: bool) -> Iterator[Optional[_dt.date]]:
    """Dates a single value names, most explicit first."""
    compact = _COMPACT.match(value)
    if compact:
        yield _date(int(compact[1]), int(compact[2]), int(compact[3]))
    for day, _, _ in _dates_in(value, day_first):
        yield day
    for m in _NUMERIC_SHORT_YEAR.finditer(value):
        year = int(m[4])
        yield _numeric(int(m[1]), m[2], int(m[3]), year + (1900 if year >= 90 else 2000), day_first)
