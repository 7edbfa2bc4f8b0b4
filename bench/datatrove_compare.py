"""datatrove's Trafilatura step against the cleaner's datatrove step, on the same pipeline.

    python -m bench.datatrove_compare [DATA_DIR] [--set modern-dev] [--limit 200] [--timeout S] [--out DIR]

The set's pages (the first --limit) go into one WARC (warcio: a `response` record per page with
the page's bytes as crawled, WARC-Identified-Payload-Type text/html as Common Crawl gives it).
For each step, datatrove runs `WarcReader -> step -> JsonlWriter` with LocalPipelineExecutor
(tasks=1, workers=1). Each page's output (a page the step dropped counts as empty) is scored with
bench.metrics: shingle P/R/F1 against the gold body, segment P/R/F1 against the with/without
snippets, and title/date for the cleaner, which reports them. Time per document is the step's
own time in datatrove's stats (for Trafilatura, in datatrove's sandbox process, round trip
included), warm-up excluded. Needs `pip install -e '.[datatrove,bench]'`.

Prints a Markdown table; writes OUT/datatrove-<stamp>.json (and datatrove-latest.json).
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from pathlib import Path
from time import perf_counter
from typing import Callable, Optional, Sequence

from .data import DEFAULT_DATA_DIR, DEFAULT_OUT, SETS, DataError, Page, load_pages
from .metrics import score_page, summarize
from .report import command, machine, markdown_table, now, publish
from .systems import Output

DEFAULT_SET = "modern-dev"
DEFAULT_LIMIT = 200
DEFAULT_TIMEOUT = 10.0  # seconds per document, for both steps (datatrove's own default is 1)
RECORD_PREFIX = "urn:bench:"  # WARC-Record-ID <urn:bench:ID> ties each output back to its page
HEADERS = ("system", "pages", "kept", "shingle P", "shingle R", "shingle F1", "segment P", "segment R",
           "segment F1", "title", "date", "ms/doc (mean)", "pipeline s")


def trafilatura_step(timeout: float):
    from datatrove.pipeline.extractors import Trafilatura

    return Trafilatura(timeout=timeout)  # datatrove's defaults: favour_precision, deduplicate


def cleaner_step(timeout: float, fast: bool = False):
    from cleaner.integrations.datatrove import CleanerExtractor

    return CleanerExtractor(timeout=timeout, fast=fast)


def cleaner_fast_step(timeout: float):
    return cleaner_step(timeout, fast=True)


SYSTEMS = {  # name -> (make the step, metadata fields it reports)
    "datatrove Trafilatura": (trafilatura_step, ()),
    "cleaner step": (cleaner_step, ("title", "date")),
    "cleaner step, fast=True": (cleaner_fast_step, ("title", "date")),
}


def write_warc(pages: Sequence[Page], path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for page in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                page.url or f"{RECORD_PREFIX}{page.id}", "response", payload=io.BytesIO(page.raw()),
                http_headers=http, warc_headers_dict={"WARC-Record-ID": f"<{RECORD_PREFIX}{page.id}>",
                                                      "WARC-Identified-Payload-Type": "text/html"})
            writer.write_record(record)


def warm_up(make_step: Callable, timeout: float) -> None:
    """Imports, language profiles and trafilatura's first call out of the timings."""
    from datatrove.data import Document

    step = make_step(timeout)
    html = "<html><body><article><p>" + "Warm up the imports and models. " * 20 + "</p></article></body></html>"
    list(step.run(iter([Document(html, "warm-up", metadata={"url": "http://example.org/"})])))


def run_system(name: str, warc_dir: Path, work: Path, timeout: float) -> dict:
    """One step over the WARC: {page id: Output}, the step's stats and the pipeline's wall time."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    make_step, _fields = SYSTEMS[name]
    warm_up(make_step, timeout)
    out_dir = work / "out"
    executor = LocalPipelineExecutor(
        pipeline=[WarcReader(str(warc_dir)), make_step(timeout), JsonlWriter(str(out_dir), compression=None)],
        tasks=1, workers=1, logging_dir=str(work / "logs"))
    start = perf_counter()
    stats = executor.run()
    wall = perf_counter() - start
    step = stats.stats[1]
    outputs = {}
    for line in (out_dir / "00000.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        meta = doc.get("metadata", {})
        outputs[doc["id"][len(RECORD_PREFIX) + 1:-1]] = Output(
            text=doc.get("text", ""), title=meta.get("title"), date=meta.get("date"), language=meta.get("language"))
    counts = {key: value.total for key, value in step.stats.items()}
    return {"outputs": outputs, "counts": counts, "step_seconds": step.time_stats.total,
            "step_docs": step.time_stats.n, "wall_seconds": wall}


def evaluate(name: str, pages: Sequence[Page], run: dict) -> dict:
    _make, fields = SYSTEMS[name]
    scores = [score_page(page, run["outputs"].get(page.id, Output(text=""))) for page in pages]
    metrics = summarize(scores, fields)
    metrics.pop("seconds")  # per-page times are not measured here: the step's total is (ms_per_doc)
    return {"system": name, "metrics": metrics, "kept": len(run["outputs"]), "counts": run["counts"],
            "ms_per_doc": 1000 * run["step_seconds"] / max(run["step_docs"], 1),
            "wall_seconds": run["wall_seconds"], "pages": [{"id": s["id"], "score": s["score"]} for s in scores]}


def table(results: Sequence[dict]) -> str:
    rows = []
    for r in results:
        m = r["metrics"]
        sh, seg = m["shingle"] or {}, m["segment"] or {}
        rows.append((r["system"], m["pages"], r["kept"], sh.get("p"), sh.get("r"), sh.get("f1"), seg.get("p"),
                     seg.get("r"), seg.get("f1"), (m["title"] or {}).get("acc"), (m["date"] or {}).get("acc"),
                     f"{r['ms_per_doc']:.1f}", f"{r['wall_seconds']:.1f}"))
    return markdown_table(HEADERS, rows)


def run(data_dir: Path, set_name: str, limit: Optional[int], timeout: float) -> tuple[list, list]:
    pages = load_pages(data_dir, set_name, limit)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-datatrove-") as tmp:
        warc_dir = Path(tmp, "warc")
        warc_dir.mkdir()
        write_warc(pages, warc_dir / f"{set_name}.warc.gz")
        for i, name in enumerate(SYSTEMS):
            results.append(evaluate(name, pages, run_system(name, warc_dir, Path(tmp, f"run{i}"), timeout)))
    return pages, results


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.datatrove_compare", description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR,
                        help=f"bench data directory (default {DEFAULT_DATA_DIR})")
    parser.add_argument("--set", default=DEFAULT_SET, choices=SETS, help=f"dev set (default {DEFAULT_SET})")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=f"first N pages (default {DEFAULT_LIMIT})")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"per-document time limit of both steps, seconds (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    try:
        pages, results = run(args.data_dir, args.set, args.limit, args.timeout)
    except DataError as exc:
        print(f"bench.datatrove_compare: {exc}", file=sys.stderr)
        return 2
    payload = {"kind": "datatrove", "date": now(),
               "command": command("bench.datatrove_compare", sys.argv[1:] if argv is None else argv),
               "data_dir": str(args.data_dir), "set": args.set, "pages": len(pages), "timeout": args.timeout,
               "machine": machine(), "results": results}
    publish(args.out, "datatrove", payload, table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
