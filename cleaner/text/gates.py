"""Cheap necessary conditions for the line rules' regular expressions, read off the patterns.

`trigger(pattern)` works out what any match of a pattern must contain: a token (a run of word
characters) starting with one of a few keys (its first five letters), one of a few punctuation
characters, or a word anywhere (`cookie` in `Cookie-Einstellungen`). A line with none of them
cannot match, so `rules.first_match` skips the rules that need the pattern without running them
(`GateSet` checks the gates of all rules at once). Patterns it cannot read (an alternative
without such a word or character) get no trigger, and their rules always run: the answer never
changes, only the time.

Keys are compared with the line's lower-cased tokens. That equals the regex's own case-insensitive
matching on lines whose characters all lower-case the way it matches them (`plain()` lines: Latin
scripts, and the others but for a few letters, `casing.py`), so only those lines are gated.
A pattern without such a trigger (or with only a digit) may still tell the letter-case shape any
match holds in ASCII text (`literals.shapes`: `aaAa` for `[a-z]{2}[A-Z][a-z]`, `0000` for
`\\d{4}`); a rule may say what its line's first token starts with (`starting`).
(`triggers.py` works the triggers out; `literals.py` reads the other thing a pattern tells: the
strings any match holds.)
"""
from __future__ import annotations

import functools
import operator
import re
from typing import Callable, Dict, Optional, Sequence, Tuple

from .literals import ODD_CASE, literals, may_match, shapes  # noqa: F401  (re-exported)
from .literals import DIGIT, MARKED as _MARKED, UNMARKED as _UNMARKED, shape_table as _shape_table
from .literals import parsed as _parsed  # noqa: F401  (re-exported)
from .triggers import (  # noqa: F401  (re-exported; `triggers.py` reads them off the patterns)
    _PLAIN, KEY_LEN, Trigger, _key, _seq, plain, trigger)


def gate(patterns: Sequence[re.Pattern]) -> Optional[Trigger]:
    """The gate of a rule that fires only on lines one of `patterns` matches: the union of their
    triggers (or shapes); None (no gate) when there are no patterns or one tells nothing."""
    if not patterns:
        return None
    found = [_shaped(pattern, trigger(pattern)) for pattern in patterns]
    if None in found:
        return None
    return functools.reduce(operator.or_, found)


def _shaped(pattern: re.Pattern, found: Optional[Trigger]) -> Optional[Trigger]:
    """A pattern's trigger, or the shapes any match holds where it has none, or only a digit and
    the shapes are runs of digits (`0000`: rarer)."""
    if found is None or found == Trigger(frozenset(), frozenset(), found.score, digit=True):
        runs = shapes(pattern)
        if runs and (found is None or all(set(run) == {"0"} for run in runs)):
            return Trigger(frozenset(), frozenset(), 0, shapes=runs)
    return found


def starting(prefixes: Sequence[str]) -> Trigger:
    """The gate of a rule whose test is False on `plain` lines whose first token (lower-cased)
    starts with none of `prefixes` (`rulebook.rule`'s `starts`)."""
    return Trigger(frozenset(), frozenset(), 0, starts=tuple(sorted(set(prefixes))))


