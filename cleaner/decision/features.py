"""Features of a block for the learned decision: the views, the named rules, text statistics
and (HTML) the DOM context. `FEATURES` names the vector's positions; the model file stores its
weights under the same names, so a renamed or new feature is caught when the model loads.
"""
from __future__ import annotations

import math
import re
from typing import List, Sequence

from .. import page as P
from ..text import rules
from ..text.context import is_good
from ..text.headline import is_headline_like

VIEWS = ("traf", "v1", "read", "dump")  # coverage by trafilatura, the single-view path, readability-lxml,
# the page's blocks through the text-dump path
JT = ("jt_good", "jt_cf_good", "jt_cf_near", "jt_cf_short")
KINDS = (P.PARAGRAPH, P.HEADING, P.LIST_ITEM, P.CELL, P.QUOTE, P.PRE, P.CAPTION, P.OTHER)
HINTS = ("navigation", "promo", "teaser", "comments", "caption", "metadata")
WINDOW = 2  # neighbours on each side averaged into the context features
SHORT_WORDS = 4  # a block of at most this many words: its view coverage is weak evidence

FEATURES: List[str] = (
    ["bias"]
    + list(VIEWS) + [f"{v}_short" for v in VIEWS] + [f"{v}_near" for v in VIEWS]
    + [f"{v}_inside" for v in VIEWS]
    + [f"{v}_page" for v in VIEWS] + ["traf_read", "view_max", "view_min"]
    + list(JT) + ["jt_near"]
    + ["log_words", "stop_density", "good", "ends_sentence", "headline_like", "link_density",
       "digit_share", "upper_share", "duplicate", "is_title", "position", "log_words_near"]
    + [f"kind_{k}" for k in KINDS]
    + [f"in_{n}" for n in P.FLAG_NAMES] + ["hidden", "bad_attrs", "good_attrs", "depth"]
    + [f"hint_{h}" for h in HINTS]
    + [f"rule_{r}" for r in rules.REASONS if r not in (rules.BOILERPLATE, rules.COMMENTS)] + ["rule_terminator", "rule_ending"]
    + ["after_title", "page_log_blocks", "page_link_share", "page_article"]
    + [f"type_{t}" for t in P.PAGE_TYPE_NAMES]
    + ["html"]
)
INDEX = {name: i for i, name in enumerate(FEATURES)}
N_FEATURES = len(FEATURES)
# positions looked up once (page_features runs for every block of every page)
_VIEW_AT = {v: (INDEX[v], INDEX[f"{v}_short"], INDEX[f"{v}_near"], INDEX[f"{v}_inside"], INDEX[f"{v}_page"])
            for v in VIEWS}
_TRAF_READ, _VIEW_MAX, _VIEW_MIN = INDEX["traf_read"], INDEX["view_max"], INDEX["view_min"]
(_JT_NEAR, _LOG_WORDS, _STOP_DENSITY, _GOOD, _ENDS_SENTENCE, _HEADLINE_LIKE, _LINK_DENSITY, _DIGIT_SHARE,
 _UPPER_SHARE, _DUPLICATE, _IS_TITLE, _POSITION, _LOG_WORDS_NEAR, _HIDDEN, _BAD_ATTRS, _GOOD_ATTRS, _DEPTH,
 _RULE_TERMINATOR, _RULE_ENDING, _AFTER_TITLE, _PAGE_LOG_BLOCKS, _PAGE_LINK_SHARE, _PAGE_ARTICLE, _HTML) = (
    INDEX[name] for name in (
        "jt_near", "log_words", "stop_density", "good", "ends_sentence", "headline_like", "link_density",
        "digit_share", "upper_share", "duplicate", "is_title", "position", "log_words_near", "hidden",
        "bad_attrs", "good_attrs", "depth", "rule_terminator", "rule_ending", "after_title",
        "page_log_blocks", "page_link_share", "page_article", "html"))
_JT_AT = tuple((name, INDEX[name]) for name in JT)
_KIND_AT = {k: INDEX[f"kind_{k}"] for k in KINDS}
_FLAG_AT = tuple((bit, INDEX[f"in_{name}"]) for bit, name in enumerate(P.FLAG_NAMES))
_HINT_AT = {h: INDEX[f"hint_{h}"] for h in HINTS}
_RULE_AT = {name[len("rule_"):]: i for name, i in INDEX.items() if name.startswith("rule_")}
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")


def _near(values: Sequence[float]) -> List[float]:
    """For each position, the mean of its neighbours within WINDOW on each side."""
    n = len(values)
    if n < 2:
        return [0.0] * n
    return [(sum(values[max(0, i - WINDOW):i + WINDOW + 1]) - v) / (min(n, i + WINDOW + 1) - max(0, i - WINDOW) - 1)
            for i, v in enumerate(values)]


def _inside(values: Sequence[float]) -> List[float]:
    """1 for blocks between the first and the last block the view keeps (at least half)."""
    kept = [i for i, v in enumerate(values) if v >= 0.5]
    if not kept:
        return [0.0] * len(values)
    lo, hi = kept[0], kept[-1]
    return [1.0 if lo <= i <= hi else 0.0 for i in range(len(values))]


