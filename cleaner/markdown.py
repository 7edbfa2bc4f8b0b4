"""`to_markdown(result)`: a CleanResult as CommonMark (with GitHub's pipe tables).

YAML front matter (title, date, authors, site, url, language), the title as `#`, the body's
blocks (`CleanResult.blocks`): `##`… headings by level, `-` and `1.` lists keeping the source's
numbers, pipe tables, `>` quotes and fenced code. Text is escaped so that it reads back as the
same text: a `*`, `_`, `[`, `<`, backtick or a line-initial `#`, `-`, `1.` never turns into markup.
"""
from __future__ import annotations

import json
import re
from typing import List, Optional

MAX_HEADING = 6
MAX_LIST_NUMBER = 999_999_999  # CommonMark's longest list number has nine digits
BULLETS = ("-", "*")  # adjacent lists alternate their marker so they stay two lists
DELIMITERS = (".", ")")
FRONT_MATTER_KEYS = ("title", "date", "authors", "site", "url", "language")

_INLINE = re.compile(r"([\\`*_\[\]<~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=\-]|\d{1,9}(?=[.)]))")
_TRAILING_HASHES = re.compile(r"(?<!\\)(#+)$")
# YAML treats these as line breaks or refuses them even inside double quotes: written as escapes.
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def to_markdown(result) -> str:
    """The result as a Markdown document ("" when it has neither metadata nor body)."""
    parts = []
    front = front_matter(result)
    if front:
        parts.append(front)
    if result.title:
        parts.append("# " + heading_text(result.title))
    body = render_blocks(result.blocks, title=bool(result.title))
    if body:
        parts.append(body)
    return "\n\n".join(parts) + "\n" if parts else ""


def front_matter(result) -> str:
    """The metadata as a YAML block between `---` lines, every value a double-quoted string."""
    lines = []
    for key in FRONT_MATTER_KEYS:
        value = getattr(result, key)
        if key == "authors":
            if value:
                lines.append("authors:")
                lines.extend("  - " + yaml_string(a) for a in value)
        elif value:
            lines.append(f"{key}: {yaml_string(value)}")
    return "---\n" + "\n".join(lines) + "\n---" if lines else ""


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    quoted = json.dumps(" ".join(str(value).split()), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: "\\u%04x" % ord(m.group()), quoted)


def escape(text: str) -> str:
    """Inline text that CommonMark reads back as exactly this text."""
    text = _ENTITY.sub("\\&", _INLINE.sub(r"\\\1", text))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2).isdigit()
                           else m.group(1) + m.group(2) + "\\", text, count=1)


def heading_text(text: str) -> str:
    return _TRAILING_HASHES.sub(lambda m: "\\#" * len(m.group(1)), escape(" ".join(text.split())))


def render_blocks(blocks: List[dict], title: bool = True) -> str:
    """The body: blocks separated by blank lines, the items of one list by a line break."""
    out: List[str] = []
    lists = _Lists()
    prev: Optional[dict] = None
    for b in blocks:
        kind = b["kind"]
        if kind == "list_item" or "list" in b:  # a list item, or a heading opening one
            chunk = lists.item(b, _heading(b, title) if kind == "heading" else escape(b["text"]))
            tight = prev is not None and _in_list(prev) and b.get("depth", 0) <= prev.get("depth", 0)
            sep = "\n" if tight and not b.get("continued") else "\n\n"  # a nested list after a blank line
        else:
            lists.reset()
            chunk, sep = _RENDER[kind](b, title), "\n\n"
            if kind == "quote" and prev is not None and prev["kind"] == "quote" and b.get("quote") == prev.get("quote"):
                sep = "\n>\n"  # paragraphs of one <blockquote> stay one quote
        out.append((sep if out else "") + chunk)
        prev = b
    return "".join(out)


def _in_list(b: dict) -> bool:
    return b["kind"] == "list_item" or "list" in b


class _Lists:
    """The open list items (indent, marker width, depth) for nesting and continued paragraphs."""

    def __init__(self):
        self.stack: List[tuple] = []  # (depth, content column) of the open items
        self.last: dict = {}  # depth -> (list, marker variant) of the last item at that depth

    def reset(self) -> None:
        self.stack.clear()
        self.last.clear()

    def item(self, b: dict, content: str) -> str:
        depth = b.get("depth", 0)
        if b.get("continued"):
            while self.stack and self.stack[-1][0] > depth:
                self.stack.pop()
            column = self.stack[-1][1] if self.stack else 0
            return " " * column + content
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()
        indent = self.stack[-1][1] if self.stack else 0
        marker = self._marker(b)
        self.stack.append((depth, indent + len(marker) + 1))
        return " " * indent + marker + " " + content

    def _marker(self, b: dict) -> str:
        key = (b.get("list"), b.get("ordered", False))
        last = self.last.get(depth := b.get("depth", 0))
        alt = 0 if last is None else last[1] if last[0] == key else 1 - last[1]
        self.last[depth] = (key, alt)
        number = b.get("number")
        if key[1] and number is not None and 0 <= number <= MAX_LIST_NUMBER:
            return f"{number}{DELIMITERS[alt]}"
        return BULLETS[alt]


def _heading(b: dict, title: bool) -> str:
    level = min(MAX_HEADING, max(b.get("level") or 2, 2 if title else 1))
    return "#" * level + " " + heading_text(b["text"])


def _paragraph(b: dict, title: bool) -> str:
    return escape(b["text"])


def _quote(b: dict, title: bool) -> str:
    return "> " + escape(b["text"])


def _code(b: dict, title: bool) -> str:
    runs = re.findall(r"`+", b["text"])
    fence = "`" * max(3, 1 + max((len(r) for r in runs), default=0))
    return f"{fence}\n{b['text']}\n{fence}"


def _table(b: dict, title: bool) -> str:
    rows = b["rows"]
    width = max(len(r) for r in rows)
    lines = [_row(rows[0], width), "|" + " --- |" * width]
    lines.extend(_row(r, width) for r in rows[1:])
    return "\n".join(lines)


def _row(cells: List[str], width: int) -> str:
    cells = list(cells) + [""] * (width - len(cells))
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    return "<br>".join(escape(" ".join(part.split())).replace("|", "\\|") for part in text.split("\n"))


_RENDER = {"heading": _heading, "paragraph": _paragraph, "quote": _quote, "code": _code, "table": _table}
