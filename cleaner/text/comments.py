"""Stage: readers' comments below an article in a plain-text dump.

A comment thread shows as a run of comments, each opened by a byline of the same shape
(`Heather on October 23rd, 2012 1:37 pm`, `Jermaine 07 Nov 12`, `by jdoe (1234) writes:`, `Kate
says:`) or closed by the same action line (`Reply`, `[Reply]`, `Reply to This Parent Share`).
Comments are sentences like the article's, often more of them, so the body span alone would
keep them or even choose them over a short post. Here the thread is found by that repeated
shape; when it opens just below a line naming the comments (`156 Responses to …`, `See all 20
Comments`) with an article just above that line, its lines are marked as comments before the
span is chosen. A page that opens with its thread (a forum, a Q&A page) has no article above it
and is left alone: there the posts are the content.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional

from ..dates import MONTHS, find_dates
from ..vocabulary import COMMENT_NOUNS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES
from . import rules
from .lines import Line

RULE = "comment_thread"
THREAD_MIN_MARKS = 3  # a byline shape (or action line) seen this often may open (close) comments
TEXT_GAP_SHARE = 0.5  # ... with comment text after (before) at least this share of them
MIN_SENTENCE_WORDS = 3  # comment text: a sentence of this many words
MAX_LINES_PER_COMMENT = 8  # the last comment's text runs at most this many lines below its byline
MAX_MARK_GAP = 40  # one byline (action line) of a thread is at most this many lines below the one before
BYLINE_MAX_WORDS = 14  # a byline is a short line ...
BYLINE_MAX_NAME_RUNS = 2  # ... with at most this many runs of other words (the name, a label)
ACTION_MAX_WORDS = 5
ARTICLE_MIN_WORDS = 40  # body-like words just above the heading: an article the comments are about
ARTICLE_WINDOW = 45  # ... within this many lines
HEADING_LOOKBACK = 8  # the thread opens this close below a line naming the comments ...
HEADING_MAX_WORDS = 25  # ... a line of at most this many words
REPLY_LOOKBACK = 12  # a thread known only by its action lines starts at most this far above the first

_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b)?|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)|\bago\b", re.I)
_USERNAME = re.compile(r"^[^\W\d_]{3,}\d+$")  # 'ravenswood1000', a name (not '23rd', 'pm2')
_DAY_MONTH_YY = re.compile(r"\b\d{1,2}\.?\s+([^\W\d_]{3,9})\.?\s+\d{2}\b")  # '07 Nov 12'
_FOUR_DIGITS = re.compile(r"\d{4}")  # a year: every date `find_dates` reads holds one (in any script's digits)
_COMMENT_NUMBER = re.compile(r"^#?\d{1,3}[.)]?\s+\D")  # '1. James …', '#12 Kay …': the comment's number
# Verbs a dateless byline ends with ('Kate says:'); a line with a date needs none.
SPEECH_WORDS = frozenset("says said wrote writes sagt schrieb dit écrit dice escribió scrive pisze napisał".split())
SPEECH_OR_AGO = SPEECH_WORDS | {"ago"}  # (a line holding none, its tokens all letters, is no byline: `_undated_shape`)
# Words a byline keeps as they are in its shape (those verbs too); any other word is part of a
# name (or a label).
BYLINE_WORDS = SPEECH_WORDS | frozenset(
    "on at by posted am pm um le el den il op ago hours minutes days ha scritto".split())
WEEKDAYS = frozenset(WEEKDAY_NAMES + WEEKDAY_ABBREVIATIONS)
BYLINE_OPENERS = ("w", "by", "posted", "on")  # a byline's shape opens with a name or one of these words
# a word's part of a shape (besides digits and names): month names `M`, weekdays `D` (in this order:
# a word that is both is a month), byline words as they are
_PARTS = {**{word: word for word in BYLINE_WORDS}, **{day: "D" for day in WEEKDAYS}, **{month: "M" for month in MONTHS}}
COMMENT_WORDS = frozenset(COMMENT_NOUNS)  # a line naming the comments holds one
REPLY_WORDS = frozenset("reply antworten répondre responder rispondi odpowiedz reageer".split())
ACTION_WORDS = REPLY_WORDS | frozenset(
    "to this parent share report abuse flag as inappropriate like quote permalink link edit delete comment post".split()
)
REPORTED = frozenset("post comment abuse".split())  # 'Report Post': a comment's action; 'Report' alone is not
ACTION_OPENERS = REPLY_WORDS | {"report"}  # the first word of an action line (`is_action`)


def is_dated(text: str) -> bool:
    """A full calendar date, a clock time or `… ago` in the line."""
    if _TIME.search(text) or (_FOUR_DIGITS.search(text) and find_dates(text)):  # (each full date has its year)
        return True
    if not _DAY_MONTH_YY.search(text):  # (the quick answer for most lines)
        return False
    return any(m.group(1).lower() in MONTHS for m in _DAY_MONTH_YY.finditer(text))


def byline_shape(line: Line) -> Optional[str]:
    """The shape of a comment byline, or None for a line that cannot be one: a short line that
    opens with a name (or `by`) and holds a date or time, or ends with a verb of speech
    (`Kate says:`); after the comment's number if the line opens with one, and then dated (`1.
    James Cannon - October 26, 2012`; `1. Dave said:` may head an item of a list). In the shape digits become `0`, month names `M`, weekdays `D`, runs of other
    words `w` (the name); byline words stay."""
    found = _undated_shape(line)
    if found is None:
        return None
    shape, spoken = found
    return shape if spoken or is_dated(line.text) else None


def _undated_shape(line: Line) -> Optional[tuple]:
    """(shape, spoken) of a line `byline_shape` may take, all its tests made but the date's:
    `spoken` when the line needs no date (unnumbered, with a verb of speech); None for a line it
    cannot take."""
    if not line.tokens or line.n_words > BYLINE_MAX_WORDS or line.unspaced:
        return None
    if line.ends_sentence and line.last_char != ":":  # a line of speech, not a byline above one
        return None
    tokens = line.tokens  # (a digit is in one: no letter is a digit, lower-casing keeps digits)
    if SPEECH_OR_AGO.isdisjoint(tokens) and "".join(tokens).isalpha():
        return None  # the test at the end, made cheap first: no verb of speech, nothing is_dated needs
    return _shape(line)


def _shape(line: Line) -> Optional[tuple]:
    """`_undated_shape` of a line that passed its first tests."""
    tokens = line.tokens
    opening = line.text[:1]  # (what _COMMENT_NUMBER needs first)
    numbered = (opening == "#" or opening.isdigit()) and bool(_COMMENT_NUMBER.match(line.text))
    if numbered:  # a numbered comment: its number is not part of the shape
        tokens = tokens[1:]
    shape: List[str] = []
    for token in tokens:
        if token.isalpha():
            part = _PARTS.get(token, "w")
        elif token.isdigit() or (any(c.isdigit() for c in token) and not _USERNAME.match(token)):  # (no letter is a digit)
            part = "0"
        else:
            part = _PARTS.get(token, "w")
        if not shape:
            if part not in BYLINE_OPENERS:  # (the test below, made at the first word)
                return None
            shape.append(part)
        elif shape[-1] != part or part in BYLINE_WORDS:
            shape.append(part)
    if not shape or shape[0] not in BYLINE_OPENERS or not 1 <= shape.count("w") <= BYLINE_MAX_NAME_RUNS:
        return None
    return " ".join(shape), not numbered and not SPEECH_WORDS.isdisjoint(shape)


def is_action(line: Line) -> bool:
    """A comment's action line: `Reply`, `[Reply]`, `Reply ↓`, `Reply to This Parent Share`,
    `Report Post »`."""
    tokens = line.tokens
    if not 0 < len(tokens) <= ACTION_MAX_WORDS or not all(t in ACTION_WORDS for t in tokens):
        return False
    return tokens[0] in REPLY_WORDS or (tokens[0] == "report" and len(tokens) > 1 and tokens[1] in REPORTED)


def _marks(lines: List[Line]) -> tuple:
    """Indices of the repeated bylines and of the repeated action lines, each in runs of close
    marks that look like a thread."""
    shapes: Dict[str, List[tuple]] = {}  # shape -> (line, needs no date) of each line of that shape
    actions: List[int] = []
    no_speech_nor_ago = SPEECH_OR_AGO.isdisjoint
    max_words = float(BYLINE_MAX_WORDS)  # (n_words is a float: compared with a float, faster)
    for i, line in enumerate(lines):
        tokens = line.tokens
        if not tokens:  # (neither an action line nor a byline)
            continue
        if len(tokens) <= ACTION_MAX_WORDS and tokens[0] in ACTION_OPENERS and is_action(line):
            actions.append(i)
            continue
        # _undated_shape's first tests, inlined: most lines (a paragraph, a menu's link) fail them
        if line.n_words > max_words or line.unspaced or (line.ends_sentence and line.last_char != ":"):
            continue
        if no_speech_nor_ago(tokens) and "".join(tokens).isalpha():
            continue
        found = _shape(line)  # (_undated_shape: its first tests made above)
        if found is not None:
            shapes.setdefault(found[0], []).append((i, found[1]))
    # (a shape seen fewer than THREAD_MIN_MARKS times makes no thread: its lines' dates go unread)
    bylines = sorted(i for found in shapes.values() if len(found) >= THREAD_MIN_MARKS
                     for run in _runs([i for i, spoken in found if spoken or is_dated(lines[i].text)])
                     if _thread_like(lines, run) for i in run)
    actions = [i for run in _runs(actions) if _thread_like(lines, run, before=True) for i in run]
    return bylines, actions


def _runs(marks: List[int]) -> List[List[int]]:
    """The marks split where one is more than MAX_MARK_GAP lines below the one before."""
    runs: List[List[int]] = []
    for i in marks:
        if runs and i - runs[-1][-1] <= MAX_MARK_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _is_comment_text(line: Line) -> bool:
    return line.ends_sentence and line.n_words >= MIN_SENTENCE_WORDS


def _thread_like(lines: List[Line], marks: List[int], before: bool = False) -> bool:
    """Enough marks, with comment text after (before, for action lines) most of them."""
    if len(marks) < THREAD_MIN_MARKS:
        return False
    if before:  # an action line closes the comment above it
        bounds = [marks[0] - MAX_LINES_PER_COMMENT - 1] + marks
    else:  # a byline opens the comment below it
        bounds = marks + [marks[-1] + MAX_LINES_PER_COMMENT + 1]
    with_text = sum(1 for a, b in zip(bounds, bounds[1:])
                    if any(_is_comment_text(lines[j]) for j in range(max(0, a + 1), min(b, len(lines)))))
    return with_text >= TEXT_GAP_SHARE * len(marks)


def _thread(bylines: List[int], actions: List[int]) -> List[int]:
    """The marks of the first thread: from the first mark on, while the next is close."""
    marks = sorted(bylines + actions)
    thread = marks[:1]
    for i in marks[1:]:
        if i - thread[-1] > MAX_MARK_GAP:
            break
        thread.append(i)
    return thread


def is_comments_heading(line: Line) -> bool:
    """A short line that names the comments: `156 Responses to …`, `See all 20 Comments`,
    `Comments Filter:`, `The Fine Print: The following comments are owned by whoever posted them`."""
    return line.n_words <= HEADING_MAX_WORDS and any(t in COMMENT_WORDS for t in line.tokens)


COMMENTS_SIGNS = 2  # a comments heading opens a thread when this many comment bylines, datelines ...
SIGNS_WINDOW = 30  # ... or action lines follow it within this many lines
SIGN_RULES = frozenset({"dateline", "byline"})


def opens_thread(lines: List[Line], i: int, end: int) -> bool:
    """Line i names and counts the comments (`Comments (186)`, `53 Responses to …`) and what
    follows it (up to line `end`) carries the marks of a thread: dated lines, bylines, `Reply`
    lines or commenters' names on lines of their own. (A count of comments in a share bar under
    the headline has the article below it, not comments; a bare `Comments` heading may open a
    guestbook or a page that is all comments.)"""
    if not is_comments_heading(lines[i]) or not any(c.isdigit() for c in lines[i].text):
        return False
    hi = min(end + 1, i + 1 + SIGNS_WINDOW)
    return sum(1 for j in range(i + 1, hi) if is_thread_sign(lines, j)) >= COMMENTS_SIGNS


def is_thread_sign(lines: List[Line], j: int) -> bool:
    """Line j bears a mark of a comment thread: a dated line, a byline, an action line (`Reply`)
    or a commenter's name on a line of its own."""
    line = lines[j]
    return (line.rule in SIGN_RULES or is_action(line) or byline_shape(line) is not None
            or _is_name_line(lines, j))


NAME_MAX_WORDS = 3  # a commenter's name on a line of its own: this many words at most


def _is_name_line(lines: List[Line], j: int) -> bool:
    """A commenter's name on a line of its own (`Gibbo`, `Thomas Frank`): at most NAME_MAX_WORDS
    words, no stop word, no sentence mark, and comment text (a sentence) on the line below."""
    line = lines[j]
    if not 0 < line.n_words <= NAME_MAX_WORDS or line.n_stop or line.ends_sentence or line.unspaced:
        return False
    return j + 1 < len(lines) and _is_comment_text(lines[j + 1])


COMMENTS_ARTICLE_WORDS = 50  # body-like words above a heading that opens a comment thread


def ends_article(lines: List[Line], start: int, i: int, end: int) -> bool:
    """In the body span lines[start:end + 1], line i opens readers' comments (`opens_thread`)
    below an article of COMMENTS_ARTICLE_WORDS body-like words: it ends the article, however much
    the comments outweigh it."""
    if not opens_thread(lines, i, end):
        return False
    return sum(ln.n_words for ln in lines[start:i] if ln.good) >= COMMENTS_ARTICLE_WORDS


def _thread_start(lines: List[Line], bylines: List[int], actions: List[int]) -> int:
    if bylines and (not actions or bylines[0] < actions[0]):
        return bylines[0]
    first = actions[0]
    start = first
    while start > 0 and first - start < REPLY_LOOKBACK and not lines[start - 1].reason:
        start -= 1
    return start


def _thread_end(lines: List[Line], bylines: List[int], actions: List[int]) -> int:
    """The last line of the last comment: its action line, else the text below its byline (up
    to the next line a rule removed, and no further than one comment's length)."""
    last_byline = bylines[-1] if bylines else -1
    if actions and actions[-1] > last_byline:
        return actions[-1]
    end = last_byline
    while end + 1 < len(lines) and end - last_byline < MAX_LINES_PER_COMMENT and not lines[end + 1].reason:
        end += 1
    return end


def article_words(lines: List[Line], good: List[bool]) -> float:
    return sum(line.n_words for line, ok in zip(lines, good) if ok)


START_TRIES = 3  # the thread may open at any of its first marks (the first may be the article's own byline)


def _headed_thread(lines: List[Line], marks: List[int], bylines: List[int], actions: List[int]) -> Optional[tuple]:
    """(start, heading) of the thread: where its comments start, from one of its first
    START_TRIES marks on, with a line naming the comments just above (`I have not gone into
    hiding 29 August, 2011` over the post has the shape of the comments' `1. Joel - 29 August,
    2011`, and the thread opens at the second mark, under `Comments»`); None without one. Past
    the first mark the heading must be one a rule names (`comments_heading`, `related_heading`):
    on a blog's front page each post's footer names its comments.)"""
    for k in range(min(START_TRIES, len(marks))):
        thread = set(marks[k:])
        start = _thread_start(lines, [i for i in bylines if i in thread], [i for i in actions if i in thread])
        heading = next((i for i in range(start - 1, max(-1, start - 1 - HEADING_LOOKBACK), -1)
                        if is_comments_heading(lines[i]) and (k == 0 or lines[i].rule in rules.TERMINATORS)), None)
        if heading is not None:
            return start, heading
    return None


def mark_comment_thread(lines: List[Line], good: List[bool]) -> Optional[tuple]:
    """Mark the lines of a comment thread below an article (`comments`, rule `comment_thread`):
    from the first repeated byline (or the comment above the first repeated action line) to the
    end of the last comment. `good`: which lines read as body text on their own. Returns the
    thread's (start, end), or None when the page has no thread below an article."""
    bylines, actions = _marks(lines)
    if not bylines and not actions:
        return None
    found = _headed_thread(lines, _thread(bylines, actions), bylines, actions)
    if found is None:
        return None
    start, heading = found
    above = max(0, heading - ARTICLE_WINDOW)
    if article_words(lines[above:heading], good[above:heading]) < ARTICLE_MIN_WORDS:
        return None
    end = _thread_end(lines, bylines, actions)  # the last comment of any run below: a long one splits a thread
    for line in lines[start:end + 1]:
        if not line.reason:
            line.reason, line.rule = rules.COMMENTS, RULE
    return start, end
