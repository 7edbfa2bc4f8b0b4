"""Opening source files as byte streams: plain or gzip (sniffed), with truncation made visible."""
from __future__ import annotations

import gzip
import io
import os
import stat
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


class NotRegularFile(OSError):
    """The path is a FIFO, a device or a socket (e.g. a link to /dev/zero): not read."""


def open_regular(path: Union[str, os.PathLike]) -> BinaryIO:
    """Open a regular file for reading; anything else raises NotRegularFile without blocking.

    The file is opened non-blocking (a FIFO would otherwise block in open() until a writer
    comes) and checked with fstat before a byte is read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile("not a regular file (a FIFO, device or socket)")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_source(path: Union[str, os.PathLike]) -> BinaryIO:
    """Open `path` for streaming reads, decompressing it when it is gzip (by content, not name).

    Only regular files are read (NotRegularFile otherwise, see `open_regular`)."""
    raw = open_regular(path)
    try:
        is_gzip = raw.peek(2)[:2] == GZIP_MAGIC
    except Exception:
        raw.close()
        raise
    if not is_gzip:
        return raw
    return io.BufferedReader(_GuardedGzip(raw), buffer_size=64 * 1024)


def open_error(source: str, exc: OSError):
    """(kind, message) for a source file that cannot be opened."""
    if isinstance(exc, NotRegularFile):
        return "input", str(exc)
    return "read", f"cannot open the file: {exc.strerror or exc}"


def check_intact(stream: BinaryIO) -> None:
    """Raise TruncatedInput if the stream's compressed data broke off (call after a clean end)."""
    broken = getattr(getattr(stream, "raw", None), "broken", None)
    if broken:
        raise TruncatedInput(broken)
