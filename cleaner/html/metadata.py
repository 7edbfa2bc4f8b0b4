"""Metadata stage for HTML pages: title, description, date, authors, site from the parsed page.

One cheap pass gathers what the page declares about itself (<meta> tags, JSON-LD, <title>, the
<h1>s); each field is then chosen by a small named rule:

- title (`pick_title`): the visible <h1> that agrees with a declared title (og:title, JSON-LD
  headline, <title>), else the declared title without the site-name prefix/suffix;
- date (`pick_date`): the declared publication date (meta, JSON-LD, body microdata when
  unanimous), else a date in the URL, a dateline next to the headline, an element marked up as
  a date; 'Updated …' dates only when nothing else is found; never later than the page's own
  modification dates; YYYY-MM-DD or None;
- authors (`pick_authors`): declared names, else the byline near the headline, split and
  cleaned (no "By", roles, credentials, e-mails, URLs, dates);
- site (`pick_site`): og:site_name, JSON-LD publisher/WebSite name, a <title> part naming the
  domain, the Twitter handle, the domain.

Cost: a few ms per page (no tree copy, no htmldate search); the tree is never modified.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from datetime import date, timedelta
from typing import Iterable, Iterator, Optional
from urllib.parse import urlsplit

from lxml.etree import XPath

from ..dates import parse_date
from .parse import block_text

# ---------------------------------------------------------------------------------------------
# gathering the declared facts


@dataclass
class PageFacts:
    """What the page declares about itself, gathered in one pass."""

    meta: dict = field(default_factory=dict)  # lowercased name/property/itemprop -> [content, ...]
    ld_items: list = field(default_factory=list)  # JSON-LD objects that have an @type, in order
    title_tag: str = ""
    h1s: list = field(default_factory=list)  # (text, element) of the first <h1>s

    def first(self, *keys: str) -> Optional[str]:
        """First non-empty meta content under any of `keys`, in the order of the keys."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None


_META_KEY_ATTRS = ("property", "name", "itemprop")
_MAX_H1 = 8


def gather_facts(tree) -> PageFacts:
    """Collect meta tags, JSON-LD items, the <title> text and the <h1> texts of `tree`."""
    facts = PageFacts()
    for elem in tree.iter("meta"):
        content = elem.get("content")
        if content is None or not content.strip():
            continue
        for attr in _META_KEY_ATTRS:
            key = elem.get(attr)
            if key:
                facts.meta.setdefault(key.strip().lower(), []).append(_collapse(content))
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            facts.ld_items.extend(_ld_items(script.text))
    title = tree.find(".//title")
    if title is not None:
        facts.title_tag = _collapse(title.text_content())
    for h1 in tree.iter("h1"):
        text = element_text(h1)
        if text:
            facts.h1s.append((text, h1))
            if len(facts.h1s) >= _MAX_H1:
                break
    return facts


def _ld_items(text: str) -> list:
    """Every JSON-LD object with an @type in one <script> block, outer objects first."""
    try:
        data = json.loads(text.strip().rstrip(";"), strict=False)
    except ValueError:
        return []
    items: list = []
    _walk_ld(data, items, depth=0)
    return items


def _walk_ld(node, items: list, depth: int) -> None:
    if depth > 6:
        return
    if isinstance(node, list):
        for child in node:
            _walk_ld(child, items, depth + 1)
    elif isinstance(node, dict):
        if "@type" in node:
            items.append(node)
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):  # not lists of other items
            if key in node:
                _walk_ld(node[key], items, depth + 1)


def ld_types(item: dict) -> set:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {k.lower() for k in kinds if isinstance(k, str)}


_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "report", "scholarlyarticle", "techarticle",
    "analysisnewsarticle", "opinionnewsarticle", "reportagenewsarticle", "reviewnewsarticle",
    "backgroundnewsarticle", "liveblogposting", "socialmediaposting", "discussionforumposting",
    "posting", "howto", "recipe", "question", "creativework", "podcastepisode", "videoobject",
}
_PAGE_TYPES = {"webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage", "profilepage",
               "medicalwebpage"}
_ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "localbusiness", "educationalorganization"}


def ld_of(facts: PageFacts, kinds: set) -> list:
    return [item for item in facts.ld_items if ld_types(item) & kinds]


