"""Stage (HTML only): parse the page into an lxml tree, and render a tree as a plain-text dump
(one line per block)."""
from __future__ import annotations

import re
from typing import Optional

from lxml import html as lxml_html
from lxml.etree import ElementDefaultClassLookup, ParserError, XPath

from .. import limits
from ..errors import InputError

_EMPTY_DOCUMENT = "Document is empty"  # lxml's message for markup without an element or text
_EMPTY_PAGE = "<html><head></head><body></body></html>"
_TEXT_NODES = XPath("//text()[not(ancestor::script or ancestor::style)]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Every element an HtmlElement, chosen inside lxml: lxml.html's own lookup asks Python for each
# element's class (to give form elements their form helpers, which nothing here uses), about 3 %
# of the default path's time.
_HTML_CLASSES = ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity)


def parse(text: str, utf8: Optional[bytes] = None):
    """Parse HTML text into an lxml tree (raises InputError when libxml2 cannot read it). A page
    with nothing in it (empty, a doctype or comments alone) is an empty document, not an error.
    A page past the work budget (`limits.MAX_HTML_ELEMENTS` opening tags, checked before parsing;
    `limits.MAX_PAGE_TEXT_CHARS` of text) raises TooLargeError.
    Pages past libxml2's limits (nesting deeper than 256, a text node over 10 MB) would lose
    text silently: they are parsed again, flattened or with the huge-tree option.
    `utf8`: the text's UTF-8 bytes when the caller has them (`decode.decode_with_utf8`)."""
    limits.check_html_elements(text)
    declaration = _XML_DECLARATION.match(text)  # lxml refuses str input that declares an encoding
    cut = declaration is not None  # (a match at the start only: a search for '^' tries every position)
    if cut:
        text = text[declaration.end():]
    tree, hit = _parse(text, huge=False, utf8=None if cut else utf8)
    if hit:
        markup = limits.flatten_deep_html(text) if hit == "depth" else text
        tree, _ = _parse(markup, huge=True, utf8=utf8 if markup is text and not cut else None)
    _adopt_after_html(tree)
    if len(text) > limits.MAX_PAGE_TEXT_CHARS:  # else the text cannot be past the budget
        limits.check_page_text(sum(len(piece) for piece in _TEXT_NODES(tree)))
    return tree


def _adopt_after_html(tree) -> None:
    """Markup after `</body></html>` (libxml2 leaves it in a second `<html>` element beside the
    root) goes into the body, where an HTML5 parser and a browser put it: a page that closes its
    body after the menu and writes the article below is not read as a menu alone."""
    strays = [el for el in tree.itersiblings() if isinstance(el.tag, str)]
    if not strays:
        return
    body = tree.find("body")
    if body is None:
        body = lxml_html.Element("body")
        tree.append(body)
    for stray in strays:
        inner = stray.find("body")
        for child in list(inner if inner is not None else stray):
            if child.tag != "head":
                body.append(child)


def _parse(text: str, huge: bool, utf8: Optional[bytes] = None):
    markup, encoding = (utf8, "utf-8") if utf8 is not None else _utf8(text)
    # collect_ids=False: no table of id attributes (only XPath's id() reads it; nothing here does)
    parser = lxml_html.HTMLParser(huge_tree=huge, encoding=encoding, collect_ids=False)
    parser.set_element_class_lookup(_HTML_CLASSES)
    try:
        tree = lxml_html.document_fromstring(markup, parser=parser)
    except ParserError as exc:
        if str(exc) == _EMPTY_DOCUMENT:
            return lxml_html.document_fromstring(_EMPTY_PAGE), None
        raise InputError(f"could not parse the HTML: {exc}") from exc
    except ValueError as exc:
        raise InputError(f"could not parse the HTML: {exc}") from exc
    return tree, limits.html_limit_hit(parser)


def _utf8(text: str) -> tuple:
    """(markup, encoding) for the parser: the text as UTF-8 bytes, which libxml2 reads as they
    come. Given a str, lxml hands libxml2 Python's own buffer (Latin-1, UTF-16 or UCS-4) to
    convert, which took a third of the parse on the bench pages; the trees are the same. A
    string UTF-8 cannot hold (a lone surrogate) goes as a str."""
    try:
        return text.encode("utf-8"), "utf-8"
    except UnicodeEncodeError:
        return text, None


BLOCK_TAGS = frozenset((
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "br", "section",
    "article", "header", "footer", "nav", "ul", "ol", "table", "figure", "figcaption", "blockquote",
    "pre", "dt", "dd", "form", "aside", "main", "title", "button", "option", "label", "hr", "body",
))
# <noscript> is read, as a reader without scripts sees it: some pages hold their content there (a
# forum's crawler view), or the parser nests the rest of the page in it (an element left open).
SKIPPED_TAGS = frozenset(("script", "style", "template", "svg", "iframe", "head"))


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
