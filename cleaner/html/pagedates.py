"""Date rules for HTML pages: the declared publication and modification dates, a date in the
URL, a dateline next to the headline, an element marked up as a date."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Optional
from urllib.parse import urlsplit

from lxml.etree import XPath

from ..dates import parse_date
from .facts import PageFacts, ld_of
from .jsonld import ARTICLE_TYPES, PAGE_TYPES
from .nearby import MARKS_CACHE, Headline, in_boilerplate, texts_after, texts_before, with_marks
from .strings import collapse, gated_search

# date

_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article:published", "published_time",
    "og:published_time", "datepublished", "parsely-pub-date", "sailthru.date", "publish-date",
    "publish_date", "publishdate", "pubdate", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dcterms.created", "citation_publication_date", "citation_date", "date",
    "datecreated", "article.published", "release_date", "published", "date_published",
    "publication_date", "original-publish-date",
)
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
    "dcterms.modified", "last-modified", "lastmod", "article.updated",
)
_PUBLISHED_KEY = re.compile(r"publi(?:sh|cation)|pub.?date|pub.?time|date.?created|created.?(?:date|at)", re.I)
_MODIFIED_KEY = re.compile(r"modif|updated|revised", re.I)
_MONTH_FIRST_LOCALES = {"en", "en-us", "en-ca", "en-ph"}


def writes_day_first(tree, facts: PageFacts) -> bool:
    """Whether the page's declared locale (<html lang>, og:locale) reads '09/10/2025' as
    9 October: every locale but US English and its neighbours. Undeclared: month first."""
    declared = [(value or "").strip().lower().replace("_", "-") for value in (tree.get("lang"), facts.first("og:locale"))]
    locale = max(declared, key=lambda value: ("-" in value, bool(value)))  # 'en-GB' tells more than 'en'
    return bool(locale) and locale not in _MONTH_FIRST_LOCALES


def declared_dates(tree, facts: PageFacts, day_first: bool = False) -> tuple:
    """(published dates, modified dates) the page declares, most explicit first: meta tags and
    JSON-LD, then the dates marked up in the body when unanimous. The body (a search of the whole
    tree, the dearest step) is read only when the head declares no publication date: its dates
    come after the head's, and a modification date counts only without a publication date."""
    published, modified = _head_dates(facts)
    found = _dates(published, day_first)
    if found:
        return found, _dates(modified, day_first)
    body_published, body_modified = _body_dates(tree, day_first)
    return _dates(published + body_published, day_first), _dates(modified + body_modified, day_first)


def _head_dates(facts: PageFacts) -> tuple:
    """(published, modified) values of the page's meta tags and JSON-LD, unparsed."""
    published = [facts.first(key) for key in _PUBLISHED_META]
    modified = [facts.first(key) for key in _MODIFIED_META]
    for key, values in facts.meta.items():  # site-specific names: 'w-published-date', 'pub_time'
        if _PUBLISHED_KEY.search(key) and not _MODIFIED_KEY.search(key):
            published.append(values[0])
        elif _MODIFIED_KEY.search(key):
            modified.append(values[0])
    for kinds in (ARTICLE_TYPES, PAGE_TYPES):
        for item in ld_of(facts, kinds):
            published += [item.get("datePublished"), item.get("dateCreated"), item.get("uploadDate")]
            modified.append(item.get("dateModified"))
    return published, modified


def _body_dates(tree, day_first: bool) -> tuple:
    """([published], [modified]) marked up in the body (itemprop, <time pubdate>), each when
    unanimous, as ISO strings."""
    body_published, body_modified = [], []
    for elem in _BODY_DATES(tree):
        value = parse_date(elem.get("datetime") or elem.get("content") or elem.get("pubdate") or elem.text_content(),
                           day_first)
        if value:
            (body_modified if elem.get("itemprop") == "dateModified" else body_published).append(value)
    return _unanimous(body_published), _unanimous(body_modified)


_BODY_DATES = XPath("//@itemprop[. = 'datePublished' or . = 'dateModified']/..|//time[@pubdate]")


def _unanimous(found: list) -> list:
    """Dates marked up in the body count only when they agree: several differing ones are
    comments, answers or teasers, not the page's own date."""
    return [found[0].isoformat()] if found and len(set(found)) == 1 else []


def _dates(values: Iterable, day_first: bool) -> list:
    out = []
    for value in values:
        found = value if isinstance(value, date) else parse_date(value, day_first)
        if found and found not in out:
            out.append(found)
    return out


_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
_TIMEZONE_SLACK = timedelta(days=1)


