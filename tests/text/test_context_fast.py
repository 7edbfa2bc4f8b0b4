"""The context stage's fast paths (cheap tests first, work done once per page) find what their
definitions do: each function against a slow reference written as the definition reads (the code
before the fast paths), on generated pages that mix comment bylines, dates, action lines, menus,
numbered and bulleted lists, verse, author labels, names over blurbs, excerpts and paragraphs."""
from __future__ import annotations

import random
import re
from itertools import islice
from typing import List, Optional

import pytest

from cleaner.dates import MONTHS, find_dates
from cleaner.text import blurbs, comments, context, headline, lists, verse
from cleaner.text.language import stopwords
from cleaner.text.lines import Line, split_lines

STOP = stopwords("en")
PARAGRAPH = ("Jane Doe is a senior reporter at the Gazette, where she has covered city hall and the "
             "environment since 2009, and she lives on the east side with her two children.")
PIECES = [
    "Kate says:", "Kate says:", "Reply", "[Reply]", "Report Post »", "Report", "Reply to this comment",
    "Heather on October 23rd, 2012 1:37 pm", "Kate on October 24th, 2012 1:38 pm", "Jermaine 07 Nov 12",
    "1. James Cannon - October 26, 2012", "2. Dave said:", "#3 Kay 4 hours ago", "12 Kay October 29, 2012 at 7:50 am",
    "Posted by jdoe on 12.03.2019", "by ravenswood1000 (543817) writes:", "user_name 5", "Page 2", "Chapter 3 Title",
    "on 25 Oct 2012 at 7:20 pm2 Timon Piccini", "Monday, March 3", "May 2019", "Mai 12 Mai 12", "Posted 5pm",
    "東京 2012年10月23日 13:37", "Ahmed ٢٠١٢-١٠-٢٣", "Ⅻ Ravi", "½ Cup", "Jeff (00:00:46): Hey, thank you.",
    "• Amazon Kindle", "• Kobo Clara", "• Pocketbook", "- item one", "- item two", "* star item",
    "1. Preheat the oven", "2. Mix the flour", "3. Add the eggs", "4. Bake for an hour", "5. Let it cool", "7) Serve",
    "٣. Arabic item", "Author", "AUTOR", "Über den Autor", "About me", "About Jane Doe", "Autor: Max Muster",
    "Authentic food", "Beautiful autumn", "Jane Doe", "Jacob Wade",
    "Jacob Wade is a personal finance expert who writes about saving money.",
    PARAGRAPH, "Home", "News", "Contact Us", "Privacy Policy", "Share", "Comments (3)", "3 Responses to “The walk”",
    "The rain fell on the roof, and the river rose;", "the night was long and we were cold,",
    "and so we sang until the morning came.", "we sang of home and of the sea,", "Read more…",
    PARAGRAPH[:120] + "…", PARAGRAPH[:110] + " [...]", "A Walk By The River In Autumn", "The walk by the river",
    "Where is the river bridge?", "Wall Street Banks Report Record Profits",
]


def _pages(count: int = 60, seed: int = 13):
    rng = random.Random(seed)
    for _ in range(count):
        texts = [rng.choice(PIECES) for _ in range(rng.randint(15, 90))]
        if rng.random() < 0.5:
            texts = ["The walk by the river – Gazette", "Gazette"] + texts
        lines = split_lines("\n".join(texts), STOP)
        context.mark_rules(lines)
        for line in lines:
            line.good = not line.reason and context.is_good(line, True)
        yield lines


PAGES = list(_pages())


def _slow_is_dated(text: str) -> bool:
    if comments._TIME.search(text) or find_dates(text):
        return True
    return any(m.group(1).lower() in MONTHS for m in comments._DAY_MONTH_YY.finditer(text))


def _slow_byline_shape(line: Line) -> Optional[str]:
    if not line.tokens or line.n_words > comments.BYLINE_MAX_WORDS or line.unspaced:
        return None
    if line.ends_sentence and line.last_char != ":":
        return None
    tokens = line.tokens
    numbered = bool(comments._COMMENT_NUMBER.match(line.text))
    if numbered:
        tokens = tokens[1:]
    shape: List[str] = []
    for token in tokens:
        if not token.isalpha() and any(c.isdigit() for c in token) and not comments._USERNAME.match(token):
            part = "0"
        elif token in MONTHS:
            part = "M"
        elif token in comments.WEEKDAYS:
            part = "D"
        elif token in comments.BYLINE_WORDS:
            part = token
        else:
            part = "w"
        if not shape or shape[-1] != part or part in comments.BYLINE_WORDS:
            shape.append(part)
    if not shape or shape[0] not in ("w", "by", "posted", "on"):
        return None
    if not 1 <= shape.count("w") <= comments.BYLINE_MAX_NAME_RUNS:
        return None
    if not ((not numbered and any(p in comments.SPEECH_WORDS for p in shape)) or _slow_is_dated(line.text)):
        return None
    return " ".join(shape)


