"""The `clean` command, driven as a subprocess over temporary trees (issue 4)."""
from __future__ import annotations

import gzip
import json
import os
import random
import re

import pytest

from support import (error_lines, expected, html_page, is_root, run_clean, snapshot, summary_counts,
                              text_dump, tree_digest, write)

from cleaner import clean
from cleaner.markdown import to_markdown

pytestmark = pytest.mark.slow  # the command runs as a subprocess



# ---------------------------------------------------------------------------------------------
# A mixed tree cleaned into a mirrored OUTDIR, then re-run, resumed, touched and resumed again
# ---------------------------------------------------------------------------------------------


def build_mixed_tree(root: str) -> dict:
    """Pages of every kind plus things that must fail or be skipped. Returns {rel path: bytes}."""
    pages = {
        "a.html": html_page(1),
        "b.htm": html_page(2),
        "news/c.txt": text_dump(3),
        "news/d": text_dump(4),
        "news/www.example.com": text_dump(7),
        "news/sp ace ü.txt": text_dump(8),
    }
    for rel, text in pages.items():
        write(os.path.join(root, rel), text)
    write(os.path.join(root, "news/e.html.gz"), html_page(5), gz=True)
    write(os.path.join(root, "news/f.txt.gz"), text_dump(6), gz=True)
    write(os.path.join(root, "zz/blob.html"), random.Random(0).randbytes(4000))  # binary, mid-batch
    write(os.path.join(root, "zz/locked.txt"), text_dump(9))
    os.chmod(os.path.join(root, "zz/locked.txt"), 0)  # unreadable (except for root)
    os.symlink("does-not-exist.html", os.path.join(root, "zz/gone.html"))  # unreadable: dangling
    write(os.path.join(root, "img/logo.png"), b"\x89PNG\r\n\x1a\n" + bytes(100))  # asset: skipped
    write(os.path.join(root, ".hidden.html"), html_page(10))  # hidden: skipped
    write(os.path.join(root, ".git/x.html"), html_page(11))  # hidden dir: skipped
    files = {}
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = os.path.join(dirpath, name)
            if name.startswith(".") or name.endswith(".png") or os.path.islink(path):
                continue
            if name == "locked.txt" and not is_root():
                continue
            with open(path, "rb") as f:
                files[os.path.relpath(path, root)] = f.read()
    return files


