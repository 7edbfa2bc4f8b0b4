"""Smoke test of the benchmark harness (bench/): metric definitions on hand-made examples,
the renderer and C4 rules, and the quality/diff commands end to end on a tiny generated
DATA_DIR. No timings asserted."""
from __future__ import annotations

import gzip
import sys
import json
from pathlib import Path

import pytest

from bench import diff, peers, quality
from bench.data import DEFAULT_DATA_DIR, DEFAULT_SETS, load_pages
from bench.metrics import (fold_title, segment_counts, segment_prf, shingle_counts, shingle_prf,
                           shingles, title_match)
from bench.render import render_bs4
from bench.systems import c4_filter, detect_language, justext_stoplist


@pytest.fixture(autouse=True)
def no_python312(tmp_path, monkeypatch):
    """No test builds the rs-trafilatura venv (it needs CPython 3.12 and the package index)."""
    monkeypatch.setenv(peers.PY312_ENV, str(tmp_path / "no-python3.12"))


# --- metric definitions ------------------------------------------------------------------

def test_shingles_are_4_token_windows_and_short_texts_one_shingle():
    assert shingles("a b, c d e!") == {"a b c d": 1, "b c d e": 1}
    assert shingles("just two") == {"just two": 1}
    assert shingles("") == {}


def test_shingle_counts_are_multiset_overlaps_normalised_by_their_sum():
    assert shingle_counts("a b c d e", "a b c d") == (0.5, 0.0, 0.5)
    # repeated shingles count as a multiset: gold has "w x y z" twice, output once
    tp, fp, fn = shingle_counts("w x y z. w x y z", "w x y z")
    assert tp == pytest.approx(1 / 5) and fp == 0 and fn == pytest.approx(4 / 5)
    assert shingle_counts("", "") == (0.0, 0.0, 0.0)


