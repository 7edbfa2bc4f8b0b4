"""Worst cases: time and peak memory of `clean()` on pathological pages (issue 10, item 10).

    python -m bench.pathological [--only NAME ...] [--timeout S]

Each page is generated in memory (nothing is downloaded or committed) and cleaned once in a
fresh child interpreter under the default limits (`timeout` 60 s, `max_bytes` 50 MB), after a
warm-up on a small page. Printed per page: its size, the wall time of the `clean()` call, the
child's peak RSS (interpreter and libraries included), and the outcome (body words, or the error
kind and message). The bar: within the time limit plus 5 s and under 1 GB RSS.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from typing import Callable, Dict, Optional, Sequence

WORDS = ("the council said on Thursday that work on the harbour bridge would start in spring and "
         "last for about a year while engineers replace the worn bearings under its central span "
         "buses will be diverted over the ring road and a free ferry will run every fifteen minutes").split()
TIME_BAR = 5.0  # seconds over the time limit
RSS_BAR_MB = 1024


def _sentence(rng: random.Random, n: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def million_paragraphs() -> str:
    return "<html><head><title>Many</title></head><body>" + "<p>x</p>" * 1_000_000 + "</body></html>"


def sibling_links() -> str:
    links = "".join(f'<a href="/p/{i}">Link {i}</a>' for i in range(300_000))
    return f"<html><head><title>Links</title></head><body><div>{links}</div></body></html>"


def big_page(target: int = 45 * 1024 * 1024) -> str:
    rng = random.Random(7)
    paragraphs = [f"<p>{_sentence(rng)} {_sentence(rng)}</p>\n" for _ in range(2_000)]
    body, size = [], 0
    while size < target:
        chunk = "".join(rng.sample(paragraphs, 200))
        body.append(f"<div class='section'><h2>{_sentence(rng, 6)}</h2>\n{chunk}</div>\n")
        size += len(body[-1])
    return "<html><head><title>Big page</title></head><body><article>" + "".join(body) + "</article></body></html>"


def paragraphs_at_budget() -> str:
    from cleaner.limits import MAX_HTML_ELEMENTS
    rng = random.Random(3)
    body = "".join(f"<p>{_sentence(rng)}</p>" for _ in range(MAX_HTML_ELEMENTS - 10))
    return f"<html><head><title>At the budget</title></head><body>{body}</body></html>"


def links_at_budget() -> str:
    from cleaner.limits import MAX_HTML_ELEMENTS
    links = "".join(f'<a href="/p/{i}">Link {i}</a>' for i in range(MAX_HTML_ELEMENTS - 10))
    return f"<html><head><title>Links</title></head><body><div>{links}</div></body></html>"


def text_at_budget() -> str:
    from cleaner.limits import MAX_PAGE_TEXT_CHARS
    rng = random.Random(5)
    paragraphs = [f"<p>{' '.join(_sentence(rng) for _ in range(40))}</p>\n" for _ in range(200)]
    body, size = [], 0
    while size < MAX_PAGE_TEXT_CHARS * 0.95:
        body.append(rng.choice(paragraphs))
        size += len(body[-1]) - 8
    return "<html><head><title>Long</title></head><body><article>" + "".join(body) + "</article></body></html>"


def big_dump(target: int = 45 * 1024 * 1024) -> str:
    rng = random.Random(9)
    paragraphs = [f"{_sentence(rng)} {_sentence(rng)}\n\n" for _ in range(5_000)]
    out, size = [], 0
    while size < target:
        out.append(rng.choice(paragraphs))
        size += len(out[-1])
    return "".join(out)


def _text_budget() -> int:
    from cleaner.limits import MAX_PAGE_TEXT_CHARS
    return MAX_PAGE_TEXT_CHARS


def repeated_lines() -> str:
    return "The same line of text repeated in a dump, over and over again.\n" * 100_000


PAGES: Dict[str, Callable[[], str]] = {
    "1M <p>": million_paragraphs,
    "300k sibling links": sibling_links,
    "45 MB page": big_page,
    "100k identical lines (dump)": repeated_lines,
    "<p>s at the element budget": paragraphs_at_budget,
    "sibling links at the element budget": links_at_budget,
    "text at the page-text budget": text_at_budget,
    "45 MB text dump": big_dump,
    "text dump at the page-text budget": lambda: big_dump(_text_budget() * 95 // 100),
}


def child(name: str, timeout: float) -> dict:
    """Run in the child: build the page, warm up, time one clean()."""
    from cleaner import CleanerError, clean
    clean("<html><body><p>" + " ".join(WORDS) + "</p></body></html>")
    page = PAGES[name]()
    start = time.perf_counter()
    try:
        result = clean(page.encode("utf-8"), timeout=timeout)
        outcome = f"ok, {result.word_count:,} words"
    except CleanerError as exc:
        outcome = f"{exc.kind}: {str(exc)[:120]}"
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"page": name, "bytes": len(page.encode("utf-8")), "seconds": round(seconds, 1),
            "peak_rss_mb": round(peak_mb), "outcome": outcome}


def run(name: str, timeout: float) -> dict:
    cmd = [sys.executable, "-m", "bench.pathological", "--child", name, "--timeout", str(timeout)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout * 4 + 120)
    if done.returncode != 0:
        return {"page": name, "bytes": 0, "seconds": float("nan"), "peak_rss_mb": 0,
                "outcome": f"child died ({done.returncode}): {done.stderr.strip()[-200:]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pathological", description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=list(PAGES), help="pages to run (default all)")
    parser.add_argument("--timeout", type=float, default=60.0, help="clean()'s time limit (default 60)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.timeout)))
        return 0
    print(f"| page | size | time (s) | peak RSS (MB) | outcome | within {args.timeout:g}+{TIME_BAR:g} s, {RSS_BAR_MB} MB |")
    print("|---|---:|---:|---:|---|---|")
    worst_ok = True
    for name in args.only or list(PAGES):
        row = run(name, args.timeout)
        ok = row["seconds"] <= args.timeout + TIME_BAR and row["peak_rss_mb"] <= RSS_BAR_MB
        worst_ok &= ok
        print(f"| {row['page']} | {row['bytes'] / 1e6:.1f} MB | {row['seconds']} | {row['peak_rss_mb']} "
              f"| {row['outcome']} | {'yes' if ok else 'NO'} |", flush=True)
    return 0 if worst_ok else 1


if __name__ == "__main__":
    sys.exit(main())
