"""Properties of `clean()` over random and mutated dumps (hypothesis), issue 5.

- it returns a CleanResult or raises the package's own CleanerError, never anything else;
- it invents no text: every output paragraph occurs in the (decoded) text input after whitespace
  collapsing; for HTML every output word occurs in the page text;
- it is idempotent on text: cleaning the cleaned body of a dump returns the same body;
- it is deterministic: the same input gives the same output, language and date included.

Examples are derandomized (the same every run, so CI never flakes); set
CLEANER_HYPOTHESIS_EXAMPLES=500 to explore more, randomly.
"""
from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import CleanerError, CleanResult, clean
from cleaner.decode import decode
from support import FIXTURES

_EXPLORE = int(os.environ.get("CLEANER_HYPOTHESIS_EXAMPLES", "0"))


def _settings(examples: int):
    return settings(
        max_examples=_EXPLORE or examples,
        derandomize=not _EXPLORE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


TIMEOUT = 20  # per call: generous, a small input never needs it; hitting it is a finding

# --- a small corpus of realistic pieces -----------------------------------------------------------

TITLES = [
    "Harbour bridge closes for a week of repairs",
    "City council approves new cycle lanes",
    "Storm leaves thousands without power",
    "Neue Radwege für die Innenstadt beschlossen",
]
SENTENCES = [
    "The old harbour bridge will be closed to all traffic from Monday while engineers replace the worn bearings.",
    "Buses will be diverted over the ring road, and a free ferry will run every fifteen minutes between the quays.",
    "The bearings were installed when the bridge opened in 1968 and have never been replaced.",
    "Inspectors found cracks in two of them during the annual survey last autumn, the council said.",
    "Cyclists and pedestrians can still cross on a temporary walkway on the eastern side.",
    "Shop owners near the bridge said they expected fewer customers during the closure.",
    "“We have planned for this, but a week is a long time for a small business,” said one baker.",
    "The work is expected to cost about 2.4 million euros, paid for by the regional government.",
    "Traffic on the ring road was already heavy on Friday evening as drivers tried to avoid the bridge.",
    "The storm brought down power lines across the north of the county overnight.",
    "Engineers worked through the night, but some villages may remain without electricity until Sunday.",
    "The council voted by 31 to 12 to build six kilometres of protected cycle lanes in the centre.",
    "Opponents argued that removing parking spaces would hurt shops on the high street.",
    "Der Stadtrat hat am Donnerstag den Bau von sechs Kilometern geschützter Radwege beschlossen.",
    "Die Arbeiten sollen im Frühjahr beginnen und bis zum Ende des kommenden Jahres dauern.",
    "Einzelhändler in der Innenstadt befürchten, dass weniger Parkplätze weniger Kunden bedeuten.",
]
BOILERPLATE = [
    "Home | News | Sport | Business | Culture",
    "Share this article",
    "Share on Facebook Share on Twitter Email",
    "Advertisement",
    "Sign up for our newsletter",
    "© 2024 Example News Ltd. All rights reserved.",
    "Cookie settings",
    "Read more:",
    "Related stories",
    "By Jane Doe, Transport Correspondent",
    "Published 12 March 2024",
    "Comments (12)",
    "Skip to main content",
    "Privacy Policy Terms of Use Contact Us",
]

SHORT_LINES = [  # subheadings, list items, captions: short lines that belong to many bodies
    "What happens next",
    "Key facts:",
    "- The bridge closes on Monday at 6 am.",
    "- A free ferry runs every fifteen minutes.",
    "• Walkway open around the clock",
    "Photo: the harbour bridge at dusk.",
    "Update, 14:30:",
    "1. Check the diversion map before you travel.",
]

paragraphs = st.one_of(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4, unique=True).map(" ".join),
    st.sampled_from(SHORT_LINES),
)


@st.composite
def base_dump_lines(draw) -> list:
    top = draw(st.lists(st.sampled_from(BOILERPLATE), max_size=3))
    body = draw(st.lists(paragraphs, min_size=1, max_size=6))
    bottom = draw(st.lists(st.sampled_from(BOILERPLATE), max_size=4))
    return [draw(st.sampled_from(TITLES)), *top, *body, *bottom]


def _mutate(draw, lines: list) -> list:
    lines = list(lines)
    operations = draw(
        st.lists(st.sampled_from(["shuffle", "duplicate", "drop", "boilerplate", "unicode", "chars"]), max_size=4)
    )
    for op in operations:
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "shuffle":
            lines = draw(st.permutations(lines))
        elif op == "duplicate":
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        elif op == "drop":
            del lines[i]
        elif op == "boilerplate":
            lines.insert(i, draw(st.sampled_from(BOILERPLATE)))
        elif op == "unicode":
            lines.insert(i, draw(st.text(min_size=1, max_size=60)))
        else:  # random characters inside a line
            where = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:where] + draw(st.text(min_size=1, max_size=5)) + lines[i][where:]
    return lines


@st.composite
def dumps(draw) -> str:
    """A realistic plain-text dump, mutated: shuffled/duplicated/dropped lines, boilerplate,
    random unicode lines and characters, varied line separators."""
    lines = _mutate(draw, draw(base_dump_lines()))
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n"]))
    return separator.join(lines)


@st.composite
def dump_bytes(draw) -> bytes:
    """A dump as bytes: some encoding, and maybe random bytes spliced in."""
    text = draw(dumps())
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    raw = text.encode(encoding, errors="replace")
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(raw)))
        raw = raw[:where] + draw(st.binary(min_size=1, max_size=8)) + raw[where:]
    return raw


