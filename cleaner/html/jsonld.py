"""JSON-LD blocks of a page: the objects with an @type, their types, their names."""
from __future__ import annotations

import json
import re
from typing import Optional

from .strings import collapse

MAX_LD_DEPTH = 64  # a JSON-LD block nested deeper is skipped (real ones nest under 10 levels)
MAX_LD_CHARS = 1_000_000  # and so is a block larger than this
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.S)  # an unclosed one runs to the end
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def ld_items(text: str) -> list:
    """Every JSON-LD object with an @type in one <script> block, outer objects first. A block
    that does not parse, or nests or weighs past the bounds above, declares nothing."""
    if len(text) > MAX_LD_CHARS or nests_too_deep(text):
        return []
    try:
        data = json.loads(text.strip().rstrip(";"), strict=False)
    except (ValueError, RecursionError):  # RecursionError: a caller already deep in the stack
        return []
    items: list = []
    _walk_ld(data, items, depth=0)
    return items


def nests_too_deep(text: str) -> bool:
    """Does the JSON text nest deeper than `MAX_LD_DEPTH`? Only a text with more opening
    brackets than that can (nearly every JSON-LD block has fewer; the scan is then skipped)."""
    return text.count("{") + text.count("[") > MAX_LD_DEPTH and nesting_depth(text) > MAX_LD_DEPTH


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting of a JSON text, brackets inside strings not counted (a
    cheap scan: the JSON parser recurses per level and fails past ~1,000)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for ch in brackets:
        depth += 1 if ch in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


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


ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "report", "scholarlyarticle", "techarticle",
    "analysisnewsarticle", "opinionnewsarticle", "reportagenewsarticle", "reviewnewsarticle",
    "backgroundnewsarticle", "liveblogposting", "socialmediaposting", "discussionforumposting",
    "posting", "howto", "recipe", "question", "creativework", "podcastepisode", "videoobject",
}
PAGE_TYPES = {"webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage", "profilepage",
               "medicalwebpage"}
ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "localbusiness", "educationalorganization"}


def ld_name(value) -> Optional[str]:
    """A display name from a JSON-LD value: a string, a {'name': ...} object, or a list of them."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return collapse(value)
    return None


