"""The readability-lxml view: the article readability-lxml finds in the page, as text.

readability runs on a copy of our parsed tree (no second parse) through `Document.summary`,
with four of its steps replaced by versions that give the same result faster (tested equal to
readability's own on shaped and fixture pages, `tests/html/test_readability_view.py`, and giving
the same outputs on every 12th bench page):
- its tree preparation: lxml's link-rewriting cleaner is replaced by dropping what it would drop
  for the text (hidden elements, scripts, styles, comments);
- `remove_unlikely_candidates`: only elements with a class or id are looked at (the others
  cannot match; found by a walk, faster than readability's XPath), and nothing is formatted
  for a debug log nobody reads;
- `class_weight` and the unlikely-candidate test: readability's class/id patterns are
  case-insensitive alternations of plain words, so on an ASCII string (nearly every class/id)
  they match exactly when one of the words is in the lower-cased string (`literal_test`):
  a substring test per word instead of a case-insensitive regex search (8.6 -> 1.4 µs a string);
- `transform_misused_divs_into_paragraphs`: "does this <div> hold a block element?" is answered
  from one walk of the tree (`_holding_blocks`) instead of serialising every child and searching
  the markup with a regex; the walk matches exactly the tag-name prefixes the regex matches;
- `score_paragraphs` and `get_link_density`: the text length of an element is counted without
  building the whitespace-cleaned text (`clean_length`), and computed once per element while
  scoring (the tree does not change during that step; readability recomputes it for every
  ancestor it scores).
- `sanitize`: `readability_sanitize.py` (no debug formatting, each element's text read once);
- `select_best_candidate` and `get_semantic_main_candidate`: lengths by `clean_length`, no debug
  strings, and the best candidate's descendants listed only when some candidate is an <article>.
The code of the replaced steps follows readability-lxml 0.9 (Apache-2.0).
"""
from __future__ import annotations

import copy
import functools
import logging
import re

from lxml import etree

from .parse import block_text

# readability's divToPElementsRe, `<(blockquote|dl|div|img|ol|p|pre|table|ul)` without a word
# boundary, over the serialised markup: any element whose tag starts with one of these prefixes.
_BLOCK_PREFIXES = ("blockquote", "dl", "div", "img", "ol", "p", "table", "ul")
_IN_CODE = etree.XPath("ancestor-or-self::pre | ancestor-or-self::code")
_INLINE_TAGS = frozenset(("a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub",
                          "sup", "u"))


def readability_text(tree) -> str:
    """The article readability-lxml finds in the page, as text ('' when it finds none)."""
    from readability.readability import Unparseable

    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)  # it logs then raises
    doc = _document_class()(tree)
    try:
        doc.summary(html_partial=True)
    except (Unparseable, RecursionError, ValueError):
        return ""
    return block_text(doc.article) if doc.article is not None else ""


_WHITE_RUNS = re.compile(r"\s{2,}")
_SPACES_TABS = re.compile(r"[ \t]+")
ATTR_CACHE = 4096  # class/id strings whose readability verdict is remembered
_LONG_RUN = 255  # readability's clean() turns a whitespace run this long into that many spaces


def clean_length(text: str) -> int:
    """`len(readability.readability.clean(text))` without building the cleaned text: clean()
    turns every whitespace run holding a line break (or _LONG_RUN long) into one character,
    in other runs a tab into a space and two or more spaces/tabs into one space, then strips the
    ends. A one-character run stays one character, so only longer runs and the ends count."""
    if not text.strip():
        return 0
    n = len(text)
    for run in _WHITE_RUNS.findall(text):
        n -= len(run) - _run_length(run)
    head = len(text) - len(text.lstrip())
    if head:
        n -= _run_length(text[:head])
    tail = len(text) - len(text.rstrip())
    if tail:
        n -= _run_length(text[len(text) - tail:])
    return n


def _run_length(run: str) -> int:
    """What a maximal whitespace run becomes in clean()'s output, in characters."""
    if len(run) >= _LONG_RUN or "\n" in run:
        return 1
    n = len(run)
    for m in _SPACES_TABS.finditer(run):  # `\t|[ \t]{2,}`: leading tabs one by one, the rest as one
        piece = m.group()
        tabs = len(piece) - len(piece.lstrip("\t"))
        n -= len(piece) - tabs - (1 if len(piece) > tabs else 0)
    return n


def _element_length(elem) -> int:
    return clean_length(elem.text_content() or "")


