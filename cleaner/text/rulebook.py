"""Stage: line rules, the registry. Each rule is a small named function that looks at one line and
says whether it is boilerplate of one kind; its reason label says which kind. This module holds the
reason labels, the `rule` decorator that registers a rule, the rule sets the later stages use, and
`first_match`/`match_lines`, which run the rules in registration order. The rules themselves live in
`rules_furniture.py` and `rules_labels.py`; `rules.py` imports them in order and is the entry point.
"""
from __future__ import annotations

import bisect
import contextlib
import functools
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
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
    min_words: float = 0  # the rule's test is False on shorter lines (lets first_match skip it) ...
    sentences: bool = True  # ... and, when False, on lines that end a sentence


RULES: List[Rule] = []


def rule(reason: str, max_words: float = float("inf"), needs: Tuple[re.Pattern, ...] = (),
         min_words: float = 0, sentences: bool = True, starts: Tuple[str, ...] = ()):
    """Register a line rule under its function name with a reason label. The rule never fires on
    lines longer than `max_words` (checked here once, so the rule's body need not), nor on lines
    that none of the patterns in `needs` matches: `first_match` skips it on lines without any of
    the words or characters (or shapes) those patterns require (`gates.py`), without running
    them. A rule whose test is False on lines of fewer than `min_words` words, or
    (`sentences=False`) on lines that end a sentence, or (`starts`, a rule without `needs`) on
    `gates.plain` lines whose first token starts with none of these, says so: `first_match`
    skips it there too (the test checks it itself, `tests/text/test_gates.py` compares
    `first_match` with every rule run in order)."""
    assert not (needs and starts), "one gate: `needs` or `starts`"

    def register(fn: Callable[[Line], bool]):
        gate = gates.starting(starts) if starts else gates.gate(needs)
        RULES.append(Rule(fn.__name__, reason, fn, max_words, gate, min_words, sentences))

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
    """`first_match` for each line; a line repeated in the page (menus, share bars) is judged once.
    (A line's features are worked out from its text, `lines.split_lines`: the text is the key.)
    Inside `shared_verdicts()`, once across every call of the block. Short texts judged on recent
    pages (a site's menus, share bars, footers) are not judged again (`VerdictCache`; a short text
    is kept there only, not in the page's or block's own dict: judged again only after some
    VERDICT_CACHE_TEXTS others, with the same answer)."""
    first = _matcher(only)
    shared = _SHARED.get()
    seen: Dict[str, Optional[Rule]] = {} if shared is None else shared.setdefault(only, {})
    get = seen.get
    recent = _recent(only)
    newer, older, short = recent.newer, recent.older, recent.max_chars  # (`VerdictCache.get`, inlined)
    newer_get, older_get = newer.get, older.get
    out = []
    append = out.append
    for line in lines:
        text = line.text
        if len(text) <= short:  # (kept in the newer generation: judged once in the page too)
            hit = newer_get(text, _UNJUDGED)
            if hit is _UNJUDGED:
                hit = older_get(text, _UNJUDGED)
                if hit is _UNJUDGED:
                    hit = first(line)
                newer[text] = hit
        else:
            hit = get(text, _UNJUDGED)
            if hit is _UNJUDGED:
                hit = seen[text] = first(line)
        append(hit)
    recent.turn_over()
    return out


_UNJUDGED = object()
_SHARED: ContextVar[Optional[dict]] = ContextVar("shared_verdicts", default=None)

VERDICT_CACHE_TEXTS = 4096  # texts a generation of `VerdictCache` holds (two generations kept) ...
VERDICT_CACHE_CHARS = 120  # ... each at most this long: under 1 MB with the dicts


class VerdictCache:
    """The verdicts (`first_match`'s rule, or None) on short line texts judged on recent pages,
    kept across pages: a site's menus, share bars and footers come back on each of its pages. A
    verdict depends on the text alone: the rules read only what `lines.split_lines` works out
    from it (tokens, words, sentence end, last character), never the page's language, a line's
    stop words or its neighbours. Bounded: texts of at most `max_chars` characters, in two
    generations; once the newer holds `size` texts (checked after each page) it becomes the
    older and the older is dropped; a text found in the older is kept on in the newer. So a
    process holds at most 2 * (`size` + one page's distinct lines) of them per rule subset."""

    def __init__(self, size: int = VERDICT_CACHE_TEXTS, max_chars: int = VERDICT_CACHE_CHARS) -> None:
        self.size, self.max_chars = size, max_chars
        self.newer: Dict[str, Optional[Rule]] = {}
        self.older: Dict[str, Optional[Rule]] = {}

    def get(self, text: str):
        """The verdict kept for `text`, or `_UNJUDGED`."""
        hit = self.newer.get(text, _UNJUDGED)
        if hit is _UNJUDGED:
            hit = self.older.get(text, _UNJUDGED)
            if hit is not _UNJUDGED:
                self.newer[text] = hit
        return hit

    def put(self, text: str, verdict: Optional[Rule]) -> None:
        if len(text) <= self.max_chars:
            self.newer[text] = verdict

    def turn_over(self) -> None:
        """The newer generation becomes the older once it holds `size` texts."""
        if len(self.newer) >= self.size:
            self.older, self.newer = self.newer, {}

    def __len__(self) -> int:
        return len(self.newer) + len(self.older)

    def clear(self) -> None:
        self.newer, self.older = {}, {}


