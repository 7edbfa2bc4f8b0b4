"""Numbered lists in text dumps (`cleaner.text.lists`): a ranking or a set of steps is part of
the article, not a menu."""
from __future__ import annotations

from cleaner import clean
from cleaner.text.lines import split_lines
from cleaner.text.lists import numbered_lists

INTRO = ("I am not much of a metal fan these days, but I listened to a lot of it in school, and this "
         "list of the best singers of all time brought back many memories of those years.")
OUTRO = ("Some of my own favourites are missing from the list, and I will write about them in another "
         "post next week, together with the records that I still play today.")
NAMES = ["Robert Plant", "Rob Halford", "Steven Tyler", "Chris Cornell", "Bon Scott", "Freddie Mercury",
         "Bruce Dickinson", "Ozzy Osbourne", "Paul Rodgers", "Ronnie James Dio", "Axl Rose", "Sammy Hagar"]


def test_a_ranking_between_paragraphs_is_kept():
    items = [f"{n:02d}. {name}" for n, name in enumerate(NAMES * 4, 1)]  # 48 items: longer than the text
    dump = "\n".join(["Music Blog", "Home", "About", INTRO, "Here is the full list from the magazine:"]
                     + items + [OUTRO, "Tweet", "Copyright 2015 Music Blog"])
    body = clean(dump, input_format="text").text
    assert INTRO in body and OUTRO in body
    for item in items:
        assert item in body


def test_numbered_lists_need_items_in_order():
    lines = split_lines("\n".join(["1. Home", "2. News", "3. Sport", "4. Weather", "5. Contact", "Other",
                                   "1. A", "3. B", "4. C", "5. D", "6. E"]))
    assert numbered_lists(lines) == [True] * 5 + [False] * 6


def test_an_item_may_have_description_lines():
    text = "\n".join(["1. First step", "Mix the flour and the water.", "2. Second step", "Knead it.",
                      "Let it rest.", "3. Third", "4. Fourth", "5. Fifth", "The end of the recipe."])
    assert numbered_lists(split_lines(text)) == [True] * 8 + [False]


def test_a_bulleted_list_between_paragraphs_is_kept():
    devices = ["Amazon Kindle", "Barnes & Noble Nook", "Apple iPad", "Android Phone", "Sony Reader",
               "Blackberry", "Kobo eReader", "Palm handhelds", "Cybook Opus", "iRex Digital Reader"]
    intro = ("As promised in our last update, the ebook version of the magazine is ready, and thanks to our "
             "friends at the bookshop you can now read it on all of these devices:")
    outro = "More detailed instructions for each device are on our download page."
    dump = "\n".join(["Magazine Blog", "Ebook edition is here", intro] + [f"• {d}" for d in devices]
                     + [outro, "RSS Feed", "About the magazine", "Subscribe"])
    body = clean(dump, input_format="text").text
    assert intro in body and outro in body
    for device in devices:
        assert f"• {device}" in body


def test_bulleted_lists_need_one_bullet_in_a_run():
    lines = split_lines("\n".join(["• Home", "• News", "• Sport", "Other", "• A", "- B", "• C", "► 2012 (36)",
                                   "► 2011 (20)", "► 2010 (12)"]))
    assert numbered_lists(lines) == [True] * 3 + [False] * 7


def test_a_related_heading_shaped_item_of_a_parallel_list_stays_in_the_article():
    from cleaner.text import context
    from cleaner.text.lists import unmark_parallel_items
    lines = split_lines("\n".join(["Small languages can still come back. They basically need:", "More public code examples",
                                   "More blog posts", "More prodding of the AI companies to train for their languages",
                                   "Thanks for reading.", "More Technology News", "Most Viewed", "Most Commented"]))
    context.mark_rules(lines)
    assert lines[2].rule == lines[5].rule == "related_heading"
    unmark_parallel_items(lines)
    assert lines[2].rule == "" and lines[2].reason is None
    assert lines[5].rule == "related_heading"  # a heading alone
