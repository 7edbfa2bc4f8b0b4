"""Stage: metadata of a plain-text dump, read off the lines the context stage set aside
(headline, dek, datelines, bylines, copyright lines). Dates told inside the story never count."""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from .. import dates
from ..limits import MAX_AUTHORS, MAX_FIELD_CHARS
from ..vocabulary import AND_WORDS, RIGHTS_RESERVED, UPDATED_WORDS
from . import rules
from .lines import Line

# a dateline telling an update: the words of `vocabulary.py`, 'update', 'modified', the Italian one
_UPDATE_WORDS = re.compile(r"\b(?:" + "|".join(UPDATED_WORDS + ("update", "modified", "aggiornato")) + r")\b", re.I)


def _first(lines: List[Line], roles: List[str], role: str) -> Optional[str]:
    """The text of the first line of `role` (`roles`: the lines' roles)."""
    try:
        return lines[roles.index(role)].text
    except ValueError:
        return None


_DATED = frozenset((rules.METADATA, rules.CAPTION))  # the reasons of the lines a date is read from
_READ = _DATED | {rules.LEGAL}  # ... and of every line text_metadata reads


def pick_date(lines: List[Line], day_first: bool = False) -> Optional[str]:
    """Publication date from explicit markers outside the body: datelines and date markers first
    (publication before update), then dates in photo captions (the latest one). `day_first`:
    read ambiguous slashed dates as day/month (pages not in English)."""
    return _pick_date([(i, ln) for i, ln in enumerate(lines) if ln.reason in _DATED], lines, day_first)


def _pick_date(marked: List[Tuple[int, Line]], lines: List[Line], day_first: bool,
               roles: Optional[List[str]] = None) -> Optional[str]:
    """`pick_date` given the lines set aside as metadata or captions (`marked`, with their
    places), in page order, among every line of the page (`roles`: their roles, if known)."""
    marked = [(i, ln) for i, ln in marked if ln.role != "body" and ln.reason in _DATED]
    if not marked:
        return None
    roles = [ln.role for ln in lines] if roles is None else roles
    body_start = roles.index("body") if "body" in roles else len(lines)
    markers, updates, captions = [], [], []
    for i, line in marked:
        found = dates.find_dates(line.text, day_first=day_first)
        if not found:
            continue
        if line.reason == rules.CAPTION:
            captions.extend(d for d, _, _ in found)
        elif _UPDATE_WORDS.search(line.text):
            updates.append((i >= body_start, found[0][0]))
        else:
            markers.append((i >= body_start, found[0][0]))
    for group in (markers, updates):
        if group:
            return sorted(group, key=lambda x: x[0])[0][1]  # header before footer, then page order
    return max(captions) if captions else None


_BY = re.compile(rules.BYLINE_START)
# names split at punctuation and 'and' (`vocabulary.py`, also the Polish 'i')
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|" + "|".join(rf"\b{word}\b" for word in AND_WORDS + ("i",)) + r")\s*")


def pick_authors(lines: List[Line]) -> List[str]:
    """Names in the bylines set aside as metadata, at most `MAX_AUTHORS`."""
    authors: List[str] = []
    for line in lines:
        if line.reason != rules.METADATA or not rules.byline(line):
            continue
        names = re.split(r"\s+[|–—-]\s+", _BY.sub("", line.text[:MAX_FIELD_CHARS]))[0]
        for name in _AUTHOR_SPLIT.split(names):
            name = name.strip(" .")
            if name and len(name.split()) <= 4 and name not in authors:
                authors.append(name)
                if len(authors) >= MAX_AUTHORS:
                    return authors
    return authors


_COPY_NOISE = re.compile(  # what a copyright line holds besides the rights holder's name
    r"©|\(c\)|copyright|" + "|".join(RIGHTS_RESERVED) + r"|\b(?:19|20)\d\d\b|[-–]", re.I)


_CORPORATE = frozenset(("inc", "ltd", "co", "corp", "llc", "plc", "s.a", "n.v", "b.v", "s.l", "s.p.a"))


def pick_site(lines: List[Line]) -> Optional[str]:
    """The rights holder named in a copyright line: `© 2017 Time Inc. All rights reserved.`"""
    for line in lines:
        if line.reason == rules.LEGAL and rules.copyright_notice(line):
            name = _COPY_NOISE.sub(" ", line.text)
            name = re.sub(r"\s+[.,|]+(?=\s|$)", "", re.sub(r"\s+", " ", name)).strip(" ,|")
            if name.endswith(".") and name.split()[-1].rstrip(".").lower() not in _CORPORATE:
                name = name[:-1]  # a full stop, not an abbreviation (`Der Spiegel.`, not `Time Inc.`)
            if name and len(name.split()) <= 6:
                return name
    return None


def text_metadata(lines: List[Line], language: Optional[str] = None) -> dict:
    roles = [ln.role for ln in lines]
    marked = [(i, ln) for i, ln in enumerate(lines) if ln.reason in _READ]  # (the few lines read below)
    day = _pick_date(marked, lines, language not in (None, "en"), roles)
    read = [ln for _, ln in marked]
    return {
        "title": _first(lines, roles, "title"),
        "description": _first(lines, roles, "description"),
        "date": day,
        "date_source": "text" if day else None,
        "authors": pick_authors(read),
        "site": pick_site(read),
    }
