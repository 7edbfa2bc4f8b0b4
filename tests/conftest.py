"""Shared test setup: the `slow` marker, tests/ on sys.path (for `support.py`), shared fixtures.

`python -m pytest -m "not slow"` skips the subprocess, fault and quality-gate tests.
"""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: runs the command as a subprocess, a worker pool, a "
                                       "cluster or a benchmark sample (deselect with -m 'not slow')")


@pytest.fixture
def inline(monkeypatch):
    """`cli.main` runs documents in this process (no worker pool): fast in-process CLI tests."""
    from cleaner import batch, cli

    monkeypatch.setattr(cli, "make_runner", lambda args: batch.InlineRunner())
