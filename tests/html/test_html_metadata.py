"""HTML metadata rules (cleaner/html/metadata.py), each shown firing and not firing."""
from __future__ import annotations

import json
from datetime import date

import lxml.html
import pytest

from cleaner.html.authors import clean_authors
from cleaner.html.metadata import html_metadata
from cleaner.html.pagedates import dateline_in
from cleaner.html.titles import strip_site


def test_a_discussion_thread_declared_in_json_ld_or_microdata():
    assert html_metadata(page(ld=[{"@type": "DiscussionForumPosting", "headline": "New tank thoughts"}]))["discussion"]
    microdata = ('<article itemscope itemtype="https://schema.org/DiscussionForumPosting"><p>First post.</p>'
                 '<div itemprop="comment" itemscope itemtype="https://schema.org/Comment"><p>A reply.</p></div></article>')
    assert html_metadata(page(body=microdata))["discussion"]
    # a Q&A page or an FAQ is a forum page type, but not a discussion thread
    assert not html_metadata(page(ld=[{"@type": "QAPage"}]))["discussion"]
    assert not html_metadata(page(ld=[{"@type": "FAQPage", "mainEntity": [{"@type": "Question"}]}]))["discussion"]


def page(head: str = "", body: str = "", ld=None) -> lxml.html.HtmlElement:
    """A parsed page with the given <head> and <body> markup and optional JSON-LD objects."""
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(item)}</script>' for item in (ld or [])
    )
    return lxml.html.fromstring(f"<html><head>{head}{scripts}</head><body>{body}</body></html>")


def meta(**props: str) -> str:
    """<meta property=... content=...> tags; '__' in a keyword stands for ':'."""
    return "".join(f'<meta property="{k.replace("__", ":")}" content="{v}">' for k, v in props.items())


# --- title ------------------------------------------------------------------------------------


def test_title_site_suffix_stripped_when_it_names_the_declared_site():
    tree = page("<title>Storm floods the coast | Daily Tribune</title>" + meta(og__site_name="Daily Tribune"))
    assert html_metadata(tree)["title"] == "Storm floods the coast"


def test_title_site_prefix_stripped_and_domain_spelled_out_counts_as_site():
    tree = page("<title>Budget Travel With Gabby - How to book a flight</title>")
    md = html_metadata(tree, "https://www.budgettravelwithgabby.com/how-to-book/")
    assert md["title"] == "How to book a flight"


def test_title_keeps_a_real_dash_inside_the_headline():
    assert strip_site("Tutorial: Sweep, Loft - Headphones", [], "docs.example.com") == \
        "Tutorial: Sweep, Loft - Headphones"
    assert strip_site("Spider-Man - The Review - Daily Tribune", ["Daily Tribune"], "") == \
        "Spider-Man - The Review"
    tree = page("<title>Brexit - what happens next</title>")
    assert html_metadata(tree, "https://news.example.org/a")["title"] == "Brexit - what happens next"


def test_title_prefers_the_visible_h1_that_agrees_with_the_declared_title():
    tree = page(
        "<title>Storm floods the coast | Daily Tribune</title>",
        "<h1>Daily Tribune</h1><h1>Storm floods the coast</h1><h1>Most read</h1>",
    )
    assert html_metadata(tree, "https://dailytribune.example/x")["title"] == "Storm floods the coast"


def test_title_h1_with_line_break_gets_a_space():
    tree = page("<title>Data Analytics Agency | Punto</title>", "<h1>Data<br>Analytics Agency</h1>")
    assert html_metadata(tree)["title"] == "Data Analytics Agency"


def test_title_h1_sharing_most_words_with_the_declared_title_wins_over_other_h1s():
    tree = page(
        meta(og__title="Top 10 IT Security Best Practices for 2025: Protect Your Business"),
        "<h1>Subscribe to our newsletter</h1><h1>IT Security Best Practices to Protect Your Business</h1>",
    )
    assert html_metadata(tree)["title"] == "IT Security Best Practices to Protect Your Business"


def test_title_unrelated_h1s_lose_to_the_declared_title():
    tree = page(
        meta(og__title="Mayor resigns after budget vote"),
        "<h1>Menu</h1><h1>Latest stories</h1>",
    )
    assert html_metadata(tree)["title"] == "Mayor resigns after budget vote"


def test_title_section_name_h1_is_not_the_headline():
    tree = page("<title>Hair follicles grown in a lab : science</title>",
                "<h1>science</h1><h1>Popular posts</h1>")
    assert html_metadata(tree)["title"] == "Hair follicles grown in a lab : science"


