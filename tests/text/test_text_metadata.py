"""Metadata of plain-text dumps (`cleaner.metadata`): title, dek, date, authors and site come from
the lines the context stage set aside. The date comes only from explicit markers near the top or
bottom (date markers, datelines, print-edition lines, photo captions), never from the story."""
from __future__ import annotations

from typing import List

import pytest

from cleaner import api, clean
from cleaner.text import metadata, rules
from cleaner.text.lines import Line, split_lines

TITLE = "City museum reopens after long renovation"
DEK = "The museum's renovated galleries show the city's collection of river paintings again"
BYLINE = "By Jane Doe and John Roe"
COPYRIGHT = "© 2017 Example Media Inc. All rights reserved."

# The story tells dates (partial and full): none of them is the publication date.
STORY = [
    "ASHFORD -- The city museum reopened its doors on Saturday after a renovation that kept the building "
    "closed for almost five years, and hundreds of visitors queued in the rain to see the galleries again.",
    "The museum closed in July 2012, when inspectors found that the roof over the main hall could no longer "
    "carry the weight of snow. The work was planned to take two years but ran far longer than expected.",
    "Between 2011 and 2015 the number of visitors had already fallen by almost a third, and the city "
    "council debated for months whether the old building was worth saving at all or should be sold.",
    "The decision came at a long and heated meeting: on March 3, 2015 the council voted to keep the "
    "building and to borrow the money for the repairs, against the advice of its own finance committee.",
    "The renovated galleries now show the city's collection of river paintings, which spent the years of "
    "the renovation in storage, and a new wing holds the museum's growing collection of photographs.",
    "The director, Helen Park, said the museum hoped to welcome more visitors this year than in any year "
    "since it opened, and that entry would stay free for the city's schoolchildren on weekdays.",
]
MENU = ("Home", "Visit", "Contact us", "Privacy Policy")


def dump(*blocks) -> str:
    return "\n\n".join("\n".join(b) if isinstance(b, tuple) else b for b in blocks) + "\n"


def meta_of(text: str) -> dict:
    return api.text_lines(text)[1]


def test_story_alone_has_no_date():
    text = dump(TITLE, *STORY, MENU)
    meta = meta_of(text)
    assert meta["title"] == TITLE
    assert meta["date"] is None
    assert clean(text, input_format="text").date is None


def test_short_story_sentence_with_a_full_date_is_no_marker():
    sentence = "The museum closed on July 1, 2012."
    lines, meta, _ = api.text_lines(dump(TITLE, *STORY[:2], sentence, *STORY[2:]))
    assert sentence in [ln.text for ln in lines if ln.role == "body"]
    assert meta["date"] is None


def test_dates_told_inside_the_story_never_count_even_with_a_copyright_year():
    meta = meta_of(dump(MENU, TITLE, BYLINE, *STORY, COPYRIGHT))
    assert meta["date"] is None


@pytest.mark.parametrize("marker, expected", [
    ("date 2017-02-25", "2017-02-25"),
    ("date 2017-02-25 time 13:44", "2017-02-25"),
    ("Feb. 25, 2017", "2017-02-25"),
    ("February 25, 2017 10:45 AM EST", "2017-02-25"),
    ("Published: 25.02.2017", "2017-02-25"),
])
def test_date_from_a_marker_near_the_top(marker, expected):
    meta = meta_of(dump(MENU, TITLE, BYLINE, marker, *STORY))
    assert meta["date"] == expected
    assert meta["title"] == TITLE


def test_date_from_a_marker_above_the_headline():
    assert meta_of(dump(MENU, "date 2017-02-25", TITLE, *STORY))["date"] == "2017-02-25"


def test_date_from_a_print_edition_line_at_the_bottom():
    meta = meta_of(dump(TITLE, *STORY, "A Section on 02/26/2017", "Upcoming Events"))
    assert meta["date"] == "2017-02-26"


def test_header_marker_wins_over_footer_marker():
    meta = meta_of(dump(TITLE, "Feb. 25, 2017", *STORY, "A Section on 02/26/2017"))
    assert meta["date"] == "2017-02-25"