def url_date(url: Optional[str]) -> Optional[date]:
    """A full year/month/day date in the URL path (publishers' local calendar day)."""
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def pick_date(tree, facts: PageFacts, url: Optional[str], headline: Headline) -> tuple:
    """(publication date as YYYY-MM-DD, its source 'page' or 'url'), or (None, None), from the
    first source that has one: the declared published date; a date in the URL; a dateline next
    to the headline; an element marked up as a date (class/id/itemprop, <time>) outside comments,
    sidebars and footers. A guess is never later than the page's declared modification dates; a
    modification date is used only when nothing else is found."""
    day_first = writes_day_first(tree, facts)
    published, modified = declared_dates(tree, facts, day_first)
    in_url = url_date(url)
    chosen = published[0] if published else None
    if chosen is None:
        guessed = in_url
        if guessed is None:
            guessed, updated = headline_dateline(headline.elem, day_first)
            modified += [updated] if updated else []
        if guessed is None:
            guessed, updated = marked_up_date(headline.near, day_first)
            modified += [updated] if updated else []
        if guessed is None:
            guessed, updated = marked_up_date(with_marks(_PAGE_DATE_CUES(tree)), day_first)
            modified += [updated] if updated else []
        chosen = guessed if guessed and (not modified or guessed <= max(modified)) else None
    if chosen is None and modified:
        chosen = min(modified)
    if chosen is None:
        return None, None
    source = "url" if chosen is in_url else "page"
    if in_url and abs(chosen - in_url) <= _TIMEZONE_SLACK:
        chosen = in_url  # a UTC timestamp a few hours off the publisher's calendar day
    return chosen.isoformat(), source


_DATELINE_AFTER = 25  # text pieces looked at after the headline
_DATELINE_BEFORE = 6  # and before it (dates printed above the headline)
_DATELINE_MAX_CHARS = 100
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_UPDATE_CUE = re.compile(r"updat|modifi|revis|aktualisiert|geändert|mis à jour|actualiza|aggiornat", re.I)


def headline_dateline(anchor, day_first: bool = False) -> tuple:
    """(published, updated) dates written in the short lines right after (else right before) the
    headline element, e.g. 'October 3, 2024' or 'Posted on Nov 21, 2018 · Updated Dec 10, 2025'."""
    if anchor is None:
        return None, None
    published, updated = dateline_in(texts_after(anchor, _DATELINE_AFTER), day_first)
    if published is None:
        published, updated_before = dateline_in(texts_before(anchor, _DATELINE_BEFORE), day_first)
        updated = updated or updated_before
    return published, updated


def dateline_in(texts: list, day_first: bool = False) -> tuple:
    """(first published, first updated) full dates in short text pieces. A date labelled as an
    update, in its own piece or the piece before ('Updated on' / 'Dec. 09, 2025'), is `updated`."""
    published = updated = None
    previous = ""
    for text in texts:
        if len(text) <= _DATELINE_MAX_CHARS and _YEAR.search(text):
            for part in re.split(r"[|·•]", text):
                found = parse_date(part, day_first) if _YEAR.search(part) else None
                if found and (found == updated or _UPDATE_CUE.search(part) or _is_update_label(previous)):
                    updated = updated or found
                elif found:
                    published = published or found
            if published:
                break
        previous = text
    return published, updated


def _is_update_label(text: str) -> bool:
    return len(text) <= 30 and bool(_UPDATE_CUE.search(text))


_DATE_CUE = re.compile(r"date|time|publish|posted|byline|meta|datum|fecha|submitted|author", re.I)
_date_search = gated_search(_DATE_CUE)


@lru_cache(maxsize=MARKS_CACHE)
def marks_say_date(marks: str) -> bool:
    """Do an element's class/id/itemprop/rel marks say it holds a date?"""
    return _date_search(marks)


def marked_up_date(marked, day_first: bool = False) -> tuple:
    """(published, updated): the first full date in an element whose markup says it holds a
    date (class/id/itemprop with date, time, publish, posted, byline, meta, author; <time
    datetime>; a title attribute), in the given order, outside boilerplate. `marked`: (element,
    its marks) pairs (`nearby.with_marks`)."""
    updated = None
    for elem, marks in marked:
        if not (elem.tag == "time" or marks_say_date(marks)):
            continue
        found, labelled_update = dateline_in(_date_texts(elem), day_first)
        if found is None and labelled_update is None and _YEAR.search(elem.get("title") or ""):
            found = parse_date(elem.get("title"), day_first)
        if (found or labelled_update) and in_boilerplate(elem):
            continue
        updated = updated or labelled_update
        if found:
            return found, updated
    return None, updated


_MAX_MARKED_CHARS = 1000


def _date_texts(elem) -> list:
    """The date-bearing strings of a marked-up element: <time datetime>, else its text, or its
    first short text pieces when it wraps more ('Posted on April 13, 2023' + a tag list)."""
    if elem.tag == "time" and elem.get("datetime"):
        return [elem.get("datetime")]
    text = elem.text_content()
    if len(text) <= _DATELINE_MAX_CHARS:
        return [collapse(text)]
    if len(text) > _MAX_MARKED_CHARS:
        return []
    return [collapse(piece) for piece in elem.itertext() if piece.strip()][:12]


# the last resort, over the whole page: a cheap XPath pre-selection for `marked_up_date`
_PAGE_DATE_CUES = XPath(
    "//time|//@class[contains(., 'date') or contains(., 'Date') or contains(., 'meta')"
    " or contains(., 'author') or contains(., 'publish') or contains(., 'posted')]/.."
)


