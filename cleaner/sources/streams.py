"""Opening source files as byte streams: plain or gzip (sniffed), with truncation made visible."""
from __future__ import annotations

import gzip
import io
import os
import zlib
from typing import BinaryIO, Optional, Union

GZIP_MAGIC = b"\x1f\x8b"


class TruncatedInput(Exception):
    """The file ends in the middle of something (a gzip member, a record).

    Deliberately not an EOFError: some readers (warcio among them) take EOFError for a clean end.
    """


class _GuardedGzip(io.RawIOBase):
    """A readable gzip stream that never loses data on a broken tail.

    When the gzip data breaks off, the first read after the last good byte returns b"" (end of
    file) and records the break; later reads raise TruncatedInput, and so does `check_intact`.
    Reading with `read1` keeps each call to one underlying read, so no decoded data is dropped.
    """

    def __init__(self, fileobj: BinaryIO):
        self._file = fileobj
        self._gz = gzip.GzipFile(fileobj=fileobj, mode="rb")
        self.broken: Optional[str] = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.broken:
            raise TruncatedInput(self.broken)
        try:
            data = self._gz.read1(len(buffer))
        except EOFError as exc:
            self.broken = f"gzip stream ends early ({exc})"
            return 0
        except (zlib.error, gzip.BadGzipFile) as exc:
            self.broken = f"gzip stream is corrupt ({exc})"
            return 0
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._gz.close()
        self._file.close()
        super().close()


def open_source(path: Union[str, os.PathLike]) -> BinaryIO:
    """Open `path` for streaming reads, decompressing it when it is gzip (by content, not name)."""
    raw = open(path, "rb")
    try:
        is_gzip = raw.peek(2)[:2] == GZIP_MAGIC
    except Exception:
        raw.close()
        raise
    if not is_gzip:
        return raw
    return io.BufferedReader(_GuardedGzip(raw), buffer_size=64 * 1024)


def check_intact(stream: BinaryIO) -> None:
    """Raise TruncatedInput if the stream's compressed data broke off (call after a clean end)."""
    broken = getattr(getattr(stream, "raw", None), "broken", None)
    if broken:
        raise TruncatedInput(broken)
