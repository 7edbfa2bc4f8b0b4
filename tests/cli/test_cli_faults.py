"""Faults during a `clean` run (issue 5): SIGKILL then --resume, SIGINT, a dying or hanging
worker, a full or unwritable output. The command runs as a subprocess unless noted."""
from __future__ import annotations

import errno
import json
import os
import re
import resource
import signal
import time

import pytest

from support import (expected, fault_env, interrupted_mkstemp, is_root, popen_clean, run_clean,
                              snapshot, text_dump, write)

from cleaner import batch, cli

pytestmark = pytest.mark.slow  # subprocesses killed, interrupted, faulted

N_FILES = 200
TEMP = re.compile(r"\.clean-tmp$|\.partial$")

SITE_MODEL = ".clean-sites.json"  # a run over a tree keeps its site templates in OUTDIR (docs/templates.md)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """200 small dumps and the outputs of an uninterrupted run (mirrored txt and jsonl)."""
    tmp = tmp_path_factory.mktemp("corpus")
    for i in range(N_FILES):
        write(str(tmp / "in" / f"part{i % 3}" / f"doc{i:03d}.txt"), text_dump(i, paragraphs=2))
    cwd = os.getcwd()
    os.chdir(tmp)  # the reference runs go in process: cheaper, same engine
    try:
        assert cli.main(["in", "-o", "ref", "--jobs", "2", "-q"]) == 0
        assert cli.main(["in", "-o", "ref-jsonl", "--format", "jsonl", "--jobs", "2", "-q"]) == 0
    finally:
        os.chdir(cwd)
    return tmp


def wait_until(predicate, proc, what: str, limit: float = 60.0) -> None:
    """Poll until `predicate()` (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not predicate():
        if proc.poll() is not None:
            pytest.skip(f"the run finished before {what}; nothing to interrupt on this machine")
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def count_outputs(root) -> int:
    return sum(len([n for n in files if n.endswith(".txt")]) for _d, _s, files in os.walk(root))


def kill_group(proc) -> None:
    """Reap whatever is left of a killed run (its workers exit by themselves; be sure)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait(timeout=30)


def test_sigkill_then_resume_gives_the_outputs_of_an_uninterrupted_run(corpus):
    out = corpus / "killed"
    proc = popen_clean("in", "-o", "killed", "--jobs", "1", cwd=str(corpus))
    try:
        wait_until(lambda: count_outputs(out) >= 60, proc, "60 outputs")
        os.kill(proc.pid, signal.SIGKILL)  # the main process only, like the OOM killer
        proc.wait(timeout=30)
    finally:
        kill_group(proc)
    partial = snapshot(str(out))
    reference = snapshot(str(corpus / "ref"))
    assert partial.pop(".clean.lock") == f"{proc.pid}\n".encode()  # the dead run's lock file, taken over
    assert partial.pop(SITE_MODEL) == reference[SITE_MODEL]  # saved before cleaning
    finished = {rel: data for rel, data in partial.items() if not TEMP.search(rel)}
    assert 60 <= len(finished) < N_FILES
    assert all(reference[rel] == data for rel, data in finished.items())  # no half-written output

    resumed = run_clean("in", "-o", "killed", "--resume", "--jobs", "2", cwd=str(corpus))
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"already done: {len(finished)} (skipped by --resume)" in resumed.stderr.decode()
    assert snapshot(str(out)) == reference  # same files, same bytes, no temp file left


def test_sigkill_then_resume_jsonl(corpus):
    out = corpus / "killed-jsonl"
    partial = out / ".cleaned.jsonl.partial"
    proc = popen_clean("in", "-o", "killed-jsonl", "--format", "jsonl", "--jobs", "1", cwd=str(corpus))
    try:
        wait_until(lambda: partial.exists() and partial.stat().st_size > 30_000, proc, "30 kB of records")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        kill_group(proc)
    assert not (out / "cleaned.jsonl").exists()  # only a finished run has the final name

    plain = run_clean("in", "-o", "killed-jsonl", "--format", "jsonl", cwd=str(corpus))
    assert plain.returncode == 2 and b"--resume" in plain.stderr  # an interrupted run is not lost
    resumed = run_clean("in", "-o", "killed-jsonl", "--format", "jsonl", "--resume", cwd=str(corpus))
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert re.search(r"already done: \d+ \(skipped by --resume\)", resumed.stderr.decode())
    assert sorted(os.listdir(out)) == [SITE_MODEL, "cleaned.jsonl"]  # the site model stays
    assert (out / "cleaned.jsonl").read_bytes() == (corpus / "ref-jsonl" / "cleaned.jsonl").read_bytes()


