"""Per-page diff view, to study the cleaner's errors.

    python -m bench.diff [DATA_DIR] --id ID [--set S] [--mode M] [--system X] [--width N]
    python -m bench.diff [DATA_DIR] --worst N [--set S] [--mode M] [--limit N] [--jobs N]

One page: what was kept and what was removed (with `CleanResult.removed` reasons), which gold
`with` snippets were missed (and the removed lines that held them), which `without` snippets
leaked, and for pages with a gold body the shingle P/R and the gold paragraphs lost.
Markers: `+` line in the gold, `-` line not in the gold, `!` line holding a leaked `without`
snippet (kept) or gold text (removed).
`--worst N`: the N pages with the lowest F1 (shingle F1 where gold has a body, else segment F1).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from .data import DEFAULT_SETS, SETS, DataError, Page, default_sets, load_pages
from .metrics import collapse, f1, page_precision, page_recall, score_page, shingles, tokens
from .quality import add_common_args, gold_languages
from .runner import document, prepare_systems, resolve_jobs, run_pages, run_system, warm_up
from .systems import MODES, SYSTEMS, Output


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.diff", description=__doc__.split("\n")[0])
    add_common_args(parser)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", help="page id (searched in every set unless --set)")
    which.add_argument("--worst", type=int, metavar="N", help="list the N pages with the lowest F1")
    parser.add_argument("--set", dest="sets", action="append", choices=SETS, help=f"set (default {', '.join(DEFAULT_SETS)})")
    parser.add_argument("--mode", default="html", choices=MODES, help="mode (default html)")
    parser.add_argument("--system", default="cleaner", choices=sorted(SYSTEMS), help="system (default cleaner)")
    parser.add_argument("--width", type=int, default=160, help="cut lines to N characters (0 = never)")
    return parser.parse_args(argv)


# --- relating lines to gold --------------------------------------------------------------

def in_gold(line: str, gold_shingles, gold_text: str) -> bool:
    """Whether most of `line` is gold text (shingle overlap; containment for short lines)."""
    own = shingles(line)
    if len(tokens(line)) < 4:
        return collapse(line) in gold_text
    return sum((own & gold_shingles).values()) * 2 >= sum(own.values())


def overlaps(line: str, snippet: str) -> bool:
    """Whether a line and a snippet share text: containment either way, or half the shingles
    of the shorter one (a snippet spanning two lines)."""
    a, b = collapse(line), collapse(snippet)
    if a and b and (a in b or b in a):
        return True
    sa, sb = shingles(line), shingles(snippet)
    if len(tokens(line)) < 4 or len(tokens(snippet)) < 4:
        return False
    return sum((sa & sb).values()) * 2 >= min(sum(sa.values()), sum(sb.values()))


# --- one page ----------------------------------------------------------------------------

def cut(text: str, width: int) -> str:
    text = collapse(text)
    return text if width <= 0 or len(text) <= width else text[: width - 1] + "…"


def page_report(page: Page, mode: str, system: str, out: Output, gold_lang: Optional[str], width: int) -> str:
    score = score_page(page, out, gold_lang)
    lines = [f"== {page.key}  mode={mode}  system={system}  {out.seconds * 1000:.1f} ms"
             f"{'  ERROR ' + out.error if out.error else ''}",
             f"url: {page.url or '(pseudo key: none passed)'}"]
    lines += metadata_lines(page, out, score, gold_lang)
    lines.append(score_line(score))
    kept = [ln for ln in out.text.splitlines() if ln.strip()]
    gold_sh, gold_text = shingles(page.body), collapse(page.body)
    text = collapse(out.text)
    missed = [s for s in page.with_ if collapse(s) not in text]
    leaked = [s for s in page.without if collapse(s) in text]
    if missed:
        lines.append(f"\nMISSED `with` snippets ({len(missed)}/{len(page.with_)}):")
        for s in missed:
            lines.append(f"  ✗ {cut(s, width)}")
            lines += [f"      removed [{reason}] {cut(ln, width)}" for ln, reason in out.removed if overlaps(ln, s)]
    if leaked:
        lines.append(f"\nLEAKED `without` snippets ({len(leaked)}/{len(page.without)}):")
        lines += [f"  ✗ {cut(s, width)}" for s in leaked]
    if page.body:
        lost = [p for p in page.body.splitlines() if p.strip() and not in_gold(p, shingles(out.text), text)]
        lines.append(f"\nGOLD PARAGRAPHS MOSTLY MISSING ({len(lost)}: under half their shingles in the output):")
        lines += [f"  ✗ {cut(p, width)}" for p in lost]
    lines.append(f"\nKEPT ({len(kept)} lines):")
    for ln in kept:
        mark = "!" if any(overlaps(ln, s) for s in leaked) else mark_gold(ln, page, gold_sh, gold_text)
        lines.append(f" {mark} {cut(ln, width)}")
    lines.append(f"\nREMOVED ({len(out.removed)} lines):")
    for ln, reason in out.removed:
        holds_gold = any(overlaps(ln, s) for s in page.with_) or (page.body and in_gold(ln, gold_sh, gold_text))
        lines.append(f" {'!' if holds_gold else ' '} [{reason}] {cut(ln, width)}")
    return "\n".join(lines)


def mark_gold(line: str, page: Page, gold_sh, gold_text: str) -> str:
    if page.body:
        return "+" if in_gold(line, gold_sh, gold_text) else "-"
    return "+" if any(overlaps(line, s) for s in page.with_) else " "


def metadata_lines(page: Page, out: Output, score: dict, gold_lang: Optional[str]) -> list[str]:
    def verdict(ok: Optional[bool]) -> str:
        return "" if ok is None else ("  ok" if ok else "  WRONG")

    return [f"title: {out.title!r}  gold: {page.title!r}{verdict(score['title'])}",
            f"date: {out.date!r}  gold: {page.date!r}{verdict(score['date'])}",
            f"language: {out.language!r}  gold≈ {gold_lang!r}{verdict(score['language'])}"]


def score_line(score: dict) -> str:
    parts = []
    if score["shingle"] is not None:
        tp, fp, fn = score["shingle"]
        p, r = page_precision(tp, fp), page_recall(tp, fn)
        parts.append(f"shingle P {p or 0:.3f} R {r or 0:.3f} F1 {f1(p, r):.3f}")
    if score["segment"] is not None:
        s = score["segment"]
        parts.append(f"segments: with {s['tp']}/{s['tp'] + s['fn']} found, without {s['fp']}/{s['fp'] + s['tn']} leaked")
    return " | ".join(parts) or "no gold text"


def find_page(data_dir: Path, page_id: str, sets: Sequence[str]) -> Page:
    for set_name in sets:
        for page in load_pages(data_dir, set_name):
            if page.id == page_id:
                return page
    raise DataError(f"no page with id {page_id!r} in {', '.join(sets)}")


def show_page(args: argparse.Namespace) -> str:
    page = find_page(args.data_dir, args.id, args.sets or SETS)
    cache_dir = args.out / "cache"
    warm_up(args.system, args.mode)
    out = run_system(args.system, document(page, args.mode, cache_dir), page, args.mode)
    langs, _ = gold_languages([page], cache_dir)
    return page_report(page, args.mode, args.system, out, langs[page.id], args.width)


# --- the worst pages ---------------------------------------------------------------------

def worst_first(row: tuple) -> tuple:
    """Lowest F1 first; among equals, the most gold snippets missed or leaked first."""
    score = row[0]
    seg = score["segment"] or {}
    return score["score"], -(seg.get("fn", 0) + seg.get("fp", 0))


def worst_pages(args: argparse.Namespace) -> str:
    rows = []
    for set_name in args.sets or default_sets(args.data_dir):
        pages = load_pages(args.data_dir, set_name, args.limit)
        runs = run_pages(pages, args.mode, [args.system], args.out / "cache", jobs=resolve_jobs(args.jobs),
                         label=f"{set_name}/{args.mode}")
        rows += [(score_page(p, outs[args.system]), p, outs[args.system]) for p, outs in zip(pages, runs)]
    rows = sorted((r for r in rows if r[0]["score"] is not None), key=worst_first)[: args.worst]
    lines = [f"{'F1':>6}  {'set/id':<30} {'out chars':>9}  detail"]
    for score, page, out in rows:
        detail = score_line(score) + (f"  ERROR {out.error}" if out.error else "")
        lines.append(f"{score['score']:6.3f}  {page.key:<30} {len(out.text):9d}  {detail}")
        lines.append(f"{'':8}{cut(page.url or '(no url)', args.width)}")
    lines.append(f"\nnext: python -m bench.diff --mode {args.mode} --id ID")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    if not prepare_systems([args.system], args.out):
        return 2
    try:
        print(show_page(args) if args.id else worst_pages(args))
    except DataError as exc:
        print(f"bench.diff: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # piped into head or less and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
