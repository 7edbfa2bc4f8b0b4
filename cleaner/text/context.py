"""Stage: context smoothing. The line rules judged each line alone; here the neighbours decide:
where the article body starts and ends, which line is the headline, and which headline-like
lines between body paragraphs are teasers for other stories.
"""
from __future__ import annotations

import re
from itertools import compress
from typing import FrozenSet, Iterable, List, Optional

from . import blurbs, comments, datelines, language, lists, posts, rules, verse
from .headline import (  # noqa: F401 (echoed_headline: named here by the tests)
    Stems, _lead_start, _story_above, echoed_headline, echoed_headlines, find_headline, is_headline_like,
    mark_description, overlap_at, shares_stems, title_echoes)
from .lines import Line
from .repeats import EXCERPT_MIN_CHARS, mark_duplicates, mark_excerpts  # noqa: F401 (EXCERPT_MIN_CHARS: the tests)

MIN_GOOD_WORDS = 8  # a body paragraph on its own: at least this many words ...
MIN_STOP_DENSITY = 0.2  # ... and this share of stop words (when the language has a list)
UNSPACED_GOOD_WORDS = 15  # ... or, in a script without spaces, this many (not fewer than MIN_GOOD_WORDS)
LONG_TITLE_WORDS = 20  # a line this long is body-like without a sentence mark at its end ...
TITLE_CASE_SHARE = 0.6  # ... unless this share of its words are capitalised: a title (`is_long_title`)


def is_good(line: Line, has_stoplist: bool) -> bool:
    """A line that reads as body text by itself: long, sentence-like, with enough stop words."""
    if line.unspaced:
        return line.n_words >= UNSPACED_GOOD_WORDS and line.ends_sentence
    if line.n_words < MIN_GOOD_WORDS:
        return False
    if has_stoplist and line.stop_density < MIN_STOP_DENSITY:
        return False
    return line.ends_sentence or line.n_words >= LONG_TITLE_WORDS


def _caps(line: Line) -> tuple:
    """(capitalised words, words) of the line's words that start with a letter."""
    words = [w for w in line.text.split() if w[:1].isalpha()]
    return sum(1 for w in words if w[0].isupper()), len(words)


def is_long_title(line: Line) -> bool:
    """A long line without a sentence mark, most words capitalised (`Andrew Ross Sorkin: Too Big
    to Fail: The Inside Story of How Wall Street …`): a book's or a linked story's title in a
    list, not a paragraph that lost its full stop (which `is_good` takes it for)."""
    if line.ends_sentence or line.n_words < LONG_TITLE_WORDS or line.last_char in ",;":
        return False  # (a line ending in a comma goes on below: part of a sentence)
    caps, words = _caps(line)
    return caps >= TITLE_CASE_SHARE * words > 0


def mark_rules(lines: List[Line], only: Optional[frozenset] = None) -> None:
    for line, hit in zip(lines, rules.match_lines(lines, only)):
        if hit:
            line.reason, line.rule = hit.reason, hit.name


GLUED_RULE = "glued_section_label"
NAME_RECURS = 2  # a glued word seen in this many other lines of the page is a name, not a label + headline
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def unmark_recurring_names(lines: List[Line]) -> None:
    """`glued_section_label` takes `PoliticsTrump Signs …` for a section label glued to a
    headline; a word glued the same way that recurs in NAME_RECURS other lines of the page
    (`UnitedHealth Group …`, `StringZilla is header-only …`) is a name written in camel case,
    and its lines are the page's text."""
    glued = [(line, word.group().lower()) for line in lines if line.rule == GLUED_RULE
             for word in [_FIRST_WORD.match(line.text)] if word]
    if not glued:
        return
    words = {word for _, word in glued}
    seen: dict = {}  # how many lines hold each glued word as a token
    for line in lines:
        for token in words.intersection(line.tokens):
            seen[token] = seen.get(token, 0) + 1
    for line, word in glued:
        if seen.get(word, 0) - 1 >= NAME_RECURS:
            line.reason, line.rule = None, ""


