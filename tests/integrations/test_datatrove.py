"""The datatrove steps (cleaner.integrations.datatrove) in real datatrove pipelines, over a WARC and
a WET file built here with warcio, checked against what the `clean` command writes for them."""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("warcio")
from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader, WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from cleaner import clean  # noqa: E402
from cleaner.errors import InputError  # noqa: E402
from cleaner.sources import clean_records  # noqa: E402
from cleaner.integrations import datatrove as dt  # noqa: E402
from cleaner.integrations.datatrove import CleanerExtractor, CleanerFilter  # noqa: E402

WARC_DATE = "2023-04-05T06:07:08Z"
FERRY = [  # paragraphs of an article: any sane body decision keeps them
    "The harbour council met on Tuesday to discuss the new ferry timetable for the island. Residents "
    "asked for an earlier crossing on weekdays and a later one on Sundays, when visitors leave after "
    "lunch and the last boat is often full long before it sails.",
    "The operator said two extra crossings would need a second crew, which it cannot hire before the "
    "spring, but it agreed to publish a trial timetable next month and to ask passengers what they think.",
    "Councillors will vote on the trial at their next meeting, after a week of consultation in the "
    "library and at the harbour office. The mayor said the island could not wait another winter.",
]
MARKET = [  # a shorter one (fewer than 90 words)
    "The covered market reopens next month after a year of repairs to its roof and floor. Traders say "
    "the new stalls are larger and the lighting is much better than before.",
    "The first market day will be a Saturday, with music in the square and a bus from the harbour.",
]
NAV = "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/about'>About us</a></nav>"
FOOTER = "<footer><p>Copyright 2023 Island News. All rights reserved.</p><p>Privacy policy</p></footer>"


def page(title, body, *, date=None, author=None, description=None):
    head = f"<title>{title}</title>"
    head += f"<meta name='author' content='{author}'>" if author else ""
    head += f"<meta name='description' content='{description}'>" if description else ""
    head += f"<meta property='article:published_time' content='{date}'>" if date else ""
    paras = "".join(f"<p>{p}</p>" for p in body)
    return f"<html><head>{head}</head><body>{NAV}<article><h1>{title}</h1>{paras}</article>{FOOTER}</body></html>"


EMPTY_PAGE = "<html><head><title>Menu</title></head><body><div></div></body></html>"
BINARY = "\x00" * 600 + "<html>"  # a response whose body is binary: the cleaner refuses it (kind input)


def response(writer, url, html):
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    # WARC-Identified-Payload-Type spares datatrove's reader its libmagic guess (as in Common Crawl)
    return writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=http,
                                     warc_headers_dict={"WARC-Date": WARC_DATE,
                                                        "WARC-Identified-Payload-Type": "text/html"})


def conversion(writer, url, text):
    return writer.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode("utf-8")),
                                     warc_content_type="text/plain",
                                     warc_headers_dict={"WARC-Date": WARC_DATE,
                                                        "WARC-Identified-Payload-Type": "text/plain"})


def write_archive(path, make_records):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=str(path).endswith(".gz"))
    for record in make_records(writer):
        writer.write_record(record)
        record.raw_stream.close()
    path.write_bytes(buf.getvalue())


def warc_records(w):
    return [
        w.create_warcinfo_record("crawl.warc.gz", {"software": "test"}),
        response(w, "http://example.org/ferry", page("Ferry timetable", FERRY, date="2023-03-01",
                                                     author="Ann Smith", description="Earlier crossings")),
        response(w, "http://example.org/market", page("Market reopens", MARKET)),
        response(w, "http://example.org/menu", EMPTY_PAGE),
        response(w, "http://example.org/broken", BINARY),
    ]


WET_TEXT = ("Island News\nHome | News | About us\n\nFerry timetable changes\n\n" + "\n\n".join(FERRY)
            + "\n\nShare this article on Facebook\nCopyright 2023 Island News. All rights reserved.\n")
WET_TEXT_2 = "Market reopens\n\n" + "\n\n".join(MARKET) + "\n\nRead more: Ferry timetable changes\n"


def wet_records(w):
    return [w.create_warcinfo_record("crawl.warc.wet.gz", {"software": "test"}),
            conversion(w, "http://example.org/ferry", WET_TEXT),
            conversion(w, "http://example.org/market", WET_TEXT_2)]


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """A folder with a WARC and a WET file: two shards, one for each of two datatrove tasks."""
    root = tmp_path_factory.mktemp("crawl")
    write_archive(root / "crawl.warc.gz", warc_records)
    write_archive(root / "crawl.wet.gz", wet_records)
    return root


