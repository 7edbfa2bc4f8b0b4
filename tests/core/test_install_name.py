"""The distribution name and the install lines users copy (issue: `pip install 'cleaner[warc]'`
fetched an unrelated package called `cleaner` from the public index)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

REPO = Path(__file__).resolve().parent
while not (REPO / "pyproject.toml").exists():
    REPO = REPO.parent
DIST_NAME = "cleaner-pages"  # free on the public index (pip index versions cleaner-pages: none, 2026-11-29)


def project():
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def test_distribution_name_is_ours_and_extras_refer_to_it():
    meta = project()
    assert meta["name"] == DIST_NAME
    assert meta["scripts"] == {"clean": "cleaner.cli:main"}
    for extra in meta["optional-dependencies"].values():
        for req in extra:
            name = re.split(r"[\[<>=; ]", req, maxsplit=1)[0]
            assert name != "cleaner", req


def user_texts():
    files = [REPO / "README.md", *sorted((REPO / "docs").glob("**/*.md")),
             *sorted((REPO / "cleaner").glob("**/*.py"))]
    return [(f, f.read_text(encoding="utf-8")) for f in files if f.exists()]


def test_every_install_line_works_from_a_checkout():
    for path, text in user_texts():
        for line in text.splitlines():
            for target in re.findall(r"pip install(?:\s+-\S+)*\s+(\S+)", line):
                assert not target.strip("'\"").startswith("cleaner"), f"{path}: {line}"
