"""Hostile input to `clean()` and the limits around it (issue 5, library side).

Every input gives a CleanResult or a CleanerError with a clear message; never another exception
type, never a hang. Big inputs are generated here, never committed.
"""
from __future__ import annotations

import codecs
import random
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html

import cleaner.api
from cleaner import CleanerError, CleanResult, InputError, clean, limits
from cleaner.errors import TimeoutError as CleanerTimeout
from support import FIXTURES

HOSTILE = FIXTURES / "hostile"
ARTICLE = (
    "The harbour bridge will close for a week from Monday while engineers replace the worn "
    "bearings under its central span, the city council said on Thursday."
)
SECOND = "Buses will be diverted over the ring road, and a free ferry will run every fifteen minutes."
DUMP = (
    "Harbour bridge closes for a week\n\n"
    f"{ARTICLE}\n\n"
    "The bearings were installed when the bridge opened in 1968 and have never been replaced; "
    "inspectors found cracks in two of them during the annual survey last autumn.\n\n"
    f"{SECOND}\n\n"
    "Cyclists and pedestrians can still cross on the temporary walkway on the eastern side, "
    "which will stay open around the clock while the work goes on.\n\n"
    "Share this article\n"
)


def clean_or_error(raw, **kwargs):
    """clean() must return a CleanResult or raise a CleanerError: anything else fails the test."""
    try:
        result = clean(raw, **kwargs)
    except CleanerError as exc:
        assert str(exc), "a CleanerError must carry a message"
        return exc
    assert isinstance(result, CleanResult)
    assert isinstance(result.text, str)
    return result


def page(body: str, head: str = "<title>Harbour bridge closes</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# --- empty, blank, wrong type, too large --------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", "", b"   \n\t\n  ", "\n\n\u00a0\n"])
def test_empty_or_blank_input_gives_an_empty_result(raw):
    result = clean(raw)
    assert result.text == ""
    assert result.removed == []


@pytest.mark.parametrize("raw", [None, 12, ["<p>x</p>"], Path("page.html")])
def test_wrong_type_is_an_input_error(raw):
    with pytest.raises(InputError, match="expected str or bytes"):
        clean(raw)


def test_input_over_max_bytes_is_refused_with_size_and_limit():
    with pytest.raises(InputError, match=r"too large: 2,048 bytes, the limit is 1,024 bytes"):
        clean(b"x" * 2048, max_bytes=1024)


def test_max_bytes_none_lifts_the_limit():
    result = clean(DUMP, max_bytes=None)
    assert ARTICLE in result.text


@pytest.mark.parametrize("timeout", [0, -1, "10", float("nan")])
def test_invalid_timeout_is_an_input_error(timeout):
    with pytest.raises(InputError, match="timeout"):
        clean(ARTICLE, timeout=timeout)


# --- binary data --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, kind",
    [
        (b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(2000), "PNG image"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "PDF"),
        (random.Random(2).randbytes(5000), "control bytes"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00" + random.Random(3).randbytes(500), "gzip"),
    ],
)
def test_binary_input_is_an_input_error_saying_what_it_looks_like(raw, kind):
    with pytest.raises(InputError, match=rf"input looks like binary data \(.*{kind}"):
        clean(raw)


# --- broken text and encodings ------------------------------------------------------------------


def test_nul_bytes_inside_text_are_stripped():
    result = clean(DUMP.replace("\n\n", "\x00\n\n").replace("bridge", "bri\x00dge").encode())
    assert "\x00" not in result.text
    assert ARTICLE in result.text


def test_fixture_nul_dump():
    result = clean((HOSTILE / "nul_bytes_dump.txt").read_bytes())
    assert "\x00" not in result.text
    assert "engineers replace the worn bearings under its central span" in result.text


@pytest.mark.parametrize("seed", range(5))
def test_invalid_utf8_gives_text(seed):
    noise = bytes(b | 0x80 for b in random.Random(seed).randbytes(40))
    result = clean(DUMP.encode().replace(b"Share this", noise + b"\n\nShare this"))
    assert ARTICLE in result.text


def test_utf16_with_bom():
    result = clean(codecs.BOM_UTF16_LE + DUMP.encode("utf-16-le"))
    assert ARTICLE in result.text


def test_fixture_utf16_bom_dump():
    result = clean((HOSTILE / "utf16_bom_dump.txt").read_bytes())
    assert "Weißstörche sind in diesem Jahr früher als üblich" in result.text
    assert result.input_format == "text"


