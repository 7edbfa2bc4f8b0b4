"""Record sources under attack: over-long JSONL lines, links to devices, damaged WARC headers.

Each test drives the real reader or the real `clean` command on real files.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from cleaner.sources import SourceError, iter_documents
from cleaner.sources.jsonl import bounded_lines

BODY = "The harbour council met on Tuesday to discuss the new ferry timetable for the island. " * 6


def run_clean(*args: str, timeout: float = 120, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], capture_output=True,
                          timeout=timeout, cwd=cwd)


class _Watched(io.BufferedReader):
    """A file whose reads are recorded, to prove no read returns more than a bound."""

    longest = 0

    def readline(self, size=-1):
        line = super().readline(size)
        _Watched.longest = max(_Watched.longest, len(line))
        return line


def test_an_over_long_jsonl_line_is_too_large_and_the_next_line_is_read(tmp_path):
    path = tmp_path / "pages.jsonl"
    big = json.dumps({"text": "x" * 3_000_000})
    path.write_text(big + "\n" + json.dumps({"text": BODY, "url": "http://example.org/b"}) + "\n")
    items = list(iter_documents(path, max_bytes=100_000))
    assert isinstance(items[0], SourceError)
    assert (items[0].kind, items[0].record_id) == ("too-large", 1)
    assert "longer than max_bytes=100000" in items[0].message
    assert items[1].url == "http://example.org/b" and items[1].record_id == 2


def test_reading_lines_never_holds_more_than_max_bytes(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b"y" * 5_000_000 + b"\n" + b'{"text": "short"}\n' + b"z" * 300_000)
    _Watched.longest = 0
    with _Watched(io.FileIO(str(path)), buffer_size=64 * 1024) as stream:
        lines = list(bounded_lines(stream, 10_000))
    assert lines == [None, b'{"text": "short"}\n', None]
    assert _Watched.longest <= 1 << 20  # the skip chunk, never the 5 MB line


@pytest.mark.slow
def test_cli_reports_an_over_long_line_as_too_large(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"text": "word " * 400_000}) + "\n" + json.dumps({"text": BODY}) + "\n")
    errors = tmp_path / "errors.jsonl"
    proc = run_clean(str(path), "-o", str(tmp_path / "out.jsonl"), "--max-bytes", "1000000",
                     "--errors", str(errors), "-q")
    assert proc.returncode == 1
    report = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(r["path"], r["kind"]) for r in report] == [(f"{path}#1", "too-large")]
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["record_id"] for r in records] == [2]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["z.jsonl", "z.warc"])
def test_a_jsonl_or_warc_link_to_dev_zero_is_refused_at_once(tmp_path, name):
    link = tmp_path / name
    os.symlink("/dev/zero", link)
    proc = run_clean(str(link), timeout=60)
    assert proc.returncode == 1
    assert f"{link}: input: not a regular file" in proc.stderr.decode()


def test_a_jsonl_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    items = list(iter_documents(fifo))  # would block in open() for a writer
    assert [(i.kind, i.message) for i in items] == [("input", "not a regular file (a FIFO, device or socket)")]


# --- damaged WARCs ---------------------------------------------------------------------------

def warc_record(url: str, html: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=http)
    writer.write_record(record)
    return buf.getvalue()


PAGE = f"<html><head><title>Ferry</title></head><body><article><p>{BODY}</p></article></body></html>"


class _Counting(io.FileIO):
    """A file that counts the bytes read from it."""

    total = 0

    def read(self, size=-1):
        data = super().read(size)
        _Counting.total += len(data)
        return data


def test_a_header_line_without_crlf_stops_reading_at_the_line_bound(tmp_path):
    pytest.importorskip("warcio")
    from cleaner.sources import warc

    path = tmp_path / "long.warc"
    path.write_bytes(warc_record("http://example.org/a", PAGE)
                     + b"WARC/1.0\r\nWARC-Target-URI: http://example.org/" + b"a" * 20_000_000)
    _Counting.total = 0
    with _Counting(str(path)) as f:
        items = list(warc._read_stream(str(path), io.BufferedReader(f), None))
    assert [type(i).__name__ for i in items] == ["Document", "SourceError"]
    error = items[1]
    assert error.kind == "read"
    assert "a header line is longer than 1048576 bytes" in error.message
    assert len(error.message) < 400
    assert _Counting.total < 2 * warc.MAX_HEADER_LINE  # not the 20 MB line


@pytest.mark.slow
def test_a_bad_first_line_is_quoted_short_and_escaped(tmp_path):
    pytest.importorskip("warcio")
    path = tmp_path / "nul.warc"
    path.write_bytes(b"\x00" * 300_000 + b"\r\n" + warc_record("http://example.org/a", PAGE))
    errors = tmp_path / "errors.jsonl"
    proc = run_clean(str(path), "-o", str(tmp_path / "out.jsonl"), "--errors", str(errors), "-q")
    assert proc.returncode == 1
    assert b"\x00" not in proc.stderr and len(proc.stderr) < 1000
    (report,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert report["kind"] == "read" and len(report["message"]) < 400
    assert "\\x00\\x00" in report["message"] and "..." in report["message"]


@pytest.mark.slow
def test_a_wrong_content_length_does_not_copy_the_archive_to_stderr(tmp_path):
    pytest.importorskip("warcio")
    first = warc_record("http://example.org/a", PAGE).replace(b"Content-Length: ", b"Content-Length: 1", 1)
    path = tmp_path / "bad-length.warc"
    path.write_bytes(first + b"\x01junk" * 50_000 + b"\r\n\r\n" + warc_record("http://example.org/b", PAGE))
    proc = run_clean(str(path), "-o", str(tmp_path / "out.jsonl"), "-q")
    assert b"junk" not in proc.stderr and len(proc.stderr) < 2000


def test_records_that_are_not_pages_are_counted_by_reason(tmp_path):
    pytest.importorskip("warcio")
    from collections import Counter

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, status, ctype in [("http://e.org/a", "200 OK", "text/html"), ("http://e.org/x.pdf", "200 OK", "application/pdf"),
                               ("http://e.org/gone", "404 Not Found", "text/html")]:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(PAGE.encode()),
                                                      http_headers=http))
    writer.write_record(writer.create_warc_record("http://e.org/a", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                                  warc_content_type="application/http; msgtype=request"))
    (tmp_path / "crawl.warc").write_bytes(buf.getvalue())
    passed_over = Counter()
    items = list(iter_documents(tmp_path / "crawl.warc", passed_over=passed_over))
    assert [i.url for i in items] == ["http://e.org/a"]
    assert passed_over == {"not HTML": 1, "status 404": 1, "request": 1}
