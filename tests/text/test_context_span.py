"""The text path's body span at its edges (`cleaner.text.context`): where it starts below the
headline, which lines next to it belong to the article."""
from __future__ import annotations

from typing import List

from cleaner import clean
from cleaner.text import context
from support import FLOOD_STORY, marked_lines as make

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


FLOOD = FLOOD_STORY
INTRO = ("Every spring the families who live on the east side of town watch the water rise and wonder "
         "whether this is the year they lose everything they own, their houses, their cars and the "
         "shops where they work, as so many of their neighbours did when the banks burst eight years ago "
         "and the water stood in the streets for more than two weeks.")
SUBHEADING = "Council approves flood barrier along the river"


def _body(texts: List[str]) -> str:
    return clean("\n".join(texts), input_format="text").text


def test_a_sub_heading_below_a_long_first_paragraph_is_not_taken_as_the_headline():
    """One paragraph of 60 words or more above a headline-like line the paragraphs below echo:
    the line is the story's sub-heading, and the paragraph above it stays."""
    body = _body(["Home", "News", "Sport", INTRO, SUBHEADING] + FLOOD)
    assert INTRO in body and FLOOD[0] in body


def test_a_menu_glued_into_one_long_line_above_the_headline_is_not_story():
    # as long as a paragraph, but no sentence: the line below is the headline, the menu goes
    menu = " ".join(f"Section {n} News Sport Weather Travel Money" for n in range(12))
    body = _body(["Home", menu, SUBHEADING] + FLOOD)
    assert menu not in body and SUBHEADING not in body and FLOOD[0] in body


def test_short_sentences_right_above_the_span_open_the_story():
    opening = "When I woke up, there was nothing."
    lines = make(["Home", "Next chapter", opening] + FLOOD)
    start, end, _ = context.body_span(lines)
    assert (start, end) == (2, len(lines) - 1)
    assert opening in _body(["Home", "Next chapter", opening] + FLOOD)


def test_the_span_is_not_widened_over_labels_or_below_its_end():
    lines = make(["Home", "Most read", "Thanks for reading."] + FLOOD + ["Thanks for reading."])
    start, end, _ = context.body_span(lines)
    assert (start, end) == (2, len(lines) - 2)  # up to the label above, not past the end


FOOTER = ("The association supports working children and young people in Latin America, Africa and "
          "Asia and is funded by the donations of its members and friends.")


def test_the_article_s_date_below_nearly_all_of_the_span_ends_it():
    story = FLOOD + [p.replace("barrier", "wall") for p in FLOOD]
    texts = ["Home", SUBHEADING] + story + ["Updated: 30.12.2016", "Imprint | Privacy", FOOTER]
    lines = make(texts)
    context.mark_rules(lines)
    start, end, _ = context.body_span(lines)
    assert (start, end) == (2, 9)
    body = _body(texts)
    assert FLOOD[-1] in body and FOOTER not in body


def test_a_series_of_dated_posts_is_not_ended_at_a_date():
    # a blog's front page: three posts, each under its date, all kept
    texts = ["Home"]
    for n, day in enumerate(("May 1, 2006", "May 2, 2006", "May 3, 2006")):
        texts += [day] + [p.replace("barrier", f"barrier {n}") for p in FLOOD]
    texts += ["May 4, 2006", FOOTER]
    body = _body(texts)
    assert FOOTER in body and "barrier 0" in body and "barrier 2" in body


LEGAL = ("Liability for external links: this site links to the websites of third parties, on whose "
         "content we have no influence, and we cannot accept any liability for that content. The "
         "provider or operator of the linked pages is always responsible for their content. The "
         "linked pages were checked for possible legal violations at the time of linking, and no "
         "illegal content was found then; without concrete evidence of a violation, permanent "
         "monitoring of the content of the linked pages is not reasonable.")
MENU = [f"Category {n}" for n in range(30)]