def _class_id_strings(root) -> list:
    """(element, "class id") for every element below `root` with a class or an id, in document
    order, listed before anything is dropped: what readability's `.//*[@class or @id]` XPath and
    its "{} {}".format(...) give (a walk over the elements reads them faster than the XPath)."""
    out = []
    for elem in root.iterdescendants(etree.Element):
        cls, ident = elem.get("class"), elem.get("id")
        if cls is not None or ident is not None:
            out.append((elem, f"{cls or ''} {ident or ''}"))
    return out


def _holding_articles(root) -> set:
    """Every element that is, or holds, a <main>, <article> or <math>: readability's
    `descendant-or-self::main | … | descendant-or-self::math` test, once for the whole pass (it
    searched the subtree of every unlikely candidate). The answer stays true while the pass
    drops elements: what it drops holds none of them."""
    out: set = set()
    for el in root.iter("main", "article", "math"):
        while el is not None and el not in out:
            out.add(el)
            el = el.getparent()
    return out


def _holding_blocks(root) -> set:
    """Every element that is, or holds, an element whose tag starts with one of
    `_BLOCK_PREFIXES`: what readability's regex finds in an element's markup. Computed once per
    pass: turning a <div> into a <p> does not change the answer (both are prefixes), and the
    elements the transformation moves or inserts are never asked about afterwards."""
    out: set = set()
    for el in root.iter(etree.Element):
        if el.tag.startswith(_BLOCK_PREFIXES):
            while el is not None and el not in out:
                out.add(el)
                el = el.getparent()
    return out


def prepared_copy(tree):
    """A copy of our parsed page as readability gets it: what lxml's link-rewriting cleaner
    would drop for the text (hidden elements, scripts, styles, links, comments) dropped."""
    doc = copy.deepcopy(tree)
    for elem in doc.xpath("//*[@hidden]"):
        elem.drop_tree()
    etree.strip_elements(doc, "script", "style", "link", etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)
    return doc


_PLAIN_WORDS = re.compile(r"[a-z][a-z-]*(?:\|[a-z][a-z-]*)*")


def literal_test(pattern: re.Pattern):
    """`pattern.search(s) is not None` for s a str, faster when `pattern` is a case-insensitive
    alternation of plain lower-case words (readability's class/id patterns): on ASCII text,
    re.IGNORECASE folds exactly the ASCII letters, so a match is one of the words in s.lower().
    Any other pattern, or non-ASCII text, goes to the regex."""
    if not (pattern.flags & re.IGNORECASE and _PLAIN_WORDS.fullmatch(pattern.pattern)):
        return lambda s: pattern.search(s) is not None
    words = tuple(pattern.pattern.split("|"))

    def test(s: str) -> bool:
        if not s.isascii():
            return pattern.search(s) is not None
        low = s.lower()
        for word in words:
            if word in low:
                return True
        return False

    return test


_CLASS = []


