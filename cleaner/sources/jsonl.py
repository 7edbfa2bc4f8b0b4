"""JSONL reader (plain or gzip): one JSON object per line, one page per object.

The page is the value of `text_field` (default: `text`, else `html`), its URL the value of
`url_field` (default `url`). Every other field is passed through to the output unchanged.
"""
from __future__ import annotations

import json
import os
from typing import Iterator, Optional, Sequence, Union

from .model import Document, SourceError
from .streams import TruncatedInput, check_intact, open_source

DEFAULT_TEXT_FIELDS: Sequence[str] = ("text", "html")
DEFAULT_URL_FIELD = "url"

Item = Union[Document, SourceError]


def read_jsonl(
    path,
    *,
    text_field: Optional[str] = None,
    url_field: str = DEFAULT_URL_FIELD,
    input_format: str = "auto",
) -> Iterator[Item]:
    """Yield a Document per JSON line of `path` (blank lines skipped), or a SourceError per bad
    line; `record_id` is the 1-based line number."""
    source = os.fspath(path)
    text_fields = (text_field,) if text_field else DEFAULT_TEXT_FIELDS
    line_no = 0
    with open_source(path) as stream:
        try:
            for line_no, line in enumerate(stream, start=1):
                if not line.endswith(b"\n"):
                    check_intact(stream)  # a last line cut off by a broken gzip tail is no record
                if line.strip():
                    yield _item_of(line, source, line_no, text_fields, url_field, input_format)
            check_intact(stream)
        except TruncatedInput as exc:
            yield SourceError(source, line_no, "truncated", f"file is cut short at line {line_no}: {exc}")


def _item_of(line: bytes, source, line_no, text_fields, url_field, input_format) -> Item:
    try:
        obj = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return SourceError(source, line_no, "json", f"line is not valid JSON: {exc}")
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
