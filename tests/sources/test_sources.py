"""Record sources: WARC / WARC.gz / WET archives (built here with warcio itself) and JSONL files."""
from __future__ import annotations

import gzip
import io
import json

import pytest

pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from cleaner.sources import (  # noqa: E402
    Document,
    SourceError,
    clean_records,
    is_record_source,
    iter_documents,
)

BODY = "The harbour council met on Tuesday to discuss the new ferry timetable for the island. " * 6
WARC_DATE = "2023-04-05T06:07:08Z"


def article(title: str, body: str = BODY) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1><p>{body}</p></article></body></html>")


def response(writer, url, html, *, status="200 OK", content_type="text/html; charset=utf-8",
             encoding="utf-8"):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode(encoding)),
                                     http_headers=http, warc_headers_dict={"WARC-Date": WARC_DATE})


def conversion(writer, url, text):
    return writer.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode("utf-8")),
                                     warc_content_type="text/plain",
                                     warc_headers_dict={"WARC-Date": WARC_DATE})


def write_archive(path, make_records, *, gz=None):
    """Write the records `make_records(writer)` returns; returns (their ids, record end offsets)."""
    gz = str(path).endswith(".gz") if gz is None else gz
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    ids, ends = [], []
    for record in make_records(writer):
        writer.write_record(record)
        record.raw_stream.close()  # (warcio spools payloads to temporary files)
        ids.append(record.rec_headers.get_header("WARC-Record-ID"))
        ends.append(buf.tell())
    path.write_bytes(buf.getvalue())
    return ids, ends


def crawl(writer):
    """A typical crawl: warcinfo, pages, a request, an image, a 404 and a redirect."""
    return [
        writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}),
        writer.create_warc_record("http://example.org/a", "request", payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"),
                                  warc_content_type="application/http; msgtype=request"),
        response(writer, "http://example.org/a", article("Ferry timetable")),
        response(writer, "http://example.org/logo.png", "\x89PNG....", content_type="image/png"),
        response(writer, "http://example.org/b", article("Harbour council")),
        response(writer, "http://example.org/gone", article("Not found"), status="404 Not Found"),
        response(writer, "http://example.org/old", "", status="301 Moved Permanently"),
        response(writer, "http://example.org/c", article("Island news"), content_type="application/xhtml+xml"),
    ]


PAGE_INDEXES = (2, 4, 7)  # the records of `crawl` that are pages
PAGE_URLS = ["http://example.org/a", "http://example.org/b", "http://example.org/c"]


def split(items):
    items = list(items)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, SourceError)]
    return docs, errors


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_yields_html_responses_in_order_with_ids_urls_and_dates(tmp_path, name):
    path = tmp_path / name
    ids, _ = write_archive(path, crawl)
    docs, errors = split(iter_documents(path))
    assert errors == []
    assert [d.url for d in docs] == PAGE_URLS
    assert [d.record_id for d in docs] == [ids[i] for i in PAGE_INDEXES]
    assert {d.input_format for d in docs} == {"html"}
    assert {d.fallback_date for d in docs} == {"2023-04-05"}
    assert {d.source for d in docs} == {str(path)}
    assert "Ferry timetable" in docs[0].raw and BODY.strip() in docs[0].raw


def test_wet_conversion_records_are_text_documents(tmp_path):
    path = tmp_path / "crawl.warc.wet.gz"
    texts = ["Ferry timetable\n" + BODY, "Harbour council\n" + BODY]
    ids, _ = write_archive(path, lambda w: [
        w.create_warcinfo_record("crawl.warc.wet.gz", {"software": "test"}),
        conversion(w, "http://example.org/a", texts[0]),
        conversion(w, "http://example.org/b", texts[1]),
    ])
    docs, errors = split(iter_documents(path))
    assert errors == []
    assert [(d.url, d.raw, d.input_format, d.record_id) for d in docs] == [
        ("http://example.org/a", texts[0], "text", ids[1]),
        ("http://example.org/b", texts[1], "text", ids[2]),
    ]


