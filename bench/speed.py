"""Speed and memory bench.

    python -m bench.speed [DATA_DIR] [--set S] [--limit N] [--jobs N] [--files N] [--no-scaling]
                          [--no-docs] [--no-startup]

1. Per document, on the dev pages: docs/s and per-document median/p95 time of the cleaner in
   HTML mode and text mode (BeautifulSoup dumps), beside trafilatura alone (HTML) and the C4
   line filter (text), in one process and with `--jobs` processes (default all cores); peak
   RSS of a worker. Workers are fresh (spawned) interpreters, warmed up before timing. The
   HTML CPU-time ratios against trafilatura come from a further fresh process that runs the
   three HTML systems on each page in turn (a shared machine drifts between separate runs).
2. Scaling: a synthetic tree of `--files` text dumps (default 20,000, and a quarter of that)
   built from the dev pages in a temp dir, through `clean TREE -o OUT --format txt --quiet`:
   files/s, peak memory (PSS summed over the process tree, sampled every 0.2 s; and the largest
   process's RSS), and whether memory grows with the number of files.
3. Start-up (`bench/startup.py`): best and median wall time of 5 fresh processes of
   `python -c "import cleaner"` and of `clean one-page.html` on the first dev page.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Optional, Sequence

from .data import SETS, DataError, Page, load_pages
from .metrics import percentile
from .quality import add_common_args
from .report import command, machine, markdown_table, now, publish
from .runner import document, resolve_jobs, run_system, warm_up
from .startup import startup, startup_table

TEXT_MODE = "text-bs4"
RUNS = (("cleaner", "html"), ("cleaner-fast", "html"), ("trafilatura", "html"), ("cleaner", TEXT_MODE), ("c4", TEXT_MODE))
TEXT_TARGET_DOCS_PER_S = 200.0
HTML_TARGET_RATIO = 2.0  # the default HTML path (several views) against trafilatura, in CPU time
FAST_TARGET_RATIO = 1.1  # `fast=True` (trafilatura's view alone) against trafilatura, in CPU time
SPEED_SETS = ("traf-dev", "modern-dev")  # the speed figures' pages since the first runs


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__.split("\n")[0])
    add_common_args(parser)
    parser.set_defaults(jobs=0)
    parser.add_argument("--set", dest="sets", action="append", choices=SETS,
                        help=f"set (default {', '.join(SPEED_SETS)})")
    parser.add_argument("--files", type=int, default=20_000, help="files in the scaling tree (default 20000)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the `clean` scaling run")
    parser.add_argument("--no-docs", action="store_true", help="skip the per-document timings")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up timings")
    return parser.parse_args(argv)


# --- per document, in a pool of fresh workers --------------------------------------------

_WORKER: dict = {}


def _init_worker(system: str, mode: str, cache_dir: Path) -> None:
    _WORKER.update(system=system, mode=mode, cache_dir=cache_dir)
    warm_up(system, mode)


def peak_rss_kib() -> int:
    """This process's peak RSS in KiB: VmHWM where /proc has it (ru_maxrss would include the
    parent's size at fork, which survives the exec of a spawned worker)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _time_page(page: Page) -> tuple[float, int]:
    """(seconds of the system on this page, peak RSS of this worker in KiB so far)."""
    doc = document(page, _WORKER["mode"], _WORKER["cache_dir"])
    out = run_system(_WORKER["system"], doc, page, _WORKER["mode"], metadata=False)
    return out.seconds, peak_rss_kib()


def _ready(_: int) -> int:
    return os.getpid()


def time_system(system: str, mode: str, pages: Sequence[Page], cache_dir: Path, jobs: int) -> dict:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(system, mode, cache_dir)) as pool:
        pool.map(_ready, range(jobs * 4))  # every worker started and warmed up
        start = time.perf_counter()
        results = pool.map(_time_page, pages, chunksize=4)
        wall = time.perf_counter() - start
    secs = sorted(s for s, _ in results)
    return {
        "system": system, "mode": mode, "jobs": jobs, "docs": len(pages), "wall_s": wall,
        "docs_per_s": len(pages) / wall if wall else None, "cpu_s": sum(secs),
        "median_ms": median(secs) * 1000, "p95_ms": percentile(secs, 95) * 1000,
        "peak_rss_mb": max(rss for _, rss in results) / 1024,
    }


def per_document(pages: Sequence[Page], cache_dir: Path, jobs: int) -> list[dict]:
    for page in pages:  # render the dumps first (cached) so no timing includes rendering
        document(page, TEXT_MODE, cache_dir)
    rows = []
    for system, mode in RUNS:
        for n in dict.fromkeys((1, jobs)):
            print(f"speed: {system} {mode} jobs={n} on {len(pages)} docs", file=sys.stderr, flush=True)
            rows.append(time_system(system, mode, pages, cache_dir, n))
    return rows


# --- CPU-time ratios, the systems interleaved page by page -------------------------------------

INTERLEAVED = ("cleaner", "cleaner-fast", "trafilatura")  # HTML systems timed turn by turn


