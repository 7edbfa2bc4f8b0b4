"""The result stage's structure: the kept blocks of a page as `CleanResult.blocks`, plain dicts
in reading order that json output carries and `markdown.py` renders.

Kinds: `heading` (with `level`), `paragraph`, `list_item` (`ordered`, `number`, `depth`, `list`,
`continued` for a later block of the same item), `table` (`rows` of cell texts), `quote` (`quote`
numbers the <blockquote> it is in) and `code` (its text keeps the line breaks of the <pre>). A
heading that opens a list item carries the item's keys too (`ordered`, `number`, `depth`, `list`).
Every text is a block's text (a dump item without its marker, a dump row cut at its pipes):
nothing is added to the page's words.
"""
from __future__ import annotations

import re
from typing import List, Optional

from . import page as P
from .text.blocks import LIST_MARK, line_kind
from .text.lines import Line

MAX_CELL_WORDS = 60  # a cell with more words is a layout table's column: its blocks stay paragraphs
MIN_TABLE_ROWS = 2  # fewer rows (or a single column) and the cells stay paragraphs
DUMP_HEADING_LEVEL = 2  # a dump's headings have no level of their own: the first under the title
_DUMP_CELLS = re.compile(r"\t+| \| ")
_DELIMITER_CELL = re.compile(r"^:?-{2,}:?$")  # a Markdown table's |---|:---:| row
_BULLET_OR_NUMBER = re.compile(r"^(?:\d{1,3}[.)]|[-•*–·▪►✓])\s+")


def result_blocks(blocks: List[P.Block]) -> List[dict]:
    """The kept blocks (in reading order) as result blocks: table cells grouped into tables."""
    out: List[dict] = []
    items = _Items()
    i, n = 0, len(blocks)
    while i < n:
        b = blocks[i]
        j = i + 1
        if b.table:
            while j < n and blocks[j].table == b.table:
                j += 1
            table = _table(blocks[i:j])
            if table:
                out.append(table)
                items.reset()
                i = j
                continue
        for x in blocks[i:j]:
            out.append(_block(x, items))
        i = j
    return out


def line_result_blocks(lines: List[Line]) -> List[dict]:
    """`result_blocks(text.blocks.line_blocks(lines))` without the blocks (a dump's kept lines, or
    the fast path's): each line's kind guessed as `line_kind` guesses it, a run of item lines one
    list (numbered in the result as `_Items` numbers lists), a run of cell lines one table unless
    it reads as a layout table. tests/core/test_structure.py checks the two give the same."""
    kinds = [line_kind(ln) for ln in lines]
    out: List[dict] = []
    lists = 0  # the result's lists so far (a run of item lines is one)
    i, n = 0, len(lines)
    while i < n:
        kind, ln = kinds[i], lines[i]
        if kind == P.CELL:
            j = i + 1
            while j < n and kinds[j] == P.CELL:
                j += 1
            table = _dump_table(lines[i:j])
            if table:
                out.append(table)
            else:
                out += [{"kind": "paragraph", "text": x.text} for x in lines[i:j]]
            i = j
            continue
        if kind == P.LIST_ITEM:
            if i == 0 or kinds[i - 1] != P.LIST_ITEM:
                lists += 1
            out.append(_dump_item(ln.text, lists))
        elif kind == P.HEADING:
            out.append({"kind": "heading", "text": ln.text, "level": DUMP_HEADING_LEVEL})
        else:
            out.append({"kind": "paragraph", "text": ln.text})
        i += 1
    return out


def _dump_item(text: str, lst: int) -> dict:
    """A dump's item line as `_item` makes it (`text.blocks.mark_structure` reads the marker)."""
    marker = LIST_MARK.match(text).group().strip()
    ordered = marker[0].isdigit()
    m = _BULLET_OR_NUMBER.match(text)
    return {"kind": "list_item", "text": text[m.end():] if m and m.end() < len(text) else text,
            "ordered": ordered, "number": int(marker[:-1]) if ordered else None, "depth": 0, "list": lst,
            "continued": False}