def test_title_from_json_ld_headline_when_meta_has_none():
    tree = page(
        "<title>Daily Tribune</title>",
        ld=[{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Mayor resigns after vote"}],
    )
    assert html_metadata(tree)["title"] == "Mayor resigns after vote"


def test_title_doubly_escaped_entities_are_decoded():
    tree = page(meta(og__title="Rates &amp;amp; Prices"))
    assert html_metadata(tree)["title"] == "Rates & Prices"


@pytest.mark.parametrize("h1", [
    "<h1><time>Dec 18 2025</time> Preparing a transition in Debusine</h1>",
    "<h1><span class='descriptor'>Title:</span>Preparing a transition in Debusine</h1>",
    "<h1><a href='/p/1'>Preparing a transition in Debusine</a> <span>(debian.org)</span> 87</h1>",
    "<h1>Preparing a transition in Debusine <span class='meta'>Posted on July 1, 2024 by infuy</span></h1>",
])
def test_title_an_h1_with_a_dateline_or_label_glued_gives_the_declared_title(h1):
    tree = page("<title>Preparing a transition in Debusine | Colin's blog</title>", body=h1)
    assert html_metadata(tree)["title"] == "Preparing a transition in Debusine"


def test_title_an_h1_that_is_one_longer_text_stays_the_headline():
    tree = page("<title>Machine Learning Recruiters - Redfish</title>",
                body="<h1>Machine Learning Recruiters and Executive Search</h1>")
    assert html_metadata(tree)["title"] == "Machine Learning Recruiters and Executive Search"


def test_title_an_only_h1_sharing_no_word_with_the_title_is_not_the_headline():
    tree = page("<title>Actuary's Industry Choice - Consulting or Insurance? | Acme</title>"
                + meta(og__site_name="Acme"), body="<h1>Our BLOG</h1><p>Text.</p>")
    assert html_metadata(tree)["title"] == "Actuary's Industry Choice - Consulting or Insurance?"


# --- date -------------------------------------------------------------------------------------


def test_date_published_preferred_over_modified():
    tree = page(meta(article__published_time="2024-03-01T10:00:00+00:00",
                     article__modified_time="2024-05-20T10:00:00+00:00"))
    assert html_metadata(tree)["date"] == "2024-03-01"


def test_date_json_ld_published_preferred_over_modified():
    tree = page(ld=[{"@type": "BlogPosting", "datePublished": "2021-01-27", "dateModified": "2021-04-15"}])
    assert html_metadata(tree)["date"] == "2021-01-27"


def test_date_modified_only_used_when_nothing_else_is_found():
    tree = page(meta(article__modified_time="2024-05-20T10:00:00+00:00"))
    assert html_metadata(tree)["date"] == "2024-05-20"


def test_date_dateline_after_the_headline():
    tree = page("<title>Garden notes</title>",
                "<h1>Garden notes</h1><div><span>Jane Doe</span><span>October 3, 2024</span></div><p>Text.</p>")
    assert html_metadata(tree)["date"] == "2024-10-03"


def test_dateline_labelled_as_update_is_not_the_publication_date():
    assert dateline_in(["Updated on", "Dec. 09, 2025", "Some text"]) == (None, date(2025, 12, 9))
    assert dateline_in(["Posted on Nov 21, 2018 · Updated Dec 10, 2025"]) == \
        (date(2018, 11, 21), date(2025, 12, 10))
    assert dateline_in(["A long paragraph that mentions 2019 but is no date at all."]) == (None, None)


def test_date_guess_never_later_than_the_declared_modification_date():
    tree = page(meta(article__modified_time="2023-02-01T00:00:00Z"),
                "<h1>Notes</h1><p>March 5, 2024</p>")
    assert html_metadata(tree)["date"] == "2023-02-01"


def test_date_body_markup_counts_only_when_unanimous():
    one = page(body='<h1>Q</h1><p>x</p><span itemprop="datePublished" content="2020-06-01"></span>')
    assert html_metadata(one)["date"] == "2020-06-01"
    many = page(body='<span itemprop="datePublished" content="2021-06-01"></span>'
                     '<span itemprop="datePublished" content="2022-07-01"></span>')
    assert html_metadata(many)["date"] != "2021-06-01"


def test_date_body_markup_follows_the_head_and_fills_in_for_it():
    body = '<h1>Q</h1><p>x</p><time pubdate datetime="2020-06-01">June 1</time>'
    assert html_metadata(page(meta(article__published_time="2019-01-02"), body))["date"] == "2019-01-02"
    assert html_metadata(page(meta(article__modified_time="2021-01-02"), body))["date"] == "2020-06-01"
    later = '<h1>Q</h1><p>x</p><span itemprop="dateModified" content="2018-03-04"></span>'
    assert html_metadata(page(body=later + '<p>May 5, 2019</p>'))["date"] == "2018-03-04"  # no guess past it


def test_date_utc_timestamp_corrected_to_the_day_in_the_url():
    tree = page(meta(article__published_time="2025-12-19T02:41:41+00:00"))
    assert html_metadata(tree, "https://blog.example.com/2025/12/18/post/")["date"] == "2025-12-18"
    assert html_metadata(tree, "https://blog.example.com/2025/12/10/post/")["date"] == "2025-12-19"


def test_date_marked_up_element_far_from_the_headline():
    filler = "<p>Paragraph.</p>" * 400
    body = f'<h1>Journal indexing</h1>{filler}<div class="meta post-date"><span>Posted on April 13, 2023</span><a>tag</a></div>'
    assert html_metadata(page(body=body))["date"] == "2023-04-13"


def test_date_in_comments_or_sidebars_is_not_the_page_date():
    body = ('<h1>Coffee notes</h1><p>Text.</p><div id="comments"><span class="date">March 5, 2020</span></div>'
            '<div class="widget popular-posts"><time datetime="2019-01-02">Jan 2</time></div>')
    assert html_metadata(page(body=body))["date"] is None


def test_date_slashes_read_day_first_only_where_the_page_locale_writes_them_so():
    body = "<h1>Campus news</h1><p><span>Updated on</span></p><p>Posted 09/10/2025</p><p>Text.</p>"
    assert html_metadata(page(body=body))["date"] == "2025-09-10"  # no locale: US month/day
    for lang, expected in (("en-US", "2025-09-10"), ("en-GB", "2025-10-09"), ("fr", "2025-10-09")):
        tree = page(body=body)
        tree.set("lang", lang)
        assert html_metadata(tree)["date"] == expected, lang
    regional = page(meta(og__locale="en_GB"), body)  # og:locale tells more than a bare lang="en"
    regional.set("lang", "en")
    assert html_metadata(regional)["date"] == "2025-10-09"


# --- authors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, names", [
    (["By Jane Doe and John Smith"], ["Jane Doe", "John Smith"]),
    (["Dylan Bailey, MS, RD, FAND"], ["Dylan Bailey"]),
    (["Written by: Ana Lopez; Staff Writer"], ["Ana Lopez"]),
    (["Craig McCarthy Last updated Dec 5, 2024"], ["Craig McCarthy"]),
    (["David Jackson - FullStack Editorial Team"], ["David Jackson"]),
    (["jane@example.com", "https://facebook.com/jane", "@janedoe", "speicherguide.de"], []),
    (["Frank Bueltge, bueltge.de"], ["Frank Bueltge"]),
    (["Jean-Luc Aufranc", "Tom May", "María E. López"], ["Jean-Luc Aufranc", "Tom May", "María E. López"]),
    (["Jane Doe", "jane doe"], ["Jane Doe"]),
    (["Ana Mar Lopez", "Jane Smith Dec 12, 2020", "John Smith Dec"], ["Ana Mar Lopez", "Jane Smith", "John Smith"]),
])
def test_author_cleaning(raw, names):
    assert clean_authors(raw) == names


