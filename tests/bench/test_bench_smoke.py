"""Smoke test of the benchmark harness (bench/): metric definitions on hand-made examples,
the renderer and C4 rules, and the quality/diff commands end to end on a tiny generated
DATA_DIR. No timings asserted."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench import diff, quality
from bench.data import DEFAULT_DATA_DIR
from bench.metrics import (fold_title, segment_counts, segment_prf, shingle_counts, shingle_prf,
                           shingles, title_match)
from bench.render import render_bs4
from bench.systems import c4_filter, detect_language, justext_stoplist


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
    table = capsys.readouterr().out
    assert "| modern-dev | html | trafilatura |" in table and "| traf-dev | text-bs4 | c4 |" in table
    payload = json.loads((out / "quality-latest.json").read_text())
    assert payload["machine"]["nproc"] >= 1 and payload["date"]
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
    assert {r["set"] for r in payload["results"]} == {"traf-dev", "modern-dev"}
    assert all(r["metrics"]["pages"] == 2 for r in payload["results"])
