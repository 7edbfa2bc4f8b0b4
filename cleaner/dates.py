"""Full calendar dates (day, month, year) written in text, in several languages and formats."""
from __future__ import annotations

import datetime as _dt
import re
from typing import List, Optional, Tuple

_MONTH_NAMES = [
    # en, de, fr, es, it, pt, nl, pl (nominative and genitive), with common abbreviations
    "jan january januar jänner jän janvier janv enero ene gennaio gen janeiro januari styczeń stycznia sty",
    "feb february februar feber février févr fevrier febrero febbraio fevereiro fev februari luty lutego lut",
    "mar march märz mär maerz mars marzo março maart marzec marca",
    "apr april avril avr abril abr aprile kwiecień kwietnia kwi",
    "may mai mayo maggio maio mei maj maja",
    "jun june juni juin junio giugno junho czerwiec czerwca cze",
    "jul july juli juillet juil julio luglio julho lipiec lipca lip",
    "aug august août aout agosto ago augustus sierpień sierpnia sie",
    "sep sept september septembre septiembre setiembre settembre set setembro wrzesień września wrz",
    "oct october oktober okt octobre octubre ottobre ott outubro out październik października paź",
    "nov november novembre noviembre novembro listopad listopada lis",
    "dec december dezember dez décembre déc diciembre dic dicembre dezembro grudzień grudnia gru",
]
MONTHS = {name: i for i, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_ISO = re.compile(rf"(?<!\d)({_YEAR})[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?!\d)")
_NUMERIC = re.compile(rf"(?<![\d.])(\d{{1,2}})([./-])(\d{{1,2}})\2({_YEAR})(?!\d)")
_MONTH_FIRST = re.compile(
    rf"(?<![^\W\d_])([^\W\d_]{{3,}})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+({_YEAR})(?!\d)"
)
_DAY_FIRST = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?([^\W\d_]{{3,}})\.?,?\s+(?:de\s+)?({_YEAR})(?!\d)"
)

DateMatch = Tuple[str, int, int]  # ("YYYY-MM-DD", start, end)


def _iso(year: int, month: int, day: int) -> Optional[str]:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> List[DateMatch]:
    """Every full date written in `text`, in order of appearance."""
    found: List[DateMatch] = []
    for m in _ISO.finditer(text):
        d = _iso(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append((d, m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        a, sep, b, year = int(m[1]), m[2], int(m[3]), int(m[4])
        # slashes are month/day (US) unless that is impossible; dots and dashes are day.month
        month, day = (a, b) if sep == "/" and a <= 12 else (b, a)
        d = _iso(year, month, day) or _iso(year, day, month)
        if d:
            found.append((d, m.start(), m.end()))
    for m in _MONTH_FIRST.finditer(text):
        month = MONTHS.get(m[1].lower())
        d = month and _iso(int(m[3]), month, int(m[2]))
        if d:
            found.append((d, m.start(), m.end()))
    for m in _DAY_FIRST.finditer(text):
        month = MONTHS.get(m[2].lower())
        d = month and _iso(int(m[3]), month, int(m[1]))
        if d:
            found.append((d, m.start(), m.end()))
    found.sort(key=lambda x: x[1])
    return found


def date_chars(text: str) -> int:
    """How many characters of `text` are taken by full dates."""
    return sum(end - start for _, start, end in find_dates(text))
