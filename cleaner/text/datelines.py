"""Stage helper: the datelines inside a plain-text dump's body span, and whether one ends it.

An article shows a date or two (published, updated); its last date below nearly all of the span
ends the article (`Aktualisiert: 30.12.2016`, then the site's footer). A blog's front page or a
comment thread dates each of its posts: there the dates end nothing, except a list of dated news
items below an article (`10.11.2021`, then a headline, then a summary, several times): the first
of its bare dates, below most of the span, ends the article when no date stands just above the
span (a forum's or a blog's first post, dated like the ones below it, is one of the series).
"""
from __future__ import annotations

from typing import List, Optional

from ..dates import MONTHS
from .lines import Line

DATELINE_RULE = "dateline"
DATELINE_SHARE = 0.9  # an article's dateline ends the span with this share of its score above it
SERIES_SHARE = 0.7  # ... the first bare date of a dated list below the article with this share
ARTICLE_DATELINES = 2  # an article shows a date or two (published, updated); more are a series
SERIES_LOOKBACK = 5  # a dateline this close above the span dates its first item: one of the series


def few_datelines(lines: List[Line], start: int, end: int) -> bool:
    """The span holds at most ARTICLE_DATELINES datelines: it is one article, whose last date
    ends it. (A blog's front page or a comment thread dates each of its posts.)"""
    return sum(1 for line in lines[start:end + 1] if line.rule == DATELINE_RULE) <= ARTICLE_DATELINES


def bare_date(line: Line) -> bool:
    """Only a date (`10.11.2021`, `Oct 31, 2025`): a list's item date, not a post's or a
    comment's signature (`#1 pelex, May 26, 2025`, `Posted by Kathy on …`, a clock time)."""
    return all(t.isdigit() or t in MONTHS for t in line.tokens) and ":" not in line.text


def undated_top(lines: List[Line], start: int) -> bool:
    """No dateline just above the span: its first item is not one of the dated series below it
    (a forum's first post, a blog's first entry) but an article with dated news under it."""
    return all(line.rule != DATELINE_RULE for line in lines[max(0, start - SERIES_LOOKBACK):start])


def ending_share(lines: List[Line], start: int, i: int, dated: bool, first: bool) -> Optional[float]:
    """The share of the span's score above the dateline lines[i] with which it ends the span
    (None: it does not). `dated`: the span holds an article's few datelines (`few_datelines`);
    `first`: lines[i] is the span's first dateline."""
    if dated:
        return DATELINE_SHARE
    if first and bare_date(lines[i]) and undated_top(lines, start):
        return SERIES_SHARE
    return None
