"""Start-up time: what one fresh `clean` process costs before and around its first page.

Each command runs `STARTUP_RUNS` times as a fresh process (output thrown away), after one untimed
run; the best and the median wall time (spawn to exit) and CPU time (user + system) are reported.
The processes keep their bytecode (.pyc) in a temporary cache (`PYTHONPYCACHEPREFIX`), filled by
the untimed run, as an installed package has it: with PYTHONDONTWRITEBYTECODE=1 (set in some
shells) an editable install compiles the cleaner's ~50 modules from source in every process,
~0.1 s that a user's install does not pay.

- `python -c pass`: the interpreter alone, for scale;
- `python -c "import cleaner"`: the interpreter and the cleaner's imports;
- `clean PAGE.html`: the real command on one dev page (the first of the speed sets), text to
  stdout: imports, argument parsing, reading, cleaning and writing one page.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Optional, Sequence

from .data import Page
from .report import markdown_table

STARTUP_RUNS = 5


def run_times(cmd: Sequence[str], runs: int = STARTUP_RUNS, env: Optional[dict] = None) -> list[tuple[float, float]]:
    """(wall s, CPU s) of `runs` fresh runs of `cmd`; the CPU time (user + system, of the
    process and the children it waited for) holds up better than wall time on a busy machine.
    A RuntimeError naming the command when it fails."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                err.seek(0)
                tail = err.read().decode(errors="replace").strip()[-300:]
                raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}: {tail}")
        times.append((wall, usage.ru_utime + usage.ru_stime))
    return times


def startup(page: Page, clean_cmd: Sequence[str], runs: int = STARTUP_RUNS) -> list[dict]:
    """Best and median wall and CPU time of each start-up command (bytecode cached)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        html = Path(tmp) / "one-page.html"
        html.write_bytes(page.raw())
        env = bytecode_cached_env(Path(tmp) / "pycache")
        commands = (
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ('python -c "import cleaner"', [sys.executable, "-c", "import cleaner"]),
            (f"clean one-page.html ({page.key}, {html.stat().st_size // 1024} KiB)", [*clean_cmd, str(html)]),
        )
        for label, cmd in commands:
            run_times(cmd, 1, env)  # untimed: fills the bytecode cache (and the OS file cache)
            walls, cpus = zip(*run_times(cmd, runs, env))
            rows.append({"command": label, "runs": runs, "best_ms": min(walls) * 1000,
                         "median_ms": median(walls) * 1000, "cpu_best_ms": min(cpus) * 1000,
                         "cpu_median_ms": median(cpus) * 1000})
    return rows


def bytecode_cached_env(prefix: Path) -> dict:
    """This environment, with .pyc files written to and read from `prefix` (see the module doc)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    return env


def startup_table(rows: Sequence[dict]) -> str:
    return markdown_table(
        ("command (fresh process)", "runs", "wall best ms", "wall median ms", "CPU best ms", "CPU median ms"),
        [(r["command"], r["runs"], f"{r['best_ms']:.0f}", f"{r['median_ms']:.0f}", f"{r['cpu_best_ms']:.0f}",
          f"{r['cpu_median_ms']:.0f}") for r in rows])
