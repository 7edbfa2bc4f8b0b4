"""The batch engine behind the `clean` command: sources x clean x sink.

A job streams *documents* (`Task`: a source id, raw bytes or a path to read, url, extra fields)
through `process_document` (a pure, picklable top-level function: read -> clean -> filter ->
render) on a *runner* (`LocalRunner`: a process pool with a bounded in-flight window and a
per-document hard time limit) into a *sink* (`MirrorSink`: one file per input; `JsonlFileSink`:
one JSONL file; `StreamSink`: stdout). `run_job` glues them together, keeps the input order,
skips documents already done (`--resume`) and tallies a `Summary`.

Other inputs (archives, JSONL, ...) only need to yield `Task`s; other runners (e.g. a cluster)
only need `map_ordered(options, tasks) -> Iterator[Outcome]`. Nothing here is imported by the
core library.
"""
from __future__ import annotations

import collections
import dataclasses
import errno
import gzip
import json
import os
import re
import stat
import tempfile
import time
import zlib
from typing import Callable, Deque, Dict, Iterable, Iterator, List, Optional, Set, Tuple, Union

from . import limits
from .api import clean
from .errors import CleanerError, DecodeError, InputError

FORMATS = ("txt", "json", "jsonl", "md")
JSONL_NAME = "cleaned.jsonl"
TEMP_SUFFIX = ".clean-tmp"  # atomic-write temp files: ".<name>.<random>.clean-tmp"
_TEMP_RE = re.compile(r"^\..+\.clean-tmp$")

HTML_EXTS = (".html", ".htm", ".xhtml", ".shtml")
TEXT_EXTS = (".txt",)
# Files under an input directory with these extensions are assets, not pages: skipped (and
# counted). Any other file -- .html, .txt, no extension, an unknown suffix such as a host name --
# is read; its content is sniffed unless the extension says html or text. Files named on the
# command line are always read.
NON_PAGE_EXTS = frozenset(
    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .avif .heic "
    ".mp3 .mp4 .m4a .wav .ogg .oga .webm .avi .mov .mkv .flac "
    ".woff .woff2 .ttf .otf .eot .css .js .mjs .map .wasm .json "
    ".zip .tar .tgz .bz2 .xz .7z .rar .zst "
    ".pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .epub "
    ".exe .dll .so .bin .dmg .iso .jar .class .pyc .o .a".split()
)

GZIP_MAGIC = b"\x1f\x8b"
_READ_CHUNK = 1 << 20

# Test-only fault injection (see tests/test_cli_faults.py): CLEANER_TEST_FAULT="crash:NAME,hang:NAME"
# makes the worker process die (os._exit) or hang when it gets the input whose file name is NAME.
TEST_FAULT_ENV = "CLEANER_TEST_FAULT"


# --------------------------------------------------------------------------------------------
# Documents, options, outcomes
# --------------------------------------------------------------------------------------------


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

    @property
    def filtering(self) -> bool:
        return bool(self.langs) or self.min_words > 0


@dataclasses.dataclass
class Task:
    """One document of a job. Either `path` (read by the worker) or `raw` is set."""

    source: str  # id shown in reports and in the `source` field (the input path)
    rel: str = ""  # output path relative to OUTDIR, without the format extension
    path: Optional[str] = None
    raw: Optional[Union[str, bytes]] = None
    url: Optional[str] = None
    input_format: str = "auto"  # hint from the file extension, used when Options says auto
    extra: Dict[str, object] = dataclasses.field(default_factory=dict)  # copied into json output
    error: Optional[Tuple[str, str]] = None  # (kind, message) already known: not processed
    date: Optional[str] = None  # fallback date (YYYY-MM-DD) when the page itself gives none


@dataclasses.dataclass
class Outcome:
    """What happened to one document."""

    source: str
    status: str  # "cleaned" | "empty" | "filtered" | "failed"
    output: bytes = b""  # rendered output for the job's format
    bytes_in: int = 0
    kind: str = ""  # failed: error kind; filtered: "lang" or "min-words"
    message: str = ""
    removed: List[Tuple[str, str]] = dataclasses.field(default_factory=list)  # (line, reason)
    written: bool = False  # `output` goes to the sink (cleaned; empty unless a filter is on)


