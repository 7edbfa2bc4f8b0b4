"""What an HTML page declares about itself (<meta> tags, JSON-LD, <title>, the <h1>s), gathered
in one pass."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..limits import MAX_LD_ITEMS, MAX_META_VALUES
from .jsonld import ld_items, ld_types
from .strings import clip, collapse, element_text


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
                _add_meta(facts.meta, key.strip().lower(), content)
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            facts.ld_items.extend(ld_items(script.text))
            if len(facts.ld_items) >= MAX_LD_ITEMS:
                del facts.ld_items[MAX_LD_ITEMS:]
                break
    title = tree.find(".//title")
    if title is not None:
        facts.title_tag = collapse(clip(title.text_content()))
    for h1 in tree.iter("h1"):
        text = clip(element_text(h1))
        if text:
            facts.h1s.append((text, h1))
            if len(facts.h1s) >= _MAX_H1:
                break
    return facts


def _add_meta(meta: dict, key: str, content: str) -> None:
    """Keep a meta value, up to `MAX_META_VALUES` per key, each clipped (strings.clip)."""
    values = meta.setdefault(key, [])
    if len(values) < MAX_META_VALUES:
        values.append(collapse(clip(content)))


def ld_of(facts: PageFacts, kinds: set) -> list:
    return [item for item in facts.ld_items if ld_types(item) & kinds]


