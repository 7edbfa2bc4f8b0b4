"""A site's template learned from its pages: which normalised lines/blocks recur across them.

`SiteModel.learn(pages)` reads pages (raw HTML or text dumps, with their URL or file path),
splits each one into the same lines/blocks the cleaner judges (`units`), and counts, per site,
on how many distinct pages each normalised line occurs. A line on at least `K` + 1 pages of its
site (itself and K others) is part of that site's template. Sites with fewer than `MIN_PAGES`
pages get no template at all. Nothing is ever counted across sites.

Memory is bounded per site: a site keeps the line keys (8-byte hashes, at most
`MAX_KEYS_PER_PAGE` per page) of at most `MAX_PAGES_PER_SITE` pages, the ones whose content hash
is smallest (a bottom-k sample: the same pages whatever the input order). Identical pages count
once. The result depends only on the set of pages, never on their order.
"""
from __future__ import annotations

import array
import hashlib
import heapq
import json
import os
import unicodedata
from collections import Counter
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple
from urllib.parse import urlsplit

from .. import limits

K = 3  # a line is template when it occurs on at least K other pages of its site
MIN_PAGES = 5  # a site with fewer pages than this gets no template
MAX_PAGES_PER_SITE = 400  # the per-site cap: pages whose line keys are kept (a bottom-k sample)
MAX_KEYS_PER_PAGE = 2000  # distinct line keys kept per page (the first ones in page order)
MIN_CHARS = 2  # shorter normalised lines (a bullet, a lone digit) are never keys
SITE_KEYS = ("host", "dir", "none")
FORMAT_VERSION = 1