def _interleaved_cpu(pages: Sequence[Page]) -> dict:
    """In one process: every page through each HTML system in turn (the order rotated page by
    page), the CPU time (`time.process_time`) of each call summed per system. Timing the systems
    side by side, rather than one after the other, keeps the drift of a shared machine out of
    their ratio."""
    for name in INTERLEAVED:
        warm_up(name, "html")
    cpu = dict.fromkeys(INTERLEAVED, 0.0)
    for i, page in enumerate(pages):
        doc = page.raw()
        order = INTERLEAVED[i % len(INTERLEAVED):] + INTERLEAVED[:i % len(INTERLEAVED)]
        for name in order:
            start = time.process_time()
            run_system(name, doc, page, "html", metadata=False)
            cpu[name] += time.process_time() - start
    return cpu


def interleaved(pages: Sequence[Page]) -> dict:
    """`_interleaved_cpu` in a fresh (spawned) process: CPU seconds per system and the ratios."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        cpu = pool.apply(_interleaved_cpu, (list(pages),))
    traf = cpu["trafilatura"] or None
    return {"docs": len(pages), "cpu_s": cpu,
            "default_ratio": traf and cpu["cleaner"] / traf, "fast_ratio": traf and cpu["cleaner-fast"] / traf}


def targets(rows: Sequence[dict]) -> dict:
    def find(system: str, mode: str) -> Optional[dict]:
        return next((r for r in rows if r["system"] == system and r["mode"] == mode and r["jobs"] == 1), None)

    text, html, traf = find("cleaner", TEXT_MODE), find("cleaner", "html"), find("trafilatura", "html")
    ratio = html["cpu_s"] / traf["cpu_s"] if html and traf and traf["cpu_s"] else None
    return {
        "text_docs_per_s_per_core": text and text["docs_per_s"],
        "text_target": TEXT_TARGET_DOCS_PER_S,
        "text_ok": bool(text and text["docs_per_s"] >= TEXT_TARGET_DOCS_PER_S),
        "html_time_ratio_vs_trafilatura": ratio,
        "html_target": HTML_TARGET_RATIO,
        "html_ok": ratio is not None and ratio <= HTML_TARGET_RATIO,
    }


# --- scaling through the `clean` command -------------------------------------------------

def clean_command() -> list[str]:
    exe = Path(sys.executable).with_name("clean")
    return [str(exe)] if exe.exists() else [shutil.which("clean") or "clean"]


def build_tree(root: Path, pages: Sequence[Page], cache_dir: Path, files: int, per_dir: int = 500) -> None:
    """`files` text dumps under root/dNNN/, cycling over the dev pages' dumps."""
    dumps = [document(p, TEXT_MODE, cache_dir) for p in pages]
    for i in range(files):
        path = root / f"d{i // per_dir:03d}" / f"{i:06d}.txt"
        if i % per_dir == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps[i % len(dumps)], encoding="utf-8")


