"""Stage (HTML only): the parsed page as a sequence of blocks in reading order.

A block is the text of one block element (paragraph, heading, list item, table cell, …) up to
its first child block; text after a child block starts a new block of the same element, so text
is never glued across block boundaries. Each block keeps its DOM context: the tag, the kinds of
elements around it (nav, footer, article, list, table, link, …), its link characters, and the
boilerplate or content words of its ancestors' class and id attributes.
"""
from __future__ import annotations

import functools
import itertools
import re
from collections import namedtuple
from typing import List, Optional

from .. import page as P
from ..text.lines import split_lines
from .parse import BLOCK_TAGS, SKIPPED_TAGS

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_KIND = {"p": P.PARAGRAPH, "li": P.LIST_ITEM, "dd": P.LIST_ITEM, "dt": P.LIST_ITEM, "td": P.CELL,
         "th": P.CELL, "blockquote": P.QUOTE, "pre": P.PRE, "figcaption": P.CAPTION,
         **{h: P.HEADING for h in HEADINGS}}
_CONTEXT = {"nav": P.IN_NAV, "header": P.IN_HEADER, "footer": P.IN_FOOTER, "aside": P.IN_ASIDE,
            "form": P.IN_FORM, "article": P.IN_ARTICLE, "main": P.IN_MAIN, "ul": P.IN_LIST,
            "ol": P.IN_LIST, "dl": P.IN_LIST, "table": P.IN_TABLE, "figure": P.IN_FIGURE,
            "a": P.IN_LINK, "button": P.IN_BUTTON, "select": P.IN_BUTTON, "label": P.IN_FORM,
            **{h: P.IN_HEADING for h in HEADINGS}}
# Words of class/id attributes. Boilerplate ones carry the category used as a removal reason.
_BAD_ATTR = re.compile(
    r"(?<![a-z])(?:(?P<navigation>nav|menu|breadcrumb|footer|header|masthead|sidebar|pagination|pager"
    r"|skip|toolbar|topbar|site-?map)"
    r"|(?P<promo>share|sharing|social|subscri|newsletter|signup|sign-up|promo|advert|ads?(?![a-z])"
    r"|sponsor|banner|popup|modal|login|donate)"
    r"|(?P<teaser>related|recommend|more-?(?:stories|articles|news)|teaser|popular|trending|most-?read"
    r"|read-?next|outbrain|taboola|also)"
    r"|(?P<comments>comment|disqus|reply|respond)"
    r"|(?P<caption>caption|credit|wp-caption)"
    r"|(?P<metadata>byline|author|dateline|timestamp|tags?(?![a-z])|categor|meta(?![a-z])))", re.I)
_GOOD_ATTR = re.compile(
    r"(?<![a-z])(?:article|content|story|post|entry|body|main|prose|rich-?text|text)(?![a-z])", re.I)
# A post's own taxonomy classes (WordPress's post_class(): `post-123 type-post status-publish
# hentry category-news tag-iran`): they name the story's categories and tags, they do not make
# the element a category bar or a tag list.
_POST_CLASSES = re.compile(r"(?<![\w-])(?:hentry|status-publish|type-post|post-\d+)(?![\w-])", re.I)
_TAXONOMY_CLASS = re.compile(r"(?<![\w-])(?:category|tag)-[\w-]+", re.I)
ATTR_CACHE = 4096  # class/id strings remembered (pages of one site repeat them)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


# The block's place in lists, tables and quotes (ids count up from 1 in one page's walk).
_Struct = namedtuple("_Struct", "lst list_depth item ordered number table row cell header quote")
_NO_STRUCT = _Struct(0, -1, 0, False, None, 0, 0, 0, False, 0)
_STRUCT_TAGS = frozenset(("ol", "ul", "dl", "li", "dt", "dd", "table", "thead", "tr", "td", "th",
                          "blockquote"))


# A boilerplate word on an element around this share of the text the extractors keep names the
# page's layout ("has-sidebar", "page-with-header"), not a boilerplate region: it does not count.
LAYOUT_SHARE = 0.6
LAYOUT_MIN_BLOCKS = 5  # ... and around at least this many blocks
POST_MIN_WORDS = 5  # on a discussion thread, a block of this many words can be a post's text


