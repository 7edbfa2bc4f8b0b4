"""Record sources in the `clean` batch engine: archive/JSONL records as `batch.Task`s, and the
one-file JSONL output (`-o out.jsonl` / `-o out.jsonl.gz`)."""
from __future__ import annotations

import gzip
import json
import os
import tempfile
import zlib
from typing import Iterator, Optional, Set

from .. import batch
from .model import Document, SourceError, record_key
from .registry import is_record_source, iter_documents

JSONL_OUTPUT_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


class RecordExpander:
    """`batch.iter_tasks(records=...)`: turns an archive or JSONL input into one Task per record.

    Returns None for any other file (a page, cleaned as usual).
    """

    def __init__(self, *, text_field: Optional[str] = None, url_field: str = "url",
                 max_bytes: Optional[int] = None):
        self.options = {"text_field": text_field, "url_field": url_field, "max_bytes": max_bytes}

    def __call__(self, path: str, rel: str) -> Optional[Iterator[batch.Task]]:
        return record_tasks(path, rel, **self.options) if is_record_source(path) else None


def record_tasks(path: str, rel: str, **options) -> Iterator[batch.Task]:
    """The Tasks of one archive or JSONL file, in file order; unreadable stretches become failed
    Tasks. `rel` is the file's place in a mirrored output tree: record N goes to `rel/N`."""
    try:
        items = iter_documents(path, **options)
    except ImportError as e:  # a WARC without the warc extra installed
        yield batch.Task(source=path, rel=rel, error=("input", str(e)))
        return
    for n, item in enumerate(items, start=1):
        if isinstance(item, SourceError):
            yield batch.Task(source=record_key(item.source, item.record_id), rel=f"{rel}/{n:06d}",
                             error=(item.kind, item.message))
        else:
            yield document_task(item, f"{rel}/{n:06d}")


def document_task(doc: Document, rel: str) -> batch.Task:
    return batch.Task(source=doc.key, rel=rel, raw=doc.raw, url=doc.url, input_format=doc.input_format,
                      extra=doc.output_fields(), date=doc.fallback_date)


def is_jsonl_output(path: Optional[str]) -> bool:
    return bool(path) and path.lower().endswith(JSONL_OUTPUT_SUFFIXES)


class JsonlPathSink(batch.JsonlFileSink):
    """All records in the one JSONL file PATH, gzip-compressed when PATH ends in .gz.

    Like `batch.JsonlFileSink`: records go to .PATH.partial beside it, renamed to PATH when the
    run completes; --resume keeps the complete records of the partial file and appends the rest.
    """

    def __init__(self, path: str):
        directory, name = os.path.split(path)
        super().__init__(directory or ".")
        self.path = path
        self.partial = os.path.join(directory, "." + name + ".partial")
        self.compressed = name.lower().endswith(".gz")

    def open(self, resume: bool) -> None:
        try:
            os.makedirs(self.outdir, exist_ok=True)
            if resume and not os.path.exists(self.partial) and os.path.exists(self.path):
                os.replace(self.path, self.partial)
            keep = resume and os.path.exists(self.partial)
            if keep:
                self.done = self._recover()
            mode = "ab" if keep else "wb"
            self.file = _gzip_writer(self.partial, mode) if self.compressed else open(self.partial, mode)
        except OSError as e:
            raise batch.OutputError(f"cannot write {self.partial}: {e.strerror or e}") from e

    def _recover(self) -> Set[str]:
        """Sources of the complete records in the partial file, which is cut to those records."""
        if not self.compressed:
            return batch._complete_jsonl_sources(self.partial)
        done: Set[str] = set()
        fd, tmp = tempfile.mkstemp(dir=self.outdir, prefix=".resume.", suffix=batch.TEMP_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as raw_out, gzip.GzipFile(filename="", fileobj=raw_out, mode="wb",
                                                               mtime=0) as out, \
                    open(self.partial, "rb") as f:
                for line in _complete_lines(_gunzip_chunks(f)):
                    out.write(line)
                    source = _source_of(line)
                    if source is not None:
                        done.add(source)
            os.replace(tmp, self.partial)
        except BaseException:
            batch._unlink_quietly(tmp)
            raise
        return done


def _gzip_writer(path: str, mode: str) -> gzip.GzipFile:
    """A gzip writer with no timestamp or name in its header: the same records give the same bytes."""
    raw = open(path, mode)
    writer = gzip.GzipFile(filename="", mode=mode, fileobj=raw, mtime=0)
    writer.myfileobj = raw  # GzipFile closes the file it owns (as when it opens it itself)
    return writer


def _gunzip_chunks(f) -> Iterator[bytes]:
    """The decompressed data of a multi-member gzip stream, stopping quietly where it breaks."""
    decomp = zlib.decompressobj(wbits=31)
    while True:
        data = f.read(1 << 20)
        if not data:
            return
        while data:
            try:
                chunk = decomp.decompress(data)
            except zlib.error:
                return
            if chunk:
                yield chunk
            data = b""
            if decomp.eof:
                data, decomp = decomp.unused_data, zlib.decompressobj(wbits=31)


def _complete_lines(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The newline-terminated lines of a byte stream (a torn last line is dropped)."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield line + b"\n"


def _source_of(line: bytes) -> Optional[str]:
    try:
        return json.loads(line)["source"]
    except (ValueError, KeyError, TypeError):
        return None
