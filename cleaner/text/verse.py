"""Stage helper: poems and lyrics in a plain-text dump.

A poem's lines are short, and few end in a full stop: to the body decision each looks like a
menu link or a sub-heading (each costs the span a little), so a poem is cut off or lost to the
sidebar. Verse shows as a run of short lines with stop words, most ending in punctuation and
several in a comma or a semicolon (a clause running on into the next line): menus and link
lists seldom end a line in a comma.
"""
from __future__ import annotations

import re
from typing import List

from .lines import Line

VERSE_MIN_LINES = 6  # a stanza or a poem: this many verse-like lines in a row ...
VERSE_PUNCT_SHARE = 0.5  # ... this share of them ending in punctuation ...
VERSE_RUN_ON = 2  # ... and this many ending in a comma or a semicolon
VERSE_WORDS = (2, 14)  # a verse line's words
_PUNCT = frozenset(",;:.!?")
_RUN_ON = frozenset(",;")
_RUN = re.compile(b"\x01{%d,}" % VERSE_MIN_LINES)  # in a byte string of the lines' _verse_like (1 or 0)


def _verse_like(line: Line) -> bool:
    return (not line.reason and not line.good and line.n_stop > 0 and not line.unspaced
            and VERSE_WORDS[0] <= line.n_words <= VERSE_WORDS[1])


def verse_lines(lines: List[Line]) -> List[bool]:
    """For each line, whether it belongs to a run of verse (module doc)."""
    found = [False] * len(lines)
    for run in _RUN.finditer(bytes(map(_verse_like, lines))):  # (runs of VERSE_MIN_LINES verse-like lines or more)
        i, j = run.span()
        ends = [line.last_char for line in lines[i:j]]
        if (j - i >= VERSE_MIN_LINES and sum(c in _PUNCT for c in ends) >= VERSE_PUNCT_SHARE * (j - i)
                and sum(c in _RUN_ON for c in ends) >= VERSE_RUN_ON):
            found[i:j] = [True] * (j - i)
    return found
