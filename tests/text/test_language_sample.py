"""`language.sample_text`: the detection sample is pieces of the longest paragraphs, longest
first (ties in text order), in the same order whatever the paragraphs' order."""
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
