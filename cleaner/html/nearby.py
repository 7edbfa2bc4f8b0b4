"""Walking the page around the headline: text pieces and elements after and before it in
document order, and the boilerplate (comments, sidebars, footers) those walks skip."""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from itertools import islice
from typing import Iterable, Iterator

from lxml.etree import iterwalk

from .strings import SKIP_TAGS, collapse, gated_search

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


def _walked_into(tag: str, marks: str) -> bool:
    """Do the walks go inside an element (its tag, its `marks_of`)? Not into scripts, styles,
    comments and boilerplate."""
    return tag not in _NOT_WALKED_TAGS and (marks.isspace() or not marks_say_boilerplate(marks))


def _subtree(elem) -> Iterator:
    """An element, then its text and its children's subtrees with their tails, in document
    order; the insides of scripts, styles, comments and boilerplate containers are skipped.
    (lxml's iterwalk: start and end events come from C, a skipped subtree is never entered.)"""
    if not isinstance(elem.tag, str):
        return
    walk = iterwalk(elem, events=_WALK_EVENTS)
    for event, item in walk:
        if event == "start":
            tag = item.tag
            if not isinstance(tag, str):  # an entity reference: only its tail, at its end
                continue
            yield item
            if not _walked_into(tag, marks_of(item)):
                walk.skip_subtree()
                continue
            if tag == "time" and item.get("datetime"):
                yield item.get("datetime")
            yield item.text
        elif item is elem:  # its own tail is not inside it
            return
        else:  # the end of an element, a comment or a processing instruction: its tail follows
            yield item.tail


_WALK_EVENTS = ("start", "end", "comment", "pi")


def _subtree_reversed(elem) -> Iterator:
    """`_subtree(elem)` in reverse order, lazily (a stack, like `_subtree`; an element waits on
    it as a 1-tuple until its insides are out)."""
    stack = [elem]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        if item is None or isinstance(item, str):
            yield item
        elif isinstance(item, tuple):
            yield item[0]
        elif isinstance(item.tag, str):
            push((item,))
            tag = item.tag
            if _walked_into(tag, marks_of(item)):
                if tag == "time" and item.get("datetime"):
                    push(item.get("datetime"))
                push(item.text)
                for child in item:
                    push(child)
                    push(child.tail)


def _marked_after(anchor, limit: int) -> list:
    """The first `limit` elements of `_after(anchor)` (no texts), each as (element, its
    `marks_of`). lxml's own iteration runs through each subtree; the insides of an element
    not walked into are skipped over."""
    out: list = []
    node = anchor
    while node is not None:
        for sibling in node.itersiblings():
            inside = sibling.iter()
            for item in inside:
                tag = item.tag
                if not isinstance(tag, str):  # a comment or processing instruction
                    continue
                marks = marks_of(item)
                out.append((item, marks))
                if len(out) >= limit:
                    return out
                if len(item) and not _walked_into(tag, marks):
                    _skip_inside(inside, item)
        node = node.getparent()
    return out


def _skip_inside(nodes: Iterator, elem) -> None:
    """Advance `nodes` (an iteration in document order that just gave `elem`) past `elem`'s
    descendants: up to the last node inside it."""
    last = elem
    while len(last):
        last = last[-1]
    for node in nodes:
        if node is last:
            return


def _marked_before(anchor, limit: int) -> list:
    """The first `limit` elements of `_before(anchor)` (no texts), each as (element, its
    `marks_of`)."""
    out: list = []
    node = anchor
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            stack = [sibling]
            pop, push = stack.pop, stack.append
            while stack:
                item = pop()
                if isinstance(item, tuple):
                    out.append(item)
                    if len(out) >= limit:
                        return out
                    continue
                tag = item.tag
                if isinstance(tag, str):
                    marks = marks_of(item)
                    push((item, marks))
                    if _walked_into(tag, marks):
                        stack.extend(item)
        node = node.getparent()
        if node is not None:
            out.append((node, marks_of(node)))
            if len(out) >= limit:
                return out
    return out


_NEAR_AFTER = 300  # elements looked at after the headline
_NEAR_BEFORE = 60  # and before it


class Headline:
    """The headline element (or None) and, computed once when first needed, the elements
    around it where bylines and datelines are looked for."""

    def __init__(self, elem) -> None:
        self.elem = elem

    @cached_property
    def near(self) -> list:
        """`elements_near` the headline, as (element, marks) pairs."""
        return elements_near(self.elem)


def elements_near(anchor) -> list:
    """Elements right after the headline `anchor` (document order), then right before it
    (nearest first), each as (element, its `marks_of`); empty without an anchor."""
    if anchor is None:
        return []
    return _marked_after(anchor, _NEAR_AFTER) + _marked_before(anchor, _NEAR_BEFORE)


def with_marks(elements: Iterable) -> Iterator:
    """(element, its `marks_of`) for each element."""
    return ((elem, marks_of(elem)) for elem in elements)


def marks_of(elem) -> str:
    """The class, id, itemprop and rel attributes of an element, space-separated."""
    attrib = elem.attrib
    return f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('itemprop', '')} {attrib.get('rel', '')}"


_BOILERPLATE_TAGS = {"footer", "aside", "nav"}
_WALK_SKIP_TAGS = {"footer"}  # next to a headline, <aside>/<nav> often hold the post's own date
_NOT_WALKED_TAGS = SKIP_TAGS | _WALK_SKIP_TAGS
# a class/id word (between '-', '_' or spaces, any case) naming a non-article part of the page
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|sidebar|related|widgets?|recommend\w*|footer|teasers?|promo"
    r"|newsletter|share|sharing|popular|trending|breadcrumbs?|more-stories|read-next|upnext|quote)"
    r"(?=$|[\s_-])", re.I)
_boilerplate_search = gated_search(_BOILERPLATE)


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
    return elem.tag in tags or marks_say_boilerplate(marks_of(elem))


MARKS_CACHE = 4096  # class/id strings whose verdicts are remembered (a page repeats most of its own)


@lru_cache(maxsize=MARKS_CACHE)
def marks_say_boilerplate(marks: str) -> bool:
    """Do an element's marks (`marks_of`) name a comment list, sidebar, footer…?"""
    return not marks.isspace() and _boilerplate_search(marks)