def clean_command(paths, *args):
    """What `clean PATHS --explain` writes: its records (jsonl on stdout) keyed by record id, and
    the kinds of the pages that failed (--errors), keyed by (file, record id)."""
    with tempfile.TemporaryDirectory() as tmp:
        errors = Path(tmp, "errors.jsonl")
        proc = subprocess.run([sys.executable, "-m", "cleaner.cli", *map(str, paths), "--explain", "-q", "-j", "1",
                               "--errors", str(errors), *args], capture_output=True, text=True)
        failures = [json.loads(line) for line in errors.read_text().splitlines()]
    assert proc.returncode in (0, 1), proc.stderr
    records = {r["record_id"]: r for r in map(json.loads, proc.stdout.splitlines())}
    return records, {tuple(e["path"].split("#", 1)): e["kind"] for e in failures if e["kind"] != "filtered"}


@pytest.fixture(scope="module")
def cleaned(archives):
    """`clean` run once, as a command, over both archives: {file name: (records, failures)}."""
    records, failures = clean_command(sorted(archives.glob("*.gz")))
    return {name: ({rid: r for rid, r in records.items() if r["source_file"].endswith(name)},
                   {rid: kind for (path, rid), kind in failures.items() if path.endswith(name)})
            for name in ("crawl.warc.gz", "crawl.wet.gz")}


def run_pipeline(tmp_path, reader, steps, tasks=1, workers=1):
    """Run reader -> steps -> JsonlWriter with LocalPipelineExecutor (workers=1: in this process)."""
    out = tmp_path / "out"
    LocalPipelineExecutor(pipeline=[reader, *steps, JsonlWriter(str(out), compression=None)], tasks=tasks,
                          workers=workers, logging_dir=str(tmp_path / "logs")).run()
    docs = [json.loads(line) for f in sorted(out.glob("*.jsonl")) for line in f.read_text().splitlines()]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    return {d["id"]: d for d in docs}, stats


def step_stats(stats, name):
    (step,) = [s for s in stats if s["name"] == name]
    return {key: value["total"] if isinstance(value, dict) else value for key, value in step["stats"].items()}


def reader_for(root, pattern="*.gz"):
    return WarcReader(str(root), glob_pattern=pattern)


CLEAN_FIELDS = dt.FIELDS + ("removed",)


@pytest.mark.slow  # the clean command as a subprocess; 2 tasks: a pool of 2 worker processes
@pytest.mark.parametrize("pattern, input_format, tasks", [("*.gz", "auto", 2), ("*.wet.gz", "text", 1)])
def test_pipeline_records_equal_what_clean_writes(archives, cleaned, tmp_path, pattern, input_format, tasks):
    names = [name for name in cleaned if Path(name).match(pattern)]
    expected = {rid: r for name in names for rid, r in cleaned[name][0].items()}
    failures = {rid: kind for name in names for rid, kind in cleaned[name][1].items()}
    docs, stats = run_pipeline(tmp_path, reader_for(archives, pattern),
                               [CleanerExtractor(input_format=input_format, explain=True)], tasks=tasks,
                               workers=tasks)  # 2 tasks: 2 worker processes, one archive each
    written = {rid: r for rid, r in expected.items() if r["text"]}
    assert sorted(docs) == sorted(written)  # what cleans to nothing or fails is dropped
    # (which pages keep a body is the core's decision; the two ferry articles surely do)
    kept = {(d["metadata"]["url"], d["metadata"]["input_format"]) for d in docs.values()}
    assert ("http://example.org/ferry", "text") in kept
    for rid, doc in docs.items():
        record, meta = written[rid], doc["metadata"]
        assert doc["text"] == record["text"]
        assert {f: meta[f] for f in CLEAN_FIELDS} == {f: record[f] for f in CLEAN_FIELDS}
    if tasks == 2:
        assert {d["metadata"]["input_format"] for d in docs.values()} == {"html", "text"}
        html = {d["metadata"]["url"]: d["metadata"] for d in docs.values() if d["metadata"]["input_format"] == "html"}
        ferry = html["http://example.org/ferry"]
        assert (ferry["title"], ferry["date"], ferry["authors"]) == ("Ferry timetable", "2023-03-01", ["Ann Smith"])
        assert ferry["input_date"] == WARC_DATE  # the reader's crawl date, moved aside, not lost
        for meta in html.values():  # no date on the page: the crawl day, as `clean` gives
            assert meta["date"] == "2023-04-05" or meta["url"].endswith("/ferry")
    counts = step_stats(stats, "🛢 - EXTRAC: 🧹 Cleaner")
    assert counts["total"] == len(expected) + len(failures) and counts["forwarded"] == len(docs)
    assert counts["cleaned"] == len(docs) and counts.get("empty", 0) == len(expected) - len(docs)
    assert counts.get("failed", 0) == len(failures) == counts.get("failed_input", 0)
    removed = [r["reason"] for record in expected.values() for r in record.get("removed", [])]
    assert counts["removed_lines"] == len(removed) > 0
    for reason in set(removed):
        assert counts[f"removed_{reason}"] == removed.count(reason)


