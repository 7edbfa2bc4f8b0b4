"""`lines.split_lines`: the features of each line equal their definitions (the regular
expressions the faster code replaced), and repeated lines are separate objects."""
from __future__ import annotations

import re
import sys

import pytest

from cleaner.text.lines import SOFT_HYPHEN, split_lines, tokenize

_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"""[.!?…:;。！？؟۔]["'”’»)\]]*[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]*$""")

TRICKY = [
    "A sentence.", "A quote.”", "Ends in a mark.\u200e", "Mark then quote.\u200e”", "Quote, mark, quote.”\u200f»",
    "(Bracketed.)", "No end", "Question?\ufeff\u200b", "日本語の文。", "Arabic؟", "colon:", "ellipsis…",
    "”", ".", "x_y 3rd e-mail don't O'Neil", "Straße ÉTÉ İstanbul ǅ", "tab\tand\xa0no-break space", "ąę ñ 東京 ok",
]


@pytest.mark.parametrize("text", TRICKY + [f"a{chr(c)}B c" for c in range(32, 128)])
def test_features_match_their_definitions(text):
    (line,) = split_lines(text) or [None]
    collapsed = " ".join(text.split())
    assert line.text == collapsed
    assert line.tokens == _TOKEN.findall(collapsed.lower()) == tokenize(collapsed)
    assert line.ends_sentence == bool(_SENTENCE_END.search(collapsed))


def test_interleaved_marks_and_quotes_are_not_a_sentence_end():
    # the regex wants closing quotes first, then direction marks: not the other way round
    (line,) = split_lines("Mark then quote.\u200e”")
    assert not line.ends_sentence and line.last_char == "."


def test_repeated_lines_are_separate_lines():
    first, second = split_lines("Share this\nShare this", frozenset({"this"}))
    assert first is not second and first.tokens is not second.tokens
    assert first.tokens == second.tokens == ["share", "this"] and first.n_stop == second.n_stop == 1
    first.tokens.append("x")
    assert second.tokens == ["share", "this"]


def test_only_the_ascii_space_is_printable_whitespace():
    # split_lines keeps a printable line without double, leading or trailing spaces as it is:
    # that is collapsed only if no other whitespace character is printable
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert [ch for ch in spaces if ch.isprintable()] == [" "]
    assert not SOFT_HYPHEN.isprintable()


@pytest.mark.parametrize("raw", ["one two", " one two", "one two ", "one  two", "one\ttwo", "one\xa0two",
                                 "one\u2009two", "one\u3000two", "Mit\xadtel\xadal\xadter", "a\u200bb c", "x"])
def test_a_line_is_collapsed_whatever_its_spaces(raw):
    (line,) = split_lines(raw)
    assert line.text == " ".join(raw.replace(SOFT_HYPHEN, "").split())


def test_tokens_outside_ascii_are_the_regular_expressions_for_every_character():
    # the UTF-8 way (General Punctuation and ASCII non-word characters as spaces, the pieces kept
    # when alphanumeric) equals \w+ on the lower-cased text, whatever the character
    from cleaner.text.lines import _NOT_UNSPACED_LEAD, _UNSPACED

    for c in range(0x80, sys.maxunicode + 1):
        ch = chr(c)
        text = f"a{ch}B c’{ch}{ch}é"
        assert tokenize(text) == _TOKEN.findall(text.lower()), hex(c)
        if _UNSPACED.match(ch):  # the lead-byte test finds every unspaced character, lower-cased
            assert ch.lower() == ch and ch.encode("utf-8").translate(None, _NOT_UNSPACED_LEAD)


@pytest.mark.parametrize("text", ["Ο ΚΟΣΜΟΣ.Σ ΟΔΟΣ’Σ", "snake_case ünïcödé “quoted” — dash…", "İstanbul’da ǅemal",
                                  "東京タワー と ok", "ไทย ภาษา", "x\u200by\u2060z", "№ ½ ² ª µ º © ® °", "\ud800 lone"])
def test_features_outside_ascii(text):
    (line,) = split_lines(text)
    assert line.tokens == _TOKEN.findall(line.text.lower())
    assert line.unspaced == bool(re.search(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]", text))