def ld_name(value) -> Optional[str]:
    """A display name from a JSON-LD value: a string, a {'name': ...} object, or a list of them."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return _collapse(value)
    return None


# ---------------------------------------------------------------------------------------------
# text helpers

_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "button"))


def element_text(elem) -> str:
    """Text of an element with a space at <br> and block boundaries, whitespace collapsed."""
    return _collapse(block_text(elem, skip=_SKIP_TAGS))


_LEFT_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


def _collapse(text: str) -> str:
    """Whitespace collapsed; entities escaped twice by the page ('&amp;reg;') decoded."""
    if "&" in text and _LEFT_ENTITY.search(text):
        text = html.unescape(text)
    return " ".join(text.split())


def fold(text: Optional[str]) -> str:
    """Case-, accent-width- and punctuation-insensitive form used to compare titles and names."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(" " if unicodedata.category(ch)[0] in "PSZ" else ch for ch in text)
    return " ".join(text.split())


def squash(text: Optional[str]) -> str:
    """Letters and digits only, lowercased: 'Budget Travel With Gabby' ~ 'budgettravelwithgabby'."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


# ---------------------------------------------------------------------------------------------
# site name


def site_names(facts: PageFacts) -> list:
    """Declared names of the site or publisher, most explicit first."""
    names = [
        facts.first("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher",
                    "dc.publisher", "article:publisher"),
    ]
    for item in facts.ld_items:
        kinds = ld_types(item)
        if kinds & _ARTICLE_TYPES or kinds & _PAGE_TYPES:
            names.append(ld_name(item.get("publisher")))
        if kinds & ({"website"} | _ORG_TYPES):
            names.append(ld_name(item))
    names.append(_twitter_site(facts))
    out: list = []
    for name in names:
        if name and not name.lower().startswith("http") and name not in out:
            out.append(name)
    return out


def _twitter_site(facts: PageFacts) -> Optional[str]:
    handle = facts.first("twitter:site")
    return handle.lstrip("@") if handle else None


def host_of(url: Optional[str]) -> str:
    """The host of `url` without 'www.' (empty for pseudo keys)."""
    if not url or not url.startswith(("http://", "https://", "//")):
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


# ---------------------------------------------------------------------------------------------
# title

# a separator between title parts: a dash/bar/bullet/colon-like mark with spaces around it, or a bar
_TITLE_SEP = re.compile(r"\s+[|\-–—•·»«~/:⁄*⋆‹›]\s+|\s*\|\s*|\s+::\s+")
_MIN_HEADLINE_CHARS = 3


def split_title(text: str) -> list:
    """Parts of a <title>-like string around site separators ('A | B - C' -> [A, B, C])."""
    return [part.strip() for part in _TITLE_SEP.split(text) if part.strip()]


def is_site_part(part: str, sites: Iterable[str], host: str) -> bool:
    """Does a title part name the site (declared site name, or the domain spelled out)?"""
    key = squash(part)
    if not key:
        return False
    for site in sites:
        site_key = squash(site)
        if site_key and (key == site_key or (len(site_key) >= 4 and site_key in key and len(key) <= 2 * len(site_key))
                         or (len(key) >= 4 and key in site_key)):
            return True
    if host:
        labels = [squash(label) for label in host.split(".")]
        squashed_host = "".join(labels)
        if key == squashed_host or (len(key) >= 4 and key in squashed_host):
            return True
        if any(len(label) >= 4 and label in key for label in labels[:-1]) and len(part.split()) <= 4:
            return True
    return False


def strip_site(title: str, sites: Iterable[str], host: str) -> str:
    """Remove leading/trailing title parts that name the site; a ' - ' inside a headline stays."""
    sites = list(sites)
    pieces = _TITLE_SEP.split(title)
    seps = _TITLE_SEP.findall(title)
    start, end = 0, len(pieces)
    while end - start > 1 and is_site_part(pieces[end - 1], sites, host):
        end -= 1
    while end - start > 1 and is_site_part(pieces[start], sites, host):
        start += 1
    if (start, end) == (0, len(pieces)):
        return title
    kept = pieces[start]
    for i in range(start + 1, end):
        kept += seps[i - 1] + pieces[i]
    return kept.strip() or title


def declared_titles(facts: PageFacts) -> list:
    """Titles the page declares, most specific first: og/twitter title, JSON-LD headline, <title>."""
    titles = [facts.first("og:title"), facts.first("twitter:title")]
    for item in ld_of(facts, _ARTICLE_TYPES):
        titles.append(ld_name(item.get("headline")))
    titles += [facts.first("headline", "dc.title", "title"), facts.title_tag]
    out: list = []
    for title in titles:
        if title and len(title) >= _MIN_HEADLINE_CHARS and title not in out:
            out.append(_collapse(title))
    return out


def titles_agree(a: str, b: str) -> bool:
    """Two titles agree when equal after folding, or when one is the main (longest) part of the
    other split at site separators: 'Storm hits coast' ~ 'Storm hits coast | Tribune', but a
    section name 'science' is not the headline of 'Hair grown in a lab : science'."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    return fa == fb or fold(_main_part(b)) == fa or fold(_main_part(a)) == fb


