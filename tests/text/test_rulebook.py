"""`rules.match_lines`: a page's lines judged together (distinct lines once, their gates checked
together) give each line the rule `first_match` gives it alone."""
from __future__ import annotations

import random

from cleaner.text import rules
from cleaner.text.lines import split_lines

from test_gates import _generated_lines, every_rule_match  # tests/text/ is on sys.path


def _pages(n_pages: int, seed: int):
    """Pages of generated lines (the rules' own words, mixed case and scripts), some repeated."""
    rnd = random.Random(seed)
    texts = list(_generated_lines(40 * n_pages, seed=seed))
    for i in range(n_pages):
        page = texts[40 * i:40 * (i + 1)]
        page += rnd.sample(page, 5)  # repeats, as menus repeat
        page += ["Cookie settings", "Read our newsletter", "© 2021 Jane Doe"] if i % 2 else ["İstanbul 2021"]
        rnd.shuffle(page)
        yield split_lines("\n".join(page))


def test_match_lines_same_as_first_match_line_by_line():
    for lines in _pages(60, seed=3):
        assert rules.match_lines(lines) == [every_rule_match(ln) for ln in lines]
        assert rules.match_lines(lines, rules.HTML_RULES) == [rules.first_match(ln, rules.HTML_RULES) for ln in lines]


def test_match_lines_on_no_lines():
    assert rules.match_lines([]) == []