def test_fixture_cp1252_without_declaration():
    result = clean((HOSTILE / "cp1252_undeclared.html").read_bytes())
    assert "the small café at the corner of Rue Lepic" in result.text
    assert "“We kept the old zinc counter and the mirrors,”" in result.text


def test_cp1252_text_dump_without_declaration():
    dump = "Le café rouvre ses portes\n\nAprès dix-huit mois de travaux, le café de la rue Lepic a rouvert lundi, et la file d’attente atteignait déjà la boulangerie voisine avant sept heures.\n"
    result = clean(dump.encode("cp1252"))
    assert "le café de la rue Lepic a rouvert lundi" in result.text


def test_fixture_lying_meta_charset():
    result = clean((HOSTILE / "lying_charset.html").read_bytes())
    assert "The city of Zürich opened a museum of naïve art" in result.text
    assert "Ã" not in result.text and "Ã" not in (result.title or "")


def test_meta_utf8_that_lies_about_cp1252_bytes():
    html = page(f"<p>{ARTICLE} Le café est très bon, “voilà”.</p>", '<meta charset="utf-8"><title>t</title>')
    result = clean(html.encode("cp1252"))
    assert "Le café est très bon, “voilà”." in result.text
    assert "\ufffd" not in result.text


# --- pathological HTML --------------------------------------------------------------------------


def test_html_with_only_scripts_and_styles_gives_no_code():
    html = page(
        "<script>var a = 1; alert('pwned');</script><style>body { color: red }</style>"
        "<noscript><style>.x{}</style></noscript><script type='application/ld+json'>{\"a\": 1}</script>",
        "<title>Scripts only</title><script>window.x = 1;</script><style>p{}</style>",
    )
    result = clean(html)
    assert result.text == ""  # no body, and never the code
    assert result.title == "Scripts only"


def _nested(depth: int, tag: str = "div") -> str:
    return page(f"<{tag}>" * depth + f"<p>{ARTICLE}</p>" + f"</{tag}>" * depth + f"<p>{SECOND}</p>")


@pytest.mark.parametrize("tag", ["div", "span"])
def test_html_nested_100000_deep_keeps_its_text(tag):
    result = clean(_nested(100_000, tag))
    assert ARTICLE in result.text and SECOND in result.text


def test_html_with_100000_unclosed_tags_keeps_its_text():
    assert ARTICLE in clean(page("<div><font>" * 50_000 + ARTICLE)).text


@pytest.mark.slow
def test_html_with_an_11_mb_paragraph_keeps_its_text():
    result = clean(page("<p>" + "word " * 2_200_000 + f"</p><p>{SECOND}</p>"), timeout=120)
    assert SECOND in result.text


def test_unterminated_comment_and_tags_keep_the_text_before_them():
    result = clean(page(f"<p>{ARTICLE}</p><!-- never closed <div><p unclosed attr='") + "<" * 10_000)
    assert result.text == ARTICLE