def failed(source: str, kind: str, message: str, bytes_in: int = 0) -> Outcome:
    return Outcome(source, "failed", kind=kind, message=message, bytes_in=bytes_in)


# --------------------------------------------------------------------------------------------
# The per-document work (runs in a worker process)
# --------------------------------------------------------------------------------------------


def process_document(task: Task, options: Options) -> Outcome:
    """Read, clean, filter and render one document. Never raises: failures are Outcomes."""
    _test_fault_hook(task)
    try:
        raw = task.raw if task.raw is not None else read_document(task.path, options.max_bytes)
    except CleanerError as e:
        return failed(task.source, e.kind, str(e))
    except OSError as e:
        return failed(task.source, "read", _os_message(e))
    fmt = options.input_format if options.input_format != "auto" else task.input_format
    try:
        result = clean(raw, url=task.url, input_format=fmt, timeout=options.timeout,
                       max_bytes=options.max_bytes)
    except CleanerError as e:
        return failed(task.source, e.kind, str(e), len(raw))
    except Exception as e:  # a bug in the pipeline must not stop the batch
        return failed(task.source, "internal", f"{type(e).__name__}: {e}", len(raw))
    result.fill_date(task.date, "archive")
    outcome = Outcome(task.source, "cleaned", bytes_in=len(raw), removed=list(result.removed))
    if not result.text.strip():
        outcome.status = "empty"
    else:
        reason = filter_reason(result, options)
        if reason:
            outcome.status, (outcome.kind, outcome.message) = "filtered", reason
    outcome.written = outcome.status == "cleaned" or (outcome.status == "empty" and not options.filtering)
    if outcome.written:
        outcome.output = encode_output(render(result, task, options), options.format)
    return outcome


def encode_output(text: str, fmt: str) -> bytes:
    """UTF-8 bytes; undecodable file names (lone surrogates) stay JSON escapes in json/jsonl."""
    if fmt in ("json", "jsonl"):
        return text.encode("utf-8", "backslashreplace")
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def filter_reason(result, options: Options) -> Optional[Tuple[str, str]]:
    """(kind, message) when --lang / --min-words drop this result, else None."""
    if options.langs:
        lang = (result.language or "").lower()
        if lang.split("-")[0] not in options.langs and lang not in options.langs:
            return "lang", f"language {result.language or 'unknown'} not in {','.join(options.langs)}"
    if options.min_words and result.word_count < options.min_words:
        return "min-words", f"{result.word_count} words < {options.min_words}"
    return None


def render(result, task: Task, options: Options) -> str:
    """The output of one document in the job's format."""
    if options.format in ("json", "jsonl"):
        record = {"source": task.source, **task.extra, **result.to_dict(explain=options.explain)}
        if options.format == "jsonl":
            return json.dumps(record, ensure_ascii=False) + "\n"
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    body = result.text.strip()
    if options.format == "md":
        return render_markdown(result, body)
    return body + "\n" if body else ""


def render_markdown(result, body: str) -> str:
    parts = []
    if result.title:
        parts.append("# " + " ".join(result.title.split()))
    meta = [m for m in (result.site, result.date, ", ".join(result.authors)) if m]
    if meta:
        parts.append("*" + " · ".join(meta) + "*")
    if result.url:
        parts.append(f"<{result.url}>")
    if body:
        parts.append(body)
    return "\n\n".join(parts) + "\n" if parts else ""


def read_document(path: str, max_bytes: Optional[int]) -> bytes:
    """The bytes of one input file, gunzipped when it is gzip, never more than `max_bytes`."""
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not a regular file")
        if max_bytes is not None and st.st_size > max_bytes and f.read(2) != GZIP_MAGIC:
            raise InputError(f"file is {_size(st.st_size)}, over the {_size(max_bytes)} limit (--max-bytes)")
        f.seek(0)
        return read_stream(f, max_bytes)


