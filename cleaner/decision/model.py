"""The learned decision: a logistic model scores each block, a second small logistic model
rescores each block in its page's context (how strong the best blocks above and below it are),
then a two-state sequence decoding (keep / drop, a learned cost per switch) picks the body, so one
odd block inside a story does not cut it and a lone body-like block among boilerplate is not kept.

The weights live in `model.json` beside this file, written by `python -m bench.train` (seeded,
reproducible); inference is plain Python: a dot product per block, one context pass and one pass
of Viterbi.
"""
from __future__ import annotations

import functools
import json
import math
import operator
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence

from .features import FEATURES

MODEL_FILE = Path(__file__).with_name("model.json")
MAX_LOGIT = 30.0  # scores are clipped here, so one block's certainty cannot outweigh its whole page
# The context stage's inputs, in the order of its weights: a constant, the block's first score,
# and the weaker and the stronger of the best first scores above and below it (over
# CONTEXT_SCALE; -MAX_LOGIT where the page has no block on that side).
CONTEXT_FEATURES = ("bias", "score", "best_around_min", "best_around_max")
CONTEXT_SCALE = 10.0


@dataclass(frozen=True)
class Model:
    weights: tuple  # one per FEATURES entry
    switch_cost: float  # paid each time the decoding goes from keep to drop or back
    word_scale: float  # a block's score counts (1 + word_scale * log(1 + words)) times
    offset: float = 0.0  # added to every score before decoding (where F1 is best, not p = 0.5)
    context: tuple = ()  # the context stage's weights (CONTEXT_FEATURES); () = no such stage

    @classmethod
    def from_dict(cls, data: dict) -> "Model":
        names = data["features"]
        if list(names) != FEATURES:
            missing = sorted(set(FEATURES) ^ set(names))
            raise ValueError(f"model file does not match the features of this version: {missing[:5]}")
        context = data.get("context") or {}
        if context and list(context["features"]) != list(CONTEXT_FEATURES):
            raise ValueError(f"model file's context stage does not match this version: {context['features']}")
        return cls(tuple(float(w) for w in data["weights"]), float(data["switch_cost"]),
                   float(data.get("word_scale", 0.0)), float(data.get("offset", 0.0)),
                   tuple(float(w) for w in context.get("weights", ())))

    def logits(self, rows: Sequence[Sequence[float]]) -> List[float]:
        """Each block's score: the first stage's, rescored in context when the model has a
        context stage."""
        w = self.weights
        first = [max(-MAX_LOGIT, min(MAX_LOGIT, sum(map(operator.mul, w, row)))) for row in rows]
        if not self.context:
            return first
        return [max(-MAX_LOGIT, min(MAX_LOGIT, sum(map(operator.mul, self.context, row))))
                for row in context_rows(first)]

    def decode(self, logits: Sequence[float], words: Sequence[float]) -> List[bool]:
        """The keep/drop sequence with the highest total: the kept blocks' weighted, offset scores
        minus switch_cost per change of state between two blocks. The page may start and end in
        either state for free: a story that opens the page, or a page of one paragraph, pays
        nothing for it; an island of body-like blocks inside boilerplate pays two switches."""
        n = len(logits)
        if not n:
            return []
        gain = [(z + self.offset) * (1.0 + self.word_scale * math.log1p(wd)) for z, wd in zip(logits, words)]
        cost = self.switch_cost
        drop, keep = 0.0, gain[0]  # best totals ending in each state
        back: List[tuple] = [(0, 1)]  # (best previous state for drop, for keep)
        for i in range(1, n):
            d_from = 0 if drop >= keep - cost else 1
            k_from = 1 if keep >= drop - cost else 0
            new_drop = drop if d_from == 0 else keep - cost
            new_keep = (keep if k_from == 1 else drop - cost) + gain[i]
            back.append((d_from, k_from))
            drop, keep = new_drop, new_keep
        state = 0 if drop >= keep else 1
        out = [False] * n
        for i in range(n - 1, -1, -1):
            out[i] = state == 1
            state = back[i][state] if i else state
        if not any(out):
            return best_run(gain)
        return out


def context_rows(scores: Sequence[float]) -> List[tuple]:
    """The context stage's inputs (CONTEXT_FEATURES) for each block of a page, from the first
    stage's scores: a block between two strong blocks is likely body, even when its own score is
    weak (a short paragraph, a subheading inside the story); a block whose page holds a much
    stronger block on one side only is likely an edge."""
    n = len(scores)
    above = [-MAX_LOGIT] * n
    below = [-MAX_LOGIT] * n
    best = -MAX_LOGIT
    for i in range(n):
        above[i] = best
        best = max(best, scores[i])
    best = -MAX_LOGIT
    for i in range(n - 1, -1, -1):
        below[i] = best
        best = max(best, scores[i])
    return [(1.0, z, min(a, b) / CONTEXT_SCALE, max(a, b) / CONTEXT_SCALE)
            for z, a, b in zip(scores, above, below)]


def best_run(gain: Sequence[float]) -> List[bool]:
    """The run of consecutive blocks with the highest total gain, when it is positive (else
    nothing): what a page keeps when no island of it pays for its switches, so a short story
    between boilerplate (a paywalled lead, a one-paragraph notice) is not emptied."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, g in enumerate(gain):
        if total <= 0.0:
            total, start = 0.0, i
        total += g
        if total > best:
            best, best_span = total, (start, i)
    out = [False] * len(gain)
    if best_span:
        for i in range(best_span[0], best_span[1] + 1):
            out[i] = True
    return out


KINDS = ("html", "text")  # one model for HTML pages, one for text dumps (no DOM, no extractors)


@functools.lru_cache(maxsize=None)
def load(kind: str = "html", path: str = str(MODEL_FILE)) -> Optional[Model]:
    """The model for `kind` (None when the file has none: that path keeps its own decision)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f).get(kind)
    return Model.from_dict(data) if data else None