TERMINATOR_COST = 50.0  # a related-stories or comments heading: the article is over
RULE_COST = 5.0  # a line a rule removed
LABEL_COST = 2.0  # a short line without stop words: a link label
PHRASE_COST = 1.0  # a short line with stop words: could be a sub-heading or list item
SENTENCE_GAIN = 0.3  # per word of a longer sentence that is not body-like on its own
LIST_ITEM_GAIN = 0.5  # a line of a numbered list (`lists.py`)


_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
NUMBER_CELL_WORDS = 4  # a table's number cell: at most this many words ...
NUMBER_CELL_LETTERS = 0.5  # ... and under this share of letters among its other characters ('10,72 Mio. t', '- 30,3 %')


def is_number_cell(line: Line) -> bool:
    """A cell of a table of figures, rendered on a line of its own: it costs the span nothing, so a
    table does not cut the article in two (a menu's links are words, not figures)."""
    text = line.text
    if line.n_words > NUMBER_CELL_WORDS or not _DIGIT.search(text):
        return False
    return len(_LETTER.findall(text)) < NUMBER_CELL_LETTERS * (len(text) - text.count(" "))


def _score(line: Line) -> float:
    if line.rule in rules.TERMINATORS:
        return -TERMINATOR_COST
    if line.reason:
        return -RULE_COST
    if line.good:
        return line.n_words
    if line.ends_sentence:
        return 0.0 if line.n_words < MIN_GOOD_WORDS else line.n_words * SENTENCE_GAIN
    if line.n_stop and line.n_words >= 3:
        return -PHRASE_COST
    if is_number_cell(line):
        return 0.0
    return -LABEL_COST


START_PENALTY = 2.0  # per line between the headline and the start of a body anchored to it
ANCHORED_SHARE = 0.3  # a body below the headline must score this share of the best span ...
CLOSED_SHARE = 0.1  # ... or this share when a related or comments heading closes it
CLOSE_LINES = 12  # (within this many lines below its end)


def _closed(lines: List[Line], end: int) -> bool:
    """A related or comments heading (`No comments:`, `Related posts`) follows the body's end
    closely: the post is over there, however short it is beside the sidebar's text."""
    return any(ln.rule in rules.TERMINATORS for ln in lines[end + 1:end + 1 + CLOSE_LINES])


def body_span(lines: List[Line], lo: int = 0, anchor: Optional[int] = None,
              score: Optional[List[float]] = None) -> Optional[tuple]:
    """The run of lines in lines[lo:] with the largest body score (max-sum subarray). With an
    `anchor`, a run that starts further below it pays START_PENALTY per line skipped. `score`:
    the lines' scores, if the caller has them."""
    score = score if score is not None else [_score(line) for line in lines]
    best, best_span = 0.0, None
    run, run_start = 0.0, lo
    if anchor is None:  # (no penalty: a run restarts at 0)
        for i in range(lo, len(lines)):
            if run <= 0.0:
                run, run_start = 0.0, i
            run += score[i]
            if run > best:
                best, best_span = run, (run_start, i, run)
    else:
        for i in range(lo, len(lines)):
            restart = -START_PENALTY * (i - anchor)
            if run <= restart:
                run, run_start = restart, i
            run += score[i]
            if run > best:
                best, best_span = run, (run_start, i, run)
    if best_span is not None:
        best_span = _cut_at_ending(lines, score, best_span)
        best_span = _lead_in(lines, score, best_span, lo)
    return best_span


def _anchored_span(lines: List[Line], head: int, score: List[float]) -> Optional[tuple]:
    """The body below a headline (`body_span` anchored to it). A body that starts
    below the first related or comments heading under the headline's first body-like paragraph
    has hopped over the article (one short paragraph) to other stories, readers' text or a
    sidebar: the body is then looked for above that heading. (A body running on through the
    heading is `_cut_at_ending`'s to judge.)"""
    hi = len(lines)
    span = body_span(lines, head + 1, anchor=head + 1, score=score)
    first = next((j for j in range(head + 1, hi) if lines[j].good), hi)
    stop = next((j for j in range(first, hi) if lines[j].rule in rules.TERMINATORS), hi)
    if span is None or span[0] <= stop:
        return span
    return body_span(lines[:stop], head + 1, anchor=head + 1, score=score[:stop])


