"""Stage (HTML only): trafilatura's main-content extraction over the pre-cleaned tree."""
from __future__ import annotations

from typing import Optional

import trafilatura


def extract_body(tree, url: Optional[str] = None) -> str:
    """Main text of the page, one paragraph per line ('' when trafilatura finds none)."""
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=True)
    if doc is None:
        return ""
    return doc.text or ""
