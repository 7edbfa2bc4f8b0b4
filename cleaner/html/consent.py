"""Stage (HTML only): remove what trafilatura should never see: consent and cookie containers,
which it sometimes keeps as text."""
from __future__ import annotations

import re
from functools import lru_cache

from .strings import gated_search

_CONSENT = re.compile(  # not a bare 'cmp-': Adobe Experience Manager names every component so
    r"cookie|consent|gdpr|onetrust|didomi|usercentrics|cookiebot|\btruste\b|truste-|trustarc|privacy-?banner"
    r"|qc-cmp|cmpbox|cmpwrapper|sp_message|fc-consent|cc-(?:window|banner)",
    re.I,
)
MAX_CONSENT_CHARS = 5000  # a real consent box is short; a page wrapper that mentions cookies is not
# A consent platform's own container (its vendor's name in the id or class) may hold its whole
# preference centre, every purpose and vendor spelled out: much longer than a banner, still no
# article. It is dropped up to this size (a page wrapper the platform tags is larger still).
_PLATFORM = re.compile(r"onetrust|didomi|usercentrics|cookiebot|trustarc|qc-cmp|sp_message", re.I)
MAX_PLATFORM_CHARS = 50_000

ATTRS_CACHE = 4096  # id/class/aria-label strings whose verdicts are remembered
_consent_search = gated_search(_CONSENT)
_platform_search = gated_search(_PLATFORM)


@lru_cache(maxsize=ATTRS_CACHE)
def _mentions_consent(attrs: str) -> bool:
    """_CONSENT.search(attrs), with a cheap literal test first (`strings.gated_search`), the
    verdict remembered: a page repeats its class names."""
    return _consent_search(attrs)


def _is_consent_box(el) -> bool:
    get = el.get
    attrs = f"{get('id') or ''} {get('class') or ''} {get('aria-label') or ''}"
    if len(attrs) < 5 or not _mentions_consent(attrs):
        return False
    size = len(el.text_content())
    return size <= MAX_CONSENT_CHARS or (size <= MAX_PLATFORM_CHARS and _platform_search(attrs))


def remove_consent_boxes(tree) -> int:
    """Drop consent/cookie containers; returns how many were removed."""
    doomed = [el for el in tree.iter("div", "section", "aside", "dialog", "form", "footer", "p")
              if _is_consent_box(el)]
    gone: list = []
    for el in doomed:
        if any(anc in gone for anc in el.iterancestors()):  # inside a box already dropped
            continue
        if el.getparent() is not None:
            el.drop_tree()
            gone.append(el)
    return len(gone)