@functools.lru_cache(maxsize=None)
def _recent(only: Optional[frozenset]) -> VerdictCache:
    """The process's `VerdictCache` for one rule subset."""
    return VerdictCache()


@contextlib.contextmanager
def shared_verdicts():
    """Within the block, `match_lines` judges each text once per rule subset across all its
    calls: one HTML page's text path over its blocks and the body decision's features read the
    same texts. (The rules read only what `split_lines` works out from a line's text.)"""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


@functools.lru_cache(maxsize=None)
def _matcher(only: Optional[frozenset]) -> Callable[[Line], Optional[Rule]]:
    """`first_match` among `only`, its tables looked up once."""
    limits, shortest, rows = _rules_among(only)
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right

    def table_of(n: float) -> tuple:
        table = rows[bisect_left(limits, n)][bisect_right(shortest, n)]
        return table.ungated, table.gated, table.allowed, table.on_sentences, table.plans.get, table.plan

    # the table of each word count up to the longest limit, in halves (`lines.split_lines`' counts)
    longest = max([limit for limit in limits if limit != float("inf")], default=0)
    by_count = {half / 2: table_of(half / 2) for half in range(int(2 * longest) + 3)}
    get = by_count.get

    def first(line: Line) -> Optional[Rule]:
        n = line.n_words
        todo, gated, allowed, on_sentences, kept, plan_of = get(n) or table_of(n)  # (a `_Table`, unpacked)
        if gated:
            todo |= allowed(line.tokens, line.text)  # the gated rules the line may fire
        if line.ends_sentence:
            todo &= on_sentences
        plan = kept(todo)
        if plan is None:
            plan = plan_of(todo)
        for test, found in plan:  # the rules to run, in registration order
            if test(line):
                return found
        return None

    return first


PLANS_KEPT = 4096  # the rule sequences a `_Table` keeps, by the bits of the rules to run


@dataclass(frozen=True)
class _Table:
    """The rules that apply to lines of some range of word counts, as bits (bit i: the i-th
    registered rule): those without a gate (always run), those with one, and their gates; those
    that may fire on a line that ends a sentence; and the sequences of rules to run, by bits."""
    ungated: int
    gated: int
    gates: gates.GateSet
    by_bit: Dict[int, Rule]
    on_sentences: int
    plans: Dict[int, Tuple[Tuple[Callable[[Line], bool], Rule], ...]] = field(default_factory=dict)
    allowed: Callable[[List[str], str], int] = field(init=False)  # the bits of the gates a line passes

    def __post_init__(self) -> None:
        object.__setattr__(self, "allowed", self.gates.checker())

    def plan(self, todo: int) -> Tuple[Tuple[Callable[[Line], bool], Rule], ...]:
        """(test, rule) for each rule whose bit is in `todo`, lowest bit (earliest registered) first;
        kept for the next line with the same bits (up to PLANS_KEPT sequences)."""
        found = tuple((self.by_bit[1 << i].test, self.by_bit[1 << i]) for i in range(todo.bit_length()) if todo >> i & 1)
        if len(self.plans) < PLANS_KEPT:
            self.plans[todo] = found
        return found


@functools.lru_cache(maxsize=None)
def _rules_among(only: Optional[frozenset]) -> Tuple[List[float], List[float], List[List[_Table]]]:
    """The distinct word limits of the rules (ascending), their distinct `min_words` above 0
    (ascending), and for each limit a row of `_Table`s, one for each number of those minimums a
    line reaches: the rules that apply to a line of up to that many words and at least their
    minimum (and an empty row for longer lines)."""
    among = [r for r in RULES if only is None or r.name in only]
    limits = sorted({r.max_words for r in among})
    shortest = sorted({r.min_words for r in among if r.min_words > 0})
    rows = []
    for limit in limits:
        row = []
        for reached in [0.0] + shortest:
            applies = [r.max_words >= limit and r.min_words <= reached for r in among]
            ungated = sum(1 << i for i, r in enumerate(among) if applies[i] and r.gate is None)
            gate_set = gates.GateSet([r.gate if applies[i] else None for i, r in enumerate(among)])
            by_bit = {1 << i: r for i, r in enumerate(among) if applies[i]}
            on_sentences = sum(bit for bit, r in by_bit.items() if r.sentences)
            row.append(_Table(ungated, gate_set.all, gate_set, by_bit, on_sentences))
        rows.append(row)
    empty = _Table(0, 0, gates.GateSet([]), {}, 0)
    return limits, shortest, rows + [[empty] * (len(shortest) + 1)]


def _kw(*words: str) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)