def read_stream(f, max_bytes: Optional[int]) -> bytes:
    """Read a binary stream (file, stdin), gunzipping gzip data, never more than `max_bytes`."""
    head = f.read(2)
    if head == GZIP_MAGIC:
        return inflate_gzip(_Prefixed(head, f), max_bytes)
    data = head + (f.read() if max_bytes is None else f.read(max(0, max_bytes + 1 - len(head))))
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"input is over the {_size(max_bytes)} limit (--max-bytes)")
    return data


class _Prefixed:
    """A read-only stream: `head` bytes already read, then the rest of `f` (stdin cannot seek)."""

    def __init__(self, head: bytes, f):
        self.head, self.f = head, f

    def read(self, n: int = -1) -> bytes:
        if not self.head:
            return self.f.read(n)
        if n is None or n < 0:
            data, self.head = self.head + self.f.read(), b""
            return data
        data, self.head = self.head[:n], self.head[n:]
        return data + (self.f.read(n - len(data)) if n > len(data) else b"")


def stdin_task(stream, max_bytes: Optional[int]) -> Task:
    """The document read from standard input (`-`)."""
    try:
        return Task(source="<stdin>", rel="stdin", raw=read_stream(stream, max_bytes))
    except CleanerError as e:
        return Task(source="<stdin>", rel="stdin", error=(e.kind, str(e)))
    except OSError as e:
        return Task(source="<stdin>", rel="stdin", error=("read", _os_message(e)))