def run_clean(tree: Path, out: Path, interval: float = 0.2) -> dict:
    """Run `clean` over `tree`; sample the RSS of its whole process tree while it runs."""
    import psutil

    cmd = [*clean_command(), str(tree), "-o", str(out), "--format", "txt", "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples = []  # (elapsed s, total PSS MiB, largest process RSS MiB, processes)
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            mems = [p.memory_full_info() for p in procs]
            total = sum(getattr(m, "pss", m.rss) for m in mems)  # PSS: shared pages counted once
            samples.append((time.perf_counter() - start, total / 2**20, max(m.rss for m in mems) / 2**20, len(procs)))
        except psutil.Error:
            pass
        time.sleep(interval)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    files = sum(len(names) for _, _, names in os.walk(tree))
    written = sum(len(names) for _, _, names in os.walk(out)) if out.exists() else 0
    return {
        "command": " ".join(cmd[:1] + ["TREE", "-o", "OUT", *cmd[4:]]), "files": files, "written": written,
        "exit": proc.returncode, "stderr_tail": stderr[-500:], "wall_s": wall,
        "files_per_s": files / wall if wall else None,
        "peak_pss_total_mb": max((s[1] for s in samples), default=None),
        "peak_rss_process_mb": max((s[2] for s in samples), default=None),
        "processes": max((s[3] for s in samples), default=None),
        "rss_by_quarter_mb": quarter_rss(samples),
    }


def quarter_rss(samples: Sequence[tuple]) -> list[Optional[float]]:
    """Median total PSS in each quarter of the run: flat when memory does not grow."""
    if not samples:
        return []
    end = samples[-1][0] or 1.0
    quarters = [[s[1] for s in samples if q * end / 4 <= s[0] <= (q + 1) * end / 4] for q in range(4)]
    return [median(q) if q else None for q in quarters]


def scaling(pages: Sequence[Page], cache_dir: Path, files: int) -> list[dict]:
    rows = []
    for n in dict.fromkeys((max(1, files // 4), files)):
        with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
            tree, out = Path(tmp) / "tree", Path(tmp) / "out"
            print(f"speed: building {n} dumps and running clean over them", file=sys.stderr, flush=True)
            build_tree(tree, pages, cache_dir, n)
            rows.append(run_clean(tree, out))
    return rows


def grows(rows: Sequence[dict]) -> Optional[bool]:
    """Memory grows with files: the big run's peak PSS is >20% (and >20 MiB) over the small one's."""
    if len(rows) < 2 or not all(r["peak_pss_total_mb"] for r in rows):
        return None
    small, big = rows[0]["peak_pss_total_mb"], rows[-1]["peak_pss_total_mb"]
    return big > small * 1.2 and big - small > 20


# --- report ------------------------------------------------------------------------------

def docs_table(rows: Sequence[dict]) -> str:
    return markdown_table(
        ("system", "mode", "jobs", "docs", "docs/s", "median ms", "p95 ms", "peak RSS MiB (worker)"),
        [(r["system"], r["mode"], r["jobs"], r["docs"], f"{r['docs_per_s']:.1f}", f"{r['median_ms']:.1f}",
          f"{r['p95_ms']:.1f}", f"{r['peak_rss_mb']:.0f}") for r in rows])


def scaling_table(rows: Sequence[dict]) -> str:
    def mb(v) -> str:
        return "–" if v is None else f"{v:.0f}"

    return markdown_table(
        ("files", "written", "exit", "files/s", "peak PSS MiB (all processes)", "peak RSS MiB (largest process)",
         "PSS by quarter of the run (MiB)"),
        [(r["files"], r["written"], r["exit"], f"{r['files_per_s']:.1f}", mb(r["peak_pss_total_mb"]),
          mb(r["peak_rss_process_mb"]), " / ".join(mb(v) for v in r["rss_by_quarter_mb"])) for r in rows])


def summary(result: dict) -> str:
    parts = []
    if result.get("startup"):
        parts += [startup_table(result["startup"]), ""]
    if result.get("documents"):
        t = result["targets"]
        parts += [docs_table(result["documents"]), "",
                  f"- text mode: {t['text_docs_per_s_per_core'] or 0:.1f} docs/s on one core "
                  f"(target ≥ {t['text_target']:.0f}): {'met' if t['text_ok'] else 'NOT met'}",
                  f"- HTML mode: {t['html_time_ratio_vs_trafilatura'] or 0:.2f}× trafilatura's CPU time "
                  f"(target ≤ {t['html_target']}×): {'met' if t['html_ok'] else 'NOT met'}",
                  f"- HTML `fast=True`: {t.get('fast_time_ratio_vs_trafilatura') or 0:.2f}× trafilatura's CPU time "
                  f"(target ≤ {FAST_TARGET_RATIO}×): {'met' if t.get('fast_ok') else 'NOT met'}"]
        if result.get("interleaved"):
            mix = result["interleaved"]
            parts += [f"  (ratios from the {mix['docs']} pages timed interleaved in one process, CPU seconds: "
                      + ", ".join(f"{k} {v:.1f}" for k, v in mix["cpu_s"].items()) + ")"]
    if result.get("scaling"):
        g = result["rss_grows"]
        parts += ["", scaling_table(result["scaling"]), "",
                  f"- memory grows with the number of files: {'unknown' if g is None else ('YES' if g else 'no')}"]
    return "\n".join(parts)


def run(args: argparse.Namespace) -> dict:
    pages = [p for s in (args.sets or SPEED_SETS) for p in load_pages(args.data_dir, s, args.limit)]
    cache_dir, jobs = args.out / "cache", resolve_jobs(args.jobs)
    result: dict = {"kind": "speed", "date": now(), "machine": machine(), "pages": len(pages)}
    if not args.no_startup:
        print("speed: start-up of fresh processes", file=sys.stderr, flush=True)
        result["startup"] = startup(pages[0], clean_command())
    if not args.no_docs:
        result["documents"] = per_document(pages, cache_dir, jobs)
        result["targets"] = targets(result["documents"])
        print(f"speed: {', '.join(INTERLEAVED)} interleaved on {len(pages)} docs", file=sys.stderr, flush=True)
        result["interleaved"] = mix = interleaved(pages)
        result["targets"].update(html_time_ratio_vs_trafilatura=mix["default_ratio"],
                                 html_ok=bool(mix["default_ratio"]) and mix["default_ratio"] <= HTML_TARGET_RATIO,
                                 fast_time_ratio_vs_trafilatura=mix["fast_ratio"],
                                 fast_ok=bool(mix["fast_ratio"]) and mix["fast_ratio"] <= FAST_TARGET_RATIO)
    if not args.no_scaling:
        result["scaling"] = scaling(pages, cache_dir, args.files)
        result["rss_grows"] = grows(result["scaling"])
    return result


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    try:
        result = run(args)
    except DataError as exc:
        print(f"bench.speed: {exc}", file=sys.stderr)
        return 2
    result["command"] = command("bench.speed", sys.argv[1:] if argv is None else argv)
    publish(args.out, "speed", result, summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
