"""The page model shared by both paths: a page is a sequence of blocks in reading order.

An HTML page's blocks come from its DOM (`html/blocks.py`): the text of each block element (a
paragraph, heading, list item, table cell, quote, …) with its DOM context. A text dump's blocks
are its lines (`text/lines.py`), with the kind guessed from the line. Everything after the split
(the views, the features, the decision, the result) works on blocks alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .text.lines import Line

# Block kinds.
PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
CELL = "cell"
QUOTE = "quote"
PRE = "pre"
CAPTION = "caption"
OTHER = "other"  # text of a container (div, span runs, labels, buttons, …)

# DOM context flags: the block sits inside an element of that kind.
IN_NAV, IN_HEADER, IN_FOOTER, IN_ASIDE, IN_FORM, IN_ARTICLE, IN_MAIN, IN_LIST, IN_TABLE, \
    IN_FIGURE, IN_LINK, IN_BUTTON, IN_HEADING = (1 << i for i in range(13))
FLAG_NAMES = ("nav", "header", "footer", "aside", "form", "article", "main", "list", "table",
              "figure", "link", "button", "heading")


@dataclass
class Block:
    line: Line  # the text (whitespace collapsed) and its line features
    kind: str = PARAGRAPH
    tag: str = ""  # the innermost block element ("" for a text dump's line)
    level: int = 0  # heading level (1-6), else 0
    depth: int = 0  # DOM depth of that element
    link_chars: int = 0  # characters of the text inside links
    flags: int = 0  # IN_* bits
    bad_attrs: int = 0  # ancestors whose class/id read as boilerplate (nav, share, related, …)
    good_attrs: int = 0  # ancestors whose class/id read as content (article, story, post-body, …)
    hint: str = ""  # the boilerplate word of the nearest such ancestor ("nav", "share", …)
    ancestors: Optional[tuple] = None  # those ancestors' categories, nearest first: (category, rest)
    hidden: bool = False  # inside an element hidden by attribute or inline style
    views: Dict[str, float] = field(default_factory=dict)  # share of the block each view keeps
    score: float = 0.0  # the model's log-odds that the block is body
    keep: bool = False
    reason: Optional[str] = None  # why it was not kept
    # The block's place in the page's structure (read by the result and the Markdown output only,
    # never by the decision): filled by html/blocks.py and text/blocks.py.
    lst: int = 0  # id of the list (<ol>, <ul>, <dl>, a run of dump items) the block is in, 0: none
    list_depth: int = 0  # lists around that one (0: a top-level list)
    item: int = 0  # id of the list item element it belongs to (several blocks may share one)
    ordered: bool = False  # an item of a numbered list
    number: Optional[int] = None  # its number as the source shows it (<ol start>, <li value>, "3.")
    marker: str = ""  # a dump item's marker as written ("3.", "b)", "•"); "" for HTML items
    table: int = 0  # id of the innermost table around it, 0: none
    row: int = 0  # id of its <tr> (a dump's table row: its line)
    cell: int = 0  # id of its <td>/<th>
    header: bool = False  # inside a <th> or <thead>
    quote: int = 0  # id of the <blockquote> it is in, 0: none
    code: Optional[str] = None  # a <pre> block's text with its line breaks

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def link_density(self) -> float:
        return min(1.0, self.link_chars / max(1, len(self.line.text)))


# What a page declares it is (cleaner/html/metadata.py reads it from JSON-LD and og:type).
PAGE_TYPE_NAMES = ("product", "forum", "article", "listing", "page")


@dataclass
class Page:
    blocks: List[Block]
    language: Optional[str] = None
    title: Optional[str] = None
    is_html: bool = True
    view_texts: Dict[str, str] = field(default_factory=dict)  # each view's own text, by name
    page_type: Optional[str] = None  # what the page declares it is (PAGE_TYPE_NAMES)