@pytest.mark.slow  # the clean command as a subprocess
def test_the_warc_holds_an_empty_and_a_failing_page(cleaned):
    records, failures = cleaned["crawl.warc.gz"]
    assert list(failures.values()) == ["input"]
    assert [r["url"] for r in records.values() if not r["text"]] == ["http://example.org/menu"]


def library_records(path):
    """`clean_records`, the library path of the `clean` command: its records, failures left out."""
    return {r["record_id"]: r for r in clean_records(str(path)) if "error" not in r}


def test_empty_documents_can_be_kept_with_a_flag(archives, tmp_path):
    expected = {**library_records(archives / "crawl.warc.gz"), **library_records(archives / "crawl.wet.gz")}
    docs, stats = run_pipeline(tmp_path, reader_for(archives), [CleanerExtractor(empty="flag")], tasks=2)
    assert sorted(docs) == sorted(expected)  # every page but the binary one
    flagged = {rid for rid, d in docs.items() if d["metadata"].get("cleaner_empty")}
    assert flagged == {rid for rid, r in expected.items() if not r["text"]}
    for rid in flagged:  # (datatrove's writers leave out empty values: the text "" is not written)
        assert docs[rid].get("text", "") == "" and docs[rid]["metadata"]["title"] == expected[rid]["title"]
    assert "http://example.org/menu" in {docs[rid]["metadata"]["url"] for rid in flagged}
    assert step_stats(stats, "🛢 - EXTRAC: 🧹 Cleaner")["empty"] == len(flagged)


