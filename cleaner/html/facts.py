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
    canonical: list = field(default_factory=list)  # href of each <link rel="canonical">, in order

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
    """Collect meta tags, JSON-LD items, the <title> text, the <h1> texts and the canonical links
    of `tree`, in one walk over it (each tag looked for separately took a walk of its own)."""
    facts = PageFacts()
    title = None
    for elem in tree.iter("meta", "script", "title", "h1", "link"):
        tag = elem.tag
        if tag == "meta":
            _read_meta(facts, elem)
        elif tag == "script":
            _read_script(facts, elem)
        elif tag == "h1":
            _read_h1(facts, elem)
        elif elem is tree:  # a <title> or <link> counts below the root, as with tree.find(".//title")
            continue
        elif tag == "title":
            title = elem if title is None else title
        elif elem.get("rel") == "canonical":
            facts.canonical.append(elem.get("href"))
    if title is not None:
        facts.title_tag = collapse(clip(title.text_content()))
    return facts


def _read_meta(facts: PageFacts, elem) -> None:
    content = elem.get("content")
    if content is None or not content.strip():
        return
    for attr in _META_KEY_ATTRS:
        key = elem.get(attr)
        if key:
            _add_meta(facts.meta, key.strip().lower(), content)


def _read_script(facts: PageFacts, script) -> None:
    """The JSON-LD items of a <script>, up to `MAX_LD_ITEMS` on the page."""
    if len(facts.ld_items) < MAX_LD_ITEMS and \
            (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
        facts.ld_items.extend(ld_items(script.text))
        del facts.ld_items[MAX_LD_ITEMS:]


def _read_h1(facts: PageFacts, h1) -> None:
    if len(facts.h1s) < _MAX_H1:
        text = clip(element_text(h1))
        if text:
            facts.h1s.append((text, h1))


def _add_meta(meta: dict, key: str, content: str) -> None:
    """Keep a meta value, up to `MAX_META_VALUES` per key, each clipped (strings.clip)."""
    values = meta.setdefault(key, [])
    if len(values) < MAX_META_VALUES:
        values.append(collapse(clip(content)))


def ld_of(facts: PageFacts, kinds: set) -> list:
    return [item for item in facts.ld_items if ld_types(item) & kinds]


