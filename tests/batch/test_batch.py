"""The batch engine's parts, in process (fast): naming, walking, bounded reading, atomic writes."""
from __future__ import annotations

import gzip
import io
import os
import signal

import pytest

from support import interrupted_mkstemp

from cleaner import batch
from cleaner.errors import DecodeError, InputError


def test_output_names_depend_only_on_the_input_and_clashes_are_found():
    assert batch.output_stem("page.html") == "page"
    assert batch.output_stem("page.TXT.gz") == "page"
    assert batch.output_stem("www.example.com") == "www.example.com"
    assert batch.output_stem(".html") == ".html"
    claims = batch.OutputClaims()
    assert claims.claim("out/a/p.txt", "a/p.html") is None
    assert claims.claim("out/a/q.txt", "a/q") is None
    assert claims.claim("out/a/p.txt", "a/p.txt") == ("a/p.html", "out/a/p.txt")
    assert claims.claim("out/a/q.txt/x.txt", "a/q.txt/x") == ("a/q", "out/a/q.txt")  # a file, not a dir
    assert claims.claim("out/a/crawl.warc", "a/crawl.warc.gz", is_dir=True) is None
    assert claims.claim("out/a", "a.html") == ("a/p.html", "out/a")  # a file where a directory is


def test_format_hint_from_extension():
    assert batch.format_hint("a.HTML") == "html"
    assert batch.format_hint("a.htm.gz") == "html"
    assert batch.format_hint("a.txt") == "text"
    assert batch.format_hint("a") == "auto"
    assert batch.format_hint("example.org") == "auto"


