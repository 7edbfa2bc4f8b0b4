"""WARC / WARC.gz / Common Crawl WET reader (warcio, streaming: one record in memory at a time).

- `response` records with an HTML payload and a 2xx status -> Document(input_format="html");
- `conversion` records (WET text dumps) -> Document(input_format="text");
- every other record (warcinfo, request, metadata, revisit, non-HTML payloads, redirects, errors)
  is not a page and is passed over.

The record's WARC-Target-URI becomes `url`, its WARC-Record-ID the `record_id`, and the day of its
WARC-Date the date used when the page states none (with `date_source` "archive": the day the page
was archived, not a publication date).

Damaged archives cost little: a header line is read with a bound (`MAX_HEADER_LINE`), a record's
header block too (`MAX_HEADER_BLOCK`), and what an error message quotes of the file is a short,
escaped excerpt (`excerpt`).
"""
from __future__ import annotations

import codecs
import os
import zlib
from collections import Counter
from typing import Iterator, Optional, Tuple, Union

from ..limits import DEFAULT_MAX_BYTES
from .model import Document, SourceError, day_of
from .streams import TruncatedInput, check_intact, open_error, open_source

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN_CHUNK = 64 * 1024
MAX_HEADER_LINE = 1 << 20  # bytes in one header line (WARC or HTTP); a longer one is damage
MAX_HEADER_BLOCK = 4 << 20  # bytes of header lines read in a row (a record's WARC + HTTP headers)
EXCERPT_CHARS = 120  # characters of file content an error message quotes

Item = Union[Document, SourceError]


def _archive_iterator():
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:  # pragma: no cover - depends on the install
        raise ImportError("reading WARC files needs warcio: pip install '.[warc]' in the cleaner checkout") from None
    from warcio.bufferedreaders import DecompressingBufferedReader

    class BoundedReader(DecompressingBufferedReader):
        """warcio's reader with bounded, linear lines. warcio reads headers with readline() and
        no limit, joining buffer fills with bytes concatenation: quadratic on a line without
        CRLF, and unbounded."""

        header_bytes = 0  # read by readline() for the record being parsed

        def readline(self, length=None):
            bound = MAX_HEADER_LINE + 1 if length is None or length > MAX_HEADER_LINE else length
            line = self._bounded_line(bound)
            if len(line) > MAX_HEADER_LINE:
                raise _Unreadable(f"a header line is longer than {MAX_HEADER_LINE} bytes "
                                  f"(starts '{excerpt(line)}')")
            self.header_bytes += len(line)
            if self.header_bytes > MAX_HEADER_BLOCK:
                raise _Unreadable(f"record headers are longer than {MAX_HEADER_BLOCK} bytes")
            return line

        def _bounded_line(self, bound: int) -> bytes:
            parts, got = [], 0
            while got < bound:
                self._fillbuff()
                if self.empty():
                    break
                part = self.buff.readline(bound - got)
                parts.append(part)
                got += len(part)
                if part.endswith(b"\n"):
                    break
            return b"".join(parts)

    class BoundedArchiveIterator(ArchiveIterator):
        INC_RECORD = ""  # warcio writes the offending line to stderr with this (a damaged file's
        # bytes, megabytes of them); the damage is reported as a SourceError instead

        def __init__(self, fileobj, **kwargs):
            super().__init__(fileobj, **kwargs)
            self.reader = BoundedReader(self.fh, block_size=self.reader.block_size)

        def _next_record(self, next_line):
            self.reader.header_bytes = 0
            return super()._next_record(next_line)

    return BoundedArchiveIterator


def excerpt(data: Union[str, bytes], limit: int = EXCERPT_CHARS) -> str:
    """At most `limit` characters of file content for an error message, control characters and
    undecodable bytes escaped, '...' when cut."""
    text = data[: limit + 1].decode("latin-1") if isinstance(data, bytes) else str(data)[: limit + 1]
    escaped = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return escaped if len(escaped) <= limit else escaped[:limit] + "..."


def read_warc(path, *, max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
              passed_over: Optional[Counter] = None) -> Iterator[Item]:
    """Yield a Document per page record of the archive at `path`, in archive order.

    Records that are not pages are counted in `passed_over` by reason ("request", "not HTML",
    "status 404", ...) when it is given.

    A truncated or damaged archive yields everything before the break, then one SourceError
    (kind "truncated" when the file ends inside a record, "read" when warcio cannot parse it).
    """
    return _read_warc(os.fspath(path), _archive_iterator(), max_bytes, passed_over)


def _read_warc(source: str, archive_iterator, max_bytes, passed_over=None) -> Iterator[Item]:
    try:
        opened = open_source(source)
    except OSError as exc:
        yield SourceError(source, None, *open_error(source, exc))
        return
    with opened as stream:
        yield from _read_stream(source, stream, max_bytes, archive_iterator, passed_over)


