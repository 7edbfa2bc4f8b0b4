"""Stage: metadata of a plain-text dump, read off the lines the context stage set aside
(headline, dek, datelines, bylines, copyright lines). Dates told inside the story never count."""
from __future__ import annotations

import re
from typing import List, Optional

from .. import dates
from ..limits import MAX_AUTHORS, MAX_FIELD_CHARS
from ..vocabulary import AND_WORDS, RIGHTS_RESERVED, UPDATED_WORDS
from . import rules
from .lines import Line

# a dateline telling an update: the words of `vocabulary.py`, 'update', 'modified', the Italian one
_UPDATE_WORDS = re.compile(r"\b(?:" + "|".join(UPDATED_WORDS + ("update", "modified", "aggiornato")) + r")\b", re.I)


def _first(lines: List[Line], role: str) -> Optional[str]:
    return next((ln.text for ln in lines if ln.role == role), None)


def pick_date(lines: List[Line], day_first: bool = False) -> Optional[str]:
    """Publication date from explicit markers outside the body: datelines and date markers first
    (publication before update), then dates in photo captions (the latest one). `day_first`:
    read ambiguous slashed dates as day/month (pages not in English)."""
    body_start = next((i for i, ln in enumerate(lines) if ln.role == "body"), len(lines))
    markers, updates, captions = [], [], []
    for i, line in enumerate(lines):
        if line.role == "body" or line.reason not in (rules.METADATA, rules.CAPTION):
            continue
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
    day = pick_date(lines, day_first=language not in (None, "en"))
    return {
        "title": _first(lines, "title"),
        "description": _first(lines, "description"),
        "date": day,
        "date_source": "text" if day else None,
        "authors": pick_authors(lines),
        "site": pick_site(lines),
    }
