"""Stage (HTML only): trafilatura's main-content extraction over the pre-cleaned tree, and a plain
rendering of the page (one line per block) for when trafilatura finds little or nothing."""
from __future__ import annotations

from typing import Optional

from .parse import block_text

def extract_body(tree, url: Optional[str] = None, fallback: bool = True, comments: bool = True) -> str:
    """Main text of the page, one paragraph per line ('' when trafilatura finds none).
    `fallback=False` skips trafilatura's own comparison with readability and jusText (the
    default path has both as views of their own); `comments=False` leaves out the comment
    sections trafilatura recognises."""
    import trafilatura  # here, not at import: a text dump never needs it (~0.3 s of start-up)

    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=comments,
                                      fast=not fallback)
    if doc is None:
        return ""
    return doc.text or ""


def render_text(tree) -> str:
    """The page as a plain-text dump: a line break around block elements, none between inline
    ones; scripts, styles and the like dropped."""
    return block_text(tree)