def test_a_short_post_is_not_beaten_by_a_long_paragraph_in_the_footer():
    post = FLOOD[:2]  # 62 words; the notice has 80
    body = _body(["Home", SUBHEADING] + post + MENU + ["Legal notice", LEGAL, "Imprint"])
    assert post[0] in body and post[1] in body and LEGAL not in body


def test_the_footer_s_paragraph_stays_when_nothing_above_rivals_it():
    body = _body(["Home", "Short note."] + MENU + ["Legal notice", LEGAL, "Imprint"])
    assert LEGAL in body


def test_the_article_is_above_its_comment_thread_not_in_the_sidebar_below():
    post = FLOOD[:2]
    thread = ["3 Comments"]
    for name, day in (("Kate", "23rd"), ("Ravi", "24th"), ("Mona", "25th")):
        thread += [f"{name} on October {day}, 2012 1:37 pm", f"I agree with {name.lower()}'s neighbours, this is good news."]
    sidebar = [LEGAL, FOOTER, "About the site", LEGAL.replace("external", "outside")]
    body = _body(["Home", SUBHEADING] + post + thread + ["Leave a reply", "Name"] + sidebar)
    assert post[0] in body and post[1] in body
    assert LEGAL not in body and FOOTER not in body and "Kate on" not in body


SITE = "Riverside Flood Watch"
SITE_BLURB = ("Riverside Flood Watch is a small blog about the river and the flood watch volunteers who "
              "walk its banks each spring, written since 2004 by people who live on the east side.")
ABOUT = ("I worked as a civil engineer for thirty years, most of them on bridges and harbour walls, and "
         "since I retired I have been writing about the water, the weather and the people who live with "
         "both of them. Before that I taught mathematics at the grammar school for a while, and I still "
         "coach the rowing club on Saturday mornings when the river is calm enough to go out on it.")


def test_of_two_echoes_of_the_page_title_the_headline_with_the_story_below_it_wins():
    """`Site | Headline`: the site's name is repeated at the top above the site's blurb (which
    repeats the name), the headline far below, past the menus, above the story; the story is
    the body (the first echo took it, and the blurb and menus were the body)."""
    menus = [f"Section {n}" for n in range(30)]
    body = _body([f"{SITE} | {HEADLINE}", SITE, SITE_BLURB] + menus + [HEADLINE] + FLOOD)
    assert FLOOD[0] in body and FLOOD[-1] in body
    assert SITE_BLURB not in body


def test_the_body_below_the_headline_does_not_hop_over_the_comments_heading():
    """A one-paragraph post, then the blog's comments heading and pager, then the sidebar's
    longer `About me`: the post is the body, not the sidebar past the headings."""
    story = " ".join(FLOOD[:2])
    lines = make([f"{SITE}: {HEADLINE}", SITE, HEADLINE, story, "No comments:", "Post a Comment",
                  "Newer Post Older Post Home", "About Me", ABOUT, ABOUT.replace("I ", "We ")])
    context.mark_rules(lines)
    start, end, _ = context._anchored_span(lines, 2, [context._score(ln) for ln in lines])
    assert (start, end) == (3, 3)
    body = _body([f"{SITE}: {HEADLINE}", SITE, HEADLINE, story, "No comments:", "Post a Comment",
                  "Newer Post Older Post Home", "About Me", ABOUT, ABOUT.replace("I ", "We ")])
    assert story in body and ABOUT not in body


def test_a_short_post_closed_by_its_comments_heading_beats_a_long_sidebar():
    """A two-paragraph post under the echoed headline, closed by `No comments:`, and a sidebar of
    sentences ten times as long below: the post is the body."""
    sidebar = [ABOUT, ABOUT.replace("I ", "We "), ABOUT.replace("the", "a"), ABOUT.upper().capitalize()] * 2
    post = FLOOD[:2]
    body = _body([f"{HEADLINE} | {SITE}", SITE, HEADLINE] + post + ["No comments:", "Post a Comment", "Newer Post"]
                 + [f"Sponsor {n}" for n in range(15)] + sidebar)
    assert post[0] in body and post[1] in body
    assert ABOUT not in body


