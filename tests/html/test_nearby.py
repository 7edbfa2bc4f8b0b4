"""The walks around the headline (html/nearby.py): document order, what they skip."""
from itertools import islice

import lxml.html

from cleaner.html import nearby
from cleaner.html.nearby import elements_near, marks_of, texts_after, texts_before

PAGE = """<html><body><div id="top">Site <nav>Home</nav></div>
<article><header><span class="date">May 2, 2024</span><h1>Storm hits the coast</h1>
<p class="byline">By <a href="/author/jane">Jane Roe</a></p><time datetime="2024-05-02">Thursday</time></header>
<p>First <b>bold</b> paragraph.</p><script>var x = "code";</script>
<div class="comments"><p>A reader's comment</p></div><!-- a comment node --><p>Last</p>
<footer><p>Footer text</p></footer></article><p>After the article</p></body></html>"""


def _h1(page=PAGE):
    tree = lxml.html.document_fromstring(page)
    return tree, tree.find(".//h1")


def _tags(items):
    return [item if isinstance(item, str) or item is None else item.tag for item in items]


def test_texts_after_the_headline_in_document_order_without_skipped_insides():
    _, h1 = _h1()
    assert texts_after(h1, 20) == [
        "By", "Jane Roe", "2024-05-02", "Thursday", "First", "bold", "paragraph.", "Last", "After the article"]


def test_texts_before_the_headline_nearest_last():
    _, h1 = _h1()
    assert texts_before(h1, 3) == ["Site", "Home", "May 2, 2024"]
    assert texts_before(h1, 1) == ["May 2, 2024"]


def test_elements_near_come_in_walk_order_with_their_marks():
    _, h1 = _h1()
    near = elements_near(h1)
    assert [elem.tag for elem, _ in near] == [
        "p", "a", "time", "p", "b", "script", "div", "p", "footer", "p",  # after, document order
        "span", "header", "article", "nav", "div", "body", "html"]  # before, nearest first
    assert all(marks == marks_of(elem) for elem, marks in near)
    assert near[0][1].split() == ["byline"]


def test_the_reversed_walk_is_the_forward_walk_backwards():
    tree, _ = _h1()
    body = tree.find("body")
    forward = list(nearby._subtree(body))
    assert list(nearby._subtree_reversed(body)) == forward[::-1]
    assert "A reader's comment" not in [t.strip() for t in forward if isinstance(t, str)]  # inside .comments
    assert "Footer text" not in [t.strip() for t in forward if isinstance(t, str)]


def test_walks_are_flat_on_deeply_nested_pages():
    depth = 2000  # recursion would pass Python's limit
    tree = innermost = lxml.html.Element("div")
    for _ in range(depth):
        innermost = lxml.html.etree.SubElement(innermost, "div")
    innermost.text = "deep"
    assert list(islice(nearby._subtree(tree), 2 * depth + 2))[-1] == "deep"
    assert "deep" in list(nearby._subtree_reversed(tree))
    assert len(elements_near(innermost)) == nearby._NEAR_BEFORE


def test_elements_after_skip_the_whole_inside_of_a_boilerplate_box():
    # the box's last node is a comment nested two levels down: the walk resumes right after it
    _, h1 = _h1('<html><body><h1>Title</h1><div class="sidebar"><p>x</p><div><span>y</span>'
                '<!-- last --></div></div><p class="byline">next</p><div><em>on</em></div></body></html>')
    assert [(elem.tag, marks.strip()) for elem, marks in elements_near(h1)][:4] == [
        ("div", "sidebar"), ("p", "byline"), ("div", ""), ("em", "")]


def test_walks_give_the_tails_of_comments_and_entity_references_but_not_the_nodes():
    tree = lxml.html.fromstring("<div><p>a</p>b<!-- note -->c</div>")
    entity = lxml.html.etree.Entity("custom")
    entity.tail = "after the entity"
    tree[0].append(entity)
    forward = list(nearby._subtree(tree))
    assert [item for item in forward if isinstance(item, str)] == ["a", "after the entity", "b", "c"]
    assert list(nearby._subtree_reversed(tree)) == forward[::-1]
