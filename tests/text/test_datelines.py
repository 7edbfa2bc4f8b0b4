"""Datelines inside the text path's body span (`cleaner.text.datelines`): which one ends it."""
from __future__ import annotations

from cleaner import clean
from cleaner.text import datelines
from support import FLOOD_STORY as FLOOD, marked_lines as make

NEWS = [("10.11.2021", "Refugees at the border: the association calls for quick help",
         "The association calls on everyone involved to find a quick solution at the meeting of the ministers."),
        ("09.11.2021", "Addiction counselling works, but the money is missing",
         "On the second national day of action the association asks for secure funding of the counselling centres."),
        ("08.11.2021", "Conference on class in the crisis: families need more support",
         "A joint event of three associations on the participation of children and their families in the crisis.")]


def _body(texts):
    return clean("\n".join(texts), input_format="text").text


def test_bare_dates():
    dates = make(["10.11.2021", "Oct 31, 2025", "9 March 2019"])
    assert all(datelines.bare_date(d) for d in dates)
    signatures = make(["#1 pelex, May 26, 2025", "Posted by Kathy on March 21, 2007", "2/15/2026 11:52:53 AM"])
    assert not any(datelines.bare_date(s) for s in signatures)


def test_a_list_of_dated_news_below_the_article_ends_it():
    story = FLOOD + [p.replace("barrier", "wall") for p in FLOOD]
    news = [line for item in NEWS for line in item]
    body = _body(["Home", "City approves flood barrier"] + story + ["Latest"] + news + ["Imprint"])
    assert FLOOD[0] in body and story[-1] in body
    assert NEWS[0][2] not in body and NEWS[2][2] not in body


def test_a_series_dated_from_its_first_post_is_not_cut():
    """A blog's or a forum's first entry is dated like the ones below it: the dates end nothing."""
    texts = ["Home"]
    for day, title, text in NEWS:
        texts += [day, title, text] + [p.replace("barrier", f"barrier {day}") for p in FLOOD[:2]]
    body = _body(texts + ["Imprint"])
    assert NEWS[0][2] in body and NEWS[2][2] in body
