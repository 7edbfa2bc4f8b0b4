"""Stage: line rules, the registry. Each rule is a small named function that looks at one line and
says whether it is boilerplate of one kind; its reason label says which kind. This module holds the
reason labels, the `rule` decorator that registers a rule, the rule sets the later stages use, and
`first_match`/`match_lines`, which run the rules in registration order. The rules themselves live in
`rules_furniture.py` and `rules_labels.py`; `rules.py` imports them in order and is the entry point.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from . import gates
from .lines import Line

# Reason labels (every removed line carries exactly one).
COOKIE_BANNER = "cookie_banner"
NAVIGATION = "navigation"
TEASER = "teaser"
CAPTION = "caption"
LEGAL = "legal"
PROMO = "promo"
METADATA = "metadata"
DUPLICATE = "duplicate"
FRAGMENT = "fragment"
BOILERPLATE = "boilerplate"  # outside the article body, no more specific rule applies
COMMENTS = "comments"  # readers' comments (HTML: judged from the DOM; text dumps: comments.py)

REASONS = (COOKIE_BANNER, NAVIGATION, TEASER, CAPTION, LEGAL, PROMO, METADATA, DUPLICATE,
           FRAGMENT, BOILERPLATE, COMMENTS)


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    test: Callable[[Line], bool]
    max_words: float  # the rule never fires on longer lines (lets first_match skip it cheaply)
    gate: Optional[gates.Trigger] = None  # words or characters the line needs (lets first_match skip it)


RULES: List[Rule] = []


def rule(reason: str, max_words: float = float("inf"), needs: Tuple[re.Pattern, ...] = ()):
    """Register a line rule under its function name with a reason label. The rule never fires on
    lines longer than `max_words` (checked here once, so the rule's body need not), nor on lines
    that none of the patterns in `needs` matches: `first_match` skips it on lines without any of
    the words or characters those patterns require (`gates.py`), without running them."""

    def register(fn: Callable[[Line], bool]):
        RULES.append(Rule(fn.__name__, reason, fn, max_words, gates.gate(needs)))

        @functools.wraps(fn)
        def bounded(line: Line) -> bool:
            return line.n_words <= max_words and fn(line)

        return bounded

    return register


# Rules whose lines mark the end of an article (related stories, comments): the body span
# pays a high price to run across them, and ends at one with most of the span above it.
TERMINATORS = frozenset({"related_heading", "comments_heading", "comment_form"})
# Page furniture that usually follows an article (share and subscribe calls, tags, copyright):
# the body span ends at one with most of the span above it. (Not ad labels: ads sit mid-story.)
ENDINGS = frozenset({"promo_line", "tag_list", "copyright_notice"})


# trafilatura already chose the main content of an HTML page: on its output only the rules
# that name boilerplate unambiguously run (measured: the others cost more body than they save).
HTML_RULES = frozenset({
    "stray_fragment", "cookie_notice", "copyright_notice", "ad_label", "promo_line", "read_also_link",
    "related_heading", "comments_heading", "comment_form", "newsletter_pitch", "signup_call",
    "social_buttons", "tag_list",
    "photo_credit", "wire_slug", "timestamp",
})


def first_match(line: Line, only: Optional[frozenset] = None) -> Optional[Rule]:
    """The first rule that fires on `line`, in registration order (among `only`, if given)."""
    return _matcher(only)(line)


def match_lines(lines: List[Line], only: Optional[frozenset] = None) -> List[Optional[Rule]]:
    """`first_match` for each line; a line repeated in the page (menus, share bars) is judged once,
    and the gates of the page's distinct lines are checked together (`_page_masks`)."""
    limits, tables = _rules_among(only)
    keys = [(line.text, line.n_words, line.ends_sentence, line.last_char) for line in lines]  # all a rule looks at
    distinct: Dict[tuple, Line] = {}
    for key, line in zip(keys, lines):
        distinct.setdefault(key, line)
    masks = _page_masks(tables[0].gates, distinct.values())
    bisect_left = bisect.bisect_left
    verdicts = {key: _first(tables[bisect_left(limits, line.n_words)], line, mask)
                for (key, line), mask in zip(distinct.items(), masks)}
    return [verdicts[key] for key in keys]


def _first(table: "_Table", line: Line, mask: int) -> Optional[Rule]:
    """The first rule of `table` that fires on `line`; `mask`: the gates it passes (bits of any
    rules, those of the table kept)."""
    todo = table.ungated | (mask & table.gated)
    by_bit = table.by_bit
    while todo:  # the rules to run, lowest bit (earliest registered) first
        bit = todo & -todo
        r = by_bit[bit]
        if r.test(line):
            return r
        todo ^= bit
    return None


_KEY = operator.itemgetter(slice(None, gates.KEY_LEN))  # a token's key (`gates.py`)
_WORD_ONLY = re.compile(r"\w+\Z")


def _page_masks(gate_set: gates.GateSet, lines) -> List[int]:
    """`gate_set.allowed(line.tokens, line.text)` for each of `lines`, worked out together: one
    comprehension instead of a call per line, and a word looked for inside lines (`by_sub`) only
    on the pages that hold it."""
    lines = list(lines)
    texts = [line.text for line in lines]
    keys, by_key, by_char, digit = gate_set.keys, gate_set.by_key, gate_set.by_char, gate_set.digit
    key_bits, char_bits = by_key.__getitem__, by_char.get
    reduce, or_, repeat = functools.reduce, operator.or_, itertools.repeat
    found_keys = map(keys.intersection, map(map, repeat(_KEY), (line.tokens for line in lines)))
    found_chars = map(gate_set.marks.findall, texts) if gate_set.marks else repeat(())
    masks = [(reduce(or_, map(key_bits, ks), 0) if ks else 0)
             | (reduce(or_, map(char_bits, set(cs), repeat(digit)), 0) if cs else 0)
             for ks, cs in zip(found_keys, found_chars)]
    if gate_set.by_sub:
        # a word (of word characters) inside a line's lower case is inside one of its tokens
        words = " ".join([" ".join(line.tokens) for line in lines])
        subs = [(sub, bits) for sub, bits in gate_set.by_sub.items() if sub in words or not _WORD_ONLY.match(sub)]
        if subs:
            for i, text in enumerate(texts):
                lowered = text.lower()
                for sub, bits in subs:
                    if sub in lowered:
                        masks[i] |= bits
    if not all(map(str.isascii, texts)):
        for i, text in enumerate(texts):
            if not (text.isascii() or gates.plain(text)):
                masks[i] = gate_set.all
    return masks


@functools.lru_cache(maxsize=None)
def _matcher(only: Optional[frozenset]) -> Callable[[Line], Optional[Rule]]:
    """`first_match` among `only`, its tables looked up once."""
    limits, tables = _rules_among(only)
    bisect_left = bisect.bisect_left

    def first(line: Line) -> Optional[Rule]:
        table = tables[bisect_left(limits, line.n_words)]
        mask = table.gates.allowed(line.tokens, line.text) if table.gated else 0  # the gated rules the line may fire
        return _first(table, line, mask)

    return first


@dataclass(frozen=True)
class _Table:
    """The rules that apply to lines of up to some number of words, as bits (bit i: the i-th
    registered rule): those without a gate (always run), those with one, and their gates."""
    ungated: int
    gated: int
    gates: gates.GateSet  # allowed(): the bits of the gated rules whose gate the line passes
    by_bit: Dict[int, Rule]


@functools.lru_cache(maxsize=None)
def _rules_among(only: Optional[frozenset]) -> Tuple[List[float], List[_Table]]:
    """The distinct word limits of the rules (ascending) and for each the `_Table` of the rules
    whose limit is at least that, the rules that apply to a line of up to that many words (and
    an empty table for longer lines)."""
    among = [r for r in RULES if only is None or r.name in only]
    limits = sorted({r.max_words for r in among})
    tables = []
    for limit in limits:
        applies = [r.max_words >= limit for r in among]
        ungated = sum(1 << i for i, r in enumerate(among) if applies[i] and r.gate is None)
        gate_set = gates.GateSet([r.gate if applies[i] else None for i, r in enumerate(among)])
        tables.append(_Table(ungated, gate_set.all, gate_set, {1 << i: r for i, r in enumerate(among) if applies[i]}))
    return limits, tables + [_Table(0, 0, gates.GateSet([]), {})]


def _kw(*words: str) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)
