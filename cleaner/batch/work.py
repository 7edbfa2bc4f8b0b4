"""The per-document work (it runs in a worker process) and the one gzip reader.

`process_document` reads, cleans, filters and renders one `Document`; it is a pure, picklable
top-level function and never raises. `open_input` is the one way a file is read here and in
`cleaner.sources`: plain or gzip (sniffed by content), with a broken gzip tail made visible
instead of lost or raised mid-stream.
"""
from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
import stat
import zlib
from typing import BinaryIO, Optional, Tuple, Union

from ..errors import CleanerError, DecodeError, InputError
from ..markdown import to_markdown
from .model import Document, Options, Outcome, failed, human_size, os_message, output_record

GZIP_MAGIC = b"\x1f\x8b"
NOT_GZIP_NOTE = "named .gz but not gzip data: read as it is"
_READ_CHUNK = 1 << 20
_STREAM_BUFFER = 64 * 1024


# --------------------------------------------------------------------------------------------
# Reading: plain or gzip
# --------------------------------------------------------------------------------------------


class TruncatedInput(Exception):
    """The input ends in the middle of something (a gzip member, a record).

    Deliberately not an EOFError: some readers (warcio among them) take EOFError for a clean end.
    """


class GzipStream(io.RawIOBase):
    """A readable gzip stream (multi-member) that never loses data on a broken tail.

    When the gzip data breaks off, the first read after the last good byte returns b"" (end of
    file) and records the break (`broken`: a message, `error`: the exception); later reads raise
    TruncatedInput, and so does `check_intact`. Reading with `read1` keeps each call to one
    underlying read, so no decoded data is dropped.
    """

    def __init__(self, fileobj):
        self._file = fileobj
        self._gz = gzip.GzipFile(fileobj=fileobj, mode="rb")
        self.broken: Optional[str] = None
        self.error: Optional[Exception] = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.broken:
            raise TruncatedInput(self.broken)
        try:
            data = self._gz.read1(len(buffer))
        except EOFError as exc:
            self.error, self.broken = exc, f"gzip stream ends early ({exc})"
            return 0
        except (zlib.error, gzip.BadGzipFile) as exc:
            self.error, self.broken = exc, f"gzip stream is corrupt ({exc})"
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


def open_input(path: Union[str, os.PathLike]) -> BinaryIO:
    """Open `path` for streaming reads, decompressing it when it is gzip (by content, not name).
    Only regular files are opened (NotRegularFile otherwise, see `open_regular`)."""
    raw = open_regular(path)
    try:
        is_gzip = raw.peek(2)[:2] == GZIP_MAGIC
    except Exception:
        raw.close()
        raise
    if not is_gzip:
        return raw
    return io.BufferedReader(GzipStream(raw), buffer_size=_STREAM_BUFFER)


def check_intact(stream: BinaryIO) -> None:
    """Raise TruncatedInput if the stream's compressed data broke off (call after a clean end)."""
    broken = getattr(getattr(stream, "raw", None), "broken", None)
    if broken:
        raise TruncatedInput(broken)


def read_document(path: str, max_bytes: Optional[int]) -> bytes:
    """The bytes of one input file, gunzipped when it is gzip, never more than `max_bytes`."""
    return read_page(path, max_bytes)[0]


def read_page(path: str, max_bytes: Optional[int]) -> Tuple[bytes, str]:
    """`read_document`, and a note for the user ('' when none): a file named .gz whose content
    is not gzip is read as it is, and said so."""
    try:
        f = open_regular(path)
    except NotRegularFile as e:
        raise InputError(str(e)) from None
    with f:
        st = os.fstat(f.fileno())
        plain = f.read(2) != GZIP_MAGIC
        if max_bytes is not None and st.st_size > max_bytes and plain:
            raise InputError(f"file is {human_size(st.st_size)}, over the {human_size(max_bytes)} "
                             "limit (--max-bytes)")
        f.seek(0)
        note = NOT_GZIP_NOTE if plain and path.lower().endswith(".gz") and st.st_size else ""
        return read_stream(f, max_bytes), note


def read_stream(f, max_bytes: Optional[int]) -> bytes:
    """Read a binary stream (file, stdin), gunzipping gzip data, never more than `max_bytes`."""
    head = f.read(2)
    if head == GZIP_MAGIC:
        with GzipStream(_Prefixed(head, f)) as gz:
            return _inflate(gz, max_bytes)
    data = head + (f.read() if max_bytes is None else f.read(max(0, max_bytes + 1 - len(head))))
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"input is over the {human_size(max_bytes)} limit (--max-bytes)")
    return data