def _read_stream(source: str, stream, max_bytes, archive_iterator=None,
                 passed_over: Optional[Counter] = None) -> Iterator[Item]:
    """The items of an archive open as `stream` (see `read_warc`)."""
    records = (archive_iterator or _archive_iterator())(stream)
    record_id = yielded_id = None
    try:
        for record in _parsed(records, stream):
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            _check_header(record)
            kind, reason = _page_kind(record)
            item = _item_of(record, kind, source, record_id, max_bytes) if kind else None
            if reason and passed_over is not None:
                passed_over[reason] += 1
            if _drain(record):
                raise TruncatedInput("the file ends inside a record")
            if item is not None:
                yield item
                yielded_id = record_id
        check_intact(stream)
        _check_consumed(records)
    except TruncatedInput as exc:
        yield _break(source, record_id, yielded_id, "truncated", f"archive is cut short: {exc}")
    except _Unreadable as exc:
        yield _break(source, record_id, yielded_id, "read", f"archive is damaged: {exc}")


def _break(source: str, record_id, yielded_id, kind: str, message: str) -> SourceError:
    """The error that ends an archive. It names the record it broke in, unless that record was
    already yielded whole (then the break is after it: the error is the archive's own)."""
    where = f" (last record read: {excerpt(record_id)})" if record_id else " (before any record)"
    return SourceError(source, None if record_id == yielded_id else record_id, kind, message + where)


class _Unreadable(Exception):
    """warcio could not parse the next record."""


def _parsed(records, stream):
    """warcio's records, with its parse failures on malformed input made ours.

    warcio raises ArchiveLoadFailed, ValueError, even AttributeError on damaged headers; none may
    end the run. At the end of the file they mean the archive was cut short (TruncatedInput),
    elsewhere that it is damaged (_Unreadable).
    """
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (TruncatedInput, _Unreadable):
            raise
        except Exception as exc:  # noqa: BLE001 - see docstring
            reason = f"{type(exc).__name__}: {excerpt(str(exc))}"
            if _at_end(stream, records):
                raise TruncatedInput(f"the file ends inside a record header ({reason})") from exc
            raise _Unreadable(reason) from exc
        yield record


def _check_header(record) -> None:
    """Only WARC records (warcio also reads the older ARC format, and takes many a junk line for
    an ARC header); a WARC record header always declares its length, one without is cut short
    (warcio lets it through as a record of unknown or zero length)."""
    if record.format != "warc":
        raise _Unreadable(f"not a WARC record (looks like {record.format.upper()} data)")
    declared = record.rec_headers.get_header("Content-Length") or ""
    if not declared.strip().isdigit():
        raise TruncatedInput("a record header is incomplete (no Content-Length)")


def _at_end(stream, records) -> bool:
    """True when nothing is left to read, neither in warcio's buffer nor in the file."""
    reader = getattr(records, "reader", None)
    buffered = getattr(reader, "buff", None)
    if buffered is not None and buffered.tell() < reader.buff_size:
        return False
    try:
        return not stream.peek(1)
    except TruncatedInput:
        return True


def _check_consumed(records) -> None:
    """After warcio's clean end, every byte it read must belong to a complete record.

    (warcio stops silently when the file ends inside a record header; its `offset` then lags
    behind what it has read.)
    """
    if records.offset != records.fh.tell():
        raise TruncatedInput("the file ends inside a record header")


def _item_of(record, kind: str, source: str, record_id, max_bytes) -> Item:
    try:
        stream = record.content_stream()
        payload = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    except (OSError, ValueError, zlib.error) as exc:  # a bad Content-Encoding body, ...
        return SourceError(source, record_id, "read", f"record payload cannot be read: {excerpt(str(exc))}")
    if max_bytes is not None and len(payload) > max_bytes:
        return SourceError(source, record_id, "too-large",
                           f"record payload is larger than max_bytes={max_bytes}")
    headers = record.rec_headers
    if kind == "text":
        raw: Union[str, bytes] = payload.decode("utf-8", errors="replace")  # WET is UTF-8
    else:
        raw = _decode_declared(payload, record.http_headers.get_header("Content-Type"))
    return Document(
        raw=raw,
        source=source,
        record_id=record_id,
        url=headers.get_header("WARC-Target-URI"),
        input_format=kind,
        fallback_date=day_of(headers.get_header("WARC-Date")),
    )


def _page_kind(record) -> Tuple[Optional[str], Optional[str]]:
    """("html" or "text", None) for a page record; (None, why it is not a page) otherwise."""
    if record.rec_type == "conversion":
        return "text", None
    if record.rec_type != "response":
        return None, record.rec_type or "untyped"
    if record.http_headers is None:
        return None, "no HTTP headers"
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None, f"status {excerpt(status, 8) or 'missing'}"
    media_type = (record.http_headers.get_header("Content-Type") or "text/html").split(";")[0]
    return ("html", None) if media_type.strip().lower() in HTML_MEDIA_TYPES else (None, "not HTML")


def _decode_declared(payload: bytes, content_type: Optional[str]) -> Union[str, bytes]:
    """Decode with the HTTP-declared charset when it is known and fits; otherwise leave bytes to
    the cleaner's own detection."""
    charset = _charset_of(content_type)
    if charset:
        try:
            codecs.lookup(charset)
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return payload


def _charset_of(content_type: Optional[str]) -> Optional[str]:
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _drain(record) -> bool:
    """Read the rest of the record; True when the file ends before the record's declared length."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    return getattr(raw, "limit", 0) > 0
