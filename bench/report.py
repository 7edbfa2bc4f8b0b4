"""Reporting: machine and version info, Markdown tables, JSON files."""
from __future__ import annotations

import json
import os
import platform
import shlex
import subprocess
from datetime import datetime, timezone
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Optional, Sequence

from .data import REPO
from .peers import external_versions

PACKAGES = ("cleaner", "trafilatura", "readability-lxml", "jusText", "html-text", "beautifulsoup4", "lxml", "langdetect",
            "charset-normalizer")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_revision() -> Optional[str]:
    try:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "cleaner"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{rev}{'+dirty' if dirty else ''}" if rev else None


def versions() -> dict:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            found[name] = None
    found.update(external_versions())  # rs-trafilatura, from its own venv, once prepared
    return found


def machine() -> dict:
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git": git_revision(),
        "versions": versions(),
    }


def command(module: str, argv: Sequence[str]) -> str:
    return shlex.join(["python", "-m", module, *argv])


def write_json(out_dir: Path, kind: str, payload: dict) -> Path:
    """Write `payload` to OUT/<kind>-<UTC timestamp>.json and OUT/<kind>-latest.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"{kind}-{stamp}.json"
    text = json.dumps(payload, indent=1, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    (out_dir / f"{kind}-latest.json").write_text(text, encoding="utf-8")
    return path


def publish(out_dir: Path, kind: str, payload: dict, text: str) -> Path:
    """Write the run's JSON, print its Markdown and the date/machine/JSON footer."""
    path = write_json(out_dir, kind, payload)
    print(text)
    print(f"\n{payload['date']} · {machine_line(payload['machine'])}\nJSON: {path}")
    return path


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(v) -> str:
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:.3f}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def machine_line(info: dict) -> str:
    v = info["versions"]
    libs = ", ".join(f"{k} {val}" for k, val in v.items() if val)
    return (f"{info['nproc']} cores, {info['cpu']}, Python {info['python']}; {libs}; "
            f"cleaner git {info.get('git') or '?'}")
