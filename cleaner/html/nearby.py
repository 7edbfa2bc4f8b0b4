"""Walking the page around the headline: text pieces and elements after and before it in
document order, and the boilerplate (comments, sidebars, footers) those walks skip."""
from __future__ import annotations

import re
from functools import cached_property
from itertools import islice
from typing import Iterable, Iterator

from .strings import SKIP_TAGS, collapse

def texts_after(anchor, limit: int) -> list:
    """The next `limit` non-blank text pieces after `anchor` in document order (not inside it)."""
    return list(islice(_texts(_after(anchor)), limit))


def texts_before(anchor, limit: int) -> list:
    """The `limit` non-blank text pieces just before `anchor`, in document order."""
    return list(islice(_texts(_before(anchor)), limit))[::-1]


def _texts(items: Iterable) -> Iterator[str]:
    for item in items:
        if isinstance(item, str):
            item = collapse(item)
            if item:
                yield item


def elements_of(items: Iterable) -> Iterator:
    return (item for item in items if not isinstance(item, str) and item is not None)


def _after(anchor) -> Iterator:
    """What follows `anchor` in document order, outside it: elements, and their texts as str
    (a <time datetime> value too). None marks a missing text."""
    node = anchor
    while node is not None:
        yield node.tail
        for sibling in node.itersiblings():
            yield from _subtree(sibling)
            yield sibling.tail
        node = node.getparent()


def _before(anchor) -> Iterator:
    """What precedes `anchor` in reverse document order (nearest first), like `_after`."""
    node = anchor
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield sibling.tail
            yield from _subtree_reversed(sibling)
        node = node.getparent()
        if node is not None:
            yield node.text
            yield node


def _subtree(elem) -> Iterator:
    """An element, then its text and its children's subtrees with their tails, in document
    order; the insides of scripts, styles, comments and boilerplate containers are skipped."""
    if not isinstance(elem.tag, str):
        return
    yield elem
    if elem.tag in SKIP_TAGS or is_boilerplate(elem, _WALK_SKIP_TAGS):
        return
    if elem.tag == "time" and elem.get("datetime"):
        yield elem.get("datetime")
    yield elem.text
    for child in elem:
        yield from _subtree(child)
        yield child.tail


def _subtree_reversed(elem) -> Iterator:
    """`_subtree(elem)` in reverse order, lazily."""
    if not isinstance(elem.tag, str):
        return
    if elem.tag not in SKIP_TAGS and not is_boilerplate(elem, _WALK_SKIP_TAGS):
        for child in reversed(elem):
            yield child.tail
            yield from _subtree_reversed(child)
        yield elem.text
        if elem.tag == "time" and elem.get("datetime"):
            yield elem.get("datetime")
    yield elem


_NEAR_AFTER = 300  # elements looked at after the headline
_NEAR_BEFORE = 60  # and before it


class Headline:
    """The headline element (or None) and, computed once when first needed, the elements
    around it where bylines and datelines are looked for."""

    def __init__(self, elem) -> None:
        self.elem = elem

    @cached_property
    def near(self) -> list:
        return elements_near(self.elem)


def elements_near(anchor) -> list:
    """Elements right after the headline `anchor` (document order), then right before it
    (nearest first); empty without an anchor."""
    if anchor is None:
        return []
    return list(islice(elements_of(_after(anchor)), _NEAR_AFTER)) + \
        list(islice(elements_of(_before(anchor)), _NEAR_BEFORE))


def marks_of(elem) -> str:
    """The class, id, itemprop and rel attributes of an element, space-separated."""
    attrib = elem.attrib
    return f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('itemprop', '')} {attrib.get('rel', '')}"


_BOILERPLATE_TAGS = {"footer", "aside", "nav"}
_WALK_SKIP_TAGS = {"footer"}  # next to a headline, <aside>/<nav> often hold the post's own date
# a class/id word (between '-', '_' or spaces, any case) naming a non-article part of the page
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|sidebar|related|widgets?|recommend\w*|footer|teasers?|promo"
    r"|newsletter|share|sharing|popular|trending|breadcrumbs?|more-stories|read-next|upnext|quote)"
    r"(?=$|[\s_-])", re.I)


def in_boilerplate(elem) -> bool:
    """Is `elem` inside comments, sidebars, footers, related-story lists and the like?
    (Marks on <body> and <html> describe the whole page and do not count.)"""
    for node in elem.iterancestors():
        if node.tag in ("body", "html"):
            break
        if is_boilerplate(node):
            return True
    return False


def is_boilerplate(elem, tags=_BOILERPLATE_TAGS) -> bool:
    """Does the element itself (tag, class, id) say it is a comment list, sidebar, footer…?"""
    if elem.tag in tags:
        return True
    marks = marks_of(elem)
    return not marks.isspace() and bool(_BOILERPLATE.search(marks))