@pytest.mark.slow
def test_a_50_mb_html_page_gives_a_result_or_a_timeout():
    """50 MB of article markup: a result, or the package's TimeoutError (never a hang)."""
    paragraph = f"<p>{ARTICLE}</p>\n"
    big = page("<article>" + paragraph * (50_000_000 // len(paragraph)) + "</article>")
    assert len(big) > 49_000_000
    outcome = clean_or_error(big, timeout=5)
    if isinstance(outcome, CleanerError):
        assert isinstance(outcome, CleanerTimeout)
        assert "time limit of 5 s" in str(outcome)
    else:
        assert ARTICLE in outcome.text


@pytest.mark.slow
def test_one_10_mb_line_of_text():
    line = (ARTICLE + " ") * (10_000_000 // (len(ARTICLE) + 1))
    result = clean(line, timeout=60)
    assert result.input_format == "text"
    assert result.text == line.strip()


# --- scripts and languages ----------------------------------------------------------------------


def test_fixture_rtl_arabic_page_keeps_its_body():
    result = clean((HOSTILE / "rtl_arabic.html").read_bytes())
    assert "أعلنت بلدية المدينة اليوم عن افتتاح مكتبة عامة جديدة في الحي القديم" in result.text
    assert "وتضم المكتبة أكثر من عشرين ألف كتاب" in result.text
    assert result.language == "ar"


def test_fixture_rtl_hebrew_dump_keeps_its_body():
    result = clean((HOSTILE / "rtl_hebrew_dump.txt").read_bytes())
    assert "העירייה הודיעה היום על פתיחת ספרייה ציבורית חדשה" in result.text
    assert result.language == "he"


def test_rtl_embedding_controls_survive_as_text():
    dump = (HOSTILE / "rtl_hebrew_dump.txt").read_text("utf-8")
    result = clean("\u202b" + dump.replace("ספרייה", "\u202bספרייה\u202c"))
    assert "העירייה הודיעה היום על פתיחת \u202bספרייה\u202c ציבורית חדשה" in result.text


def test_rtl_marks_after_the_full_stop_keep_the_body():
    dump = (HOSTILE / "rtl_hebrew_dump.txt").read_text("utf-8").replace("\n\n", "\u200f\n\n")
    result = clean(dump)
    assert "העירייה הודיעה היום על פתיחת ספרייה ציבורית חדשה" in result.text


def test_fixture_page_mixing_two_languages():
    result = clean((HOSTILE / "mixed_languages.html").read_bytes())
    assert "The mayors of Ashford and Bad Münstereifel signed a new partnership" in result.text
    assert "Die Bürgermeisterin von Bad Münstereifel sagte" in result.text
    assert result.language in ("en", "de")


# --- the time limit -----------------------------------------------------------------------------


def _spin(max_seconds: float = 30.0) -> None:
    """Busy-wait, bounded so that a broken time limit fails the test instead of hanging it."""
    end = time.monotonic() + max_seconds
    while time.monotonic() < end:
        pass


def test_a_timeout_swallowed_by_a_catch_all_is_raised_again():
    """trafilatura wraps its fallbacks in `except Exception`; the limit must still end the block."""
    swallowed = []
    with pytest.raises(CleanerTimeout):
        with limits.time_limit(0.05):
            try:
                _spin()
            except Exception as exc:  # noqa: BLE001 - the point of the test
                swallowed.append(exc)
            _spin()
    assert len(swallowed) == 1 and isinstance(swallowed[0], CleanerTimeout)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_stage_that_runs_too_long_raises_timeout_error(monkeypatch):
    monkeypatch.setattr(cleaner.api._decode, "sniff", lambda text: _spin() or "text")
    with pytest.raises(CleanerTimeout, match=r"time limit of 0.2 s"):
        clean(ARTICLE, timeout=0.2)


def test_time_limit_restores_previous_handler_and_leaves_no_timer():
    seen = []
    previous = signal.signal(signal.SIGALRM, lambda *_: seen.append(1))
    try:
        for _ in range(3):
            with pytest.raises(CleanerTimeout):
                with limits.time_limit(0.05):
                    _spin()
            with limits.time_limit(5):
                pass
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is not None and seen == []
        signal.raise_signal(signal.SIGALRM)
        assert seen == [1]
    finally:
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def alarm_handler():
    """A SIGALRM handler of the test's own, in place around a test; yields the signals it got."""
    seen = []
    previous = signal.signal(signal.SIGALRM, lambda *_: seen.append(1))
    try:
        yield seen
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)  # a leaked timer must not reach SIG_DFL and kill pytest
        signal.signal(signal.SIGALRM, previous)


def _assert_handed_back(seen) -> None:
    """No timer left, our test handler back, and no alarm of the limit delivered to it."""
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is not None and seen == []
    signal.raise_signal(signal.SIGALRM)
    assert seen == [1]


def test_a_limit_firing_in_a_catch_all_loop_over_c_calls_hands_sigalrm_back(alarm_handler):
    """What trafilatura does to the 50 MB page: lxml calls, some under `except Exception`."""
    markup = page(f"<p>{ARTICLE}</p>" * 2000)
    swallowed = []
    with pytest.raises(CleanerTimeout):
        with limits.time_limit(0.05):
            end = time.monotonic() + 30
            while time.monotonic() < end:
                try:
                    tree = lxml_html.document_fromstring(markup)
                except Exception as exc:  # noqa: BLE001 - the point of the test
                    swallowed.append(exc)
                    continue
                tree.xpath("//p[contains(., 'bridge')]")
    assert all(isinstance(exc, CleanerTimeout) for exc in swallowed)
    _assert_handed_back(alarm_handler)


def test_a_limit_due_before_its_block_starts_raises_inside_the_block(alarm_handler):
    """The alarm goes off inside time_limit's own entry (as when a long garbage collection starts
    there): the error must come from the block, so that leaving the block stops the timer."""
    for _ in range(50):
        started = []
        with pytest.raises(CleanerTimeout):
            with limits.time_limit(1e-6):
                started.append(1)
                _spin()
        assert started
    _assert_handed_back(alarm_handler)


def test_an_alarm_during_the_limits_own_exit_is_not_lost(alarm_handler):
    """A pause inside time_limit's exit (a long garbage collection) that outlasts the limit and a
    re-raise: leaving still cancels the timer and restores the handler."""
    exit_code = limits._TimeLimit.__exit__.__code__
    paused = []

    def pause_in_exit(frame, event, arg):
        if event == "c_call" and frame.f_code is exit_code and not paused:
            paused.append(1)
            _spin(0.15)

    sys.setprofile(pause_in_exit)
    try:
        with limits.time_limit(0.02):
            pass
    finally:
        sys.setprofile(None)
    assert paused == [1]
    _assert_handed_back(alarm_handler)


def test_an_earlier_foreign_timer_still_fires_inside_the_limit():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with limits.time_limit(10):
            end = time.monotonic() + 30
            while not fired and time.monotonic() < end:
                pass
        assert fired == [1]
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_later_foreign_timer_is_re_armed_after_the_limit():
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100)
        with limits.time_limit(1):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < left <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_nested_limits_inner_first_then_outer():
    with pytest.raises(CleanerTimeout, match="limit of 0.3 s"):
        with limits.time_limit(0.3):
            with pytest.raises(CleanerTimeout, match="limit of 0.05 s"):
                with limits.time_limit(0.05):
                    _spin()
            _spin()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_nested_limits_outer_fires_through_a_longer_inner():
    with pytest.raises(CleanerTimeout, match="limit of 0.05 s"):
        with limits.time_limit(0.05):
            with limits.time_limit(30):
                _spin()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler)


