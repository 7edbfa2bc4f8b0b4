"""Views of an HTML page: what other extractors keep, mapped onto the page's blocks.

Each view is a text (trafilatura's output, readability-lxml's article, the text-dump path's body,
…); a block's value for a view is the share of its word n-grams found in that text, so the
views' own segmentation does not matter. jusText's classification runs on our blocks directly
(its own context-free and context-sensitive steps, with the page language's stop list).
"""
from __future__ import annotations

import re
from itertools import accumulate, chain, islice
from typing import Dict, FrozenSet, Iterable, List, Set, Tuple

from .. import page as P
from ..text.lines import tokenize

NGRAM = 3  # blocks are matched on word trigrams (shorter blocks on all their words)
_TOKEN = re.compile(r"\w+", re.UNICODE)


def grams(text: str) -> Set[Tuple[str, ...]]:
    """Every 1- to NGRAM-gram of the text's lower-cased words."""
    toks = _TOKEN.findall(text.lower())
    out: Set[Tuple[str, ...]] = set()
    for n in range(1, NGRAM + 1):
        out.update(zip(*(toks[i:] for i in range(n))))
    return out


def block_grams(tokens: List[str]) -> List[Tuple[str, ...]]:
    if len(tokens) < NGRAM:
        return [tuple(tokens)] if tokens else []
    return list(zip(*(tokens[i:] for i in range(NGRAM))))


class PageGrams:
    """The blocks' n-grams, laid out once per page for the coverage of several texts."""

    def __init__(self, block_gram_lists: List[List[Tuple[str, ...]]]):
        self.sizes = [len(g) for g in block_gram_lists]
        self.ends = list(accumulate(self.sizes))
        self.flat = list(chain.from_iterable(block_gram_lists))
        # blocks shorter than NGRAM words ask for their only gram: all their words
        short = [g[0] for g in block_gram_lists if len(g) == 1 and len(g[0]) < NGRAM]
        self.short_words = {g for g in short if len(g) == 1}
        self.short_pairs = {g for g in short if len(g) == 2}
        self._line_tokens: Dict[str, List[str]] = {}

    def tokens(self, text: str) -> List[str]:
        """`_TOKEN.findall(text.lower())`, line by line (a token never spans a line break, and
        lower-casing never looks across one), each distinct line tokenised once per page:
        the texts of a page share many lines, and an ASCII line is split without the regex."""
        out: List[str] = []
        cache = self._line_tokens
        for line in text.split("\n"):
            toks = cache.get(line)
            if toks is None:
                toks = cache[line] = tokenize(line)
            out += toks
        return out

    def pool(self, text: str) -> Set[Tuple[str, ...]]:
        """The n-grams of `text` the blocks can ask about: its trigrams, and the one- and two-word
        grams of blocks shorter than NGRAM words (`grams(text)` restricted to what `coverage` looks up;
        the same answers, without a tuple for every word and word pair of the text)."""
        toks = self.tokens(text) if text else []
        if not toks:
            return set()
        pool = set(zip(toks, toks[1:], toks[2:]))
        if self.short_words:
            words = set(toks)
            pool.update(g for g in self.short_words if g[0] in words)
        if self.short_pairs:
            pool.update(self.short_pairs.intersection(zip(toks, toks[1:])))
        return pool

    def coverage(self, text: str) -> List[float]:
        """For each block, the share of its grams found in `text`: one pass over all the page's
        grams, the blocks' counts read off running sums."""
        pool = self.pool(text)
        if not pool:
            return [0.0] * len(self.sizes)
        found = [0]
        found += accumulate(map(pool.__contains__, self.flat))
        return [(found[end] - found[end - n]) / n if n else 0.0 for end, n in zip(self.ends, self.sizes)]


def coverage(blocks: Iterable[P.Block], text: str, block_gram_lists=None) -> List[float]:
    """For each block, the share of its word trigrams found in `text` (`block_gram_lists`: the
    blocks' `block_grams`, when the caller has them already)."""
    if block_gram_lists is None:
        block_gram_lists = [block_grams(b.line.tokens) for b in blocks]
    return PageGrams(block_gram_lists).coverage(text)


# --- jusText ------------------------------------------------------------------------------------

