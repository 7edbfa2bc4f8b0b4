"""The README's first quick-start command cleans the bundled fixtures and exits 0."""
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # the real command in a subprocess


def test_clean_the_bundled_fixtures(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "fixtures/", "-o", str(out), "--overwrite"],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    pages = [p for p in (REPO / "fixtures").rglob("*") if p.is_file() and not p.name.endswith(".json")]
    written = sorted(p.relative_to(out / "fixtures") for p in out.rglob("*.txt"))
    assert len(written) == len(pages) == 18
    assert "18 documents seen: 18 cleaned" in proc.stderr
