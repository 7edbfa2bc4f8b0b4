"""Train the body decision (cleaner/decision/model.json) on the dev sets, and measure it
leave-one-set-out: fit on every set but one, score the one left out, for each set in turn.

    python -m bench.train [DATA_DIR] [--mode html|text] [--jobs N] [--limit N] [--write] [--sets S,S,…]

Step 1 caches, per page, every block's feature vector, its words and text, and its gold label
(OUT/cache/blocks-v<FEATURE_VERSION>/<mode>-<set>.pkl.gz); step 2 fits a logistic regression
(scikit-learn, seeded) and picks the decoding's switch cost on the training sets' page F1;
step 3 prints the leave-one-set-out table beside today's single-view path and, with --write,
fits on all sets and writes the model file. Needs the `train` extra (scikit-learn, numpy).
"""
from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import List, Optional, Sequence

from .data import DEFAULT_DATA_DIR, DEFAULT_OUT, load_pages
from .metrics import collapse, segment_counts, segment_prf, shingle_prf, shingles

FEATURE_VERSION = "13"
TRAIN_SETS = ("traf-dev", "modern-dev", "dragnet-train", "cleaneval-dev", "l3s-dev")
SEED = 20261129
LABEL_SHARE = 0.5  # a block is body when this share of its word trigrams is in the gold body
SWITCH_COSTS = (1.0, 2.0, 3.0, 4.0)
WORD_SCALES = (0.5,)
OFFSETS = (0.0,)  # added to every score before decoding (a wider grid chose 0 and 0.5 every time)
C_REG = 1.0  # inverse L2 strength of the logistic regression


# --- step 1: features and labels ---------------------------------------------------------------

def page_record(page, mode: str = "html", render_cache: Optional[Path] = None) -> Optional[dict]:
    """Blocks of one page with features and gold labels (None when the page cannot be cleaned).
    `mode` html cleans the page's HTML; text-bs4 / text-htmltext its dump by that renderer."""
    from cleaner import CleanerError, decode
    from cleaner.api import html_page, text_page
    from cleaner.decision import page_features
    from cleaner.html.views import coverage

    try:
        if mode == "html":
            pg, meta, stop = html_page(decode.decode(page.raw()), page.url)
        else:
            from .render import page_dump

            pg, meta, stop = text_page(page_dump(page, mode, render_cache))
    except CleanerError:
        return None
    rows = page_features(pg, stop)
    texts = [b.text for b in pg.blocks]
    if page.body:
        labels = [1 if c >= LABEL_SHARE else 0 for c in coverage(pg.blocks, page.body)]
        sizes = [1 + len(b.line.tokens) for b in pg.blocks]
        total = sum(sizes) or 1
        weights = [s / total for s in sizes]
    else:
        labels, weights = _snippet_labels(texts, page.with_, page.without)
    return {"id": page.id, "rows": rows, "texts": texts, "words": [b.line.n_words for b in pg.blocks],
            "labels": labels, "weights": weights, "title": meta.get("title"),
            "v1": pg.view_texts["v1"].replace("\n", "\n\n")}


def _snippet_labels(texts: Sequence[str], with_: Sequence[str], without: Sequence[str]):
    """traf-dev has snippets, not bodies: a block holding (or inside) a `with` snippet is body,
    one holding a `without` snippet is not, the rest are left out (weight 0)."""
    keep = [collapse(s) for s in with_ if collapse(s)]
    drop = [collapse(s) for s in without if collapse(s)]
    labels, raw = [], []
    for t in texts:
        pos = any(s in t or (len(t) > 15 and t in s) for s in keep)
        neg = any(s in t or (len(t) > 15 and t in s) for s in drop)
        labels.append(1 if pos and not neg else 0)
        raw.append(0.0 if pos == neg else 1.0 + len(t.split()))
    total = sum(raw) or 1.0
    return labels, [w / total for w in raw]


def build_cache(data_dir: Path, sets: Sequence[str], out_dir: Path, jobs: int, limit: Optional[int],
                mode: str = "html") -> dict:
    cache = out_dir / "cache" / f"blocks-v{FEATURE_VERSION}"
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in sets:
        path = cache / f"{mode}-{name}{'' if limit is None else f'-{limit}'}.pkl.gz"
        pages = load_pages(data_dir, name, limit)
        if not path.exists():
            print(f"features: {mode} {name} ({len(pages)} pages)…", file=sys.stderr, flush=True)
            with ProcessPoolExecutor(jobs) as pool:
                recs = list(pool.map(partial(page_record, mode=mode, render_cache=out_dir / "cache"),
                                     pages, chunksize=4))
            with gzip.open(path, "wb") as f:
                pickle.dump(recs, f)
        with gzip.open(path, "rb") as f:
            recs = pickle.load(f)
        out[name] = [(p, r) for p, r in zip(pages, recs) if r is not None]
    return out


