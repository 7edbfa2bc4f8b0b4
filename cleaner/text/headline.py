"""Stage (text dumps): the headline. Which line is the article's headline (a headline-shaped
line whose words the lead below it repeats, or the line repeating the page's <title>), its dek,
and where the lead starts below it. `context.py` uses these to anchor the body span.
"""
from __future__ import annotations

import re
from itertools import islice
from typing import FrozenSet, Iterable, List, Optional, Set

from . import rules
from .lines import Line

HEADLINE_LOOKBACK = 15  # how far above the body start the headline may sit
LEAD_PARAGRAPHS = 3  # the headline is judged against this many paragraphs of the lead
MIN_OVERLAP = 0.3  # share of a headline's content words found in the lead
HEADLINE_TIE = 0.1  # candidates this close to the best overlap count as equally good

_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|[-•*–·▪]|[a-z][.)])\s")


def is_headline_like(line: Line) -> bool:
    """Headline shape: a few words, not a sentence ending in a full stop."""
    if line.unspaced:
        return 4 <= len(line.text) <= 60 and line.last_char not in "。."
    return 3 <= line.n_words <= 25 and line.last_char not in ".,;:" and not _LIST_MARK.match(line.text)


def stems(line: Line, stop: FrozenSet[str]) -> Set[str]:
    """Content-word stems (5-letter prefixes) for comparing a headline with paragraphs."""
    if line.unspaced:
        chars = [c for c in line.text if c.isalnum()]
        return {a + b for a, b in zip(chars, chars[1:])}
    return {t[:5] for t in line.tokens if t not in stop and len(t) > 2 and not t.isdigit()}


def overlap(line: Line, others: List[Line], stop: FrozenSet[str]) -> float:
    """The share of the line's stems found in the other lines."""
    own = stems(line, stop)
    return len(own & set().union(*[stems(o, stop) for o in others])) / len(own) if own else 0.0


class Stems(dict):
    """`stems` of lines[i] for each i asked for, worked out once: the lines below a headline
    candidate are read again for the candidate above it."""

    def __init__(self, lines: List[Line], stop: FrozenSet[str]):
        super().__init__()
        self.lines, self.stop = lines, stop

    def __missing__(self, i: int) -> Set[str]:
        found = self[i] = stems(self.lines[i], self.stop)
        return found


def overlap_at(memo: Stems, i: int, others: Iterable[int]) -> float:
    """`overlap` of line i with the lines at `others`, their stems read from `memo`."""
    own = memo[i]
    return len(own & set().union(*[memo[j] for j in others])) / len(own) if own else 0.0


STORY_ABOVE_LINES = 1  # body paragraphs in a row in the best span above a headline-like line ...
STORY_ABOVE_WORDS = 60  # ... with this many words: it is a pull quote or a question, not the headline


def _story_above(lines: List[Line], start: int, head: int) -> bool:
    """The best span runs through a headline-like line with the story above it, body paragraphs
    (ending in a sentence mark) of STORY_ABOVE_WORDS words or more in a row: that line is inside
    the story (a sub-heading, an interview's question, a pull quote), and taking it as the
    headline would drop the paragraphs above. (Photo captions above the headline, which can also
    open the span, are short and stand apart between credits and teasers.)"""
    run_lines, run_words = 0, 0.0
    for line in lines[start:head]:
        if line.reason == rules.METADATA:  # a byline or dateline between the lead's paragraphs
            continue
        story = line.good and line.ends_sentence  # (a menu glued into one long line is no paragraph)
        run_lines, run_words = (run_lines + 1, run_words + line.n_words) if story else (0, 0.0)
        if run_lines >= STORY_ABOVE_LINES and run_words >= STORY_ABOVE_WORDS:
            return True
    return False


def shares_stems(memo: Stems, i: int, others: Iterable[int]) -> bool:
    """Whether `overlap_at` is above 0: one of line i's stems is among those of the lines at
    `others` (read one line at a time, up to the first that holds one)."""
    own = memo[i]
    return bool(own) and any(not own.isdisjoint(memo[j]) for j in others)


def _headline_score(lines: List[Line], i: int, memo: Stems) -> float:
    """How much of line i's stems the lead below it repeats (0 under MIN_OVERLAP, or for a line
    that is no headline). `memo`: the lines' stems."""
    cand = lines[i]
    if cand.reason not in (None, rules.TEASER, rules.DUPLICATE) or not is_headline_like(cand):
        return 0.0
    lead = list(islice((j for j in range(i + 1, len(lines)) if lines[j].good), LEAD_PARAGRAPHS))
    if not lead or len(memo[i]) < 2:
        return 0.0
    score = overlap_at(memo, i, lead)
    return score if score >= MIN_OVERLAP else 0.0


