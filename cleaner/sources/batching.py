"""Record sources in the `clean` batch engine: each archive or JSONL record as a `Document` of
the job, with its place in a mirrored output tree."""
from __future__ import annotations

import dataclasses
from typing import Iterator, Optional

from ..batch import Document
from .model import SourceError
from .registry import is_record_source, iter_documents


class RecordExpander:
    """`batch.iter_inputs(records=...)`: turns an archive or JSONL input into its records.

    Returns None for any other file (a page, cleaned as usual).
    """

    def __init__(self, *, text_field: Optional[str] = None, url_field: str = "url",
                 max_bytes: Optional[int] = None):
        self.options = {"text_field": text_field, "url_field": url_field, "max_bytes": max_bytes}

    def __call__(self, path: str, rel: str) -> Optional[Iterator[Document]]:
        return record_documents(path, rel, **self.options) if is_record_source(path) else None


def record_documents(path: str, rel: str, **options) -> Iterator[Document]:
    """The Documents of one archive or JSONL file, in file order; unreadable stretches become
    failed Documents. `rel` is the file's place in a mirrored output tree: record N goes to
    `rel/N`."""
    try:
        items = iter_documents(path, **options)
    except ImportError as e:  # a WARC without the warc extra installed
        yield Document(source=path, rel=rel, error=("input", str(e)), fields=None)
        return
    for n, item in enumerate(items, start=1):
        if isinstance(item, SourceError):
            yield item.as_document(f"{rel}/{n:06d}")
        else:
            yield dataclasses.replace(item, rel=f"{rel}/{n:06d}")