def test_shingle_prf_averages_over_pages_empty_output_counts_in_recall_only():
    pages = [shingle_counts("a b c d e", ""), shingle_counts("a b c d e", "a b c d e")]
    m = shingle_prf(pages)
    assert m["p"] == 1.0  # the empty output is left out of precision
    assert m["r"] == 0.5  # ... but counts in recall
    assert m["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_empty_gold_body_counts_output_as_false_positives_null_body_is_not_scored(tmp_path):
    from bench.metrics import score_page
    from bench.output import Output

    data = make_data_dir(tmp_path / "data")
    rows = [{"id": "p0", "url": None, "body": "", "with": [], "without": []},
            {"id": "p1", "url": None, "body": None, "with": ["x"], "without": []}]
    (data / "modern-dev" / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    empty_gold, no_gold = load_pages(data, "modern-dev")
    assert empty_gold.body == "" and no_gold.body is None
    assert score_page(empty_gold, Output(text="some menu text here"))["shingle"] == [0.0, 1.0, 0.0]
    assert score_page(no_gold, Output(text="x"))["shingle"] is None
    m = shingle_prf([score_page(empty_gold, Output(text="a b c d"))["shingle"], shingle_counts("a b c d", "a b c d")])
    assert (m["p"], m["r"]) == (0.5, 1.0)  # in precision as 0, not in recall (no gold shingle)


def test_segment_counts_collapse_whitespace_and_sum_over_pages():
    c1 = segment_counts("Hello\n   world, again", ["Hello world", "missing bit"], ["again", "absent"])
    assert c1 == {"tp": 1, "fn": 1, "fp": 1, "tn": 1}
    c2 = segment_counts("kept  text", ["kept\ttext"], [])
    m = segment_prf([c1, c2])
    assert (m["tp"], m["fn"], m["fp"], m["tn"]) == (2, 1, 1, 1)
    assert m["p"] == pytest.approx(2 / 3) and m["r"] == pytest.approx(2 / 3)


def test_title_folding_ignores_case_whitespace_and_punctuation():
    assert fold_title("  Hello,  World! ") == "hello world"
    assert title_match("Hello — World", "hello world")
    assert title_match("Hello World", "Hello World | Site") is False
    assert title_match(None, "anything") is None


# --- renderer and peers ------------------------------------------------------------------

def test_bs4_renderer_breaks_only_around_blocks_and_drops_scripts():
    html = ("<html><head><title>T</title><style>p{}</style></head><body><nav><a>Customer Service</a>"
            "<a>Site Map</a></nav><p>One <b>bold</b>\n  word<br>next</p><script>var x;</script>"
            "<span>a</span><span>b</span></body></html>")
    assert render_bs4(html).splitlines() == ["T", "Customer ServiceSite Map", "One bold word", "next", "ab"]


def test_c4_line_rules():
    text = "\n".join([
        "This is a proper sentence.", "Too short.", "No terminal punctuation here",
        "And it trails off...", "Please enable JavaScript to continue.",
        "This site uses cookies, you know.", "A cited fact is here.[1]",
    ])
    kept, removed = c4_filter(text)
    assert kept.splitlines() == ["This is a proper sentence.", "A cited fact is here."]
    assert [r for _, r in removed] == ["too_few_words", "no_terminal_punct", "no_terminal_punct",
                                       "javascript", "policy"]


def test_justext_gets_the_stop_list_of_the_language():
    german = "Die Regierung hat am Montag beschlossen, dass die Schulen wieder geöffnet werden."
    assert detect_language(german) == "de"
    assert "und" in justext_stoplist("de") and "the" in justext_stoplist(None)


# --- the commands on a tiny generated DATA_DIR -------------------------------------------

ARTICLE = ("The river rose three metres overnight and the town council opened two shelters. "
           "Volunteers carried sandbags to the old bridge until the early morning hours.")


def page_html(i: int) -> str:
    paras = "".join(f"<p>{ARTICLE} Paragraph {i}.{k} adds one more detail about the flood.</p>" for k in range(4))
    return (f"<html><head><title>Flood report {i}</title></head><body>"
            f"<nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
            f"<article><h1>Flood report {i}</h1>{paras}</article>"
            f"<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>")


def make_data_dir(root: Path) -> Path:
    for set_name, with_body in (("traf-dev", False), ("modern-dev", True)):
        (root / set_name / "html").mkdir(parents=True)
        rows = []
        for i in range(3):
            pid = f"p{i}"
            (root / set_name / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(page_html(i).encode()))
            body = "\n".join(f"{ARTICLE} Paragraph {i}.{k} adds one more detail about the flood." for k in range(4))
            rows.append({"id": pid, "url": f"https://example.org/{i}" if with_body else f"key::{i}",
                         "body": body if with_body else None,
                         "with": [f"Paragraph {i}.2 adds one more detail"],
                         "without": ["Copyright 2024 Example News"],
                         "title": f"Flood report {i}" if with_body else None, "author": None,
                         "date": None})
        (root / set_name / "gold.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return root


def test_quality_bench_on_tiny_data_writes_table_and_json(tmp_path, capsys):
    data, out = make_data_dir(tmp_path / "data"), tmp_path / "out"
    assert quality.main([str(data), "--out", str(out), "--mode", "html", "--mode", "text-bs4"]) == 0
    table, err = capsys.readouterr()
    assert "| modern-dev | html | trafilatura |" in table and "| traf-dev | text-bs4 | c4 |" in table
    assert "| modern-dev | html | readability-lxml |" in table and "rs-trafilatura" not in table
    assert "bench: skipping rs-trafilatura: no CPython 3.12" in err
    assert "has no set 'dragnet-train': skipped" in err  # the default sets it lacks
    payload = json.loads((out / "quality-latest.json").read_text())
    assert payload["machine"]["nproc"] >= 1 and payload["date"]
    partial = json.loads((out / "quality-partial.json").read_text())  # kept after each set and mode
    assert partial["results"] == payload["results"]
    systems = {(r["set"], r["mode"], r["system"]) for r in payload["results"]}
    assert ("traf-dev", "html", "cleaner") in systems and ("modern-dev", "text-bs4", "justext") in systems
    for r in payload["results"]:
        m = r["metrics"]
        assert m["pages"] == 3 and len(r["pages"]) == 3
        for block in (m["shingle"], m["segment"]):
            for key in ("p", "r", "f1"):
                if block is not None:
                    assert 0.0 <= block[key] <= 1.0
        assert (m["shingle"] is None) == (r["set"] == "traf-dev")
    keep_all = next(r for r in payload["results"] if r["system"] == "keep-all" and r["set"] == "traf-dev")
    assert keep_all["metrics"]["segment"]["r"] == 1.0  # keeping everything finds every snippet
    assert keep_all["metrics"]["segment"]["fp"] == 3  # ... and leaks every footer


def test_diff_view_and_worst_list_on_tiny_data(tmp_path, capsys):
    data, out = make_data_dir(tmp_path / "data"), tmp_path / "out"
    assert diff.main([str(data), "--out", str(out), "--set", "modern-dev", "--id", "p1", "--system", "c4",
                      "--mode", "text-bs4"]) == 0
    view = capsys.readouterr().out
    assert "modern-dev/p1" in view and "shingle P" in view and "KEPT" in view
    assert "[too_few_words] Home" in view or "[no_terminal_punct] Home" in view  # reasons shown
    assert diff.main([str(data), "--out", str(out), "--worst", "2", "--mode", "text-bs4"]) == 0
    worst = capsys.readouterr().out.splitlines()
    assert worst[0].split()[0] == "F1" and len([ln for ln in worst if "/p" in ln]) == 2


def test_missing_or_malformed_data_dir_is_a_clear_error(tmp_path, capsys):
    assert quality.main([str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err
    data = make_data_dir(tmp_path / "data")
    (data / "traf-dev" / "gold.jsonl").write_text('{"id": "p0", "url": "x"}\nnot json\n')
    assert quality.main([str(data), "--set", "traf-dev", "--out", str(tmp_path / "out")]) == 2
    assert "gold.jsonl:2" in capsys.readouterr().err


@pytest.mark.skipif(not DEFAULT_DATA_DIR.is_dir(), reason="no shared bench data beside the repo")
def test_quality_bench_on_two_real_pages_per_set(tmp_path, capsys):
    assert quality.main(["--limit", "2", "--mode", "html", "--out", str(tmp_path)]) == 0
    payload = json.loads((tmp_path / "quality-latest.json").read_text())
    assert {r["set"] for r in payload["results"]} == set(DEFAULT_SETS)
    assert all(r["metrics"]["pages"] == 2 for r in payload["results"])
    older = [r for r in payload["results"] if r["set"] in ("dragnet-train", "cleaneval-dev", "l3s-dev")]
    assert older and all(r["metrics"]["shingle"] and r["metrics"]["segment"] is None for r in older)
    big9 = load_pages(DEFAULT_DATA_DIR, "big9-dev", limit=1)[0]
    assert big9.site and big9.year


# --- the older sets' gold rows and the peers ---------------------------------------------

def test_older_set_rows_null_url_site_and_year_are_kept(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "dragnet-train" / "html").mkdir(parents=True)
    (data / "dragnet-train" / "html" / "7.html.gz").write_bytes(gzip.compress(page_html(7).encode()))
    body = "\n".join(f"{ARTICLE} Paragraph 7.{k} adds one more detail about the flood." for k in range(4))
    row = {"id": "7", "url": None, "body": body, "with": [], "without": [], "title": None,
           "site": "bbc", "year": 2009}
    (data / "dragnet-train" / "gold.jsonl").write_text(json.dumps(row) + "\n")
    page = load_pages(data, "dragnet-train")[0]
    assert (page.url, page.site, page.year, page.with_) == (None, "bbc", 2009, ())
    out = tmp_path / "out"
    assert quality.main([str(data), "--set", "dragnet-train", "--mode", "html", "--system", "cleaner",
                         "--system", "readability-lxml", "--out", str(out)]) == 0
    results = json.loads((out / "quality-latest.json").read_text())["results"]
    assert [r["system"] for r in results] == ["cleaner", "readability-lxml"]
    for r in results:  # a body and no snippets: shingle metrics only; per-page scores carry set and id
        assert r["metrics"]["segment"] is None and r["metrics"]["shingle"]["f1"] > 0.9
        assert [(r["set"], p["id"]) for p in r["pages"]] == [("dragnet-train", "7")]


FAKE_RS = '''
import os
__version__ = "0.0-fake"

class Result:
    def __init__(self, text):
        self.main_content, self.title, self.date = text, "T", None

def extract_bytes(raw, url=None):
    if b"CRASH" in raw:
        os._exit(3)
    return Result(raw.decode().upper() + " " + str(url))
'''


@pytest.mark.slow  # subprocesses
def test_rs_trafilatura_batch_runs_one_worker_and_survives_a_crashing_page(tmp_path, monkeypatch):
    (tmp_path / "rs_trafilatura.py").write_text(FAKE_RS)  # stands in for the 3.12-only wheel
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setattr(peers, "STATE", {"python": sys.executable, "version": "0.0-fake",
                                         "log": tmp_path / "worker.log"})
    page = load_pages(make_data_dir(tmp_path / "data"), "modern-dev", limit=1)[0]
    outs = list(peers.run_rs_trafilatura([(b"one", page), (b"CRASH", page), (b"two", page)], "html"))
    assert [o.text for o in outs] == ["ONE https://example.org/0", "", "TWO https://example.org/0"]
    assert outs[1].error == "crash: rs-trafilatura worker exited with code 3"
    assert outs[0].title == "T" and outs[0].error is None


def test_rs_trafilatura_without_python312_is_skipped_with_the_reason(tmp_path, capsys):
    why = peers.prepare_rs_trafilatura(tmp_path / "out")
    assert "no CPython 3.12" in why and str(tmp_path / "no-python3.12") in why
    data, out = make_data_dir(tmp_path / "data"), tmp_path / "out"
    assert diff.main([str(data), "--out", str(out), "--id", "p0", "--system", "rs-trafilatura"]) == 2
    assert "bench: skipping rs-trafilatura: no CPython 3.12" in capsys.readouterr().err


@pytest.mark.slow  # subprocesses
def test_startup_times_fresh_processes_of_import_and_clean(tmp_path):
    from bench.speed import clean_command
    from bench.startup import run_times, startup, startup_table

    page = load_pages(make_data_dir(tmp_path / "data"), "modern-dev", limit=1)[0]
    rows = startup(page, clean_command(), runs=1)
    assert [r["command"].split(" (")[0] for r in rows] == [
        "python -c pass", 'python -c "import cleaner"', "clean one-page.html"]
    assert "modern-dev/p0" in rows[2]["command"] and all(r["best_ms"] > 0 and r["cpu_best_ms"] > 0 for r in rows)
    assert "| clean one-page.html (modern-dev/p0, 1 KiB) | 1 |" in startup_table(rows)
    with pytest.raises(RuntimeError, match="exited with 3"):
        run_times([sys.executable, "-c", "raise SystemExit(3)"], runs=1)


def test_startup_processes_keep_their_bytecode_in_a_cache(tmp_path, monkeypatch):
    from bench.startup import bytecode_cached_env, run_times

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = bytecode_cached_env(tmp_path / "pycache")
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache")
    run_times([sys.executable, "-c", "import bench.startup"], runs=1, env=env)
    assert list((tmp_path / "pycache").rglob("startup.*.pyc"))


def test_readability_without_its_packages_is_skipped_with_what_to_install(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "readability" else real(name, *a))
    assert peers.prepare_readability(tmp_path) == "readability-lxml not installed (pip install -e '.[bench]')"


def test_langprofiles_checks_the_shipped_file_and_compares_the_dev_pages_languages(tmp_path, capsys):
    from bench import langprofiles
    from cleaner.text import language, profiles

    assert langprofiles.main(["--check"]) == 0
    assert "matches" in capsys.readouterr().out
    assert langprofiles.main(["--compare", str(make_data_dir(tmp_path / "data"))]) == 0
    out = capsys.readouterr().out
    assert "6 pages cleaned as HTML and as text (0 errors)" in out and "0 detected differently" in out
    assert isinstance(language._factory().word_lang_prob_map, profiles.ProfileMap)  # left as it was
    assert langprofiles.main(["--compare", str(tmp_path / "nowhere")]) == 2