def test_date_from_a_photo_caption_when_nothing_else():
    caption = "Visitors queue outside the city museum in Ashford on Feb. 25, 2017. (AP Photo/Helen Park)"
    lines, meta, _ = api.text_lines(dump(MENU, TITLE, caption, *STORY))
    assert dict((ln.text, ln.reason) for ln in lines)[caption] == rules.CAPTION
    assert meta["date"] == "2017-02-25"


def test_marker_wins_over_a_caption_date():
    caption = "Visitors queue outside the city museum in Ashford on Feb. 24, 2017. (AP Photo/Helen Park)"
    assert meta_of(dump(TITLE, "Feb. 25, 2017", caption, *STORY))["date"] == "2017-02-25"


@pytest.mark.parametrize("order", ["published_first", "updated_first"])
def test_publication_preferred_over_update(order):
    published, updated = "Published Feb. 25, 2017", "Updated Feb. 26, 2017 10:30 a.m."
    stamps = (published, updated) if order == "published_first" else (updated, published)
    meta = meta_of(dump(TITLE, *stamps, *STORY))
    assert meta["date"] == "2017-02-25"


def test_update_date_when_it_is_the_only_marker():
    assert meta_of(dump(TITLE, "Updated Feb. 26, 2017 10:30 a.m.", *STORY))["date"] == "2017-02-26"


def test_authors_from_a_byline():
    meta = meta_of(dump(TITLE, BYLINE, "Feb. 25, 2017", *STORY))
    assert meta["authors"] == ["Jane Doe", "John Roe"]


def test_no_authors_without_byline():
    assert meta_of(dump(TITLE, *STORY))["authors"] == []


def test_site_from_a_copyright_line():
    meta = meta_of(dump(TITLE, *STORY, MENU, COPYRIGHT))
    assert meta["site"] == "Example Media Inc."


def test_no_site_without_a_copyright_line():
    assert meta_of(dump(TITLE, *STORY, MENU))["site"] is None


def test_description_is_the_dek_under_the_headline():
    lines, meta, _ = api.text_lines(dump(MENU, TITLE, DEK, BYLINE, "Feb. 25, 2017", *STORY))
    assert meta["title"] == TITLE
    assert meta["description"] == DEK
    body = [ln.text for ln in lines if ln.role == "body"]
    assert DEK not in body and TITLE not in body
    assert body == STORY


def test_no_description_without_dek():
    assert meta_of(dump(MENU, TITLE, BYLINE, *STORY))["description"] is None


def test_all_fields_through_clean():
    text = dump(MENU, TITLE, DEK, BYLINE, "Feb. 25, 2017", *STORY, MENU, COPYRIGHT)
    r = clean(text, input_format="text")
    assert (r.title, r.description, r.date, r.authors, r.site, r.language) == (
        TITLE, DEK, "2017-02-25", ["Jane Doe", "John Roe"], "Example Media Inc.", "en")
    assert r.text.split("\n\n") == STORY


# -- the pickers on hand-labelled lines ----------------------------------------------------

def labelled(*rows) -> List[Line]:
    """Lines with (text, role, reason) as the context stage would leave them."""
    lines = split_lines("\n".join(text for text, _, _ in rows))
    for ln, (_, role, reason) in zip(lines, rows):
        ln.role, ln.reason = role, reason
    return lines


BODY_WITH_DATE = "On March 3, 2015 the council voted to keep the building and borrow the money for repairs."


def row_body(text: str = BODY_WITH_DATE):
    return text, "body", None


