"""The page model (`cleaner/html/blocks.py`, `cleaner/html/views.py`) and the learned decision
(`cleaner/decision/`): blocks in reading order with their DOM context, views mapped onto blocks,
the sequence decoding, and a reason for every block not kept."""
import json
import random
from pathlib import Path

import pytest

from cleaner import clean, page as P
from cleaner.decision import features, model as M, settle
from cleaner.html.blocks import discount_layout, page_blocks
from cleaner.html.parse import parse
from cleaner.html.readability_view import readability_text
from cleaner.html.views import coverage, justext_classes, revise_classes
from cleaner.text import rules
from cleaner.text.language import stopwords

ROOT = Path(__file__).resolve().parents[2]
STORY = ("The council voted on Tuesday to build a flood barrier along the river, ending a dispute "
         "that had lasted for more than a decade. ")
PAGE = f"""<html><head><title>Council approves flood barrier</title></head><body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article class="story"><h1>Council approves flood barrier</h1>
<p>{STORY * 3}</p><p>Work starts in <a href="/spring">the spring</a> and should take two years, the mayor said.<br>Residents welcomed it.</p>
<div class="share-tools">Share this story</div>
<table><tr><td>Cost</td><td>12 million</td></tr></table>
<p>{STORY * 2}</p></article>
<footer>© 2024 The Riverside Times</footer></body></html>"""


def _blocks(html=PAGE):
    return page_blocks(parse(html))


def test_blocks_keep_reading_order_kinds_and_boundaries():
    blocks = _blocks()
    texts = [b.text for b in blocks]
    assert texts[:3] == ["Home", "News", "Council approves flood barrier"]
    assert "Residents welcomed it." in texts  # the <br> ends a block: no text glued across it
    assert [b.text for b in blocks if b.kind == P.CELL] == ["Cost", "12 million"]
    assert blocks[2].kind == P.HEADING and blocks[2].level == 1
    assert texts[-1] == "© 2024 The Riverside Times"


def test_blocks_carry_dom_context():
    by_text = {b.text: b for b in _blocks()}
    home = by_text["Home"]
    assert home.flags & P.IN_NAV and home.flags & P.IN_LIST and home.hint == "navigation"
    assert home.link_density == 1.0
    share = by_text["Share this story"]
    assert share.hint == "promo" and share.good_attrs == 1  # inside <article class="story">
    lead = next(b for b in by_text.values() if b.text.startswith("Work starts"))
    assert 0 < lead.link_density < 0.3 and lead.flags & P.IN_ARTICLE
    assert by_text["© 2024 The Riverside Times"].flags & P.IN_FOOTER


def test_noscript_content_is_read_as_a_reader_without_scripts_sees_it():
    # a forum's crawler view, and a page the parser nests in a <noscript> left open
    blocks = _blocks('<body><noscript><div class="crawler"><p>The first post of the thread.</p></div></noscript>'
                     '<p>After it.</p></body>')
    assert [b.text for b in blocks] == ["The first post of the thread.", "After it."]
    blocks = _blocks('<body><noscript><div id="nojs"></noscript><div><p>The whole story sits here.</p></div></body>')
    assert "The whole story sits here." in [b.text for b in blocks]


def test_a_posts_own_category_and_tag_classes_do_not_make_it_boilerplate():
    # WordPress's post_class(): the story's taxonomy, not a category bar or a tag list
    story = _blocks('<body><div class="post-42 post type-post status-publish hentry category-news tag-iran">'
                    '<p>The story paragraph.</p></div></body>')[0]
    assert story.bad_attrs == 0 and story.hint == "" and story.good_attrs == 1
    tags = _blocks('<body><div class="tag-list"><p>Iran, Drones</p></div></body>')[0]
    assert tags.bad_attrs == 1 and tags.hint == "metadata"