def _touch(path, data=b"x"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def test_walk_is_sorted_skips_hidden_assets_and_symlink_loops(tmp_path):
    root = tmp_path / "in"
    for rel in ["b.html", "a/z.txt", "a/y", "c.png", ".hidden", ".git/x.html", "a/sub/w.html.gz"]:
        _touch(str(root / rel))
    os.symlink("..", root / "a" / "loop")  # a directory cycle
    os.symlink("missing", root / "dangling.html")
    os.mkfifo(root / "pipe")
    stats = batch.WalkStats()
    tasks = list(batch.iter_inputs([str(root)], stats=stats))
    assert [os.path.relpath(t.source, root) for t in tasks] == [
        "a/sub/w.html.gz", "a/y", "a/z.txt", "b.html", "dangling.html"]
    assert [t.rel for t in tasks[:4]] == ["in/a/sub/w", "in/a/y", "in/a/z", "in/b"]
    assert tasks[-1].error[0] == "read"
    assert stats.skipped_assets == {".png": 1}
    assert stats.skipped_special == 1 and stats.skipped_loops == 1


def test_walk_excludes_paths_and_expands_record_files(tmp_path):
    root = tmp_path / "in"
    _touch(str(root / "a.html"))
    _touch(str(root / "errors.jsonl"))
    _touch(str(root / "many.rec"))

    def records(path, rel):
        if not path.endswith(".rec"):
            return None
        return iter([batch.Document(b"r", path, record_id=i, rel=f"{rel}/{i}") for i in (1, 2)])

    tasks = list(batch.iter_inputs([str(root)], exclude=[str(root / "errors.jsonl")], records=records))
    assert [t.rel for t in tasks] == ["in/a", "in/many.rec/1", "in/many.rec/2"]


def test_read_document_inflates_gzip_within_the_limit(tmp_path):
    path = tmp_path / "p.html.gz"
    path.write_bytes(gzip.compress(b"<p>hello</p>"))
    assert batch.read_document(str(path), 1000) == b"<p>hello</p>"
    bomb = tmp_path / "bomb.gz"
    bomb.write_bytes(gzip.compress(bytes(5_000_000)))  # 5 MB of zeros in ~5 kB
    with pytest.raises(InputError, match="inflates past"):
        batch.read_document(str(bomb), 1_000_000)
    truncated = tmp_path / "cut.gz"
    truncated.write_bytes(gzip.compress(b"some text " * 1000)[:-20])
    with pytest.raises(DecodeError, match="truncated or corrupt gzip"):
        batch.read_document(str(truncated), 1_000_000)


def test_read_document_refuses_large_files(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match="over the 1.0 kB limit"):
        batch.read_document(str(big), 1000)


def test_stdin_document_reads_gzip_and_bounds_size():
    task = batch.stdin_document(io.BytesIO(gzip.compress(b"text on stdin")), 1000)
    assert task.raw == b"text on stdin" and task.error is None
    too_big = batch.stdin_document(io.BytesIO(b"x" * 2000), 1000)
    assert too_big.error[0] == "input"


def test_write_atomic_leaves_nothing_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out" / "a.txt"
    batch.write_atomic(str(target), b"first")

    def failing(f, data, path):
        f.write(data[:2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch.sinks, "_write_all", failing)
    with pytest.raises(OSError):
        batch.write_atomic(str(target), b"second version")
    assert os.listdir(tmp_path / "out") == ["a.txt"]
    assert target.read_bytes() == b"first"


def test_write_atomic_interrupted_inside_mkstemp_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "out" / "a.txt"
    batch.write_atomic(str(target), b"first")
    made: list = []
    monkeypatch.setattr(batch.sinks, "tempfile", interrupted_mkstemp(".a.txt.", made))
    with pytest.raises(KeyboardInterrupt):
        batch.write_atomic(str(target), b"second version")
    assert len(made) == 1 and made[0].endswith(".clean-tmp")  # the temp file was made, then the stop
    assert os.listdir(tmp_path / "out") == ["a.txt"]
    assert target.read_bytes() == b"first"


def test_mirror_sink_close_removes_the_temp_file_of_a_write_cut_short(tmp_path, monkeypatch):
    """A second Ctrl-C that cuts write_atomic's own cleanup short: closing the stopped run's sink
    removes the temp file; finished outputs stay."""
    sink = batch.MirrorSink(str(tmp_path / "out"), "txt")
    sink.open(resume=False)
    sink.write(batch.Document(source="a", rel="a"), batch.Outcome("a", "cleaned", output=b"done\n"))

    def second_interrupt(tmp, directory, prefix):
        raise KeyboardInterrupt

    made: list = []
    monkeypatch.setattr(batch.sinks, "tempfile", interrupted_mkstemp(".b.txt.", made))
    monkeypatch.setattr(batch.sinks, "discard_temp", second_interrupt)
    with pytest.raises(KeyboardInterrupt):
        sink.write(batch.Document(source="b", rel="b"), batch.Outcome("b", "cleaned", output=b"cut\n"))
    assert sorted(os.listdir(tmp_path / "out")) == sorted(["a.txt", os.path.basename(made[0])])
    assert sink.close(complete=False) is None
    assert os.listdir(tmp_path / "out") == ["a.txt"]
    assert (tmp_path / "out" / "a.txt").read_bytes() == b"done\n"


def test_jsonl_resume_interrupted_inside_mkstemp_leaves_the_partial_file_alone(tmp_path, monkeypatch):
    records = gzip.compress(b'{"source": "a"}\n{"source": "b"}\n')
    partial = tmp_path / ".out.jsonl.gz.partial"
    partial.write_bytes(records)
    made: list = []
    monkeypatch.setattr(batch.sinks, "tempfile", interrupted_mkstemp(".", made))  # its one temp file
    with pytest.raises(KeyboardInterrupt):
        batch.JsonlSink(str(tmp_path / "out.jsonl.gz")).open(resume=True)
    assert len(made) == 1
    assert os.listdir(tmp_path) == [partial.name] and partial.read_bytes() == records


def test_stale_temp_files_are_removed(tmp_path):
    _touch(str(tmp_path / "d" / ".a.txt.x1y2.clean-tmp"))
    _touch(str(tmp_path / "d" / "a.txt"))
    _touch(str(tmp_path / "d" / ".keep"))
    assert batch.remove_stale_temp_files(str(tmp_path)) == 1
    assert sorted(os.listdir(tmp_path / "d")) == [".keep", "a.txt"]


def test_signals_held_delivers_a_ctrl_c_after_the_block(monkeypatch):
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # (a suite run with & ignores it)
    steps = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with batch.job.signals_held():
                signal.raise_signal(signal.SIGINT)
                steps.append("after the signal")
        assert steps == ["after the signal"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
        with pytest.raises(KeyboardInterrupt):  # a second Ctrl-C acts at once
            with batch.job.signals_held():
                signal.raise_signal(signal.SIGINT)
                signal.raise_signal(signal.SIGINT)
                steps.append("after the second signal")
        assert steps == ["after the signal"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("name", ["cleaned.jsonl", "out.jsonl.gz"])
def test_jsonl_resume_keeps_the_complete_records_of_a_partial_file(tmp_path, name):
    """A torn last record (plain) or a broken gzip tail (.gz) is cut; the rest is kept and the
    run appends after it."""
    kept = b'{"source": "a"}\n{"source": "b"}\n'
    partial = tmp_path / f".{name}.partial"
    if name.endswith(".gz"):
        partial.write_bytes(gzip.compress(kept + b'{"source": "c", "text": "' + os.urandom(3000).hex().encode())[:-300])
    else:
        partial.write_bytes(kept + b'{"source": "c", "te')
    sink = batch.JsonlSink(str(tmp_path / name))
    sink.open(resume=True)
    assert sink.done == {"a", "b"}
    sink.write(batch.Document(source="c"), batch.Outcome("c", "cleaned", output=b'{"source": "c"}\n'))
    assert sink.close(complete=True) is None
    data = (tmp_path / name).read_bytes()
    assert (gzip.decompress(data) if name.endswith(".gz") else data) == kept + b'{"source": "c"}\n'


def test_process_document_outcomes():
    options = batch.Options(format="jsonl", min_words=1000)
    text = b"One paragraph of plain text that is long enough to be kept as an article body here.\n"
    outcome = batch.process_document(batch.Document(text, "s", fallback_date="2024-01-02"), options)
    assert outcome.status in ("filtered", "empty")
    assert outcome.output == b""  # filtered documents are not written
    binary = batch.process_document(batch.Document(source="s", raw=bytes(range(256)) * 20), batch.Options())
    assert binary.status == "failed" and binary.kind


def test_summary_exit_codes():
    s = batch.Summary()
    assert s.exit_code == 0
    s.add(batch.failed("x", "read", "gone"))
    assert s.exit_code == 1
    s.interrupted = True
    assert s.exit_code == 130


def test_empty_documents_are_written_only_without_filters():
    empty = batch.Document(source="s", raw=b"   \n\n  ")
    plain = batch.process_document(empty, batch.Options())
    filtered = batch.process_document(empty, batch.Options(min_words=5))
    if plain.status == "empty":
        assert plain.written and filtered.status == "empty" and not filtered.written


class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


@pytest.mark.parametrize("tty, quiet, bar", [(True, False, True), (True, True, False), (False, False, False)])
def test_progress_bar_only_on_a_terminal_and_not_quiet(tty, quiet, bar):
    from cleaner.progress import Reporter

    stream = _Stream(tty)
    reporter = Reporter(stream, quiet=quiet)
    reporter.start(total=3)
    for i in range(3):
        reporter.outcome(None, batch.Outcome(source=f"s{i}", status="cleaned"))
    reporter.close()
    shown = stream.getvalue()
    assert ("/3 [" in shown and "file/s" in shown) == bar  # count, rate (ETA once known)
    summary = batch.Summary(seen=3, cleaned=3)
    reporter.summary(summary)
    assert ("Summary: 3 documents seen: 3 cleaned" in stream.getvalue()) == (not quiet)
