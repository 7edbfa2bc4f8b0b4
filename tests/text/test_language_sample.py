"""`language.sample_text`: the detection sample is pieces of the longest paragraphs, longest
first (ties in text order), in the same order whatever the paragraphs' order. `detect_dump`: a
text dump's sample in plain English is English without langdetect."""
from __future__ import annotations

import random

from cleaner.text import language

PIECE = language.SAMPLE_PIECE_CHARS


def test_sample_of_many_long_paragraphs_is_the_longest_ones_cut_to_pieces():
    paragraphs = [c * (PIECE + n) for n, c in enumerate("abcdefgh")] + ["short line"] * 30
    random.Random(0).shuffle(paragraphs)
    sample = language.sample_text(paragraphs)
    assert sample.split("\n") == [c * PIECE for c in "hgfe"]  # the four longest fill the sample
    assert len(sample) >= language.SAMPLE_CHARS - PIECE


def test_sample_ties_broken_by_text_and_short_paragraphs_fill_in():
    paragraphs = ["b" * 200, "a" * 200, "c" * 90, "d" * 80, "e" * 70, "x" * 10]
    assert language.sample_text(paragraphs).split("\n") == ["a" * PIECE, "b" * PIECE, "c" * 90, "d" * 80, "e" * 70, "x" * 10]
    assert language.sample_text(reversed(paragraphs)) == language.sample_text(paragraphs)


ENGLISH = ("The council decided on Tuesday that it would build a new flood barrier along the river, "
           "and the work is expected to start in the spring and to take about two years, the mayor "
           "said. Many of the people who live there welcomed the plan, but some of them are worried "
           "about what it will cost the town and whether it can be finished on time.")


def test_plain_english_dump_is_english_without_langdetect(monkeypatch):
    def no_langdetect(sample):
        raise AssertionError("langdetect ran")

    monkeypatch.setattr(language, "detect", no_langdetect)
    assert language.is_plain_english(ENGLISH)
    assert language.detect_dump(ENGLISH) == "en"


def test_other_samples_go_to_langdetect():
    german = ("Die Stadt hat am Dienstag beschlossen, einen neuen Hochwasserschutz am Fluss zu bauen. "
              "Die Arbeiten beginnen im Frühjahr und sollen zwei Jahre dauern, sagte der Bürgermeister. "
              "Viele Anwohner begrüßten die Entscheidung, einige fürchten aber die Kosten für die Stadt.")
    assert not language.is_plain_english(german)
    assert language.detect_dump(german) == "de"
    short = "The end of the story."  # too few tokens to tell by stop words
    assert not language.is_plain_english(short)
    accented = ENGLISH.replace("the", "thé")  # letters outside ASCII: not plain English
    assert not language.is_plain_english(accented)


def test_text_dump_language_uses_the_shortcut(monkeypatch):
    import cleaner

    calls = []
    real = language.detect
    monkeypatch.setattr(language, "detect", lambda sample: calls.append(sample) or real(sample))
    assert cleaner.clean(ENGLISH + "\n" + ENGLISH.upper(), input_format="text").language == "en"
    assert calls == []


def test_letters_counted_as_isalpha_counts_them():
    import random

    from cleaner.text.language import _letters

    rnd = random.Random(3)
    for _ in range(2000):
        sample = "".join(rnd.choice("aZ09 _.,\n\t\x7fé東ǅ") for _ in range(rnd.randint(0, 50)))
        assert _letters(sample) == sum(map(str.isalpha, sample)), sample
    assert [_letters(chr(c)) for c in range(128)] == [int(chr(c).isalpha()) for c in range(128)]