def _main_part(title: str) -> str:
    return max(split_title(title) or [title], key=len)


_MIN_TITLE_OVERLAP = 0.4


def word_overlap(a: str, b: str) -> float:
    """Jaccard overlap of the folded word sets of two titles."""
    ta, tb = set(fold(a).split()), set(fold(b).split())
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _closest(candidates: list, titles: list) -> tuple:
    """The (text, element) candidate sharing most words with any of `titles`, and that overlap."""
    scored = [(max((word_overlap(c[0], t) for t in titles), default=0.0), i) for i, c in enumerate(candidates)]
    if not scored:
        return None, 0.0
    score, index = max(scored, key=lambda pair: (pair[0], -pair[1]))
    return candidates[index], score


def pick_title(facts: PageFacts, sites: list, host: str) -> tuple:
    """(headline, its <h1> element or None).

    In order: an <h1> equal to a declared title or to one of its site-separated parts; the <h1>
    sharing most words with a declared title (at least `_MIN_TITLE_OVERLAP`); the only <h1>;
    the declared title minus the site name; the first <h1>. <h1>s naming the site are skipped."""
    declared = declared_titles(facts)
    stripped = [strip_site(t, sites, host) for t in declared]
    candidates = [(h1, elem) for h1, elem in facts.h1s
                  if len(h1) >= _MIN_HEADLINE_CHARS and not is_site_part(h1, sites, host)]
    for h1, elem in candidates:
        if any(titles_agree(h1, t) for t in declared + stripped):
            return h1, elem
    best, score = _closest(candidates, declared + stripped)
    if best and score >= _MIN_TITLE_OVERLAP:
        return best
    if len(candidates) == 1:
        return candidates[0]
    if stripped:
        return stripped[0], None
    return facts.h1s[0] if facts.h1s else (None, None)


# ---------------------------------------------------------------------------------------------
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
    """(published dates, modified dates) the page declares, most explicit first."""
    published = [facts.first(key) for key in _PUBLISHED_META]
    modified = [facts.first(key) for key in _MODIFIED_META]
    for key, values in facts.meta.items():  # site-specific names: 'w-published-date', 'pub_time'
        if _PUBLISHED_KEY.search(key) and not _MODIFIED_KEY.search(key):
            published.append(values[0])
        elif _MODIFIED_KEY.search(key):
            modified.append(values[0])
    for kinds in (_ARTICLE_TYPES, _PAGE_TYPES):
        for item in ld_of(facts, kinds):
            published += [item.get("datePublished"), item.get("dateCreated"), item.get("uploadDate")]
            modified.append(item.get("dateModified"))
    body_published, body_modified = [], []
    for elem in _BODY_DATES(tree):
        value = parse_date(elem.get("datetime") or elem.get("content") or elem.get("pubdate") or elem.text_content(),
                           day_first)
        if value:
            (body_modified if elem.get("itemprop") == "dateModified" else body_published).append(value)
    published += _unanimous(body_published)
    modified += _unanimous(body_modified)
    return _dates(published, day_first), _dates(modified, day_first)


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


def pick_date(tree, facts: PageFacts, url: Optional[str], headline: Headline) -> Optional[str]:
    """Publication date as YYYY-MM-DD, from the first source that has one: the declared published
    date; a date in the URL; a dateline next to the headline; an element marked up as a
    date (class/id/itemprop, <time>) outside comments, sidebars and footers. A guess is never
    later than the page's declared modification dates; a modification date is used only when
    nothing else is found."""
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
            guessed, updated = marked_up_date(_PAGE_DATE_CUES(tree), day_first)
            modified += [updated] if updated else []
        chosen = guessed if guessed and (not modified or guessed <= max(modified)) else None
    if chosen is None and modified:
        chosen = min(modified)
    if chosen and in_url and abs(chosen - in_url) <= _TIMEZONE_SLACK:
        chosen = in_url  # a UTC timestamp a few hours off the publisher's calendar day
    return chosen.isoformat() if chosen else None


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
    published, updated = dateline_in(_texts_after(anchor, _DATELINE_AFTER), day_first)
    if published is None:
        published, updated_before = dateline_in(_texts_before(anchor, _DATELINE_BEFORE), day_first)
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