def test_no_limit_and_infinite_limit_do_nothing():
    with limits.time_limit(None):
        assert limits.remaining() is None
    with limits.time_limit(float("inf")):
        assert limits.remaining() is None
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_off_the_main_thread_the_limit_is_cooperative():
    outcome = {}

    def worker():
        try:
            with limits.time_limit(0.05):
                time.sleep(0.1)
                limits.check()
        except CleanerTimeout as exc:
            outcome["error"] = exc
        outcome["result"] = clean(DUMP, timeout=30)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(60)
    assert "limit of 0.05 s" in str(outcome["error"])
    assert ARTICLE in outcome["result"].text


def test_check_outside_a_limit_is_a_no_op():
    limits.check()
    assert limits.remaining() is None


# --- the HTML depth guard (limits.flatten_deep_html / html_limit_hit) ----------------------------


def _parse(markup: str, huge: bool = False):
    parser = lxml_html.HTMLParser(huge_tree=huge)
    return lxml_html.document_fromstring(markup, parser=parser), parser


def _depth(tree) -> int:
    return max(sum(1 for _ in element.iterancestors()) for element in tree.iter())


def test_html_limit_hit_reports_depth_and_size():
    _, parser = _parse(_nested(1000))
    assert limits.html_limit_hit(parser) == "depth"
    _, parser = _parse(page("<p>" + "word " * 2_200_000 + "</p>"))
    assert limits.html_limit_hit(parser) == "size"
    _, parser = _parse(_nested(20))
    assert limits.html_limit_hit(parser) is None


def test_flatten_deep_html_keeps_all_text_within_the_depth_limit():
    flat = limits.flatten_deep_html(_nested(100_000))
    tree, parser = _parse(flat)
    assert limits.html_limit_hit(parser) is None
    assert _depth(tree) <= limits.MAX_HTML_DEPTH + 2
    text = tree.text_content()
    assert ARTICLE in text and SECOND in text


def test_flatten_deep_html_handles_unclosed_tags_comments_and_scripts():
    markup = page(
        "".join(f"<font size=2>line {i}<br>" for i in range(400))
        + "<!-- <div><div> --><script>if (a < b) { x = '<div>'; }</script>"
        + f"<p>{ARTICLE}</p>"
    )
    tree, parser = _parse(limits.flatten_deep_html(markup))
    assert limits.html_limit_hit(parser) is None
    text = tree.text_content()
    assert "line 399" in text and ARTICLE in text


def test_flatten_deep_html_leaves_shallow_markup_alone():
    markup = page("<div><p>one<p>two<ul><li>a<li>b</ul></div>" * 50)
    assert limits.flatten_deep_html(markup) == markup


def test_off_the_main_thread_clean_checks_the_limit_between_stages():
    outcome = []

    def work():
        try:
            with limits.time_limit(0.001):
                time.sleep(0.01)  # the deadline passes before clean() starts its stages
                clean("A sentence long enough to be cleaned as the body of a short text dump.",
                      input_format="text", timeout=None)
            outcome.append("finished")
        except CleanerTimeout as exc:
            outcome.append(str(exc))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert outcome and "time limit" in outcome[0]