def test_sigint_stops_promptly_with_status_130(corpus):
    out = corpus / "interrupted"
    proc = popen_clean("in", "-o", "interrupted", "--jobs", "2", cwd=str(corpus))
    try:
        wait_until(lambda: count_outputs(out) >= 30, proc, "30 outputs")
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group gets it
        _stdout, stderr = proc.communicate(timeout=60)
    finally:
        kill_group(proc)
    assert proc.returncode == 130, stderr.decode()
    err = stderr.decode()
    assert "interrupted; rerun with --resume to finish" in err
    assert "Traceback" not in err
    counts = re.search(r"Summary: (\d+) documents? seen: (\d+) cleaned", err)
    done = snapshot(str(out))
    done.pop(SITE_MODEL)  # the run's site templates, saved before cleaning (for --resume)
    assert not any(TEMP.search(rel) for rel in done)
    assert int(counts.group(2)) == len(done) < N_FILES  # the summary tells what was done
    reference = snapshot(str(corpus / "ref"))
    assert all(reference[rel] == data for rel, data in done.items())


def test_ctrl_c_as_a_page_file_is_created_leaves_no_temp_file_and_resume_finishes(tmp_path, monkeypatch,
                                                                                  capfd):
    """The race behind a flaky SIGINT run: Ctrl-C landing just after the parent made a page's
    temporary file, before mkstemp returned its name (in process: the parent is the only writer)."""
    names = [f"f{i}.txt" for i in range(6)]
    for i, name in enumerate(names):
        write(str(tmp_path / "in" / name), text_dump(90 + i))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["in", "-o", "ref", "--jobs", "1", "-q"]) == 0
    reference = snapshot(str(tmp_path / "ref"))
    capfd.readouterr()

    made: list = []
    monkeypatch.setattr(batch.sinks, "tempfile", interrupted_mkstemp(".f3.txt.", made))
    code = cli.main(["in", "-o", "out", "--jobs", "1"])
    err = capfd.readouterr().err
    assert code == 130 and len(made) == 1, err
    assert "interrupted; rerun with --resume to finish" in err and "Traceback" not in err
    left = snapshot(str(tmp_path / "out"))
    assert sorted(left) == [SITE_MODEL, "in/f0.txt", "in/f1.txt", "in/f2.txt"]  # no temp file
    assert all(reference[rel] == data for rel, data in left.items())

    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert cli.main(["in", "-o", "out", "--resume", "--jobs", "1", "-q"]) == 0
    assert snapshot(str(tmp_path / "out")) == reference


def test_ctrl_c_as_a_page_file_lands_is_counted_in_the_summary(tmp_path, monkeypatch, capfd):
    """Ctrl-C just as a page file is renamed into place: the file stays and the summary counts it
    (a real SIGINT, raised in this process right after the rename)."""
    for i in range(6):
        write(str(tmp_path / "in" / f"f{i}.txt"), text_dump(110 + i))
    real_replace = os.replace

    def replace_then_ctrl_c(src, dst, **kwargs):
        real_replace(src, dst, **kwargs)
        if os.fspath(dst).endswith(os.path.join("in", "f3.txt")):
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(batch.sinks.os, "replace", replace_then_ctrl_c)
    monkeypatch.chdir(tmp_path)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # (a suite run with & ignores it)
    try:
        code = cli.main(["in", "-o", "out", "--jobs", "1"])
    finally:
        signal.signal(signal.SIGINT, previous)
    err = capfd.readouterr().err
    assert code == 130, err
    left = snapshot(str(tmp_path / "out"))
    left.pop(SITE_MODEL)
    assert sorted(left) == [f"in/f{i}.txt" for i in range(4)]
    assert re.search(r"Summary: \d+ documents? seen: 4 cleaned", err), err