@pytest.mark.parametrize("rows, expected", [
    # a body line with a full date is never a marker
    ([row_body()], None),
    # header marker before footer marker, whatever the page order of their dates
    ([("A Section on 02/26/2017", "", rules.METADATA), row_body(), ("Feb. 25, 2017", "", rules.METADATA)],
     "2017-02-26"),
    ([("Feb. 25, 2017", "", rules.METADATA), row_body(), ("A Section on 02/26/2017", "", rules.METADATA)],
     "2017-02-25"),
    # a footer marker when the header has none
    ([row_body(), ("A Section on 02/26/2017", "", rules.METADATA)], "2017-02-26"),
    # captions only: the latest date
    ([("Crowds on Feb. 20, 2017. (AP Photo)", "", rules.CAPTION),
      ("Crowds on Feb. 24, 2017. (AP Photo)", "", rules.CAPTION), row_body()], "2017-02-24"),
    # a marker beats captions
    ([("Crowds on Feb. 24, 2017. (AP Photo)", "", rules.CAPTION),
      ("Feb. 22, 2017", "", rules.METADATA), row_body()], "2017-02-22"),
    # publication beats update, update beats nothing
    ([("Updated Feb. 26, 2017", "", rules.METADATA), ("Feb. 25, 2017", "", rules.METADATA), row_body()],
     "2017-02-25"),
    ([("Updated Feb. 26, 2017", "", rules.METADATA), row_body()], "2017-02-26"),
    # lines removed for other reasons (a teaser, boilerplate) do not carry the date
    ([("Museum plans gala for Feb. 25, 2017", "", rules.TEASER), row_body()], None),
    ([("Events calendar: Feb. 25, 2017 and later", "", rules.BOILERPLATE), row_body()], None),
])
def test_pick_date(rows, expected):
    assert metadata.pick_date(labelled(*rows)) == expected


@pytest.mark.parametrize("language, expected", [("en", "2017-03-04"), (None, "2017-03-04"), ("fr", "2017-04-03")])
def test_ambiguous_slashed_date_reads_day_first_unless_the_page_is_english(language, expected):
    lines = labelled(("Publié le 03/04/2017", "", rules.METADATA), row_body())
    assert metadata.text_metadata(lines, language)["date"] == expected


def test_pick_authors_from_byline_lines_only():
    lines = labelled((BYLINE, "", rules.METADATA), ("By the river", "body", None),
                     ("Von Max Mustermann und Erika Musterfrau", "", rules.METADATA))
    assert metadata.pick_authors(lines) == ["Jane Doe", "John Roe", "Max Mustermann", "Erika Musterfrau"]


def test_pick_authors_drops_the_outlet_after_a_dash():
    lines = labelled(("By Jane Doe - Example Media", "", rules.METADATA))
    assert metadata.pick_authors(lines) == ["Jane Doe"]


@pytest.mark.parametrize("text, expected", [
    (COPYRIGHT, "Example Media Inc."),
    ("Copyright 2017 Example Media", "Example Media"),
    ("© 2023 Der Spiegel. Alle Rechte vorbehalten.", "Der Spiegel"),
    ("© Le Monde 2021 - Tous droits réservés", "Le Monde"),
    ("© 2017 Example Media. Tutti i diritti riservati.", "Example Media"),
    ("© 2020 Przykład Media. Wszelkie prawa zastrzeżone.", "Przykład Media"),
])
def test_pick_site(text, expected):
    assert metadata.pick_site(labelled((text, "", rules.LEGAL))) == expected


def test_pick_site_ignores_other_legal_lines():
    lines = labelled(("We may earn a commission when you buy through links on our site.", "", rules.LEGAL))
    assert metadata.pick_site(lines) is None


def test_text_metadata_fields():
    lines = labelled((TITLE, "title", rules.METADATA), (DEK, "description", rules.METADATA),
                     (BYLINE, "", rules.METADATA), ("Feb. 25, 2017", "", rules.METADATA), row_body(),
                     (COPYRIGHT, "", rules.LEGAL))
    assert metadata.text_metadata(lines) == {
        "title": TITLE, "description": DEK, "date": "2017-02-25", "date_source": "text",
        "authors": ["Jane Doe", "John Roe"], "site": "Example Media Inc.",
    }


def test_story_dates_stay_in_the_body():
    lines, _, _ = api.text_lines(dump(TITLE, *STORY))
    assert [ln.text for ln in lines if ln.role == "body"] == STORY


def test_date_source_of_a_dump_is_text():
    from cleaner import clean
    dump = ("Harbour bridge closes for a week\n\nBy Ann Lee | March 5, 2024\n\n"
            + "The harbour bridge will close for a week from Monday while engineers replace the worn "
            "bearings under its central span, the city council said on Thursday. " * 3)
    result = clean(dump, input_format="text")
    assert (result.date, result.date_source) == ("2024-03-05", "text")
    assert result.to_dict()["date_source"] == "text"
    assert clean("Just one plain line of text with no date at all in it.", input_format="text").date_source is None