# --- step 2: fit and decode -------------------------------------------------------------------

def fit(by_set: dict, seed: int = SEED):
    """Logistic regression weights fitted on the blocks of every page of the given sets. Every
    page weighs the same within its set and every set weighs the same: a large set (modern-dev,
    dragnet-train) does not teach the model its own sources' habits at the others' expense."""
    return _fit_logistic(by_set, lambda r: r["rows"], seed)


def fit_context(by_set: dict, weights: list, seed: int = SEED):
    """The context stage's weights (cleaner.decision.model.CONTEXT_FEATURES), fitted like `fit`
    on the first stage's scores of the same pages."""
    from cleaner.decision.features import FEATURES
    from cleaner.decision.model import Model, context_rows

    first = Model.from_dict({"features": FEATURES, "weights": weights, "switch_cost": 0.0})
    return _fit_logistic(by_set, lambda r: context_rows(first.logits(r["rows"])), seed)


def _fit_logistic(by_set: dict, rows_of, seed: int):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    records = [rec for recs in by_set.values() for rec in recs]
    pages = sum(len(recs) for recs in by_set.values()) / len(by_set)
    share = [pages / len(recs) for recs in by_set.values() for _ in recs]  # each set's pages weigh 1/its size
    X = np.array([row for _, r in records for row in rows_of(r)], dtype=np.float64)
    y = np.array([lab for _, r in records for lab in r["labels"]])
    w = np.array([wt * k for (_, r), k in zip(records, share) for wt in r["weights"]])
    mask = w > 0
    clf = LogisticRegression(C=C_REG, fit_intercept=False, max_iter=2000, random_state=seed)
    clf.fit(X[mask], y[mask], sample_weight=w[mask] * mask.sum() / w[mask].sum())
    return [round(float(v), 5) for v in clf.coef_[0]]


def outputs(records: list, model, logits: Optional[list] = None) -> List[str]:
    """The body each page gets from `model` (`logits`: the model's scores, when known), exactly
    as `cleaner.decision.decide` settles it."""
    from cleaner.decision import salvage, settle, unambiguous, within_views, without_comments
    from cleaner.decision.features import INDEX
    from cleaner.text.lines import split_lines

    texts = []
    v1, traf, read, hint, forum, heading = (INDEX[k] for k in ("v1", "traf", "read", "hint_comments", "type_forum",
                                                             "kind_heading"))
    for n, (_, r) in enumerate(records):
        z = logits[n] if logits is not None else model.logits(r["rows"])
        keep = salvage(model.decode(z, r["words"]), r["words"], [row[v1] for row in r["rows"]])
        tr = [row[traf] for row in r["rows"]]
        keep = without_comments(keep, [bool(row[hint]) for row in r["rows"]], tr, bool(r["rows"] and r["rows"][0][forum]),
                                r["words"])
        keep = within_views(keep, tr, [row[read] for row in r["rows"]], [bool(row[heading]) for row in r["rows"]])
        if "_lines" not in r:
            r["_lines"] = [split_lines(t)[0] for t in r["texts"]]
        kept = settle(r["texts"], r["words"], keep, r["title"], unambiguous(r["_lines"], keep))
        texts.append("\n\n".join(t for t, (k, _) in zip(r["texts"], kept) if k))
    return texts


def score(records: list, texts: List[str]) -> dict:
    """Shingle F1 where the set has bodies, segment F1 where it has snippets (the gold's
    shingles are counted once per page and kept on the record)."""
    pages = [p for p, _ in records]
    res = {}
    if any(p.body for p in pages):
        counts = []
        for (p, r), t in zip(records, texts):
            if p.body:
                if "_gold" not in r:
                    r["_gold"] = shingles(p.body)
                counts.append(_counts(r["_gold"], shingles(t)))
        res["shingle"] = shingle_prf(counts)
    if any(p.with_ or p.without for p in pages):
        res["segment"] = segment_prf([segment_counts(t, p.with_, p.without) for p, t in zip(pages, texts)
                                      if p.with_ or p.without])
    return res


