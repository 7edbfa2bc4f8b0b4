"""What sources yield (`Document`, `SourceError`) and how one document becomes one output record."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Union

from ..errors import CleanerError

# Keys every output record starts with, ahead of the cleaner's own fields.
SOURCE_KEY = "source"
RECORD_ID_KEY = "record_id"
# An input field whose name collides with an output key is kept, unchanged, under this prefix.
COLLISION_PREFIX = "input_"

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

    The record is: source, record_id, the cleaner's fields (`CleanResult.to_dict`), then the
    document's passthrough fields; a passthrough field named like an output key is kept under
    `input_<name>`.
    """
    from ..api import clean  # late: keeps `import cleaner.sources` light in pool parents

    result = clean(doc.raw, url=doc.url, input_format=doc.input_format, **clean_kwargs)
    if result.date is None and doc.fallback_date:
        result.date = doc.fallback_date
    record: Dict[str, Any] = {SOURCE_KEY: doc.source, RECORD_ID_KEY: doc.record_id}
    record.update(result.to_dict(explain=explain))
    for name, value in doc.fields.items():
        record[COLLISION_PREFIX + name if name in record else name] = value
    return record


def error_record(source: str, record_id, kind: str, message: str) -> Dict[str, Any]:
    """The output-shaped record of a failure (used by `clean_records` and error reports)."""
    return {SOURCE_KEY: source, RECORD_ID_KEY: record_id, "error": {"kind": kind, "message": message}}


def failure_of(doc: Document, exc: CleanerError) -> SourceError:
    """A cleaning failure, expressed against the document's source and record."""
    return SourceError(doc.source, doc.record_id, exc.kind, str(exc))
