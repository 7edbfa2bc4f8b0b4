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
from ..text.context import is_good, is_headline_like

VIEWS = ("traf", "v1", "read")  # coverage by trafilatura, the single-view path, readability-lxml
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
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")


def _near(values: Sequence[float], i: int) -> float:
    lo, hi = max(0, i - WINDOW), min(len(values), i + WINDOW + 1)
    n = hi - lo - 1
    return (sum(values[lo:hi]) - values[i]) / n if n > 0 else 0.0


def _inside(values: Sequence[float]) -> List[float]:
    """1 for blocks between the first and the last block the view keeps (at least half)."""
    kept = [i for i, v in enumerate(values) if v >= 0.5]
    if not kept:
        return [0.0] * len(values)
    lo, hi = kept[0], kept[-1]
    return [1.0 if lo <= i <= hi else 0.0 for i in range(len(values))]


def page_features(page: P.Page, stop: frozenset) -> List[List[float]]:
    """The feature vector of every block of the page (in FEATURES order)."""
    blocks = page.blocks
    n = len(blocks)
    if not n:
        return []
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
    rows = []
    for i, b in enumerate(blocks):
        ln = b.line
        text = ln.text
        key = text.casefold()
        dup = key in seen
        seen.add(key)
        short = ln.n_words <= SHORT_WORDS
        hit = hits[i]
        f = [0.0] * len(FEATURES)
        f[0] = 1.0
        for v in VIEWS:
            f[INDEX[v]] = view[v][i]
            f[INDEX[f"{v}_short"]] = view[v][i] if short else 0.0
            f[INDEX[f"{v}_near"]] = _near(view[v], i)
            f[INDEX[f"{v}_inside"]] = inside[v][i]
            f[INDEX[f"{v}_page"]] = page_share[v]
        f[INDEX["traf_read"]] = view["traf"][i] * view["read"][i]
        f[INDEX["view_max"]] = max(view[v][i] for v in VIEWS)
        f[INDEX["view_min"]] = min(view[v][i] for v in VIEWS)
        for name in JT:
            f[INDEX[name]] = b.views.get(name, 0.0)
        f[INDEX["jt_near"]] = _near(jt, i)
        f[INDEX["log_words"]] = logw[i]
        f[INDEX["stop_density"]] = ln.stop_density
        f[INDEX["good"]] = 1.0 if is_good(ln, has_stop) else 0.0
        f[INDEX["ends_sentence"]] = 1.0 if ln.ends_sentence else 0.0
        f[INDEX["headline_like"]] = 1.0 if is_headline_like(ln) else 0.0
        f[INDEX["link_density"]] = b.link_density
        f[INDEX["digit_share"]] = len(_DIGIT.findall(text)) / len(text)
        f[INDEX["upper_share"]] = len(_UPPER.findall(text)) / len(text)
        f[INDEX["duplicate"]] = 1.0 if dup else 0.0
        f[INDEX["is_title"]] = 1.0 if title and key == title else 0.0
        f[INDEX["position"]] = i / n
        f[INDEX["log_words_near"]] = _near(logw, i)
        f[INDEX[f"kind_{b.kind}"]] = 1.0
        for bit, name in enumerate(P.FLAG_NAMES):
            if b.flags >> bit & 1:
                f[INDEX[f"in_{name}"]] = 1.0
        f[INDEX["hidden"]] = 1.0 if b.hidden else 0.0
        f[INDEX["bad_attrs"]] = min(b.bad_attrs, 3) / 3
        f[INDEX["good_attrs"]] = min(b.good_attrs, 3) / 3
        f[INDEX["depth"]] = b.depth / max_depth
        if b.hint:
            f[INDEX[f"hint_{b.hint}"]] = 1.0
        if hit is not None:
            f[INDEX[f"rule_{hit.reason}"]] = 1.0
            f[INDEX["rule_terminator"]] = 1.0 if hit.name in rules.TERMINATORS else 0.0
            f[INDEX["rule_ending"]] = 1.0 if hit.name in rules.ENDINGS else 0.0
        f[INDEX["after_title"]] = after_title
        if title and key == title:
            after_title = 1.0
        f[INDEX["page_log_blocks"]] = math.log1p(n)
        f[INDEX["page_link_share"]] = page_links
        f[INDEX["page_article"]] = page_article
        if page_type:
            f[INDEX[f"type_{page_type}"]] = 1.0
        f[INDEX["html"]] = 1.0 if page.is_html else 0.0
        rows.append(f)
    return rows

