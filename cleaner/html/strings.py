"""String helpers shared by the HTML metadata rules: element text, whitespace collapsing,
folded forms used to compare titles and names, the host of a URL."""
from __future__ import annotations

import html
import re
import unicodedata
from typing import Callable, Optional
from urllib.parse import urlsplit

from ..limits import MAX_FIELD_CHARS
from ..text import gates
from .parse import block_text

CLIPPED = "…"  # ends a value cut at MAX_FIELD_CHARS

SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "button"))


def element_text(elem) -> str:
    """Text of an element with a space at <br> and block boundaries, whitespace collapsed."""
    return collapse(block_text(elem, skip=SKIP_TAGS))


_LEFT_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


def collapse(text: str) -> str:
    """Whitespace collapsed; entities escaped twice by the page ('&amp;reg;') decoded."""
    if "&" in text and _LEFT_ENTITY.search(text):
        text = html.unescape(text)
    return " ".join(text.split())


def _is_gap(ch: str) -> bool:
    """Punctuation, symbols and separators: a gap between words when folding."""
    return unicodedata.category(ch)[0] in "PSZ"


_ASCII_GAPS = {code: " " for code in range(128) if _is_gap(chr(code))}  # a str.translate table


def fold(text: Optional[str]) -> str:
    """Case-, accent-width- and punctuation-insensitive form used to compare titles and names."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():  # most titles and names: the gaps replaced in one C pass
        text = text.translate(_ASCII_GAPS)
    else:
        text = "".join(" " if _is_gap(ch) else ch for ch in text)
    return " ".join(text.split())


def squash(text: Optional[str]) -> str:
    """Letters and digits only, lowercased: 'Budget Travel With Gabby' ~ 'budgettravelwithgabby'."""
    joined = fold(text).replace(" ", "")
    return joined if joined.isalnum() else "".join(ch for ch in joined if ch.isalnum())


def host_of(url: Optional[str]) -> str:
    """The host of `url` without 'www.' (empty for pseudo keys)."""
    if not url or not url.startswith(("http://", "https://", "//")):
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host



def clip(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """`text` up to `limit` characters; a longer one is cut there and ends with `CLIPPED`."""
    return text if len(text) <= limit else text[:limit].rstrip() + CLIPPED


def gated_search(pattern: re.Pattern) -> Callable[[str], bool]:
    """`bool(pattern.search(text))`, faster on ASCII text (nearly every class/id string): one of
    the pattern's required literals (`gates.literals`) must be in the lower-cased text first. A
    case-insensitive search of long class lists took 5-10 µs; the literal test, 1-3."""
    words = gates.literals(pattern)
    if not words:
        return lambda text: bool(pattern.search(text))
    gate = re.compile("|".join(map(re.escape, sorted(words))))

    def search(text: str) -> bool:
        if text.isascii() and not gate.search(text.lower()):
            return False
        return bool(pattern.search(text))

    return search
