"""The readability view's faster steps give exactly readability-lxml's own result."""
from pathlib import Path

import pytest
from readability import Document

from cleaner.html.parse import parse
from cleaner.html.readability_view import _document_class, clean_length, literal_test, prepared_copy, readability_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


class _Stock(Document):
    """readability-lxml's Document, untouched but for the same tree preparation."""

    def _parse(self, input):
        self.encoding = "utf-8"
        return prepared_copy(input)


STORY = ("The council approved the new flood barrier on Tuesday, after a long debate about costs, "
         "routes and the homes along the river that flooded twice last winter. ")
PAGES = {
    "misused divs": (
        "<html><body><div id='main'><div>Loose text in a div, <b>bold</b>, " + STORY + "<br>after a break"
        "<span>a span " + STORY + "</span><span>with <p>a block inside</p></span> tail text " + STORY +
        "</div><div><picture></picture>" + STORY + "</div><div><em>only inline " + STORY + "</em></div>"
        "<div><ul><li>" + STORY + "</li></ul></div></div></body></html>"),
    "unlikely candidates": (
        "<html><body><div class='sidebar'>Side " + STORY + "</div><div class='comment'><article><p>" + STORY +
        "</p></article></div><div id='footer-content'><p>" + STORY + "</p></div><div class='menu'><pre>"
        "<span class='menu'>code " + STORY + "</span></pre></div><div class='post'><p>" + STORY * 3 + "</p>"
        "<p>" + STORY + "</p></div></body></html>"),
    "link density": (
        "<html><body><div class='story'><p>" + STORY + "<a href='/a'>a link inside the story</a></p><p>" + STORY +
        "</p></div><div class='links'><p><a href='/1'>" + STORY + "</a></p><p><a href='/2'>" + STORY + "</a>"
        "<a href='/3'>" + STORY + "</a></p></div><table><tr><td>" + STORY + "<a href='/t'>cell link</a></td>"
        "</tr></table></body></html>"),
    "sanitize: a link-heavy footer beside a long story": (
        "<html><body><article class='post'><p>" + STORY * 2 + "</p><p>" + STORY * 2 + "</p>"
        "<div class='entry-content'>" + STORY * 7 + "</div><footer class='entry-meta'>Posted in "
        "<a href='/c'>Local news</a> by <a href='/u'>A. Writer</a>. <a href='/p'>Permalink</a>.</footer>"
        "<div><img src='a.jpg'></div><p>" + STORY * 2 + "</p></article></body></html>"),
    "short page (the lenient retry)": "<html><body><div class='comment'><p>Too short.</p></div></body></html>",
}


def _both(tree):
    stock, fast = _Stock(tree), _document_class()(tree)
    return stock.summary(html_partial=True), fast.summary(html_partial=True)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_article_as_readability_on_shaped_pages(name):
    stock, fast = _both(parse(PAGES[name]))
    assert fast == stock


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.rglob("*.html")), ids=lambda p: p.name)
def test_same_article_as_readability_on_fixture_pages(path):
    tree = parse(path.read_bytes().decode("utf-8", "replace"))
    stock, fast = _both(tree)
    assert fast == stock


def test_readability_text_is_the_articles_text():
    text = readability_text(parse(PAGES["unlikely candidates"]))
    assert STORY.strip()[:40] in text and not text.startswith("Side")


def test_clean_length_is_the_length_of_readabilitys_cleaned_text():
    import random

    from readability.readability import clean

    rng = random.Random(3)
    chars = [" ", "\t", "\n", "\r", "\xa0", "\x0b", "\u2009", "\x1c", "a", "b", ","]
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.02:  # runs past the 255-character cut
            text += rng.choice([" ", "\n", "\t "]) * rng.randint(120, 300) + "z"
        assert clean_length(text) == len(clean(text)), repr(text)


@pytest.mark.parametrize("key", ["unlikelyCandidatesRe", "okMaybeItsACandidateRe", "negativeRe", "positiveRe"])
def test_literal_test_matches_readabilitys_class_patterns(key):
    import random
    import re

    from readability.readability import REGEXES

    pattern = REGEXES[key]
    test = literal_test(pattern)
    words = pattern.pattern.split("|")
    rng = random.Random(5)
    pieces = words + [w.upper() for w in words] + ["x", "-", " ", "_", "Ä", "ſ", "K", "\u212a", "İ", "1"]
    for _ in range(5000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        s = s[rng.randint(0, 2):]  # cut words apart too
        assert test(s) == (pattern.search(s) is not None), repr(s)
    assert literal_test(re.compile("a.c", re.I))("xAbc") is True  # not plain words: the regex itself