def _dump_table(lines: List[Line]) -> Optional[dict]:
    """`_table` of a run of a dump's cell lines (one row a line, cells cut at tabs or pipes)."""
    rows: List[List[str]] = []
    header = False
    for ln in lines:
        if ln.n_words > MAX_CELL_WORDS:
            return None
        cells = _dump_cells(ln.text)
        if all(_DELIMITER_CELL.match(c) for c in cells):
            header = header or len(rows) == 1
            continue
        rows.append(cells)
    if len(rows) < MIN_TABLE_ROWS or max(len(r) for r in rows) < 2:
        return None
    return {"kind": "table", "rows": rows, "header": header}


class _Items:
    """Which list items have started in the output, to tell a new item from a later block of one."""

    def __init__(self):
        self.started: set = set()
        self.lists: dict = {}

    def reset(self) -> None:
        self.started.clear()

    def list_index(self, lst: int) -> int:
        return self.index("list", lst)

    def index(self, kind: str, ident: int) -> int:
        """The result's own numbering (1, 2, …) of the page's lists or quotes."""
        numbers = self.lists.setdefault(kind, {})
        return numbers.setdefault(ident, len(numbers) + 1)


def _block(b: P.Block, items: _Items) -> dict:
    if b.code is not None or b.kind == P.PRE:
        items.reset()
        return {"kind": "code", "text": b.code or b.text}
    if b.kind == P.HEADING:
        heading = {"kind": "heading", "text": b.text, "level": b.level or DUMP_HEADING_LEVEL}
        if b.item and b.item not in items.started:  # <li><h3>1. Name</h3><p>…</p></li>: the item's head
            return {**heading, **_item(b, items)}
        items.reset()
        return heading
    if b.item and b.kind != P.CELL:
        return _item(b, items)
    items.reset()
    if b.quote or b.kind == P.QUOTE:
        return {"kind": "quote", "text": b.text, "quote": items.index("quote", b.quote)}
    return {"kind": "paragraph", "text": b.text}


def _item(b: P.Block, items: _Items) -> dict:
    text = b.text
    if not b.tag:  # a dump's line: the marker is markup, not text (a letter "b)" stays in the text)
        m = _BULLET_OR_NUMBER.match(text)
        text = text[m.end():] if m and m.end() < len(text) else text
    continued = b.item in items.started
    items.started.add(b.item)
    return {"kind": b.kind if b.kind == P.HEADING else "list_item", "text": text, "ordered": b.ordered,
            "number": b.number, "depth": b.list_depth, "list": items.list_index(b.lst), "continued": continued}


def _table(blocks: List[P.Block]) -> Optional[dict]:
    """A table block from one table's kept blocks, or None when they read as a layout table."""
    rows: List[List[str]] = []
    header = False
    last_row = last_cell = None
    for b in blocks:
        if not b.cell or b.line.n_words > MAX_CELL_WORDS:
            return None
        if not b.tag:  # a dump's row: its cells cut at tabs or pipes
            cells = _dump_cells(b.text)
            if all(_DELIMITER_CELL.match(c) for c in cells):
                header = header or len(rows) == 1
                continue
            rows.append(cells)
            continue
        if b.row != last_row:
            rows.append([])
            last_row, last_cell = b.row, None
            header = header or (len(rows) == 1 and b.header)
        if b.cell == last_cell:
            rows[-1][-1] += "\n" + b.text
        else:
            rows[-1].append(b.text)
            last_cell = b.cell
    if len(rows) < MIN_TABLE_ROWS or max(len(r) for r in rows) < 2:
        return None
    return {"kind": "table", "rows": rows, "header": header}


def _dump_cells(text: str) -> List[str]:
    if text.startswith("| "):
        text = text[2:]
    if text.endswith(" |"):
        text = text[:-2]
    return [c.strip() for c in _DUMP_CELLS.split(text)]
