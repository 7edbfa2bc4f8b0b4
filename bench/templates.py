"""Site templates bench: the cleaner with and without the site model learned from each set.

    python -m bench.templates [DATA_DIR] [--set S] [--mode M] [--limit N] [--out OUT]

For each set and mode, a `SiteModel` is learned from the set's own documents (the raw HTML in
`html` mode, the rendered dump in a text mode): a crawl's setting, nothing is learned from gold.
Pages are grouped by the gold URL's host; pages without a URL belong to no site. Each page is
cleaned without the model, and again with it when its site has a template (a page of a site
without one is byte-identical by construction: its first output is reused). Prints a Markdown
table of shingle and segment P/R/F1 without -> with and writes OUT/templates-<stamp>.json.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from time import perf_counter
from typing import Optional, Sequence

from .data import DEFAULT_DATA_DIR, DEFAULT_OUT, DEFAULT_SETS, SETS, DataError, Page, load_pages
from .metrics import score_page, summarize
from .output import Output
from .quality import gold_languages
from .report import command, machine, markdown_table, now, publish
from .runner import document
from .systems import MODES, SYSTEMS

DEFAULT_TEMPLATE_SETS = ("big9-dev",) + DEFAULT_SETS


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.templates", description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR,
                        help=f"bench data directory (default {DEFAULT_DATA_DIR})")
    parser.add_argument("--set", dest="sets", action="append", choices=SETS,
                        help=f"set (repeatable; default {', '.join(DEFAULT_TEMPLATE_SETS)})")
    parser.add_argument("--mode", dest="modes", action="append", choices=MODES, help="mode (repeatable; default all)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (cache under OUT/cache)")
    return parser.parse_args(argv)


def learn(pages: Sequence[Page], docs: Sequence, mode: str):
    """The set's site model, from its own documents, pages grouped by their URL's host."""
    from cleaner.errors import CleanerError
    from cleaner.sites import SiteModel

    model = SiteModel("host")
    fmt = "html" if mode == "html" else "text"
    for page, doc in zip(pages, docs):
        if not page.url:
            continue  # no URL, no site (the set's pages are not one site)
        try:
            model.add(doc, url=page.url, input_format=fmt)
        except CleanerError:
            continue  # the page fails to clean as well
    return model.finish()


def clean_output(doc, page: Page, mode: str, template=None) -> Output:
    from cleaner import CleanerError, clean

    start = perf_counter()
    try:
        res = clean(doc, url=page.url, input_format="html" if mode == "html" else "text", site_model=template)
    except CleanerError as exc:
        return Output(text="", error=f"{exc.kind}: {exc}")
    return Output(text=res.text or "", title=res.title, date=res.date, language=res.language,
                  removed=[(line, reason) for line, reason in res.removed], seconds=perf_counter() - start)


def bench_set_mode(pages: Sequence[Page], mode: str, cache_dir: Path) -> dict:
    """Both runs of one set and mode: summaries, and the pages the template changed."""
    label = f"{pages[0].set}/{mode}"
    print(f"templates: {label}: {len(pages)} pages", file=sys.stderr, flush=True)
    docs = [document(p, mode, cache_dir) for p in pages]
    start = perf_counter()
    model = learn(pages, docs, mode)
    learn_seconds = perf_counter() - start
    langs, _ = gold_languages(pages, cache_dir)
    fields = SYSTEMS["cleaner"].fields
    without, with_, changed, templated, removed = [], [], [], 0, 0
    for page, doc in zip(pages, docs):
        plain = clean_output(doc, page, mode)
        template = model.template(page.url) if page.url else None
        out = clean_output(doc, page, mode, template) if template is not None else plain
        templated += template is not None
        removed += sum(1 for _, why in out.removed if why == "template")
        if out.text != plain.text:
            changed.append(page.id)
        without.append(score_page(page, plain, langs.get(page.id)))
        with_.append(score_page(page, out, langs.get(page.id)))
    return {"set": pages[0].set, "mode": mode, "pages": len(pages), "sites": len(model),
            "templated_pages": templated, "changed_pages": len(changed), "template_lines": removed,
            "learn_seconds": learn_seconds, "without": summarize(without, fields),
            "with": summarize(with_, fields), "changed": changed}


HEADERS = ("set", "mode", "pages", "sites", "templated", "changed", "shingle P", "shingle R", "shingle F1",
           "ΔP", "ΔR", "ΔF1", "segment F1", "Δseg F1", "first pass / clean (s)")


def _fmt(x: Optional[float]) -> str:
    return "–" if x is None else f"{x:.4f}"


def _delta(a: Optional[float], b: Optional[float]) -> str:
    return "–" if a is None or b is None else f"{b - a:+.4f}"


def table(results: Sequence[dict]) -> str:
    rows = []
    for r in results:
        a, b = r["without"], r["with"]
        sa, sb = a["shingle"] or {}, b["shingle"] or {}
        ga, gb = a["segment"] or {}, b["segment"] or {}
        rows.append((r["set"], r["mode"], r["pages"], r["sites"], r["templated_pages"], r["changed_pages"],
                     *(f"{_fmt(sa.get(k))} → {_fmt(sb.get(k))}" for k in ("p", "r", "f1")),
                     *(_delta(sa.get(k), sb.get(k)) for k in ("p", "r", "f1")),
                     f"{_fmt(ga.get('f1'))} → {_fmt(gb.get('f1'))}", _delta(ga.get("f1"), gb.get("f1")),
                     f"{r['learn_seconds']:.1f} / {a['seconds']['total']:.1f}"))
    return markdown_table(HEADERS, rows)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    results = []
    try:
        for set_name in args.sets or DEFAULT_TEMPLATE_SETS:
            pages = load_pages(args.data_dir, set_name, args.limit)
            for mode in args.modes or MODES:
                results.append(bench_set_mode(pages, mode, args.out / "cache"))
    except DataError as exc:
        print(f"bench.templates: {exc}", file=sys.stderr)
        return 2
    payload = {"kind": "templates", "date": now(),
               "command": command("bench.templates", sys.argv[1:] if argv is None else argv),
               "data_dir": str(args.data_dir), "machine": machine(), "results": results}
    publish(args.out, "templates", payload, table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
