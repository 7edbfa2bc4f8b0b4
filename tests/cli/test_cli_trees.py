"""The `clean` command over awkward trees (issue 5): 10,000 tiny files, odd file names (newline,
tab, spaces, non-ASCII, undecodable bytes), symlink loops, an unreadable file, and the --errors
report for them. The real command runs as a subprocess over tmp_path trees."""
from __future__ import annotations

import ctypes
import gzip
import json
import os
import subprocess
import sys

import pytest

from support import (error_lines, expected, html_page, is_root, run_clean, snapshot, summary_counts,
                              text_dump, write)

from cleaner.errors import DecodeError

pytestmark = pytest.mark.slow  # the command runs as a subprocess over large trees


def as_txt_output(text: str) -> bytes:
    """What `clean -o OUT` writes for a result whose body is `text` (empty results: empty file)."""
    return (text.strip() + "\n").encode() if text.strip() else b""


# ---------------------------------------------------------------------------------------------
# 10,000 tiny files over 100 directories
# ---------------------------------------------------------------------------------------------

N_DIRS, PER_DIR = 100, 100
TINY = ("x\n", "Ok.\n", "The council said on Monday that the new bridge would open next spring.\n")


def tiny_content(i: int) -> str:
    """A few bytes; one file in a hundred is a real sentence (cleaned, language detected)."""
    return TINY[2] if i % PER_DIR == 0 else TINY[i % 2]