def _texts_after(anchor, limit: int) -> list:
    """The next `limit` non-blank text pieces after `anchor` in document order (not inside it)."""
    return list(islice(_texts(_after(anchor)), limit))


def _texts_before(anchor, limit: int) -> list:
    """The `limit` non-blank text pieces just before `anchor`, in document order."""
    return list(islice(_texts(_before(anchor)), limit))[::-1]


def _texts(items: Iterable) -> Iterator[str]:
    for item in items:
        if isinstance(item, str):
            item = _collapse(item)
            if item:
                yield item


def _elements(items: Iterable) -> Iterator:
    return (item for item in items if not isinstance(item, str) and item is not None)


def _after(anchor) -> Iterator:
    """What follows `anchor` in document order, outside it: elements, and their texts as str
    (a <time datetime> value too). None marks a missing text."""
    node = anchor
    while node is not None:
        yield node.tail
        for sibling in node.itersiblings():
            yield from _subtree(sibling)
            yield sibling.tail
        node = node.getparent()


def _before(anchor) -> Iterator:
    """What precedes `anchor` in reverse document order (nearest first), like `_after`."""
    node = anchor
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield sibling.tail
            yield from _subtree_reversed(sibling)
        node = node.getparent()
        if node is not None:
            yield node.text
            yield node


def _subtree(elem) -> Iterator:
    """An element, then its text and its children's subtrees with their tails, in document
    order; the insides of scripts, styles, comments and boilerplate containers are skipped."""
    if not isinstance(elem.tag, str):
        return
    yield elem
    if elem.tag in _SKIP_TAGS or is_boilerplate(elem, _WALK_SKIP_TAGS):
        return
    if elem.tag == "time" and elem.get("datetime"):
        yield elem.get("datetime")
    yield elem.text
    for child in elem:
        yield from _subtree(child)
        yield child.tail


def _subtree_reversed(elem) -> Iterator:
    """`_subtree(elem)` in reverse order, lazily."""
    if not isinstance(elem.tag, str):
        return
    if elem.tag not in _SKIP_TAGS and not is_boilerplate(elem, _WALK_SKIP_TAGS):
        for child in reversed(elem):
            yield child.tail
            yield from _subtree_reversed(child)
        yield elem.text
        if elem.tag == "time" and elem.get("datetime"):
            yield elem.get("datetime")
    yield elem


_DATE_CUE = re.compile(r"date|time|publish|posted|byline|meta|datum|fecha|submitted|author", re.I)


def marked_up_date(elements, day_first: bool = False) -> tuple:
    """(published, updated): the first full date in an element whose markup says it holds a
    date (class/id/itemprop with date, time, publish, posted, byline, meta, author; <time
    datetime>; a title attribute), in the given order, outside boilerplate."""
    updated = None
    for elem in elements:
        if not (elem.tag == "time" or _DATE_CUE.search(_marks(elem))):
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
        return [_collapse(text)]
    if len(text) > _MAX_MARKED_CHARS:
        return []
    return [_collapse(piece) for piece in elem.itertext() if piece.strip()][:12]


# the last resort, over the whole page: a cheap XPath pre-selection for `marked_up_date`
_PAGE_DATE_CUES = XPath(
    "//time|//@class[contains(., 'date') or contains(., 'Date') or contains(., 'meta')"
    " or contains(., 'author') or contains(., 'publish') or contains(., 'posted')]/.."
)


_NEAR_AFTER = 300  # elements looked at after the headline
_NEAR_BEFORE = 60  # and before it


class Headline:
    """The headline element (or None) and, computed once when first needed, the elements
    around it where bylines and datelines are looked for."""

    def __init__(self, elem) -> None:
        self.elem = elem

    @cached_property
    def near(self) -> list:
        return elements_near(self.elem)


def elements_near(anchor) -> list:
    """Elements right after the headline `anchor` (document order), then right before it
    (nearest first); empty without an anchor."""
    if anchor is None:
        return []
    return list(islice(_elements(_after(anchor)), _NEAR_AFTER)) + \
        list(islice(_elements(_before(anchor)), _NEAR_BEFORE))


def _marks(elem) -> str:
    """The class, id, itemprop and rel attributes of an element, space-separated."""
    attrib = elem.attrib
    return f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('itemprop', '')} {attrib.get('rel', '')}"