def test_bylines_and_dates_as_defined():
    texts = [line.text for lines in PAGES for line in lines] + PIECES
    for line in split_lines("\n".join(texts)):
        assert comments.is_dated(line.text) == _slow_is_dated(line.text), line.text
        assert comments.byline_shape(line) == _slow_byline_shape(line), line.text


def _slow_marks(lines):
    shapes, actions = {}, []
    for i, line in enumerate(lines):
        if comments.is_action(line):
            actions.append(i)
        elif _slow_byline_shape(line) is not None:
            shapes.setdefault(_slow_byline_shape(line), []).append(i)
    bylines = sorted(i for found in shapes.values() for run in comments._runs(found)
                     if comments._thread_like(lines, run) for i in run)
    actions = [i for run in comments._runs(actions) if comments._thread_like(lines, run, before=True) for i in run]
    return bylines, actions


def _slow_labels(lines):
    found = [(i, blurbs.LABEL_REACH if blurbs.is_author_label(ln) else blurbs.ABOUT_REACH) for i, ln in enumerate(lines)
             if ln.n_words <= blurbs.LABEL_MAX_WORDS and (blurbs.is_author_label(ln) or blurbs.is_about_label(ln))]
    texts = [lines[i].text.casefold() for i, _ in found]
    return [label for label, text in zip(found, texts) if texts.count(text) == 1]


def _slow_named_blurbs(lines, good):
    names = [(i, name) for i, line in enumerate(lines) for name in [blurbs._name(line)] if name]
    found = []
    for i, name in names:
        for j in range(i + 1, min(len(lines), i + 1 + blurbs.NAME_REACH)):
            line = lines[j]
            rest = line.text[len(name) + 1:len(name) + 2]
            if line.text.startswith(name + " ") and rest.islower() and blurbs._is_blurb_text(line):
                found.append(j)
                break
    return [j for j in found if blurbs.article_words(lines[:j], good[:j]) >= blurbs.MIN_ARTICLE_WORDS
            and not any(good[j + 1:j + 1 + blurbs.BLURB_TAIL])]


def test_marks_labels_and_named_blurbs_as_defined():
    marked = 0
    for lines in PAGES:
        good = [line.good for line in lines]
        assert comments._marks(lines) == _slow_marks(lines)
        assert blurbs._labels(lines, [line.text.casefold() for line in lines]) == _slow_labels(lines)
        assert blurbs._named_blurbs(lines, good) == _slow_named_blurbs(lines, good)
        marked += bool(comments._marks(lines)[0]) + bool(comments._marks(lines)[1])
    assert marked  # (the pages hold threads)


def _slow_numbered(lines):
    numbers = [lists._number(line) for line in lines]
    listed = [False] * len(lines)
    i = 0
    while i < len(lines):
        if numbers[i] is None:
            i += 1
            continue
        items, j = [i], i + 1
        while j < len(lines) and j - items[-1] <= lists.ENUM_GAP + 1:
            if numbers[j] is not None:
                if numbers[j] != numbers[items[-1]] + 1:
                    break
                items.append(j)
            j += 1
        if len(items) >= lists.ENUM_RUN:
            listed[items[0]:items[-1] + 1] = [True] * (items[-1] + 1 - items[0])
        i = items[-1] + 1
    bullets = [lists._bullet(line) for line in lines]
    i = 0
    while i < len(lines):
        j = i + 1
        while bullets[i] and j < len(lines) and bullets[j] == bullets[i]:
            j += 1
        if bullets[i] and j - i >= lists.BULLET_RUN:
            listed[i:j] = [True] * (j - i)
        i = j
    return listed


