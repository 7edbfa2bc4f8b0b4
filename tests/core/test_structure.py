"""Structure survives (issue 12): `CleanResult.blocks` and the Markdown output.

Golden block lists of four real-shaped pages (fixtures/structure/), as HTML and as text dumps,
taken over all of a page's blocks so they do not move with the body decision; the Markdown is
read back with a CommonMark parser (markdown-it-py) for the same headings, lists, tables and
quotes, and no text node of it may be missing from the input page."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from cleaner import clean
from cleaner.html.blocks import page_blocks
from cleaner.html.parse import parse
from cleaner.markdown import escape, heading_text, to_markdown, yaml_string
from cleaner.result import CleanResult
from cleaner.structure import line_result_blocks, result_blocks
from cleaner.text.blocks import dump_blocks, line_blocks
from cleaner.text.lines import split_lines

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "fixtures" / "structure"
SEEDS = ROOT / "fixtures" / "seeds"
NAMES = ("ranked", "howto", "spec", "interview")
MD = MarkdownIt("commonmark").enable("table")


def _page_blocks(name, fmt):
    raw = (PAGES / f"{name}.{'html' if fmt == 'html' else 'dump.txt'}").read_text(encoding="utf-8")
    if fmt == "html":
        return result_blocks(page_blocks(parse(raw)))
    return result_blocks(dump_blocks(split_lines(raw)))


def _collapse(text):
    return " ".join(text.split())


# --- the parsed Markdown, as plain structures -------------------------------------------------

def _inline_text(token):
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _body(md):
    """The Markdown without its front matter, and the front matter parsed as YAML."""
    if md.startswith("---\n"):
        end = md.index("\n---\n", 4)
        return md[end + 5:], yaml.safe_load(md[4:end])
    return md, None


def parsed(md):
    """(headings, list items, tables, quotes, code, text nodes) read back from Markdown."""
    tokens = MD.parse(md)
    headings, items, tables, quotes, code, texts = [], [], [], [], [], []
    open_items, row, quote_depth = [], None, 0
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            headings.append((int(t.tag[1]), _inline_text(tokens[i + 1])))
        elif t.type == "list_item_open":
            ordered = bool(t.info)
            open_items.append(len(items))
            items.append([ordered, int(t.info) if ordered else None, None])
        elif t.type == "list_item_close":
            open_items.pop()
        elif t.type == "table_open":
            tables.append([])
        elif t.type == "tr_open":
            row = []
            tables[-1].append(row)
        elif t.type == "blockquote_open":
            quote_depth += 1
        elif t.type == "blockquote_close":
            quote_depth -= 1
        elif t.type in ("fence", "code_block"):
            code.append(t.content.rstrip("\n"))
        elif t.type == "inline":
            text = _inline_text(t)
            texts.append(text)
            if tokens[i - 1].type in ("th_open", "td_open"):
                row.append(text)
            elif open_items and items[open_items[-1]][2] is None:
                items[open_items[-1]][2] = text
            elif quote_depth:
                quotes.append(text)
    return headings, [tuple(x) for x in items], tables, quotes, code, texts


def expected(blocks, title=True):
    """The same structures as `parsed`, straight from the result blocks."""
    headings, items, tables, quotes, code = [], [], [], [], []
    for b in blocks:
        if b["kind"] == "heading":
            headings.append((min(6, max(b["level"], 2 if title else 1)), b["text"]))
        if "list" in b and not b["continued"]:
            items.append((b["ordered"], b["number"] if b["ordered"] else None, b["text"]))
        if b["kind"] == "table":
            width = max(len(r) for r in b["rows"])
            tables.append([[" ".join(c.split()) for c in r] + [""] * (width - len(r)) for r in b["rows"]])
        if b["kind"] == "quote":
            quotes.append(b["text"])
        if b["kind"] == "code":
            code.append(b["text"])
    return headings, items, tables, quotes, code


def assert_round_trip(result, source_text):
    md = to_markdown(result)
    body, front = _body(md)
    headings, items, tables, quotes, code, texts = parsed(body)
    want = expected(result.blocks, title=bool(result.title))
    if result.title:
        assert headings[0] == (1, _collapse(result.title))
        headings = headings[1:]
    assert headings == want[0]
    assert items == want[1]  # a heading opening an item is the item's first text
    assert tables == want[2]
    assert quotes == want[3]
    assert code == want[4]
    source = _collapse(source_text)
    for text in texts:  # markup added by the renderer never reads back as text
        for part in text.split("<br>"):
            assert _collapse(part) in source, part
    for block_text in code:
        assert all(_collapse(line) in source for line in block_text.splitlines())
    return md, front


# --- golden blocks --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "text"])
@pytest.mark.parametrize("name", NAMES)
def test_golden_blocks(name, fmt):
    golden = json.loads((PAGES / f"{name}.blocks.json").read_text(encoding="utf-8"))[fmt]
    assert _page_blocks(name, fmt) == golden


def test_ranked_list_keeps_its_numbers_and_entry_names():
    blocks = _page_blocks("ranked", "html")
    heads = [(b["number"], b["text"]) for b in blocks if b["kind"] == "heading" and "list" in b]
    assert heads == [(1, "State Farm Group"), (2, "Progressive Corp"), (3, "GEICO")]
    rest = [(b["number"], b["text"].split(",")[0]) for b in blocks if b["kind"] == "list_item" and b["list"] == 3]
    assert rest == [(4, "Allstate Corp"), (5, "USAA Group")]  # <ol start="4">
    dump = [(b["number"], b["text"]) for b in _page_blocks("ranked", "text") if b["kind"] == "list_item"]
    assert dump[0] == (1, "State Farm Group, market share 17.89%") and len(dump) == 5


def test_howto_steps_nest_and_continue_their_numbering():
    blocks = _page_blocks("howto", "html")
    steps = [(b["number"], b["depth"]) for b in blocks if b["kind"] == "list_item" and b["ordered"]]
    assert steps == [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)]
    nested = [b["text"] for b in blocks if b["kind"] == "list_item" and b["depth"] == 1]
    assert nested == ["Leave about two centimetres below the rim.", "Do not bury the leaves."]
    assert [b["text"] for b in blocks if b["kind"] == "heading" and b["level"] == 3] == [
        "Prepare the plant", "Plant it again"]
    assert {"kind": "code", "text": "Week 1: no water\nWeek 2: water lightly"} in blocks


def test_spec_table_rows_of_cells_from_html_and_from_a_pipe_table():
    for fmt in ("html", "text"):
        table = next(b for b in _page_blocks("spec", fmt) if b["kind"] == "table")
        assert table["header"] is True and table["rows"][0] == ["Part", "Aria X2", "Aria X1"]
        assert table["rows"][3] == ["Battery", "72 Wh", "54 Wh"]


def test_layout_and_single_row_tables_stay_paragraphs():
    layout = "<body><table><tr><td>" + "A long column of story text. " * 15 + "</td><td>Side</td></tr>" \
             "<tr><td>More story.</td><td>Ads</td></tr></table></body>"
    assert [b["kind"] for b in result_blocks(page_blocks(parse(layout)))] == ["paragraph"] * 4
    one_row = "<body><table><tr><td>Cost</td><td>12 million</td></tr></table></body>"
    assert [b["kind"] for b in result_blocks(page_blocks(parse(one_row)))] == ["paragraph"] * 2


def test_list_numbers_follow_start_value_and_reversed():
    html = ('<body><ol reversed><li>three</li><li>two</li><li>one</li></ol>'
            '<ol start="7"><li>seven</li><li value="10">ten</li><li>eleven</li></ol></body>')
    assert [b["number"] for b in result_blocks(page_blocks(parse(html)))] == [3, 2, 1, 7, 10, 11]


# --- Markdown -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "text"])
@pytest.mark.parametrize("name", NAMES)
def test_markdown_reads_back_as_the_same_structure(name, fmt):
    raw = (PAGES / f"{name}.{'html' if fmt == 'html' else 'dump.txt'}").read_text(encoding="utf-8")
    blocks = _page_blocks(name, fmt)
    result = CleanResult(text="", title="A title", blocks=blocks)
    source = raw if fmt == "text" else "\n".join(b.text for b in page_blocks(parse(raw)))
    assert_round_trip(result, source + "\nA title")


def test_ranked_markdown_text():
    md = to_markdown(CleanResult(text="", blocks=_page_blocks("ranked", "html")[2:7]))
    assert md.splitlines()[:7] == [
        "# The 5 largest car insurers in 2024", "",
        "Five companies write more than half of all private auto policies in the United States. "
        "Here is how they rank by direct premiums written, according to the latest industry filings.", "",
        "## The ranking", "", "1. ### State Farm Group"]
    assert "   Market share: 17.89%. The largest insurer" in md


@pytest.mark.parametrize("name", NAMES)
def test_clean_result_carries_blocks_and_markdown(name):
    raw = (PAGES / f"{name}.html").read_text(encoding="utf-8")
    r = clean(raw)
    d = r.to_dict()
    assert d["blocks"] == r.blocks and json.loads(json.dumps(d))["blocks"] == r.blocks
    source = "\n".join(b.text for b in page_blocks(parse(raw)))
    for b in r.blocks:  # every block's text is a kept block's text, so it occurs in the input
        for text in [c for row in b.get("rows", []) for c in row] or [b["text"]]:
            assert all(_collapse(t) in _collapse(source) for t in text.split("\n"))
    md, front = assert_round_trip(r, source + "\n" + (r.title or ""))
    assert front == ({k: v for k, v in [("title", r.title), ("date", r.date), ("authors", r.authors or None),
                                         ("site", r.site), ("url", r.url), ("language", r.language)] if v} or None)


def test_fast_results_have_blocks_from_their_lines():
    raw = (PAGES / "howto.html").read_text(encoding="utf-8")
    r = clean(raw, fast=True)
    assert [b["text"] for b in r.blocks if b["kind"] != "table"] and all(
        _collapse(b["text"]) in r.text for b in r.blocks if "text" in b)
    steps = [b["number"] for b in r.blocks if b["kind"] == "list_item" and b["ordered"]]
    assert steps == sorted(steps)


def test_text_dump_items_lose_their_marker_only():
    r = clean((PAGES / "howto.dump.txt").read_text(encoding="utf-8"))
    items = [(b["ordered"], b["number"], b["text"]) for b in r.blocks if b["kind"] == "list_item"]
    if items:  # the decision may drop the lists; what it keeps keeps its numbers
        assert all(t in r.text for _, _, t in items)
        assert all(n is None or f"{n}. {t}" in r.text for _, n, t in items)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_markdown_invents_no_text(path):
    raw = path.read_text(encoding="utf-8")
    r = clean(raw)
    assert_round_trip(r, raw)


def test_front_matter_is_yaml_whatever_the_values():
    nasty = 'He said: "no" # not a comment\n- [x] \u2028 \x85 end\\'
    r = CleanResult(text="", title=nasty, authors=["A: B", "- C"], site="@site", date="2024-11-01",
                    url="https://example.com/a?b=c&d=#e", language="en")
    md = to_markdown(r)
    _, front = _body(md)
    assert front == {"title": _collapse(nasty), "authors": ["A: B", "- C"], "site": "@site",
                     "date": "2024-11-01", "url": "https://example.com/a?b=c&d=#e", "language": "en"}
    assert yaml.safe_load(yaml_string("x\u2028y")) == "x y"


MARKUPISH = st.text(alphabet="ab 1.#*_-+=>|<[]()!`~\\&;:", min_size=1, max_size=30).map(_collapse).filter(bool)


@settings(max_examples=200, deadline=None)
@given(MARKUPISH)
def test_escaped_text_reads_back_as_itself(text):
    for md, want in ((escape(text), text), ("## " + heading_text(text), text), ("- " + escape(text), text)):
        inline = [t for t in MD.parse(md) if t.type == "inline"]
        assert [_inline_text(t) for t in inline] == [want], md
    table = to_markdown(CleanResult(text="", blocks=[{"kind": "table", "rows": [[text, "x"], ["y", text]]}]))
    assert parsed(table)[2] == [[[text, "x"], ["y", text]]]


@pytest.mark.slow  # the command runs as a subprocess
def test_cli_format_md_writes_front_matter_and_structure(tmp_path):
    page = tmp_path / "spec.html"
    page.write_text((PAGES / "spec.html").read_text(encoding="utf-8"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "cleaner.cli", str(page), "--format", "md"],
                         capture_output=True, text=True, check=True).stdout
    assert out == to_markdown(clean(page.read_bytes()))
    assert out.startswith('---\ntitle: "Aria X2 review: the specs"\n')
    line = subprocess.run([sys.executable, "-m", "cleaner.cli", str(page), "--format", "jsonl"],
                          capture_output=True, text=True, check=True).stdout
    assert json.loads(line)["blocks"] == clean(page.read_bytes()).blocks


# --- random pages: the blocks and the Markdown over any mix of structures -------------------------

WORDS = st.text(alphabet="abcdefghij 0123456789.#*_-+>|<[]`&;!", min_size=1, max_size=24).map(_collapse).filter(
    lambda t: t and "<" not in t)  # '<' would open a tag in the HTML we write


def _elements():
    text = WORDS
    item = text.map(lambda t: f"<li>{t}</li>")
    nested = st.tuples(text, st.lists(item, min_size=1, max_size=3)).map(
        lambda x: f"<li>{x[0]}<ul>{''.join(x[1])}</ul></li>")
    cells = st.lists(st.lists(text, min_size=2, max_size=3), min_size=2, max_size=3)
    return st.one_of(
        text.map(lambda t: f"<p>{t}</p>"),
        st.tuples(st.integers(1, 6), text).map(lambda x: f"<h{x[0]}>{x[1]}</h{x[0]}>"),
        st.lists(st.one_of(item, nested), min_size=1, max_size=4).map(lambda xs: f"<ul>{''.join(xs)}</ul>"),
        st.tuples(st.integers(0, 20), st.lists(item, min_size=1, max_size=4)).map(
            lambda x: f'<ol start="{x[0]}">{"".join(x[1])}</ol>'),
        cells.map(lambda rows: "<table>" + "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"),
        text.map(lambda t: f"<blockquote><p>{t}</p></blockquote>"),
        text.map(lambda t: f"<pre>{t}\n{t}</pre>"),
    )


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(_elements(), min_size=1, max_size=8))
def test_random_pages_read_back_with_the_same_structure(elements):
    html = "<html><body>" + "".join(elements) + "</body></html>"
    blocks = page_blocks(parse(html))
    result = CleanResult(text="", title="T", blocks=result_blocks(blocks))
    assert_round_trip(result, "\n".join(b.text for b in blocks) + "\nT")


def test_markdown_of_hand_made_blocks_needs_only_kind_and_text():
    blocks = [{"kind": "list_item", "text": "one"}, {"kind": "list_item", "text": "two", "ordered": True, "number": 2},
              {"kind": "quote", "text": "q"}, {"kind": "table", "rows": [["a", "b"], ["c"]]}]
    headings, items, tables, quotes, code, _ = parsed(to_markdown(CleanResult(text="", blocks=blocks)))
    assert items == [(False, None, "one"), (True, 2, "two")]
    assert quotes == ["q"] and tables == [[["a", "b"], ["c", ""]]]


_DUMP_LINES = ["1. First step", "2) Second step.", "12. Twelve", "a) letter item", "b. Letter", "- dash item",
               "• bullet", "* star", "– en dash", "·", "- ", "3.", "Short Heading Here", "A sentence that ends.",
               "Name | Value", "| a | b |", "| --- | :---: |", "|---|---|", "one\ttwo\tthree", "x | y", "x|y",
               "Cell | " + "many words " * 40, "Why this works:", "٣. Arabic-Indic", "1.5 million", "Plain"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(_DUMP_LINES), max_size=12))
def test_line_result_blocks_equal_the_blocks_way(texts):
    # the text path's result blocks, built from the lines directly, equal those of the lines' blocks
    lines = split_lines("\n".join(texts))
    assert line_result_blocks(lines) == result_blocks(line_blocks(lines))
    assert [list(b) for b in line_result_blocks(lines)] == [list(b) for b in result_blocks(line_blocks(lines))]


@pytest.mark.parametrize("name", NAMES)
def test_line_result_blocks_of_the_dumps(name):
    lines = split_lines((PAGES / f"{name}.dump.txt").read_text(encoding="utf-8"))
    assert line_result_blocks(lines) == result_blocks(line_blocks(lines))
