"""The author's blurb in a text dump (`cleaner.text.blurbs`): the paragraph about the writer below
an author label is not the article."""
from __future__ import annotations

from typing import List

from cleaner import clean
from cleaner.text import blurbs, context, rules
from cleaner.text.language import stopwords
from cleaner.text.lines import Line, split_lines
from support import FLOOD_STORY

STOP = stopwords("en")
STORY = FLOOD_STORY
BLURB = ("Jane Doe is a senior reporter at the Gazette, where she has covered city hall and the "
         "environment since 2009. She lives on the east side with her two children.")


def make(texts: List[str]) -> List[Line]:
    return split_lines("\n".join(texts), STOP)


def _good(lines: List[Line]) -> List[bool]:
    return [context.is_good(ln, True) for ln in lines]


def test_author_labels():
    labels = ["Author", "AUTOR", "About the Author", "Über den Autor/ die Autorin", "Autoreninfo",
              "More by the author:"]
    for text in labels:
        assert blurbs.is_author_label(make([text])[0]), text
    for text in ["Autor: Max Muster", "Author Jane Doe", "Home", "The author said so."]:
        assert not blurbs.is_author_label(make([text])[0]), text


def test_the_paragraph_below_the_author_label_and_name_is_a_blurb():
    lines = make(STORY + ["Author", "Jane Doe", BLURB, "Tags"])
    assert blurbs.mark_author_blurb(lines, _good(lines)) == 6
    assert (lines[6].reason, lines[6].rule) == (rules.METADATA, blurbs.RULE)
    body = clean("\n".join(STORY + ["Author", "Jane Doe", BLURB, "Tags"]), input_format="text").text
    assert STORY[-1] in body and BLURB not in body
    assert all(ln.reason is None for ln in lines[:4])


def test_a_long_blurb_without_its_full_stop_is_still_a_blurb():
    unended = BLURB.rstrip(".") + " and writes about the river every week for the weekend edition"
    lines = make(STORY + ["Autoreninfo", unended, "Tags"])
    assert blurbs.mark_author_blurb(lines, _good(lines)) == 5
    short = make(STORY + ["Autoreninfo", "Jane Doe covers city hall for the Gazette", "Tags"])
    assert blurbs.mark_author_blurb(short, _good(short)) is None  # a line under 20 words needs its stop


def test_no_blurb_without_an_article_beside_it_or_with_several_writers():
    alone = make(["About the Author", BLURB])
    assert blurbs.mark_author_blurb(alone, _good(alone)) is None
    team = make(STORY + ["Author", BLURB, "Author", BLURB.replace("Jane", "Joan")])
    assert blurbs.mark_author_blurb(team, _good(team)) is None  # a label said twice: a forum's or a team page's
    assert all(ln.reason is None for ln in team)


def test_a_byline_with_the_name_above_the_lead_is_no_label():
    lines = make(["Autor: Max Muster"] + STORY)
    assert blurbs.mark_author_blurb(lines, _good(lines)) is None


def test_about_labels():
    for text in ["About me", "About Us", "About Jane Doe", "Über mich", "About Michael J Brenner:"]:
        assert blurbs.is_about_label(make([text])[0]), text
    for text in ["About This Game", "About the storm", "About", "About Jane Doe and her garden", "about jane doe"]:
        assert not blurbs.is_about_label(make([text])[0]), text


def test_the_paragraph_right_below_an_about_label_is_a_blurb():
    texts = STORY + ["About Jane Doe", BLURB, "Tags"]
    lines = make(texts)
    assert blurbs.mark_author_blurb(lines, _good(lines)) == len(STORY) + 1
    body = clean("\n".join(texts), input_format="text").text
    assert STORY[-1] in body and BLURB not in body
    # the line right below only: a dateline and the story's first paragraph under `About Webfeeds`
    later = make(["About Webfeeds", "January 7, 2008 4:30 PM", BLURB] + STORY)
    assert blurbs.mark_author_blurb(later, _good(later)) is None


NAMED_BLURB = ("Jane Doe is a senior reporter at the Gazette, where she has covered city hall and the "
               "environment since 2009.")


def test_the_paragraph_opening_with_the_name_on_the_line_above_is_a_blurb():
    """`Jane Doe`, her links, then `Jane Doe is a senior reporter …` below the story: her blurb."""
    texts = STORY + ["By", "Jane Doe", "Full Bio", "Twitter", NAMED_BLURB, "Learn about our editorial policies"]
    lines = make(texts)
    assert blurbs.mark_author_blurb(lines, _good(lines)) == len(STORY) + 4
    body = clean("\n".join(texts), input_format="text").text
    assert STORY[-1] in body and NAMED_BLURB not in body


def test_a_name_over_a_section_or_over_the_lead_opens_no_blurb():
    section = ["Drake Tax", "Drake Tax held the third spot with just a few fewer users than its rival this year.",
               "Accountants can benefit from features like the planner, which analyzes tax scenarios for them."]
    lines = make(STORY + section)  # the section goes on below the paragraph
    assert blurbs.mark_author_blurb(lines, _good(lines)) is None
    lead = make(["Jane Doe", NAMED_BLURB] + STORY)  # no article above it: a story about her
    assert blurbs.mark_author_blurb(lead, _good(lead)) is None


def test_labels_found_as_by_their_definition():
    """`_labels` skips lines without the author words' stem (the fast path): it finds the lines
    `is_author_label` and `is_about_label` take."""
    texts = ["Author", "AUTOR", "Über den Autor", "Autoreninfo", "L'auteur", "Autor: Max Muster", "About me",
             "About Jane Doe", "Über uns", "Home", "AUTHOR BIO", "Authentic food", "", "ÀUTOR"]
    lines = split_lines("\n".join(texts))
    folded = [line.text.casefold() for line in lines]
    slow = [(i, blurbs.LABEL_REACH if blurbs.is_author_label(ln) else blurbs.ABOUT_REACH) for i, ln in enumerate(lines)
            if ln.n_words <= blurbs.LABEL_MAX_WORDS and (blurbs.is_author_label(ln) or blurbs.is_about_label(ln))]
    assert blurbs._labels(lines, folded) == slow and len(slow) >= 7