def _lead_in(lines: List[Line], score: List[float], span: tuple, lo: int = 0) -> tuple:
    """Short sentences right above the span open the story ("When I woke up, there was nothing."):
    too short to be body-like alone, they score nothing, and a max-sum span never starts on them.
    (Below the span such lines are more often calls to read on or share, so the end stays.)"""
    start, end, total = span
    while start > lo and score[start - 1] == 0 and not lines[start - 1].reason and lines[start - 1].ends_sentence:
        start -= 1  # (a zero score: a sentence under MIN_GOOD_WORDS, see _score)
    return (start, end, total)


TERMINATOR_SHARE = 0.5  # a terminator ends the body when this share of the span's score is above it
ENDING_SHARE = 0.7  # the same for a line of page furniture that usually follows an article


def _cut_at_ending(lines: List[Line], score: List[float], span: tuple) -> tuple:
    """A related-stories or comments heading, or share/tags/copyright furniture, inside the span
    ends the article when most of the span lies above it: what follows is other stories, readers'
    text or the site's blurbs, however sentence-like. (One near the top of the span, such as a
    share bar under the lead, does not.) A related heading over a list of headlines with their
    summaries ends it however much of the span lies below (`_teasers_follow`). So does the
    article's date below nearly all of it, or the first date of a list of dated news below the
    article (`datelines.py`)."""
    start, end, total = span
    run = 0.0
    dated = None  # whether the span's datelines are an article's (worked out at the first one)
    for i in range(start, end + 1):
        rule = lines[i].rule
        if not rule:  # (a line no rule marked ends nothing)
            run += score[i]
            continue
        share = TERMINATOR_SHARE if rule in rules.TERMINATORS else ENDING_SHARE if rule in rules.ENDINGS else None
        if share is None and rule == datelines.DATELINE_RULE:
            first = dated is None
            dated = datelines.few_datelines(lines, start, end) if first else dated
            share = datelines.ending_share(lines, start, i, dated, first)
        if share is not None and (run >= share * total or (rule in rules.TERMINATORS and (
                comments.ends_article(lines, start, i, end) or _teasers_follow(lines, i)))):
            last = max(j for j in range(start, i) if score[j] > 0)
            return (start, last, sum(score[start:last + 1]))
        run += score[i]
    return span


TEASER_PAIRS = 3  # a related heading over this many headline-and-summary pairs heads a list of other stories


def _teasers_follow(lines: List[Line], i: int) -> bool:
    """Right below the related heading at line i, TEASER_PAIRS or more other stories, each a
    headline over a one-paragraph summary (`2012 Honda Pilot – Looks almost the same` over `The
    new 2012 Honda Pilot looks …`): the heading ends the article, however long the list. (A
    related box inside a story holds a link or two, and the story goes on below it.)"""
    pairs, j = 0, i + 1
    while j + 1 < len(lines) and is_headline_like(lines[j]) and lines[j + 1].good:
        pairs, j = pairs + 1, j + 2
    return pairs >= TEASER_PAIRS


FOOTER_SHARE = 0.2  # a span starting in the page's last fifth of lines is in its footer ...
FOOTER_RIVAL = 0.5  # ... and gives way to a span above scoring at least this share of it


def _above_footer(lines: List[Line], score: List[float], span: Optional[tuple]) -> Optional[tuple]:
    """The best span lies wholly in the page's footer (a legal notice, a newsletter form, the
    site's blurb: one long paragraph can outscore a short post): the best span above it is the
    article when it scores at least FOOTER_RIVAL of the footer's."""
    if span is None or span[0] < len(lines) * (1 - FOOTER_SHARE):
        return span
    upper = body_span(lines[:span[0]], score=score[:span[0]])
    return upper if upper is not None and upper[2] >= FOOTER_RIVAL * span[2] else span