class GateSet:
    """The gates of several rules, checked together: `allowed(tokens, text)` is a bit mask with
    bit i set when the line (its lower-cased `tokens` from `lines.split_lines`, and its text)
    passes gate i (None: left out, its bit stays 0); every bit is set when the line is not `plain`.
    A digit, and shapes, are looked for in ASCII text's shape (a digit is the shape `0`); in other
    text a digit passes the gates of digits and of shapes of digits only, and every gate of other
    shapes passes."""

    def __init__(self, gates: Sequence[Optional[Trigger]]) -> None:
        self.all = sum(1 << i for i, trig in enumerate(gates) if trig is not None)
        self.by_key: Dict[str, int] = {}
        self.by_char: Dict[str, int] = {}
        self.by_sub: Dict[str, int] = {}
        self.by_shape: Dict[str, int] = {}  # in ASCII text
        self.by_starts: Dict[Tuple[str, ...], int] = {}
        self.digit = 0  # in other text, the gates a digit passes ...
        self.unshaped = 0  # ... and those it always passes
        for i, trig in enumerate(gates):
            if trig is None:
                continue
            bit = 1 << i
            for key in trig.keys:
                self.by_key[key] = self.by_key.get(key, 0) | bit
            for ch in trig.chars:
                self.by_char[ch] = self.by_char.get(ch, 0) | bit
            for sub in trig.subs:
                self.by_sub[sub] = self.by_sub.get(sub, 0) | bit
            for shape in trig.shapes | ({DIGIT} if trig.digit else set()):
                self.by_shape[shape] = self.by_shape.get(shape, 0) | bit
                if set(shape) == {DIGIT}:
                    self.digit |= bit
                else:
                    self.unshaped |= bit
            if trig.starts:
                self.by_starts[trig.starts] = self.by_starts.get(trig.starts, 0) | bit
        self.keys = frozenset(self.by_key)
        marks = "".join(map(re.escape, sorted(self.by_char))) + ("\\d" if self.digit else "")
        self.marks = re.compile(f"[{marks}]") if marks else None
        self._checker: Optional[Callable[[Sequence[str], str], int]] = None

    def allowed(self, tokens: Sequence[str], text: str) -> int:
        return self.checker()(tokens, text)

    def checker(self) -> Callable[[Sequence[str], str], int]:
        """`allowed` as a function, the tables bound to it (made once)."""
        if self._checker is None:
            self._checker = self._make_checker()
        return self._checker

    def _make_checker(self) -> Callable[[Sequence[str], str], int]:
        everything, by_key, keys, by_char, digit = self.all, self.by_key, self.keys, self.by_char, self.digit
        findall = self.marks.findall if self.marks else None
        unshaped = self.unshaped
        # ASCII text's shape and marks in one pass over its bytes (`_shape_table`)
        by_byte = {_MARKED + ord(ch): bits for ch, bits in by_char.items() if ch.isascii()}
        table = _shape_table(by_byte) if by_byte or self.by_shape else None
        # each shape, and the shapes holding it (looked for only where it is found: `0000` after `0`)
        runs = sorted(self.by_shape, key=len)
        above = {run: next((r for r in runs if r != run and r in run), None) for run in runs}
        shaped = tuple((run, self.by_shape[run], tuple((r, self.by_shape[r]) for r in runs if above[r] == run))
                       for run in runs if above[run] is None)
        starts: Dict[str, list] = {}  # a first letter -> (the prefixes starting with it, their gates)
        for prefixes, bits in self.by_starts.items():
            for initial in sorted({p[:1] for p in prefixes}):
                starts.setdefault(initial, []).append((tuple(p for p in prefixes if p[:1] == initial), bits))
        subs = tuple(self.by_sub.items())
        key = _key

        def allowed(tokens: Sequence[str], text: str) -> int:
            ascii = text.isascii()
            if not (ascii or plain(text)):
                return everything
            mask = 0
            if keys and not keys.isdisjoint(map(key, tokens)):  # (most lines have none: the quick test)
                for found in keys.intersection(map(key, tokens)):
                    mask |= by_key[found]
            if ascii:
                if table is not None:
                    found = text.encode().translate(table)
                    shape = found.decode("latin-1")  # (a str: `in` is quicker)
                    if not shape.isascii():  # a mark
                        for b in set(found.translate(None, _UNMARKED)):
                            mask |= by_byte[b]
                    for run, bits, holding in shaped:
                        if run in shape:
                            mask |= bits
                            for longer, more in holding:
                                if longer in shape:
                                    mask |= more
            else:
                mask |= unshaped
                if findall is not None:
                    found = findall(text)  # punctuation (and digits)
                    if found:
                        for ch in set(found):
                            mask |= by_char.get(ch, digit)  # (not a listed character: a digit)
            if starts and tokens:
                first = tokens[0]
                for prefixes, bits in starts.get(first[:1], ()):
                    if first.startswith(prefixes):
                        mask |= bits
            if subs:
                lowered = text.lower()
                for sub, bits in subs:
                    if sub in lowered:
                        mask |= bits
            return mask

        return allowed
