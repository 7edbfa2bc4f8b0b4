"""readability-lxml's `Document.sanitize`, giving the same result with less work.

The step that cleans the chosen article (drops headers, forms, iframes and the tables, lists and
<div>s that look like boilerplate) follows readability-lxml 0.9 (Apache-2.0) line for line, but:
- nothing is formatted for a debug log nobody reads: readability describes every element it
  keeps or drops, with its whole text collapsed by a regex, before calling the logger;
- an element's text is read once per look (`text_content`), and its length counted with
  `clean_length` (`len(clean(text))` without building the cleaned text): readability reads it
  three times (commas, length, link density) and cleans it with three regex substitutions;
- the link density of an element reuses the length just counted (nothing changes in between).
Tested equal to readability's own on shaped and fixture pages (`tests/html/test_readability_view.py`).
"""
from __future__ import annotations

from readability.readability import REGEXES, is_video_url  # imported on the first HTML page only

_CALL_TO_ACTION = REGEXES["callToActionRe"]
_CONDITIONAL_TAGS = ("table", "ul", "div", "aside", "header", "footer", "section")
_COUNTED_TAGS = ("p", "img", "li", "a", "embed", "input")
_SIBLING_TEXT = 1000  # readability keeps an element whose nearest non-empty siblings hold this much text


def sanitize(doc, node, candidates, keep_all_images: bool, length, element_length) -> None:
    """readability's `sanitize(node, candidates, keep_all_images)` on `doc` (a Document), up to
    its final `get_clean_html()`. `length(text)`: `len(clean(text))`; `element_length(el)`:
    readability's `text_length(el)`."""
    _drop_headers_and_calls(doc, node)
    for elem in doc.tags(node, "form", "textarea"):
        elem.drop_tree()
    for elem in doc.tags(node, "iframe"):
        if "src" in elem.attrib and is_video_url(elem.attrib["src"]):
            elem.attrib.pop("srcdoc", None)
            elem.text = "VIDEO"
        else:
            elem.drop_tree()
    allowed = doc.get_preserved_elements(node)
    for el in doc.reverse_tags(node, *_CONDITIONAL_TAGS):
        if el in allowed:
            continue
        weight = doc.class_weight(el)
        content_score = candidates[el]["content_score"] if el in candidates else 0
        if weight + content_score < 0:
            el.drop_tree()
            continue
        text = el.text_content()
        if text.count(",") >= 10:
            continue
        if keep_all_images and el.tag == "div" and len(el.findall(".//img")) >= 1:
            continue
        if _conditionally_removed(doc, el, weight, text, length, element_length, allowed):
            el.drop_tree()


def _drop_headers_and_calls(doc, node) -> None:
    for header in doc.tags(node, "h1", "h2", "h3", "h4", "h5", "h6"):
        if doc.class_weight(header) < 0 or doc.get_link_density(header) > 0.33:
            header.drop_tree()
    for elem in doc.tags(node, "p"):
        if _CALL_TO_ACTION.search(elem.text_content()) and doc.get_link_density(elem) > 0.2:
            elem.drop_tree()


def _conditionally_removed(doc, el, weight: int, text: str, length, element_length, allowed: dict) -> bool:
    """readability's tests of a table, list or <div> with few commas (`to_remove`); one without
    any text stays when its nearest non-empty siblings hold more than _SIBLING_TEXT characters,
    and so do the tables, lists and <div>s inside it."""
    counts = {kind: len(el.findall(".//%s" % kind)) for kind in _COUNTED_TAGS}
    counts["li"] -= 100
    counts["input"] -= len(el.findall('.//input[@type="hidden"]'))
    content_length = length(text)
    links = sum(element_length(a) for a in el.iterfind(".//a"))
    link_density = float(links) / max(content_length, 1)
    if _to_remove(doc, el, counts, weight, content_length, link_density):
        return True
    if content_length:
        return False
    siblings = []  # no text: readability looks at the nearest non-empty sibling on each side
    for sib in el.itersiblings():
        sib_content_length = element_length(sib)
        if sib_content_length:
            siblings.append(sib_content_length)
            break
    for sib in el.itersiblings(preceding=True):
        sib_content_length = element_length(sib)
        if sib_content_length:
            siblings.append(sib_content_length)
            break
    if siblings and sum(siblings) > _SIBLING_TEXT:
        for desnode in doc.tags(el, "table", "ul", "div", "section"):
            allowed[desnode] = True
        return False
    return True


def _to_remove(doc, el, counts: dict, weight: int, content_length: int, link_density: float) -> bool:
    """readability's reasons to drop a table, list or <div>, in its order, but for the last
    (no text at all), which its neighbours can overrule."""
    tag = el.tag
    if counts["p"] and counts["img"] > 1 + counts["p"] * 1.3:
        return True
    if counts["li"] > counts["p"] and tag not in ("ol", "ul"):
        return True
    if counts["input"] > (counts["p"] / 3):
        return True
    if content_length < doc.min_text_length and counts["img"] == 0:
        return True
    if content_length < doc.min_text_length and counts["img"] > 2:
        return True
    if weight < 25 and link_density > (
            0.25 if tag in ("ul", "section") and el.xpath("ancestor::main | ancestor::article") else 0.2):
        return True
    if weight >= 25 and link_density > 0.5:
        return True
    if (counts["embed"] == 1 and content_length < 75) or counts["embed"] > 1:
        return True
    return False
