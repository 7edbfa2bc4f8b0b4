"""Metrics, exactly as defined in `../shared/bench/README.md`.

- Shingle P/R/F1 (gold `body`, an empty one included: cleaneval-dev's annotators kept
  nothing on 2 pages, so any output there is all false positives): tokens are `\\w+` matches, shingles are 4-token windows (a
  text of fewer tokens is one shingle); per page TP/FP/FN are multiset overlaps normalised by
  their sum; P and R are averaged over pages (empty output: counts in recall, not precision;
  empty gold and output: neither) and F1 is the harmonic mean of the two averages. This is the
  article-extraction-benchmark metric.
- Segment P/R/F1 (gold `with`/`without`): whitespace collapsed on both sides; a `with` snippet
  found in the output is a TP, missing a FN; a `without` snippet found is a FP, absent a TN;
  counts summed over all pages.
- Metadata: title equal after folding case, whitespace and punctuation (Unicode P* and S*
  categories); date equal (YYYY-MM-DD, the first 10 characters of the output's date); language
  equal on the primary subtag (`en-US` = `en`).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from statistics import mean
from typing import Iterable, Optional, Sequence, Tuple

_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
SHINGLE_N = 4


def tokens(text: Optional[str]) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: Optional[str], n: int = SHINGLE_N) -> Counter:
    toks = tokens(text)
    grams = (" ".join(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_counts(gold: Optional[str], output: Optional[str]) -> Tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised to sum to 1 (all 0 when both texts are empty)."""
    true, pred = shingles(gold), shingles(output)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision(tp: float, fp: float) -> Optional[float]:
    return tp / (tp + fp) if tp + fp else None


def page_recall(tp: float, fn: float) -> Optional[float]:
    return tp / (tp + fn) if tp + fn else None


def f1(p: Optional[float], r: Optional[float]) -> float:
    return 2 * p * r / (p + r) if p and r else 0.0


def shingle_prf(counts: Iterable[Sequence[float]]) -> dict:
    """Averaged shingle precision/recall over pages and their harmonic mean."""
    counts = list(counts)
    ps = [p for p in (page_precision(tp, fp) for tp, fp, _ in counts) if p is not None]
    rs = [r for r in (page_recall(tp, fn) for tp, _, fn in counts) if r is not None]
    p, r = (mean(ps) if ps else 0.0), (mean(rs) if rs else 0.0)
    return {"p": p, "r": r, "f1": f1(p, r), "pages": len(counts)}


def collapse(text: Optional[str]) -> str:
    return _SPACES.sub(" ", text or "").strip()


def segment_counts(output: str, with_: Iterable[str], without: Iterable[str]) -> dict:
    """tp/fn over `with` snippets and fp/tn over `without` snippets of one page."""
    out = collapse(output)
    found_with = [collapse(s) in out for s in with_]
    found_without = [collapse(s) in out for s in without]
    return {
        "tp": sum(found_with), "fn": len(found_with) - sum(found_with),
        "fp": sum(found_without), "tn": len(found_without) - sum(found_without),
    }


def segment_prf(counts: Iterable[dict]) -> dict:
    """Segment precision/recall/F1 from counts summed over pages."""
    total = Counter()
    pages = 0
    for c in counts:
        total.update(c)
        pages += 1
    p = page_precision(total["tp"], total["fp"]) or 0.0
    r = page_recall(total["tp"], total["fn"]) or 0.0
    n = sum(total[k] for k in ("tp", "fn", "fp", "tn"))
    acc = (total["tp"] + total["tn"]) / n if n else 0.0
    return {"p": p, "r": r, "f1": f1(p, r), "accuracy": acc, "pages": pages, **{k: total[k] for k in ("tp", "fn", "fp", "tn")}}


def fold_title(title: Optional[str]) -> str:
    """Case, whitespace and punctuation folded: `Hello,  World!` -> `hello world`."""
    kept = (" " if unicodedata.category(ch)[0] in "PS" else ch for ch in (title or "").casefold())
    return collapse("".join(kept))


def title_match(gold: Optional[str], output: Optional[str]) -> Optional[bool]:
    """None when there is no gold title to compare with."""
    return None if not gold else fold_title(gold) == fold_title(output)


def date_match(gold: Optional[str], output: Optional[str]) -> Optional[bool]:
    return None if not gold else (output or "")[:10] == gold[:10]


def language_match(gold: Optional[str], output: Optional[str]) -> Optional[bool]:
    def primary(code: Optional[str]) -> str:
        return re.split(r"[-_]", (code or "").lower())[0]

    return None if not gold else primary(gold) == primary(output)


def rate(flags: Iterable[Optional[bool]]) -> dict:
    """Share of True among the defined flags (None = nothing to compare)."""
    defined = [f for f in flags if f is not None]
    return {"acc": sum(defined) / len(defined) if defined else None, "pages": len(defined)}


# --- one page, one system; then a whole run ----------------------------------------------

def score_page(page, output, gold_language: Optional[str] = None) -> dict:
    """Every metric of one system's output on one gold page (None where gold lacks the field)."""
    text = output.text
    sh = list(shingle_counts(page.body, text)) if page.body is not None else None
    seg = segment_counts(text, page.with_, page.without) if (page.with_ or page.without) else None
    return {
        "id": page.id,
        "shingle": sh,
        "segment": seg,
        "score": page_score(sh, seg),
        "title": title_match(page.title, output.title),
        "date": date_match(page.date, output.date),
        "language": language_match(gold_language, output.language),
        "seconds": output.seconds,
        "error": output.error,
    }


def page_score(shingle: Optional[Sequence[float]], segment: Optional[dict]) -> Optional[float]:
    """One F1 per page to rank pages: shingle F1 where gold has a body, else segment F1."""
    if shingle is not None:
        tp, fp, fn = shingle
        return f1(page_precision(tp, fp), page_recall(tp, fn))
    if segment is not None:
        p = page_precision(segment["tp"], segment["fp"])
        r = page_recall(segment["tp"], segment["fn"])
        return f1(1.0 if p is None else p, 1.0 if r is None else r)
    return None


def summarize(scores: Sequence[dict], fields: Sequence[str] = ("title", "date", "language")) -> dict:
    """Metrics of one system over the pages of one set and mode; metadata only for `fields`."""
    shingle = [s["shingle"] for s in scores if s["shingle"] is not None]
    segment = [s["segment"] for s in scores if s["segment"] is not None]
    secs = sorted(s["seconds"] for s in scores)
    return {
        "pages": len(scores),
        "shingle": shingle_prf(shingle) if shingle else None,
        "segment": segment_prf(segment) if segment else None,
        **{key: rate(s[key] for s in scores) if key in fields else None for key in ("title", "date", "language")},
        "errors": sum(1 for s in scores if s["error"]),
        "seconds": {
            "total": sum(secs),
            "median": percentile(secs, 50),
            "p95": percentile(secs, 95),
        },
    }


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (0.0 for none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * q // 100))
    return sorted_values[int(rank) - 1]
