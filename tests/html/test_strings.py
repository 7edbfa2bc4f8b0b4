"""String helpers of the HTML metadata rules (html/strings.py)."""
import re
import unicodedata

import pytest

from cleaner.html.strings import fold, gated_search, squash


def test_fold_makes_case_punctuation_and_width_gaps_alike():
    assert fold("Storm hits the coast | Tribune!") == "storm hits the coast tribune"
    assert fold("ＦＵＬＬ－ｗｉｄｔｈ：Title") == "full width title"  # NFKC first
    assert fold("Café « crème »—2024") == "café crème 2024"
    assert fold("Straße") == "strasse"
    assert fold("") == fold(None) == ""


def test_fold_treats_every_punctuation_symbol_and_separator_as_a_gap():
    # the ASCII fast path (a translate table) and the general path follow the Unicode categories
    for ch in [chr(code) for code in range(32, 127)] + ["\xab", "\u2014", "\u3002", "\u20ac", "\u00e9"]:
        expected = "a b" if unicodedata.category(ch)[0] in "PSZ" else f"a{ch.casefold()}b"
        assert fold(f"a{ch}b") == expected, repr(ch)


def test_squash_keeps_letters_and_digits_only():
    assert squash("Budget Travel With Gabby") == "budgettravelwithgabby"
    assert squash("São Paulo ½ 2²!") == "sãopaulo1222"  # NFKC: '½' -> '1⁄2', '²' -> '2'
    assert squash("a\x01b") == "ab" and squash("  ") == squash(None) == ""


@pytest.mark.parametrize("text", [
    "", "   ", "post-meta entry-header", "Post-Author byline", "sidebar widget-area", "COMMENTS list",
    "flex items-center gap-2 text-sm text-gray-500", "article__header", "recommended-stories",
    "auth\u212aor x", "s\u017fidebar", "caf\u00e9-comments", "Kommentare seitenleiste",
])
@pytest.mark.parametrize("pattern", [
    re.compile(r"author|byline|writer", re.I),
    re.compile(r"(?:^|[\s_-])(?:comments?|sidebar|recommend\w*)(?=$|[\s_-])", re.I),
    re.compile(r"\d{4}|x+"),  # no required literal: the plain search
])
def test_gated_search_agrees_with_the_pattern(pattern, text):
    assert gated_search(pattern)(text) == bool(pattern.search(text))
