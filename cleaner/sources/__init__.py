"""Record sources: crawl archives (WARC, WARC.gz, Common Crawl WET) and JSONL files.

Each reader streams one file and yields, in file order, a `Document` per page to clean or a
`SourceError` for what could not be read (a truncated archive, a bad JSON line, ...). A
`SourceError` never stops the run: whatever came before it has already been yielded.

    from cleaner.sources import clean_records
    for record in clean_records("crawl.warc.gz"):
        print(record["record_id"], record.get("title") or record.get("error"))

This package is optional: the core (`cleaner.clean`) never imports it. WARC reading needs the
`warc` extra (`pip install '.[warc]'` in a checkout); JSONL needs nothing more.
"""
from __future__ import annotations

from .model import Document, SourceError, clean_document, error_record
from .registry import RECORD_SUFFIXES, clean_records, is_record_source, iter_documents

__all__ = [
    "Document",
    "SourceError",
    "RECORD_SUFFIXES",
    "clean_document",
    "clean_records",
    "error_record",
    "is_record_source",
    "iter_documents",
]
