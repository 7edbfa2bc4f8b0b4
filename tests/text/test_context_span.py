"""The text path's body span at its edges (`cleaner.text.context`): where it starts below the
headline, which lines next to it belong to the article."""
from __future__ import annotations

from typing import List

from cleaner.text import context
from cleaner.text.language import stopwords
from cleaner.text.lines import Line, split_lines

STOP = stopwords("en")


def make(texts: List[str]) -> List[Line]:
    lines = split_lines("\n".join(texts), STOP)
    for ln in lines:
        ln.good = context.is_good(ln, True)
    return lines


HEADLINE = "City approves flood barrier after years of delays"
LEAD = ("The city council on Tuesday approved a $40 million flood barrier along the river, ending a "
        "decade of debate over how to protect the east side.")
SHORT = ["The vote was nine to two.", "Work starts in the autumn.", "It takes three years."]


def test_lead_start_is_the_first_body_paragraph_below_the_headline():
    lines = make([HEADLINE, "By Jane Doe", LEAD, SHORT[0]])
    assert context._lead_start(lines, 0, 0, 3) == 2


def test_lead_start_stays_in_the_span_when_it_has_no_body_paragraph():
    # a span of sentences none of which is body-like alone (too short, or the page's stop words
    # were not recognised), then a long paragraph further down the page (a legal notice)
    lines = make([HEADLINE] + SHORT + ["Menu", LEAD])
    assert context._lead_start(lines, 0, 0, 3) == 1
    assert context._lead_start(lines, 0, 2, 3) == 2  # never above the span's own start