def inflate_gzip(f, max_bytes: Optional[int]) -> bytes:
    """Decompress a gzip stream, refusing to inflate past `max_bytes` (gzip bombs)."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=f, mode="rb") as gz:
            while True:
                want = _READ_CHUNK if max_bytes is None else min(_READ_CHUNK, max_bytes + 1 - len(out))
                chunk = gz.read(want)
                if not chunk:
                    return bytes(out)
                out += chunk
                if max_bytes is not None and len(out) > max_bytes:
                    raise InputError(f"gzip data inflates past the {_size(max_bytes)} limit (--max-bytes)")
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise DecodeError(f"truncated or corrupt gzip data ({e or type(e).__name__})") from None


def _test_fault_hook(task: Task) -> None:
    """TEST-ONLY: simulate a worker that dies or hangs on one page (CLEANER_TEST_FAULT)."""
    spec = os.environ.get(TEST_FAULT_ENV)
    if not spec or not task.path:
        return
    name = os.path.basename(task.path)
    for item in spec.split(","):
        action, _, target = item.partition(":")
        if target == name and action == "crash":
            os._exit(70)
        if target == name and action == "hang":
            while True:
                time.sleep(1)


# --------------------------------------------------------------------------------------------
# Sources: walking files and directories
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class WalkStats:
    skipped_assets: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    skipped_special: int = 0  # fifos, sockets, devices
    skipped_loops: int = 0  # directories reached twice through symlinks


def page_extension(name: str) -> str:
    """The extension that says what a file is: 'x.html.gz' -> '.html', 'x' -> ''."""
    base = name[:-3] if name.lower().endswith(".gz") else name
    return os.path.splitext(base)[1].lower()


def format_hint(name: str) -> str:
    ext = page_extension(name)
    return "html" if ext in HTML_EXTS else "text" if ext in TEXT_EXTS else "auto"


def output_stem(name: str) -> str:
    """'page.html' -> 'page', 'page.txt.gz' -> 'page', 'example.com' -> 'example.com'."""
    base = name[:-3] if name.lower().endswith(".gz") else name
    stem, ext = os.path.splitext(base)
    return stem if ext.lower() in HTML_EXTS + TEXT_EXTS and stem else base


def output_stems(files: List[str], dirs: Iterable[str] = ()) -> Dict[str, str]:
    """Output stems for sibling files, made unique: 'a.html' and 'a.txt' -> 'a.html', 'a.txt'."""
    stems = {name: output_stem(name) for name in files}
    counts = collections.Counter(stems.values())
    taken = set(dirs)
    for name in files:
        if counts[stems[name]] > 1 or stems[name] in taken:
            stems[name] = name
    seen: Set[str] = set(taken)
    for name in files:  # pathological leftovers ('a', 'a.txt', 'a.txt.html'): number them
        stem, n = stems[name], 1
        while stems[name] in seen:
            n += 1
            stems[name] = f"{stem}~{n}"
        seen.add(stems[name])
    return stems


RecordExpander = Callable[[str, str], Optional[Iterator[Task]]]


def iter_tasks(inputs: List[str], *, exclude: Iterable[str] = (), stats: Optional[WalkStats] = None,
               stdin: Callable[[], Task] = lambda: Task(source="<stdin>", rel="stdin", raw=b""),
               records: Optional[RecordExpander] = None) -> Iterator[Task]:
    """Every document under `inputs` (files, directories, '-'), in sorted walk order.

    Hidden files and directories, and paths in `exclude` (real paths), are skipped. Directory
    symlinks are followed, each directory once. Each input contributes its base name to the
    output tree: `clean a -o OUT` writes a/b/page.html to OUT/a/b/page.txt.

    `records(path, rel)` may turn a file holding many documents (an archive, JSONL) into its
    Tasks; when it returns None the file is one page.
    """
    stats = stats if stats is not None else WalkStats()
    excluded = {os.path.realpath(p) for p in exclude}
    excluded_names = {os.path.basename(p) for p in excluded}
    visited: Set[Tuple[int, int]] = set()
    names = [p for p in inputs if p != "-"]
    top = output_stems([input_basename(p) for p in names if not os.path.isdir(p)],
                       [input_basename(p) for p in names if os.path.isdir(p)])
    for arg in inputs:
        if arg == "-":
            yield stdin()
        elif os.path.isdir(arg):
            yield from _walk_dir(arg, input_basename(arg), (excluded, excluded_names), visited, stats,
                                 records)
        else:
            name = input_basename(arg)
            yield from _file_tasks(arg, name, top[name], records)


def _file_tasks(path: str, name: str, rel: str, records: Optional[RecordExpander]) -> Iterator[Task]:
    expanded = records(path, rel) if records is not None else None
    if expanded is not None:
        yield from expanded
    else:
        yield Task(source=path, rel=rel, path=path, input_format=format_hint(name))


def input_basename(path: str) -> str:
    return os.path.basename(os.path.abspath(path)) or "root"


def _walk_dir(path: str, rel: str, exclusions: Tuple[Set[str], Set[str]],
              visited: Set[Tuple[int, int]], stats: WalkStats,
              records: Optional[RecordExpander]) -> Iterator[Task]:
    excluded, excluded_names = exclusions
    try:
        st = os.stat(path)
        if (st.st_dev, st.st_ino) in visited:
            stats.skipped_loops += 1
            return
        visited.add((st.st_dev, st.st_ino))
        with os.scandir(path) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        yield Task(source=path, error=("read", "cannot list directory: " + _os_message(e)))
        return
    kinds: List[Tuple[str, os.DirEntry]] = []  # ("dir" | "file" | "broken", entry), name order
    for e in entries:
        if e.name in excluded_names and os.path.realpath(e.path) in excluded:
            continue
        try:
            if e.is_dir():
                kinds.append(("dir", e))
            elif e.is_file():
                if page_extension(e.name) in NON_PAGE_EXTS:
                    stats.skipped_assets[page_extension(e.name)] += 1
                else:
                    kinds.append(("file", e))
            elif e.is_symlink():
                kinds.append(("broken", e))
            else:
                stats.skipped_special += 1
        except OSError:
            kinds.append(("broken", e))
    stems = output_stems([e.name for k, e in kinds if k == "file"], [e.name for k, e in kinds if k == "dir"])
    for kind, e in kinds:
        if kind == "dir":
            yield from _walk_dir(e.path, f"{rel}/{e.name}", exclusions, visited, stats, records)
        elif kind == "broken":
            yield Task(source=e.path, error=("read", "broken symbolic link (target missing or a loop)"))
        else:
            yield from _file_tasks(e.path, e.name, f"{rel}/{stems[e.name]}", records)


# --------------------------------------------------------------------------------------------
# Sinks
# --------------------------------------------------------------------------------------------


class OutputError(Exception):
    """Writing an output failed (disk full, no permission): the run cannot go on."""


def write_atomic(path: str, data: bytes, mode: int = 0o644) -> None:
    """Write `data` to `path` through a temporary file in the same directory and a rename."""
    directory, name = os.path.split(path)
    os.makedirs(directory or ".", exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory or ".", prefix=f".{name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            _write_all(f, data, path)
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _write_all(f, data: bytes, path: str) -> None:
    """Write output bytes meant for `path` (the one seam fault-injection tests patch)."""
    f.write(data)


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def remove_stale_temp_files(outdir: str) -> int:
    """Delete temporary files left by a killed run (our naming pattern only)."""
    removed = 0
    for root, _dirs, files in os.walk(outdir):
        for name in files:
            if _TEMP_RE.match(name):
                _unlink_quietly(os.path.join(root, name))
                removed += 1
    return removed


def file_mode() -> int:
    """Mode for new output files: 0o666 minus the umask (what open() would give)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class MirrorSink:
    """One output file per input under OUTDIR, mirroring the input tree."""

    def __init__(self, outdir: str, fmt: str):
        self.outdir, self.ext = outdir, "." + fmt
        self.mode = file_mode()

    def path_for(self, task: Task) -> str:
        return os.path.join(self.outdir, task.rel + self.ext)

    def existing(self, task: Task) -> Optional[str]:
        """The output path when it already exists (checked before a run without --resume)."""
        path = self.path_for(task)
        return path if task.error is None and os.path.lexists(path) else None

    def open(self, resume: bool) -> None:
        os.makedirs(self.outdir, exist_ok=True)
        remove_stale_temp_files(self.outdir)

    def is_done(self, task: Task) -> bool:
        """--resume: the output exists and is at least as new as the input."""
        if task.path is None or task.error is not None:
            return False
        try:
            return os.stat(self.path_for(task)).st_mtime_ns >= os.stat(task.path).st_mtime_ns
        except OSError:
            return False

    def write(self, task: Task, outcome: Outcome) -> int:
        path = self.path_for(task)
        try:
            write_atomic(path, outcome.output, self.mode)
        except OSError as e:
            raise OutputError(f"cannot write {path}: {_os_message(e)}") from e
        return len(outcome.output)

    def close(self, complete: bool) -> Optional[str]:
        return None


