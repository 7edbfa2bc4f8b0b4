"""Issue 11, item 9, through `clean()`: authors and site are not read from page furniture (a
login form's label, a listing link, a Twitter handle glued to the name), and a broken `<h1>`
does not beat a good `<title>` (the shapes are unit-tested in tests/html/test_html_metadata.py)."""
from __future__ import annotations

import pytest

from cleaner import clean

URL = "https://www.linkedin.com/pulse/storm-floods"
PARAGRAPH = ("The storm brought heavy rain to the coast on Monday, and officials said the flooding "
             "reached homes near the harbour before the water began to fall again in the evening. ") * 3


def page(headline: str = "<h1>Storm floods the coast</h1>", byline: str = "") -> str:
    return ("<!DOCTYPE html><html><head><title>Storm floods the coast | LinkedIn</title>"
            '<meta name="twitter:site" content="@LinkedInEditors"></head><body>'
            "<nav><a href='/authors/'>Our authors</a></nav>"
            "<form class='login'><label class='username'>Email address</label><input name='username'>"
            "<div class='username-hint'>Your name</div></form>"
            f"{headline}{byline}<article>" + f"<p>{PARAGRAPH}</p>" * 3 + "</article></body></html>")


def test_no_author_from_a_login_form_or_an_author_listing_link():
    r = clean(page(), url=URL)
    assert r.authors == []
    assert (r.title, r.site) == ("Storm floods the coast", "LinkedIn")  # not "LinkedInEditors"
    assert "Email address" not in r.text and PARAGRAPH.strip()[:60] in r.text


def test_the_author_from_a_link_to_an_author_page():
    r = clean(page(byline="<div><a href='/author/ann-lee/'>Ann Lee</a> · 3 min read</div>"), url=URL)
    assert r.authors == ["Ann Lee"]


@pytest.mark.parametrize("headline", [
    "<h1><span class='descriptor'>Title:</span>Storm floods the coast</h1>",
    "<h1><time>Dec 18 2025</time> Storm floods the coast</h1>",
])
def test_a_broken_h1_does_not_beat_the_declared_title(headline):
    assert clean(page(headline), url=URL).title == "Storm floods the coast"
