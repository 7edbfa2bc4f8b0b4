"""`clean()`: the pipeline, top to bottom.

decode/sniff -> (HTML: pre-clean -> trafilatura) -> lines -> rules -> context smoothing
-> metadata -> result
"""
from __future__ import annotations

from typing import Optional

from . import context, extract, language, limits, metadata, preclean
from . import decode as _decode
from .lines import restop, split_lines
from .metadata_html import html_metadata
from .errors import InputError
from .result import CleanResult

INPUT_FORMATS = ("auto", "html", "text")


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
        return _clean(raw, url, input_format, max_bytes)


def _clean(raw, url, input_format, max_bytes) -> CleanResult:
    text = _decode.decode(raw, max_bytes=max_bytes)
    fmt = _decode.sniff(text) if input_format == "auto" else input_format
    if fmt == "html":
        return _clean_html(text, url)
    return _clean_text(text, url)


def _clean_text(text: str, url: Optional[str]) -> CleanResult:
    lines = split_lines(text)
    lang = language.detect(language.sample_text(ln.text for ln in lines))
    stop = language.stopwords(lang)
    restop(lines, stop)
    context.smooth_text_dump(lines, stop)
    meta = metadata.text_metadata(lines)
    return _result(lines, meta, lang, url, "text")


def _clean_html(text: str, url: Optional[str]) -> CleanResult:
    tree = preclean.parse(text)
    meta = html_metadata(tree, url)
    preclean.remove_consent_boxes(tree)
    lines = split_lines(extract.extract_body(tree, url))
    lang = language.detect(language.sample_text(ln.text for ln in lines))
    stop = language.stopwords(lang)
    restop(lines, stop)
    context.smooth_extracted(lines, stop, title=meta.get("title"))
    return _result(lines, meta, lang, meta.get("url") or url, "html")


def _result(lines, meta: dict, lang, url, fmt: str) -> CleanResult:
    body = [ln.text for ln in lines if ln.role == "body"]
    removed = [(ln.text, ln.reason) for ln in lines if ln.role != "body"]
    return CleanResult(
        text="\n\n".join(body),
        title=meta.get("title"),
        description=meta.get("description"),
        date=meta.get("date"),
        authors=list(meta.get("authors") or []),
        site=meta.get("site"),
        language=lang,
        url=url,
        input_format=fmt,
        removed=removed,
    )
