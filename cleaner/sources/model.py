"""What sources yield: a `Document` per page (the batch engine's one record type) or a
`SourceError` for what could not be read; and how one document becomes one output record."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Optional, Union

from ..batch import (COLLISION_PREFIX, RECORD_ID_KEY, RESERVED_KEYS, SOURCE_FILE_KEY, SOURCE_KEY, Document,
                     error_record, output_record, record_key)
from ..batch import clean_document as _clean

__all__ = ["COLLISION_PREFIX", "RECORD_ID_KEY", "RESERVED_KEYS", "SOURCE_FILE_KEY", "SOURCE_KEY",
           "Document", "SourceError", "clean_document", "day_of", "error_record", "record_key"]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SourceError:
    """Something in a source that could not be read; the source goes on (or ends) after it."""

    source: str
    record_id: Union[str, int, None]
    kind: str  # "truncated", "json", "field", "too-large", "read"
    message: str

    def as_document(self, rel: str = "") -> Document:
        """The failed document the batch engine reports for it."""
        return Document(source=self.source, record_id=self.record_id, rel=rel,
                        error=(self.kind, self.message))


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
    return output_record(doc, _clean(doc, doc.raw, **clean_kwargs), explain=explain)