def normalise(text: str) -> str:
    """The form lines are compared in: Unicode NFKC, case folded, whitespace collapsed. Digits
    stay: a line that differs from page to page only in its numbers (a dateline, a comment
    count) is the page's own, not the site's."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def line_key(text: str) -> Optional[int]:
    """The 64-bit key of a line (stable across processes and runs), None for a line too short to
    say anything."""
    norm = normalise(text)
    if len(norm) < MIN_CHARS:
        return None
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


def site_of(url: Optional[str] = None, path: Optional[str] = None, site_key: str = "host") -> Optional[str]:
    """The site a page belongs to: `host` -> the URL's host (without a leading `www.`), else the
    page file's directory; `dir` -> the file's directory; `none` -> no site (None)."""
    if site_key not in SITE_KEYS:
        raise ValueError(f"site_key must be one of {', '.join(SITE_KEYS)}, not {site_key!r}")
    if site_key == "none":
        return None
    if site_key == "host" and url:
        try:
            host = (urlsplit(url.strip()).hostname or "").rstrip(".")
        except ValueError:
            host = ""
        if host:
            return "host:" + (host[4:] if host.startswith("www.") and host.count(".") > 1 else host)
    if path:
        return "dir:" + os.path.dirname(os.path.abspath(path))
    return None


def page_keys(texts: Iterable[str]) -> array.array:
    """The distinct keys of a page's lines (the first MAX_KEYS_PER_PAGE in page order), sorted,
    as an array of unsigned 64-bit integers."""
    keys: List[int] = []
    seen = set()
    for text in texts:
        key = line_key(text)
        if key is not None and key not in seen:
            seen.add(key)
            keys.append(key)
            if len(keys) >= MAX_KEYS_PER_PAGE:
                break
    return array.array("Q", sorted(keys))


class Template:
    """One site's template: the keys of its recurring lines, and how many pages it was learned
    from (the site's distinct pages, at most MAX_PAGES_PER_SITE)."""

    __slots__ = ("site", "pages", "keys")

    def __init__(self, site: str, pages: int, keys: FrozenSet[int]):
        self.site, self.pages, self.keys = site, pages, keys

    def __contains__(self, text: str) -> bool:
        key = line_key(text)
        return key is not None and key in self.keys

    def __repr__(self) -> str:
        return f"Template({self.site!r}, pages={self.pages}, lines={len(self.keys)})"


class _Site:
    """What is counted of one site while learning: the page count, and the bottom-k sample of
    pages (content hash -> its line keys)."""

    __slots__ = ("pages", "heap", "sample")

    def __init__(self):
        self.pages = 0  # distinct pages seen (by content hash)
        self.heap: List[int] = []  # negated content hashes of the sample (a max-heap)
        self.sample: Dict[int, array.array] = {}

    def add(self, digest: int, keys: array.array) -> None:
        if digest in self.sample:
            return  # the same page again (a second copy in the crawl): counted once
        if len(self.heap) < MAX_PAGES_PER_SITE:
            heapq.heappush(self.heap, -digest)
        elif digest < -self.heap[0]:
            del self.sample[-heapq.heappushpop(self.heap, -digest)]
        else:
            self.pages += 1  # seen, not sampled (its content hash is larger than the sample's)
            return
        self.pages += 1
        self.sample[digest] = keys


def _template_of(site: str, counted: _Site) -> Optional[Template]:
    """The template of one site's counts: None below MIN_PAGES or when no line recurs."""
    if counted.pages < MIN_PAGES:
        return None
    df: Counter = Counter()
    for keys in counted.sample.values():
        df.update(keys)
    recurring = frozenset(k for k, n in df.items() if n >= K + 1)
    return Template(site, len(counted.sample), recurring) if recurring else None


class SiteModel:
    """Per-site templates learned from a crawl's pages (see the module docstring).

    Build with `SiteModel.learn(pages)` or `add()` page by page and `finish()`; use with
    `cleaner.clean(raw, url, site_model=model)` (or pass `model.template(url, path)`); keep with
    `save(path)` / `SiteModel.load(path)`.
    """

    def __init__(self, site_key: str = "host"):
        site_of(None, None, site_key)  # validates site_key
        self.site_key = site_key
        self._sites: Dict[str, _Site] = {}
        self.templates: Dict[str, Template] = {}  # filled by finish() or load()

    # -- learning ----------------------------------------------------------------------------

    @classmethod
    def learn(cls, pages: Iterable, site_key: str = "host", input_format: str = "auto") -> "SiteModel":
        """A model learned from `pages`: each a raw page (str/bytes), or a tuple (raw, url) or
        (raw, url, path). Pages that cannot be decoded are skipped (they would fail to clean)."""
        from ..errors import CleanerError

        model = cls(site_key)
        for page in pages:
            raw, url, path = (page, None, None) if isinstance(page, (str, bytes)) else (tuple(page) + (None, None))[:3]
            try:
                model.add(raw, url=url, path=path, input_format=input_format)
            except CleanerError:
                continue
        return model.finish()

    def add(self, raw, url: Optional[str] = None, path: Optional[str] = None, input_format: str = "auto",
            max_bytes: Optional[int] = limits.DEFAULT_MAX_BYTES) -> Optional[str]:
        """Count one raw page (its lines as the cleaner splits them); returns its site (None when
        it has none). Raises `CleanerError` for a page that cannot be decoded."""
        site = site_of(url, path, self.site_key)
        if site is None:
            return None
        from .units import page_units

        self.add_units(site, page_units(raw, input_format, max_bytes))
        return site

    def add_units(self, site: str, texts: Iterable[str]) -> None:
        """Count one page of `site` given as its lines/blocks (texts in page order)."""
        self.add_keys(site, page_keys(texts))

    def add_keys(self, site: str, keys: array.array) -> None:
        """Count one page of `site` given as its `page_keys` (what a batch worker sends back)."""
        digest = int.from_bytes(hashlib.blake2b(keys.tobytes(), digest_size=8).digest(), "big")
        self._sites.setdefault(site, _Site()).add(digest, keys)

    def finish(self) -> "SiteModel":
        """Turn the counts into templates (sites below MIN_PAGES, or where no line recurs, get
        none) and free the counts."""
        for site, counted in self._sites.items():
            template = _template_of(site, counted)
            if template is not None:
                self.templates[site] = template
        self._sites = {}
        return self

    def learned_so_far(self, url: Optional[str] = None, path: Optional[str] = None) -> Optional[Template]:
        """While still learning (no `finish()` yet): the template of the page's site from the pages
        counted so far (a crawler judging each page with what came before it)."""
        site = site_of(url, path, self.site_key)
        counted = self._sites.get(site) if site is not None else None
        return _template_of(site, counted) if counted is not None else None

    # -- use ---------------------------------------------------------------------------------

    def template(self, url: Optional[str] = None, path: Optional[str] = None) -> Optional[Template]:
        """The template of the page's site, None when the site has none."""
        site = site_of(url, path, self.site_key)
        return self.templates.get(site) if site is not None else None

    def __len__(self) -> int:
        return len(self.templates)

    # -- files -------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"kind": "cleaner-site-model", "version": FORMAT_VERSION, "site_key": self.site_key,
                "k": K, "min_pages": MIN_PAGES,
                "sites": {s: {"pages": t.pages, "lines": [format(k, "016x") for k in sorted(t.keys)]}
                          for s, t in sorted(self.templates.items())}}

    @classmethod
    def from_dict(cls, data: dict) -> "SiteModel":
        if not isinstance(data, dict) or data.get("kind") != "cleaner-site-model":
            raise ValueError("not a cleaner site model")
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"site model version {data.get('version')!r}, this cleaner reads {FORMAT_VERSION}")
        model = cls(data.get("site_key", "host"))
        for site, entry in data["sites"].items():
            model.templates[site] = Template(site, int(entry["pages"]), frozenset(int(k, 16) for k in entry["lines"]))
        return model

    def save(self, path) -> None:
        """Write the model as JSON, atomically (a temporary file renamed into place)."""
        path = os.fspath(path)
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(self.to_dict(), f, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise

    @classmethod
    def load(cls, path) -> "SiteModel":
        """Read a model written by `save`; ValueError naming the file when it is not one."""
        try:
            with open(path, encoding="utf-8") as f:
                return cls.from_dict(json.load(f))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{os.fspath(path)}: not a readable site model ({exc})") from None


def resolve(site_model, url: Optional[str]) -> Optional[Template]:
    """What `clean(site_model=...)` was given, as the page's template: a `Template` as it is, a
    `SiteModel` looked up by the page's URL, None as None."""
    if site_model is None or isinstance(site_model, Template):
        return site_model
    if isinstance(site_model, SiteModel):
        return site_model.template(url)
    from ..errors import InputError

    raise InputError(f"site_model must be a SiteModel or a Template, not {type(site_model).__name__}")


__all__: Tuple[str, ...] = ("SiteModel", "Template", "K", "MIN_PAGES", "MAX_PAGES_PER_SITE",
                            "normalise", "line_key", "page_keys", "site_of", "resolve")