def _above_thread(lines: List[Line], score: List[float], span: Optional[tuple],
                  thread: Optional[tuple]) -> Optional[tuple]:
    """The best span lies below a readers' comment thread (`comments.py` found one, with an
    article above it): it is the sidebar or footer, and the article the comments are about is
    the best span above the thread."""
    if span is None or thread is None or span[0] <= thread[1]:
        return span
    upper = body_span(lines[:thread[0]], score=score[:thread[0]])
    return upper if upper is not None else span


CLOSED_GAP = 3  # a post ends at most this many lines above the heading of its comments (besides furniture)


def _above_comments(lines: List[Line], score: List[float], span: Optional[tuple]) -> Optional[tuple]:
    """The best span lies below the heading of a post's comments (`Comments (0)`, `Leave a
    reply`) and the best span above that heading ends right over it (at most CLOSED_GAP lines
    between them; under the page's one heading that counts comments, besides lines a rule
    removed, a tag list, a share bar: a bare `Comments` may be a share bar's link, and a list of
    posts counts each one's comments): that is the post, closed by
    its comments (however short beside a sidebar's or footer's text below: a photo post, a
    link), when it scores CLOSED_SHARE of the span below."""
    if span is None:
        return span
    heading = next((i for i in range(span[0]) if posts.names_own_comments(lines[i])), None)
    if heading is None:
        return span
    upper = body_span(lines[:heading], score=score[:heading])
    if upper is None or upper[2] < CLOSED_SHARE * span[2]:
        return span
    between = lines[upper[1] + 1:heading]
    if posts.counts_own_comments(lines[heading]) and sum(map(posts.counts_own_comments, lines)) == 1:
        between = [line for line in between if not line.reason]  # (a tag list, a share bar)
    return span if len(between) > CLOSED_GAP else upper


MENU_RUN = 3  # this many short lines in a row outside the body are a menu


def _short(line: Line) -> bool:
    return line.n_words <= 6 and not line.good


def in_menu_run(lines: List[Line], i: int) -> bool:
    """Line i is short, in a run of MENU_RUN short lines or more."""
    if not _short(lines[i]):
        return False
    lo = i
    while lo > 0 and _short(lines[lo - 1]) and i - lo < MENU_RUN:
        lo -= 1
    hi = i
    while hi + 1 < len(lines) and _short(lines[hi + 1]) and hi - i < MENU_RUN:
        hi += 1
    return hi - lo + 1 >= MENU_RUN


def _outside_reason(lines: List[Line], i: int) -> str:
    line = lines[i]
    if line.reason:
        return line.reason
    if line.n_words <= 4 or in_menu_run(lines, i):
        return rules.NAVIGATION
    if is_headline_like(line):
        return rules.TEASER
    return rules.BOILERPLATE


def _mark_outside(lines: List[Line], outside: Iterable[int]) -> None:
    """The reason of each line outside the body (the title's and the dek's are set already)."""
    for i in outside:
        if not lines[i].reason:  # (_outside_reason keeps a reason)
            lines[i].reason = _outside_reason(lines, i)


STRUCTURED = 3  # this many headline-like lines between paragraphs: the article has sub-headings
TEASER_WORDS = 8  # a headline this long sharing no word with the section below is a teaser; a
# shorter line may be a sub-heading naming a section above: a teaser only sharing none with the body


def mark_teasers(lines: List[Line], start: int, end: int, stop: FrozenSet[str]) -> None:
    """A headline-like line between two body paragraphs that shares no words with the section
    below it announces another story: a teaser. Sub-headings share words with their section, or,
    short ones (under TEASER_WORDS words), with the article elsewhere (`Bond issue pays` may name
    a section above); a question there is an interviewer's or a rhetorical sub-heading, not a link
    to elsewhere. In an article with several such lines they are its sub-headings, and none is
    judged a teaser."""
    kept = [ln for ln in lines[start:end + 1] if not ln.reason]
    between = [j for j in range(1, len(kept) - 1) if kept[j - 1].good and kept[j + 1].good
               and not kept[j].good and is_headline_like(kept[j]) and kept[j].last_char != "?"]
    if len(between) >= STRUCTURED or not between:
        return
    memo = Stems(kept, stop)  # (the article's lines are read again for each line between)
    for j in between:
        if overlap_at(memo, j, range(j + 1, min(j + 3, len(kept)))) == 0.0 and (
                kept[j].n_words >= TEASER_WORDS or not shares_stems(memo, j, (k for k in range(len(kept)) if k != j))):
            kept[j].reason = rules.TEASER


