"""Stage helper: numbered lists in a plain-text dump.

Short lines without stop words look like menu links to the body decision (each costs the body
span a little), so a ranking, a set of steps or a track list of a hundred items cut the article
in two. Lines numbered 1, 2, 3 … in order are a list the article holds (menus are seldom
numbered).
"""
from __future__ import annotations

import re
from typing import List, Optional

from .lines import Line

ENUM_RUN = 5  # this many items numbered in order make a list
ENUM_GAP = 3  # an item's description may take this many lines before the next number

_NUMBER = re.compile(r"^(\d{1,3})[.)]\s")
BULLET_RUN = 3  # this many lines in a row opened by the same bullet make a list
BULLETS = "•◦▪■●·*–-"  # (not ►/▼/»: the marks of archive menus and link lists)
_BULLET = re.compile(r"^([" + re.escape(BULLETS) + r"])\s+\S")
_BULLET_HEAD = re.compile(r"[" + re.escape(BULLETS) + r"]")  # a bullet among the lines' first characters
_DIGIT = re.compile(r"\d")  # (a digit among them: what _NUMBER needs first)


def _number(line: Line) -> Optional[int]:
    match = _NUMBER.match(line.text)
    return int(match.group(1)) if match else None


def numbered_lists(lines: List[Line]) -> List[bool]:
    """For each line, whether it belongs to a numbered list: an item of a run of at least
    ENUM_RUN items numbered n, n+1, n+2 … (with at most ENUM_GAP lines between two items), or a
    line between two of its items."""
    heads = "".join([line.text[:1] or " " for line in lines])  # each line's first character (a space for none)
    numbers: List[Optional[int]] = [None] * len(lines)
    for head in _DIGIT.finditer(heads):  # (what _NUMBER needs first: the other lines are not matched)
        numbers[head.start()] = _number(lines[head.start()])
    listed = [False] * len(lines)
    if numbers.count(None) == len(numbers):
        return _bulleted(lines, listed, heads)
    i = 0
    while i < len(lines):
        if numbers[i] is None:
            i += 1
            continue
        items = [i]
        j = i + 1
        while j < len(lines) and j - items[-1] <= ENUM_GAP + 1:
            if numbers[j] is not None:
                if numbers[j] != numbers[items[-1]] + 1:
                    break
                items.append(j)
            j += 1
        if len(items) >= ENUM_RUN:
            for k in range(items[0], items[-1] + 1):
                listed[k] = True
        i = items[-1] + 1
    return _bulleted(lines, listed, heads)


def _bullet(line: Line) -> Optional[str]:
    text = line.text
    if not text or text[0] not in BULLETS:  # (what _BULLET needs first)
        return None
    match = _BULLET.match(text)
    return match.group(1) if match else None


def _bulleted(lines: List[Line], listed: List[bool], heads: str) -> List[bool]:
    """Marks in `listed` the items of a bulleted list: at least BULLET_RUN lines in a row opened by
    the same bullet and a space (`• Amazon Kindle`). A dump keeps the bullets an author typed; a
    menu's links seldom carry them. `heads`: the lines' first characters."""
    bullets: List[Optional[str]] = [None] * len(lines)
    for head in _BULLET_HEAD.finditer(heads):  # (what _bullet needs first)
        bullets[head.start()] = _bullet(lines[head.start()])
    if not any(bullets):
        return listed
    i, n = 0, len(lines)
    while i < n:
        bullet = bullets[i]
        j = i + 1
        if bullet:
            while j < n and bullets[j] == bullet:
                j += 1
            if j - i >= BULLET_RUN:
                listed[i:j] = [True] * (j - i)
        i = j
    return listed


LIST_HEADING_RULE = "related_heading"


def unmark_parallel_items(lines: List[Line]) -> None:
    """`More blog posts` reads as a related-stories heading alone, but between `More public code
    examples` and `More prodding AI companies …` it is an item of the article's list: a line the
    related-heading rule marked whose first word opens a longer line above or below too (lines no
    rule marked) is the list's, and no heading. (`Most Viewed` beside `Most Commented` are tabs.)"""
    for i, line in enumerate(lines):
        if line.rule != LIST_HEADING_RULE or not line.tokens or not line.tokens[0].isalpha():
            continue
        first = line.tokens[0]
        if any(0 <= j < len(lines) and not lines[j].reason and lines[j].tokens[:1] == [first]
               and lines[j].n_words > line.n_words for j in (i - 1, i + 1)):
            line.reason, line.rule = None, ""