@st.composite
def html_pages(draw) -> str:
    """A page built from a (mutated) dump: nav, article paragraphs, footer, script and style."""
    lines = _mutate(draw, draw(base_dump_lines()))
    if not lines:
        lines = [draw(st.sampled_from(TITLES))]
    title, *rest = lines
    esc = html_lib.escape
    body = "".join(f"<p>{esc(line)}</p>\n" for line in rest)
    nav = "".join(f"<a href='/s{i}'>{esc(b)}</a>" for i, b in enumerate(draw(st.lists(st.sampled_from(BOILERPLATE), max_size=3))))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(title)}</title>"
        "<style>p { margin: 0 }</style><script>var tracking = 'secret-token';</script></head>"
        f"<body><nav>{nav}</nav><article><h1>{esc(title)}</h1>\n{body}</article>"
        "<footer>© 2024 Example News Ltd.</footer></body></html>"
    )


def _collapse(text: str) -> str:
    """The project's text equality: whitespace runs collapsed, soft hyphens (invisible
    hyphenation hints) dropped."""
    return " ".join(text.replace("\xad", "").split())


def _paragraphs(text: str) -> list:
    return [p for p in text.split("\n\n") if p.strip()]


def _printable(text: str) -> str:
    """Text without unprintable characters (unassigned code points, format and control
    characters), which extraction may drop: dropping them is not inventing text."""
    return "".join(c for c in text if c.isprintable() or c.isspace())


def _words(text: str) -> set:
    return set(re.findall(r"\w+", _printable(text).casefold()))


def _page_words(page: str) -> set:
    spaced = html_lib.unescape(re.sub(r"<[^>]*>", " ", page))
    glued = html_lib.unescape(re.sub(r"<[^>]*>", "", page))
    return _words(spaced) | _words(glued)


# --- properties -----------------------------------------------------------------------------------


@pytest.mark.slow
@_settings(150)
@given(st.one_of(st.text(), st.binary(), dumps(), dump_bytes(), html_pages()))
def test_clean_returns_a_result_or_raises_cleaner_error(raw):
    try:
        result = clean(raw, timeout=TIMEOUT)
    except CleanerError as exc:
        assert str(exc)
        return
    assert isinstance(result, CleanResult)
    assert isinstance(result.text, str)


@pytest.mark.slow
@_settings(100)
@given(st.one_of(dumps(), dump_bytes()))
def test_no_invented_text_in_text_dumps(raw):
    try:
        result = clean(raw, input_format="text", timeout=TIMEOUT)
    except CleanerError:
        return
    source = _collapse(decode(raw))
    for paragraph in _paragraphs(result.text):
        assert _collapse(paragraph) in source


@pytest.mark.slow
@_settings(60)
@given(html_pages())
def test_no_invented_words_in_html_pages(page):
    result = clean(page, timeout=TIMEOUT)
    known = _page_words(page)
    for paragraph in _paragraphs(result.text):
        assert _words(paragraph) <= known, _words(paragraph) - known
    assert "secret" not in result.text


@pytest.mark.slow
@_settings(100)
@given(dumps())
def test_idempotent_on_text(dump):
    first = clean(dump, input_format="text", timeout=TIMEOUT)
    second = clean(first.text, input_format="text", timeout=TIMEOUT)
    assert second.text == first.text


# Found by exploring: the cleaned body of this dump loses its first two lines when cleaned again.
IDEMPOTENCE_COUNTEREXAMPLE = (
    "Harbour bridge closes for a week of repairs\n\n"
    "The old harbour bridge will be closed to all traffic from Monday while engineers replace the worn bearings.\n\n"
    "The old harbour bridge will be closed to all traffic from Monday while engineers replace the worn bearings.\n\n"
    "- The bridge closes on Monday at 6 am.\n\n"
    "What happens next\n\n"
    "Der Stadtrat hat am Donnerstag den Bau von sechs Kilometern geschützter Radwege beschlossen."
)
_NOT_IDEMPOTENT = pytest.mark.xfail(
    reason="core, known weakness: the first pass removes the doubled lead as a photo caption pair; "
    "the second pass, on a body now mostly German, detects another language and judges "
    "'What happens next' a teaser between two paragraphs",
    strict=True,
)


@pytest.mark.parametrize(
    "dump",
    [
        *[pytest.param(path.read_bytes(), id=path.name) for path in sorted((FIXTURES / "seeds").glob("*.txt"))],
        *[pytest.param(path.read_bytes(), id=path.name) for path in sorted((FIXTURES / "hostile").glob("*.txt"))],
        pytest.param(IDEMPOTENCE_COUNTEREXAMPLE, id="hypothesis-counterexample", marks=_NOT_IDEMPOTENT),
    ],
)
def test_idempotent_on_fixture_dumps(dump):
    first = clean(dump, input_format="text")
    assert first.text
    assert clean(first.text, input_format="text").text == first.text


@pytest.mark.slow
@_settings(60)
@given(st.one_of(dumps(), dump_bytes(), html_pages()))
def test_deterministic(raw):
    def run():
        try:
            return clean(raw, timeout=TIMEOUT).to_dict(explain=True)
        except CleanerError as exc:
            return (type(exc), str(exc))

    assert run() == run()


_DETERMINISM_SCRIPT = """
import json, sys
from cleaner import clean
print(json.dumps([clean(open(path, "rb").read()).to_dict() for path in sys.argv[1:]]))
"""


@pytest.mark.slow
def test_deterministic_across_processes_and_hash_seeds():
    paths = sorted(str(p) for p in (FIXTURES / "hostile").iterdir()) + sorted(
        str(p) for p in (FIXTURES / "seeds").glob("*.txt")
    )
    here = [clean(Path(path).read_bytes()).to_dict() for path in paths]
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _DETERMINISM_SCRIPT, *paths],
            capture_output=True, text=True, env=env, timeout=300, check=True,
        )
        assert json.loads(done.stdout) == json.loads(json.dumps(here))
