"""Where a post starts and ends in a text dump (`cleaner.text.posts`): a short post closed by the
heading of its own comments (`closed_post`: its lines are too short to be body-like on their own,
credits, an address, a photo's caption, yet they are the post, not the sidebar's blurb or the
comments around them), a breadcrumb naming the headline (`crumbed`), the blog's name and the
post's title both echoing the page's title (`strongest_echo`), the post's date over its title
(`dated`)."""
from __future__ import annotations

from typing import List

from cleaner import clean

TITLE = "Harvest market on the square – Riverside Notes"
HEADLINE = "Harvest market on the square"
POST = ["Dear all,", "Our harvest market opens on Saturday.", "Location:", "Market Square",
        "12 Mill Lane,", "Riverside", "Hope to see you there.", "Cheers,", "Anna"]
PROFILE = ("Thank you for visiting my blog. I am a baker and a gardener, and for fun I write about the "
           "markets, the fields and the people of our valley, and the recipes my grandmother left me in "
           "a box of cards that I am still working my way through.")
THREAD = ["{ 2 comments… read them below or add one }",
          "Kate Miller October 23, 2012 at 1:37 pm",
          "What a lovely idea, we will come with the children and buy apples for the winter.",
          "Reply",
          "Tom Baker October 24, 2012 at 9:02 am",
          "I went last year and the bread was the best I have had in a long time, see you there.",
          "Reply"]


def _body(texts: List[str]) -> str:
    return clean("\n".join(texts), input_format="text").text


def test_a_short_post_above_its_comment_thread_is_the_body_not_the_comments_or_the_sidebar():
    body = _body([TITLE, "Home", "About", "Recipes", HEADLINE] + POST + THREAD
                 + ["Leave a Comment", "Name *", "About me", PROFILE, "Archives", "October (4)"])
    for line in POST:
        assert line in body
    assert "bread was the best" not in body and PROFILE not in body


def test_a_short_post_below_a_sidebar_blurb_is_the_body():
    """The blurb above the headline is the best span (the post has no body-like line): the
    post closed by `0 Comments:` below the headline takes its place."""
    body = _body([TITLE, "Riverside Notes", "About Me", PROFILE, "View my complete profile", HEADLINE] + POST
                 + ["Posted by Anna at 9:22 AM", "0 Comments:", "Post a Comment", "Newer Post Older Post Home"])
    for line in POST:
        assert line in body
    assert PROFILE not in body


STORY = ["The harvest market on the square opened on Saturday with more stalls than ever before, the "
         "organisers said, as farmers from the whole valley brought apples, pears and the first pumpkins.",
         "Queues formed early at the bakery stall, where the bread sold out before noon, and the brass band "
         "played until the rain came in the afternoon and sent the last visitors home.",
         "The market returns on the first Saturday of every month until Christmas, and the council hopes "
         "to keep it open through the winter if enough traders sign up for a covered stall."]


def test_a_comment_count_in_the_share_bar_under_the_headline_closes_no_post():
    """`12 comments` in the share bar under the headline, the article below it: the article."""
    body = _body([TITLE, "Home", HEADLINE, "by Anna Brook on Oct 9, 2012 1:07 PM", "Tweet", "12 comments",
                  "Email", "Print"] + STORY + ["About me", PROFILE])
    for paragraph in STORY:
        assert paragraph in body


def test_a_story_above_the_headline_s_echo_stays_the_body():
    """The title's words repeated below the story (a list of the site's posts), then a comment
    count: the story above is no sidebar blurb, and it stays the body."""
    body = _body([TITLE, "Home", "News"] + STORY + STORY[::-1] + ["More posts", HEADLINE, "Photos of the day",
                                                                   "3 comments", "Kate on October 23, 2012"])
    assert STORY[0] in body and "Photos of the day" not in body


BLURBS = ["ConsultingA short call with me is the fastest way to get your questions about pricing, hiring "
          "and marketing answered, and many readers have told me it saved them weeks of guessing.",
          "BooksMy guide to starting a small software company is out, and below you can read the table of "
          "contents and the first two chapters for free before you decide whether to buy it.",
          "AboutAnna Brook is the author of two books on small software companies, hosts a weekly podcast "
          "about them and has run her own company from a farmhouse in the valley since 2004."]
CRUMBED_POST = ("For the past week or so I have been getting great advice emails from a list of founders, one "
                "a day, and each of those keeper emails is worth reading twice before you plan your week.")


def test_a_breadcrumb_ending_in_the_headline_starts_the_article_below_the_menu_s_blurbs():
    """The menu's entries glued to their blurbs read as long paragraphs above the headline; the
    breadcrumb naming the headline just above it shows where the article starts."""
    headline = "Keeper emails from the founders list"
    body = _body([f"{headline} | Small Company Notes", "Home"] + BLURBS + ["Ask Anna", f"Home / {headline}", headline,
                  "Posted on: 08-7-2012 With: 1 Comment Posted by: Anna Brook", CRUMBED_POST, "Buffer",
                  "Categories: Advice", "Share this:", "Popular Posts", "Ten pricing mistakes"])
    assert CRUMBED_POST in body
    for blurb in BLURBS:
        assert blurb not in body


