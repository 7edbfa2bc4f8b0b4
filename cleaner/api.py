"""`clean()`: the pipeline, top to bottom.

decode/sniff -> HTML: parse -> consent boxes -> blocks -> views (trafilatura, readability-lxml,
jusText, the text path) -> features -> learned decision; text dump: lines -> rules -> context
smoothing -> metadata -> result. `fast=True` keeps the single-view HTML path (trafilatura, then
the rules and context on its output).
"""
from __future__ import annotations

import functools
import gc
from typing import Optional

from . import decode as _decode
from . import limits
from . import decision
from . import sites
from .html import consent, extract, parse as html_parse
from .html.blocks import discount_layout, page_blocks
from .html.metadata import html_metadata
from .html.readability_view import readability_text
from .html.views import views_of
from .page import Page
from .text import context, language, metadata, rules
from .structure import line_result_blocks, result_blocks
from .text.blocks import dump_blocks
from .text.lines import restop, split_lines
from .errors import CleanerError, InputError, InternalError
from .result import CleanResult

INPUT_FORMATS = ("auto", "html", "text")
SNIFF_CHARS = 65536  # _may_be_html looks this far into the raw input
# An HTML page longer than this (characters of markup) takes the single-view path, as with
# fast=True: the page model holds several views of the page at once, and on a page of ~20 M
# characters of text that passed 1 GB of memory (bench/pathological.py). Real articles are far
# below it (the largest of the 2,943 dev pages has 5.3 M characters).
MANY_VIEWS_MAX_CHARS = 8_000_000
FALLBACK_WORDS = 150  # trafilatura kept fewer body words: also clean the page as a text dump ...
FALLBACK_FACTOR = 2  # ... and take that body when it has this many times more words (and holds
# at least half of trafilatura's body)