def test_declared_http_charset_is_used(tmp_path):
    path = tmp_path / "latin.warc"
    html = article("Café au lait à Zürich")
    write_archive(path, lambda w: [
        response(w, "http://example.org/fr", html, content_type="text/html; charset=ISO-8859-1", encoding="latin-1"),
    ])
    (doc,) = iter_documents(path)
    assert doc.raw == html


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
def test_truncated_archive_keeps_records_before_the_break_and_reports_it(tmp_path, name):
    path = tmp_path / name
    ids, ends = write_archive(path, lambda w: [response(w, url, article(url)) for url in PAGE_URLS])
    data = path.read_bytes()
    path.write_bytes(data[: (ends[1] + ends[2]) // 2])  # cut in the middle of the third record
    items = list(iter_documents(path))
    assert [type(i) for i in items] == [Document, Document, SourceError]
    assert [d.record_id for d in items[:2]] == ids[:2]
    error = items[2]
    assert error.kind == "truncated" and error.source == str(path)
    assert "cut short" in error.message


@pytest.mark.parametrize("gz", [True, False])
def test_every_cut_point_yields_whole_records_then_at_most_one_error(tmp_path, gz):
    """Cut a two-record archive at (many) offsets: never a crash, never a partial page."""
    path = tmp_path / ("every.warc.gz" if gz else "every.warc")
    pages = {url: article(url, "Short body.") for url in PAGE_URLS[:2]}
    ids, ends = write_archive(path, lambda w: [response(w, url, html) for url, html in pages.items()])
    data = path.read_bytes()
    for cut in range(2, len(data) + 1, 5):
        path.write_bytes(data[:cut])
        docs, errors = split(iter_documents(path))
        assert [d.raw for d in docs] == list(pages.values())[: len(docs)], cut
        assert [d.record_id for d in docs] == ids[: len(docs)], cut
        assert len(docs) >= sum(end <= cut for end in ends), cut
        assert len(errors) <= 1, cut
        if cut not in ends and (gz or not any(end - 4 <= cut < end for end in ends)):
            assert [e.kind for e in errors] == ["truncated"], cut  # (4: a record's closing CRLFs)


def test_oversized_record_is_reported_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "big.warc.gz"
    ids, _ = write_archive(path, lambda w: [
        response(w, "http://example.org/big", article("Big", BODY * 50)),
        response(w, "http://example.org/small", article("Small")),
    ])
    items = list(iter_documents(path, max_bytes=5000))
    assert isinstance(items[0], SourceError) and items[0].kind == "too-large" and items[0].record_id == ids[0]
    assert isinstance(items[1], Document) and items[1].url == "http://example.org/small"
    unlimited = list(iter_documents(path, max_bytes=None))
    assert [d.raw for d in unlimited] == [article("Big", BODY * 50), article("Small")]


def test_not_an_archive_is_reported_not_raised(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a WARC file\n" * 10)
    (error,) = iter_documents(path)
    assert isinstance(error, SourceError) and error.kind in ("read", "truncated")


def test_clean_records_from_an_archive(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    ids, _ = write_archive(path, crawl)
    records = list(clean_records(path))
    assert [r["record_id"] for r in records] == [ids[i] for i in PAGE_INDEXES]
    assert [r["url"] for r in records] == PAGE_URLS
    assert [r["source"] for r in records] == [f"{path}#{ids[i]}" for i in PAGE_INDEXES]
    assert all(r["source_file"] == str(path) for r in records)
    assert all("ferry timetable" in r["text"] for r in records)
    assert all(r["date"] == "2023-04-05" for r in records)  # the pages state no date: WARC-Date
    assert all("removed" not in r for r in records)
    assert "removed" in next(clean_records(path, explain=True))


def test_clean_records_reports_a_truncated_archive_last(tmp_path):
    path = tmp_path / "cut.warc.gz"
    ids, ends = write_archive(path, lambda w: [response(w, url, article(url)) for url in PAGE_URLS])
    path.write_bytes(path.read_bytes()[: ends[1] + 10])
    records = list(clean_records(path))
    assert [r["record_id"] for r in records[:2]] == ids[:2]
    assert "text" in records[0] and "text" in records[1]
    assert records[2]["error"]["kind"] == "truncated"
    assert len(records) == 3


# ------------------------------------------------------------------------------------------
# JSONL
# ------------------------------------------------------------------------------------------


def write_jsonl(path, rows):
    lines = "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)
    data = lines.encode("utf-8")
    path.write_bytes(gzip.compress(data) if str(path).endswith(".gz") else data)


def test_jsonl_default_fields_and_passthrough(tmp_path):
    path = tmp_path / "pages.jsonl"
    write_jsonl(path, [
        {"url": "http://example.org/a", "text": "Plain dump\n" + BODY, "crawl": 7, "tags": ["x", "y"]},
        "",
        {"url": "http://example.org/b", "html": article("B"), "meta": {"k": None}},
    ])
    docs, errors = split(iter_documents(path))
    assert errors == []
    assert [(d.record_id, d.url) for d in docs] == [(1, "http://example.org/a"), (3, "http://example.org/b")]
    assert docs[0].raw.startswith("Plain dump") and docs[1].raw == article("B")
    assert docs[0].fields == {"crawl": 7, "tags": ["x", "y"]}
    assert docs[1].fields == {"meta": {"k": None}}


def test_jsonl_custom_fields(tmp_path):
    path = tmp_path / "pages.jsonl.gz"
    write_jsonl(path, [{"link": "http://example.org/a", "body": article("A"), "text": "kept as is"}])
    (doc,) = iter_documents(path, text_field="body", url_field="link", input_format="html")
    assert (doc.url, doc.raw, doc.input_format) == ("http://example.org/a", article("A"), "html")
    assert doc.fields == {"text": "kept as is"}


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path):
    path = tmp_path / "bad.jsonl"
    write_jsonl(path, [
        {"text": "first " + BODY},
        "{not json",
        "[1, 2]",
        {"title": "no page field"},
        {"text": 42},
        {"text": "last " + BODY, "url": 5},
        {"text": "really last " + BODY},
    ])
    items = list(iter_documents(path))
    assert [(type(i).__name__, i.record_id) for i in items] == [
        ("Document", 1), ("SourceError", 2), ("SourceError", 3), ("SourceError", 4),
        ("SourceError", 5), ("SourceError", 6), ("Document", 7)]
    assert [i.kind for i in items[1:6]] == ["json", "json", "field", "field", "field"]
    assert "'text' or 'html'" in items[3].message


def test_truncated_jsonl_gz(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    write_jsonl(path, [{"text": f"record {n} " + BODY} for n in range(50)])
    path.write_bytes(path.read_bytes()[:-20])
    docs, errors = split(iter_documents(path))
    assert 0 < len(docs) < 50 and [d.record_id for d in docs] == list(range(1, len(docs) + 1))
    assert [e.kind for e in errors] == ["truncated"]


def test_clean_records_from_jsonl_passes_fields_through(tmp_path):
    path = tmp_path / "pages.jsonl"
    write_jsonl(path, [{"url": "http://example.org/a", "html": article("A"), "title": "input title", "crawl": 7}])
    (record,) = clean_records(path)
    assert (record["source"], record["source_file"], record["record_id"]) == (f"{path}#1", str(path), 1)
    assert record["crawl"] == 7
    assert record["input_title"] == "input title"  # a name the output uses: kept under input_
    assert record["url"] == "http://example.org/a"
    assert "ferry timetable" in record["text"]


def test_record_source_suffixes(tmp_path):
    for name in ("a.warc", "a.warc.gz", "CC-MAIN-x.warc.wet.gz", "a.wet", "a.jsonl", "a.jsonl.gz", "a.ndjson"):
        assert is_record_source(name), name
    for name in ("a.html", "a.txt.gz", "a.json", "warc"):
        assert not is_record_source(name), name
    with pytest.raises(ValueError, match="not an archive or JSONL"):
        iter_documents(tmp_path / "page.html")


# ------------------------------------------------------------------------------------------
# The `clean` command on archives and JSONL
# ------------------------------------------------------------------------------------------


def read_jsonl_output(path):
    data = path.read_bytes()
    if str(path).endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.mark.slow  # the command's worker pool
def test_cli_archives_to_one_gzipped_jsonl_file(tmp_path):
    from cleaner import cli

    crawl_path, cut_path = tmp_path / "crawl.warc.gz", tmp_path / "cut.warc"
    ids, _ = write_archive(crawl_path, crawl)
    cut_ids, ends = write_archive(cut_path, lambda w: [response(w, url, article(url)) for url in PAGE_URLS])
    cut_path.write_bytes(cut_path.read_bytes()[: (ends[1] + ends[2]) // 2])  # inside record 3
    out, errors = tmp_path / "pages.jsonl.gz", tmp_path / "errors.jsonl"
    code = cli.main([str(crawl_path), str(cut_path), "-o", str(out), "--errors", str(errors), "-q", "--jobs", "2"])
    assert code == 1  # the truncated archive
    records = read_jsonl_output(out)
    expected_ids = [ids[i] for i in PAGE_INDEXES] + cut_ids[:2]
    assert [r["record_id"] for r in records] == expected_ids
    assert [r["source"] for r in records] == [f"{r['source_file']}#{r['record_id']}" for r in records]
    assert [r["source_file"] for r in records] == [str(crawl_path)] * 3 + [str(cut_path)] * 2
    assert [r["url"] for r in records[:3]] == PAGE_URLS
    assert all(r["date"] == "2023-04-05" and "ferry timetable" in r["text"] for r in records)
    (error,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert error["path"] == f"{cut_path}#{cut_ids[2]}" and error["kind"] == "truncated"


def test_cli_jsonl_with_custom_fields(tmp_path, inline):
    from cleaner import cli

    src, out = tmp_path / "pages.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, [{"link": "http://example.org/a", "body": article("A"), "crawl": 7},
                      {"link": "http://example.org/b", "body": article("B"), "title": "given"}])
    assert cli.main([str(src), "--text-field", "body", "--url-field", "link", "-o", str(out), "-q"]) == 0
    records = read_jsonl_output(out)
    assert [(r["record_id"], r["url"]) for r in records] == [(1, "http://example.org/a"), (2, "http://example.org/b")]
    assert records[0]["crawl"] == 7 and records[1]["input_title"] == "given"
    assert "body" not in records[0] and "link" not in records[0]


def test_cli_archive_to_stdout_is_jsonl(tmp_path, inline, capfdbinary):
    from cleaner import cli

    path = tmp_path / "crawl.warc"
    ids, _ = write_archive(path, crawl)
    assert cli.main([str(path), "-q"]) == 0
    lines = capfdbinary.readouterr().out.decode().splitlines()
    assert [json.loads(line)["record_id"] for line in lines] == [ids[i] for i in PAGE_INDEXES]


def test_cli_resume_completes_a_cut_gzip_output(tmp_path, inline):
    from cleaner import cli

    src = tmp_path / "pages.jsonl"
    write_jsonl(src, [{"text": f"Record {n}. " + BODY} for n in range(6)])
    full = tmp_path / "full.jsonl.gz"
    assert cli.main([str(src), "-o", str(full), "-q"]) == 0
    expected = gzip.decompress(full.read_bytes())
    # a run killed after three records: its partial file ends in the middle of a gzip member
    out = tmp_path / "out.jsonl.gz"
    first_three = b"".join(expected.splitlines(keepends=True)[:3])
    (tmp_path / ".out.jsonl.gz.partial").write_bytes(gzip.compress(first_three) + gzip.compress(expected)[:40])
    assert cli.main([str(src), "-o", str(out), "-q", "--resume"]) == 0
    assert gzip.decompress(out.read_bytes()) == expected
    assert cli.main([str(src), "-o", str(tmp_path / "again.jsonl.gz"), "-q"]) == 0
    assert (tmp_path / "again.jsonl.gz").read_bytes() == full.read_bytes()  # no time stamp in gzip
    assert not (tmp_path / ".out.jsonl.gz.partial").exists()


def test_cli_archives_inside_a_directory_are_expanded(tmp_path, inline):
    from cleaner import cli

    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    ids, _ = write_archive(tree / "sub" / "crawl.warc.gz", crawl)
    (tree / "page.html").write_text(article("Loose page"), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main([str(tree), "-o", str(out), "--format", "jsonl", "-q"]) == 0
    records = read_jsonl_output(out / "cleaned.jsonl")
    assert [r.get("record_id") for r in records] == [None] + [ids[i] for i in PAGE_INDEXES]


def test_cli_refuses_a_non_jsonl_format_for_a_jsonl_file(tmp_path, capsys):
    from cleaner import cli

    path = tmp_path / "pages.jsonl"
    write_jsonl(path, [{"text": BODY}])
    assert cli.main([str(path), "--format", "txt", "-o", str(tmp_path / "out.jsonl")]) == 2
    assert "takes --format jsonl" in capsys.readouterr().err