def smooth_text_dump(lines: List[Line], stop: FrozenSet[str]) -> None:
    """Decide the body of a plain-text dump; sets `reason` and `role` on every line."""
    has_stoplist = bool(stop)
    mark_rules(lines)
    unmark_recurring_names(lines)
    lists.unmark_parallel_items(lines)
    folded = [line.text.casefold() for line in lines]
    mark_duplicates(lines, folded)
    mark_excerpts(lines, folded)
    min_words = float(MIN_GOOD_WORDS)  # (what is_good needs first; n_words is a float: compared with one, faster)
    good = [line.n_words >= min_words and not line.reason and is_good(line, has_stoplist) for line in lines]
    if not language.capitalises_nouns(stop):
        for i in compress(range(len(lines)), good):  # (the good lines: good[i] is read before it is set)
            good[i] = not is_long_title(lines[i])
    listed = lists.numbered_lists(lines)
    thread = comments.mark_comment_thread(lines, [ok or item for ok, item in zip(good, listed)] if any(listed) else good)
    blurbs.mark_author_blurb(lines, good, folded)
    for line, ok in zip(lines, good):
        line.good = ok and not line.reason
    score = list(map(_score, lines))
    for i in compress(range(len(lines)), listed):
        if not lines[i].reason:  # an item of the article's list, not a menu link
            score[i] = max(score[i], LIST_ITEM_GAIN)
    for i in compress(range(len(lines)), verse.verse_lines(lines)):
        score[i] = max(score[i], lines[i].n_words * SENTENCE_GAIN)  # a poem's line, not a menu link: a sentence
    span = _above_thread(lines, score, _above_footer(lines, score, body_span(lines, score=score)), thread)
    span = _above_comments(lines, score, span)
    echoes = title_echoes(folded)
    echoed = echoed_headlines(lines, stop, folded, echoes)
    anchored, head = posts.strongest_echo([(_anchored_span(lines, h, score), h) for h in echoed])
    if head is not None:  # (of several echoes, the one with the strongest body below it)
        share = CLOSED_SHARE if anchored and _closed(lines, anchored[1]) else ANCHORED_SHARE
        crumbed = posts.crumbed(lines, folded, head)
        strong = anchored and span and (anchored[2] >= share * span[2] or crumbed)
        if strong and (crumbed or posts.dated(lines, head) or not _story_above(lines, span[0], head)):
            span = anchored
        else:
            head = None
    closed = posts.closed_post(lines, folded, span, echoes)
    if closed is not None:
        head, span = closed
    if span is None:
        _mark_outside(lines, range(len(lines)))
        return
    start, end, _ = span
    if head is None:
        head = find_headline(lines, start, end, stop)
        if head is not None and head > start and _story_above(lines, start, head):
            head = None
        if head is not None:
            start = _lead_start(lines, head, start, end)
            end = max(end, start)
    if head is not None:
        lines[head].role, lines[head].reason = "title", rules.METADATA
        mark_description(lines, head, start, stop)
    mark_teasers(lines, start, end, stop)
    for line in lines[start:end + 1]:
        if not line.reason and line.role not in ("title", "description"):
            line.role = "body"
    _mark_outside(lines, range(start))
    _mark_outside(lines, range(end + 1, len(lines)))


def smooth_extracted(lines: List[Line], title: Optional[str] = None) -> None:
    """Post-clean trafilatura's output: it already chose the main content, so only the rules that
    name boilerplate unambiguously run (`rules.HTML_RULES`); a leading copy of the title goes."""
    if lines and title and lines[0].text.casefold() == " ".join(title.split()).casefold():
        lines[0].role, lines[0].reason = "title", rules.METADATA
    mark_rules(lines, rules.HTML_RULES)
    for line in lines:
        if not line.reason:
            line.role = "body"
