"""Issue 10, core side: hostile pages that once escaped clean()'s contract or its limits.

Every case drives `clean()` on a real page (generated here, never committed) and checks what
comes out: a CleanResult, or a CleanerError with a clear message; never another exception.
"""
from __future__ import annotations

import json

import pytest

import cleaner.api
from cleaner import CleanerError, clean
from cleaner.html.jsonld import MAX_LD_DEPTH, ld_items, nesting_depth
from cleaner.limits import MAX_AUTHORS, MAX_FIELD_CHARS

ARTICLE = (
    "The harbour bridge will close for a week from Monday while engineers replace the worn "
    "bearings under its central span, the city council said on Thursday. "
) * 3


def page(body: str = f"<p>{ARTICLE}</p>", head: str = "<title>Harbour bridge closes</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def ld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


# --- JSON-LD nested past any sane depth (item 1) ---------------------------------------------


@pytest.mark.parametrize("depth", [1_000, 5_000, 100_000])
def test_deeply_nested_json_ld_is_skipped_not_a_crash(depth):
    nested = '{"@type":"NewsArticle","headline":"x","a":' * depth + "1" + "}" * depth
    result = clean(page(head="<title>Harbour bridge closes</title>" + ld(nested)))
    assert result.title == "Harbour bridge closes"  # the page is read, the block skipped


def test_nested_arrays_are_skipped_and_a_sane_block_beside_them_still_counts():
    deep = "[" * 2_000 + "]" * 2_000
    good = json.dumps({"@type": "NewsArticle", "headline": "Harbour bridge closes",
                       "author": {"@type": "Person", "name": "Ann Lee"}})
    result = clean(page(head="<title>Harbour bridge closes</title>" + ld(deep) + ld(good)))
    assert result.authors == ["Ann Lee"]


def test_nesting_depth_ignores_brackets_inside_strings():
    assert nesting_depth('{"a": "[[[[{{{{", "b": [1, {"c": "\\"]]"}]}') == 3
    assert nesting_depth('"unclosed \\" [[[') == 0
    assert ld_items("[" * (MAX_LD_DEPTH + 1) + "]" * (MAX_LD_DEPTH + 1)) == []
    assert ld_items('{"@type": "Article", "headline": "H"}') == [{"@type": "Article", "headline": "H"}]


def test_json_ld_parser_recursion_error_is_caught(monkeypatch):
    """Even when the parser itself overflows the stack (a caller already deep in it)."""
    def overflow(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr("cleaner.html.jsonld.json.loads", overflow)
    assert ld_items('{"@type": "Article"}') == []


def test_a_bug_in_a_stage_leaves_clean_as_a_cleaner_error(monkeypatch):
    def broken(tree, url, discussion=True):
        raise KeyError("boom")
    monkeypatch.setattr(cleaner.api, "html_metadata", broken)
    with pytest.raises(CleanerError, match=r"internal error \(KeyError: 'boom'\)") as caught:
        clean(page())
    assert caught.value.kind == "internal"


# --- author lists past any real byline (item 2) ----------------------------------------------

NAMES = [f"{first} Smith{i}" for i, first in enumerate(["Ann", "Bob", "Cara", "Dan", "Eve"] * 2_000)]


def test_ten_thousand_names_in_one_author_meta_are_capped():
    head = f'<title>Harbour bridge closes</title><meta name="author" content="{", ".join(NAMES)}">'
    result = clean(page(head=head))  # the default time limit: once quadratic, past 60 s
    assert result.authors == NAMES[:MAX_AUTHORS]


def test_five_thousand_json_ld_authors_are_capped():
    item = {"@type": "NewsArticle", "headline": "Harbour bridge closes",
            "author": [{"@type": "Person", "name": name} for name in NAMES[:5_000]]}
    result = clean(page(head="<title>Harbour bridge closes</title>" + ld(json.dumps(item))))
    assert result.authors == NAMES[:MAX_AUTHORS]


def test_repeated_names_count_once_towards_the_cap():
    head = f'<meta name="author" content="{", ".join(["Ann Lee", "ann lee", "Bob Ray"] * 3_000)}">'
    assert clean(page(head=head)).authors == ["Ann Lee", "Bob Ray"]


def test_a_huge_meta_value_is_read_up_to_the_field_limit():
    description = "word " * 100_000
    result = clean(page(head=f'<meta name="description" content="{description}">'))
    assert len(result.description) <= MAX_FIELD_CHARS + 1 and result.description.endswith("…")
    assert result.description.startswith("word word")


# --- empty HTML is an empty result, not an error (item 9) ---------------------------------------

EMPTY_PAGES = [b"", b"<!DOCTYPE html>", b"<!-- nothing here -->", b'<?xml version="1.0"?>\n',
               b"\xef\xbb\xbf<!doctype html>\n<!-- x -->\n"]


@pytest.mark.parametrize("raw", EMPTY_PAGES)
@pytest.mark.parametrize("input_format", ["auto", "html"])
def test_empty_html_gives_an_empty_result(raw, input_format):
    result = clean(raw, input_format=input_format)
    assert result.text == "" and result.title is None and result.authors == []


@pytest.mark.slow
def test_empty_html_files_count_as_empty_in_a_batch(tmp_path):
    from support import run_clean
    src = tmp_path / "in"
    src.mkdir()
    for i, raw in enumerate(EMPTY_PAGES):
        (src / f"page{i}.html").write_bytes(raw)
    done = run_clean(str(src), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr.decode()
    assert f"{len(EMPTY_PAGES)} empty, 0 filtered, 0 failed" in done.stderr.decode()


# --- the work budget of a huge page (item 10) ---------------------------------------------------


def test_a_page_past_the_element_budget_is_refused_before_parsing():
    from cleaner import TooLargeError
    from cleaner.limits import MAX_HTML_ELEMENTS
    with pytest.raises(TooLargeError, match=rf"page too large to clean: {MAX_HTML_ELEMENTS + 4:,} HTML "
                                            rf"elements, the limit is {MAX_HTML_ELEMENTS:,}") as caught:
        clean(page(body="<p>x</p>" * MAX_HTML_ELEMENTS))
    assert caught.value.kind == "too-large"


def test_the_element_budget_counts_opening_tags(monkeypatch):
    monkeypatch.setattr("cleaner.limits.MAX_HTML_ELEMENTS", 60)
    assert clean(page(body=f"<p>{ARTICLE}</p>" + "<br>" * 40 + "<!-- < < < -->")).title == "Harbour bridge closes"
    with pytest.raises(CleanerError, match="61 HTML elements, the limit is 60"):
        clean(page(body="<p>x</p>" * 57))


def test_an_html_page_past_the_text_budget_is_refused_scripts_not_counted(monkeypatch):
    monkeypatch.setattr("cleaner.limits.MAX_PAGE_TEXT_CHARS", 5_000)
    script = "<script>" + "var x = 1;" * 1_000 + "</script>"
    assert clean(page(body=script + f"<p>{ARTICLE}</p>")).title == "Harbour bridge closes"
    with pytest.raises(CleanerError, match=r"page too large to clean: [\d,]+ characters of text, the limit is 5,000"):
        clean(page(body=f"<p>{ARTICLE}</p>" * 30))


def test_input_past_max_bytes_is_kind_too_large():
    with pytest.raises(CleanerError, match="input is too large") as caught:
        clean(b"x" * 2_000, max_bytes=1_000)
    assert caught.value.kind == "too-large"


def test_a_text_dump_past_the_text_budget_is_refused(monkeypatch):
    monkeypatch.setattr("cleaner.limits.MAX_PAGE_TEXT_CHARS", 1_000)
    assert clean(ARTICLE, input_format="text").input_format == "text"
    with pytest.raises(CleanerError, match=r"page too large to clean: [\d,]+ characters of text, the limit is 1,000"):
        clean((ARTICLE + "\n\n") * 10, input_format="text")
