"""Renderers: turn an HTML page into the plain-text dump a crawl archive would keep.

- `htmltext`: `html_text.extract_text(html)` (the `html-text` package), one line per block.
- `bs4`: BeautifulSoup over the DOM, a line break only around block elements and no separator
  between inline ones (inline links glue together: `Customer ServiceSite Map`), after dropping
  script, style, noscript, template, svg and iframe.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path

from .data import Page, cached

BLOCK_TAGS = (
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "br", "section", "article",
    "header", "footer", "nav", "ul", "ol", "table", "figure", "figcaption", "blockquote", "pre",
    "dt", "dd", "form", "aside", "main", "title", "button", "option", "label",
)
DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "iframe")
_BREAK = "\x00"  # marks a block boundary until whitespace is collapsed
_SPACES = re.compile(r"\s+")
RENDER_VERSION = "1"  # bump when a renderer changes: it keys the cache


def decode_page(raw: bytes) -> str:
    """Bytes to text the way the crawler's renderer would: trafilatura's decoder (UTF-8, else
    detection). A third-party choice, so the cleaner's own decoder is not favoured."""
    from trafilatura.utils import decode_file

    return decode_file(raw)


def render_bs4(html: str) -> str:
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        if tag.parent is not None:
            tag.insert_before(_BREAK)
            tag.insert_after(_BREAK)
    return _lines(soup.get_text())


def render_htmltext(html: str) -> str:
    import html_text

    return html_text.extract_text(html).strip()  # as it renders: blank line between paragraphs


def _lines(text: str) -> str:
    """One line per block: whitespace collapsed inside lines, empty lines dropped."""
    lines = (_SPACES.sub(" ", part).strip() for part in text.split(_BREAK))
    return "\n".join(line for line in lines if line)


RENDERERS = {"text-bs4": render_bs4, "text-htmltext": render_htmltext}


def page_dump(page: Page, mode: str, cache_dir: Path) -> str:
    """The text dump of `page` for a text mode, from the cache when already rendered."""
    render = RENDERERS[mode]
    path = cache_dir / f"{mode}.v{RENDER_VERSION}" / page.set / f"{page.id}.txt"
    return cached(path, lambda: render(decode_page(page.raw())))
