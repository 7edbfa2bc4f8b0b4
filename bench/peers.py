"""Peers in HTML mode beside trafilatura: readability-lxml, and rs-trafilatura (a Rust port of
trafilatura), as the shared bench README measured them.

- readability-lxml: `Document(html).summary(html_partial=True)`, then `html_text.extract_text`
  on that fragment.
- rs-trafilatura: `extract_bytes(html, url=...)`, its defaults. Its wheel exists here only for
  CPython 3.12, so it runs in a venv of its own, made on first use at OUT/py312-venv from a
  CPython 3.12 (`$BENCH_PYTHON312`, else `python3.12` on PATH, else a pyenv 3.12), and is
  called through one subprocess (`bench/rs_worker.py`) per set and mode, not one per page.
  When no 3.12 is found or the install fails, the bench skips it with the reason.
"""
from __future__ import annotations

import base64
import glob
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Tuple

from .data import Page
from .output import Output

# --- readability-lxml --------------------------------------------------------------------


def run_readability(doc, page: Page, mode: str) -> Output:
    import html_text
    from readability import Document

    return Output(text=html_text.extract_text(Document(doc).summary(html_partial=True)))


def prepare_readability(out: Path) -> Optional[str]:
    """None when readability-lxml and html-text import, else what to install."""
    import importlib.util

    missing = [pkg for mod, pkg in (("readability", "readability-lxml"), ("html_text", "html-text"))
               if importlib.util.find_spec(mod) is None]
    return f"{' and '.join(missing)} not installed (pip install -e '.[bench]')" if missing else None


def readability_title(doc, page: Page, out: Output) -> None:
    from readability import Document

    out.title = Document(doc).short_title() or None


# --- rs-trafilatura, in a CPython 3.12 venv ----------------------------------------------

RS_PACKAGE = "rs-trafilatura"
PY312_ENV = "BENCH_PYTHON312"  # the interpreter to build the venv from; empty = do not
VENV_NAME = "py312-venv"
WORKER = Path(__file__).with_name("rs_worker.py")
INSTALL_TIMEOUT_S = 600
STATE: dict = {}  # python: the venv's interpreter once ready; version; log: the worker's stderr


def find_python312() -> Optional[str]:
    """A working CPython 3.12 to build the venv from, or None."""
    if PY312_ENV in os.environ:
        candidates = [os.environ[PY312_ENV]] if os.environ[PY312_ENV] else []
    else:  # a pyenv shim on PATH may not run (no version selected): each candidate is tried
        pyenv = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.12*/bin/python3.12")), reverse=True)
        candidates = [c for c in (shutil.which("python3.12"), *pyenv) if c]
    return next((c for c in candidates if _is_python312(c)), None)


def _is_python312(path: str) -> bool:
    try:
        done = subprocess.run([path, "-c", "import sys; sys.exit(sys.version_info[:2] != (3, 12))"],
                              capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def rs_version(python: Path) -> Optional[str]:
    """The rs-trafilatura version importable by `python`, None when it is not."""
    if not python.is_file():
        return None
    code = f"import importlib.metadata as m, rs_trafilatura; print(m.version({RS_PACKAGE!r}))"
    try:
        done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _step(cmd: list, what: str) -> Optional[str]:
    """Run one install step; None on success, else why it failed."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{what} failed: {exc}"
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"{what} failed (exit {done.returncode}): {tail[0]}"
    return None


def prepare_rs_trafilatura(out: Path) -> Optional[str]:
    """Make OUT/py312-venv with rs-trafilatura unless it is there; None when ready, else why not."""
    venv = out / VENV_NAME
    python = venv / "bin" / "python"
    version = rs_version(python)
    if version is None:
        base = find_python312()
        if base is None:
            return (f"no CPython 3.12 to build {venv} from (${PY312_ENV} "
                    f"{os.environ.get(PY312_ENV)!r})" if PY312_ENV in os.environ else
                    f"no CPython 3.12 found to build {venv} from; set ${PY312_ENV} to one")
        print(f"bench: installing {RS_PACKAGE} into {venv} (CPython 3.12: {base})", file=sys.stderr, flush=True)
        why = (_step([base, "-m", "venv", "--clear", str(venv)], f"creating {venv}")
               or _step([str(python), "-m", "pip", "install", "-q", RS_PACKAGE], f"pip install {RS_PACKAGE}"))
        version = None if why else rs_version(python)
        if version is None:
            return why or f"{RS_PACKAGE} does not import in {venv}"
    STATE.update(python=python, version=version, log=out / "py312-worker.log")
    return None


class RsWorker:
    """One rs_worker.py process; restarted when it dies on a page."""

    def __init__(self) -> None:
        self.proc: Optional[subprocess.Popen] = None
        self.log: Optional[IO] = None

    def start(self) -> None:
        self.log = open(STATE["log"], "a", encoding="utf-8")
        self.proc = subprocess.Popen([str(STATE["python"]), str(WORKER)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, text=True, bufsize=1)
        ready = self.proc.stdout.readline()
        if not ready.startswith('{"ready"'):
            raise RuntimeError(f"rs-trafilatura worker did not start (see {STATE['log']})")

    def extract(self, doc: bytes, url: Optional[str]) -> Output:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        request = json.dumps({"html": base64.b64encode(doc).decode("ascii"), "url": url})
        try:
            self.proc.stdin.write(request + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            code = self.proc.wait()
            self.proc = None
            return Output(text="", error=f"crash: rs-trafilatura worker exited with code {code}")
        reply = json.loads(line)
        return Output(text=reply["text"], title=reply.get("title"), date=reply.get("date"),
                      error=reply.get("error"), seconds=reply.get("seconds") or 0.0)

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait()
        if self.log is not None:
            self.log.close()


def run_rs_trafilatura(items: Iterable[Tuple[bytes, Page]], mode: str) -> Iterator[Output]:
    """rs-trafilatura on each (raw HTML, page), in order, through one worker process."""
    if "python" not in STATE:
        raise RuntimeError("rs-trafilatura is not prepared: call prepare_rs_trafilatura first")
    worker = RsWorker()
    try:
        for doc, page in items:
            yield worker.extract(doc, page.url)
    finally:
        worker.close()


def external_versions() -> dict:
    """Versions of the peers that run outside this interpreter, once prepared."""
    return {RS_PACKAGE: STATE["version"]} if "version" in STATE else {}
