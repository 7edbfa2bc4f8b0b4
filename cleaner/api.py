"""`clean()`: the pipeline, top to bottom.

decode/sniff -> (HTML: pre-clean -> trafilatura) -> lines -> rules -> context smoothing
-> metadata -> result
"""
from __future__ import annotations

from typing import Optional

from . import decode as _decode
from .errors import InputError
from .result import CleanResult

INPUT_FORMATS = ("auto", "html", "text")


def clean(raw, url: Optional[str] = None, input_format: str = "auto") -> CleanResult:
    """Clean one raw page (HTML or a plain-text dump, str or bytes) into its article body."""
    if input_format not in INPUT_FORMATS:
        raise InputError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    text = _decode.decode(raw)
    fmt = _decode.sniff(text) if input_format == "auto" else input_format
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return CleanResult(text="\n\n".join(lines), url=url, input_format=fmt)
