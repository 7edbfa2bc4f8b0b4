"""Opening source files as byte streams: plain or gzip (sniffed), with truncation made visible.

The reader is the batch engine's own (`cleaner.batch.open_input`): one gzip reader for pages,
archives, JSONL inputs and JSONL outputs. Only regular files are opened (`NotRegularFile`).
"""
from __future__ import annotations

from typing import Tuple

from ..batch import TruncatedInput, check_intact
from ..batch import open_input as open_source
from ..batch.work import NotRegularFile

__all__ = ["NotRegularFile", "TruncatedInput", "check_intact", "open_error", "open_source"]


def open_error(source: str, exc: OSError) -> Tuple[str, str]:
    """(kind, message) for a source file that cannot be opened."""
    if isinstance(exc, NotRegularFile):
        return "input", str(exc)
    return "read", f"cannot open the file: {exc.strerror or exc}"