_BOILERPLATE_TAGS = {"footer", "aside", "nav"}
_WALK_SKIP_TAGS = {"footer"}  # next to a headline, <aside>/<nav> often hold the post's own date
# a class/id word (between '-', '_' or spaces, any case) naming a non-article part of the page
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|sidebar|related|widgets?|recommend\w*|footer|teasers?|promo"
    r"|newsletter|share|sharing|popular|trending|breadcrumbs?|more-stories|read-next|upnext|quote)"
    r"(?=$|[\s_-])", re.I)


def in_boilerplate(elem) -> bool:
    """Is `elem` inside comments, sidebars, footers, related-story lists and the like?
    (Marks on <body> and <html> describe the whole page and do not count.)"""
    for node in elem.iterancestors():
        if node.tag in ("body", "html"):
            break
        if is_boilerplate(node):
            return True
    return False


def is_boilerplate(elem, tags=_BOILERPLATE_TAGS) -> bool:
    """Does the element itself (tag, class, id) say it is a comment list, sidebar, footer…?"""
    if elem.tag in tags:
        return True
    marks = _marks(elem)
    return not marks.isspace() and bool(_BOILERPLATE.search(marks))


# ---------------------------------------------------------------------------------------------
# authors

_AUTHOR_META = ("author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
                "dc.creator", "dcterms.creator", "citation_author", "byl", "twitter:creator")
# name separators: punctuation, '&', and the word 'and' in a few languages (lowercase, between spaces)
_AUTHOR_SPLIT = re.compile(r"\s*[;,|/&]\s*|\s+(?:and|AND|und|et|y|e|og|och)\s+")
_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:author|authors|autor|autorin|auteur|autore|writer)\b\s*:?\s*"
    r"|(?:written|posted|reviewed|edited|updated|published|reported|photos?|text|words|story)\s*"
    r"(?:by|von|par|por|di|door|av)\s*:?\s*"
    r"|(?:by|von|par|por|di|door|av|via)\b\s*:?\s*)+", re.I)
# what trails a name in a byline: ' - Site Team', ' on March 5', 'Dec 12', 'Last updated', numbers
_AUTHOR_TAIL = re.compile(
    r"\s+(?:[-–—|·•]|on|at|am|um|le|el|il|for|from|in)\s+.*$|(?:^|\s+)\d.*$|\s*\(.*$"
    r"|\s+(?:last\s+)?(?:updated|published|posted|modified|reviewed)\b.*$"
    r"|\s+(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july"
    r"|august|september|october|november|december)\.?(?:\s.*)?$", re.I)