def clean(
    raw,
    url: Optional[str] = None,
    input_format: str = "auto",
    *,
    timeout: Optional[float] = limits.DEFAULT_TIMEOUT,
    max_bytes: Optional[int] = limits.DEFAULT_MAX_BYTES,
    fast: bool = False,
    site_model=None,
) -> CleanResult:
    """Clean one raw page (HTML or a plain-text dump, str or bytes) into its article body.

    `fast=True` decides an HTML page from trafilatura's view alone (about trafilatura's speed).
    `site_model` (a `cleaner.sites.SiteModel` or `Template`) takes the page's site template out
    of the body (reason `template`); it never adds text.
    Raises a `cleaner.CleanerError` subclass whose message says what is wrong.
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    try:
        _warm_up()
        if input_format == "html" or (input_format == "auto" and _may_be_html(raw)):
            _warm_up_html()
    except Exception as exc:  # noqa: BLE001 - a broken install (model file, language profiles)
        raise InternalError(f"cannot load the cleaner's data ({type(exc).__name__}: {str(exc)[:200]})") from exc
    template = sites.resolve(site_model, url)
    with limits.time_limit(timeout):
        try:
            return _clean(raw, url, input_format, max_bytes, fast, template)
        except CleanerError:
            raise
        except Exception as exc:  # noqa: BLE001 - the contract: only CleanerError leaves clean()
            raise InternalError(f"internal error ({type(exc).__name__}: {str(exc)[:200]})") from exc


@functools.lru_cache(maxsize=1)
def _warm_up() -> None:
    """What every process loads once (language profiles, the decision model) is loaded outside
    the page's time limit: a slow start is not the page's fault, and a load cut short by the
    limit would leave langdetect's profiles half-read for every later page. (The profiles' index
    loads here; each n-gram's probabilities are worked out when a page first needs them, each
    entry whole or not at all: `text/profiles.py`.)"""
    language.warm_up()
    decision.load("html")
    decision.load("text")
    _freeze_long_lived()  # (a text-dump worker never meets `_warm_up_html`)


@functools.lru_cache(maxsize=1)
def _warm_up_html() -> None:
    """The HTML extractors' imports (trafilatura alone ~0.3 s), outside the page's time limit
    too, and only in a process that meets a page that may be HTML: a text dump needs none."""
    import justext.core  # noqa: F401
    import readability  # noqa: F401
    import trafilatura  # noqa: F401

    _freeze_long_lived()


def _freeze_long_lived() -> None:
    """Keep what is loaded by now (modules, the extractors' tables, the language profiles, the
    model) out of the garbage collector's full collections (`gc.freeze`): each one walked those
    ~35,000 objects again, ~30 ms, several times a page on the default path (2.5-3 ms a page; on
    a text dump, ~23,000 objects, ~0.1 ms a page).
    They live as long as the process; what the process held at that moment is never collected
    as a cycle (not freed by reference counts alone) afterwards."""
    gc.collect()
    gc.freeze()


def _may_be_html(raw) -> bool:
    """A cheap, generous guess made before decoding: any '<' in the first SNIFF_CHARS (True for
    input of another type: decoding will say what is wrong with it)."""
    if isinstance(raw, str):
        return "<" in raw[:SNIFF_CHARS]
    if isinstance(raw, (bytes, bytearray)):
        return b"<" in raw[:SNIFF_CHARS]
    return True


def _clean(raw, url, input_format, max_bytes, fast, template=None) -> CleanResult:
    text, utf8 = _decode.decode_with_utf8(raw, max_bytes=max_bytes)
    limits.check()  # off the main thread the time limit is cooperative: checked between stages
    fmt = _decode.sniff(text) if input_format == "auto" else input_format
    if fmt == "html" and not fast and len(text) <= MANY_VIEWS_MAX_CHARS:
        with rules.shared_verdicts():  # the `dump` view and the decision judge the same block texts
            page, meta, stop = html_page(text, url, utf8)
            decision.decide(page, stop)
        sites.apply_to_blocks(page, template)
        return _page_result(page, meta, url or meta.get("url"), fmt)
    if fmt == "text" and not fast and decision.load("text") is not None:
        page, meta, stop = text_page(text)
        decision.decide(page, stop)
        sites.apply_to_blocks(page, template)
        return _page_result(page, meta, url, fmt)
    if fmt == "html":
        tree, meta = _parse_html(text, url, utf8, discussion=False)
        lines, lang = html_lines(tree, url, meta)
        url = url or meta.get("url")
    else:
        lines, meta, lang = text_lines(text)
    sites.apply_to_lines(lines, template, meta.get("title"))
    return _result(lines, meta, lang, url, fmt)


def _detect(lines):
    return language.detect(language.sample_text(ln.text for ln in lines))


def _detect_dump(lines):
    return language.detect_dump(language.sample_text([ln.text for ln in lines]))


def text_lines(text: str):
    """A text dump through lines -> rules -> context -> metadata: (lines, metadata, language)."""
    lines, lang = dump_lines(text, detect=_detect_dump)
    return lines, metadata.text_metadata(lines, lang), lang


def dump_lines(text: str, lang: Optional[str] = None, detect=_detect):
    """A text dump through lines -> rules -> context: (lines, language). `lang`: the page's
    language when the caller knows it already (else `detect` finds it on the dump's lines)."""
    limits.check_page_text(len(text))
    lines = split_lines(text)
    lang = lang or detect(lines)
    stop = language.stopwords(lang)
    restop(lines, stop)  # the body decision weighs stop words of the page's language
    limits.check()
    context.smooth_text_dump(lines, stop)
    return lines, lang


def text_page(text: str):
    """A text dump as blocks (its lines), today's decision as their `v1` view and jusText's
    classes: (page, metadata, stop words)."""
    lines, meta, lang = text_lines(text)
    stop = language.stopwords(lang)
    blocks = dump_blocks(lines)
    views_of(blocks, {}, stop)
    return Page(blocks, language=lang, title=meta.get("title"), is_html=False,
                view_texts={"v1": _body(lines)}), meta, stop


def _parse_html(text: str, url: Optional[str], utf8: Optional[bytes] = None, discussion: bool = True):
    """The parsed page without its consent boxes, and its metadata (read before they go).
    `utf8`: the text's UTF-8 bytes when decoding gave them (else the parser encodes the text);
    `discussion`: look whether the page declares a discussion thread (the blocks need it)."""
    tree = html_parse.parse(text, utf8)
    meta = html_metadata(tree, url, discussion)
    consent.remove_consent_boxes(tree)
    limits.check()
    return tree, meta


def html_page(text: str, url: Optional[str], utf8: Optional[bytes] = None):
    """An HTML page as blocks with every view filled in: (page, metadata, stop words).
    trafilatura runs without its own readability/jusText comparison (both are views of their own
    here) and without comment sections (readers' comments are not the article)."""
    tree, meta = _parse_html(text, url, utf8)
    blocks = page_blocks(tree, meta.get("discussion", False))  # before any extractor sees the tree
    read = readability_text(tree)
    limits.check()
    traf = extract.extract_body(tree, url, fallback=False, comments=False)
    lines, lang = extracted_lines(traf, meta)
    dump = None
    if lang is None or _words(lines) < FALLBACK_WORDS:  # the page as a text dump, as in html_lines
        dump, dump_lang = dump_lines("\n".join(b.text for b in blocks), lang)
        lines = _with_fallback(lines, dump)
        lang = lang or dump_lang
    if dump is None:  # the `dump` view: the page's blocks through the text-dump path
        dump, _ = dump_lines("\n".join(b.text for b in blocks), lang)
    stop = language.stopwords(lang)
    restop([b.line for b in blocks], stop)
    limits.check()
    texts = {"traf": traf, "v1": _body(lines), "read": read, "dump": _body(dump)}
    views_of(blocks, texts, stop)
    discount_layout(blocks, [[b.views.get(v, 0.0) >= decision.VIEW_KEEPS for b in blocks] for v in ("traf", "read")])
    return Page(blocks, language=lang, title=meta.get("title"), view_texts=texts,
                page_type=meta.get("page_type")), meta, stop


def html_lines(tree, url: Optional[str], meta: dict):
    """The single-view path (`fast=True`): trafilatura (with its own readability and jusText
    fallback, without the comment sections it recognises) -> lines -> rules -> context, with the
    text-dump path as the fallback when trafilatura keeps little: (lines, language)."""
    lines, lang = extracted_lines(extract.extract_body(tree, url, comments=False), meta)
    if _words(lines) < FALLBACK_WORDS:
        dump, dump_lang = dump_lines(extract.render_text(tree))
        if _with_fallback(lines, dump) is dump:
            return dump, dump_lang or lang
    return lines, lang


def extracted_lines(traf: str, meta: dict):
    """trafilatura's text as lines through the context rules: (lines, language)."""
    lines = split_lines(traf)
    limits.check()
    lang = _detect(lines)  # trafilatura chose the body: its rules need no stop words
    context.smooth_extracted(lines, title=meta.get("title"))
    return lines, lang


def _with_fallback(lines, dump):
    """`dump` (the page cleaned as a text dump) instead of trafilatura's `lines` when trafilatura
    kept little and the dump holds much more of the same article."""
    if _words(lines) < FALLBACK_WORDS and _words(dump) >= FALLBACK_FACTOR * max(_words(lines), 1) \
            and _covers(dump, lines):
        return dump
    return lines


def _body(lines) -> str:
    return "\n".join(ln.text for ln in lines if ln.role == "body")


def _covers(dump, lines) -> bool:
    """The dump's body holds at least half of what trafilatura kept: it found more of the same
    article, not another block of the page (a disclaimer, a consent text)."""
    kept = [ln.text for ln in lines if ln.role == "body"]
    if not kept:
        return True
    body = "\n".join(ln.text for ln in dump if ln.role == "body")
    return sum(len(t) for t in kept if t in body) >= 0.5 * sum(len(t) for t in kept)


def _words(lines) -> float:
    return sum(ln.n_words for ln in lines if ln.role == "body")


def _page_result(page: Page, meta: dict, url, fmt: str) -> CleanResult:
    kept = [b for b in page.blocks if b.keep]
    return _make_result([b.text for b in kept], [(b.text, b.reason) for b in page.blocks if not b.keep],
                        meta, page.language, url, fmt, result_blocks(kept))


def _result(lines, meta: dict, lang, url, fmt: str) -> CleanResult:
    kept = [ln for ln in lines if ln.role == "body"]
    removed = [(ln.text, ln.reason) for ln in lines if ln.role != "body"]
    return _make_result([ln.text for ln in kept], removed, meta, lang, url, fmt,
                        line_result_blocks(kept))


def _make_result(body, removed, meta: dict, lang, url, fmt: str, blocks=()) -> CleanResult:
    return CleanResult(
        blocks=list(blocks),
        text="\n\n".join(body),
        title=meta.get("title"),
        description=meta.get("description"),
        date=meta.get("date"),
        date_source=meta.get("date_source"),
        authors=list(meta.get("authors") or []),
        site=meta.get("site"),
        language=lang,
        url=url,
        input_format=fmt,
        removed=removed,
    )
