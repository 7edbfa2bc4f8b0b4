"""One `clean` run per output: an exclusive lock on OUTDIR (or on the one output file).

Two runs writing the same output at once would interleave records (`--format jsonl --resume`)
or pull files from under each other (`--overwrite`). The run holds an advisory lock (flock) on a
lock file beside its output for its whole life; the file holds the holder's pid, so a second run
can say who holds it. A killed run leaves the file behind, but not the lock: the kernel drops it
with the process, and the next run takes it over.
"""
from __future__ import annotations

import errno
import os
from typing import Optional

LOCK_NAME = ".clean.lock"  # in OUTDIR; for -o FILE.jsonl: .FILE.jsonl.lock beside it
_ATTEMPTS = 5  # a lock file removed between our open and our lock: open it again


class OutputLocked(Exception):
    """Another run holds the output; the message names it (pid) and the lock file."""


def lock_path(output: str, is_file: bool) -> str:
    if not is_file:
        return os.path.join(output, LOCK_NAME)
    directory, name = os.path.split(output)
    return os.path.join(directory, f".{name}.lock")


class OutputLock:
    """Held from `acquire()` to `release()` (or the end of the process)."""

    def __init__(self, output: str, is_file: bool):
        self.output, self.path = output, lock_path(output, is_file)
        self.fd: Optional[int] = None

    def acquire(self) -> "OutputLock":
        """Take the lock or raise OutputLocked; an OSError when the lock file cannot be made."""
        import fcntl

        for _ in range(_ATTEMPTS):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                holder = _holder(fd)
                os.close(fd)
                if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                who = f"pid {holder}" if holder else "a process that has not written its pid yet"
                raise OutputLocked(f"output {self.output} is in use by another clean run ({who}, lock "
                                   f"file {self.path}); wait for it to finish or choose another -o")
            if _same_file(fd, self.path):  # not removed by a finishing holder meanwhile
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                self.fd = fd
                return self
            os.close(fd)
        raise OutputLocked(f"could not take the lock file {self.path} (it keeps being replaced)")

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.unlink(self.path)  # while still locked: a waiting run then opens a fresh file
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _holder(fd: int) -> Optional[int]:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _same_file(fd: int, path: str) -> bool:
    try:
        st, held = os.stat(path), os.fstat(fd)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (held.st_dev, held.st_ino)
