"""The lines/blocks of a raw page as the cleaner splits them, for learning a site's template:
a text dump's non-blank lines (`text.lines.split_lines`), an HTML page's blocks
(`html.blocks.page_blocks` after the consent boxes are removed), each whitespace-collapsed."""
from __future__ import annotations

from typing import List

from .. import decode as _decode
from .. import limits


def page_units(raw, input_format: str = "auto", max_bytes=limits.DEFAULT_MAX_BYTES) -> List[str]:
    """The texts of the page's lines (text dump) or blocks (HTML), in page order. Raises
    `CleanerError` like `clean()` for a page that cannot be decoded or parsed."""
    text = _decode.decode(raw, max_bytes=max_bytes)
    fmt = _decode.sniff(text) if input_format == "auto" else input_format
    if fmt == "html":
        return html_units(text)
    return text_units(text)


def text_units(text: str) -> List[str]:
    return [" ".join(raw.split()) for raw in text.splitlines() if raw.strip()]


def html_units(text: str) -> List[str]:
    from ..html import consent, parse
    from ..html.blocks import page_blocks

    tree = parse.parse(text)
    consent.remove_consent_boxes(tree)
    return [b.text for b in page_blocks(tree)]
