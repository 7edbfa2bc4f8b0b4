"""The batch command under attack: output names, FIFOs, links out of the tree, resume of a
finished .jsonl.gz, a vanished .partial, counts and words. Each test runs the real `clean`."""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from support import default_sigint, fault_env

PAGE = ("The harbour council met on Tuesday to discuss the new ferry timetable for the island.\n\n"
        "Residents asked for an earlier boat on weekdays, so that children can reach the school on "
        "the mainland before the first lesson begins.\n\n"
        "The operator said it would publish a revised schedule next month after talks with the "
        "unions and the port authority.\n")


pytestmark = pytest.mark.slow  # every test here runs the real command in a subprocess

def run_clean(*args: str, cwd=None, stdin=None, env=None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], capture_output=True, cwd=cwd,
                          input=stdin, env=dict(os.environ, **(env or {})), timeout=timeout)


def files_under(root) -> set:
    return {os.path.relpath(os.path.join(d, n), root) for d, _, names in os.walk(root) for n in names}


# --- output names: one rule, collisions refused ------------------------------------------------

def test_output_names_depend_only_on_their_own_input(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.html", "b.txt", "c", "d.htm.gz"):
        data = PAGE.encode()
        (tmp_path / "in" / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    proc = run_clean("in", "-o", "out", "-q", cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert files_under(tmp_path / "out") == {"in/a.txt", "in/b.txt", "in/c.txt", "in/d.txt"}


def test_two_inputs_mapping_to_one_output_are_refused_naming_both(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("p", "p.html", "p.txt"):
        (tmp_path / "in" / name).write_text(PAGE)
    proc = run_clean("in", "-o", "out", cwd=str(tmp_path))
    assert proc.returncode == 2
    assert b"in/p and in/p.html would both be written to out/in/p.txt" in proc.stderr
    assert not (tmp_path / "out" / "in").exists()


def test_a_new_neighbour_does_not_rename_an_old_output_on_resume(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.html").write_text(f"<html><body><article><p>{PAGE}</p></article></body></html>")
    assert run_clean("in", "-o", "out", "-q", cwd=str(tmp_path)).returncode == 0
    assert files_under(tmp_path / "out") == {"in/p.txt"}
    (tmp_path / "in" / "p.txt").write_text("Another page entirely, about the school bus.\n")
    proc = run_clean("in", "-o", "out", "--resume", cwd=str(tmp_path))
    assert proc.returncode == 2
    assert b"in/p.html and in/p.txt would both be written to out/in/p.txt" in proc.stderr


def test_stdin_and_a_file_named_stdin_are_refused(tmp_path):
    (tmp_path / "stdin").write_text(PAGE)
    proc = run_clean("-", "stdin", "-o", "out", cwd=str(tmp_path), stdin=PAGE.encode())
    assert proc.returncode == 2
    assert b"- (stdin) and stdin would both be written to out/stdin.txt" in proc.stderr


# --- FIFOs, devices and links ------------------------------------------------------------------

def test_a_fifo_named_on_the_command_line_fails_at_once(tmp_path):
    os.mkfifo(tmp_path / "p.html")
    (tmp_path / "q.txt").write_text(PAGE)
    proc = run_clean("p.html", "q.txt", "-o", "out", cwd=str(tmp_path), timeout=60)
    assert proc.returncode == 1
    assert b"clean: warning: p.html: input: not a regular file" in proc.stderr
    assert files_under(tmp_path / "out") == {"q.txt"}


def test_a_link_to_a_device_is_not_a_regular_file(tmp_path):
    (tmp_path / "in").mkdir()
    os.symlink("/dev/zero", tmp_path / "in" / "zero.html")
    (tmp_path / "in" / "q.txt").write_text(PAGE)
    proc = run_clean("in", "-o", "out", cwd=str(tmp_path), timeout=60)
    assert proc.returncode == 1
    assert b"in/zero.html: input: not a regular file" in proc.stderr
    assert b"broken symbolic link" not in proc.stderr


def test_directory_links_leaving_the_tree_are_not_followed_unless_asked(tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text(PAGE)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(PAGE)
    os.symlink("../outside", tmp_path / "in" / "etc")
    os.symlink("sub", tmp_path / "in" / "zz-alias")  # inside the tree: followed (each directory once)
    proc = run_clean("in", "-o", "out", cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert files_under(tmp_path / "out") == {"in/sub/a.txt"}
    assert b"1 directory link leaving the input tree (--follow-links follows it)" in proc.stderr
    followed = run_clean("in", "-o", "out2", "--follow-links", "-q", cwd=str(tmp_path))
    assert followed.returncode == 0, followed.stderr
    assert files_under(tmp_path / "out2") == {"in/sub/a.txt", "in/etc/secret.txt"}


# --- resume and the .partial file --------------------------------------------------------------

def test_resume_of_a_complete_jsonl_gz_leaves_it_untouched(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text(PAGE)
    assert run_clean("in", "-o", "all.jsonl.gz", "-q", cwd=str(tmp_path)).returncode == 0
    out = tmp_path / "all.jsonl.gz"
    os.chmod(out, 0o644)
    before, mode, mtime = out.read_bytes(), stat.S_IMODE(out.stat().st_mode), out.stat().st_mtime_ns
    proc = run_clean("in", "-o", "all.jsonl.gz", "--resume", cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == before and stat.S_IMODE(out.stat().st_mode) == mode == 0o644
    assert out.stat().st_mtime_ns == mtime
    assert b"already done: 2" in proc.stderr
    assert not (tmp_path / ".all.jsonl.gz.partial").exists()


def test_a_partial_file_removed_mid_run_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "m-hang.txt", "z.txt"):
        (tmp_path / "in" / name).write_text(PAGE)
    env = dict(os.environ, **fault_env("hang:m-hang.txt"))  # the hook is on PYTHONPATH whatever ran before
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "in", "-o", "out", "--format", "jsonl",
                             "--jobs", "1", "--timeout", "5"], cwd=str(tmp_path), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    partial = tmp_path / "out" / ".cleaned.jsonl.partial"
    end = time.monotonic() + 60
    while not partial.exists() and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.05)
    if not partial.exists():  # say why (the run's own output) rather than fail on the unlink
        proc.kill()
        _out, err = proc.communicate(timeout=30)
        pytest.fail(f"no {partial.name} while the run hung (exit {proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    partial.unlink()
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert b"Traceback" not in err
    assert b"was removed during the run" in err
    assert not (tmp_path / "out" / "cleaned.jsonl").exists()


# --- counts and words --------------------------------------------------------------------------

def test_one_document_is_not_one_files(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE)
    proc = run_clean("a.txt", cwd=str(tmp_path))
    assert b"Summary: 1 document seen: 1 cleaned" in proc.stderr
    assert b"files" not in proc.stderr


def test_non_page_archive_records_are_counted(tmp_path):
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    html = f"<html><body><article><p>{PAGE}</p></article></body></html>".encode()
    for url, status, ctype in [("http://e.org/a", "200 OK", "text/html"), ("http://e.org/x.pdf", "200 OK", "application/pdf"),
                               ("http://e.org/gone", "404 Not Found", "text/html")]:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=http))
    writer.write_record(writer.create_warc_record("http://e.org/a", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                                  warc_content_type="application/http; msgtype=request"))
    (tmp_path / "crawl.warc.gz").write_bytes(buf.getvalue())
    proc = run_clean("crawl.warc.gz", "-o", "out.jsonl", cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert "Summary: 1 document seen:" in err
    assert "archive records that are not pages: 3 (1 not HTML, 1 request, 1 status 404)" in err


def test_a_gz_that_is_not_gzip_is_said(tmp_path):
    (tmp_path / "page.txt.gz").write_text(PAGE)
    proc = run_clean("page.txt.gz", cwd=str(tmp_path))
    assert b"page.txt.gz: named .gz but not gzip data: read as it is" in proc.stderr
    assert b"ferry timetable" in proc.stdout


def test_an_interrupted_stdin_run_does_not_suggest_resume(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=default_sigint)
    proc.stdin.write(PAGE.encode())
    proc.stdin.flush()
    time.sleep(3)  # (not a timing assertion: gives the command time to start reading)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"--resume" not in err


def test_disk_full_in_jsonl_mode_says_the_complete_records_are_kept(tmp_path):
    import resource

    (tmp_path / "in").mkdir()
    long_page = "\n\n".join(f"Paragraph {k} of the report says the harbour council will meet again on "
                            f"day {k} to discuss ferry number {k * 7} and the timetable." for k in range(300))
    for i in range(6):
        (tmp_path / "in" / f"p{i}.txt").write_text(long_page if i == 3 else PAGE)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    proc = subprocess.run([sys.executable, "-m", "cleaner.cli", "in", "-o", "out", "--format", "jsonl",
                           "--jobs", "1"], cwd=str(tmp_path), capture_output=True, timeout=120,
                          preexec_fn=small_files)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "File too large" in err
    assert "no partial output file was left" not in err
    assert "the complete records so far are kept" in err and ".cleaned.jsonl.partial" in err
    kept = (tmp_path / "out" / ".cleaned.jsonl.partial").read_text().split("\n")[:-1]  # complete lines
    assert [json.loads(line)["source"] for line in kept] == ["in/p0.txt", "in/p1.txt", "in/p2.txt"]
    resumed = run_clean("in", "-o", "out", "--format", "jsonl", "--resume", "-q", cwd=str(tmp_path))
    assert resumed.returncode == 0, resumed.stderr
    assert len((tmp_path / "out" / "cleaned.jsonl").read_text().splitlines()) == 6


def test_fast_gives_the_single_view_result(tmp_path):
    from cleaner import clean

    page = f"<html><body><nav>Home | News</nav><article><h1>Ferry</h1><p>{PAGE}</p></article></body></html>"
    (tmp_path / "p.html").write_text(page)
    proc = run_clean("p.html", "--fast", "--format", "json", cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"] == clean(page, fast=True).text
