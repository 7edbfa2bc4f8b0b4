"""`clean()`: the pipeline, top to bottom.

decode/sniff -> (HTML: pre-clean -> trafilatura) -> lines -> rules -> context smoothing
-> metadata -> result
"""
from __future__ import annotations

from typing import Optional

from . import decode as _decode
from . import limits
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
    text = _decode.decode(raw)
    fmt = _decode.sniff(text) if input_format == "auto" else input_format
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return CleanResult(text="\n\n".join(lines), url=url, input_format=fmt)
