"""Where a job's outputs go: a `Sink` per kind of output, and the `--errors` report.

- `MirrorSink`: one file per document under OUTDIR, mirroring the input tree;
- `JsonlSink`: every record in one JSONL file (gzip-compressed when its name ends in .gz);
- `StreamSink`: everything to one stream (stdout);
- `ErrorReport`: one JSON line per document that failed or was filtered.

Every file is written so that nothing is lost or half-written: page files through a temporary
file and a rename, the JSONL file as `.NAME.partial` renamed when the run completes.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import stat
import tempfile
from typing import BinaryIO, Iterator, Optional, Protocol, Set

from .model import Document, Outcome, os_message, report_line, show_path
from .work import TruncatedInput, open_input

JSONL_NAME = "cleaned.jsonl"  # the JSONL file of `-o OUTDIR --format jsonl`
JSONL_OUTPUT_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")  # `-o FILE`: one file
TEMP_SUFFIX = ".clean-tmp"  # atomic-write temp files: ".<name>.<random>.clean-tmp"
_TEMP_RE = re.compile(r"^\..+\.clean-tmp$")


class OutputError(Exception):
    """Writing an output failed (disk full, no permission): the run cannot go on."""


class Sink(Protocol):
    """What `run_job` writes through. Errors writing raise `OutputError`."""

    def existing(self, doc: Document) -> Optional[str]:
        """An output that a run would replace (checked before a run without --resume)."""

    def open(self, resume: bool) -> None:
        """Get ready to write; with `resume`, keep what an earlier run finished."""

    def is_done(self, doc: Document) -> bool:
        """--resume: the document's output is already there."""

    def write(self, doc: Document, outcome: Outcome) -> int:
        """Write one document's output; returns the bytes written."""

    def close(self, complete: bool) -> Optional[str]:
        """Finish; returns a hint for the user when the run did not complete."""


def is_jsonl_output(path: Optional[str]) -> bool:
    """True when `-o PATH` names one JSONL file rather than a directory."""
    return bool(path) and path.lower().endswith(JSONL_OUTPUT_SUFFIXES)


# --------------------------------------------------------------------------------------------
# Files written whole or not at all
# --------------------------------------------------------------------------------------------


def write_atomic(path: str, data: bytes, mode: int = 0o644) -> None:
    """Write `data` to `path` through a temporary file in the same directory and a rename.

    Whatever stops it (an error, Ctrl-C, SIGTERM) the temporary file goes, also when the stop
    lands inside `mkstemp` after the file is made but before its name is returned.
    """
    directory, name = os.path.split(path)
    directory = directory or "."
    os.makedirs(directory, exist_ok=True)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=temp_prefix(name), suffix=TEMP_SUFFIX)
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            _write_all(f, data, path)
        os.replace(tmp, path)
    except BaseException:
        discard_temp(tmp, directory, temp_prefix(name))
        raise


def temp_prefix(name: str) -> str:
    """The start of the temporary files' names of an atomic write of `name`."""
    return f".{name}."


def discard_temp(tmp: Optional[str], directory: str, prefix: str) -> None:
    """Delete a stopped write's temporary file. `tmp` is None when the stop came inside
    `mkstemp`: the file may exist with a name never returned, so every PREFIX*.clean-tmp in
    `directory` goes (the writer's own: a run holds the lock on its output)."""
    if tmp is not None:
        _unlink_quietly(tmp)
    else:
        remove_temp_files(directory, prefix)


def _write_all(f, data: bytes, path: str) -> None:
    """Write output bytes meant for `path` (the one seam fault-injection tests patch)."""
    f.write(data)


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def remove_temp_files(directory: str, prefix: str) -> int:
    """Delete the temporary files PREFIX*.clean-tmp in `directory` (not below it)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return 0
    stale = [n for n in names if n.startswith(prefix) and _TEMP_RE.match(n)]
    for name in stale:
        _unlink_quietly(os.path.join(directory, name))
    return len(stale)


def remove_stale_temp_files(outdir: str) -> int:
    """Delete temporary files left by a killed run (our naming pattern only)."""
    removed = 0
    for root, _dirs, files in os.walk(outdir):
        for name in files:
            if _TEMP_RE.match(name):
                _unlink_quietly(os.path.join(root, name))
                removed += 1
    return removed


def file_mode() -> int:
    """Mode for new output files: 0o666 minus the umask (what open() would give)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


