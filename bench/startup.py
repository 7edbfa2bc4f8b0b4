"""Start-up time: what one fresh `clean` process costs before and around its first page.

Each command runs `STARTUP_RUNS` times as a fresh process (wall time from spawn to exit,
output thrown away); the best and the median are reported:

- `python -c pass`: the interpreter alone, for scale;
- `python -c "import cleaner"`: the interpreter and the cleaner's imports;
- `clean PAGE.html`: the real command on one dev page (the first of the speed sets), text to
  stdout: imports, argument parsing, reading, cleaning and writing one page.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Sequence

from .data import Page
from .report import markdown_table

STARTUP_RUNS = 5


def wall_times(cmd: Sequence[str], runs: int = STARTUP_RUNS) -> list[float]:
    """Wall seconds of `runs` fresh runs of `cmd`; a RuntimeError naming it when it fails."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited with {done.returncode}: {done.stderr.strip()[-300:]}")
    return times


def startup(page: Page, clean_cmd: Sequence[str], runs: int = STARTUP_RUNS) -> list[dict]:
    """Best and median wall time of each start-up command."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        html = Path(tmp) / "one-page.html"
        html.write_bytes(page.raw())
        commands = (
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ('python -c "import cleaner"', [sys.executable, "-c", "import cleaner"]),
            (f"clean one-page.html ({page.key}, {html.stat().st_size // 1024} KiB)", [*clean_cmd, str(html)]),
        )
        for label, cmd in commands:
            times = wall_times(cmd, runs)
            rows.append({"command": label, "runs": runs, "best_ms": min(times) * 1000,
                         "median_ms": median(times) * 1000})
    return rows


def startup_table(rows: Sequence[dict]) -> str:
    return markdown_table(
        ("command (fresh process)", "runs", "best ms", "median ms"),
        [(r["command"], r["runs"], f"{r['best_ms']:.0f}", f"{r['median_ms']:.0f}") for r in rows])