def _inflate(gz: GzipStream, max_bytes: Optional[int]) -> bytes:
    """All of a gzip stream, refusing to inflate past `max_bytes` (gzip bombs) or a broken tail."""
    out = bytearray()
    buffer = bytearray(_READ_CHUNK)
    while True:
        want = _READ_CHUNK if max_bytes is None else min(_READ_CHUNK, max_bytes + 1 - len(out))
        n = gz.readinto(memoryview(buffer)[:want])
        if not n:
            break
        out += buffer[:n]
        if max_bytes is not None and len(out) > max_bytes:
            raise InputError(f"gzip data inflates past the {human_size(max_bytes)} limit (--max-bytes)")
    if gz.error is not None:
        e = gz.error
        raise DecodeError(f"truncated or corrupt gzip data ({e or type(e).__name__})")
    return bytes(out)


class _Prefixed:
    """A read-only stream: `head` bytes already read, then the rest of `f` (stdin cannot seek)."""

    def __init__(self, head: bytes, f):
        self.head, self.f = head, f

    def read(self, n: int = -1) -> bytes:
        if not self.head:
            return self.f.read(n)
        if n is None or n < 0:
            data, self.head = self.head + self.f.read(), b""
            return data
        data, self.head = self.head[:n], self.head[n:]
        return data + (self.f.read(n - len(data)) if n > len(data) else b"")

    def close(self) -> None:
        pass  # the caller owns the stream


def stdin_document(stream, max_bytes: Optional[int]) -> Document:
    """The document read from standard input (`-`)."""
    doc = Document(source="<stdin>", rel="stdin", fields=None)
    try:
        return dataclasses.replace(doc, raw=read_stream(stream, max_bytes))
    except CleanerError as e:
        return dataclasses.replace(doc, error=(e.kind, str(e)))
    except OSError as e:
        return dataclasses.replace(doc, error=("read", os_message(e)))


# --------------------------------------------------------------------------------------------
# Cleaning one document
# --------------------------------------------------------------------------------------------


def clean_document(doc: Document, raw: Union[str, bytes], *, input_format: Optional[str] = None,
                   **clean_kwargs):
    """`cleaner.clean` on one document's page, with the document's URL and fallback date.
    Raises `CleanerError` like `clean`."""
    from ..api import clean  # late: `import cleaner.batch` stays light in pool parents and sources

    result = clean(raw, url=doc.url, input_format=input_format or doc.input_format,
                   **{"site_model": doc.template, **clean_kwargs})
    result.fill_date(doc.fallback_date, "archive")
    return result


def process_document(doc: Document, options: Options) -> Outcome:
    """Read, clean, filter and render one document. Never raises: failures are Outcomes.
    With `options.learn` (a run's first pass) only the page's line keys come back."""
    if options.learn:
        from .sites import learn_document

        return learn_document(doc, options)
    note = ""
    try:
        raw, note = (doc.raw, "") if doc.raw is not None else read_page(doc.path, options.max_bytes)
    except CleanerError as e:
        return failed(doc.key, e.kind, str(e))
    except OSError as e:
        return failed(doc.key, "read", os_message(e))
    fmt = options.input_format if options.input_format != "auto" else doc.input_format
    try:
        result = clean_document(doc, raw, input_format=fmt, timeout=options.timeout,
                                max_bytes=options.max_bytes, fast=options.fast)
    except CleanerError as e:
        return failed(doc.key, e.kind, str(e), len(raw))
    except Exception as e:  # a bug in the pipeline must not stop the batch
        return failed(doc.key, "internal", f"{type(e).__name__}: {e}", len(raw))
    outcome = Outcome(doc.key, "cleaned", bytes_in=len(raw), removed=list(result.removed), note=note)
    if not result.text.strip():
        outcome.status = "empty"
    else:
        reason = filter_reason(result, options)
        if reason:
            outcome.status, (outcome.kind, outcome.message) = "filtered", reason
    outcome.written = outcome.status == "cleaned" or (outcome.status == "empty" and not options.filtering)
    if outcome.written:
        outcome.output = encode_output(render(result, doc, options), options.format)
    return outcome


def encode_output(text: str, fmt: str) -> bytes:
    """UTF-8 bytes; undecodable file names (lone surrogates) stay JSON escapes in json/jsonl."""
    if fmt in ("json", "jsonl"):
        return text.encode("utf-8", "backslashreplace")
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def filter_reason(result, options: Options) -> Optional[Tuple[str, str]]:
    """(kind, message) when --lang / --min-words drop this result, else None."""
    if options.langs:
        lang = (result.language or "").lower()
        if lang.split("-")[0] not in options.langs and lang not in options.langs:
            return "lang", f"language {result.language or 'unknown'} not in {','.join(options.langs)}"
    if options.min_words and result.word_count < options.min_words:
        return "min-words", f"{result.word_count} words < {options.min_words}"
    return None


def render(result, doc: Document, options: Options) -> str:
    """The output of one document in the job's format."""
    if options.format in ("json", "jsonl"):
        record = output_record(doc, result, explain=options.explain)
        if options.format == "jsonl":
            return json.dumps(record, ensure_ascii=False) + "\n"
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    if options.format == "md":
        return to_markdown(result)
    body = result.text.strip()
    return body + "\n" if body else ""