def _counts(true, pred) -> tuple:
    tp = sum((true & pred).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def headline(res: dict) -> float:
    """The F1 a set is judged on: shingle F1 where the set has gold bodies, else segment F1
    (traf-dev), as in the published tables."""
    return (res.get("shingle") or res.get("segment"))["f1"]


def choose_decoding(by_set: dict, weights: list, context: Sequence[float] = ()):
    """The decoding parameters (switch cost, word scale, offset) with the best mean F1 over the
    given sets."""
    from cleaner.decision.features import FEATURES
    from cleaner.decision.model import Model

    base = Model.from_dict({"features": FEATURES, "weights": weights, "switch_cost": 0.0,
                            "context": _context_dict(context)})
    logits = {k: [base.logits(r["rows"]) for _, r in recs] for k, recs in by_set.items()}
    best = None
    for offset in OFFSETS:
        for scale in WORD_SCALES:
            for cost in SWITCH_COSTS:
                model = Model.from_dict({"features": FEATURES, "weights": weights, "switch_cost": cost,
                                         "word_scale": scale, "offset": offset, "context": _context_dict(context)})
                mean = sum(headline(score(recs, outputs(recs, model, logits[k])))
                           for k, recs in by_set.items()) / len(by_set)
                if best is None or mean > best[0]:
                    best = (mean, model)
    return best[1]


def train(by_set: dict):
    weights = fit(by_set)
    return choose_decoding(by_set, weights, fit_context(by_set, weights))


def _context_dict(weights: Sequence[float]) -> Optional[dict]:
    from cleaner.decision.model import CONTEXT_FEATURES

    return {"features": list(CONTEXT_FEATURES), "weights": list(weights)} if weights else None


# --- step 3: leave-one-set-out, and the model file ------------------------------------------

def model_dict(model) -> dict:
    from cleaner.decision.features import FEATURES

    return {"about": "written by `python -m bench.train --write`; see docs/algorithm.md",
            "seed": SEED, "features": FEATURES, "weights": list(model.weights),
            "switch_cost": model.switch_cost, "word_scale": model.word_scale, "offset": model.offset,
            "context": _context_dict(model.context)}


def _fmt(res: dict) -> str:
    m = res.get("shingle") or res.get("segment")  # the F1 the set is judged on, as `headline`
    return f"{m['f1']:.3f} ({m['p']:.3f} / {m['r']:.3f})"


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.train", description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--sets", default=",".join(TRAIN_SETS))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--mode", choices=("html", "text"), default="html",
                    help="html: the HTML model; text: the text-dump model, on both renderers' dumps")
    ap.add_argument("--write", action="store_true", help="fit on all sets and write the model file")
    ap.add_argument("--no-loso", action="store_true", help="skip the leave-one-set-out table")
    args = ap.parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"bench.train: no bench data at {args.data_dir} (pass DATA_DIR)", file=sys.stderr)
        return 2
    sets = args.sets.split(",")
    modes = ("html",) if args.mode == "html" else ("text-bs4", "text-htmltext")
    data = {m: build_cache(args.data_dir, sets, args.out, args.jobs, args.limit, m) for m in modes}
    print("| held-out set | input | today's path | learned, leave-one-set-out | switch cost | word scale | offset |")
    print("|---|---|---|---|---|---|---|")
    loso_dir = args.out / "loso" / args.mode
    loso_dir.mkdir(parents=True, exist_ok=True)
    for held in () if args.no_loso else sets:
        model = train({(m, s): data[m][s] for m in modes for s in sets if s != held})
        (loso_dir / f"{held}.json").write_text(json.dumps(model_dict(model)) + "\n", encoding="utf-8")
        for m in modes:
            recs = data[m][held]
            learned = score(recs, outputs(recs, model))
            today = score(recs, [r["v1"] for _, r in recs])
            print(f"| {held} | {m} | {_fmt(today)} | {_fmt(learned)} | {model.switch_cost} | {model.word_scale} | {model.offset} |",
                  flush=True)
    if args.write:
        from cleaner.decision.model import MODEL_FILE

        model = train({(m, s): data[m][s] for m in modes for s in sets})
        current = json.loads(MODEL_FILE.read_text(encoding="utf-8")) if MODEL_FILE.exists() else {}
        current[args.mode] = model_dict(model)
        MODEL_FILE.write_text(json.dumps(current, indent=1) + "\n", encoding="utf-8")
        print(f"wrote the {args.mode} model to {MODEL_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
