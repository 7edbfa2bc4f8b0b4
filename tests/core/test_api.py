"""The single-view HTML path (`fast=True`, and the `v1` view of the default path): when
trafilatura keeps under 150 words, the page is also cleaned as a text dump, and that body wins
only when it is the same article, found more fully."""
from __future__ import annotations

from cleaner import api, clean
from cleaner.html import extract

STORY = [
    "The city council approved the new flood barrier on Monday after three years of debate, and "
    "work on the riverbank will start in the spring, the mayor said at a press conference.",
    "The barrier will run for two kilometres along the old harbour, where the river burst its banks "
    "twice in the last decade and flooded hundreds of homes and shops in the lower town.",
    "Engineers said the design had been tested against the worst flood on record, and that the "
    "walls could be raised by another half metre if the climate forecasts proved too cautious.",
    "Shop owners on the waterfront, who had opposed the plan for years, said they would now ask the "
    "council for help with the costs of the months of building work in front of their doors.",
    "The work is expected to take three years and to cost about forty million euros, most of it "
    "paid for by the national government and the rest by a loan the city will repay over decades.",
]
DISCLAIMER = ("This material is for general information only and is not intended to replace the "
              "advice of a qualified advisor; the publisher accepts no liability for its use.")
MENU = ["Home", "News", "Sport", "Weather", "Contact"]


def _page() -> str:
    menu = "".join(f"<li><a href='/{m}'>{m}</a></li>" for m in MENU)
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (f"<html><head><title>Flood barrier approved</title></head><body><nav><ul>{menu}</ul></nav>"
            f"<h1>Flood barrier approved</h1><div class='story'>{story}</div>"
            f"<h2>Related articles</h2><ul>{menu}</ul><footer><p>{DISCLAIMER}</p></footer></body></html>")


def test_a_short_extraction_gives_way_to_the_whole_article(monkeypatch):
    monkeypatch.setattr(extract, "extract_body", lambda tree, url, fallback=True, comments=True: STORY[0])  # trafilatura kept the lead
    text = clean(_page(), input_format="html", fast=True).text
    assert all(p in text for p in STORY)
    assert "Home" not in text.split("\n\n")


def test_a_short_extraction_stays_when_the_dump_finds_another_block(monkeypatch):
    monkeypatch.setattr(extract, "extract_body", lambda tree, url, fallback=True, comments=True: DISCLAIMER)  # unrelated to the dump's body
    text = clean(_page(), input_format="html", fast=True).text
    assert text == DISCLAIMER


def test_covers_needs_half_of_the_extraction_in_the_dump_body():
    lines, _, _ = api.text_lines("\n\n".join(STORY))
    half = api.text_lines("\n\n".join(STORY[:2]))[0]
    other = api.text_lines(DISCLAIMER + "\n\n" + STORY[0])[0]
    assert api._covers(lines, half)
    assert not api._covers(lines, other[:1])


def test_a_text_dump_does_not_load_the_html_extractors():
    """trafilatura (~0.3 s of start-up) is imported only in a process that meets a page that may
    be HTML; a text dump is cleaned without it."""
    import subprocess
    import sys

    code = ("import sys, cleaner; cleaner.clean('A plain dump. It has a sentence or two of text.'); "
            "print('trafilatura' in sys.modules); cleaner.clean(b'<p>An HTML page.</p>'); "
            "print('trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_an_html_page_leaves_the_loaded_modules_out_of_full_collections():
    import gc

    clean("<html><body><p>" + " ".join(STORY) + "</p></body></html>", fast=True)
    assert gc.get_freeze_count() > 10_000  # the extractors' modules and tables, frozen once loaded


def test_a_text_dump_leaves_the_loaded_modules_out_of_full_collections():
    """A process that only meets text dumps freezes what it loaded too (`_warm_up`)."""
    import subprocess
    import sys

    code = ("import gc, cleaner; cleaner.clean('A plain dump. It has a sentence or two of text.'); "
            "print(gc.get_freeze_count() > 10_000)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True"]