class JsonlFileSink:
    """All documents as JSON lines in OUTDIR/cleaned.jsonl.

    Records go to OUTDIR/.cleaned.jsonl.partial in input order; a finished run renames it to
    cleaned.jsonl. --resume keeps the complete records of a partial (or finished) file, skips
    their sources and appends the rest, so a killed-and-resumed run ends with the same file.
    """

    def __init__(self, outdir: str):
        self.outdir = outdir
        self.path = os.path.join(outdir, JSONL_NAME)
        self.partial = os.path.join(outdir, "." + JSONL_NAME + ".partial")
        self.done: Set[str] = set()
        self.file = None

    def existing(self, task: Task) -> Optional[str]:
        return next((p for p in (self.path, self.partial) if os.path.lexists(p)), None)

    def open(self, resume: bool) -> None:
        os.makedirs(self.outdir, exist_ok=True)
        remove_stale_temp_files(self.outdir)
        try:
            if resume and not os.path.exists(self.partial) and os.path.exists(self.path):
                os.replace(self.path, self.partial)
            if resume and os.path.exists(self.partial):
                self.done = _complete_jsonl_sources(self.partial)
                self.file = open(self.partial, "ab")
            else:
                self.file = open(self.partial, "wb")
        except OSError as e:
            raise OutputError(f"cannot write {self.partial}: {_os_message(e)}") from e

    def is_done(self, task: Task) -> bool:
        return task.source in self.done

    def write(self, task: Task, outcome: Outcome) -> int:
        try:
            _write_all(self.file, outcome.output, self.path)
        except OSError as e:
            raise OutputError(f"cannot write {self.partial}: {_os_message(e)}") from e
        return len(outcome.output)

    def close(self, complete: bool) -> Optional[str]:
        """Finish the file; returns a hint for the user when the run did not complete."""
        if self.file is None:
            return None
        try:
            self.file.close()
            if complete:
                os.replace(self.partial, self.path)
                return None
        except OSError as e:
            _truncate_to_complete_lines(self.partial)
            raise OutputError(f"cannot write {self.partial}: {_os_message(e)}") from e
        return f"records so far are in {self.partial}"


