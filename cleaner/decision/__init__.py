"""The body decision over a page's blocks: features -> learned scores -> sequence decoding ->
a reason for every block not kept."""
from __future__ import annotations

from typing import List, Optional

from .. import page as P
from ..text import rules
from .features import page_features
from .model import Model, load

LINK_LIST = 0.5  # a dropped block mostly made of link text is navigation
# When the decoding keeps under this share of the words the single-view path (`v1`) keeps, on a
# page where that path keeps at least SALVAGE_MIN_WORDS, the page gets the single-view body: a
# page type the model has not learned (a service page, a shop) is not emptied.
SALVAGE_SHARE = 0.2
SALVAGE_MIN_WORDS = 30
VIEW_KEEPS = 0.5  # a view keeps a block when it covers at least this share of it
# A page whose kept text outside its comment section is under DISCUSSION_POST_WORDS words, while
# the kept comments hold more than DISCUSSION_RATIO times as many, is a discussion (a link or
# question and its thread): the thread is the content, as on a page declared a forum.
DISCUSSION_POST_WORDS = 100
DISCUSSION_RATIO = 5


def decide(page: P.Page, stop: frozenset, model: Optional[Model] = None) -> None:
    """Set `score`, `keep` and `reason` on every block of the page."""
    model = model or load("html" if page.is_html else "text")
    lines = [b.line for b in page.blocks]
    hits = rules.match_lines(lines)
    logits = model.logits(page_features(page, stop, hits))
    words = [b.line.n_words for b in page.blocks]
    texts = [b.text for b in page.blocks]
    keep = salvage(model.decode(logits, words), words, [b.views.get("v1", 0.0) for b in page.blocks])
    traf = [b.views.get("traf", 0.0) for b in page.blocks]
    read = [b.views.get("read", 0.0) for b in page.blocks]
    keep = without_comments(keep, [b.hint == "comments" for b in page.blocks], traf, page.page_type == "forum", words)
    keep = within_views(keep, traf, read, [b.kind == P.HEADING for b in page.blocks])
    hard = unambiguous(lines, keep, hits)
    for b, z, (k, why) in zip(page.blocks, logits, settle(texts, words, keep, page.title, hard)):
        if b.line.role in ("title", "description"):  # a text dump's headline and dek: metadata
            k, why = False, rules.METADATA
        b.score, b.keep = z, k
        b.reason = None if k else why or reason_for(b)


def salvage(keep: List[bool], words: List[float], v1: List[float]) -> List[bool]:
    """`keep`, or the single-view path's blocks (`v1`: each block's coverage by its body) when
    the decoding kept next to nothing of what that path keeps (SALVAGE_SHARE)."""
    single = [v >= VIEW_KEEPS for v in v1]
    single_words = sum(n for n, k in zip(words, single) if k)
    kept_words = sum(n for n, k in zip(words, keep) if k)
    if single_words >= SALVAGE_MIN_WORDS and kept_words < SALVAGE_SHARE * single_words:
        return single
    return keep


def without_comments(keep: List[bool], in_comments: List[bool], traf: List[float], forum: bool,
                     words: Optional[List[float]] = None) -> List[bool]:
    """`keep` without the blocks of a readers' comment section (the DOM says so, and
    trafilatura, which leaves comment sections out, does not keep them; readability-lxml's vote
    is not asked: it keeps comment threads laid out in tables): comments are not the article. On
    a page that declares itself a forum or Q&A page, or reads as a discussion (`is_discussion`,
    given each block's `words`), the thread is the content, and nothing changes."""
    if forum or (words is not None and is_discussion(keep, in_comments, words)):
        return keep
    return [k and not (c and t < VIEW_KEEPS) for k, c, t in zip(keep, in_comments, traf)]