def test_a_sub_heading_naming_words_of_an_earlier_section_is_not_a_teaser():
    """`Bond issue pays` shares no word with the two paragraphs below it, but the article names
    the bond issue above: it is a sub-heading of this story, not a link to another."""
    story = FLOOD + [p.replace("barrier", "wall") for p in FLOOD]
    heading = "Bond issue pays"
    texts = ["Home", SUBHEADING] + story[:3] + [heading] + story[3:]
    assert heading in _body(texts)
    other = "Police search for missing hiker"  # no word of the story: another story's headline
    assert other not in _body(["Home", SUBHEADING] + story[:3] + [other] + story[3:])


def test_a_table_of_figures_does_not_cut_the_article_in_two():
    """A table rendered one cell per line: its figures cost the span nothing (its row labels
    still cost a little), so the paragraphs below it stay in the body."""
    table = ["Product", "2020", "2021", "Change"]
    for name, a, b, c in (("Petrol", "10,72 Mio. t", "12,40 Mio. t", "15,7 %"),
                          ("Diesel", "32,23 Mio. t", "32,28 Mio. t", "0,1 %"),
                          ("Heating oil", "14,31 Mio. t", "9,97 Mio. t", "- 30,3 %"),
                          ("Kerosene", "4,43 Mio. t", "5,51 Mio. t", "24,4 %"),
                          ("Naphtha", "2,10 Mio. t", "2,31 Mio. t", "10,0 %"),
                          ("Bitumen", "1,95 Mio. t", "1,88 Mio. t", "- 3,6 %"),
                          ("Lubricants", "0,81 Mio. t", "0,84 Mio. t", "3,7 %"),
                          ("Liquid gas", "2,72 Mio. t", "2,52 Mio. t", "- 7,4 %")):
        table += [name, a, b, c]
    body = _body(["Home", SUBHEADING, FLOOD[0], FLOOD[1]] + table + [FLOOD[2], FLOOD[3], "Imprint"])
    assert FLOOD[0] in body and FLOOD[3] in body
    assert "32,23 Mio. t" in body


def test_number_cells():
    cells = make(["10,72 Mio. t", "- 30,3 %", "2021", "$1,250.00"])
    assert all(context.is_number_cell(c) for c in cells)
    words = make(["Heating oil", "Page 2 of 7", "Top 10 stories", "LF 12", "We raised 3,000 dollars for the school"])
    assert not any(context.is_number_cell(w) for w in words)


def test_a_camel_case_name_that_recurs_is_not_a_glued_section_label():
    texts = ["UnitedHealth Group maintains the largest membership in the country",
             "The insurer UnitedHealth said its costs rose.", "UnitedHealth owns Optum.",
             "PoliticsTrump Signs Order on Tariffs"]
    lines = make(texts)
    context.mark_rules(lines)
    assert lines[0].rule == lines[3].rule == "glued_section_label"
    context.unmark_recurring_names(lines)
    assert (lines[0].rule, lines[0].reason) == ("", None)  # a name seen in two other lines
    assert lines[3].rule == "glued_section_label"  # seen once: a label glued to a headline


def test_a_photo_credit_or_an_embed_placeholder_late_in_the_story_does_not_end_it():
    """A copyright sign on a photo's credit ('© Bild: …') and the heading of an embedded post's
    consent placeholder are inside the story: the paragraphs below them stay."""
    story = FLOOD + [p.replace("barrier", "wall") for p in FLOOD]
    for inside in (["© Bild: Werk/Jane Doe"],
                   ["Empfohlener redaktioneller Inhalt",
                    "An dieser Stelle findet Ihr einen externen Inhalt von Instagram, der den Artikel ergänzt."]):
        body = _body(["Home", SUBHEADING] + story[:-1] + inside + story[-1:] + ["Imprint | Privacy"])
        assert story[-1] in body and inside[0] not in body
    body = _body(["Home", SUBHEADING] + story[:-1] + ["© 2016 Example Media. All rights reserved."] + story[-1:])
    assert story[-1] not in body  # the page's own notice still ends it


