"""A Scrapy item pipeline that cleans each scraped page and adds its text and metadata to the item.

    # settings.py
    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_HTML_FIELD = "html"        # item field with the page: str, bytes or a Response
    SPIDER_MIDDLEWARES = {"cleaner.integrations.scrapy.CleanerResponseMiddleware": 800}  # optional:
                                       # items without that field get the response they came from

Settings (all optional):

- CLEANER_HTML_FIELD ("html"): where the page is. A Response object there (put by the spider or by
  `CleanerResponseMiddleware`) is cleaned from its body and URL, then removed from the item.
- CLEANER_URL_FIELD ("url"): the page URL (helps metadata); a Response's own URL otherwise.
- CLEANER_INPUT_FORMAT ("auto"): "html", "text" or "auto".
- CLEANER_FIELDS (text, title, description, date, authors, site, language): the result fields added.
- CLEANER_FIELD_PREFIX (""): prefix of the added fields' names ("clean_" -> clean_text, ...).
- CLEANER_FIELD_NAMES ({}): explicit names, e.g. {"text": "body"}; these win over the prefix.
- CLEANER_EMPTY ("drop"): what to do with an item whose page cleans to nothing (fewer than
  CLEANER_MIN_WORDS words) or fails to clean: "drop" (DropItem), "flag" or "keep".
- CLEANER_MIN_WORDS (1): fewer words than this counts as empty.
- CLEANER_FLAG_FIELD ("cleaner_flag"): with "flag", set on every item: None when the page cleaned
  fine, "empty", or "error: <kind>: <message>".
- CLEANER_KEEP_HTML (True): keep the page field (str/bytes) in the item after cleaning.
- CLEANER_TIMEOUT, CLEANER_MAX_BYTES: as `cleaner.clean(timeout=..., max_bytes=...)`.
- CLEANER_SITE_TEMPLATES (False): learn each site's template as the crawl goes (docs/templates.md)
  and take it out of later pages: a page is judged with what was learned from the pages of its
  site before it, so a site's first pages (fewer than 5, or before its template shows) are
  cleaned as without templates. CLEANER_SITE_KEY ("host"): "host" or "none".

Items without a page (no value in CLEANER_HTML_FIELD) pass through untouched.
Scrapy stats: cleaner/cleaned, cleaner/empty, cleaner/failed, cleaner/dropped, cleaner/skipped.
Items of any kind ItemAdapter supports (dicts, scrapy.Item, dataclasses, attrs); a scrapy.Item
must declare the fields the pipeline sets.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Tuple, Union

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import Response, TextResponse

from .. import limits
from ..api import INPUT_FORMATS, clean
from ..errors import CleanerError
from ..sites import SiteModel

DEFAULT_FIELDS = ("text", "title", "description", "date", "authors", "site", "language")
EMPTY_POLICIES = ("drop", "flag", "keep")


@dataclass(frozen=True)
class PipelineConfig:
    html_field: str = "html"
    url_field: str = "url"
    input_format: str = "auto"
    fields: Tuple[str, ...] = DEFAULT_FIELDS
    names: Tuple[Tuple[str, str], ...] = ()  # (result field, item field)
    empty: str = "drop"
    min_words: int = 1
    flag_field: str = "cleaner_flag"
    keep_html: bool = True
    timeout: Optional[float] = limits.DEFAULT_TIMEOUT
    max_bytes: Optional[int] = limits.DEFAULT_MAX_BYTES
    site_templates: bool = False
    site_key: str = "host"

    @classmethod
    def from_settings(cls, settings) -> "PipelineConfig":
        prefix = settings.get("CLEANER_FIELD_PREFIX", "")
        fields = tuple(settings.getlist("CLEANER_FIELDS", list(DEFAULT_FIELDS)))
        explicit = settings.getdict("CLEANER_FIELD_NAMES", {})
        config = cls(
            html_field=settings.get("CLEANER_HTML_FIELD", cls.html_field),
            url_field=settings.get("CLEANER_URL_FIELD", cls.url_field),
            input_format=settings.get("CLEANER_INPUT_FORMAT", cls.input_format),
            fields=fields,
            names=tuple((f, explicit.get(f, prefix + f)) for f in fields),
            empty=settings.get("CLEANER_EMPTY", cls.empty),
            min_words=settings.getint("CLEANER_MIN_WORDS", cls.min_words),
            flag_field=settings.get("CLEANER_FLAG_FIELD", cls.flag_field),
            keep_html=settings.getbool("CLEANER_KEEP_HTML", cls.keep_html),
            timeout=_optional(settings, "CLEANER_TIMEOUT", settings.getfloat, cls.timeout),
            max_bytes=_optional(settings, "CLEANER_MAX_BYTES", settings.getint, cls.max_bytes),
            site_templates=settings.getbool("CLEANER_SITE_TEMPLATES", cls.site_templates),
            site_key=settings.get("CLEANER_SITE_KEY", cls.site_key),
        )
        config.validate()
        return config

    def validate(self) -> None:
        if self.empty not in EMPTY_POLICIES:
            raise NotConfigured(f"CLEANER_EMPTY must be one of {', '.join(EMPTY_POLICIES)}, not {self.empty!r}")
        if self.input_format not in INPUT_FORMATS:
            raise NotConfigured(f"CLEANER_INPUT_FORMAT must be one of {', '.join(INPUT_FORMATS)}, "
                                f"not {self.input_format!r}")
        if self.site_key not in ("host", "none"):
            raise NotConfigured(f"CLEANER_SITE_KEY must be host or none, not {self.site_key!r}")
        unknown = [f for f in self.fields if f not in DEFAULT_FIELDS + ("url", "input_format")]
        if unknown:
            raise NotConfigured(f"CLEANER_FIELDS: unknown result field(s) {', '.join(unknown)}")


def _optional(settings, name, getter, default):
    """A numeric setting where None (or an empty value) means 'no limit'."""
    if name not in settings:
        return default
    return None if settings.get(name) in (None, "", "None") else getter(name)


class CleanerPipeline:
    """Cleans `item[CLEANER_HTML_FIELD]` and adds text, title, date, language, ... to the item."""

    def __init__(self, config: Optional[PipelineConfig] = None, stats=None):
        self.config = config or PipelineConfig()
        self.stats = stats
        self.sites = SiteModel(self.config.site_key) if self.config.site_templates else None

    @classmethod
    def from_crawler(cls, crawler) -> "CleanerPipeline":
        return cls(PipelineConfig.from_settings(crawler.settings), crawler.stats)

    def process_item(self, item: Any, spider=None) -> Any:
        config, adapter = self.config, ItemAdapter(item)
        page = adapter.get(config.html_field)
        if page is None:  # not a page item: not ours to judge
            self._count("skipped")
            return item
        raw, url = _raw_and_url(page, adapter.get(config.url_field))
        if isinstance(page, Response) or not config.keep_html:
            del adapter[config.html_field]  # never export a Response object
        template = self.sites.learned_so_far(url) if self.sites is not None else None
        try:
            result = clean(raw, url=url, input_format=config.input_format,
                           timeout=config.timeout, max_bytes=config.max_bytes, site_model=template)
            self._learn(raw, url)
        except CleanerError as exc:
            self._count("failed")
            return self._empty(item, adapter, f"error: {exc.kind}: {exc}")
        values = result.to_dict(explain=False)
        for field, name in config.names:
            adapter[name] = values[field]
        if result.word_count < config.min_words:
            self._count("empty")
            return self._empty(item, adapter, "empty")
        self._count("cleaned")
        if config.empty == "flag":
            adapter[config.flag_field] = None
        return item

    def _learn(self, raw, url: Optional[str]) -> None:
        """Count the page for its site's template (after it was cleaned: never judged by itself)."""
        if self.sites is not None and url:
            try:
                self.sites.add(raw, url=url, input_format=self.config.input_format, max_bytes=self.config.max_bytes)
            except CleanerError:
                pass

    def _empty(self, item, adapter, reason: str) -> Any:
        if self.config.empty == "drop":
            self._count("dropped")
            raise DropItem(f"cleaner: {reason}")
        if self.config.empty == "flag":
            adapter[self.config.flag_field] = reason
        return item

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"cleaner/{key}")


def _raw_and_url(page, url) -> Tuple[Union[str, bytes], Optional[str]]:
    if isinstance(page, TextResponse):
        return page.text, url or page.url
    if isinstance(page, Response):
        return page.body, url or page.url
    return page, url


class CleanerResponseMiddleware:
    """Spider middleware: an item the spider yields without a page field gets, in that field,
    the response it was scraped from (the pipeline cleans it and removes it from the item)."""

    def __init__(self, html_field: str = "html"):
        self.html_field = html_field

    @classmethod
    def from_crawler(cls, crawler) -> "CleanerResponseMiddleware":
        return cls(crawler.settings.get("CLEANER_HTML_FIELD", "html"))

    def process_spider_output(self, response, result, spider=None):
        for element in result:
            yield self._attach(element, response)

    async def process_spider_output_async(self, response, result, spider=None):
        async for element in result:
            yield self._attach(element, response)

    def _attach(self, element, response):
        if ItemAdapter.is_item(element):
            adapter = ItemAdapter(element)
            if adapter.get(self.html_field) is None and self._accepts(adapter):
                adapter[self.html_field] = response
        return element

    def _accepts(self, adapter: ItemAdapter) -> bool:
        return isinstance(adapter.item, dict) or self.html_field in adapter.field_names()