def page_features(page: P.Page, stop: frozenset, hits=None) -> List[List[float]]:
    """The feature vector of every block of the page (in FEATURES order). `hits`: the first named
    rule that fires on each block, when the caller has them."""
    blocks = page.blocks
    n = len(blocks)
    if not n:
        return []
    if hits is None:
        hits = rules.match_lines([b.line for b in blocks])
    for b, hit in zip(blocks, hits):  # kept for the reasons of blocks not kept
        if hit is not None and not b.line.reason:
            b.line.reason, b.line.rule = hit.reason, hit.name
    view = {v: [b.views.get(v, 0.0) for b in blocks] for v in VIEWS}
    inside = {v: _inside(view[v]) for v in VIEWS}
    jt = [b.views.get("jt_good", 0.0) for b in blocks]
    total_words = sum(b.line.n_words for b in blocks) or 1.0
    page_share = {v: sum(b.line.n_words * view[v][i] for i, b in enumerate(blocks)) / total_words
                  for v in VIEWS}
    logw = [math.log1p(b.line.n_words) for b in blocks]
    max_depth = max(b.depth for b in blocks) or 1
    title = " ".join(page.title.split()).casefold() if page.title else None
    seen: set = set()
    has_stop = bool(stop)
    chars = sum(len(b.line.text) for b in blocks) or 1
    page_links = sum(b.link_chars for b in blocks) / chars
    page_article = 1.0 if any(b.flags & P.IN_ARTICLE for b in blocks) else 0.0
    after_title = 0.0
    page_type = page.page_type if page.page_type in P.PAGE_TYPE_NAMES else None
    near = {v: _near(view[v]) for v in VIEWS}
    jt_near = _near(jt)
    logw_near = _near(logw)
    traf, v1, read = view["traf"], view["v1"], view["read"]
    by_view = [(view[v], near[v], inside[v]) + _VIEW_AT[v][:4] for v in VIEWS]
    template = [0.0] * N_FEATURES  # the features every block of the page shares
    template[0] = 1.0
    for name, (*_, at_page) in _VIEW_AT.items():
        template[at_page] = page_share[name]
    template[_PAGE_LOG_BLOCKS] = math.log1p(n)
    template[_PAGE_LINK_SHARE] = page_links
    template[_PAGE_ARTICLE] = page_article
    if page_type:
        template[INDEX[f"type_{page_type}"]] = 1.0
    template[_HTML] = 1.0 if page.is_html else 0.0
    rows = []
    for i, b in enumerate(blocks):
        ln = b.line
        text = ln.text
        key = text.casefold()
        dup = key in seen
        seen.add(key)
        short = ln.n_words <= SHORT_WORDS
        hit = hits[i]
        f = template[:]
        for values, near_v, inside_v, at, at_short, at_near, at_inside in by_view:
            f[at] = values[i]
            if short:
                f[at_short] = values[i]
            f[at_near] = near_v[i]
            f[at_inside] = inside_v[i]
        t, v, r = traf[i], v1[i], read[i]
        f[_TRAF_READ] = t * r
        f[_VIEW_MAX] = max(t, v, r)
        f[_VIEW_MIN] = min(t, v, r)
        views = b.views
        for name, at in _JT_AT:
            f[at] = views.get(name, 0.0)
        f[_JT_NEAR] = jt_near[i]
        f[_LOG_WORDS] = logw[i]
        f[_STOP_DENSITY] = ln.stop_density
        if is_good(ln, has_stop):
            f[_GOOD] = 1.0
        if ln.ends_sentence:
            f[_ENDS_SENTENCE] = 1.0
        if is_headline_like(ln):
            f[_HEADLINE_LIKE] = 1.0
        f[_LINK_DENSITY] = b.link_density
        f[_DIGIT_SHARE] = len(_DIGIT.findall(text)) / len(text)
        f[_UPPER_SHARE] = len(_UPPER.findall(text)) / len(text)
        if dup:
            f[_DUPLICATE] = 1.0
        if title and key == title:
            f[_IS_TITLE] = 1.0
        f[_POSITION] = i / n
        f[_LOG_WORDS_NEAR] = logw_near[i]
        f[_KIND_AT[b.kind]] = 1.0
        flags = b.flags
        if flags:
            for bit, at in _FLAG_AT:
                if flags >> bit & 1:
                    f[at] = 1.0
        if b.hidden:
            f[_HIDDEN] = 1.0
        f[_BAD_ATTRS] = min(b.bad_attrs, 3) / 3
        f[_GOOD_ATTRS] = min(b.good_attrs, 3) / 3
        f[_DEPTH] = b.depth / max_depth
        if b.hint:
            f[_HINT_AT[b.hint]] = 1.0
        if hit is not None:
            f[_RULE_AT[hit.reason]] = 1.0
            if hit.name in rules.TERMINATORS:
                f[_RULE_TERMINATOR] = 1.0
            if hit.name in rules.ENDINGS:
                f[_RULE_ENDING] = 1.0
        f[_AFTER_TITLE] = after_title
        if title and key == title:
            after_title = 1.0
        rows.append(f)
    return rows