class _Ctx:
    """What the ancestors of an element say. `bad`: those whose class/id read as boilerplate,
    nearest first, as a linked chain (category, rest) or None; each link stands for one ancestor
    (`discount_layout` tells them apart by identity)."""
    __slots__ = ("flags", "bad", "good", "hidden", "depth", "st", "ids")

    def __init__(self, flags=0, bad=None, good=0, hidden=False, depth=0, st=_NO_STRUCT, ids=None):
        self.flags, self.bad, self.good, self.hidden, self.depth = flags, bad, good, hidden, depth
        self.st, self.ids = st, ids if ids is not None else itertools.count(1)


def _struct(tag: str, s: _Struct, ids, number: Optional[int]) -> _Struct:
    """The structure of a child element `tag` inside structure `s`."""
    if tag in ("ol", "ul", "dl"):
        return s._replace(lst=next(ids), list_depth=s.list_depth + 1, item=0, ordered=tag == "ol", number=None)
    if tag in ("li", "dt", "dd"):
        return s._replace(item=next(ids), number=number)
    if tag == "table":
        return s._replace(table=next(ids), row=0, cell=0, header=False)
    if tag == "thead":
        return s._replace(header=True)
    if tag == "tr":
        return s._replace(row=next(ids), cell=0)
    if tag in ("td", "th"):
        return s._replace(cell=next(ids), header=s.header or tag == "th")
    return s._replace(quote=next(ids))  # blockquote


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _numbering(ol):
    """The numbers of an <ol>'s items as a browser shows them: `start`, `reversed`, `<li value>`."""
    step = -1 if ol.get("reversed") is not None else 1
    start = _int(ol.get("start"))
    if start is None:
        start = sum(1 for c in ol if c.tag == "li") if step < 0 else 1
    n = [start]

    def number(li) -> int:
        value = _int(li.get("value"))
        if value is not None:
            n[0] = value
        n[0] += step
        return n[0] - step
    return number


@functools.lru_cache(maxsize=ATTR_CACHE)
def _attr_words(attrs: str) -> tuple:
    """What an element's class and id words say: (boilerplate category or '' when they are
    boilerplate, else None; 1 when they are content words)."""
    if _POST_CLASSES.search(attrs):
        attrs = _TAXONOMY_CLASS.sub(" ", attrs)
    m = _BAD_ATTR.search(attrs)
    if m:
        return m.lastgroup or "", 0
    return None, 1 if _GOOD_ATTR.search(attrs) else 0


def _child_ctx(el, tag: str, ctx: _Ctx, number: Optional[int] = None) -> _Ctx:
    get = el.get
    cls, ident = get("class"), get("id")
    bad, good = ctx.bad, ctx.good
    if cls or ident:
        category, content = _attr_words(f"{cls or ''} {ident or ''}")
        if category is not None:
            bad = (category, bad)
        else:
            good += content
    hidden = ctx.hidden or get("hidden") is not None or get("aria-hidden") == "true" or bool(
        get("style") and _HIDDEN_STYLE.search(get("style")))
    st = _struct(tag, ctx.st, ctx.ids, number) if tag in _STRUCT_TAGS else ctx.st
    return _Ctx(ctx.flags | _CONTEXT.get(tag, 0), bad, good, hidden, ctx.depth + 1, st, ctx.ids)


