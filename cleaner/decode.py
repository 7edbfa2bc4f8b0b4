"""Stage 1: decode bytes to text and sniff whether the text is HTML or a plain-text dump."""
from __future__ import annotations

import codecs
import re

from .errors import DecodeError, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode(raw) -> str:
    """Return `raw` as text: BOM, then declared charset, then detection."""
    if isinstance(raw, str):
        return raw
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise InputError(f"expected str or bytes, got {type(raw).__name__}")
    raw = bytes(raw)
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw.decode(enc, errors="replace")
    m = _META_CHARSET.search(raw[:4096])
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), errors="strict")
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    if best is None:
        raise DecodeError("could not detect the character encoding of the bytes")
    return raw.decode(best.encoding, errors="replace")


_HTML_SNIFF = re.compile(r"<(!doctype\s+html|html|head|body|meta|div|p|article|title)\b", re.I)


def sniff(text: str) -> str:
    """'html' when the text looks like markup, else 'text'."""
    head = text[:5000]
    if _HTML_SNIFF.search(head) and head.count("<") >= 3:
        return "html"
    return "text"