# --------------------------------------------------------------------------------------------
# Sinks
# --------------------------------------------------------------------------------------------


class MirrorSink:
    """One output file per input under OUTDIR, mirroring the input tree."""

    def __init__(self, outdir: str, fmt: str):
        self.outdir, self.ext = outdir, "." + fmt
        self.mode = file_mode()
        self.writing: Optional[str] = None  # the output being written, until it is in place

    def path_for(self, doc: Document) -> str:
        return os.path.join(self.outdir, doc.rel + self.ext)

    def existing(self, doc: Document) -> Optional[str]:
        path = self.path_for(doc)
        return path if doc.error is None and os.path.lexists(path) else None

    def open(self, resume: bool) -> None:
        os.makedirs(self.outdir, exist_ok=True)
        remove_stale_temp_files(self.outdir)

    def is_done(self, doc: Document) -> bool:
        """--resume: the output exists and is at least as new as the input."""
        if doc.path is None or doc.error is not None:
            return False
        try:
            return os.stat(self.path_for(doc)).st_mtime_ns >= os.stat(doc.path).st_mtime_ns
        except OSError:
            return False

    def write(self, doc: Document, outcome: Outcome) -> int:
        path = self.writing = self.path_for(doc)
        try:
            write_atomic(path, outcome.output, self.mode)
        except OSError as e:
            raise OutputError(f"cannot write {path}: {os_message(e)}") from e
        self.writing = None
        return len(outcome.output)

    def close(self, complete: bool) -> Optional[str]:
        """After a stop during a write (a second Ctrl-C can cut write_atomic's own cleanup
        short), that write's temporary files go: the run leaves only finished outputs."""
        if self.writing is not None:
            directory, name = os.path.split(self.writing)
            remove_temp_files(directory, temp_prefix(name))
            self.writing = None
        return None


class JsonlSink:
    """All documents as JSON lines in the one file PATH, gzip-compressed when PATH ends in .gz.

    Records go to .PATH.partial beside it, in input order; a finished run renames it to PATH.
    --resume keeps the complete records of a partial (or finished) file, skips their sources and
    appends the rest, so a killed-and-resumed run ends with the same records.
    `JsonlSink.in_dir(OUTDIR)` is OUTDIR/cleaned.jsonl (`-o OUTDIR --format jsonl`).
    """

    def __init__(self, path: str, *, sweep: bool = False):
        directory, name = os.path.split(path)
        self.directory = directory or "."
        self.path = path
        self.partial = os.path.join(directory, "." + name + ".partial")
        self.compressed = name.lower().endswith(".gz")
        self.sweep = sweep  # remove temp files a killed run left in the directory (OUTDIR only)
        self.done: Set[str] = set()
        self.file: Optional[BinaryIO] = None
        self.reopen = False  # --resume of a finished file: left alone until a record is added

    @classmethod
    def in_dir(cls, outdir: str) -> "JsonlSink":
        return cls(os.path.join(outdir, JSONL_NAME), sweep=True)

    def existing(self, doc: Document) -> Optional[str]:
        return next((p for p in (self.path, self.partial) if os.path.lexists(p)), None)

    def open(self, resume: bool) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            if self.sweep:
                remove_stale_temp_files(self.directory)
            if resume and not os.path.exists(self.partial) and os.path.exists(self.path):
                self.done, self.reopen = self._finished_records(), True
                return
            keep = resume and os.path.exists(self.partial)
            if keep:
                self.done = self._keep_complete_records()
            self.file = self._writer(self.partial, "ab" if keep else "wb")
        except OSError as e:
            raise OutputError(f"cannot write {self.partial}: {os_message(e)}") from e

    def _writer(self, path: str, mode: str) -> BinaryIO:
        return _gzip_writer(path, mode) if self.compressed else open(path, mode)

    def _finished_records(self) -> Set[str]:
        """The sources in a finished file (complete by construction: renamed only when complete)."""
        done: Set[str] = set()
        with open_input(self.path) as f:
            for line in complete_lines(f):
                _add_source(done, line)
        return done

    def _reopen(self) -> None:
        """The first record added to a finished file: it goes back to .partial (the same file,
        its mode kept) and the record is appended (a new gzip member when compressed)."""
        os.replace(self.path, self.partial)
        self.file, self.reopen = self._writer(self.partial, "ab"), False

    def _keep_complete_records(self) -> Set[str]:
        """Cut the partial file to its complete records (a torn last line or a broken gzip tail
        goes); returns their sources."""
        done: Set[str] = set()
        if not self.compressed:  # cut in place
            end = 0
            with open(self.partial, "rb") as f:
                for line in complete_lines(f):
                    end += len(line)
                    _add_source(done, line)
            with open(self.partial, "rb+") as f:
                if f.seek(0, os.SEEK_END) != end:
                    f.truncate(end)
            return done
        prefix, tmp = temp_prefix(os.path.basename(self.path)) + "resume.", None
        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=prefix, suffix=TEMP_SUFFIX)
            try:
                os.fchmod(fd, stat.S_IMODE(os.stat(self.partial).st_mode))  # the partial's, not 0600
            finally:
                os.close(fd)
            with open_input(self.partial) as f, self._writer(tmp, "wb") as out:
                for line in complete_lines(f):
                    out.write(line)
                    _add_source(done, line)
            os.replace(tmp, self.partial)
        except BaseException:
            discard_temp(tmp, self.directory, prefix)
            raise
        return done

    def is_done(self, doc: Document) -> bool:
        return doc.key in self.done

    def write(self, doc: Document, outcome: Outcome) -> int:
        try:
            if self.reopen:
                self._reopen()
            _write_all(self.file, outcome.output, self.path)
        except OSError as e:
            raise OutputError(f"cannot write {self.partial}: {os_message(e)}") from e
        return len(outcome.output)

    def close(self, complete: bool) -> Optional[str]:
        if self.file is None:
            return None
        try:
            self.file.close()
            if not os.path.exists(self.partial):
                raise OutputError(f"{self.partial} was removed during the run: the records written "
                                  f"to it are lost; rerun to write {self.path} again")
            if complete:
                os.replace(self.partial, self.path)
                return None
        except OSError as e:
            try:
                self._keep_complete_records()
            except OSError:
                pass  # --resume cuts it
            raise OutputError(f"cannot write {self.partial}: {os_message(e)}") from e
        return f"records so far are in {self.partial}"


