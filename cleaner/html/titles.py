"""Title and site-name rules for HTML pages: the names the site declares, title parts naming
the site, and the headline chosen among the <h1>s and the declared titles."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from .facts import PageFacts, ld_of
from .jsonld import ARTICLE_TYPES, ORG_TYPES, PAGE_TYPES, ld_name, ld_types
from .strings import collapse, element_text, fold, squash

# site name


def site_names(facts: PageFacts) -> list:
    """Declared names of the site or publisher, most explicit first."""
    names = [
        facts.first("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher",
                    "dc.publisher", "article:publisher"),
    ]
    for item in facts.ld_items:
        kinds = ld_types(item)
        if kinds & ARTICLE_TYPES or kinds & PAGE_TYPES:
            names.append(ld_name(item.get("publisher")))
        if kinds & ({"website"} | ORG_TYPES):
            names.append(ld_name(item))
    names.append(twitter_site(facts))
    out: list = []
    for name in names:
        if name and not name.lower().startswith("http") and name not in out:
            out.append(name)
    return out


def twitter_site(facts: PageFacts) -> Optional[str]:
    handle = facts.first("twitter:site")
    return handle.lstrip("@") if handle else None



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
    for item in ld_of(facts, ARTICLE_TYPES):
        titles.append(ld_name(item.get("headline")))
    titles += [facts.first("headline", "dc.title", "title"), facts.title_tag]
    out: list = []
    for title in titles:
        if title and len(title) >= _MIN_HEADLINE_CHARS and title not in out:
            out.append(collapse(title))
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


_MIN_HELD_WORDS = 3


def title_held_in(h1: str, elem, titles: list) -> Optional[str]:
    """The first declared title (of at least `_MIN_HELD_WORDS` words) that makes up one part of
    the <h1>'s markup (a text piece or an inner element) while other parts add more: '<h1><time>
    Dec 18 2025</time> Preparing a transition</h1>' holds 'Preparing a transition', '<h1><span>
    Title:</span>AlignMerge…</h1>' holds 'AlignMerge…'. An <h1> that is one longer text is
    simply a longer title."""
    parts = {fold(text) for text in elem.itertext()} | {fold(element_text(e)) for e in elem.iterdescendants()}
    folded_h1 = fold(h1)
    for title in titles:
        key = fold(title)
        if len(key.split()) >= _MIN_HELD_WORDS and key != folded_h1 and key in parts:
            return title
    return None


def pick_title(facts: PageFacts, sites: list, host: str) -> tuple:
    """(headline, its <h1> element or None).

    In order: an <h1> equal to a declared title or to one of its site-separated parts; a declared
    title that an <h1> holds with more glued to it (a dateline, a label, a comment count); the
    <h1> sharing most words with a declared title (at least `_MIN_TITLE_OVERLAP`); the only <h1>,
    unless it shares no word with the declared titles; the declared title minus the site name;
    the first <h1>. <h1>s naming the site are skipped."""
    declared = declared_titles(facts)
    stripped = [strip_site(t, sites, host) for t in declared]
    candidates = [(h1, elem) for h1, elem in facts.h1s
                  if len(h1) >= _MIN_HEADLINE_CHARS and not is_site_part(h1, sites, host)]
    for h1, elem in candidates:
        if any(titles_agree(h1, t) for t in declared + stripped):
            return h1, elem
    for h1, elem in candidates:
        held = title_held_in(h1, elem, stripped + declared + [_main_part(t) for t in declared])
        if held:
            return held, elem
    best, score = _closest(candidates, declared + stripped)
    if best and score >= _MIN_TITLE_OVERLAP:
        return best
    if len(candidates) == 1 and (score > 0 or not declared):
        return candidates[0]
    if stripped:
        return stripped[0], None
    return facts.h1s[0] if facts.h1s else (None, None)


