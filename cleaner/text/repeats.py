"""Stage helper: lines a plain-text dump shows more than once. A photo's caption is often shown
twice in a row (caption and alt text); menus, share bars and teasers repeat lines seen earlier; a
share box or a list of posts repeats the opening of a paragraph, cut short by an ellipsis.
`context.py` marks them before the body is chosen.
"""
from __future__ import annotations

import re
from itertools import compress, repeat
from typing import List, Optional, Set

from . import rules
from .lines import Line


def mark_duplicates(lines: List[Line], keys: Optional[List[str]] = None) -> None:
    """A line shown exactly twice in a row is a photo caption (caption + alt text); any other
    line seen earlier in the page is a duplicate (its first copy stays). `keys`: the lines'
    casefolded texts, if the caller has them."""
    seen: Set[str] = set()
    keys = keys if keys is not None else [line.text.casefold() for line in lines]
    for i, key in enumerate(keys):
        if key not in seen:  # (a line not seen earlier is neither: the pair's first is the line above)
            seen.add(key)
            continue
        line = lines[i]
        pair = (i > 0 and keys[i - 1] == key and line.n_words >= 6
                and (i < 2 or keys[i - 2] != key) and (i + 1 >= len(lines) or keys[i + 1] != key))
        if pair:
            lines[i - 1].reason = lines[i - 1].reason or rules.CAPTION
            line.reason = line.reason or rules.CAPTION
        elif line.n_words >= 3 or not line.ends_sentence:
            line.reason = line.reason or rules.DUPLICATE


EXCERPT_MIN_CHARS = 100  # an excerpt of an earlier paragraph: this many characters before its ellipsis
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[(?:…|\.\.\.)\])\W*$")


def mark_excerpts(lines: List[Line], keys: List[str]) -> None:
    """A line ending in an ellipsis whose text before it opens an earlier line (`History has been
    made and … At least…` below the story's first paragraph) is that paragraph's excerpt in a
    share box or a list of posts: a duplicate, like an exact copy. `keys`: the casefolded texts."""
    for i, line in enumerate(lines):
        key = keys[i]
        if line.reason or len(key) <= EXCERPT_MIN_CHARS or ("…" not in key and "..." not in key):
            continue  # (what a match of _ELLIPSIS past EXCERPT_MIN_CHARS needs)
        cut = _ELLIPSIS.search(key)
        if cut is None or cut.start() < EXCERPT_MIN_CHARS:
            continue
        head, earlier = keys[i][:cut.start()], keys[:i]
        if any(len(other) > len(head) + 1 for other in compress(earlier, map(str.startswith, earlier, repeat(head)))):
            line.reason = rules.DUPLICATE