def test_ten_thousand_tiny_files(tmp_path):
    want = {}  # output path under OUT -> bytes
    results = {text: expected(text.encode(), "f.txt") for text in TINY}
    assert all(status != "failed" for status, _text in results.values())
    for i in range(N_DIRS * PER_DIR):
        rel = f"d{i // PER_DIR:03d}/f{i % PER_DIR:03d}.txt"
        write(str(tmp_path / "tree" / rel), tiny_content(i))
        want[f"tree/{rel}"] = as_txt_output(results[tiny_content(i)][1])

    # no --quiet: it would also hide the summary checked below (no bar either: stderr is a pipe)
    proc = run_clean("tree", "-o", "out", "--jobs", "2", cwd=str(tmp_path), timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert proc.stdout == b""
    assert snapshot(str(tmp_path / "out")) == want  # 10,000 outputs mirroring the tree, no temp file
    statuses = [results[tiny_content(i)][0] for i in range(N_DIRS * PER_DIR)]
    assert summary_counts(proc.stderr) == {"seen": 10_000, "cleaned": statuses.count("cleaned"),
                                           "empty": statuses.count("empty"), "filtered": 0,
                                           "failed": 0}


# ---------------------------------------------------------------------------------------------
# Odd file names: newline, tab, spaces, non-ASCII, undecodable bytes; failures among them
# ---------------------------------------------------------------------------------------------

# input name (bytes: the file system's own) -> mirrored output name under OUT/odd
GOOD = {
    b"new\nline.txt": b"new\nline.txt",
    b"tab\there.html": b"tab\there.txt",
    b"  two  spaces .txt": b"  two  spaces .txt",
    "grüße ü.txt".encode(): "grüße ü.txt".encode(),
    "中文 页面.html".encode(): "中文 页面.txt".encode(),
    "emoji 🎉.txt".encode(): "emoji 🎉.txt".encode(),
    b"no ext\nname": b"no ext\nname.txt",
    "dir\nü 中/inner\t🎉.htm".encode(): "dir\nü 中/inner\t🎉.txt".encode(),
    b"caf\xe9 latin-1.txt": b"caf\xe9 latin-1.txt",  # not UTF-8: Python sees a lone surrogate
}
BINARY = "bin\nary ü.html".encode()
TRUNCATED_GZIP = b"trunc\tated \xff.txt.gz"
DANGLING = "gone\n🎉.html".encode()
BINARY_DATA = bytes(range(256)) * 16


def good_page(i: int, name: bytes) -> str:
    return html_page(100 + i) if b".htm" in name else text_dump(100 + i)


def build_odd_tree(root: str) -> None:
    def at(name: bytes) -> str:
        return os.fsdecode(os.path.join(os.fsencode(root), name))

    for i, name in enumerate(GOOD):
        write(at(name), good_page(i, name))
    write(at(BINARY), BINARY_DATA)
    write(at(TRUNCATED_GZIP), gzip.compress(text_dump(99).encode())[:-20])
    os.symlink("does-not-exist.html", at(DANGLING))


def source(name: bytes) -> str:
    """The `source` / `path` the command reports for odd/NAME (run from the tree's parent)."""
    return "odd/" + os.fsdecode(name)


def expected_failures() -> dict:
    """source -> error kind, for the inputs of the odd tree that cannot be cleaned."""
    binary_status, binary_kind = expected(BINARY_DATA, os.fsdecode(BINARY))
    assert binary_status == "failed"
    return {source(BINARY): binary_kind, source(TRUNCATED_GZIP): DecodeError.kind,
            source(DANGLING): "read"}


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    """The odd tree, cleaned once into a mirrored OUT (with --errors) and once as JSONL to stdout."""
    tmp = tmp_path_factory.mktemp("odd")
    build_odd_tree(str(tmp / "odd"))
    mirror = run_clean("odd", "-o", "out", "--errors", "errors.jsonl", "--jobs", "2", cwd=str(tmp))
    jsonl = run_clean("odd", "--format", "jsonl", "--jobs", "2", cwd=str(tmp))
    return tmp, mirror, jsonl


def test_odd_names_are_cleaned_into_outputs_of_the_same_names(odd):
    tmp, proc, _jsonl = odd
    assert proc.returncode == 1, proc.stderr.decode()  # the three failures below, nothing else
    outputs = {os.fsencode(rel): data for rel, data in snapshot(str(tmp / "out" / "odd")).items()}
    want = {}
    for i, (name, out_name) in enumerate(GOOD.items()):
        raw = good_page(i, name).encode()
        status, text = expected(raw, os.fsdecode(name))
        assert status != "failed", name
        want[out_name] = as_txt_output(text)
    assert outputs == want
    counts = summary_counts(proc.stderr)
    assert counts["seen"] == len(GOOD) + len(expected_failures())
    assert counts["failed"] == len(expected_failures())


def test_odd_names_as_jsonl_keep_the_exact_path_in_source(odd):
    tmp, _mirror, proc = odd
    assert proc.returncode == 1, proc.stderr.decode()
    lines = proc.stdout.split(b"\n")
    assert lines[-1] == b""  # one record per line: the newlines in names are JSON escapes
    records = [json.loads(line) for line in lines[:-1]]
    assert sorted(r["source"] for r in records) == sorted(source(name) for name in GOOD)
    for i, name in enumerate(GOOD):
        (record,) = [r for r in records if r["source"] == source(name)]
        assert record["text"] == expected(good_page(i, name).encode(), os.fsdecode(name))[1]
    assert b'"source": "odd/new\\nline.txt"' in proc.stdout  # escaped, not a raw newline


def test_errors_file_has_one_line_per_failure_with_the_exact_path(odd):
    tmp, proc, _jsonl = odd
    raw = (tmp / "errors.jsonl").read_bytes()
    failures = expected_failures()
    assert raw.count(b"\n") == len(failures)  # one line each, whatever the names contain
    report = error_lines(tmp / "errors.jsonl")
    assert all(set(e) == {"path", "kind", "message"} and e["message"] for e in report), report
    assert {e["path"]: e["kind"] for e in report} == failures
    warnings = [line for line in proc.stderr.decode(errors="replace").splitlines()
                if line.startswith("clean: warning: ")]
    assert len(warnings) == len(failures)  # each failure is one line on stderr too
    assert 'clean: warning: "odd/bin\\nary ü.html": ' in proc.stderr.decode(errors="replace")


def test_odd_names_to_stdout_have_one_header_line_each(odd):
    tmp, _mirror, _jsonl = odd
    proc = run_clean("odd", "--jobs", "2", "--quiet", cwd=str(tmp))
    assert proc.returncode == 1, proc.stderr.decode()
    headers = [line for line in proc.stdout.decode(errors="replace").split("\n")
               if line.startswith("==> ")]
    assert len(headers) == len(GOOD)
    assert all(line.endswith(" <==") for line in headers), headers

# ---------------------------------------------------------------------------------------------
# Symlink loops
# ---------------------------------------------------------------------------------------------

LOOP_WARNING = "broken symbolic link (target missing or a loop)"


def test_symlink_loops_terminate_and_each_real_file_is_cleaned_once(tmp_path):
    pages = [("in/a/page.txt", "in/a/page.txt", text_dump(70)),  # input, output, content
             ("in/a/sub/deep.html", "in/a/sub/deep.txt", html_page(71)),
             ("in/b.txt", "in/b.txt", text_dump(72))]
    for rel, _out, text in pages:
        write(str(tmp_path / rel), text)
    os.symlink("..", tmp_path / "in" / "a" / "loop")  # a directory cycle: in/a/loop/a/loop/...
    os.symlink("self", tmp_path / "in" / "self")  # a link to itself: ELOOP on open
    proc = run_clean("in", "-o", "out", "--errors", "errors.jsonl", "--jobs", "2",
                     cwd=str(tmp_path), timeout=120)

    assert proc.returncode == 1, proc.stderr.decode()  # the self-loop is a failed input
    assert snapshot(str(tmp_path / "out")) == {  # each real file once, nothing under a/loop
        out: as_txt_output(expected(text.encode(), os.path.basename(rel))[1]) for rel, out, text in pages}
    assert error_lines(tmp_path / "errors.jsonl") == [
        {"path": "in/self", "kind": "read", "message": LOOP_WARNING}]
    err = proc.stderr.decode()
    assert f"clean: warning: in/self: read: {LOOP_WARNING}" in err
    assert "skipped (not pages): 1 directories reached twice via symlinks" in err
    assert summary_counts(proc.stderr)["seen"] == len(pages) + 1


def test_a_self_loop_given_as_input_is_one_clear_error(tmp_path):
    os.symlink("self", tmp_path / "self")
    proc = run_clean("self", "--errors", "errors.jsonl", cwd=str(tmp_path), timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == b""
    (report,) = error_lines(tmp_path / "errors.jsonl")
    assert report["path"] == "self" and report["kind"] == "read" and report["message"]
    assert b"Traceback" not in proc.stderr
    assert f"clean: warning: self: read: {report['message']}".encode() in proc.stderr


# ---------------------------------------------------------------------------------------------
# A file with no read permission (also when the suite runs as root)
# ---------------------------------------------------------------------------------------------

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def obeying_file_modes():
    """Extra subprocess arguments under which the command cannot read a mode-000 file.

    Nothing for an ordinary user. Root reads any file through CAP_DAC_OVERRIDE /
    CAP_DAC_READ_SEARCH: those are dropped from the bounding set before exec, so the command
    (and its workers) run as root without them. None when that cannot be done here.
    """
    if not is_root():
        return {}
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def drop_read_override():
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)

    return {"preexec_fn": drop_read_override}


def can_read(path: str, popen: dict) -> bool:
    probe = subprocess.run([sys.executable, "-c", "import sys; open(sys.argv[1], 'rb').read(1)", path],
                           capture_output=True, timeout=60, **popen)
    return probe.returncode == 0


def test_unreadable_file_is_one_read_error_and_the_rest_is_cleaned(tmp_path):
    locked = write(str(tmp_path / "in" / "lock\ned ü.txt"), text_dump(80))
    write(str(tmp_path / "in" / "open.txt"), text_dump(81))
    os.chmod(locked, 0)
    popen = obeying_file_modes()
    if popen is None or can_read(locked, popen):
        pytest.skip("this process reads files whatever their mode (root, and its read-override "
                    "capabilities cannot be dropped here): no unreadable file to test with")
    proc = run_clean("in", "-o", "out", "--errors", "errors.jsonl", "--jobs", "2",
                     cwd=str(tmp_path), **popen)

    assert proc.returncode == 1, proc.stderr.decode()
    assert snapshot(str(tmp_path / "out")) == {
        "in/open.txt": as_txt_output(expected(text_dump(81).encode(), "open.txt")[1])}
    assert error_lines(tmp_path / "errors.jsonl") == [
        {"path": "in/lock\ned ü.txt", "kind": "read", "message": "Permission denied"}]
    assert 'clean: warning: "in/lock\\ned ü.txt": read: Permission denied' in proc.stderr.decode()
    assert summary_counts(proc.stderr) == {"seen": 2, "cleaned": 1, "empty": 0, "filtered": 0,
                                           "failed": 1}
