"""JSONL reader (plain or gzip): one JSON object per line, one page per object.

The page is the value of `text_field` (default: `text`, else `html`), its URL the value of
`url_field` (default `url`). Every other field is passed through to the output unchanged.

A line longer than `max_bytes` is never held in memory: it is reported (kind `too-large`) and
skipped, reading on from the next line.
"""
from __future__ import annotations

import json
import os
from typing import BinaryIO, Iterator, Optional, Sequence, Union

from ..limits import DEFAULT_MAX_BYTES
from .model import Document, SourceError
from .streams import TruncatedInput, check_intact, open_error, open_source

DEFAULT_TEXT_FIELDS: Sequence[str] = ("text", "html")
DEFAULT_URL_FIELD = "url"
SKIP_CHUNK = 1 << 20  # the rest of an over-long line is read (and dropped) this much at a time

Item = Union[Document, SourceError]


def read_jsonl(
    path,
    *,
    text_field: Optional[str] = None,
    url_field: str = DEFAULT_URL_FIELD,
    input_format: str = "auto",
    max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Yield a Document per JSON line of `path` (blank lines skipped), or a SourceError per bad
    line; `record_id` is the 1-based line number. Lines over `max_bytes` are `too-large`."""
    source = os.fspath(path)
    text_fields = (text_field,) if text_field else DEFAULT_TEXT_FIELDS
    line_no = 0
    try:
        opened = open_source(path)
    except OSError as exc:
        yield SourceError(source, None, *open_error(source, exc))
        return
    with opened as stream:
        try:
            for line_no, line in enumerate(bounded_lines(stream, max_bytes), start=1):
                if line is None:
                    yield SourceError(source, line_no, "too-large",
                                      f"line is longer than max_bytes={max_bytes} (--max-bytes)")
                elif line.strip():
                    yield _item_of(line, source, line_no, text_fields, url_field, input_format)
            check_intact(stream)
        except TruncatedInput as exc:
            yield SourceError(source, line_no, "truncated", f"file is cut short at line {line_no}: {exc}")


def bounded_lines(stream: BinaryIO, max_bytes: Optional[int]) -> Iterator[Optional[bytes]]:
    """The lines of `stream`; None in place of a line longer than `max_bytes` (its bytes are
    read and dropped, never held). A last line without a newline is checked for a cut-off
    gzip tail (TruncatedInput) before it is given."""
    limit = -1 if max_bytes is None else max_bytes + 1  # + 1: room for the newline
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if line.endswith(b"\n"):
            yield line
        elif len(line) == limit:
            _skip_rest_of_line(stream)
            yield None
        else:
            check_intact(stream)  # a last line cut off by a broken gzip tail is no record
            yield line


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _item_of(line: bytes, source, line_no, text_fields, url_field, input_format) -> Item:
    try:
        obj = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return SourceError(source, line_no, "json", f"line is not valid JSON: {exc}")
    except RecursionError:
        return SourceError(source, line_no, "json", "line is not valid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return SourceError(source, line_no, "json", f"line is a JSON {type(obj).__name__}, not an object")
    name = next((f for f in text_fields if f in obj), None)
    if name is None:
        return SourceError(source, line_no, "field", f"record has no {' or '.join(map(repr, text_fields))} field")
    raw = obj.pop(name)
    if not isinstance(raw, str):
        return SourceError(source, line_no, "field", f"field {name!r} is a {type(raw).__name__}, not a string")
    url = obj.pop(url_field, None)
    if url is not None and not isinstance(url, str):
        return SourceError(source, line_no, "field", f"field {url_field!r} is a {type(url).__name__}, not a string")
    return Document(raw=raw, source=source, record_id=line_no, url=url, input_format=input_format, fields=obj)
