"""Which reader handles which file, and the one-call library entry point `clean_records`."""
from __future__ import annotations

import os
from collections import Counter
from typing import Any, Dict, Iterator, Optional, Tuple, Union

from ..errors import CleanerError
from ..limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from .jsonl import DEFAULT_URL_FIELD, read_jsonl
from .model import Document, SourceError, clean_document, error_record
from .warc import read_warc

WARC_SUFFIXES: Tuple[str, ...] = (".warc", ".warc.gz", ".wet", ".wet.gz")
JSONL_SUFFIXES: Tuple[str, ...] = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
RECORD_SUFFIXES: Tuple[str, ...] = WARC_SUFFIXES + JSONL_SUFFIXES


def _has_suffix(path, suffixes: Tuple[str, ...]) -> bool:
    return os.fspath(path).lower().endswith(suffixes)


def is_record_source(path) -> bool:
    """True for files read record by record (archives, JSONL) rather than as one page."""
    return _has_suffix(path, RECORD_SUFFIXES)


def iter_documents(
    path,
    *,
    text_field: Optional[str] = None,
    url_field: str = DEFAULT_URL_FIELD,
    input_format: str = "auto",
    max_bytes: Optional[int] = DEFAULT_MAX_BYTES,
    passed_over: Optional[Counter] = None,
) -> Iterator[Union[Document, SourceError]]:
    """Stream the Documents (and SourceErrors) of one archive or JSONL file, in file order.

    `text_field`, `url_field` and `input_format` apply to JSONL; archives fix them per record,
    and count the records that are not pages in `passed_over` (by reason) when it is given.
    """
    if _has_suffix(path, WARC_SUFFIXES):
        return read_warc(path, max_bytes=max_bytes, passed_over=passed_over)
    if _has_suffix(path, JSONL_SUFFIXES):
        return read_jsonl(path, text_field=text_field, url_field=url_field, input_format=input_format,
                          max_bytes=max_bytes)
    raise ValueError(f"{os.fspath(path)}: not an archive or JSONL file (expected {', '.join(RECORD_SUFFIXES)})")


def clean_records(path, *, explain: bool = False, timeout: Optional[float] = DEFAULT_TIMEOUT,
                  max_bytes: Optional[int] = DEFAULT_MAX_BYTES, **source_options) -> Iterator[Dict[str, Any]]:
    """Clean every page of an archive or JSONL file, in order, in this process.

    Yields one output record per page (see `clean_document`) and one `{"source", "record_id",
    "error": {"kind", "message"}}` record per page or stretch of file that failed.
    """
    clean_kwargs = {"timeout": timeout, "max_bytes": max_bytes}
    for item in iter_documents(path, max_bytes=max_bytes, **source_options):
        yield _record_of(item, explain, clean_kwargs)


def _record_of(item, explain: bool, clean_kwargs) -> Dict[str, Any]:
    if isinstance(item, SourceError):
        return error_record(item.source, item.record_id, item.kind, item.message)
    try:
        return clean_document(item, explain=explain, **clean_kwargs)
    except CleanerError as exc:
        return error_record(item.source, item.record_id, exc.kind, str(exc))