def test_on_a_discussion_thread_the_posts_comment_containers_do_not_count_against_post_text():
    html = ('<body><div class="js-replyNewMessageContainer"><article class="message">'
            '<div class="message-user">Joined</div>'
            '<div class="message-body">Trail riding is tough on the bike and a good frame pays off.</div>'
            '</article></div></body>')
    user, post = page_blocks(parse(html))  # an ordinary page: readers' comments
    assert (user.hint, post.hint) == ("comments", "comments") and post.bad_attrs == 1
    user, post = page_blocks(parse(html), thread=True)
    assert (user.hint, user.bad_attrs) == ("comments", 1)  # too short to be a post's text
    assert (post.hint, post.bad_attrs) == ("", 0)


def _layout_page(story_class):
    story = "".join(f"<p>{STORY}</p>" for _ in range(5))
    return parse(f'<body><div class="{story_class}"><article>{story}</article></div>'
                 '<div class="sidebar"><p>Popular now</p><p>Most read</p></div></body>')


def test_a_boilerplate_word_around_most_of_what_the_extractors_keep_names_the_layout():
    blocks = page_blocks(_layout_page("has-sidebar"))
    assert [b.hint for b in blocks] == ["navigation"] * 7
    kept = [b.text == STORY.strip() for b in blocks]
    discount_layout(blocks, [kept, kept])
    assert [(b.hint, b.bad_attrs) for b in blocks] == [("", 0)] * 5 + [("navigation", 1)] * 2


def test_a_sidebar_holding_most_of_the_page_still_counts_when_the_extractors_keep_the_story():
    story = "<p>Storm floods the coast.</p>"
    side = "".join(f"<p>{STORY}</p>" for _ in range(6))
    blocks = page_blocks(parse(f'<body><article>{story}</article><aside class="sidebar">{side}</aside></body>'))
    kept = [b.text == "Storm floods the coast." for b in blocks]
    discount_layout(blocks, [kept, [False] * len(blocks)])  # a view that keeps nothing has no say
    assert [b.hint for b in blocks] == [""] + ["navigation"] * 6


def test_hidden_blocks_are_marked():
    blocks = _blocks('<body><p>Shown text here.</p><div style="display: none"><p>Hidden copy.</p></div>'
                     '<p hidden>Also hidden.</p></body>')
    assert [(b.text, b.hidden) for b in blocks] == [
        ("Shown text here.", False), ("Hidden copy.", True), ("Also hidden.", True)]


def test_coverage_is_the_share_of_a_blocks_trigrams_in_a_view():
    blocks = _blocks("<body><p>one two three four</p><p>five six</p><p>seven eight nine</p></body>")
    assert coverage(blocks, "one two three and five six") == [0.5, 1.0, 0.0]
    assert coverage(blocks, "") == [0.0, 0.0, 0.0]