def _complete_jsonl_sources(path: str) -> Set[str]:
    """Sources of the complete records in a partial JSONL file (a torn last line is cut off)."""
    end = _truncate_to_complete_lines(path)
    done = set()
    with open(path, "rb") as f:
        for line in f:
            if f.tell() > end:
                break
            try:
                done.add(json.loads(line)["source"])
            except (ValueError, KeyError, TypeError):
                continue
    return done


def _truncate_to_complete_lines(path: str) -> int:
    """Cut a partial JSONL file after its last newline; returns the new size."""
    with open(path, "rb+") as f:
        size = f.seek(0, os.SEEK_END)
        pos = size
        while pos > 0:
            step = min(_READ_CHUNK, pos)
            f.seek(pos - step)
            block = f.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                end = pos - step + nl + 1
                break
            pos -= step
        else:
            end = 0
        if end != size:
            f.truncate(end)
        return end


class StreamSink:
    """Everything to one stream (stdout): txt/md bodies, pretty json objects or json lines.

    With several documents, txt and md get a '==> source <==' header line per document.
    """

    def __init__(self, stream, fmt: str, headers: bool):
        self.stream, self.headers = stream, headers and fmt in ("txt", "md")
        self.count = 0

    def existing(self, task: Task) -> Optional[str]:
        return None

    def open(self, resume: bool) -> None:
        pass

    def is_done(self, task: Task) -> bool:
        return False

    def write(self, task: Task, outcome: Outcome) -> int:
        data = outcome.output
        if self.headers:
            sep = b"\n" if self.count else b""
            data = sep + f"==> {show_path(task.source)} <==\n".encode("utf-8") + data
        self.count += 1
        self.stream.write(data)
        return len(outcome.output)

    def close(self, complete: bool) -> Optional[str]:
        self.stream.flush()
        return None


# --------------------------------------------------------------------------------------------
# Runner: a process pool that keeps input order and survives hangs and dying workers
# --------------------------------------------------------------------------------------------


class _Ready:
    """A future-like for an outcome known without running anything."""

    def __init__(self, outcome: Outcome):
        self.outcome = outcome

    def result(self):
        return self.outcome


class LocalRunner:
    """Runs `process_document` on `jobs` worker processes (pebble), results in input order.

    At most `window` documents are in flight. A document that runs past `timeout` (plus grace, for
    when clean()'s own limit cannot fire) gets its worker killed and fails with kind 'timeout'; a worker that dies fails its document with kind
    'crash'. The pool replaces the worker and the run goes on.
    """

    def __init__(self, jobs: int, timeout: Optional[float], window: Optional[int] = None,
                 max_tasks_per_worker: int = 2000):
        from pebble import ProcessPool

        self.jobs, self.timeout, self.hard_timeout = jobs, timeout, hard_timeout(timeout)
        self.window = window or max(8, 4 * jobs)
        self.pool = ProcessPool(max_workers=jobs, max_tasks=max_tasks_per_worker,
                                context=_mp_context())

    def map_ordered(self, options: Options, tasks: Iterable[Task]) -> Iterator[Tuple[Task, Outcome]]:
        pending: Deque[Tuple[Task, object]] = collections.deque()
        for task in tasks:
            if task.error is not None:
                pending.append((task, _Ready(failed(task.source, *task.error))))
            else:
                future = self.pool.schedule(process_document, (task, options), timeout=self.hard_timeout)
                pending.append((task, future))
            while len(pending) >= self.window:
                yield self._next(pending)
        while pending:
            yield self._next(pending)

    def _next(self, pending) -> Tuple[Task, Outcome]:
        task, future = pending.popleft()
        return task, self._outcome(task, future)

    def _outcome(self, task: Task, future) -> Outcome:
        from pebble import ProcessExpired

        try:
            return future.result()
        except TimeoutError:
            return failed(task.source, "timeout", f"cleaning took longer than the {self.timeout:g} s "
                          "limit (--timeout); the worker was stopped")
        except ProcessExpired as e:
            return failed(task.source, "crash", f"the worker process died while cleaning this page "
                          f"({_exit_description(e.exitcode)})")
        except Exception as e:  # e.g. a task that cannot be pickled
            return failed(task.source, "internal", f"{type(e).__name__}: {e}")

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def stop(self) -> None:
        """Stop now: running documents are abandoned, workers are terminated."""
        self.pool.stop()
        self.pool.join(timeout=10)


