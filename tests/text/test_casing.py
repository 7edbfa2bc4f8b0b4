"""`casing.safe`: characters that lower-case the way re.IGNORECASE matches them. The gates compare
lower-cased words with lower-cased tokens on lines of safe characters only (`gates.plain`), so
the proof is here: two safe characters re matches with each other have the same lower case."""
from __future__ import annotations

import random
import re
import sys

import pytest

from cleaner.text import casing, gates, rules
from cleaner.text.lines import split_lines

from test_gates import RULE_VARS, every_rule_match  # tests/text/ is on sys.path

pytestmark = pytest.mark.skipif(not casing.available(), reason="the interpreter's case tables are not there")


def _cased_characters() -> str:
    import _sre

    return "".join(chr(cp) for cp in range(sys.maxunicode + 1)
                   if not 0xD800 <= cp <= 0xDFFF and _sre.unicode_iscased(cp))


def test_safe_characters_re_matches_with_each_other_lower_case_alike():
    cased = _cased_characters()  # re.IGNORECASE matches any other character only with itself
    safe = [ch for ch in cased if casing.safe(ch)]
    assert len(safe) > 2000  # (most cased letters: Latin, Greek, Cyrillic, Armenian, Georgian...)
    for ch in safe:
        for other in re.findall(re.escape(ch), cased, re.I):
            if casing.safe(other):
                assert other.lower() == ch.lower(), (ch, other)


def test_safe_characters_keep_their_length_and_word_class():
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if ch.lower() != ch and not 0xD800 <= cp <= 0xDFFF and casing.safe(ch):  # (else nothing changes)
            assert len(ch.lower()) == 1 and bool(re.match(r"\w", ch)) == bool(re.match(r"\w", ch.lower())), ch


def test_the_quick_latin_ranges_are_safe():
    ranges = re.findall(r"(.)-(.)", gates._PLAIN)
    assert ranges and all(casing.safe(chr(cp)) for lo, hi in ranges for cp in range(ord(lo), ord(hi) + 1))


@pytest.mark.parametrize("ch, expected", [
    ("i", True), ("I", True), ("ı", False), ("İ", False), ("s", True), ("ſ", False), ("µ", True), ("μ", False),
    ("в", True), ("В", True), ("\u1c80", False), ("ς", True), ("σ", False), ("Σ", False), ("\u212a", True),
    ("東", True), ("ß", True), ("ẞ", True),
])
def test_safe_examples(ch, expected):
    assert casing.safe(ch) is expected


def test_lines_in_other_scripts_are_gated():
    gate_set = gates.GateSet([gates.trigger(re.compile(r"cookies?|newsletter", re.I))])
    for text, allowed in [("Подпишитесь на нашу рассылку", 0), ("Мы используем cookies", 1),
                          ("Το newsletter μας", 1), ("本站使用Cookie技术", 1),  # ('cookie' inside a token)
                          ("本站使用技术", 0), ("ΣΟΦΙΑ newsletter", 1), ("ΣΟΦΙΑ", 1), ("Kasım", 1),  # (Σ, ı: not plain)
                          ("İstanbul haberleri", 1), ("Ελλάδα", 0)]:
        ln = split_lines(text)[0]
        assert gate_set.allowed(ln.tokens, ln.text) == allowed, text
    assert gates.plain("Подпишитесь") and gates.plain("東京") and not gates.plain("İstanbul")


def _mixed_lines(n: int, seed: int = 0):
    """The rules' own words glued with words of other scripts and the characters re matches
    with another letter."""
    rnd = random.Random(seed)
    patterns = [v for v in RULE_VARS.values() if isinstance(v, re.Pattern)]
    words = sorted({w for p in patterns for w in re.findall(r"[^\W\d_]+", p.pattern)})
    others = ["Подпишитесь", "рассылку", "новости", "Ελλάδα", "ΣΟΦΙΑ", "σοφία", "東京", "ニュース", "뉴스", "خبر",
              "ı", "İ", "ſ", "\u212a", "µ", "μ", "\u1c80", "ς", "ß", "2024", "©", "|", ":"]
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 7)):
            word = rnd.choice(words) if rnd.random() < 0.6 else rnd.choice(others)
            parts += [rnd.choice([word, word.upper(), word.capitalize()]), rnd.choice([" ", "", " | ", ": "])]
        text = "".join(parts).strip()
        if text:
            yield text


def test_first_match_same_as_every_rule_on_mixed_script_lines():
    for text in _mixed_lines(3000):
        ln = split_lines(text)[0]
        assert rules.first_match(ln) is every_rule_match(ln), text