EXPECTED_OUT = {  # input (relative to pages/) -> mirrored output (relative to OUTDIR/pages/)
    "a.html": "a.txt", "b.htm": "b.txt", "news/c.txt": "news/c.txt", "news/d": "news/d.txt",
    "news/www.example.com": "news/www.example.com.txt", "news/sp ace ü.txt": "news/sp ace ü.txt",
    "news/e.html.gz": "news/e.txt", "news/f.txt.gz": "news/f.txt", "zz/blob.html": "zz/blob.txt",
    "zz/locked.txt": "zz/locked.txt",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mixed")
    files = build_mixed_tree(str(tmp / "pages"))
    before = tree_digest(str(tmp / "pages"))
    proc = run_clean("pages", "-o", "out", "--errors", "errors.jsonl", "--jobs", "2", cwd=str(tmp))
    return tmp, files, before, proc


def test_batch_mirrors_tree_and_reports_failures(mixed):
    tmp, files, before, proc = mixed
    want = {rel: expected(raw, os.path.basename(rel)) for rel, raw in files.items()}
    written = {EXPECTED_OUT[rel]: text for rel, (status, text) in want.items() if status != "failed"}
    failed = {f"pages/{rel}": kind for rel, (status, kind) in want.items() if status == "failed"}
    failed["pages/zz/gone.html"] = "read"
    if not is_root():
        failed["pages/zz/locked.txt"] = "read"
    assert "pages/zz/blob.html" in failed  # binary data is an error, not a page

    assert proc.returncode == 1, proc.stderr.decode()
    outputs = snapshot(str(tmp / "out" / "pages"))
    assert set(outputs) == set(written)  # mirrored names; nothing hidden, no temp file
    for rel, text in written.items():
        assert outputs[rel].decode() == (text.strip() + "\n" if text.strip() else "")
    assert {(e["path"], e["kind"]) for e in error_lines(tmp / "errors.jsonl")} == set(failed.items())
    assert all(e["message"] for e in error_lines(tmp / "errors.jsonl"))
    err = proc.stderr.decode()
    for path in failed:
        assert f"clean: warning: {path}: " in err
    assert proc.stdout == b""
    assert tree_digest(str(tmp / "pages")) == before  # inputs untouched


def test_batch_summary_counts(mixed):
    tmp, files, _before, proc = mixed
    statuses = [expected(raw, os.path.basename(rel))[0] for rel, raw in files.items()]
    counts = summary_counts(proc.stderr)
    failed = statuses.count("failed") + 1 + (0 if is_root() else 1)
    assert counts == {"seen": len(files) + 1 + (0 if is_root() else 1),
                      "cleaned": statuses.count("cleaned"), "empty": statuses.count("empty"),
                      "filtered": 0, "failed": failed}
    err = proc.stderr.decode()
    assert "skipped (not pages): 1 .png" in err
    assert re.search(r"bytes: [\d.]+ k?B in, [\d.]+ k?B out", err)
    assert re.search(r"time: [\d.]+ s, [\d.]+ files/s", err)


def test_existing_outputs_refused_then_resume_and_touch(mixed):
    tmp, files, _before, _proc = mixed
    out_before = snapshot(str(tmp / "out"))
    again = run_clean("pages", "-o", "out", cwd=str(tmp))
    assert again.returncode == 2
    assert b"already exists" in again.stderr and b"--resume" in again.stderr
    assert snapshot(str(tmp / "out")) == out_before

    written = [rel for rel, raw in files.items() if expected(raw, os.path.basename(rel))[0] != "failed"]
    resumed = run_clean("pages", "-o", "out", "--resume", cwd=str(tmp))
    assert resumed.returncode == 1  # the failed inputs are retried, and fail again
    assert f"already done: {len(written)} (skipped by --resume)" in resumed.stderr.decode()
    assert summary_counts(resumed.stderr)["cleaned"] + summary_counts(resumed.stderr)["empty"] == 0
    assert snapshot(str(tmp / "out")) == out_before

    future = os.stat(tmp / "out" / "pages" / "a.txt").st_mtime + 10
    os.utime(tmp / "pages" / "a.html", (future, future))  # input newer than its output: redone
    touched = run_clean("pages", "-o", "out", "--resume", cwd=str(tmp))
    assert f"already done: {len(written) - 1} (skipped by --resume)" in touched.stderr.decode()
    assert snapshot(str(tmp / "out")) == out_before


# ---------------------------------------------------------------------------------------------
# Formats, stdin and stdout
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def small_tree(tmp_path):
    write(str(tmp_path / "p" / "a.html"), html_page(21))
    write(str(tmp_path / "p" / "b.txt"), text_dump(22))
    write(str(tmp_path / "p" / "sub" / "c"), text_dump(23))
    return tmp_path


SMALL = [("p/a.html", "a.html", html_page(21)), ("p/b.txt", "b.txt", text_dump(22)),
         ("p/sub/c", "c", text_dump(23))]


def test_json_format_with_explain(small_tree):
    proc = run_clean("p", "-o", "out", "--format", "json", "--explain", cwd=str(small_tree))
    assert proc.returncode == 0, proc.stderr.decode()
    assert set(snapshot(str(small_tree / "out"))) == {"p/a.json", "p/b.json", "p/sub/c.json"}
    for source, name, raw in SMALL:
        out = os.path.join("out", os.path.splitext(source)[0] + ".json")
        record = json.loads((small_tree / out).read_text(encoding="utf-8"))
        assert record["source"] == source
        assert record["text"] == expected(raw.encode(), name)[1]
        for key in ("title", "date", "authors", "language", "input_format"):
            assert key in record
        assert all(set(r) == {"line", "reason"} for r in record["removed"])
    assert any(json.loads((small_tree / "out/p/b.json").read_text())["removed"] for _ in [0])


def test_md_format(small_tree):
    proc = run_clean("p/a.html", "-o", "out", "--format", "md", cwd=str(small_tree))
    assert proc.returncode == 0, proc.stderr.decode()
    md = (small_tree / "out" / "a.md").read_text(encoding="utf-8")
    result = clean(html_page(21).encode(), input_format="html")
    assert md == to_markdown(result)  # tests/core/test_structure.py checks the Markdown itself
    if result.title:
        assert md.startswith("---\ntitle: ") and "\n# " + result.title in md


def test_jsonl_outdir_in_walk_order(small_tree):
    proc = run_clean("p", "-o", "out", "--format", "jsonl", "--jobs", "2", cwd=str(small_tree))
    assert proc.returncode == 0, proc.stderr.decode()
    assert set(os.listdir(small_tree / "out")) == {"cleaned.jsonl"}  # no partial left
    lines = (small_tree / "out" / "cleaned.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == [s for s, _n, _r in SMALL]
    for record, (_s, name, raw) in zip(records, SMALL):
        assert record["text"] == expected(raw.encode(), name)[1]
        assert "removed" not in record  # only with --explain


def test_stdin_to_stdout_txt():
    raw = text_dump(31).encode()
    proc = run_clean("-", stdin=raw)
    assert proc.returncode == 0, proc.stderr.decode()
    text = clean(raw).text.strip()
    assert proc.stdout.decode() == (text + "\n" if text else "")
    assert b"Summary: 1 files seen" in proc.stderr


def test_gzip_stdin_to_jsonl_stdout():
    raw = html_page(32).encode()
    proc = run_clean("-", "--format", "jsonl", "--quiet", stdin=gzip.compress(raw))
    assert proc.returncode == 0, proc.stderr.decode()
    (line,) = proc.stdout.decode().splitlines()
    record = json.loads(line)
    assert record["source"] == "<stdin>"
    assert record["text"] == clean(raw).text
    assert proc.stderr == b""  # --quiet: no summary, and stdout carries only the records


def test_several_inputs_to_stdout_have_headers(small_tree):
    proc = run_clean("p/b.txt", "p/sub/c", cwd=str(small_tree))
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert out.startswith("==> p/b.txt <==\n")
    assert "\n==> p/sub/c <==\n" in out
    assert clean(text_dump(23).encode()).text.strip() in out.split("==> p/sub/c <==")[1]


def test_lang_and_min_words_filters_are_counted_and_listed(tmp_path):
    german = ("Der Gemeinderat hat am Montag beschlossen, dass die neue Brücke über den Fluss im "
              "nächsten Frühjahr eröffnet wird. Die Anwohner begrüßten die Nachricht, während die "
              "Händler sich Sorgen um die Parkplätze während der letzten Bauwochen machten.\n\n") * 3
    write(str(tmp_path / "p" / "de.txt"), german)
    write(str(tmp_path / "p" / "en.txt"), text_dump(41))
    write(str(tmp_path / "p" / "short.txt"), "Tiny note with few words.\n")
    langs = {n: clean((tmp_path / "p" / n).read_bytes(), input_format="text") for n in os.listdir(tmp_path / "p")}
    proc = run_clean("p", "--format", "jsonl", "--lang", "de", "--min-words", "20",
                     "--errors", "e.jsonl", cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    kept = {n for n, r in langs.items() if r.text.strip() and r.language == "de" and r.word_count >= 20}
    dropped = {n for n, r in langs.items() if r.text.strip()} - kept
    assert {json.loads(line)["source"] for line in proc.stdout.decode().splitlines()} == {f"p/{n}" for n in kept}
    assert summary_counts(proc.stderr)["filtered"] == len(dropped) > 0
    err = proc.stderr.decode()
    for name in dropped:
        assert re.search(rf"^    p/{re.escape(name)}: ", err, re.M)  # listed in the summary
    report = error_lines(tmp_path / "e.jsonl")
    assert {(e["path"], e["kind"]) for e in report} == {(f"p/{n}", "filtered") for n in dropped}


# ---------------------------------------------------------------------------------------------
# Usage errors (exit 2, before any work)
# ---------------------------------------------------------------------------------------------


def test_refuses_outdir_inside_input(small_tree):
    proc = run_clean("p", "-o", "p/cleaned", cwd=str(small_tree))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "inside input directory p" in err and "Choose an -o outside p" in err
    assert not (small_tree / "p" / "cleaned").exists()
    same = run_clean("p", "-o", "p", cwd=str(small_tree))
    assert same.returncode == 2 and b"inside input directory" in same.stderr


@pytest.mark.parametrize("args, message", [
    (["missing-dir"], "input not found: missing-dir"),
    (["p", "--resume"], "--resume and --overwrite need -o OUTDIR"),
    (["p", "--jobs", "0"], "--jobs must be at least 1"),
    (["p", "-o", "p/b.txt"], "is not a directory"),
    (["p", "--lang", "english!"], "expected language codes like en,de"),
])
def test_usage_errors(small_tree, args, message):
    proc = run_clean(*args, cwd=str(small_tree))
    assert proc.returncode == 2
    assert message in proc.stderr.decode()
    assert proc.stdout == b""


def test_help_documents_every_option_with_an_example():
    proc = run_clean("--help")
    assert proc.returncode == 0
    text = proc.stdout.decode()
    for option in ("-o", "--format", "--input-format", "--jobs", "--explain", "--lang", "--min-words",
                   "--overwrite", "--resume", "--errors", "--quiet", "--version", "--timeout",
                   "--max-bytes"):
        assert re.search(rf"^  (-\w( \S+)?, )?{option}\b", text, re.M), option
    options_part = text.split("options:")[1].split("examples:")[0]
    entries = re.split(r"\n  (?=-)", options_part)[1:]
    assert entries and all("e.g." in " ".join(e.split()) for e in entries if not e.startswith("-h")), entries
    assert "examples:" in text and "exit status" in text


def test_version():
    proc = run_clean("--version")
    assert proc.returncode == 0
    assert re.match(rb"clean \(cleaner\) \d+\.\d+", proc.stdout)