class InlineRunner:
    """Runs documents in this process: for a single page (`clean page.html`), where starting a
    pool would cost more than the page. The time limit is clean()'s own; a crash is the run's."""

    def map_ordered(self, options: Options, tasks: Iterable[Task]) -> Iterator[Tuple[Task, Outcome]]:
        for task in tasks:
            if task.error is not None:
                yield task, failed(task.source, *task.error)
            else:
                yield task, process_document(task, options)

    def close(self) -> None:
        pass

    def stop(self) -> None:
        pass


def _mp_context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:  # no fork of a threaded parent; workers start fast
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["cleaner.batch", "cleaner.batch_warmup"])
        return ctx
    return multiprocessing.get_context("spawn")


def _exit_description(code) -> str:
    import signal

    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = ", out of memory?" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit status {code}"


def hard_timeout(timeout: Optional[float]) -> Optional[float]:
    """When the runner kills a worker: the soft limit inside clean() plus some grace."""
    if timeout is None:
        return None
    return timeout + min(5.0, max(1.0, timeout))


# --------------------------------------------------------------------------------------------
# The job
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Summary:
    seen: int = 0
    cleaned: int = 0
    empty: int = 0
    filtered: int = 0
    failed: int = 0
    already_done: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    filtered_list: List[Tuple[str, str]] = dataclasses.field(default_factory=list)
    started: float = dataclasses.field(default_factory=time.monotonic)
    wall: float = 0.0
    interrupted: bool = False
    fatal: Optional[str] = None  # an output error that stopped the run
    hint: Optional[str] = None
    walk: WalkStats = dataclasses.field(default_factory=WalkStats)

    FILTERED_LISTED = 20

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.bytes_in += outcome.bytes_in
        self.removed.update(reason for _line, reason in outcome.removed)
        if outcome.status == "filtered" and len(self.filtered_list) < self.FILTERED_LISTED:
            self.filtered_list.append((outcome.source, outcome.message))

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed or self.fatal else 0


def run_job(tasks: Iterable[Task], options: Options, sink, runner, *, resume: bool = False,
            on_outcome: Callable[[Task, Outcome], None] = lambda t, o: None,
            on_skip: Callable[[Task], None] = lambda t: None,
            summary: Optional[Summary] = None) -> Summary:
    """Clean every task into `sink` on `runner`; never raises for a document or a Ctrl-C.

    An output error (disk full, permission) stops the run: `summary.fatal` says why.
    """
    summary = summary or Summary()

    def todo() -> Iterator[Task]:
        for task in tasks:
            summary.seen += 1
            if resume and sink.is_done(task):
                summary.already_done += 1
                on_skip(task)
                continue
            yield task

    complete = False
    try:
        sink.open(resume)
        for task, outcome in runner.map_ordered(options, todo()):
            if outcome.written:
                summary.bytes_out += sink.write(task, outcome)
            summary.add(outcome)
            on_outcome(task, outcome)
        complete = True
        runner.close()
    except KeyboardInterrupt:
        summary.interrupted = True
        runner.stop()
    except OutputError as e:
        summary.fatal = str(e)
        runner.stop()
    except BaseException:
        runner.stop()
        raise
    finally:
        try:
            summary.hint = sink.close(complete)
        except OutputError as e:
            summary.fatal = summary.fatal or str(e)
        summary.wall = time.monotonic() - summary.started
    return summary


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _os_message(e: OSError) -> str:
    text = e.strerror or str(e)
    if e.errno == errno.ENOSPC:
        text += " (the output disk is full)"
    return text


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"  # unreachable


def human_size(n: float) -> str:
    return _size(n)


def show_path(path: str) -> str:
    """A path safe to print on one line (control characters and undecodable bytes escaped)."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return json.dumps(text, ensure_ascii=False)
    return text
