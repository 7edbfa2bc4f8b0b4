"""Helpers shared by the tests (on sys.path through tests/conftest.py); no tests in here."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import random
import re
import subprocess
import sys
import tempfile
import types
from pathlib import Path
from typing import Dict, Optional

from cleaner import CleanerError, clean
from cleaner.batch import format_hint

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"

WORDS = ("the council said on monday that the new bridge over the river would open next spring "
         "after two years of work residents welcomed the news while traders worried about "
         "parking during the final weeks of construction").split()


def paragraph(rng: random.Random, n: int = 40) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def text_dump(i: int, paragraphs: int = 4) -> str:
    """A small plain-text dump: a menu line, a few article paragraphs, a footer."""
    rng = random.Random(i)
    body = [paragraph(rng) for _ in range(paragraphs)]
    return "\n\n".join(["Home | News | Sport | Contact"] + body + ["Copyright 2024 Example Ltd."]) + "\n"


def html_page(i: int, paragraphs: int = 4) -> str:
    rng = random.Random(1000 + i)
    body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(paragraphs))
    return (f"<!DOCTYPE html><html><head><title>Bridge story {i}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Bridge story {i}</h1>{body}</article>"
            f"<footer>Copyright 2024 Example Ltd.</footer></body></html>")


def write(path: str, data, gz: bool = False) -> str:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with open(path, "wb") as f:
        f.write(gzip.compress(raw) if gz else raw)
    return path


def run_clean(*args: str, stdin: Optional[bytes] = None, env: Optional[dict] = None,
              cwd: Optional[str] = None, timeout: float = 120, **popen) -> subprocess.CompletedProcess:
    """Run the real command (`python -m cleaner.cli`), capturing bytes."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], input=stdin,
                          capture_output=True, env=full_env, cwd=cwd, timeout=timeout, **popen)


def default_sigint() -> None:
    """For a child that must see Ctrl-C: a suite started in the background (`... &` in a
    script) runs with SIGINT ignored, children inherit that, and Python then never raises
    KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def popen_clean(*args: str, env: Optional[dict] = None, cwd: Optional[str] = None) -> subprocess.Popen:
    full_env = dict(os.environ, **(env or {}))
    return subprocess.Popen([sys.executable, "-m", "cleaner.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=full_env, cwd=cwd, start_new_session=True,
                            preexec_fn=default_sigint)


def snapshot(root: str, include_hidden: bool = True) -> Dict[str, bytes]:
    """{relative path: content} of every file under root."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if include_hidden or not name.startswith("."):
                path = os.path.join(dirpath, name)
                with open(path, "rb") as f:
                    out[os.path.relpath(path, root)] = f.read()
    return out


def tree_digest(root: str) -> Dict[str, str]:
    """{relative path: sha1 + mode + mtime} to prove inputs were not modified."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            try:
                with open(path, "rb") as f:
                    digest = hashlib.sha1(f.read()).hexdigest()
            except OSError:
                digest = "unreadable"
            out[os.path.relpath(path, root)] = f"{digest} {st.st_mode:o} {st.st_mtime_ns}"
    return out


def expected(raw: bytes, name: str):
    """What the library makes of one input, as the command should: (status, text or kind)."""
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    try:
        result = clean(data, input_format=format_hint(name))
    except CleanerError as e:
        return "failed", e.kind
    return ("cleaned" if result.text.strip() else "empty"), result.text


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


FAULTS_DIR = str(REPO / "tests" / "faults")


def fault_env(spec: str) -> Dict[str, str]:
    """Environment for a `clean` subprocess whose workers crash or hang on named pages (see
    tests/faults/sitecustomize.py): spec is "crash:NAME,hang:NAME"."""
    path = os.pathsep.join(p for p in (FAULTS_DIR, os.environ.get("PYTHONPATH")) if p)
    return {"CLEANER_TEST_FAULT": spec, "PYTHONPATH": path}


SUMMARY = re.compile(r"Summary: (\d+) documents? seen: (\d+) cleaned, (\d+) empty, (\d+) filtered, (\d+) failed")


def summary_counts(stderr: bytes) -> dict:
    m = SUMMARY.search(stderr.decode())
    assert m, stderr.decode()
    return dict(zip(("seen", "cleaned", "empty", "filtered", "failed"), map(int, m.groups())))


def error_lines(path) -> list:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


# A four-paragraph news story (text-path tests: the article beside blurbs, menus, headings).
FLOOD_STORY = [
    "The flood barrier along the river was approved on Tuesday by the city council after a decade of "
    "debate, and the work on the barrier is expected to begin in the autumn.",
    "Supporters of the flood barrier said the vote would finally give the residents of the east side "
    "the protection from the river that they had been promised for many years.",
    "The council will pay for most of the flood barrier with a bond issue, and state officials have "
    "promised to cover a quarter of the cost of the barrier and of the new pumps.",
    "Business owners along the river opposed the barrier, saying the wall would block the view of the "
    "water and drive customers away from the restaurants on the promenade.",
]


def marked_lines(texts, lang: str = "en") -> list:
    """The lines of a text dump made of `texts`, with the stop words of `lang` and each line's
    `good` flag (body-like on its own) set as the text path sets them."""
    from cleaner.text import context
    from cleaner.text.language import stopwords
    from cleaner.text.lines import split_lines

    lines = split_lines("\n".join(texts), stopwords(lang))
    for ln in lines:
        ln.good = context.is_good(ln, True)
    return lines


def interrupted_mkstemp(target: str, made: list):
    """A `tempfile` for batch.sinks whose mkstemp, for a temp file starting with `target`, makes
    the file and then raises KeyboardInterrupt before returning its name: where CPython delivers
    a Ctrl-C that came during the open() call."""

    def mkstemp(**kwargs):
        fd, path = tempfile.mkstemp(**kwargs)
        if not kwargs.get("prefix", "").startswith(target):
            return fd, path
        os.close(fd)  # (a real interrupt leaks the descriptor too: the process ends anyway)
        made.append(path)
        raise KeyboardInterrupt

    return types.SimpleNamespace(mkstemp=mkstemp)
