"""The shared word lists (`cleaner/vocabulary.py`): each list is well formed, held once, used by
the modules its comment names (the very same object), and the rules and metadata built from it
still behave: dates, bylines and author names, comment threads, share bars, teasers, datelines."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from cleaner import dates, vocabulary
from cleaner.html import authors
from cleaner.text import comments, metadata, rules
from cleaner.text.language import stopwords
from cleaner.text.lines import split_lines

# Who uses each list: the modules that import it (checked by identity below).
USERS = {
    "MONTH_NAMES_EN": ("cleaner.dates", "cleaner.html.authors"),
    "MONTH_NAMES_OTHER": ("cleaner.dates",),
    "WEEKDAY_ABBREVIATIONS": ("cleaner.text.comments", "cleaner.html.authors"),
    "WEEKDAY_NAMES": ("cleaner.text.comments",),
    "PUBLISHED_WORDS": ("cleaner.text.rules_labels",),
    "UPDATED_WORDS": ("cleaner.text.rules_labels", "cleaner.text.metadata"),
    "BY_WORDS": ("cleaner.text.rules_labels", "cleaner.html.authors"),
    "AUTHOR_LABELS": ("cleaner.text.rules_labels", "cleaner.html.authors"),
    "AND_WORDS": ("cleaner.text.rules_labels", "cleaner.text.metadata", "cleaner.html.authors"),
    "READ_ALSO_PHRASES": ("cleaner.text.rules_furniture",),
    "COMMENT_NOUNS": ("cleaner.text.comments", "cleaner.text.rules_furniture"),
    "SHARE_WORDS": ("cleaner.text.rules_furniture",),
    "PRINT_WORDS": ("cleaner.text.rules_furniture",),
    "RIGHTS_RESERVED": ("cleaner.text.rules_furniture", "cleaner.text.metadata"),
}
# Lists one module holds, each for two of its rules (tested below through both rules) ...
TWO_RULES = {"PUBLISHED_WORDS", "READ_ALSO_PHRASES", "SHARE_WORDS", "PRINT_WORDS"}
# ... and the other half of a shared list, kept beside it (the other languages' months and weekdays).
COMPANIONS = {"MONTH_NAMES_OTHER": "MONTH_NAMES_EN", "WEEKDAY_NAMES": "WEEKDAY_ABBREVIATIONS"}

LISTS = {name: value for name, value in vars(vocabulary).items() if name.isupper() and isinstance(value, tuple)}
CLEANER = Path(vocabulary.__file__).parent


def words_of(value: tuple) -> list:
    """The words of a list (a table of cells: all its cells' words)."""
    return [w for cell in value for w in (cell if isinstance(cell, tuple) else (cell,))]


def test_every_list_is_registered_with_its_users():
    assert set(LISTS) == set(USERS)


@pytest.mark.parametrize("name", sorted(LISTS))
def test_lists_are_non_empty_lower_case_plain_words_without_duplicates(name):
    words = words_of(LISTS[name])
    assert words and len(words) == len(set(words)), name
    for word in words:
        assert word == word.lower() == word.strip() and "  " not in word, (name, word)
        # plain text: joined with '|' it is an alternation of the words themselves
        assert re.escape(word).replace("\\ ", " ") == word, (name, word)


@pytest.mark.parametrize("name", sorted(USERS))
def test_each_list_is_the_same_object_in_every_module_using_it(name):
    for module_name in USERS[name]:
        assert getattr(importlib.import_module(module_name), name) is LISTS[name], (name, module_name)


def test_shared_lists_have_two_users():
    for name, users in USERS.items():
        if name not in TWO_RULES and name not in COMPANIONS:
            assert len(users) >= 2, name
    for name, other in COMPANIONS.items():
        assert set(USERS[name]) <= set(USERS[other])


@pytest.mark.parametrize("name", sorted(n for n in LISTS if len(words_of(LISTS[n])) >= 3))
def test_no_module_holds_a_copy_of_a_list(name):
    """No other module spells out three words of a list in a row (as a tuple, a string or an
    alternation): the list is imported, not copied."""
    words = words_of(LISTS[name])
    copies = [sep.join(words[i:i + 3]) for sep in ('", "', " ", "|") for i in range(len(words) - 2)]
    for path in CLEANER.rglob("*.py"):
        if path.name != "vocabulary.py":
            source = path.read_text(encoding="utf-8")
            assert not any(copy in source for copy in copies), (name, str(path))


def test_month_tables_have_twelve_months_and_no_word_twice():
    assert len(vocabulary.MONTH_NAMES_EN) == len(vocabulary.MONTH_NAMES_OTHER) == 12
    assert not set(words_of(vocabulary.MONTH_NAMES_EN)) & set(words_of(vocabulary.MONTH_NAMES_OTHER))
    for number, (english, other) in enumerate(zip(vocabulary.MONTH_NAMES_EN, vocabulary.MONTH_NAMES_OTHER), 1):
        assert all(dates.MONTHS[dates._fold(name)] == number for name in english + other)


def _line(text: str, lang: str = "en"):
    return split_lines(text, stopwords(lang))[0]


def _rule(text: str, lang: str = "en"):
    hit = rules.first_match(_line(text, lang))
    return hit.name if hit else None


def test_month_names_read_dates_in_text_and_trim_author_names():
    assert [d for d, _, _ in dates.find_dates("Veröffentlicht am 25. Februar 2017")] == ["2017-02-25"]
    assert [d for d, _, _ in dates.find_dates("25 de febrero de 2017, Feb. 26, 2017")] == ["2017-02-25", "2017-02-26"]
    assert authors.clean_author_name("Jane Doe Dec. 12") == "Jane Doe"
    assert authors.clean_author_name("Theresa May") == "Theresa May"  # May is also a name
    assert authors.clean_author_name("Mon") is None  # a weekday, not a name


def test_weekdays_and_months_shape_comment_bylines():
    assert comments.byline_shape(_line("Heather on Mon 12 Nov 2012 1:37 pm")) == "w on D 0 M 0 pm"
    assert comments.byline_shape(_line("Kate says:")) == "w says"


def test_by_and_and_words_split_bylines_on_both_paths():
    assert authors.clean_authors(["By Jane Doe and John Roe"]) == ["Jane Doe", "John Roe"]
    assert authors.clean_authors(["Von Max Muster und Erika Muster"]) == ["Max Muster", "Erika Muster"]
    assert authors.clean_author_name("Autorin: Erika Muster") == "Erika Muster"
    byline = _line("Von Max Muster und Erika Muster", "de")
    assert _rule(byline.text, "de") == "byline"
    byline.reason = rules.METADATA
    assert metadata.pick_authors([byline]) == ["Max Muster", "Erika Muster"]
    assert _rule("Autorin: Erika Muster", "de") == "byline"


def test_comment_nouns_name_the_thread_and_the_counted_heading():
    assert comments.is_comments_heading(_line("See all 20 Comments"))
    assert _rule("12 Kommentare zu „Stadtmuseum öffnet wieder“", "de") == "comments_heading"
    assert _rule("4 thoughts on “City museum reopens”") == "comments_heading"


def test_share_and_print_words_make_promo_lines_and_share_bars():
    assert _rule("Teilen", "de") == "promo_line"
    assert _rule("Teilen: WhatsApp E-Mail Drucken", "de") == "promo_line"  # short: the promo rule comes first
    assert rules.social_buttons(_line("Facebook Twitter Share Print LinkedIn"))
    assert rules.social_buttons(_line("Partager Facebook Imprimer", "fr"))


def test_read_also_phrases_make_link_lines_and_related_headings():
    assert _rule("Lesen Sie auch: Das Museum öffnet wieder", "de") == "read_also_link"
    assert _rule("Zobacz także: Muzeum znów otwarte", "pl") == "read_also_link"
    assert _rule("Zobacz także", "pl") == "related_heading"
    assert _rule("Mehr zum Thema", "de") == "related_heading"


def test_published_and_updated_words_label_timestamps_datelines_and_the_date():
    assert _rule("Aktualisiert 10:30", "de") == "timestamp"
    assert _rule("Veröffentlicht am 25.02.2017", "de") == "dateline"
    published = _line("Published 02/25/2017")
    updated = _line("Updated 03/01/2017")
    for line in (updated, published):
        line.reason = rules.METADATA
    assert metadata.pick_date([updated, published]) == "2017-02-25"


def test_rights_reserved_marks_the_copyright_line_and_leaves_the_site_name():
    line = _line("© 2017 Example Media Inc. Alle Rechte vorbehalten.", "de")
    assert _rule(line.text, "de") == "copyright_notice"
    line.reason = rules.LEGAL
    assert metadata.pick_site([line]) == "Example Media Inc."
