"""`clean()`: the pipeline, top to bottom.

decode/sniff -> (HTML: pre-clean -> trafilatura) -> lines -> rules -> context smoothing
-> metadata -> result
"""
from __future__ import annotations

from typing import Optional

from . import decode as _decode
from . import limits
from .html import consent, extract, parse as html_parse
from .html.metadata import html_metadata
from .text import context, language, metadata
from .text.lines import restop, split_lines
from .errors import CleanerError, InputError, InternalError
from .result import CleanResult

INPUT_FORMATS = ("auto", "html", "text")
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
) -> CleanResult:
    """Clean one raw page (HTML or a plain-text dump, str or bytes) into its article body.

    Raises a `cleaner.CleanerError` subclass whose message says what is wrong.
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    with limits.time_limit(timeout):
        try:
            return _clean(raw, url, input_format, max_bytes)
        except CleanerError:
            raise
        except Exception as exc:  # noqa: BLE001 - the contract: only CleanerError leaves clean()
            raise InternalError(f"internal error ({type(exc).__name__}: {str(exc)[:200]})") from exc


def _clean(raw, url, input_format, max_bytes) -> CleanResult:
    text = _decode.decode(raw, max_bytes=max_bytes)
    limits.check()  # off the main thread the time limit is cooperative: checked between stages
    fmt = _decode.sniff(text) if input_format == "auto" else input_format
    if fmt == "html":
        lines, meta, lang = html_lines(text, url)
        url = url or meta.get("url")
    else:
        lines, meta, lang = text_lines(text)
    return _result(lines, meta, lang, url, fmt)


def _detect(lines):
    return language.detect(language.sample_text(ln.text for ln in lines))


def text_lines(text: str):
    """A text dump through lines -> rules -> context -> metadata: (lines, metadata, language)."""
    limits.check_page_text(len(text))
    lines = split_lines(text)
    lang = _detect(lines)
    stop = language.stopwords(lang)
    restop(lines, stop)  # the body decision weighs stop words of the page's language
    limits.check()
    context.smooth_text_dump(lines, stop)
    return lines, metadata.text_metadata(lines, lang), lang


def html_lines(text: str, url: Optional[str]):
    """An HTML page through pre-clean -> trafilatura -> lines -> rules -> context, with the
    page's metadata: (lines, metadata, language)."""
    tree = html_parse.parse(text)
    meta = html_metadata(tree, url)
    consent.remove_consent_boxes(tree)
    limits.check()
    lines = split_lines(extract.extract_body(tree, url))
    limits.check()
    lang = _detect(lines)  # trafilatura chose the body: its rules need no stop words
    context.smooth_extracted(lines, title=meta.get("title"))
    if _words(lines) < FALLBACK_WORDS:
        dump, _, dump_lang = text_lines(extract.render_text(tree))
        if _words(dump) >= FALLBACK_FACTOR * max(_words(lines), 1) and _covers(dump, lines):
            return dump, meta, dump_lang or lang
    return lines, meta, lang


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


def _result(lines, meta: dict, lang, url, fmt: str) -> CleanResult:
    body = [ln.text for ln in lines if ln.role == "body"]
    removed = [(ln.text, ln.reason) for ln in lines if ln.role != "body"]
    return CleanResult(
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