_ROLE_WORDS = {
    "staff", "writer", "writers", "editor", "editors", "reporter", "correspondent", "contributor",
    "columnist", "author", "admin", "administrator", "team", "desk", "senior", "contributing",
    "guest", "freelance", "editorial", "associate", "managing", "chief", "news", "updated",
    "published", "posted", "name", "by", "deleted", "member", "user", "anonymous", "unknown",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
}
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,6}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|[A-Z]\.?[A-Z]\.?[A-Z]?\.?|[A-Z]-[A-Z]{2,4}(?: \d+)?)$")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL_START = re.compile(r"(?:https?:|www\.)", re.I)
# a URL or a bare domain ('speicherguide.de'), not a person
_URLISH = re.compile(r"^(?:https?:|www\.)|\.(?:com|org|net)\b|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)
_MAX_NAME_WORDS = 5
_NAME_STRIP = " \t-–—:·•,*~"
_MAX_BYLINE_CHARS = 120


def clean_authors(raw: Iterable[str]) -> list:
    """Split author strings into names; drop 'By', roles, credentials, e-mails, URLs, dates."""
    names: list = []
    for text in raw:
        if not text or _URL_START.match(text.strip()):
            continue
        text = _EMAIL.sub(" ", _collapse(text))
        for piece in _AUTHOR_SPLIT.split(text):
            name = clean_author_name(piece)
            if name and fold(name) not in {fold(n) for n in names}:
                names.append(name)
    return names


def clean_author_name(piece: str) -> Optional[str]:
    """One cleaned name, or None when the piece is not a person's name."""
    piece = _AUTHOR_PREFIX.sub("", piece.strip(_NAME_STRIP))
    piece = _AUTHOR_TAIL.sub("", piece).strip(_NAME_STRIP)
    if not piece or piece.startswith("@") or "©" in piece or _URLISH.search(piece) or _CREDENTIAL.match(piece):
        return None
    words = piece.split()
    if len(words) > _MAX_NAME_WORDS or not any(ch.isalpha() for ch in piece):
        return None
    if all(word.lower().strip(".:") in _ROLE_WORDS for word in words):
        return None
    return piece


def declared_authors(facts: PageFacts) -> list:
    """Author strings the page declares: JSON-LD article author(s), else author meta tags."""
    raw: list = []
    for item in ld_of(facts, _ARTICLE_TYPES):
        authors = item.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = ld_name(author)
            if name:
                raw.append(name)
        if raw:
            return raw
    for key in _AUTHOR_META:
        raw += facts.meta.get(key, [])
        if raw:
            return raw
    return raw


def pick_authors(headline: Headline, facts: PageFacts, sites: list, host: str) -> list:
    """Declared authors; the page's visible byline when none is declared, or when the declared
    author is only the site itself (an organisation credited for a person's article)."""
    names = clean_authors(declared_authors(facts))
    if names and not all(is_site_part(name, sites, host) for name in names):
        return names
    return clean_authors(visible_bylines(headline.near)) or names


_BYLINE_CUE = re.compile(r"author|byline|username|posted-by|submitted-by|writer", re.I)
_BYLINE_EXACT = re.compile(r"author-?name|authorname|author__name|byline__name|^author$|^byline$", re.I)


def visible_bylines(elements: list) -> list:
    """The author byline shown near the headline: the first element marked up as an author
    (rel, itemprop, class or id), the most specific markup first, outside comments and sidebars."""
    best, best_rank = None, 3
    for elem in elements:
        marks = _marks(elem)
        if not _BYLINE_CUE.search(marks) and "author" not in (elem.get("data-component") or "").lower():
            continue
        rank = _byline_rank(elem)
        if rank >= best_rank:
            continue
        text = element_text(elem)
        if 2 < len(text) < _MAX_BYLINE_CHARS and not in_boilerplate(elem) and clean_authors([text]):
            best, best_rank = text, rank
            if rank == 0:
                break
    return [best] if best else []


def _byline_rank(elem) -> int:
    """0: rel/itemprop author or an author-name class; 1: byline/author class or id; 2: other."""
    if elem.get("rel") == "author" or "author" in (elem.get("itemprop") or ""):
        return 0
    marks = f"{elem.get('class') or ''} {elem.get('id') or ''}".strip()
    if any(_BYLINE_EXACT.search(mark) for mark in marks.split()):
        return 0
    return 1 if re.search(r"author|byline", marks, re.I) else 2


# ---------------------------------------------------------------------------------------------
# description, url, site


def pick_description(facts: PageFacts) -> Optional[str]:
    found = facts.first("og:description", "description", "twitter:description", "dc.description")
    if not found:
        for item in ld_of(facts, _ARTICLE_TYPES | _PAGE_TYPES):
            found = ld_name(item.get("description"))
            if found:
                break
    return found or None


def pick_url(tree, facts: PageFacts, url: Optional[str]) -> Optional[str]:
    """The canonical URL when the page declares an absolute one, else the URL given."""
    for link in tree.iterfind(".//link[@rel='canonical']"):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    og_url = facts.first("og:url")
    if og_url and og_url.startswith(("http://", "https://")):
        return og_url
    return url


def pick_site(facts: PageFacts, sites: list, host: str) -> Optional[str]:
    """Declared site name, else a <title> part that names the domain, else the Twitter handle,
    else the domain."""
    twitter = _twitter_site(facts)
    declared = [site for site in sites if site != twitter]
    if declared:
        return declared[0]
    parts = split_title(facts.title_tag)
    if len(parts) > 1 and host:
        for part in (parts[-1], parts[0]):
            if is_site_part(part, [], host):
                return part
    return twitter or host or None


# ---------------------------------------------------------------------------------------------
# entry point


def html_metadata(tree, url: Optional[str] = None) -> dict:
    """Return {'title','description','date','authors','site','url'} for a parsed lxml.html tree."""
    facts = gather_facts(tree)
    page_url = pick_url(tree, facts, url)
    host = host_of(url) or host_of(page_url)
    sites = site_names(facts)
    title, anchor = pick_title(facts, sites, host)
    if anchor is None and facts.h1s:
        anchor = facts.h1s[0][1]
    headline = Headline(anchor)
    return {
        "title": title,
        "description": pick_description(facts),
        "date": pick_date(tree, facts, page_url, headline),
        "authors": pick_authors(headline, facts, sites, host),
        "site": pick_site(facts, sites, host),
        "url": page_url,
    }