def test_filter_step_equals_clean_lang_and_min_words(archives, tmp_path, inline, capsys):
    from cleaner import cli

    assert cli.main([str(archives / "crawl.warc.gz"), "-q", "--lang", "en", "--min-words", "90"]) == 1
    expected = {r["record_id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    docs, stats = run_pipeline(tmp_path, reader_for(archives, "*.warc.gz"),
                               [CleanerExtractor(), CleanerFilter(langs="en", min_words=90)])
    assert sorted(docs) == sorted(expected)
    assert "Ferry timetable" in {d["metadata"]["title"] for d in docs.values()}
    unfiltered = [r for r in library_records(archives / "crawl.warc.gz").values() if r["text"]]
    short = [r for r in unfiltered if len(r["text"].split()) < 90]
    assert short  # MARKET has fewer than 90 words
    counts = step_stats(stats, "🔻 - FILTER: 🧹 Cleaner filter")
    assert counts["dropped_min-words"] == len(short) and counts["forwarded"] == len(expected) == len(unfiltered) - len(short)


def test_filter_by_language_reads_the_metadata():
    step = CleanerFilter(langs=["de", "fr"])
    assert step.filter(Document("ein Text", "1", metadata={"language": "de"})) is True
    assert step.filter(Document("an English text", "2", metadata={"language": "en"})) == (False, "lang")
    assert step.filter(Document("no language", "3")) == (False, "lang")
    assert CleanerFilter(min_words=3).filter(Document("two words", "4")) == (False, "min-words")


def test_a_document_that_raises_does_not_stop_the_shard(archives, tmp_path, monkeypatch):
    real_clean = dt.clean

    def clean_or_crash(raw, **kwargs):
        if "covered market" in raw:
            raise RuntimeError("a bug on this page")
        return real_clean(raw, **kwargs)

    monkeypatch.setattr(dt, "clean", clean_or_crash)  # (workers=1: the pipeline runs in this process)
    docs, stats = run_pipeline(tmp_path, reader_for(archives, "*.warc.gz"), [CleanerExtractor()])
    assert [d["metadata"]["title"] for d in docs.values()] == ["Ferry timetable"]
    counts = step_stats(stats, "🛢 - EXTRAC: 🧹 Cleaner")
    assert (counts["failed"], counts["failed_internal"], counts["failed_input"]) == (2, 1, 1)
    assert counts["total"] == 4 and counts["dropped"] == 3


def test_time_limit_is_the_cleaners_own():
    step = CleanerExtractor(timeout=1e-6)  # far below what cleaning any page takes
    docs = list(step.run(iter([Document(page("Ferry timetable", FERRY * 20), "1")])))
    assert docs == [] and step.stats["failed_timeout"].total == 1


def test_existing_metadata_keys_are_never_overwritten_silently():
    doc = Document(page("Ferry timetable", FERRY), "1",
                   metadata={"title": "from the reader", "url": "http://example.org/ferry", "site": None})
    CleanerExtractor().process(doc)
    assert doc.metadata["title"] == "Ferry timetable" and doc.metadata["input_title"] == "from the reader"
    assert "input_url" not in doc.metadata  # the same value is no conflict
    kept = Document(page("Ferry timetable", FERRY), "2", metadata={"title": "from the reader", "date": "x"})
    step = CleanerExtractor(on_conflict="keep")
    step.process(kept)
    assert kept.metadata["title"] == "from the reader" and kept.metadata["cleaner_title"] == "Ferry timetable"
    assert kept.metadata["date"] == "x"  # no date found (and "x" gives no crawl day): left alone
    assert step.stats["metadata_conflict"].total == 1


def test_a_field_found_empty_leaves_an_existing_key_alone():
    meta = {"description": "given"}
    assert dt.place(meta, "description", None, "rename") is False and meta == {"description": "given"}
    meta = {"title": "a", "input_title": "b"}
    dt.place(meta, "title", "c", "rename")
    assert meta == {"title": "c", "input_title": "b", "input_title_2": "a"}


def test_fast_is_the_cores_fast_path():
    html = page("Ferry timetable", FERRY, author="Ann Smith")
    for fast in (False, True):
        doc = Document(html, "1")
        CleanerExtractor(fast=fast).process(doc)
        assert doc.text == clean(html, fast=fast).text and doc.metadata["authors"] == ["Ann Smith"]


def test_metadata_names_prefix_and_fields():
    doc = Document(page("Ferry timetable", FERRY, author="Ann Smith"), "1")
    CleanerExtractor(fields=("title", "authors", "language"), metadata_prefix="clean_",
                     metadata_names={"authors": "byline"}, explain=True).process(doc)
    assert set(doc.metadata) == {"clean_title", "byline", "clean_language", "clean_removed"}
    assert doc.metadata["byline"] == ["Ann Smith"] and doc.metadata["clean_language"] == "en"
    assert all(set(r) == {"line", "reason"} for r in doc.metadata["clean_removed"])


@pytest.mark.parametrize("kwargs, message", [
    ({"input_format": "pdf"}, "input_format must be one of auto, html, text, not 'pdf'"),
    ({"on_conflict": "overwrite"}, "on_conflict must be one of rename, keep, not 'overwrite'"),
    ({"empty": "keep"}, "empty must be one of drop, flag, not 'keep'"),
    ({"fields": ("title", "body")}, "unknown cleaner field 'body'"),
    ({"timeout": -1}, "timeout must be a positive number of seconds or None, not -1"),
    ({"max_bytes": 0}, "max_bytes must be a positive integer or None, not 0"),
    ({"metadata_names": {"body": "text"}}, "unknown cleaner field 'body'"),
])
def test_bad_options_are_refused_when_the_step_is_made(kwargs, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        CleanerExtractor(**kwargs)


def test_filter_needs_a_condition():
    with pytest.raises(InputError, match="needs langs= or min_words="):
        CleanerFilter()
    with pytest.raises(InputError, match="min_words must be a whole number >= 0, not -2"):
        CleanerFilter(min_words=-2)


def test_jsonl_text_dumps_through_the_jsonl_reader(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    rows = [{"id": "a", "text": WET_TEXT, "url": "http://example.org/ferry"}, {"id": "b", "text": WET_TEXT_2}]
    with gzip.open(src / "dump.jsonl.gz", "wt") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    docs, _ = run_pipeline(tmp_path, JsonlReader(str(src)), [CleanerExtractor(input_format="text")])
    for row in rows:
        result = clean(row["text"], url=row.get("url"), input_format="text")
        if not result.text:  # (the core's decision) dropped as empty
            assert row["id"] not in docs
            continue
        doc = docs[row["id"]]
        assert doc["text"] == result.text and doc["metadata"]["title"] == result.title
    assert "Share this article" not in docs["a"]["text"] and docs["a"]["metadata"]["url"] == rows[0]["url"]


@pytest.mark.slow  # 2 tasks: a pool of 2 worker processes
def test_the_docs_local_example_runs_verbatim(tmp_path, monkeypatch):
    import re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "datatrove.md").read_text(encoding="utf-8")
    section = doc.split("## A local run", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "docs/datatrove.md", "exec"), {"__name__": "__main__"})
    outputs = sorted((tmp_path / "cleaned").glob("*.jsonl.gz"))
    assert [p.name for p in outputs] == ["00000.jsonl.gz", "00001.jsonl.gz"]
    docs = [json.loads(line) for p in outputs for line in gzip.decompress(p.read_bytes()).splitlines()]
    assert sorted(d["metadata"]["title"] for d in docs) == ["Ferry timetable", "Harbour council"]
    for d in docs:
        assert d["text"].startswith("The harbour council met on Tuesday") and "Copyright" not in d["text"]
        assert d["metadata"]["language"] == "en" and d["metadata"]["input_format"] == "html"


def bench_data_dir(root: Path) -> Path:
    """A two-page modern-dev set laid out as the bench reads it (gold.jsonl + html/ID.html.gz)."""
    (root / "modern-dev" / "html").mkdir(parents=True)
    rows = []
    for pid, title, paras in (("p0", "Ferry timetable", FERRY), ("p1", "Harbour vote", FERRY[::-1])):
        (root / "modern-dev" / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(page(title, paras).encode()))
        rows.append({"id": pid, "url": f"https://example.org/{pid}", "body": "\n\n".join(paras),
                     "with": [paras[1][:60]], "without": ["Copyright 2023 Island News"], "title": title})
    (root / "modern-dev" / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return root


@pytest.mark.slow  # datatrove's Trafilatura step runs in a sandbox process
def test_bench_compares_both_steps_on_the_same_pipeline(tmp_path, capsys):
    from bench import datatrove_compare

    data, out = bench_data_dir(tmp_path / "data"), tmp_path / "out"
    assert datatrove_compare.main([str(data), "--limit", "2", "--out", str(out)]) == 0
    assert "| cleaner step | 2 | 2 |" in capsys.readouterr().out
    payload = json.loads((out / "datatrove-latest.json").read_text())
    results = {r["system"]: r for r in payload["results"]}
    assert set(results) == {"datatrove Trafilatura", "cleaner step", "cleaner step, fast=True"}
    assert payload["pages"] == 2
    for r in results.values():
        assert r["metrics"]["pages"] == 2 and [p["id"] for p in r["pages"]] == ["p0", "p1"]
        assert r["metrics"]["shingle"]["f1"] > 0.5 and r["counts"]["total"] == 2
    assert results["cleaner step"]["metrics"]["title"]["acc"] == 1.0
    assert datatrove_compare.main([str(tmp_path / "nowhere")]) == 2


def test_a_saved_site_model_takes_each_sites_template_out(tmp_path):
    import sitepages as S

    from cleaner.sites import SiteModel

    pages = S.crawl(8, fmt="html")
    SiteModel.learn(pages).save(tmp_path / "sites.json")
    step = CleanerExtractor(site_model=str(tmp_path / "sites.json"), explain=True)
    docs = [Document(raw, str(i), metadata={"url": url}) for i, (raw, url) in enumerate(pages)]
    docs.append(Document(pages[0][0], "no-url"))  # no URL: no site, cleaned alone
    for doc in docs:
        assert step.process(doc)
    assert all(S.BLURB not in d.text and {"line": S.BLURB, "reason": "template"} in d.metadata["removed"]
               for d in docs[:-1])
    assert S.BLURB in docs[-1].text
    with pytest.raises(InputError, match="site_model: cannot read .*missing.json"):
        CleanerExtractor(site_model=str(tmp_path / "missing.json"))