def is_discussion(keep: List[bool], in_comments: List[bool], words: List[float]) -> bool:
    """Whether the kept comments outweigh the kept post DISCUSSION_RATIO times over, and the post
    is short (DISCUSSION_POST_WORDS): a thread under a link or a question, not comments below
    an article."""
    post = sum(n for n, k, c in zip(words, keep, in_comments) if k and not c)
    thread = sum(n for n, k, c in zip(words, keep, in_comments) if k and c)
    return post < DISCUSSION_POST_WORDS and thread > DISCUSSION_RATIO * max(post, 1)


def within_views(keep: List[bool], traf: List[float], read: List[float], heading: List[bool]) -> List[bool]:
    """`keep` without the blocks before the first and after the last block that trafilatura or
    readability-lxml keeps (when either keeps one): what lies beyond both external extractors'
    bodies at the page's edges is a blurb, a sidebar or a footer, not the article. A heading
    before that span stays: the extractors leave the headline out, the body keeps it."""
    inside = [i for i, (t, r) in enumerate(zip(traf, read)) if t >= VIEW_KEEPS or r >= VIEW_KEEPS]
    if not inside:
        return keep
    lo, hi = inside[0], inside[-1]
    return [k and (lo <= i <= hi or (i < lo and h)) for i, (k, h) in enumerate(zip(keep, heading))]


def unambiguous(lines, keep: List[bool], hits=None) -> List[Optional[str]]:
    """For each kept block, the reason of the unambiguous named rule that fires on it, if any
    (`rules.HTML_RULES`: credits, copyright, share and subscribe calls, related headings, …;
    the same subset that runs on trafilatura's output): the body never keeps those. `hits`: the
    first rule of all that fires on each line, when the caller has them (the first of the subset
    is that one when it belongs to the subset, none when no rule fires, else looked up)."""
    out: List[Optional[str]] = []
    for i, (ln, k) in enumerate(zip(lines, keep)):
        hit = None
        if k:
            hit = hits[i] if hits is not None else rules.first_match(ln, rules.HTML_RULES)
            if hit is not None and hit.name not in rules.HTML_RULES:
                hit = rules.first_match(ln, rules.HTML_RULES)
        out.append(hit.reason if hit else None)
    return out


def settle(texts: List[str], words: List[float], keep: List[bool], title: Optional[str],
           hard: Optional[List[Optional[str]]] = None) -> List[tuple]:
    """The decoded keep flags with the headline, repeated blocks and blocks an unambiguous rule
    names (`hard`: a reason or None per block) taken out of the body: (keep, reason or None)
    for each block."""
    title = " ".join(title.split()).casefold() if title else None
    hard = hard or [None] * len(texts)
    seen: set = set()
    out = []
    for text, n, k, why in zip(texts, words, keep, hard):
        key = text.casefold()
        if title and key == title:
            out.append((False, rules.METADATA))  # the headline goes to `title`, not the body
        elif k and why:
            out.append((False, why))
        elif k and key in seen and n >= 3:
            out.append((False, rules.DUPLICATE))
        else:
            out.append((k, None))
            if k:
                seen.add(key)
    return out


def reason_for(block: P.Block) -> str:
    """Why a block was not kept: the named rule that fires on it (found by `page_features`),
    else the strongest evidence of its DOM context, else plain boilerplate."""
    if block.line.reason:
        return block.line.reason
    if block.hint:
        return _HINT_REASON[block.hint]
    if block.flags & (P.IN_NAV | P.IN_HEADER | P.IN_FOOTER) or block.link_density >= LINK_LIST:
        return rules.NAVIGATION
    if block.kind == P.CAPTION or block.flags & P.IN_FIGURE:
        return rules.CAPTION
    return rules.BOILERPLATE


_HINT_REASON = {"navigation": rules.NAVIGATION, "promo": rules.PROMO, "teaser": rules.TEASER,
                "comments": rules.COMMENTS, "caption": rules.CAPTION, "metadata": rules.METADATA}


def kept_text(page: P.Page) -> str:
    return "\n\n".join(b.text for b in page.blocks if b.keep)


__all__ = ["decide", "salvage", "without_comments", "is_discussion", "within_views", "settle", "unambiguous", "kept_text", "reason_for", "page_features", "Model", "load"]