def test_dying_and_hanging_workers_fail_their_page_only(tmp_path):
    names = ["a.txt", "b-crash.txt", "c.txt", "d-hang.txt", "e.txt"]
    for i, name in enumerate(names):
        write(str(tmp_path / "in" / name), text_dump(50 + i))
    proc = run_clean("in", "-o", "out", "--jobs", "2", "--timeout", "0.5", "--errors", "errors.jsonl",
                     cwd=str(tmp_path),
                     env=fault_env("crash:b-crash.txt,hang:d-hang.txt"))
    assert proc.returncode == 1, proc.stderr.decode()
    report = {json.loads(line)["path"]: json.loads(line) for line in open(tmp_path / "errors.jsonl")}
    assert set(report) == {"in/b-crash.txt", "in/d-hang.txt"}
    assert report["in/b-crash.txt"]["kind"] == "crash"
    assert "worker process died" in report["in/b-crash.txt"]["message"]
    assert report["in/d-hang.txt"]["kind"] == "timeout"
    written = {name for name in names if expected((tmp_path / "in" / name).read_bytes(), name)[0] != "failed"}
    assert set(os.listdir(tmp_path / "out" / "in")) == written - {"b-crash.txt", "d-hang.txt"}
    assert "2 failed" in proc.stderr.decode()


def _limit_file_size(limit: int):
    def preexec():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def test_output_too_large_for_the_disk_stops_cleanly_and_resume_finishes(tmp_path):
    """A real write failure from the kernel (RLIMIT_FSIZE: EFBIG) in the middle of a run."""
    for i, name in enumerate(["a.txt", "b.txt", "m-big.txt", "x.txt", "y.txt"]):
        write(str(tmp_path / "in" / name), text_dump(60 + i, paragraphs=300 if name == "m-big.txt" else 2))
    proc = run_clean("in", "-o", "out", "--jobs", "1", cwd=str(tmp_path), preexec_fn=_limit_file_size(20_000))
    assert proc.returncode == 1, proc.stderr.decode()
    err = proc.stderr.decode()
    assert re.search(r"clean: error: cannot write out/in/m-big\.txt: File too large", err), err
    assert "no partial output file was left" in err and "--resume" in err
    left = snapshot(str(tmp_path / "out"))
    left.pop(SITE_MODEL)  # the run's site templates, saved before cleaning (for --resume)
    assert set(left) == {"in/a.txt", "in/b.txt"}  # the run stopped; nothing partial or temporary
    for rel, data in left.items():
        name = os.path.basename(rel)
        assert data.decode() == expected((tmp_path / "in" / name).read_bytes(), name)[1].strip() + "\n"

    resumed = run_clean("in", "-o", "out", "--resume", cwd=str(tmp_path))
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert set(snapshot(str(tmp_path / "out"))) == {f"in/{n}" for n in ["a.txt", "b.txt", "m-big.txt", "x.txt", "y.txt"]} | {SITE_MODEL}


def test_disk_full_in_process(tmp_path, monkeypatch, capfd):
    """ENOSPC on the third output file (simulated at the one place output bytes are written)."""
    for i in range(5):
        write(str(tmp_path / "in" / f"f{i}.txt"), text_dump(70 + i))
    real_write, calls = batch.sinks._write_all, []

    def full_disk(f, data, path):
        calls.append(path)
        if path.endswith("f2.txt"):
            f.write(data[: len(data) // 2])  # a torn write, then the error
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(f, data, path)

    monkeypatch.setattr(batch.sinks, "_write_all", full_disk)
    monkeypatch.chdir(tmp_path)
    code = cli.main(["in", "-o", "out", "--jobs", "1"])
    err = capfd.readouterr().err
    assert code == 1
    assert "cannot write out/in/f2.txt: No space left on device (the output disk is full)" in err
    assert sorted(snapshot(str(tmp_path / "out"))) == [SITE_MODEL, "in/f0.txt", "in/f1.txt"]  # no torn file


@pytest.mark.skipif(is_root(), reason="root can write into a read-only directory")
def test_unwritable_output_dir(tmp_path):
    write(str(tmp_path / "in" / "a.txt"), text_dump(80))
    (tmp_path / "out").mkdir()
    os.chmod(tmp_path / "out", 0o500)
    try:
        proc = run_clean("in", "-o", "out", cwd=str(tmp_path))
        assert proc.returncode == 2
        assert "cannot write to output directory out" in proc.stderr.decode()
        os.chmod(tmp_path / "out", 0o700)
        (tmp_path / "out" / "in").mkdir()
        os.chmod(tmp_path / "out" / "in", 0o500)  # writable OUTDIR, unwritable subdirectory
        proc = run_clean("in", "-o", "out", "--overwrite", cwd=str(tmp_path))
        assert proc.returncode == 1
        assert "cannot write out/in/a.txt: Permission denied" in proc.stderr.decode()
        assert os.listdir(tmp_path / "out" / "in") == []
    finally:
        os.chmod(tmp_path / "out", 0o700)
        if (tmp_path / "out" / "in").exists():
            os.chmod(tmp_path / "out" / "in", 0o700)
