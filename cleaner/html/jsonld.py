"""JSON-LD blocks of a page: the objects with an @type, their types, their names."""
from __future__ import annotations

import json
from typing import Optional

from .strings import collapse

def ld_items(text: str) -> list:
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


