"""Run systems over pages: one document per page and mode, every system on it, timed;
optionally across a process pool."""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from time import perf_counter
from typing import Optional, Sequence

from .data import Page
from .render import page_dump
from .output import Output
from .systems import SYSTEMS


def document(page: Page, mode: str, cache_dir: Path):
    """What a system gets: the raw bytes in `html` mode, the rendered dump in a text mode."""
    return page.raw() if mode == "html" else page_dump(page, mode, cache_dir)


def run_system(name: str, doc, page: Page, mode: str, metadata: bool = True) -> Output:
    """One system on one document: timed, then its untimed metadata step (unless `metadata`
    is false); any crash recorded."""
    system = SYSTEMS[name]
    if system.run is None:  # a batch system, on a batch of one: it times itself
        return next(iter(system.batch([(doc, page)], mode)))
    start = perf_counter()
    try:
        out = system.run(doc, page, mode)
    except Exception as exc:
        out = Output(text="", error=f"crash: {type(exc).__name__}: {exc}")
    out.seconds = perf_counter() - start
    if metadata and system.metadata is not None and out.error is None:
        try:
            system.metadata(doc, page, out)
        except Exception:
            pass
    return out


def prepare_systems(names: Sequence[str], out: Path) -> list[str]:
    """The systems of `names` that are ready to run; each one that cannot is skipped with the
    reason on stderr (rs-trafilatura without a CPython 3.12, say)."""
    ready = []
    for name in names:
        prepare = SYSTEMS[name].prepare
        why = prepare(out) if prepare is not None else None
        if why:
            print(f"bench: skipping {name}: {why}", file=sys.stderr, flush=True)
        else:
            ready.append(name)
    return ready


def warm_up(name: str, mode: str) -> None:
    """Run a system once on a tiny document so imports and models do not count in timings."""
    if SYSTEMS[name].run is None:
        return  # a batch system starts its own process and times only the extraction
    doc = b"<html><body><p>Warm up the imports and models.</p></body></html>" if mode == "html" \
        else "Warm up the imports and models.\nA second line of text."
    run_system(name, doc, Page("warm-up", "warm-up", None, Path("warm-up")), mode)


def run_page(page: Page, mode: str, systems: Sequence[str], cache_dir: Path, keep_removed: bool = False) -> dict:
    doc = document(page, mode, cache_dir)
    outputs = {name: run_system(name, doc, page, mode) for name in systems}
    if not keep_removed:
        for out in outputs.values():
            out.removed = []
    return outputs


def resolve_jobs(jobs: Optional[int]) -> int:
    """`--jobs` value: 0 or None = all cores."""
    return jobs if jobs and jobs > 0 else (os.cpu_count() or 1)


def run_pages(pages: Sequence[Page], mode: str, systems: Sequence[str], cache_dir: Path,
              jobs: int = 1, keep_removed: bool = False, label: str = "") -> list[dict]:
    """`run_page` over all pages, in order, with `jobs` processes; then each batch system over
    all pages (it runs its own process); progress on a terminal."""
    per_page = tuple(name for name in systems if SYSTEMS[name].run is not None)
    task = partial(run_page, mode=mode, systems=per_page, cache_dir=cache_dir, keep_removed=keep_removed)
    if jobs <= 1:
        runs = list(_progress(map(task, pages), len(pages), label))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            runs = list(_progress(pool.map(task, pages, chunksize=4), len(pages), label))
    for name in systems:
        if SYSTEMS[name].run is None:
            outs = SYSTEMS[name].batch(((document(page, mode, cache_dir), page) for page in pages), mode)
            for outputs, out in zip(runs, _progress(outs, len(pages), f"{label} {name}")):
                outputs[name] = out
    return runs


def _progress(results, total: int, label: str):
    show = sys.stderr.isatty()
    for i, result in enumerate(results, 1):
        if show and (i % 10 == 0 or i == total):
            print(f"\r{label} {i}/{total}", end="" if i < total else "\n", file=sys.stderr, flush=True)
        yield result
