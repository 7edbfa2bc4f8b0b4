"""The Scrapy item pipeline and spider middleware, with Scrapy's own objects, offline."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

scrapy = pytest.importorskip("scrapy")
from scrapy import Field, Item, Request  # noqa: E402
from scrapy.exceptions import DropItem, NotConfigured  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

from cleaner.integrations.scrapy import CleanerPipeline, CleanerResponseMiddleware  # noqa: E402

BODY = "The harbour council met on Tuesday to discuss the new ferry timetable for the island. " * 6
URL = "https://news.example.org/ferry"


def page(title="Ferry timetable", body=BODY) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article></body></html>")


def pipeline(**settings) -> CleanerPipeline:
    return CleanerPipeline.from_crawler(get_crawler(settings_dict=settings))


def test_dict_item_gets_text_and_metadata():
    item = {"url": URL, "html": page()}
    out = pipeline().process_item(item)
    assert out is item
    assert "ferry timetable for the island" in out["text"]
    assert out["title"] == "Ferry timetable"
    assert out["language"] == "en"
    assert set(out) == {"url", "html", "text", "title", "description", "date", "authors", "site", "language"}
    assert out["html"] == page()  # kept by default


def test_field_names_prefix_and_selection_come_from_settings():
    p = pipeline(CLEANER_HTML_FIELD="body_html", CLEANER_FIELDS=["text", "title", "language"],
                 CLEANER_FIELD_PREFIX="clean_", CLEANER_FIELD_NAMES={"text": "article"}, CLEANER_KEEP_HTML=False)
    out = p.process_item({"url": URL, "body_html": page()})
    assert set(out) == {"url", "article", "clean_title", "clean_language"}
    assert "ferry timetable" in out["article"]


def test_empty_page_is_dropped_by_default_and_counted():
    crawler = get_crawler()
    p = CleanerPipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match="cleaner: empty"):
        p.process_item({"html": "<html><body>  </body></html>"})
    assert crawler.stats.get_value("cleaner/empty") == 1
    assert crawler.stats.get_value("cleaner/dropped") == 1


def test_flag_mode_marks_empty_and_short_items_and_keeps_them():
    p = pipeline(CLEANER_EMPTY="flag", CLEANER_MIN_WORDS=20)
    short = p.process_item({"html": page(body="Too short to count.")})
    assert short["cleaner_flag"] == "empty"
    good = p.process_item({"html": page()})
    assert good["cleaner_flag"] is None and good["text"]


def test_keep_mode_returns_empty_items_unflagged():
    out = pipeline(CLEANER_EMPTY="keep").process_item({"html": "<html><body></body></html>"})
    assert "cleaner_flag" not in out


def test_failures_follow_the_empty_policy_with_their_reason():
    item = {"html": page()}
    with pytest.raises(DropItem, match="cleaner: error: too-large"):
        pipeline(CLEANER_MAX_BYTES=100).process_item(dict(item))
    flagged = pipeline(CLEANER_MAX_BYTES=100, CLEANER_EMPTY="flag").process_item(dict(item))
    assert flagged["cleaner_flag"].startswith("error: too-large: ")


def test_response_in_the_field_is_cleaned_and_removed():
    response = HtmlResponse(URL, body=page("Café").encode("latin-1"), encoding="latin-1")
    out = pipeline().process_item({"html": response})
    assert "html" not in out  # a Response is never exported
    assert out["title"] == "Café"
    assert "ferry timetable" in out["text"]


def test_scrapy_item_with_declared_fields():
    class Article(Item):
        url = Field()
        html = Field()
        text = Field()
        title = Field()
        language = Field()

    out = pipeline(CLEANER_FIELDS=["text", "title", "language"]).process_item(Article(url=URL, html=page()))
    assert isinstance(out, Article) and out["title"] == "Ferry timetable" and out["language"] == "en"


def test_items_without_a_page_pass_through_untouched():
    crawler = get_crawler()
    item = {"name": "not a page"}
    assert CleanerPipeline.from_crawler(crawler).process_item(item) == {"name": "not a page"}
    assert crawler.stats.get_value("cleaner/skipped") == 1


@pytest.mark.parametrize("settings, message", [
    ({"CLEANER_EMPTY": "explode"}, "CLEANER_EMPTY"),
    ({"CLEANER_INPUT_FORMAT": "pdf"}, "CLEANER_INPUT_FORMAT"),
    ({"CLEANER_FIELDS": ["text", "colour"]}, "colour"),
])
def test_bad_settings_are_refused(settings, message):
    with pytest.raises(NotConfigured, match=message):
        pipeline(**settings)


def test_middleware_attaches_the_response_to_items_without_a_page():
    class Declared(Item):
        html = Field()

    class Undeclared(Item):
        url = Field()

    mw = CleanerResponseMiddleware.from_crawler(get_crawler())
    response = HtmlResponse(URL, body=page().encode(), encoding="utf-8")
    request = Request("https://news.example.org/next")
    has_page = {"html": "<p>given</p>"}
    out = list(mw.process_spider_output(response, [{"url": URL}, request, has_page, Declared(), Undeclared()]))
    assert out[0]["html"] is response
    assert out[1] is request
    assert out[2]["html"] == "<p>given</p>"
    assert out[3]["html"] is response
    assert "html" not in out[4]


SPIDER = textwrap.dedent("""
    import scrapy

    class Pages(scrapy.Spider):
        name = "pages"
        custom_settings = {
            "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
            "SPIDER_MIDDLEWARES": {"cleaner.integrations.scrapy.CleanerResponseMiddleware": 800},
            "CLEANER_FIELDS": ["text", "title"],
            "LOG_LEVEL": "WARNING",
        }

        def __init__(self, urls="", **kw):
            super().__init__(**kw)
            self.start_urls = urls.split(",")

        def parse(self, response):
            yield {"url": response.url}
""")


@pytest.mark.slow
def test_a_real_crawl_of_local_files(tmp_path):
    """End to end: `scrapy runspider` over file:// pages; the empty page is dropped."""
    (tmp_path / "article.html").write_text(page(), encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    (tmp_path / "spider.py").write_text(SPIDER, encoding="utf-8")
    urls = ",".join((tmp_path / name).as_uri() for name in ("article.html", "empty.html"))
    out = tmp_path / "items.jsonl"
    run = subprocess.run([sys.executable, "-m", "scrapy", "runspider", "spider.py", "-a", f"urls={urls}",
                          "-O", f"{out.name}:jsonlines"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(items) == 1
    assert set(items[0]) == {"url", "text", "title"}
    assert items[0]["url"].endswith("article.html") and "ferry timetable" in items[0]["text"]


def test_site_templates_are_learned_as_the_crawl_goes():
    import sitepages as S

    from cleaner.sites import K, MIN_PAGES

    learning, plain = pipeline(CLEANER_SITE_TEMPLATES=True), pipeline()
    texts = [(learning.process_item({"html": raw, "url": url})["text"], plain.process_item({"html": raw, "url": url})["text"])
             for raw, url in S.crawl(10, fmt="html")]
    has_blurb = [S.BLURB in learned for learned, _ in texts]
    # a page is judged with the pages before it: the blurb goes once the site has MIN_PAGES pages
    assert has_blurb == [True] * max(MIN_PAGES, K + 1) + [False] * (10 - max(MIN_PAGES, K + 1))
    assert all(S.BLURB in alone for _, alone in texts)


def test_a_bad_site_key_setting_is_refused():
    with pytest.raises(NotConfigured, match="CLEANER_SITE_KEY must be host or none"):
        pipeline(CLEANER_SITE_TEMPLATES=True, CLEANER_SITE_KEY="dir")