class _Para:
    """The face of a jusText paragraph, over one of our blocks."""

    __slots__ = ("text", "dom_path", "chars_count_in_links", "words", "heading", "cf_class", "class_type")

    def __init__(self, block: P.Block):
        self.text = block.text
        self.words = self.text.split()
        self.dom_path = "select" if block.flags & P.IN_BUTTON and block.tag == "option" else (
            "h1" if block.kind == P.HEADING else block.tag or "p")
        self.chars_count_in_links = block.link_chars
        self.cf_class = self.class_type = ""

    @property
    def is_heading(self) -> bool:
        return self.dom_path == "h1"

    def __len__(self) -> int:
        return len(self.text)

    def stopwords_density(self, stop) -> float:
        return sum(w.lower() in stop for w in self.words) / len(self.words) if self.words else 0.0

    def links_density(self) -> float:
        return self.chars_count_in_links / len(self.text) if self.text else 0.0


def justext_classes(blocks: List[P.Block], stop: FrozenSet[str]) -> List[Tuple[str, str]]:
    """jusText's (context-free, final) class of each block: 'good', 'neargood', 'short', 'bad'."""
    from justext.core import classify_paragraphs

    paras = [_Para(b) for b in blocks]
    if not paras:
        return []
    classify_paragraphs(paras, stop or frozenset(), no_headings=False)
    revise_classes(paras)
    return [(p.cf_class, p.class_type) for p in paras]


HEADING_DISTANCE = 200  # jusText's MAX_HEADING_DISTANCE_DEFAULT (characters)


def revise_classes(paras, max_heading_distance: int = HEADING_DISTANCE) -> None:
    """jusText's context-sensitive step (`revise_paragraph_classification`), with the same
    result, in linear time: jusText looks for each short paragraph's nearest good or bad
    neighbour by walking the list, quadratic on pages with long runs of short blocks (a third of
    the default path's time on some pages)."""
    n = len(paras)
    for i, p in enumerate(paras):  # as jusText does: the paragraphs after i still hold their old class
        p.class_type = p.cf_class
        if p.heading and p.class_type == "short":
            _good_heading(paras, i, "neargood", max_heading_distance)
    decided = ("good", "bad")
    prev_gb = _nearest(paras, decided, range(n))
    next_gb = _nearest(paras, decided, range(n - 1, -1, -1))
    prev_any = _nearest(paras, decided + ("neargood",), range(n))
    next_any = _nearest(paras, decided + ("neargood",), range(n - 1, -1, -1))
    new = {}
    for i, p in enumerate(paras):
        if p.class_type != "short":
            continue
        before, after = prev_gb[i], next_gb[i]
        if before == after:
            new[i] = before
        elif (before == "bad" and prev_any[i] == "neargood") or (after == "bad" and next_any[i] == "neargood"):
            new[i] = "good"
        else:
            new[i] = "bad"
    for i, c in new.items():
        paras[i].class_type = c
    after_gb = _nearest(paras, decided, range(n - 1, -1, -1))
    last = "bad"
    for i, p in enumerate(paras):  # in place, left to right, as jusText does
        if p.class_type == "neargood":
            p.class_type = "bad" if (last, after_gb[i]) == ("bad", "bad") else "good"
        if p.class_type in decided:
            last = p.class_type
    for i, p in enumerate(paras):
        if p.heading and p.class_type == "bad" and p.cf_class != "bad":
            _good_heading(paras, i, "good", max_heading_distance)


def _nearest(paras, classes, order) -> List[str]:
    """For each paragraph, the class of the nearest other paragraph before it (in `order`)
    whose class is one of `classes` ('bad' when there is none)."""
    out = [""] * len(paras)
    last = "bad"
    for i in order:
        out[i] = last
        if paras[i].class_type in classes:
            last = paras[i].class_type
    return out


def _good_heading(paras, i: int, to: str, max_distance: int) -> None:
    """Heading `i` gets `to` when a good paragraph follows within `max_distance` characters."""
    distance = 0
    for q in islice(paras, i + 1, None):
        if distance > max_distance:
            return
        if q.class_type == "good":
            paras[i].class_type = to
            return
        distance += len(q.text)


def views_of(blocks: List[P.Block], texts: Dict[str, str], stop: FrozenSet[str]) -> None:
    """Fill every block's `views`: the coverage by each named text, and jusText's classes."""
    page_grams = PageGrams([block_grams(b.line.tokens) for b in blocks])
    for name, text in texts.items():
        for b, v in zip(blocks, page_grams.coverage(text)):
            b.views[name] = v
    for b, (cf, final) in zip(blocks, justext_classes(blocks, stop)):
        b.views["jt_good"] = 1.0 if final == "good" else 0.0
        b.views["jt_cf_good"] = 1.0 if cf == "good" else 0.0
        b.views["jt_cf_near"] = 1.0 if cf == "neargood" else 0.0
        b.views["jt_cf_short"] = 1.0 if cf == "short" else 0.0
