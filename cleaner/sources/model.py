"""What sources yield (`Document`, `SourceError`) and how one document becomes one output record."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any, Dict, Optional, Union

from ..result import CleanResult

# Keys every output record starts with, ahead of the cleaner's own fields.
SOURCE_KEY = "source"
SOURCE_FILE_KEY = "source_file"
RECORD_ID_KEY = "record_id"
# An input field whose name an output uses is kept, unchanged, under this prefix.
COLLISION_PREFIX = "input_"
RESERVED_KEYS = frozenset([SOURCE_KEY] + [f.name for f in fields(CleanResult)])

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Document:
    """One page to clean, read from a record source (picklable: it crosses process pools)."""

    raw: Union[str, bytes]
    source: str  # the file it came from, as given
    record_id: Union[str, int]  # WARC-Record-ID, or the 1-based line number of a JSONL record
    url: Optional[str] = None
    input_format: str = "auto"  # "html" for WARC responses, "text" for WET conversions
    fallback_date: Optional[str] = None  # YYYY-MM-DD used when the page itself gives no date
    fields: Dict[str, Any] = field(default_factory=dict)  # passed through to the output

    @property
    def key(self) -> str:
        """The record's `source` in outputs and error reports: FILE#RECORD_ID (unique per record)."""
        return record_key(self.source, self.record_id)

    def output_fields(self) -> Dict[str, Any]:
        """What the output record carries besides `source` and the cleaner's fields: the file,
        the record id, and the passthrough fields (renamed `input_<name>` if an output uses it)."""
        out: Dict[str, Any] = {SOURCE_FILE_KEY: self.source, RECORD_ID_KEY: self.record_id}
        for name, value in self.fields.items():
            out[COLLISION_PREFIX + name if name in out or name in RESERVED_KEYS else name] = value
        return out


@dataclass(frozen=True)
class SourceError:
    """Something in a source that could not be read; the source goes on (or ends) after it."""

    source: str
    record_id: Union[str, int, None]
    kind: str  # "truncated", "json", "field", "too-large", "read"
    message: str


def day_of(timestamp: Optional[str]) -> Optional[str]:
    """'2024-05-01T10:00:00Z' -> '2024-05-01' (the cleaner's date format); None if not ISO-like."""
    if timestamp and _ISO_DAY.match(timestamp):
        return timestamp[:10]
    return None


def clean_document(doc: Document, *, explain: bool = False, **clean_kwargs) -> Dict[str, Any]:
    """Clean one document into its output record. Raises `CleanerError` like `cleaner.clean`.

    The record is: source (FILE#RECORD_ID), source_file, record_id, the passthrough fields, then
    the cleaner's fields (`CleanResult.to_dict`): the same record `clean FILE --format jsonl`
    writes.
    """
    from ..api import clean  # late: keeps `import cleaner.sources` light in pool parents

    result = clean(doc.raw, url=doc.url, input_format=doc.input_format, **clean_kwargs)
    result.fill_date(doc.fallback_date, "archive")
    return {SOURCE_KEY: doc.key, **doc.output_fields(), **result.to_dict(explain=explain)}


def record_key(source: str, record_id) -> str:
    return source if record_id is None else f"{source}#{record_id}"


def error_record(source: str, record_id, kind: str, message: str) -> Dict[str, Any]:
    """The output-shaped record of a failure (what `clean_records` yields for it)."""
    return {SOURCE_KEY: record_key(source, record_id), SOURCE_FILE_KEY: source, RECORD_ID_KEY: record_id,
            "error": {"kind": kind, "message": message}}