def _lead_start(lines: List[Line], head: int, start: int, end: int) -> int:
    """Where the body starts below the headline: at the lead's first body-like paragraph in the
    span (a dek or a byline between them is not body). A span with none below the headline (its
    lines are sentences too short or too poor in stop words to be body-like on their own) starts
    just below the headline: the body does not move past the span to a line further down."""
    first = next((j for j in range(head + 1, end + 1) if lines[j].good), head + 1)
    return max(start, first)


ECHO_MIN_CHARS = 10  # a line repeating part of the page's first lines: its title (`title_echoes`) ...
ECHO_HEADLINE_CHARS = 15  # ... and its headline, when this long and the lead repeats it (`echoed_headlines`)


def title_echoes(folded: List[str]) -> List[int]:
    """Lines that repeat a part of the first two above them (a dump opens with the page's <title>,
    `Headline – Blog name`): the post's headline, whether or not a paragraph below repeats it.
    `folded`: the lines' casefolded texts."""
    if len(folded) < 2:
        return []
    first, second = folded[0], folded[1]
    out = [1] if ECHO_MIN_CHARS <= len(second) and second in first else []
    longest = max(len(first), len(second))  # (a longer line is inside neither)
    return out + [i for i, text in enumerate(folded[2:], 2) if ECHO_MIN_CHARS <= len(text) <= longest
                  and (text in first or text in second)]


def echoed_headline(lines: List[Line], stop: FrozenSet[str], folded: Optional[List[str]] = None) -> Optional[int]:
    """Many dumps open with the page's <title> ('Headline – Site'); the line further down that
    repeats it, and whose words the paragraphs below repeat, is the article's headline.
    `folded`: the lines' casefolded texts, if the caller has them."""
    return next(iter(echoed_headlines(lines, stop, folded)), None)


def echoed_headlines(lines: List[Line], stop: FrozenSet[str], folded: Optional[List[str]] = None,
                     echoes: Optional[List[int]] = None) -> List[int]:
    """Every line `echoed_headline` could take, in order: a <title> of `Site | Headline` has its
    site name repeated too, and the site's blurb below it repeats the name. `echoes`: the page's
    `title_echoes`, if the caller has them."""
    folded = folded if folded is not None else [ln.text.casefold() for ln in lines]
    echoes = echoes if echoes is not None else title_echoes(folded)
    memo = Stems(lines, stop)
    return [i for i in echoes if len(folded[i]) >= ECHO_HEADLINE_CHARS and _headline_score(lines, i, memo) > 0]


def find_headline(lines: List[Line], start: int, end: int, stop: FrozenSet[str]) -> Optional[int]:
    """Index of the headline: a headline-shaped line whose words the lead below it repeats.
    Looked for above the body span first (the topmost of near-equal candidates: a dek sits below
    its headline); only when there is none there, in the first quarter of the span (photo
    captions above a headline can open the span)."""
    memo = Stems(lines, stop)
    above = [(_headline_score(lines, i, memo), i) for i in range(max(0, start - HEADLINE_LOOKBACK), start + 1)]
    best = max((score for score, _ in above), default=0.0)
    if best > 0:
        # the headline sits above its dek: the topmost of the lines the lead echoes (nearly) best
        return next(i for score, i in above if score >= best - HEADLINE_TIE)
    total = sum(ln.n_words for ln in lines[start:end + 1] if ln.good)
    seen = 0.0
    for i in range(start + 1, end + 1):
        if seen > total / 4:
            break
        if _headline_score(lines, i, memo) > 0:
            return i
        seen += lines[i].n_words if lines[i].good else 0
    return None


def mark_description(lines: List[Line], head: int, first_good: int, stop: FrozenSet[str]) -> None:
    """The dek: the first headline-like line between the headline and the lead that the lead
    echoes (a teaser for another story in the same place does not)."""
    lead = list(islice((x for x in islice(lines, first_good, None) if x.good), LEAD_PARAGRAPHS * 2))
    pool: Optional[Set[str]] = None  # the lead's stems (worked out at the first line they are needed for)
    for line in lines[head + 1:first_good]:
        if line.reason or not is_headline_like(line):
            continue
        own = stems(line, stop)
        if own and pool is None:
            pool = set().union(*[stems(x, stop) for x in lead])
        if own and len(own & pool) / len(own) >= MIN_OVERLAP:  # (its `overlap` with the lead)
            line.role, line.reason = "description", rules.METADATA
            return
