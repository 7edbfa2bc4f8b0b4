"""Stage (text dumps): the dump's lines as blocks of the page model, the kind guessed from the
line (a bullet or number: list item; a short title-like line: heading; else paragraph)."""
from __future__ import annotations

import re
from typing import List

from .. import page as P
from .headline import is_headline_like
from .lines import Line

LIST_MARK = re.compile(r"^(?:\d{1,3}[.)]|[-•*–·▪►✓]|[a-z][.)])\s")


def line_kind(line: Line) -> str:
    text = line.text
    if LIST_MARK.match(text):
        return P.LIST_ITEM
    if "\t" in text or " | " in text:  # cells separated by tabs or pipes
        return P.CELL
    if not line.ends_sentence and is_headline_like(line):
        return P.HEADING
    return P.PARAGRAPH


def dump_blocks(lines: List[Line]) -> List[P.Block]:
    """One block per line; the text path's own decision is the block's `v1` view."""
    out = []
    for ln in lines:
        kept = 1.0 if ln.role == "body" else 0.0
        out.append(P.Block(line=ln, kind=line_kind(ln), views={"v1": kept}))
    mark_structure(out)
    return out


def line_blocks(lines: List[Line]) -> List[P.Block]:
    """Blocks of lines already decided (a dump's or the fast path's kept lines), kinds guessed as for
    a dump: `structure.line_result_blocks` gives their result blocks without building them."""
    blocks = [P.Block(line=ln, kind=line_kind(ln)) for ln in lines]
    mark_structure(blocks)
    return blocks


def mark_structure(blocks: List[P.Block]) -> None:
    """A dump's lists and tables: a run of item lines is one list (an item is numbered when its
    marker is a number), a run of cell lines one table with a row per line."""
    prev = None
    for i, b in enumerate(blocks, 1):
        if b.kind == P.LIST_ITEM:
            marker = LIST_MARK.match(b.text).group().strip()
            same = prev is not None and prev.kind == P.LIST_ITEM
            b.lst, b.item, b.marker = prev.lst if same else i, i, marker
            b.ordered = marker[0].isdigit()
            b.number = int(marker[:-1]) if b.ordered else None
        elif b.kind == P.CELL:
            b.table = prev.table if prev is not None and prev.kind == P.CELL else i
            b.row = b.cell = i
        prev = b
