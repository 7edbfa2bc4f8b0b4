"""Stage helper (text dumps): where a blog post or an article starts and ends, read off the
page's own signposts rather than the lines' scores: the heading that counts the post's comments
below a short post (`closed_post`), a breadcrumb naming the headline (`crumbed`), the post's date
over its title (`dated`), and which of several echoes of the page's title is the post's headline
(`strongest_echo`). `context.py` uses these around the body span.
"""
from __future__ import annotations

import re
from typing import List, Optional

from . import comments, datelines, rules
from .headline import title_echoes
from .lines import Line

# a sidebar's list of other posts' comments: 'Recent Comments', 'Most commented'
SIDEBAR_COMMENT_WORDS = frozenset("recent latest newest popular most top".split())


def names_own_comments(line: Line) -> bool:
    """A terminator naming the post's own comments (`Comments (0)`, `Leave a Reply`), not a
    sidebar's list of the comments on other posts (`Recent Comments`)."""
    return (line.rule in rules.TERMINATORS and comments.is_comments_heading(line)
            and SIDEBAR_COMMENT_WORDS.isdisjoint(line.tokens))


CLOSED_POST_LINES = 24  # a post between its headline and its comments heading: at most this many lines ...
CLOSED_POST_WORDS = 5  # ... holding this many words in lines no rule removed
CLOSED_POST_RIVAL = 100.0  # a best span above the post scoring less is a sidebar's blurb, not a story
def counts_own_comments(line: Line) -> bool:
    """A heading counting the post's own comments (`2 comments:`, `Comments (0)`): a bare
    `Comments` is as often a link in the share bar under a headline, with the article below."""
    return names_own_comments(line) and any(c.isdigit() for c in line.text)


def _thread_between(lines: List[Line], heading: int, start: int) -> bool:
    """The comments heading opens a thread (`comments.opens_thread`) whose marks (a commenter's
    byline, a `Reply`) show before the best span below starts: the span is in the comments or
    past them, not the article under a share bar that counts its comments."""
    return comments.opens_thread(lines, heading, len(lines) - 1) and any(
        comments.is_thread_sign(lines, j) and (lines[j].rule in comments.SIGN_RULES or not lines[j].reason)
        for j in range(heading + 1, start))  # (a share bar's `Print` over the article is no name)


FORM_RULE = "comment_form"


def _form_between(lines: List[Line], heading: int, start: int) -> bool:
    """The comment form (`Mail (will not be published)`, `Post a Comment`) lies between the
    comments heading and the best span below: the post's comments end at their form, and the
    span is the sidebar or the footer past them (`Comments (0)`: no thread to mark them)."""
    return any(line.rule == FORM_RULE for line in lines[heading + 1:start])


def closed_post(lines: List[Line], folded: List[str], span: Optional[tuple],
                echoes: Optional[List[int]] = None) -> Optional[tuple]:
    """A short post (a photo, a video, a few lines of an address or credits) between its headline
    and the heading of its own comments (`2 comments:`, `{ 1 comment… read it below }`): its lines
    are too short to be body-like, so the best span lies elsewhere. The first such stretch below
    a headline is the post, (head, span), when the best span lies below the heading past the
    marks of a comment thread or the comment form (the comments, the sidebar after them; a count
    of comments in the share bar under a headline, with the article below it, has neither), or above the
    headline scoring under CLOSED_POST_RIVAL (a blogger's profile; a story there stays). `echoes`: the
    page's `title_echoes`, if the caller has them."""
    echoes = echoes if echoes is not None else title_echoes(folded)
    # (line 1 repeating the title is more often the blog's name: tried last)
    for head in [i for i in echoes if i > 1] + [i for i in echoes if i == 1]:
        heading = next((j for j in range(head + 1, min(len(lines), head + CLOSED_POST_LINES + 2))
                        if counts_own_comments(lines[j])), None)
        if heading is None or heading == head + 1:
            continue
        if sum(ln.n_words for ln in lines[head + 1:heading] if not ln.reason) < CLOSED_POST_WORDS:
            return None
        below = span is not None and span[0] > heading and (
            _thread_between(lines, heading, span[0]) or _form_between(lines, heading, span[0]))
        if span is None or below or (span[1] < head and span[2] < CLOSED_POST_RIVAL):
            return head, (head + 1, heading - 1, 0.0)
        return None
    return None


CRUMB_LOOKBACK = 2  # a breadcrumb naming the headline sits this close above it
_CRUMB_END = re.compile(r"[/»>›|]\s*$")


def crumbed(lines: List[Line], folded: List[str], head: int) -> bool:
    """A breadcrumb ending in the headline (`Home / Keeper emails from …`) sits just above it:
    the site's chrome ends there and the article starts below, however long the menu's blurbs or
    the sidebar's paragraphs above, and the headline sits inside no story. (Not the page's first
    two lines: its <title>, `Headline | Site`.)"""
    text = folded[head]
    return any(folded[j] != text and folded[j].endswith(text) and _CRUMB_END.search(folded[j][:-len(text)])
               for j in range(max(2, head - CRUMB_LOOKBACK), head))


def strongest_echo(found: List[tuple]) -> tuple:
    """Of the echoed headlines' (anchored span, line), the one with the strongest body below it;
    but an echo inside that body whose own body ends at the same line is the post's headline, and
    the echo above it the blog's name (`Blog | Post title` over `Blog`, its blurb, the post's
    date, `Post title`, the post)."""
    anchored, head = max(found, key=lambda item: item[0][2] if item[0] else 0.0, default=(None, None))
    if anchored is None:
        return anchored, head
    inner = [(span, h) for span, h in found if span and anchored[0] <= h <= anchored[1] and span[1] == anchored[1]]
    return max(inner, key=lambda item: item[1], default=(anchored, head))


def dated(lines: List[Line], head: int) -> bool:
    """The post's date right above the echoed headline (`Tuesday, October 23, 2012` over `In
    Shanghai this Week`): a post opens there, and the paragraph above it is the blog's blurb, not
    a story the headline sits inside."""
    return head > 0 and lines[head - 1].rule == datelines.DATELINE_RULE