HARBOUR_BLURB = ("Every day I experience life in the world of a busy harbour, with three thousand ships a year, "
                 "eighteen thousand workers on the quays and a city that never sleeps, and in this blog I write "
                 "about the work, the people and the tools that keep the harbour running through every storm and "
                 "every strike, and about the ships that come in from all over the world with their crews.")
HARBOUR_POST = ["This week I am in Rotterdam and the towns around it, working on the new crane schedules with "
                "the harbour's planners and learning how they run the biggest port in Europe.",
                "There will be a few days without posts this week while I travel, but I will write up what I "
                "learn in Rotterdam as soon as I am back home.",
                "Planning cranes, ships and trains is the same puzzle everywhere, and the Dutch solve it well."]


def test_a_blog_s_name_and_blurb_above_the_post_s_date_and_title_are_not_the_post():
    """`Blog: Post title` opens the dump; the blog's name (an echo of it) and blurb, then the
    post's date and title (another echo), then the post: the post is the body."""
    body = _body(["Life as a Harbour Master: In Rotterdam this Week", "skip to main | skip to sidebar",
                  "Life as a Harbour Master", HARBOUR_BLURB, "Tuesday, October 23, 2012", "In Rotterdam this Week"]
                 + HARBOUR_POST + ["Posted by John Smith at 4:02 PM", "No comments:", "Post a Comment",
                                   "Blog Archive", "On the Road in China", "Cool Cranes of the Week"])
    for paragraph in HARBOUR_POST:
        assert paragraph in body
    assert HARBOUR_BLURB not in body


def test_a_tag_list_between_a_post_and_its_counted_comments_heading_does_not_unclose_it():
    """`Comments (0)` four lines below the post, a tag list and a share bar between: the post is
    closed by its comments, and the sign-in box's sentences below are not the body."""
    post = ("Sports balls, disco balls, meatballs, they are all here in this short film by a small studio, "
            "and there is no plot to follow, just the balls.")
    sign_in = ["New to the site or have not signed in since the new version? Register an account and join us!",
               "Already registered? Sign in to your existing account and post your comment below the story.",
               "The neat side of the web: we bring you the neatest, weirdest and most wonderful stuff from all "
               "over the web every day, and we hope that you will enjoy it as much as we do."]
    body = _body(["Ball - Neat Site", "Home", "Main Blog > Ball", "Ball", "Miss Cellania • 29 minutes ago • 1",
                  "(vimeo link)", post, "PREV EMAIL Tweet", "Tags: ball", "Filed under: Video", "Neat stuff from the shop:",
                  "Comments (0)",
                  "Start New Comment Thread...", "Preview Comment", "Submit Comment"] + sign_in + ["Company Info", "FAQs"])
    assert post in body
    for line in sign_in:
        assert line not in body


def test_an_excerpt_of_the_first_paragraph_below_the_story_is_a_duplicate():
    from cleaner.text import context
    from cleaner.text.lines import split_lines
    first = STORY[0]
    excerpt = first[:120] + "…"
    short = "Queues formed early…"  # too short to tell from a sentence that opens the same way
    lines = split_lines("\n".join([first, STORY[1], "Email this story", excerpt, "Queues formed early at the stall.",
                                   short]))
    context.mark_excerpts(lines, [line.text.casefold() for line in lines])
    assert [line.reason for line in lines] == [None, None, None, "duplicate", None, None]


def test_a_related_heading_over_headlines_with_summaries_ends_a_short_story():
    """Three paragraphs, `Related Posts`, then five other stories, each a headline over a
    summary sentence (together longer than the story): the story ends at the heading."""
    related = []
    for n, (car, what) in enumerate((("Pilot", "mileage"), ("Explorer", "engine"), ("Element", "doors"),
                                     ("Quattro", "brakes"), ("Defender", "roof"))):
        related += [f"The {car} looks the same with better {what}",
                    f"The new {car} looks almost the same as its older versions, but there is a real change in "
                    f"its {what} that the makers have been working on for {n + 2} years, and buyers will notice it."]
    body = _body(["Why should the small makers be left behind? | Car Notes", "Home", "Reviews",
                  "Why should the small makers be left behind?"] + STORY + ["Related Posts"] + related
                 + ["About us", "Contact"])
    for paragraph in STORY:
        assert paragraph in body
    assert related[1] not in body and related[-1] not in body


def test_a_one_line_post_over_no_comments_and_the_form_beats_the_sidebar_below_the_form():
    """The post's one line (no full stop: not body-like alone), `Comments (0)`, the comment form,
    then the sidebar's longer blurb: no thread to recognise, but the form closes the comments
    and the blurb past it is the sidebar. The blog's name in the title is echoed on line 2."""
    post = "A perfect song by a band from Oakland, big thanks to Jimmy for bringing this to me"
    blurb = ("Hello stranger, let us connect: you can also like my page here or add me to your circles, and the "
             "curious blog has its own video channel that you can follow for more of the songs and the films "
             "that I find around the web every week of the year.")
    body = _body(["The Curious Blog » Broken Arrows", "Broken Arrows", "sounds — thebrainbehind @ 11:56", post,
                  "Comments (0)", "0 Comments »", "No comments yet.", "Leave a comment", "Name (required)",
                  "Mail (will not be published) (required)", blurb, "the brain behind", "Archives"])
    assert post in body and blurb not in body
