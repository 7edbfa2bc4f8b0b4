"""Metadata stage for HTML pages: title, description, date, authors, site from the parsed page."""
from __future__ import annotations

from typing import Optional


def html_metadata(tree, url: Optional[str] = None) -> dict:
    """Return {'title','description','date','authors','site','url'} for a parsed lxml.html tree."""
    from trafilatura.metadata import extract_metadata

    doc = extract_metadata(tree, default_url=url)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {
        "title": doc.title or None,
        "description": doc.description or None,
        "date": doc.date or None,
        "authors": authors,
        "site": doc.sitename or None,
        "url": doc.url or url,
    }