def test_coverage_pool_answers_as_every_ngram_of_the_text_would():
    import random
    from cleaner.html import views

    rng = random.Random(7)
    words = ["a", "b", "c", "d", "e"]
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        blocks = _blocks("<body>" + "".join(
            "<p>" + " ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) + "</p>" for _ in range(6)) + "</body>")
        full = views.grams(text)
        expected = [sum(g in full for g in gs) / len(gs) if gs and full else 0.0
                    for gs in (views.block_grams(b.line.tokens) for b in blocks)]
        assert coverage(blocks, text) == expected


def test_page_grams_tokenise_a_text_as_the_whole_text_regex_does():
    import random
    from cleaner.html import views

    rng = random.Random(11)
    pieces = ["Word", "word", "ΣΑΣ", "ΟΔΟΣ", "İstanbul", "straße", "ǅ", "x_y", "42", " ", "\n", "\r\n", "\t",
              ",", "—", "\u00a0", "ſ", "\u212a", "日本"]
    grams = views.PageGrams([])
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert grams.tokens(text) == views._TOKEN.findall(text.lower()), repr(text)


def test_readability_view_finds_the_article_without_touching_the_tree():
    tree = parse(PAGE)
    before = len(list(tree.iter()))
    text = readability_text(tree)
    assert "flood barrier along the river" in text and "Home" not in text
    assert len(list(tree.iter())) == before


def test_justext_classes_on_blocks():
    classes = justext_classes(_blocks(), stopwords("en"))
    by_text = dict(zip((b.text for b in _blocks()), classes))
    assert by_text["Home"][0] == "bad"  # all link text
    assert by_text[(STORY * 3).strip()] == ("good", "good")


class _P:
    def __init__(self, cf, heading, text):
        self.cf_class, self.heading, self.text, self.class_type = cf, heading, text, ""


def _paras(seed: int, n: int):
    rnd = random.Random(seed)
    return [_P(rnd.choice(("good", "bad", "short", "short", "neargood")), rnd.random() < 0.15,
               "x" * rnd.choice((0, 5, 40, 120, 300))) for _ in range(n)]


def test_revise_classes_is_justexts_context_step():
    """The linear-time revision gives jusText's own result, on many random class sequences and on
    the blocks of real pages."""
    from justext.core import revise_paragraph_classification

    cases = [_paras(seed, n) for seed in range(300) for n in (0, 1, 2, 7, 40)]
    for path in sorted((ROOT / "fixtures").rglob("*.html"))[:12]:
        blocks = page_blocks(parse(path.read_text(encoding="utf-8", errors="replace")))
        ours = justext_classes(blocks, stopwords("en"))
        cases.append([_P(cf, b.kind == "heading", b.text) for b, (cf, _) in zip(blocks, ours)])
    for paras in cases:
        theirs = [_P(p.cf_class, p.heading, p.text) for p in paras]
        revise_classes(paras)
        revise_paragraph_classification(theirs)
        assert [p.class_type for p in paras] == [p.class_type for p in theirs]


def test_decode_bridges_one_weak_block_and_drops_a_lone_island():
    m = M.Model(tuple(), switch_cost=3.0, word_scale=0.0)
    assert m.decode([5, 5, -2, 5, 5], [10] * 5) == [True] * 5  # one weak block inside the story
    assert m.decode([5, 5, -8, 5, 5], [10] * 5) == [True, True, False, True, True]
    assert m.decode([5, 5, -4, -4, 2, -4, -4], [10] * 7) == [True, True] + [False] * 5  # a lone island is not worth it
    assert m.decode([], []) == []
    assert m.decode([0.5], [10]) == [True]  # a page of one body-like paragraph pays no switch
    assert m.decode([5, -4, -4], [10] * 3) == [True, False, False]  # a story opening the page: one switch
    assert m.decode([-4, -4, 5], [10] * 3) == [False, False, True]  # ... or closing it
    assert m.decode([5, -4, -4, 5, -4, -4], [10] * 6) == [True] + [False] * 5  # inside the page: two switches


def test_a_page_where_no_island_pays_for_its_switches_keeps_its_best_run():
    m = M.Model(tuple(), switch_cost=3.0, word_scale=0.0)
    # a paywalled lead between boilerplate: better than an empty page
    assert m.decode([-4, 2, -4, -4], [10] * 4) == [False, True, False, False]
    assert m.decode([-4, 2, -0.5, 2, -4], [10] * 5) == [False, True, True, True, False]
    assert m.decode([-4, -1, -4], [10] * 3) == [False] * 3  # nothing reads as body: nothing kept
    assert M.best_run([1.0, -3.0, 1.5]) == [False, False, True]


def test_context_rows_give_each_block_the_weaker_and_stronger_best_score_around_it():
    rows = M.context_rows([4.0, -1.0, 6.0, -2.0])
    # block 1 sits between 4 (above) and 6 (below); block 0 has nothing above it
    assert rows[1] == (1.0, -1.0, 0.4, 0.6)
    assert rows[0] == (1.0, 4.0, -M.MAX_LOGIT / M.CONTEXT_SCALE, 0.6)
    assert rows[3] == (1.0, -2.0, -M.MAX_LOGIT / M.CONTEXT_SCALE, 0.6)
    assert M.context_rows([]) == []


def test_the_context_stage_lifts_a_weak_block_between_strong_ones():
    first = {"features": features.FEATURES, "weights": [0.0] * len(features.FEATURES), "switch_cost": 1.0}
    rows = [[0.0] * len(features.FEATURES) for _ in range(3)]
    assert M.Model.from_dict(first).logits(rows) == [0.0, 0.0, 0.0]  # no context stage: the first scores
    bias = features.INDEX["bias"]
    for row, z in zip(rows, (5.0, -1.0, 5.0)):
        row[bias] = z
    first["weights"][bias] = 1.0
    ctx = {"features": list(M.CONTEXT_FEATURES), "weights": [0.0, 1.0, 2.0, 0.0]}
    z = M.Model.from_dict({**first, "context": ctx}).logits(rows)
    assert z[1] == -1.0 + 2.0 * 5.0 / M.CONTEXT_SCALE  # between two blocks of 5: lifted to 0
    assert z[0] < 5.0 and z[2] < 5.0  # the edges have nothing on one side
    with pytest.raises(ValueError, match="context stage does not match"):
        M.Model.from_dict({**first, "context": {**ctx, "features": ["bias", "score"]}})


def test_settle_takes_the_headline_and_repeats_out_of_the_body():
    texts = ["Council approves flood barrier", "A long paragraph here", "A long paragraph here", "ok"]
    out = settle(texts, [4, 4, 4, 1], [True, True, True, True], "Council  approves flood barrier")
    assert out == [(False, rules.METADATA), (True, None), (False, rules.DUPLICATE), (True, None)]


def test_model_file_matches_the_features_and_is_small():
    data = json.loads(M.MODEL_FILE.read_text(encoding="utf-8"))["html"]
    assert data["features"] == features.FEATURES
    assert len(data["weights"]) == len(features.FEATURES)
    assert M.MODEL_FILE.stat().st_size < 1_000_000
    with pytest.raises(ValueError, match="does not match the features"):
        M.Model.from_dict({**data, "features": data["features"][:-1]})


def test_every_block_not_kept_is_in_removed_with_a_reason():
    r = clean(PAGE)
    assert "flood barrier along the river" in r.text
    assert r.title == "Council approves flood barrier"
    body = set(r.text.split("\n\n"))
    blocks = [b.text for b in _blocks()]
    removed = [line for line, _ in r.removed]
    assert sorted(body | set(removed)) == sorted(set(blocks))  # every block is kept or listed
    assert all(reason in rules.REASONS for _, reason in r.removed)
    assert dict(r.removed)["Council approves flood barrier"] == rules.METADATA
    assert dict(r.removed)["Home"] == rules.NAVIGATION


def test_fast_mode_is_the_single_view_path():
    fast = clean(PAGE, fast=True)
    assert "flood barrier along the river" in fast.text and "Home" not in fast.text
    assert clean(PAGE, fast=True).to_dict() == fast.to_dict()


def test_a_page_past_the_many_views_size_takes_the_single_view_path(monkeypatch):
    from cleaner import api

    monkeypatch.setattr(api, "MANY_VIEWS_MAX_CHARS", len(PAGE) - 1)
    assert clean(PAGE).to_dict() == clean(PAGE, fast=True).to_dict()


def test_salvage_gives_the_single_view_body_when_the_decoding_keeps_next_to_nothing():
    from cleaner.decision import SALVAGE_MIN_WORDS, salvage

    words = [40.0, 40.0, 5.0]
    v1 = [1.0, 1.0, 0.0]
    assert salvage([False, False, True], words, v1) == [True, True, False]  # 5 of 80 words kept
    assert salvage([True, False, False], words, v1) == [True, False, False]  # half is enough
    small = [float(SALVAGE_MIN_WORDS - 1), 0.0, 0.0]
    assert salvage([False] * 3, small, v1) == [False] * 3  # too little to salvage


def test_readers_comments_are_not_the_article_except_on_a_forum_page():
    from cleaner.decision import without_comments

    keep = [True, True, True, True]
    in_comments = [False, True, True, True]
    traf = [1.0, 0.0, 1.0, 0.0]
    assert without_comments(keep, in_comments, traf, forum=False) == [True, False, True, False]  # trafilatura keeps the third
    assert without_comments(keep, in_comments, traf, forum=True) == keep


def test_a_short_post_under_a_long_thread_keeps_its_thread():
    from cleaner.decision import DISCUSSION_POST_WORDS, DISCUSSION_RATIO, is_discussion, without_comments

    keep = [True, True, True, True]
    in_comments = [False, True, True, True]
    traf = [1.0, 0.0, 0.0, 0.0]
    post = float(DISCUSSION_POST_WORDS - 1)
    thread = [post, (DISCUSSION_RATIO * post) / 3 + 1, (DISCUSSION_RATIO * post) / 3, (DISCUSSION_RATIO * post) / 3]
    assert is_discussion(keep, in_comments, thread)
    assert without_comments(keep, in_comments, traf, False, thread) == keep  # a question and its answers
    article = [float(DISCUSSION_POST_WORDS)] + thread[1:]  # an article this long: its comments go
    assert not is_discussion(keep, in_comments, article)
    assert without_comments(keep, in_comments, traf, False, article) == [True, False, False, False]
    few = [post, 10.0, 10.0, 10.0]  # a short post with a few comments: still not the content
    assert without_comments(keep, in_comments, traf, False, few) == [True, False, False, False]


def test_the_body_ends_where_both_extractors_bodies_end_but_keeps_its_headline():
    from cleaner.decision import within_views

    keep = [True, True, True, True, True, True]
    traf = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0]
    read = [0.0, 0.0, 0.0, 1.0, 0.0, 0.0]  # the extractors' bodies span blocks 2..3
    heading = [True, False, False, False, True, False]
    # the headline before the span stays, a blurb before it and everything after it go
    assert within_views(keep, traf, read, heading) == [True, False, True, True, False, False]
    assert within_views([False, True, False, True, True, False], traf, read, heading) == [False, False, False, True, False, False]
    assert within_views(keep, [0.0] * 6, [0.3] * 6, heading) == keep  # neither keeps a block: nothing to go by


def test_a_layout_ancestor_keeps_its_identity_when_a_posts_comment_container_is_dropped():
    from cleaner.html.blocks import _read, _without
    outer = ("navigation", None)  # e.g. a "has-sidebar" wrapper
    chain = ("metadata", ("comments", outer))
    trimmed = _without(chain, lambda link: link[0] == "comments")
    assert trimmed == ("metadata", outer) and trimmed[1] is outer
    assert _read(trimmed) == (2, "metadata")
    assert _without(chain, lambda link: False) is chain
    assert _without(None, lambda link: True) is None


def test_the_dump_view_is_the_page_blocks_through_the_text_path_on_every_page():
    from cleaner.api import dump_lines, html_page

    page, _, _ = html_page(PAGE, None)
    lines, _ = dump_lines("\n".join(b.text for b in page.blocks), page.language)
    assert page.view_texts["dump"] == "\n".join(ln.text for ln in lines if ln.role == "body")
    by_text = {b.text: b.views["dump"] for b in page.blocks}
    story = [v for t, v in by_text.items() if t.startswith("The council")]
    assert story and all(v == 1.0 for v in story)
    assert by_text["Home"] == 0.0 and by_text["© 2024 The Riverside Times"] == 0.0
    assert "dump" in features.VIEWS and "dump_page" in features.FEATURES
