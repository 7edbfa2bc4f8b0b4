"""Quality bench: every system on every page of the dev sets, in HTML and text-dump modes.

    python -m bench.quality [DATA_DIR] [--set S] [--mode M] [--system X] [--limit N] [--jobs N]

Prints a Markdown table and writes OUT/quality-<stamp>.json (and quality-latest.json) with
the date, machine, versions, per-system metrics and per-page scores.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from .data import DEFAULT_DATA_DIR, DEFAULT_OUT, DEFAULT_SETS, SETS, DataError, Page, cached, check_data_dir, default_sets, load_pages
from .metrics import score_page, summarize
from .report import command, machine, markdown_table, now, publish
from .runner import prepare_systems, resolve_jobs, run_pages
from .systems import MODES, SYSTEMS, detect_language, systems_for

GOLD_LANG_VERSION = "1"


def add_common_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR,
                        help=f"bench data directory (default {DEFAULT_DATA_DIR})")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (0 = all cores; default 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (cache under OUT/cache)")


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__.split("\n")[0])
    add_common_args(parser)
    parser.add_argument("--set", dest="sets", action="append", choices=SETS, help=f"set (repeatable; default {', '.join(DEFAULT_SETS)})")
    parser.add_argument("--mode", dest="modes", action="append", choices=MODES, help="mode (repeatable; default all)")
    parser.add_argument("--system", dest="systems", action="append", choices=sorted(SYSTEMS),
                        help="system (repeatable; default all that apply to the mode)")
    return parser.parse_args(argv)


def gold_languages(pages: Sequence[Page], cache_dir: Path) -> tuple[dict, str]:
    """Gold language per page id, and where it comes from. The dev sets have no language
    field, so the fallback is langdetect on the gold text (body, else the `with` snippets)."""
    if all(p.language for p in pages):
        return {p.id: p.language for p in pages}, "gold"
    path = cache_dir / f"gold-lang.v{GOLD_LANG_VERSION}" / f"{pages[0].set}.json"
    known = json.loads(cached(path, lambda: "{}"))
    missing = [p for p in pages if p.id not in known]
    for p in missing:
        known[p.id] = p.language or detect_language(p.body or "\n".join(p.with_))
    if missing:
        path.write_text(json.dumps(known), encoding="utf-8")
    return {p.id: known[p.id] for p in pages}, "langdetect on gold text"


def bench_set_mode(pages: Sequence[Page], mode: str, systems: Sequence[str], cache_dir: Path, jobs: int) -> list[dict]:
    """One result per system: its summary metrics and per-page scores."""
    print(f"quality: {pages[0].set}/{mode}: {len(pages)} pages, {', '.join(systems)}", file=sys.stderr, flush=True)
    runs = run_pages(pages, mode, systems, cache_dir, jobs=jobs, label=f"{pages[0].set}/{mode}")
    langs, lang_source = gold_languages(pages, cache_dir)
    results = []
    for name in systems:
        scores = [score_page(page, outs[name], langs.get(page.id)) for page, outs in zip(pages, runs)]
        results.append({"set": pages[0].set, "mode": mode, "system": name, "language_gold": lang_source,
                        "metrics": summarize(scores, SYSTEMS[name].fields), "pages": scores})
    return results


def run(data_dir: Path, sets: Sequence[str], modes: Sequence[str], systems: Optional[Sequence[str]],
        limit: Optional[int], jobs: int, out: Path) -> list[dict]:
    check_data_dir(data_dir, sets)
    results = []
    wanted = {s.name for mode in modes for s in systems_for(mode, systems)}
    ready = set(prepare_systems(sorted(wanted), out))
    for set_name in sets:
        pages = load_pages(data_dir, set_name, limit)
        for mode in modes:
            names = [s.name for s in systems_for(mode, systems) if s.name in ready]
            if names:
                results.extend(bench_set_mode(pages, mode, names, out / "cache", jobs))
                save_partial(out, results)
    return results


def save_partial(out: Path, results: Sequence[dict]) -> None:
    """OUT/quality-partial.json: the results so far, rewritten whole (atomically) after each
    set and mode, so a long run stopped midway keeps what it measured."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f"quality-partial.json.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"kind": "quality-partial", "date": now(), "results": list(results)},
                              ensure_ascii=False), encoding="utf-8")
    tmp.replace(out / "quality-partial.json")


HEADERS = ("set", "mode", "system", "pages", "shingle P", "shingle R", "shingle F1",
           "segment P", "segment R", "segment F1", "title", "date", "lang", "errors", "ms/page (median)")


def table(results: Sequence[dict]) -> str:
    rows = []
    for r in results:
        m = r["metrics"]
        sh, seg = m["shingle"] or {}, m["segment"] or {}
        meta = [(m[key] or {}).get("acc") for key in ("title", "date", "language")]
        rows.append((r["set"], r["mode"], r["system"], m["pages"], sh.get("p"), sh.get("r"), sh.get("f1"),
                     seg.get("p"), seg.get("r"), seg.get("f1"), *meta, m["errors"],
                     f"{m['seconds']['median'] * 1000:.1f}"))
    return markdown_table(HEADERS, rows)


def report_payload(results: Sequence[dict], cmd: str, data_dir: Path) -> dict:
    """What the JSON file of a quality run holds."""
    return {"kind": "quality", "date": now(), "command": cmd, "data_dir": str(data_dir),
            "machine": machine(), "results": list(results)}


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    try:
        results = run(args.data_dir, args.sets or default_sets(args.data_dir), args.modes or MODES, args.systems,
                      args.limit, resolve_jobs(args.jobs), args.out)
    except DataError as exc:
        print(f"bench.quality: {exc}", file=sys.stderr)
        return 2
    payload = report_payload(results, command("bench.quality", sys.argv[1:] if argv is None else argv), args.data_dir)
    publish(args.out, "quality", payload, table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
