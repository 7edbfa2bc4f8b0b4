"""Readers' comments below an article in a text dump (`cleaner.text.comments`): a thread of
repeated bylines (or `Reply` lines) under a comments heading, below an article, is not the
article; a page that opens with its thread (a forum) keeps its posts."""
from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.text import comments
from cleaner.text.lines import split_lines

ARTICLE = [
    "My weekend with the old bicycle",
    "I took the old bicycle out of the shed on Saturday morning and found that the tyres were still holding air after all these years.",
    "The chain needed some oil and the brakes squeaked a little, but after half an hour of work it was ready for a ride along the river.",
    "We rode for two hours and stopped at the bakery by the bridge, where the bread was still warm and the coffee was stronger than I remembered.",
]
COMMENTS = [
    "Heather on October 23rd, 2012 1:37 pm",
    "What a lovely story, it makes me want to find my own bicycle again and ride along the river too.",
    "Kate on October 23rd, 2012 1:38 pm",
    "I did the same last spring. The tyres were flat, though, and the chain had rusted through completely.",
    "Jenn on October 23rd, 2012 1:41 pm",
    "Which bakery was it? I think I know the one by the bridge, they make the best rye bread in town.",
    "Chloe on October 23rd, 2012 1:44 pm",
    "Thanks for writing this, it brought back many memories of my grandfather and his workshop.",
]


def _body(text: str) -> str:
    return clean(text, input_format="text").text


def test_comments_below_an_article_are_removed_with_their_reason():
    dump = "\n".join(["Home", "Blog", "About"] + ARTICLE + ["4 Responses to “My weekend with the old bicycle”"]
                     + COMMENTS + ["Leave a Reply", "Copyright 2012 The Bicycle Blog"])
    result = clean(dump, input_format="text")
    assert ARTICLE[1] in result.text and ARTICLE[3] in result.text
    assert "lovely story" not in result.text and "grandfather" not in result.text
    removed = dict(result.removed)  # (text, reason) pairs
    assert removed[COMMENTS[1]] == "comments"
    assert removed[COMMENTS[7]] == "comments"


def test_long_comments_do_not_outweigh_a_short_post():
    """The comments hold more words than the post: without the thread rule the span took them."""
    long_comments = []
    for byline, text in zip(COMMENTS[::2], COMMENTS[1::2]):
        long_comments += [byline, text, text.replace("the", "a"), text.upper().capitalize()]
    dump = "\n".join(ARTICLE + ["Comments"] + long_comments)
    body = _body(dump)
    assert ARTICLE[2] in body
    assert "lovely story" not in body


def test_a_forum_thread_keeps_its_posts():
    """No article above the first byline: the posts are the page's content."""
    dump = "\n".join(["Forum", "Cycling", "Old bicycles", "12 replies"] + COMMENTS)
    body = _body(dump)
    assert "lovely story" in body and "grandfather" in body


def test_related_stories_with_bylines_are_not_a_comment_thread():
    teasers = []
    for i, day in enumerate((16, 10, 15)):
        teasers += [f"By Jane Doe on November {day}, 2022", f"Another story number {i} about bicycles. It has a summary sentence."]
    lines = split_lines("\n".join(ARTICLE + ["Related articles"] + teasers))
    good = [True] * len(lines)
    assert comments.mark_comment_thread(lines, good) is None


@pytest.mark.parametrize("text, shape", [
    ("Heather on October 23rd, 2012 1:37 pm", "w on M 0 pm"),
    ("Jermaine 07 Nov 12", "w 0 M 0"),
    ("by jdoe (1814588) writes:", "by w 0 writes"),
    ("Kate says:", "w says"),
    ("Yu Sheng Wu | November 9, 2012 3:45 AM | Reply", "w M 0 am w"),
    ("by ravenswood1000 (543817) writes:", "by w 0 writes"),  # a user name with digits is a name
    ("on 25 Oct 2012 at 7:20 pm2 Timon Piccini", "on 0 M 0 at 0 w"),  # date first, then the name
    ("1. James Cannon - Runcorn Trekkie UK - October 26, 2012", "w M 0"),  # the comment's number goes
    ("12 Kay October 29, 2012 at 7:50 am", "w M 0 at 0 am"),
])
def test_byline_shapes(text, shape):
    assert comments.byline_shape(split_lines(text)[0]) == shape


@pytest.mark.parametrize("text", [
    "Jeff (00:00:46): Hey, thank you. This is great.",  # a transcript's line of speech
    "London Retreat Day - Feb 2026",  # a month and a year, no day or time
    "The 2025 Eventscape",
    "Monday, March 3",  # a date heading, no name
    "1. Dave said:",  # numbered and undated: as likely an item of a list as a comment
])
def test_not_bylines(text):
    assert comments.byline_shape(split_lines(text)[0]) is None


@pytest.mark.parametrize("text, action", [
    ("Reply", True), ("[Reply]", True), ("Reply to This Parent Share", True), ("Antworten", True),
    ("Reply to this comment", True), ("Report Post »", True), ("Report", False),
    ("Replying to the minister, she said no.", False), ("Share", False),
])
def test_action_lines(text, action):
    assert comments.is_action(split_lines(text)[0]) is action


