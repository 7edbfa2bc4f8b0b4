"""Structure bench: do short gold lines (headings, list items, table rows) come out as lines of
their own, or glued to a neighbour, or not at all?

    python -m bench.structure [DATA_DIR] [--set S] [--limit N] [--out DIR]

For every gold line of at most SHORT_WORDS words with a letter or digit (a separator rule such
as `—————` is not counted), on each page: is it a line of the system's
text (whitespace collapsed, a leading list marker ignored on both sides), and is it anywhere in
the text at all. Systems: the cleaner (`r.text`), the cleaner's fast path, and trafilatura's
text, all in the same run; `cleaner+title` is the cleaner's title line then its text (the
headline goes to `title`, not the body; `--format md` prints it as the `#` line). Prints a Markdown table and writes OUT/structure-<stamp>.json.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

from .data import DEFAULT_DATA_DIR, DEFAULT_OUT, DataError, Page, load_pages
from .report import command, machine, markdown_table, now, publish

SETS = ("modern-dev", "dragnet-train")
DEFAULT_LIMIT = 200
SHORT_WORDS = 12  # a gold line of at most this many words is a heading, an item, a row, a label
_MARKER = re.compile(r"^(?:[-*•·▪►✓–]|\d{1,3}[.)])\s+")
_WORDLIKE = re.compile(r"\w")  # a gold line with no letter or digit ("-", "—————") is a rule, not a line


def normal_line(line: str) -> str:
    return _MARKER.sub("", " ".join(line.split()))


def short_lines(gold: str) -> List[str]:
    """The gold body's lines of 1..SHORT_WORDS words with a letter or digit, normalised (a
    separator rule such as `-` or `—————` is neither a heading, an item nor a row)."""
    out = []
    for line in gold.splitlines():
        text = normal_line(line)
        if _WORDLIKE.search(text) and len(text.split()) <= SHORT_WORDS:
            out.append(text)
    return out


def line_counts(gold: str, output: str) -> Dict[str, int]:
    """Short gold lines: how many, how many are a line of the output, how many occur in it."""
    lines = short_lines(gold)
    own = {normal_line(x) for x in output.splitlines()}
    flat = " ".join(output.split())
    return {"short": len(lines), "own_line": sum(1 for x in lines if x in own),
            "anywhere": sum(1 for x in lines if x in flat)}


def _cleaner(fast: bool, with_title: bool = False) -> Callable[[bytes, Page], str]:
    """The cleaner's `r.text`; `with_title`: its title line first, then the text (the shape of
    `--format md`, where the headline the body leaves out is the `#` line)."""
    def run(raw: bytes, page: Page) -> str:
        from cleaner import CleanerError, clean
        try:
            r = clean(raw, url=page.url, input_format="html", fast=fast)
        except CleanerError:
            return ""
        return f"{r.title}\n{r.text}" if with_title and r.title else r.text
    return run


def _trafilatura(raw: bytes, page: Page) -> str:
    import trafilatura
    return trafilatura.extract(raw, url=page.url) or ""


SYSTEMS: Dict[str, Callable[[bytes, Page], str]] = {
    "cleaner": _cleaner(fast=False), "cleaner+title": _cleaner(fast=False, with_title=True),
    "cleaner-fast": _cleaner(fast=True), "trafilatura": _trafilatura}


def run_set(pages: Sequence[Page], systems: Sequence[str]) -> Dict[str, Dict[str, int]]:
    totals = {name: {"pages": 0, "short": 0, "own_line": 0, "anywhere": 0} for name in systems}
    for page in pages:
        if not page.body:
            continue
        raw = page.raw()
        for name in systems:
            counts = line_counts(page.body, SYSTEMS[name](raw, page))
            total = totals[name]
            total["pages"] += 1
            for key, value in counts.items():
                total[key] += value
    return totals


def share(part: int, whole: int) -> Optional[float]:
    return part / whole if whole else None


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.structure", description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--set", dest="sets", action="append", help=f"set (repeatable; default {', '.join(SETS)})")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=f"first N pages of each set ({DEFAULT_LIMIT})")
    parser.add_argument("--system", dest="systems", action="append", choices=sorted(SYSTEMS))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    systems = args.systems or list(SYSTEMS)
    results, rows = {}, []
    try:
        for set_name in args.sets or SETS:
            totals = run_set(load_pages(args.data_dir, set_name, args.limit), systems)
            results[set_name] = totals
            for name, t in totals.items():
                rows.append([set_name, name, t["pages"], t["short"], share(t["own_line"], t["short"]),
                             share(t["anywhere"], t["short"])])
    except DataError as exc:
        print(f"bench.structure: {exc}", file=sys.stderr)
        return 2
    table = markdown_table(["set", "system", "pages", f"short gold lines (<= {SHORT_WORDS} words)",
                            "own line", "anywhere in text"], rows)
    payload = {"date": now(), "command": command("bench.structure", argv), "machine": machine(),
               "short_words": SHORT_WORDS, "results": results}
    publish(args.out, "structure", payload, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