def test_authors_from_json_ld_person_list():
    tree = page(ld=[{"@type": "Article", "headline": "H",
                     "author": [{"@type": "Person", "name": "Rui Ma"}, {"@type": "Person", "name": "Heba Ledwon"}]}])
    assert html_metadata(tree)["authors"] == ["Rui Ma", "Heba Ledwon"]


def test_site_named_as_author_gives_way_to_the_visible_byline():
    head = meta(og__site_name="GlossGenius")
    body = '<h1>Yoga prices</h1><span class="author-name">Shauna Mitchell</span>'
    tree = page(head, body, ld=[{"@type": "Article", "author": {"@type": "Organization", "name": "GlossGenius"}}])
    assert html_metadata(tree)["authors"] == ["Shauna Mitchell"]
    tree = page(head, "<h1>Yoga prices</h1>", ld=[{"@type": "Article", "author": {"name": "GlossGenius"}}])
    assert html_metadata(tree)["authors"] == ["GlossGenius"]


def test_byline_inside_comments_is_ignored():
    body = '<div id="comments"><span class="author">Troll</span></div>'
    assert html_metadata(page(body=body))["authors"] == []


# --- site, description, url, robustness -------------------------------------------------------


def test_site_from_og_then_json_ld_publisher_then_domain():
    assert html_metadata(page(meta(og__site_name="The Tribune")))["site"] == "The Tribune"
    ld = [{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Tribune Media"}}]
    assert html_metadata(page(ld=ld))["site"] == "Tribune Media"
    assert html_metadata(page(), "https://www.tribune.example/a")["site"] == "tribune.example"
    handle = '<meta name="twitter:site" content="@rustlang"><title>What people love | Rust Blog</title>'
    assert html_metadata(page(handle), "https://blog.rust-lang.org/x")["site"] == "Rust Blog"
    assert html_metadata(page(handle), "https://example.org/x")["site"] == "rustlang"


def test_description_and_canonical_url():
    tree = page('<meta name="description" content="A short dek."><link rel="canonical" href="https://x.example/a">')
    md = html_metadata(tree, "https://x.example/a?utm=1")
    assert md["description"] == "A short dek."
    assert md["url"] == "https://x.example/a"
    assert html_metadata(page(), "https://x.example/b")["url"] == "https://x.example/b"


def test_broken_json_ld_is_ignored_and_the_tree_is_not_modified():
    tree = lxml.html.fromstring(
        '<html><head><script type="application/ld+json">{"@type": "Article", "headline": </script>'
        "<title>Plain title</title></head><body><h1>Plain title</h1><p>Hi</p></body></html>"
    )
    before = lxml.html.tostring(tree)
    md = html_metadata(tree)
    assert md["title"] == "Plain title"
    assert set(md) == {"title", "description", "date", "date_source", "authors", "site", "url", "page_type",
                       "discussion"}
    assert lxml.html.tostring(tree) == before


def test_empty_page_gives_empty_metadata():
    md = html_metadata(page())
    assert md == {"title": None, "description": None, "date": None, "date_source": None, "authors": [], "site": None,
                  "url": None, "page_type": None, "discussion": False}


# --- date_source ------------------------------------------------------------------------------


def test_date_source_says_whether_the_page_or_its_url_gave_the_date():
    declared = page(meta(article__published_time="2024-03-01T10:00:00Z"))
    assert (html_metadata(declared)["date"], html_metadata(declared)["date_source"]) == ("2024-03-01", "page")
    adjusted = html_metadata(declared, "https://x.example/2024/03/02/story")  # a day off: the URL's day
    assert (adjusted["date"], adjusted["date_source"]) == ("2024-03-02", "page")
    undated = page(body="<h1>Storm</h1><p>Text.</p>")
    from_url = html_metadata(undated, "https://x.example/2023/07/14/storm")
    assert (from_url["date"], from_url["date_source"]) == ("2023-07-14", "url")
    assert (html_metadata(undated)["date"], html_metadata(undated)["date_source"]) == (None, None)


# --- authors and site from page furniture (issue 11, item 9) -----------------------------------


def test_authors_never_from_form_furniture():
    body = ("<h1>Storm floods the coast</h1><form class='login'><label class='username'>Email address</label>"
            "<input name='username'><div class='username-hint'>Your name</div></form><p>Text.</p>")
    assert html_metadata(page(body=body))["authors"] == []
    body += "<p class='byline'>By Ann Lee</p>"
    assert html_metadata(page(body=body))["authors"] == ["Ann Lee"]


@pytest.mark.parametrize("href", ["/author/ann-lee/", "https://x.example/blog/authors/ann-lee",
                                  "/contributor/ann_lee"])
def test_authors_from_a_link_to_an_author_page(href):
    body = f"<h1>Storm floods the coast</h1><div><a href='{href}'>Ann Lee</a> · 3 min read</div><p>Text.</p>"
    assert html_metadata(page(body=body))["authors"] == ["Ann Lee"]


def test_an_author_listing_link_is_no_byline():
    body = "<h1>Storm floods the coast</h1><nav><a href='/authors/'>Our authors</a></nav><p>Text.</p>"
    assert html_metadata(page(body=body))["authors"] == []


def test_site_from_a_twitter_handle_glued_to_the_domain_name():
    tree = page("<title>5 Trends from Nutrition 2025</title>" + '<meta name="twitter:site" content="@LinkedInEditors">')
    assert html_metadata(tree, "https://www.linkedin.com/pulse/5-trends")["site"] == "LinkedIn"
    assert html_metadata(tree)["site"] == "LinkedInEditors"  # no domain to compare with


# --- page type (a feature of the body decision) --------------------------------------------------

@pytest.mark.parametrize("ld, head, expected", [
    ([{"@type": "NewsArticle", "headline": "Flood barrier approved"}], "", "article"),
    ([{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": "Product", "name": "Kettle"}]}], "", "product"),
    ([{"@type": "QAPage"}], meta(og__type="article"), "forum"),
    ([{"@type": ["CollectionPage"]}], "", "listing"),
    ([], meta(og__type="article"), "article"),
    ([], meta(og__type="website"), "page"),
    ([], meta(og__type="video.movie"), None),
    ([], "", None),
])
def test_page_type_from_json_ld_then_og_type(ld, head, expected):
    assert html_metadata(page(head, "<p>Text</p>", ld))["page_type"] == expected
