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

ATTRS_CACHE = 4096  # id/class/aria-label strings whose verdicts are remembered
_consent_search = gated_search(_CONSENT)


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
    return len(el.text_content()) <= MAX_CONSENT_CHARS


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
