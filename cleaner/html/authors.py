"""Author rules for HTML pages: declared names (JSON-LD, meta tags), else the visible byline
near the headline, split and cleaned (no "By", roles, credentials, e-mails, URLs, dates)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from ..limits import MAX_AUTHORS
from ..vocabulary import AND_WORDS, AUTHOR_LABELS, BY_WORDS, MONTH_NAMES_EN, WEEKDAY_ABBREVIATIONS
from .facts import PageFacts, ld_of
from .jsonld import ARTICLE_TYPES, ld_name
from .nearby import MARKS_CACHE, Headline, in_boilerplate
from .strings import CLIPPED, clip, collapse, element_text, fold, gated_search
from .titles import is_site_part


_AUTHOR_META = ("author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
                "dc.creator", "dcterms.creator", "citation_author", "byl", "twitter:creator")
# English month names but May (a first name too), 'By' in a few languages (`vocabulary.py`);
# 'Author' labels: those of `vocabulary.py`, a plural, French, Italian, 'writer'
_MONTHS = tuple(name for names in MONTH_NAMES_EN for name in names if name != "may")
_BY = "|".join(BY_WORDS)
# name separators: punctuation, '&', and the word 'and' in a few languages (lowercase, between
# spaces; also 'AND' and the Scandinavian 'og', 'och')
_AUTHOR_SPLIT = re.compile(r"\s*[;,|/&]\s*|\s+(?:" + "|".join(AND_WORDS + ("AND", "og", "och")) + r")\s+")
_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:" + "|".join(AUTHOR_LABELS + ("authors", "auteur", "autore", "writer")) + r")\b\s*:?\s*"
    r"|(?:written|posted|reviewed|edited|updated|published|reported|photos?|text|words|story)\s*"
    r"(?:" + _BY + r")\s*:?\s*"
    r"|(?:" + _BY + r"|via)\b\s*:?\s*)+", re.I)
# what trails a name in a byline: ' - Site Team', ' on March 5', 'Dec 12', 'Last updated', numbers
# (a month name only with a day or year after it, or at the end: 'Jan Kowalski' is a name)
_AUTHOR_TAIL = re.compile(
    r"\s+(?:[-–—|·•]|on|at|am|um|le|el|il|for|from|in)\s+.*$|(?:^|\s+)\d.*$|\s*\(.*$"
    r"|\s+(?:last\s+)?(?:updated|published|posted|modified|reviewed)\b.*$"
    r"|\s+(?:" + "|".join(_MONTHS) + r")\.?(?:\s+\d.*)?$", re.I)
_ROLE_WORDS = {
    "staff", "writer", "writers", "editor", "editors", "reporter", "correspondent", "contributor",
    "columnist", "author", "admin", "administrator", "team", "desk", "senior", "contributing",
    "guest", "freelance", "editorial", "associate", "managing", "chief", "news", "updated",
    "published", "posted", "name", "by", "deleted", "member", "user", "anonymous", "unknown",
    *_MONTHS, *WEEKDAY_ABBREVIATIONS,
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
    """Split author strings into names; drop 'By', roles, credentials, e-mails, URLs, dates.
    At most `MAX_AUTHORS` names, each string read up to `MAX_FIELD_CHARS`; linear time."""
    names: list = []
    seen: set = set()
    for text in raw:
        if not text or _URL_START.match(text.strip()):
            continue
        for piece in _author_pieces(text):
            name = clean_author_name(piece)
            key = fold(name)
            if name and key not in seen:
                seen.add(key)
                names.append(name)
                if len(names) >= MAX_AUTHORS:
                    return names
    return names


def _author_pieces(text: str) -> list:
    """The name-sized pieces of an author string read up to `MAX_FIELD_CHARS` (a name cut
    there is dropped), e-mail addresses removed."""
    pieces = _AUTHOR_SPLIT.split(_EMAIL.sub(" ", collapse(clip(text))))
    return pieces[:-1] if len(pieces) > 1 and pieces[-1].endswith(CLIPPED) else pieces


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
    for item in ld_of(facts, ARTICLE_TYPES):
        authors = item.get("author")
        for author in authors[:MAX_AUTHORS] if isinstance(authors, list) else [authors]:
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
_byline_search = gated_search(_BYLINE_CUE)
_BYLINE_EXACT = re.compile(r"author-?name|authorname|author__name|byline__name|^author$|^byline$", re.I)


# a link to an author's page: /author/jane-doe, /authors/jdoe/, /contributor/a._j._neal
_AUTHOR_HREF = re.compile(r"/(?:authors?|autor(?:en)?|auteurs?|writers?|contributors?)/[^/?#\s]+/?(?:[?#]|$)", re.I)
_FORM_TAGS = frozenset(("form", "label", "input", "button", "select", "option", "textarea", "fieldset"))


def visible_bylines(marked: list) -> list:
    """The author byline shown near the headline: the first element marked up as an author
    (rel, itemprop, class or id, or a link to an author page), the most specific markup first,
    outside comments, sidebars and forms. `marked`: (element, its marks) pairs (`Headline.near`)."""
    best, best_rank = None, 3
    for elem, marks in marked:
        if not _byline_cue(elem, marks) or in_form(elem):
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


def _byline_cue(elem, marks: str) -> bool:
    """Does the markup say the element names an author (class, id, rel, itemprop: its `marks`;
    a data-component, a link to an author page)?"""
    return marks_say_author(marks) or "author" in (elem.get("data-component") or "").lower() or _author_link(elem)


@lru_cache(maxsize=MARKS_CACHE)
def marks_say_author(marks: str) -> bool:
    return _byline_search(marks)


def _author_link(elem) -> bool:
    return elem.tag == "a" and bool(_AUTHOR_HREF.search(elem.get("href") or ""))


def in_form(elem) -> bool:
    """Is the element form furniture (a label, an input…, or inside a <form>)? A login form's
    'username' label is no byline."""
    return elem.tag in _FORM_TAGS or any(node.tag == "form" for node in elem.iterancestors())


def _byline_rank(elem) -> int:
    """0: rel/itemprop author or an author-name class; 1: byline/author class or id, or a link
    to an author page; 2: other."""
    if elem.get("rel") == "author" or "author" in (elem.get("itemprop") or ""):
        return 0
    marks = f"{elem.get('class') or ''} {elem.get('id') or ''}".strip()
    if any(_BYLINE_EXACT.search(mark) for mark in marks.split()):
        return 0
    return 1 if re.search(r"author|byline", marks, re.I) or _author_link(elem) else 2


