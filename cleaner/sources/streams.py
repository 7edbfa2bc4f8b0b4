"""Opening source files as byte streams: plain or gzip (sniffed), with truncation made visible.

The reader is the batch engine's own (`cleaner.batch.open_input`): one gzip reader for pages,
archives, JSONL inputs and JSONL outputs.
"""
from __future__ import annotations

from ..batch import TruncatedInput, check_intact
from ..batch import open_input as open_source

__all__ = ["TruncatedInput", "check_intact", "open_source"]
