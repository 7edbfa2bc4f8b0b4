"""Stage (HTML only): parse the page and remove what trafilatura should never see: consent and
cookie containers, which it sometimes keeps as text."""
from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError

from . import gates, limits
from .errors import InputError

_CONSENT = re.compile(  # not a bare 'cmp-': Adobe Experience Manager names every component so
    r"cookie|consent|gdpr|onetrust|didomi|usercentrics|cookiebot|\btruste\b|truste-|trustarc|privacy-?banner"
    r"|qc-cmp|cmpbox|cmpwrapper|sp_message|fc-consent|cc-(?:window|banner)",
    re.I,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
MAX_CONSENT_CHARS = 5000  # a real consent box is short; a page wrapper that mentions cookies is not


def parse(text: str):
    """Parse HTML text into an lxml tree (raises InputError when there is nothing to parse).
    Pages past libxml2's limits (nesting deeper than 256, a text node over 10 MB) would lose
    text silently: they are parsed again, flattened or with the huge-tree option."""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    tree, hit = _parse(text, huge=False)
    if hit:
        markup = limits.flatten_deep_html(text) if hit == "depth" else text
        tree, _ = _parse(markup, huge=True)
    return tree


def _parse(text: str, huge: bool):
    parser = lxml_html.HTMLParser(huge_tree=huge)
    try:
        tree = lxml_html.document_fromstring(text, parser=parser)
    except (ParserError, ValueError) as exc:
        raise InputError(f"could not parse the HTML: {exc}") from exc
    return tree, limits.html_limit_hit(parser)


_CONSENT_WORDS = gates.literals(_CONSENT)  # one of them is in any match (None: unknown)


def _mentions_consent(attrs: str) -> bool:
    """_CONSENT.search(attrs), with a cheap test first: on ASCII attributes (nearly all) no
    match is possible without one of _CONSENT_WORDS."""
    if _CONSENT_WORDS is not None and attrs.isascii():
        lowered = attrs.lower()
        if not any(word in lowered for word in _CONSENT_WORDS):
            return False
    return bool(_CONSENT.search(attrs))


def _is_consent_box(el) -> bool:
    get = el.get
    attrs = f"{get('id') or ''} {get('class') or ''} {get('aria-label') or ''}"
    if len(attrs) < 5 or not _mentions_consent(attrs):
        return False
    return len(el.text_content()) <= MAX_CONSENT_CHARS


def remove_consent_boxes(tree) -> int:
    """Drop consent/cookie containers; returns how many were removed."""
    doomed = [el for el in tree.iter("div", "section", "aside", "dialog", "form", "footer", "p")
              if _is_consent_box(el)]
    gone: list = []
    for el in doomed:
        if any(anc in gone for anc in el.iterancestors()):  # inside a box already dropped
            continue
        if el.getparent() is not None:
            el.drop_tree()
            gone.append(el)
    return len(gone)


BLOCK_TAGS = frozenset((
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "br", "section",
    "article", "header", "footer", "nav", "ul", "ol", "table", "figure", "figcaption", "blockquote",
    "pre", "dt", "dd", "form", "aside", "main", "title", "button", "option", "label", "hr", "body",
))
SKIPPED_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "head"))


def block_text(el, skip=SKIPPED_TAGS, block=BLOCK_TAGS) -> str:
    """Text of an element with a line break around block elements and none between inline ones;
    elements in `skip` (scripts, styles…) are left out."""
    parts = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in skip:
            return
        is_block = tag in block
        if is_block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if is_block:
            parts.append("\n")

    walk(el)
    return "".join(parts)
