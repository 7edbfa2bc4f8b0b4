"""`clean` over trees and JSONL with site templates: a first pass learns each site's template,
the second cleans; --no-templates, --site-key, --resume, and outputs that do not depend on input
order or --jobs. Files on disk, the real command (in-process, or as a subprocess)."""
from __future__ import annotations

import json
import os

import pytest

import sitepages as S
from support import run_clean, snapshot, write

from cleaner import cli
from cleaner.sites import MIN_PAGES, SiteModel


def make_site(root, n=8, fmt="text", blurb=S.BLURB, start=0):
    ext = "txt" if fmt == "text" else "html"
    make = S.dump if fmt == "text" else S.html
    for topic in S.TOPICS[start:start + n]:
        write(str(root / f"{topic}.{ext}"), make(topic, blurb))


def outputs(out) -> dict:
    return {k: v for k, v in snapshot(str(out), include_hidden=False).items()}


def test_a_tree_is_cleaned_with_its_sites_templates(tmp_path, inline, capsys):
    make_site(tmp_path / "crawl" / "courier")
    make_site(tmp_path / "crawl" / "gazette", n=6, fmt="html", blurb="The Gazette is owned by its readers "
              "and has reported on the coast and its harbours for over a century now.")
    assert cli.main([str(tmp_path / "crawl"), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "site templates: 2 sites (learned)" in err and "template" in err  # removed-lines summary
    for name, text in outputs(tmp_path / "out").items():
        assert b"independent newsroom" not in text and b"owned by its readers" not in text
        assert b"The new " in text, name  # the articles stay
    model = SiteModel.load(tmp_path / "out" / ".clean-sites.json")
    assert sorted(t.pages for t in model.templates.values()) == [6, 8]


def test_no_templates_and_site_key_none_clean_every_page_alone(tmp_path, inline):
    make_site(tmp_path / "crawl")
    runs = {}
    for flag in ("--no-templates", "--site-key=none"):
        out = tmp_path / f"out{flag}"
        assert cli.main([str(tmp_path / "crawl"), "-o", str(out), flag]) == 0
        runs[flag] = outputs(out)
        assert not (out / ".clean-sites.json").exists()
    assert runs["--no-templates"] == runs["--site-key=none"]
    assert all(S.BLURB.encode() in text for text in runs["--no-templates"].values())


def test_a_site_below_min_pages_is_byte_identical_to_no_templates(tmp_path, inline):
    make_site(tmp_path / "crawl" / "big")
    make_site(tmp_path / "crawl" / "small", n=MIN_PAGES - 1)
    assert cli.main([str(tmp_path / "crawl"), "-o", str(tmp_path / "a"), "--format", "jsonl", "--explain"]) == 0
    assert cli.main([str(tmp_path / "crawl"), "-o", str(tmp_path / "b"), "--format", "jsonl", "--explain",
                     "--no-templates"]) == 0
    a = [json.loads(x) for x in (tmp_path / "a" / "cleaned.jsonl").read_text().splitlines()]
    b = [json.loads(x) for x in (tmp_path / "b" / "cleaned.jsonl").read_text().splitlines()]
    small = [(x, y) for x, y in zip(a, b) if "/small/" in x["source"]]
    assert len(small) == MIN_PAGES - 1 and all(x == y for x, y in small)
    big = [x for x in a if "/big/" in x["source"]]
    assert all({"line": S.BLURB, "reason": "template"} in x["removed"] for x in big)


def test_jsonl_records_are_grouped_by_their_urls_host(tmp_path, inline):
    rows = [{"url": url, "text": raw} for raw, url in S.crawl(8) + S.crawl(3, host="tiny.example")]
    write(str(tmp_path / "pages.jsonl"), "".join(json.dumps(r) + "\n" for r in rows))
    assert cli.main([str(tmp_path / "pages.jsonl"), "-o", str(tmp_path / "clean.jsonl")]) == 0
    got = [json.loads(x) for x in (tmp_path / "clean.jsonl").read_text().splitlines()]
    assert [S.BLURB in r["text"] for r in got] == [False] * 8 + [True] * 3
    model = SiteModel.load(tmp_path / ".clean.jsonl.sites.json")
    assert list(model.templates) == ["host:courier.example"]


def test_resume_reuses_the_saved_site_model(tmp_path, inline, capsys):
    make_site(tmp_path / "crawl")
    out = tmp_path / "out"
    assert cli.main([str(tmp_path / "crawl"), "-o", str(out)]) == 0
    saved = (out / ".clean-sites.json").read_bytes()
    # more pages with another house blurb arrive; the resumed run keeps the templates it had
    other = "Subscribe to the Valley Courier print edition for just a few coins a week, delivered."
    make_site(tmp_path / "crawl", n=4, blurb=other, start=8)
    capsys.readouterr()
    assert cli.main([str(tmp_path / "crawl"), "-o", str(out), "--resume"]) == 0
    assert "(reused from" in capsys.readouterr().err
    assert (out / ".clean-sites.json").read_bytes() == saved
    new = (out / "crawl" / f"{S.TOPICS[8]}.txt").read_text()
    assert S.BLURB not in new  # the saved template applies to the new pages too


def test_resume_learns_again_when_the_saved_model_is_damaged(tmp_path, inline):
    make_site(tmp_path / "crawl")
    out = tmp_path / "out"
    assert cli.main([str(tmp_path / "crawl"), "-o", str(out)]) == 0
    (out / ".clean-sites.json").write_text("{broken")
    os.remove(out / "crawl" / "harbour.txt")
    assert cli.main([str(tmp_path / "crawl"), "-o", str(out), "--resume"]) == 0
    assert S.BLURB not in (out / "crawl" / "harbour.txt").read_text()
    assert SiteModel.load(out / ".clean-sites.json").templates


@pytest.mark.slow
def test_outputs_do_not_depend_on_input_order_or_jobs(tmp_path):
    # the same pages under names that walk in opposite orders, cleaned with 1 and 2 workers
    for i, topic in enumerate(S.TOPICS[:9]):
        write(str(tmp_path / "a" / "site" / f"{i:02d}.txt"), S.dump(topic))
        write(str(tmp_path / "b" / "site" / f"{8 - i:02d}.txt"), S.dump(topic))
    runs = {}
    for tree, jobs in (("a", "1"), ("b", "2")):
        proc = run_clean(tree, "-o", f"out-{tree}", "--jobs", jobs, "-q", cwd=str(tmp_path))
        assert proc.returncode == 0, proc.stderr.decode()
        runs[tree] = outputs(tmp_path / f"out-{tree}" / tree)
    assert len(runs["a"]) == 9
    for i in range(9):
        assert runs["a"][f"site/{i:02d}.txt"] == runs["b"][f"site/{8 - i:02d}.txt"]
    assert all(S.BLURB.encode() not in v for v in runs["a"].values())


def test_a_warc_archives_records_are_grouped_by_their_urls_host(tmp_path, inline):
    pytest.importorskip("warcio")
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for raw, url in S.crawl(6, fmt="html") + S.crawl(2, fmt="html", host="other.example"):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(raw.encode()), http_headers=headers)
        writer.write_record(record)
    (tmp_path / "crawl.warc.gz").write_bytes(buf.getvalue())
    assert cli.main([str(tmp_path / "crawl.warc.gz"), "-o", str(tmp_path / "out.jsonl")]) == 0
    got = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [S.BLURB in r["text"] for r in got] == [False] * 6 + [True] * 2
    assert list(SiteModel.load(tmp_path / ".out.jsonl.sites.json").templates) == ["host:courier.example"]