BOOKS = ["Andrew Ross Sorkin: Too Big to Fail: The Inside Story of How Wall Street and Washington Fought "
         "to Save the Financial System and Themselves",
         "Clayton M. Christensen: The Innovator's Dilemma: The Revolutionary Book That Will Change the Way "
         "You Do Business Forever in Every Way",
         "Tina Seelig: What I Wish I Knew When I Was Twenty: A Crash Course on Making Your Place in the "
         "World and Finding Your Way"]


def test_long_titles():
    titles = make(BOOKS)
    assert all(context.is_long_title(t) for t in titles) and all(t.good for t in titles)  # (is_good's view)
    others = make([FLOOD[0].rstrip("."),  # a paragraph that lost its full stop
                   "Tickets Five Pounds For More Details Phone The Office On Weekdays Between Nine And Five "
                   "Or Write To The Secretary At The Church Hall,",  # goes on below: part of a sentence
                   BOOKS[0] + "."])  # a sentence mark: not a title in a list
    assert not any(context.is_long_title(o) for o in others)


def test_a_list_of_long_titles_does_not_join_a_sidebar_to_the_article():
    """A blog's sidebar (a long paragraph, then a reading list of long book titles, each once a
    paragraph by its length) above the post: the titles cost the span like any other link
    labels, so the sidebar's paragraph is not joined to the post."""
    sidebar = ("I believe that the best management is often no management at all, that you get what you "
               "expect from people, and that anyone can learn to be creative with practice and a little "
               "confidence, which is what this blog has been about for years now.")
    reading = [f"{b} (volume {n})" for n in range(4) for b in BOOKS]
    body = _body(["Home", sidebar, "My reading list"] + reading + MENU + [SUBHEADING] + FLOOD)
    assert FLOOD[0] in body and sidebar not in body and BOOKS[0] not in body


def test_capitalised_nouns_make_no_title():
    """In German every noun has a capital: a long line of them is no title there."""
    from cleaner.text import language
    assert language.capitalises_nouns(language.stopwords("de"))
    assert not language.capitalises_nouns(language.stopwords("en"))
    assert not language.capitalises_nouns(frozenset())


SIDEBAR_BLURB = ("Hello stranger, you can also like my page here or add me to your circles here, and the "
                 "site has its own video channel that you can follow for more of the illustrations, "
                 "animations and stories that I find around the web every week of the year.")


def test_a_short_post_closed_by_its_comments_heading_beats_the_sidebar_below():
    """A photo post's one paragraph, then `Comments (0)` and the comment form, then a sidebar
    with a longer blurb: the post is the one closed by its comments."""
    post = ("Sam paints lovely portraits of famous actors and scientists, as you can see above, "
            "and the colours are wonderful.")
    texts = ["Home", "Sam Falconer", post, "Comments (0)", "Leave a Reply", "Name (required)",
             "Website", SIDEBAR_BLURB, "About me", "Archives"]
    body = _body(texts)
    assert post in body and SIDEBAR_BLURB not in body


def test_a_sidebar_s_recent_comments_heading_does_not_close_a_post():
    """`Recent Comments` heads a sidebar's list of other posts' comments: the site's blurb
    above it is not a post closed by its comments, and the article below stays."""
    site = "Legal news from Washington and around the nation, from the newsroom of two merged papers."
    texts = ["Home", site, "Recent Comments", "Jane on Layoffs at the center", "Menu"] + FLOOD
    body = _body(texts)
    assert FLOOD[0] in body and site not in body