def _document_class():
    """readability's Document with the faster steps (built on first use: readability is imported
    only when an HTML page is cleaned)."""
    if _CLASS:
        return _CLASS[0]
    from lxml.html import fragment_fromstring
    from readability import Document
    from readability.readability import REGEXES

    from . import readability_sanitize

    unlikely, maybe = literal_test(REGEXES["unlikelyCandidatesRe"]), literal_test(REGEXES["okMaybeItsACandidateRe"])
    negative, positive = literal_test(REGEXES["negativeRe"]), literal_test(REGEXES["positiveRe"])

    @functools.lru_cache(maxsize=ATTR_CACHE)
    def unlikely_words(attrs: str) -> bool:
        return unlikely(attrs) and not maybe(attrs)

    @functools.lru_cache(maxsize=ATTR_CACHE)
    def attr_weight(value: str) -> int:
        return (25 if positive(value) else 0) - (25 if negative(value) else 0)

    class OnTree(Document):
        article = None
        _lengths = None  # element -> text_length while score_paragraphs runs

        def _parse(self, input):
            self.encoding = "utf-8"
            return prepared_copy(input)

        def get_clean_html(self):
            self.article = self._html()
            return super().get_clean_html()

        def class_weight(self, e):
            if self.positive_keywords or self.negative_keywords:
                return super().class_weight(e)
            weight = 0
            for value in (e.get("class"), e.get("id")):
                if value:
                    weight += attr_weight(value)
            return weight

        def remove_unlikely_candidates(self):
            holding = _holding_articles(self.html)
            for elem, s in _class_id_strings(self.html):
                if (len(s) >= 2 and unlikely_words(s)
                        and elem.tag not in ("html", "body") and not _IN_CODE(elem)
                        and elem not in holding):
                    elem.drop_tree()

        def transform_misused_divs_into_paragraphs(self):
            blocky = _holding_blocks(self.html)
            for elem in self.tags(self.html, "div"):
                if not any(child in blocky for child in elem):
                    elem.tag = "p"
            for elem in self.tags(self.html, "div"):
                children = list(elem)
                paragraph = None
                if elem.text and elem.text.strip():
                    p = fragment_fromstring("<p/>")
                    p.text = elem.text
                    elem.text = None
                    elem.insert(0, p)
                    paragraph = p
                for child in children:
                    if child.tag == "br":
                        paragraph = None
                        continue
                    if child.tag not in _INLINE_TAGS or child in blocky:
                        paragraph = None
                        continue
                    if paragraph is None:
                        paragraph = fragment_fromstring("<p/>")
                        child.addprevious(paragraph)
                    paragraph.append(child)
                for pos, child in reversed(list(enumerate(elem))):
                    if child.tail and child.tail.strip():
                        p = fragment_fromstring("<p/>")
                        p.text = child.tail
                        child.tail = None
                        elem.insert(pos + 1, p)
                    if child.tag == "br":
                        child.drop_tree()

        def sanitize(self, node, candidates, keep_all_images=False):
            readability_sanitize.sanitize(self, node, candidates, keep_all_images, clean_length, _element_length)
            self.html = node
            return self.get_clean_html()

        def select_best_candidate(self, candidates):
            if not candidates:
                return None
            ranked = sorted(candidates.values(), key=lambda x: x["content_score"], reverse=True)
            best = ranked[0]
            with_body = [c for c in ranked if "articleBody" in (c["elem"].get("itemprop") or "").split()
                         and self.get_link_density(c["elem"]) <= 0.1]
            if with_body:
                best = with_body[0]
            articles = [c for c in ranked if c["elem"].tag == "article"]
            if not articles:  # readability lists every descendant of the best first, for nothing
                return best
            below = set(best["elem"].iterdescendants())
            nested = [c for c in articles if c["elem"] in below and _element_length(c["elem"]) >= 250
                      and c["content_score"] >= best["content_score"] * 0.25]
            return nested[0] if nested else best

        def get_semantic_main_candidate(self, candidates, best_candidate):
            best_elem = best_candidate["elem"]
            ancestors = tuple(best_elem.iterancestors())
            if any(elem.tag == "article" for elem in (best_elem,) + ancestors):
                return best_candidate
            main = next((elem for elem in ancestors if elem.tag == "main"), None)
            if main is None or _element_length(main) < max(500, _element_length(best_elem) * 2):
                return best_candidate
            if self.get_link_density(main) > 0.15:
                return best_candidate
            candidate = self.score_node(main)
            candidates[main] = candidate
            return candidate

        def _text_length(self, elem) -> int:
            lengths = self._lengths
            if lengths is None:
                return _element_length(elem)
            n = lengths.get(elem)
            if n is None:
                n = lengths[elem] = _element_length(elem)  # the key keeps the element's proxy alive
            return n

        def get_link_density(self, elem):
            link_length = sum(self._text_length(a) for a in elem.iterfind(".//a"))
            return float(link_length) / max(self._text_length(elem), 1)

        def score_paragraphs(self):
            min_len = self.min_text_length
            candidates = {}
            ordered = []
            for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
                parent = elem.getparent()
                if parent is None:
                    continue
                grand_parent = parent.getparent()
                inner_text = elem.text_content() or ""
                inner_len = clean_length(inner_text)  # clean() changes only whitespace: the same commas
                if inner_len < min_len:
                    continue
                if parent not in candidates:
                    candidates[parent] = self.score_node(parent)
                    ordered.append(parent)
                if grand_parent is not None and grand_parent not in candidates:
                    candidates[grand_parent] = self.score_node(grand_parent)
                    ordered.append(grand_parent)
                score = 1 + (inner_text.count(",") + 1) + min(inner_len / 100, 3)
                candidates[parent]["content_score"] += score
                if grand_parent is not None:
                    candidates[grand_parent]["content_score"] += score / 2.0
            self._lengths = {}
            try:
                for elem in ordered:
                    candidates[elem]["content_score"] *= 1 - self.get_link_density(elem)
            finally:
                self._lengths = None
            return candidates

    _CLASS.append(OnTree)
    return OnTree
