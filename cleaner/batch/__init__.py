"""The batch engine behind the `clean` command: inputs x clean x sink.

A job walks its inputs into `Document`s (`walk`: files, trees, stdin; `cleaner.sources` adds
archive and JSONL records), cleans each with `process_document` (`work`: read -> clean -> filter
-> render, a pure picklable function) on a `Runner` (`runners`: a local process pool, this
process, or a Dask cluster) and writes the outcomes, in input order, through a `Sink` (`sinks`:
a mirrored tree, one JSONL file, a stream). `run_job` (`job`) glues them together, skips what is
already done (--resume) and tallies a `Summary`. Nothing here is imported by the core library.
"""
from __future__ import annotations

from .job import EXIT_FAILED, EXIT_INTERRUPTED, Summary, run_job
from .model import (COLLISION_PREFIX, FORMATS, RECORD_ID_KEY, RESERVED_KEYS, SOURCE_FILE_KEY, SOURCE_KEY,
                    Document, Options, Outcome, error_record, failed, human_size, os_message,
                    output_record, record_key, report_line, show_path, unread)
from .runners import InlineRunner, LocalRunner, Runner, hard_timeout
from .sinks import (JSONL_NAME, TEMP_SUFFIX, ErrorReport, JsonlSink, MirrorSink, OutputError, Sink,
                    StreamSink, is_jsonl_output, remove_stale_temp_files, write_atomic)
from .walk import (WalkStats, format_hint, input_basename, iter_inputs, output_stem, output_stems,
                   page_extension)
from .work import (TruncatedInput, check_intact, clean_document, open_input, process_document,
                   read_document, read_stream, stdin_document)

__all__ = [
    "COLLISION_PREFIX", "EXIT_FAILED", "EXIT_INTERRUPTED", "FORMATS", "JSONL_NAME", "RECORD_ID_KEY",
    "RESERVED_KEYS", "SOURCE_FILE_KEY", "SOURCE_KEY", "TEMP_SUFFIX",
    "Document", "ErrorReport", "InlineRunner", "JsonlSink", "LocalRunner", "MirrorSink", "Options",
    "OutputError", "Outcome", "Runner", "Sink", "StreamSink", "Summary", "TruncatedInput", "WalkStats",
    "check_intact", "clean_document", "error_record", "failed", "format_hint", "hard_timeout",
    "human_size", "input_basename", "is_jsonl_output", "iter_inputs", "open_input", "os_message",
    "output_record", "output_stem", "output_stems", "page_extension", "process_document",
    "read_document", "read_stream", "record_key", "remove_stale_temp_files", "report_line", "run_job",
    "show_path", "stdin_document", "unread", "write_atomic",
]
