"""What flows through a batch job: `Options` (what to do), `Document` (one page, from any source),
`Outcome` (what happened to it), and the shapes of output and error records."""
from __future__ import annotations

import dataclasses
import errno
import json
from typing import Any, Dict, List, Optional, Tuple, Union

from .. import limits
from ..result import CleanResult

FORMATS = ("txt", "json", "jsonl", "md")

# Keys every output record of a record source (archive, JSONL) starts with, ahead of the
# cleaner's own fields.
SOURCE_KEY = "source"
SOURCE_FILE_KEY = "source_file"
RECORD_ID_KEY = "record_id"
# An input field whose name an output uses is kept, unchanged, under this prefix.
COLLISION_PREFIX = "input_"
RESERVED_KEYS = frozenset([SOURCE_KEY] + [f.name for f in dataclasses.fields(CleanResult)])


@dataclasses.dataclass(frozen=True)
class Options:
    """What to do with every document (picklable, shipped to the workers)."""

    format: str = "txt"
    input_format: str = "auto"
    explain: bool = False
    langs: Tuple[str, ...] = ()
    min_words: int = 0
    timeout: Optional[float] = limits.DEFAULT_TIMEOUT
    max_bytes: Optional[int] = limits.DEFAULT_MAX_BYTES
    fast: bool = False  # clean(fast=True): the single-view HTML path (--fast)
    learn: bool = False  # the first pass: send back the page's line keys, do not clean (batch/sites.py)

    @property
    def filtering(self) -> bool:
        return bool(self.langs) or self.min_words > 0


@dataclasses.dataclass(frozen=True)
class Document:
    """One page to clean, from any source: a file of a tree, standard input, or a record of an
    archive or JSONL file (picklable: it crosses process pools and clusters).

    Either `raw` (the page) or `path` (a file the worker reads) is set, unless `error` says the
    page could not be read at all.
    """

    raw: Union[str, bytes, None] = None
    source: str = ""  # the input file, as given ("<stdin>" for standard input)
    record_id: Union[str, int, None] = None  # WARC-Record-ID or JSONL line number; None: a page file
    url: Optional[str] = None
    input_format: str = "auto"  # "html"/"text" from the extension or record type; auto: sniffed
    fallback_date: Optional[str] = None  # YYYY-MM-DD used when the page itself gives no date
    # Record sources: input fields passed through to the output (None for a page file: then the
    # output record carries no source_file/record_id either).
    fields: Optional[Dict[str, Any]] = dataclasses.field(default_factory=dict)
    path: Optional[str] = None  # a file to read (page files: read by the worker)
    rel: str = ""  # output path relative to OUTDIR, without the format extension
    error: Optional[Tuple[str, str]] = None  # (kind, message) already known: not cleaned
    template: Optional[Any] = None  # its site's `cleaner.sites.Template` (batch/sites.py), if any

    @property
    def key(self) -> str:
        """The document's `source` in outputs and error reports: FILE, or FILE#RECORD_ID."""
        return record_key(self.source, self.record_id)

    def output_fields(self) -> Dict[str, Any]:
        """What an output record carries besides `source` and the cleaner's fields: for a record,
        the file, the record id and the passthrough fields (renamed `input_<name>` if an output
        uses the name); nothing for a page file."""
        if self.fields is None:
            return {}
        out: Dict[str, Any] = {SOURCE_FILE_KEY: self.source, RECORD_ID_KEY: self.record_id}
        for name, value in self.fields.items():
            out[COLLISION_PREFIX + name if name in out or name in RESERVED_KEYS else name] = value
        return out


def record_key(source: str, record_id) -> str:
    return source if record_id is None else f"{source}#{record_id}"


def output_record(doc: Document, result: CleanResult, explain: bool = False) -> Dict[str, Any]:
    """The JSON record of one cleaned document: source, the document's output fields, then the
    cleaner's fields (`CleanResult.to_dict`)."""
    return {SOURCE_KEY: doc.key, **doc.output_fields(), **result.to_dict(explain=explain)}


def error_record(source: str, record_id, kind: str, message: str) -> Dict[str, Any]:
    """The output-shaped record of a failure in a record source (what `clean_records` yields)."""
    return {SOURCE_KEY: record_key(source, record_id), SOURCE_FILE_KEY: source, RECORD_ID_KEY: record_id,
            "error": {"kind": kind, "message": message}}


def report_line(outcome: "Outcome") -> Optional[str]:
    """The `--errors` report line of a document that failed or was filtered (else None):
    {"path": SOURCE, "kind": KIND, "message": MESSAGE}; kind is "filtered" for a filtered one."""
    if outcome.status not in ("failed", "filtered"):
        return None
    kind = outcome.kind if outcome.status == "failed" else "filtered"
    return json.dumps({"path": outcome.source, "kind": kind, "message": outcome.message},
                      ensure_ascii=False) + "\n"


@dataclasses.dataclass
class Outcome:
    """What happened to one document."""

    source: str  # the document's key
    status: str  # "cleaned" | "empty" | "filtered" | "failed" | "learned" (first pass)
    output: bytes = b""  # rendered output for the job's format
    bytes_in: int = 0
    kind: str = ""  # failed: error kind; filtered: "lang" or "min-words"
    message: str = ""
    removed: List[Tuple[str, str]] = dataclasses.field(default_factory=list)  # (line, reason)
    written: bool = False  # `output` goes to the sink (cleaned; empty unless a filter is on)
    note: str = ""  # a warning about a document that was cleaned (e.g. a .gz that is not gzip)
    keys: bytes = b""  # status "learned" (the first pass): the page's line keys (batch/sites.py)


def failed(source: str, kind: str, message: str, bytes_in: int = 0) -> Outcome:
    return Outcome(source, "failed", kind=kind, message=message, bytes_in=bytes_in)


def unread(doc: Document) -> Outcome:
    """The outcome of a document whose `error` is already known (it is not cleaned)."""
    return failed(doc.key, *doc.error)


# --------------------------------------------------------------------------------------------
# Small text helpers shared by the engine and the command
# --------------------------------------------------------------------------------------------


def os_message(e: OSError) -> str:
    text = e.strerror or str(e)
    if e.errno == errno.ENOSPC:
        text += " (the output disk is full)"
    return text


def human_size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"  # unreachable


def show_path(path: str) -> str:
    """A path safe to print on one line (control characters and undecodable bytes escaped)."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return json.dumps(text, ensure_ascii=False)
    return text
