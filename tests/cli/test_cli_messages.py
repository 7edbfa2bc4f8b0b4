"""What `clean` says to a new user: --lang codes, the stdin hint, options that do not apply,
top-level exceptions. Each test runs the real command."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

import cleaner

TEXT = ("The harbour council met on Tuesday to discuss the new ferry timetable for the island.\n\n"
        "Residents asked for an earlier boat on weekdays, so that children can reach the school on "
        "the mainland before the first lesson begins.\n\n"
        "The operator said it would publish a revised schedule next month after talks with the "
        "unions and the port authority.\n")


pytestmark = pytest.mark.slow  # every test here runs the real command in a subprocess

def run_clean(*args: str, stdin=None, timeout: float = 120, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], capture_output=True,
                          input=stdin, timeout=timeout, cwd=cwd)


@pytest.mark.parametrize("codes, unknown", [("eng", "'eng'"), ("zz", "'zz'"), ("en,xx,yy", "'xx', 'yy'")])
def test_unknown_language_codes_are_refused_listing_the_accepted_ones(tmp_path, codes, unknown):
    (tmp_path / "p.txt").write_text(TEXT)
    proc = run_clean(str(tmp_path / "p.txt"), "--lang", codes)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b""
    assert f"unknown language code" in err and unknown in err
    assert "de, el, en, es" in err and "zh, zh-cn, zh-tw" in err


def test_known_language_codes_are_accepted(tmp_path):
    (tmp_path / "p.txt").write_text(TEXT)
    proc = run_clean(str(tmp_path / "p.txt"), "--lang", "EN,zh-cn,zh")
    assert proc.returncode == 0, proc.stderr
    assert b"ferry timetable" in proc.stdout


def test_stdin_on_a_terminal_gets_a_reading_hint():
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner.cli", "-"], stdin=child,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(child)
    os.write(main, TEXT.encode()[:200] + b"\n\x04")  # a line, then Ctrl-D: end of input
    out, err = proc.communicate(timeout=120)
    os.close(main)
    assert b"reading a page from standard input (end it with Ctrl-D" in err
    assert proc.returncode == 0


def test_stdin_from_a_pipe_gets_no_hint():
    proc = run_clean("-", stdin=TEXT.encode())
    assert proc.returncode == 0 and b"reading" not in proc.stderr
    assert b"ferry timetable" in proc.stdout


def test_text_field_for_input_that_is_not_jsonl_is_warned(tmp_path):
    (tmp_path / "p.txt").write_text(TEXT)
    proc = run_clean(str(tmp_path / "p.txt"), "--text-field", "body", "--url-field", "link")
    assert proc.returncode == 0
    assert (b"warning: --text-field and --url-field only apply to JSONL inputs (.jsonl, .ndjson); "
            b"no input is one, so they are ignored") in proc.stderr


def test_text_field_for_jsonl_input_is_not_warned(tmp_path):
    (tmp_path / "p.jsonl").write_text('{"body": "%s"}\n' % TEXT.replace("\n", " "))
    proc = run_clean(str(tmp_path / "p.jsonl"), "--text-field", "body")
    assert proc.returncode == 0 and b"warning" not in proc.stderr


def test_timeout_error_is_exported_at_the_top_level():
    page = "<html><body>" + "".join(f"<p>Paragraph {i} about the ferry timetable.</p>" for i in range(3000))
    assert issubclass(cleaner.TimeoutError, cleaner.CleanerError)
    assert cleaner.TimeoutError is not TimeoutError  # the builtin is not shadowed by a star import
    with pytest.raises(cleaner.TimeoutError):
        cleaner.clean(page, timeout=0.001)


# --- outputs never land on inputs; stdout formats; nothing to clean ------------------------------

@pytest.mark.parametrize("where", ["in/page.txt", "in/new-errors.jsonl", "in/sub/../page.txt"])
def test_errors_report_never_lands_on_an_input(tmp_path, where):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "page.txt").write_text(TEXT)
    proc = run_clean("in", "-o", "out", "--errors", where, cwd=str(tmp_path))
    assert proc.returncode == 2
    assert f"--errors {where} is inside input directory in".encode() in proc.stderr
    assert (tmp_path / "in" / "page.txt").read_text() == TEXT
    assert not (tmp_path / "out").exists()


def test_errors_report_is_not_a_named_input_nor_the_output_file(tmp_path):
    (tmp_path / "page.txt").write_text(TEXT)
    proc = run_clean("page.txt", "-o", "out", "--errors", "page.txt", cwd=str(tmp_path))
    assert proc.returncode == 2 and b"--errors page.txt is the input page.txt" in proc.stderr
    assert (tmp_path / "page.txt").read_text() == TEXT
    proc = run_clean("page.txt", "-o", "all.jsonl", "--errors", "all.jsonl", cwd=str(tmp_path))
    assert proc.returncode == 2 and b"--errors all.jsonl is the output file" in proc.stderr


def test_json_to_stdout_is_refused_for_several_pages_pointing_to_jsonl(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT)
    for args in (["a.txt", "b.txt"], ["."]):
        proc = run_clean(*args, "--format", "json", cwd=str(tmp_path))
        assert proc.returncode == 2 and proc.stdout == b""
        assert b"--format json to stdout takes one page; for several use --format jsonl" in proc.stderr
    one = run_clean("a.txt", "--format", "json", cwd=str(tmp_path))
    assert one.returncode == 0 and json.loads(one.stdout)["source"] == "a.txt"


def test_txt_to_stdout_separates_pages_with_the_documented_header(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT)
    proc = run_clean("a.txt", "b.txt", cwd=str(tmp_path))
    assert proc.returncode == 0
    assert proc.stdout.startswith(b"==> a.txt <==\n") and b"\n==> b.txt <==\n" in proc.stdout
    assert b"'==> SOURCE <==' before each" in run_clean("--help").stdout


def test_inputs_with_no_page_warn_and_exit_1(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "assets" / ".hidden.html").write_text("<p>hidden</p>")
    (tmp_path / "empty").mkdir()
    for tree in ("assets", "empty"):
        proc = run_clean(tree, "-o", f"out-{tree}", cwd=str(tmp_path))
        assert proc.returncode == 1
        assert f"clean: warning: the inputs hold no page to clean ({tree})".encode() in proc.stderr
