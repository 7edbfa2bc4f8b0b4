"""Stage (HTML only): trafilatura's main-content extraction over the pre-cleaned tree, and a plain
rendering of the page (one line per block) for when trafilatura finds little or nothing."""
from __future__ import annotations

from typing import List, Optional

import trafilatura

BLOCK_TAGS = frozenset((
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "br", "section",
    "article", "header", "footer", "nav", "ul", "ol", "table", "figure", "figcaption", "blockquote",
    "pre", "dt", "dd", "form", "aside", "main", "title", "button", "option", "label", "hr", "body",
))
SKIPPED_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "head"))


def extract_body(tree, url: Optional[str] = None) -> str:
    """Main text of the page, one paragraph per line ('' when trafilatura finds none)."""
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=True)
    if doc is None:
        return ""
    return doc.text or ""


def render_text(tree) -> str:
    """The page as a plain-text dump: a line break around block elements, none between inline
    ones; scripts, styles and the like dropped."""
    parts: List[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIPPED_TAGS or not tag:
            return
        block = tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(tree)
    return "".join(parts)
