"""The systems compared: the cleaner and the tools a user would pick instead.

Each system maps one document (raw HTML bytes in `html` mode, a text dump in the text modes)
to an `Output`. A system's `metadata` step, when it has one, runs outside the timed call. The
HTML peers readability-lxml and rs-trafilatura live in `peers.py`.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple

from cleaner.text.language import JUSTEXT_NAMES

from .data import Page
from .output import Output, System
from .peers import (prepare_readability, prepare_rs_trafilatura, readability_title, run_readability,
                    run_rs_trafilatura)

MODES = ("html", "text-bs4", "text-htmltext")


# --- the cleaner -------------------------------------------------------------------------

def run_cleaner(doc, page: Page, mode: str) -> Output:
    from cleaner import CleanerError, clean

    try:
        res = clean(doc, url=page.url, input_format="html" if mode == "html" else "text")
    except CleanerError as exc:
        return Output(text="", error=f"{exc.kind}: {exc}")
    except Exception as exc:  # the core is being rewritten: record a crash, keep benching
        return Output(text="", error=f"crash: {type(exc).__name__}: {exc}")
    return Output(
        text=res.text or "",
        title=res.title,
        date=res.date,
        language=res.language,
        removed=[(str(line), str(reason)) for line, reason in res.removed],
    )


def run_cleaner_fast(doc, page: Page, mode: str) -> Output:
    """The single-view path, `clean(fast=True)`."""
    from cleaner import CleanerError, clean

    try:
        res = clean(doc, url=page.url, input_format="html", fast=True)
    except CleanerError as exc:
        return Output(text="", error=f"{exc.kind}: {exc}")
    return Output(text=res.text or "", title=res.title, date=res.date, language=res.language)


LOSO_DIR = Path(__file__).resolve().parent / "out" / "loso" / "html"


@lru_cache(maxsize=None)
def _loso_model(set_name: str):
    import json

    from cleaner.decision.model import Model

    path = LOSO_DIR / f"{set_name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no leave-one-set-out model {path}: run python -m bench.train first")
    return Model.from_dict(json.loads(path.read_text(encoding="utf-8")))


def prepare_loso(out_dir: Path) -> Optional[str]:
    if not any(LOSO_DIR.glob("*.json")):
        return f"no leave-one-set-out models in {LOSO_DIR} (run python -m bench.train first)"
    return None


def run_cleaner_loso(doc, page: Page, mode: str) -> Output:
    """The cleaner with the model fitted on every dev set but this page's (python -m
    bench.train writes them): what it scores on pages from sources it was not trained on."""
    from cleaner import CleanerError, decision, decode
    from cleaner.api import _page_result, html_page

    try:
        pg, meta, stop = html_page(decode.decode(doc), page.url)
        decision.decide(pg, stop, model=_loso_model(page.set))
        res = _page_result(pg, meta, page.url or meta.get("url"), "html")
    except CleanerError as exc:
        return Output(text="", error=f"{exc.kind}: {exc}")
    return Output(text=res.text or "", title=res.title, date=res.date, language=res.language)


# --- trafilatura alone (HTML) ------------------------------------------------------------

def run_trafilatura(doc, page: Page, mode: str) -> Output:
    import trafilatura

    return Output(text=trafilatura.extract(doc, url=page.url) or "")


def trafilatura_metadata(doc, page: Page, out: Output) -> None:
    import trafilatura

    tree = trafilatura.load_html(doc)
    if tree is None:
        return
    meta = trafilatura.extract_metadata(tree, default_url=page.url)
    out.title, out.date = meta.title, meta.date


# --- keep everything ---------------------------------------------------------------------

def run_keep_all(doc: str, page: Page, mode: str) -> Output:
    return Output(text=doc)


# --- C4 line filter ----------------------------------------------------------------------
# A faithful copy of the line rules of datatrove's `C4QualityFilter` (defaults, split on
# lines), itself the reference C4 rules (tensorflow_datasets c4_utils). The page-level drops
# (fewer than 5 sentences, "lorem ipsum", a curly bracket) are off: we measure line filtering.

C4_CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
C4_END_PUNCTUATION = (".", "?", "!", '"', "'")
C4_ELLIPSIS = "..."
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")


def c4_line_reason(line: str) -> Optional[str]:
    """Why the C4 rules drop `line` (stripped), or None to keep it."""
    words = line.split()
    if any(len(word) > 1000 for word in words):
        return "too_long_word"
    line = C4_CITATION.sub("", line)
    if not line.endswith(C4_END_PUNCTUATION) or line.endswith(C4_ELLIPSIS):
        return "no_terminal_punct"
    if len(words) < 3:
        return "too_few_words"
    lower = line.lower()
    if "javascript" in lower:
        return "javascript"
    if any(p in lower for p in C4_POLICY):
        return "policy"
    return None


def c4_filter(text: str) -> Tuple[str, List[Tuple[str, str]]]:
    kept, removed = [], []
    for line in text.splitlines():
        line = line.strip()
        reason = c4_line_reason(line)
        if reason is None:
            kept.append(C4_CITATION.sub("", line))
        elif line:
            removed.append((line, reason))
    return "\n".join(kept).strip(), removed


def run_c4(doc: str, page: Page, mode: str) -> Output:
    text, removed = c4_filter(doc)
    return Output(text=text, removed=removed)


# --- jusText, one <p> per line, stop list of the dump's language -------------------------

# langdetect codes -> jusText lists: the cleaner's own map; codes without a list (ja, zh-cn, zh-tw,
# th, so) fall back to English
LANGDETECT_TO_JUSTEXT = JUSTEXT_NAMES


def detect_language(text: str) -> Optional[str]:
    """langdetect's code for `text` (seeded, so runs repeat), None when it cannot tell."""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return detect(text)
    except LangDetectException:
        return None


@lru_cache(maxsize=None)
def justext_stoplist(lang: Optional[str]) -> frozenset:
    import justext

    return justext.get_stoplist(LANGDETECT_TO_JUSTEXT.get(lang or "", "English"))


def run_justext(doc: str, page: Page, mode: str) -> Output:
    import justext

    lang = detect_language(doc)
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in doc.splitlines() if line.strip())
    if not body:
        return Output(text="")
    paragraphs = justext.justext(f"<html><body>\n{body}</body></html>", justext_stoplist(lang))
    kept = [p.text for p in paragraphs if not p.is_boilerplate]
    removed = [(p.text, f"jusText {p.class_type}") for p in paragraphs if p.is_boilerplate]
    return Output(text="\n".join(kept), removed=removed)


SYSTEMS = {
    s.name: s
    for s in (
        System("cleaner", MODES, run_cleaner, fields=("title", "date", "language")),
        System("cleaner-loso", ("html",), run_cleaner_loso, fields=("title", "date", "language"),
               prepare=prepare_loso),
        System("cleaner-fast", ("html",), run_cleaner_fast, fields=("title", "date", "language")),
        System("trafilatura", ("html",), run_trafilatura, trafilatura_metadata, ("title", "date")),
        System("readability-lxml", ("html",), run_readability, readability_title, ("title",),
               prepare=prepare_readability),
        System("rs-trafilatura", ("html",), fields=("title", "date"), batch=run_rs_trafilatura,
               prepare=prepare_rs_trafilatura),
        System("keep-all", MODES[1:], run_keep_all),
        System("c4", MODES[1:], run_c4),
        System("justext", MODES[1:], run_justext),
    )
}


def systems_for(mode: str, names=None) -> list[System]:
    """The systems that run in `mode`, restricted to `names` when given."""
    return [s for s in SYSTEMS.values() if mode in s.modes and (not names or s.name in names)]
