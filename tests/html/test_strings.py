"""String helpers of the HTML metadata rules (html/strings.py)."""
import unicodedata

from cleaner.html.strings import fold, squash


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