def test_a_counted_comments_heading_over_a_thread_ends_the_article():
    """`Comments (186)` with dated comment lines below it: the comments outweigh the article (no
    repeated byline shape here: names on lines of their own, `Posted on …` below each) and the
    article still ends at the heading."""
    thread = []
    for name, text in zip(("broper", "mtcountrygrl", "OniKaze", "desertspeaks", "seeker9"), COMMENTS[1::2] * 2):
        thread += [name, f"Posted on August 9, 2012 at 12:{len(name):02d}pm", text, text.replace("the", "this"),
                   text.replace("the", "that"), text.replace("I", "We")]
    dump = "\n".join(ARTICLE + ["Share this article", "Comments (186)", "Order By:", "Newest to Oldest"] + thread)
    body = _body(dump)
    assert ARTICLE[1] in body and ARTICLE[3] in body
    assert "lovely story" not in body and "grandfather" not in body


def test_a_bare_comments_heading_keeps_what_follows_in_the_span():
    """Without a count the heading may open a guestbook or a page that is all comments: the
    heading alone does not end the article when the text below outweighs it."""
    thread = []
    for name, text in zip(("Michael", "amy", "Peter", "kelly", "monica"), COMMENTS[1::2] * 2):
        thread += [text, text.replace("the", "this"), f"Posted by: {name} at February 7, 2005 09:12 AM"]
    lines = split_lines("\n".join(ARTICLE + ["Comments"] + thread))
    assert not comments.opens_thread(lines, len(ARTICLE), len(lines) - 1)
    counted = split_lines("\n".join(ARTICLE + ["12 Comments"] + thread))
    assert comments.opens_thread(counted, len(ARTICLE), len(counted) - 1)


def test_a_counted_heading_over_comments_under_bare_names_ends_the_article():
    """`{ 131 comments }`, then each comment under its writer's name alone (`Gibbo`, `Thomas
    Frank`): no dates, no bylines, the names are the thread's marks."""
    thread = []
    for name, text in zip(("Gibbo", "Robert", "Thomas Frank", "Michael", "Mars Dorian"), COMMENTS[1::2] * 2):
        thread += [name, text, text.replace("the", "this"), text.replace("the", "that"), text.replace("I", "We")]
    lines = split_lines("\n".join(ARTICLE + ["{ 131 comments }"] + thread))
    assert comments.opens_thread(lines, len(ARTICLE), len(lines) - 1)
    body = _body("\n".join(ARTICLE + ["{ 131 comments }"] + thread))
    assert ARTICLE[1] in body and "lovely story" not in body


def test_a_numbered_thread_whose_shape_the_post_s_own_dateline_shares():
    """The post's `Title 29 August, 2011` line has the shape of the comments' `1. Joel - 29
    August, 2011` bylines: the thread opens at the first comment, under `Comments»`, not at the
    post (which has no comments heading above it)."""
    thread = []
    for n, (name, text) in enumerate(zip(("Joel", "Lettraggad", "Robbo", "Jeff"), COMMENTS[1::2]), 1):
        thread += [f"{n}. {name} - 29 August, 2011", text]
    dump = "\n".join(["Home", "My weekend with the old bicycle 29 August, 2011"] + ARTICLE[1:]
                     + ["Share this:", "Comments»"] + thread)
    result = clean(dump, input_format="text")
    assert ARTICLE[1] in result.text and ARTICLE[3] in result.text
    assert "lovely story" not in result.text and "grandfather" not in result.text
    assert dict(result.removed)[COMMENTS[1]] == "comments"


def _slow_marks(lines):
    """`comments._marks` by its definition: `is_action` and `byline_shape` on every line."""
    shapes, actions = {}, []
    for i, line in enumerate(lines):
        if comments.is_action(line):
            actions.append(i)
        elif comments.byline_shape(line) is not None:
            shapes.setdefault(comments.byline_shape(line), []).append(i)
    bylines = sorted(i for found in shapes.values() for run in comments._runs(found)
                     if comments._thread_like(lines, run) for i in run)
    actions = [i for run in comments._runs(actions) if comments._thread_like(lines, run, before=True) for i in run]
    return bylines, actions


def test_marks_skip_only_lines_that_are_neither_bylines_nor_action_lines():
    """`_marks` tests the cheap conditions first (the fast path): it finds what the definition does."""
    extra = ["Kate says:", "Reply", "Report Post »", "Report", "[Reply]", "Jermaine 07 Nov 12", "Home", "1. Dave said:",
             "Posted 3 hours ago", "Jeff (00:00:46): Hey, thank you.", "東京 2012年10月23日 13:37", "",
             "12 Kay October 29, 2012 at 7:50 am"]
    for block in (COMMENTS, [c for pair in zip(COMMENTS[1::2], ["Reply"] * 4) for c in pair], extra):
        lines = split_lines("\n".join(ARTICLE + block * 2 + extra + ARTICLE))
        assert comments._marks(lines) == _slow_marks(lines)
    assert comments._marks(split_lines("\n".join(ARTICLE + COMMENTS)))[0]  # (a thread is found)