def _gzip_writer(path: str, mode: str) -> gzip.GzipFile:
    """A gzip writer with no timestamp or name in its header: the same records give the same bytes."""
    raw = open(path, mode)
    writer = gzip.GzipFile(filename="", mode=mode, fileobj=raw, mtime=0)
    writer.myfileobj = raw  # GzipFile closes the file it owns (as when it opens it itself)
    return writer


def complete_lines(stream) -> Iterator[bytes]:
    """The newline-terminated lines of a byte stream, up to a torn last line or a gzip break."""
    try:
        for line in stream:
            if not line.endswith(b"\n"):
                return
            yield line
    except TruncatedInput:
        return


def _add_source(done: Set[str], line: bytes) -> None:
    try:
        done.add(json.loads(line)["source"])
    except (ValueError, KeyError, TypeError):
        pass


class StreamSink:
    """Everything to one stream (stdout): txt/md bodies, pretty json objects or json lines.

    With several documents, txt and md get a '==> source <==' header line per document.
    """

    def __init__(self, stream, fmt: str, headers: bool):
        self.stream, self.headers = stream, headers and fmt in ("txt", "md")
        self.count = 0

    def existing(self, doc: Document) -> Optional[str]:
        return None

    def open(self, resume: bool) -> None:
        pass

    def is_done(self, doc: Document) -> bool:
        return False

    def write(self, doc: Document, outcome: Outcome) -> int:
        data = outcome.output
        if self.headers:
            sep = b"\n" if self.count else b""
            data = sep + f"==> {show_path(doc.key)} <==\n".encode("utf-8") + data
        self.count += 1
        self.stream.write(data)
        return len(outcome.output)

    def close(self, complete: bool) -> Optional[str]:
        self.stream.flush()
        return None


class ErrorReport:
    """--errors FILE: one JSON line (path, kind, message) per document that failed or was
    filtered, flushed as it comes. Opening raises OSError."""

    def __init__(self, path: Optional[str]):
        self.file = open(path, "w", encoding="utf-8", errors="backslashreplace") if path else None

    def add(self, outcome: Outcome) -> None:
        line = report_line(outcome) if self.file is not None else None
        if line:
            self.file.write(line)
            self.file.flush()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
