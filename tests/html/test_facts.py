"""What a page declares about itself, gathered in one walk (html/facts.py)."""
import lxml.html

from cleaner.html.facts import gather_facts

PAGE = """<html lang="en"><head><title> Storm hits
 coast | Tribune </title>
<meta property="og:title" content="Storm hits coast"><meta name="OG:Title" content="Second">
<meta name="description" content="  "><link rel="canonical" href="https://example.com/storm">
<script type=" Application/LD+JSON ">{"@type": "NewsArticle", "headline": "Storm"}</script>
<script>var notJsonLd = {"@type": "Thing"};</script><script type="application/ld+json">{broken</script>
<link rel="canonical" href="/relative"><link rel="stylesheet" href="/site.css"></head>
<body><svg><title>Icon</title></svg><h1>Storm <br>hits coast</h1><h1>  </h1>""" + "<h1>More</h1>" * 10 + \
    "</body></html>"


def test_gather_facts_reads_meta_json_ld_title_h1s_and_canonical_links():
    facts = gather_facts(lxml.html.document_fromstring(PAGE))
    assert facts.meta == {"og:title": ["Storm hits coast", "Second"]}  # keys lowercased, blank content skipped
    assert facts.ld_items == [{"@type": "NewsArticle", "headline": "Storm"}]
    assert facts.title_tag == "Storm hits coast | Tribune"  # the first <title>, not the icon's
    assert [text for text, _ in facts.h1s] == ["Storm hits coast"] + ["More"] * 7  # blank skipped, 8 kept
    assert facts.canonical == ["https://example.com/storm", "/relative"]


def test_a_title_or_link_element_given_as_the_tree_itself_is_not_counted():
    # as with tree.find(".//title"): below the root only (an <h1> root counts, as with tree.iter)
    assert gather_facts(lxml.html.fragment_fromstring("<title>Alone</title>")).title_tag == ""
    assert gather_facts(lxml.html.fragment_fromstring('<link rel="canonical" href="https://a.b/c">')).canonical == []
    assert [text for text, _ in gather_facts(lxml.html.fragment_fromstring("<h1>Root</h1>")).h1s] == ["Root"]


def test_json_ld_nesting_is_measured_only_when_the_brackets_could_reach_the_bound():
    from cleaner.html.jsonld import MAX_LD_DEPTH, nests_too_deep

    assert not nests_too_deep("[" * MAX_LD_DEPTH + "]" * MAX_LD_DEPTH)
    assert nests_too_deep("[" * (MAX_LD_DEPTH + 1) + "]" * (MAX_LD_DEPTH + 1))
    wide = "[" + ", ".join(['{"a": [1]}'] * 100) + "]"  # 201 brackets, 3 levels
    assert not nests_too_deep(wide)
    assert not nests_too_deep('{"text": "' + "[" * 500 + '"}')  # brackets inside a string
