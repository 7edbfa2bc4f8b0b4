"""Issue 11, item 6: a resumed run's documents/s counts the documents it cleaned, not those it
skipped as already done (the real command, twice over one tree)."""
from __future__ import annotations

import re

import pytest

from support import run_clean, text_dump, write

pytestmark = pytest.mark.slow  # the real command in subprocesses


def _rate(stderr: bytes) -> float:
    found = re.search(r"time: [\d.]+ s, ([\d.]+) documents/s", stderr.decode())
    assert found, stderr.decode()
    return float(found.group(1))


def test_a_resumed_run_rates_only_the_documents_it_cleaned(tmp_path):
    for i in range(3):
        write(str(tmp_path / "pages" / f"p{i}.txt"), text_dump(40 + i))
    first = run_clean("pages", "-o", "out", "-j", "1", cwd=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert _rate(first.stderr) > 0
    resumed = run_clean("pages", "-o", "out", "-j", "1", "--resume", cwd=str(tmp_path))
    assert resumed.returncode == 0, resumed.stderr
    assert b"already done: 3 (skipped by --resume)" in resumed.stderr
    assert _rate(resumed.stderr) == 0.0  # nothing was cleaned: no rate over the skipped three