def page_blocks(tree, thread: bool = False) -> List[P.Block]:
    """The blocks of a parsed page (the <body>, else the whole tree), in reading order.
    `thread`: the page is a discussion thread, whose posts are its content: the comment words
    of their containers' classes do not count against a block long enough to be a post's text."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    out: List[P.Block] = []
    parts: List[str] = []
    links = [0]
    _walk(root, _Ctx(), "body", root.tag if isinstance(root.tag, str) else "", out, parts, links)
    _flush(out, parts, links, "body", _Ctx())
    for b in out:
        if thread and b.line.n_words >= POST_MIN_WORDS:
            b.ancestors = _without(b.ancestors, lambda link: link[0] == "comments")
        b.bad_attrs, b.hint = _read(b.ancestors)
    return out


def discount_layout(blocks: List[P.Block], views: List[List[bool]]) -> None:
    """A boilerplate word on an element around most of the text each extractor keeps (`views`:
    for each, whether it keeps each block) names the page's layout ("has-sidebar",
    "page-with-header"), not a boilerplate region: it no longer counts for the blocks inside
    (LAYOUT_SHARE, LAYOUT_MIN_BLOCKS)."""
    layout = None
    for kept in views:
        inside = _holding(blocks, kept)
        if inside is not None:
            layout = inside if layout is None else layout & inside
    if not layout:
        return
    for b in blocks:
        b.ancestors = _without(b.ancestors, lambda link: id(link) in layout)
        b.bad_attrs, b.hint = _read(b.ancestors)


def _holding(blocks: List[P.Block], kept: List[bool]) -> Optional[set]:
    """The boilerplate ancestors (by identity) around LAYOUT_SHARE of the kept blocks' text and at
    least LAYOUT_MIN_BLOCKS blocks; None when nothing is kept."""
    chars: dict = {}
    count: dict = {}
    total = 0
    for b, k in zip(blocks, kept):
        n = len(b.text) if k else 0
        total += n
        link = b.ancestors
        while link is not None:
            key = id(link)
            chars[key] = chars.get(key, 0) + n
            count[key] = count.get(key, 0) + 1
            link = link[1]
    if not total:
        return None
    return {key for key, n in chars.items() if n >= LAYOUT_SHARE * total and count[key] >= LAYOUT_MIN_BLOCKS}


def _without(chain, drop):
    """The chain of boilerplate ancestors without the links `drop` says. The links beyond the
    outermost dropped one are shared with the original chain, so an ancestor keeps its identity
    (`discount_layout`) in the chains of all the blocks inside it."""
    links = []
    while chain is not None:
        links.append(chain)
        chain = chain[1]
    dropped = {i for i, link in enumerate(links) if drop(link)}
    if not dropped:
        return links[0] if links else None
    last = max(dropped)
    out = links[last][1]
    for i in range(last - 1, -1, -1):
        if i not in dropped:
            out = (links[i][0], out)
    return out


def _read(chain) -> tuple:
    """(bad_attrs, hint) from a chain of boilerplate ancestors: how many, and the category of the
    nearest that names one."""
    bad, hint = 0, ""
    while chain is not None:
        bad += 1
        hint = hint or chain[0]
        chain = chain[1]
    return bad, hint


def _flush(out: List[P.Block], parts: List[str], links: List[int], tag: str, ctx: _Ctx) -> None:
    if not parts:
        return
    text = "".join(parts)
    parts.clear()
    n_links, links[0] = links[0], 0
    if text.isspace():  # the whitespace between elements: no line (split_lines would say so too)
        return
    lines = split_lines(text.replace("\n", " "))
    if not lines:
        return
    kind = _KIND.get(tag, P.OTHER)
    st = ctx.st
    out.append(P.Block(line=lines[0], kind=kind, tag=tag, level=HEADINGS.get(tag, 0), depth=ctx.depth,
                       link_chars=min(n_links, len(lines[0].text)), flags=ctx.flags,
                       ancestors=ctx.bad, good_attrs=ctx.good, hidden=ctx.hidden,
                       lst=st.lst, list_depth=max(0, st.list_depth), item=st.item, ordered=st.ordered,
                       number=st.number, table=st.table, row=st.row, cell=st.cell, header=st.header,
                       quote=st.quote, code=_code(text, lines) if tag == "pre" else None))


def _code(text: str, lines) -> Optional[str]:
    """A <pre> block's text with its line breaks (trailing spaces and blank edges trimmed)."""
    if len(lines) != 1:
        return None
    return "\n".join(ln.rstrip() for ln in text.strip("\n").split("\n")).strip("\n") or None


def _walk(el, ctx: _Ctx, block_tag: str, tag: str, out, parts, links, block_ctx: Optional[_Ctx] = None) -> None:
    """Collect el's text into the open block; a child block element closes it first."""
    block_ctx = block_ctx or ctx
    number = _numbering(el) if tag == "ol" else None
    if el.text:
        parts.append(el.text)
        if ctx.flags & P.IN_LINK:
            links[0] += len(el.text.strip())
    for child in el:
        ctag = child.tag if isinstance(child.tag, str) else ""
        if ctag and ctag not in SKIPPED_TAGS:
            cctx = _child_ctx(child, ctag, ctx, number(child) if number and ctag == "li" else None)
            if ctag in BLOCK_TAGS:
                if parts:
                    _flush(out, parts, links, block_tag, block_ctx)
                _walk(child, cctx, ctag, ctag, out, parts, links)
                if parts:
                    _flush(out, parts, links, ctag, cctx)
            else:
                _walk(child, cctx, block_tag, ctag, out, parts, links, block_ctx)
        if child.tail:
            parts.append(child.tail)
            if ctx.flags & P.IN_LINK:
                links[0] += len(child.tail.strip())