def _slow_verse(lines):
    found, i = [False] * len(lines), 0
    while i < len(lines):
        if not verse._verse_like(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and verse._verse_like(lines[j]):
            j += 1
        ends = [line.last_char for line in lines[i:j]]
        if (j - i >= verse.VERSE_MIN_LINES and sum(c in verse._PUNCT for c in ends) >= verse.VERSE_PUNCT_SHARE * (j - i)
                and sum(c in verse._RUN_ON for c in ends) >= verse.VERSE_RUN_ON):
            found[i:j] = [True] * (j - i)
        i = j
    return found


def test_lists_and_verse_as_defined():
    runs = [["1. One", "2. Two", "3. Three", "4. Four", "5. Five"], [f"{d}. item" for d in "١٢٣٤٥"],
            ["• a b", "• c d", "• e f"],
            ["The rain fell on the roof, and the river rose;"] * 3 + ["the night was long and we were cold,"] * 3]
    pages = PAGES + [split_lines("\n".join(["Home"] + run + ["", "x"]), STOP) for run in runs]
    for lines in pages:
        assert lists.numbered_lists(lines) == _slow_numbered(lines)
        assert verse.verse_lines(lines) == _slow_verse(lines)
    assert all(any(lists.numbered_lists(lines)) for lines in pages[-4:-1]) and any(verse.verse_lines(pages[-1]))
    assert lists.numbered_lists([Line(""), Line("1. a")]) == [False, False]  # (a line without text)


def _slow_echoed(lines, stop, folded):
    top = folded[:2]
    longest = max(map(len, top), default=0)
    memo = headline.Stems(lines, stop)
    return [i for i, text in enumerate(folded[1:], 1) if 15 <= len(text) <= longest
            and any(text in t for t in top[:i]) and headline._headline_score(lines, i, memo) > 0]


def test_stems_overlaps_and_echoes_as_defined():
    for lines in PAGES:
        memo = headline.Stems(lines, STOP)
        for i in range(0, len(lines), 3):
            others = list(range(i + 1, min(len(lines), i + 6)))
            exact = headline.overlap(lines[i], [lines[j] for j in others], STOP)
            assert headline.overlap_at(memo, i, others) == exact
            assert headline.shares_stems(memo, i, others) == (exact > 0)
        folded = [line.text.casefold() for line in lines]
        assert headline.echoed_headlines(lines, STOP, folded) == _slow_echoed(lines, STOP, folded)


def _slow_duplicates(lines, keys):
    seen = set()
    for i, line in enumerate(lines):
        key = keys[i]
        pair = (i > 0 and keys[i - 1] == key and line.n_words >= 6
                and (i < 2 or keys[i - 2] != key) and (i + 1 >= len(lines) or keys[i + 1] != key))
        if pair:
            lines[i - 1].reason = lines[i - 1].reason or "caption"
            line.reason = line.reason or "caption"
        elif key in seen and (line.n_words >= 3 or not line.ends_sentence):
            line.reason = line.reason or "duplicate"
        seen.add(key)


def _slow_excerpts(lines, keys):
    for i, line in enumerate(lines):
        cut = None if line.reason else re.search(r"\s*(?:…|\.\.\.|\[(?:…|\.\.\.)\])\W*$", keys[i])
        if cut is None or cut.start() < context.EXCERPT_MIN_CHARS:
            continue
        head = keys[i][:cut.start()]
        if any(keys[j].startswith(head) and len(keys[j]) > len(head) + 1 for j in range(i)):
            line.reason = "duplicate"


@pytest.mark.parametrize("pair", [(context.mark_duplicates, _slow_duplicates), (context.mark_excerpts, _slow_excerpts)])
def test_duplicates_and_excerpts_as_defined(pair):
    fast, slow = pair
    for lines in PAGES:
        keys = [line.text.casefold() for line in lines]
        a = [Line(ln.text, ln.tokens, ln.n_words, ln.n_stop, ln.reason) for ln in lines]
        b = [Line(ln.text, ln.tokens, ln.n_words, ln.n_stop, ln.reason) for ln in lines]
        fast(a, keys)
        slow(b, keys)
        assert [ln.reason for ln in a] == [ln.reason for ln in b]


def _slow_body_span(lines, lo=0, anchor=None, score=None):
    best, best_span, run, run_start = 0.0, None, 0.0, lo
    for i in range(lo, len(lines)):
        restart = -context.START_PENALTY * (i - anchor) if anchor is not None else 0.0
        if run <= restart:
            run, run_start = restart, i
        run += score[i]
        if run > best:
            best, best_span = run, (run_start, i, run)
    if best_span is not None:
        best_span = context._lead_in(lines, score, context._cut_at_ending(lines, score, best_span), lo)
    return best_span


def test_body_span_as_defined():
    for lines in PAGES:
        score = [context._score(line) for line in lines]
        for lo, anchor in [(0, None), (3, None), (2, 2), (5, 5)]:
            assert context.body_span(lines, lo, anchor, score) == _slow_body_span(lines, lo, anchor, score)


def test_lead_of_a_headline_as_defined():
    """`_headline_score` takes the same lead as the first LEAD_PARAGRAPHS good lines below."""
    for lines in PAGES[:10]:
        memo = headline.Stems(lines, STOP)
        for i in range(len(lines)):
            lead = list(islice((ln for ln in islice(lines, i + 1, None) if ln.good), headline.LEAD_PARAGRAPHS))
            cand = lines[i]
            exact = 0.0
            if (cand.reason in (None, "teaser", "duplicate") and headline.is_headline_like(cand) and lead
                    and len(headline.stems(cand, STOP)) >= 2):
                exact = headline.overlap(cand, lead, STOP)
                exact = exact if exact >= headline.MIN_OVERLAP else 0.0
            assert headline._headline_score(lines, i, memo) == exact


def _slow_in_menu_run(lines, i):
    lo = i
    while lo > 0 and context._short(lines[lo - 1]) and i - lo < context.MENU_RUN:
        lo -= 1
    hi = i
    while hi + 1 < len(lines) and context._short(lines[hi + 1]) and hi - i < context.MENU_RUN:
        hi += 1
    return context._short(lines[i]) and hi - lo + 1 >= context.MENU_RUN


def test_menu_runs_as_defined():
    for lines in PAGES:
        for i in range(len(lines)):
            assert context.in_menu_run(lines, i) == _slow_in_menu_run(lines, i)
