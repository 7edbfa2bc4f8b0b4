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
(`literals.py` reads the other thing a pattern tells: the strings any match holds.)
"""
from __future__ import annotations

import functools
import operator
import re
import threading
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from . import casing
from .literals import ODD_CASE, literals, may_match, shapes  # noqa: F401  (re-exported)
from .literals import DIGIT, MARKED as _MARKED, UNMARKED as _UNMARKED, shape_table as _shape_table
from .literals import OPAQUE as _OPAQUE, REPEATS as _REPEATS, parsed as _parsed, sre as _sre

KEY_LEN = 5  # a key: the first letters of a token (the whole token when it is shorter)
_key = operator.itemgetter(slice(None, KEY_LEN))

# Latin, punctuation and currency characters: lower-casing them is one character for one, keeps
# word characters word characters, and matches what re.IGNORECASE does. Not in it: İ (two
# characters lower-cased), ı and ſ (re.IGNORECASE matches them with i and s). (The quick test;
# `casing.safe` says it of each character, these and others.)
_PLAIN = "\x00-\u012f\u0132-\u017e\u0180-\u024f\u2000-\u206f\u20a0-\u20cf"
_NOT_PLAIN = re.compile(f"[^{_PLAIN}]")
_WORD = re.compile(r"\w")
_DIGIT = re.compile(r"\d")


def plain(text: str) -> bool:
    """Whether keys may be compared with the lower-cased tokens of `text` (see the module doc)."""
    return text.isascii() or not _NOT_PLAIN.search(text) or casing.all_safe(text)


@dataclass(frozen=True)
class Trigger:
    keys: FrozenSet[str]  # first KEY_LEN letters (lower-cased) of a token any match contains ...
    chars: FrozenSet[str]  # ... or a punctuation character any match contains ...
    score: int = 0  # how rare lines with it are, roughly: the length of its shortest word
    subs: FrozenSet[str] = frozenset()  # ... or a word (lower-cased) inside the text ...
    digit: bool = False  # ... or a digit ...
    shapes: FrozenSet[str] = frozenset()  # ... or in ASCII text a shape (`literals.shapes`) ...
    starts: Tuple[str, ...] = ()  # ... or a first token starting with one of these (lower-cased)

    def __or__(self, other: "Trigger") -> "Trigger":
        return Trigger(self.keys | other.keys, self.chars | other.chars, min(self.score, other.score),
                       self.subs | other.subs, self.digit or other.digit, self.shapes | other.shapes,
                       tuple(sorted(set(self.starts + other.starts))))


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


def trigger(pattern: re.Pattern) -> Optional[Trigger]:
    """What any match of `pattern` must contain (for `search` as for `match`); None if unknown."""
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    _memo.seen = {}  # the same tails come back through every alternative: worked out once each
    try:
        return _seq(parsed, boundary=False)
    finally:
        _memo.seen = None


# `_seq`'s answers during one `trigger` call, keyed by the identities of the parsed items (alive
# as long as their parse tree, that is for the whole call) and the boundary. Without it a
# pattern with many optional parts and alternatives took ~60 ms, most of the rules' import time.
_memo = threading.local()


def _seq(items: List[tuple], boundary: bool) -> Optional[Trigger]:
    """Trigger of a sequence of parsed items. `boundary`: the character before items[0] is not a
    word character (or there is none), so a word literal there starts a token."""
    seen = getattr(_memo, "seen", None)
    if seen is None:
        return _seq_of(items, boundary)
    key = (tuple(map(id, items)), boundary)
    if key not in seen:
        seen[key] = _seq_of(items, boundary)
    return seen[key]


def _seq_of(items: List[tuple], boundary: bool) -> Optional[Trigger]:
    for i, (op, av) in enumerate(items):
        rest = items[i + 1:]
        if op is _sre.LITERAL:
            ch = chr(av)
            if _is_word(ch):
                if boundary:
                    found = _word_at(items, i)
                    if found is not None:
                        return _better(found, _seq(items[_word_end(items, i):], boundary=False))
                    end = _word_end(items, i)
                    ways = _ways(items[end]) if end < len(items) else None
                    if ways is not None:  # a short word that may go on: try each way it can
                        return _alternatives([items[i:end] + way + items[end + 1:] for way in ways], True)
                inside = _word_inside(items, i)
                if inside is not None:
                    return _better(inside, _seq(items[_word_end(items, i):], boundary=False))
                boundary = False
            else:
                return _punctuation({ch}, rest)
        elif op is _sre.IN and _literal_set(av) and not any(map(_is_word, _literal_set(av))):
            return _punctuation(_literal_set(av), rest)
        elif op is _sre.IN and _digits_only(av):
            tail = _seq(rest, boundary=False)
            return _better(Trigger(frozenset(), frozenset(), _DIGIT_SCORE, digit=True), tail)
        elif op is _sre.BRANCH:
            return _alternatives([list(alt) + rest for alt in av[1]], boundary)
        elif op is _sre.SUBPATTERN:
            return _seq(list(av[-1]) + rest, boundary)
        elif op in _REPEATS:
            lo, hi, body = av
            body = list(body)
            if lo == 0 and hi == 1:  # optional: both ways
                return _alternatives([body + rest, rest], boundary)
            nonword = bool(body) and all(_nonword_item(o, a) for o, a in body)
            after = nonword and (lo >= 1 or boundary)
            if lo >= 1:  # the first repetition is required; what follows it is unknown
                inner = _seq(body + [_OPAQUE], boundary)
                if inner is not None:
                    return _better(inner, _seq(rest, after))
            boundary = after
        elif op is _sre.AT:
            if av in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING, _sre.AT_BOUNDARY):
                boundary = True  # (before a word literal, \b means the character before is not one)
            elif av is _sre.AT_NON_BOUNDARY:
                boundary = False
        elif op is _sre.ASSERT_NOT and av[0] == -1 and _is_word_class(av[1]):
            boundary = True  # (?<!\w)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: the boundary is unchanged
        else:
            boundary = _nonword_item(op, av)
    return None


def _punctuation(chars: set, rest: List[tuple]) -> Optional[Trigger]:
    """Trigger at a required punctuation character: a token after it if there is one (rarer),
    else the character itself if it is rare, else whatever the rest requires."""
    tail = _seq(rest, boundary=True)
    if tail is not None and tail.keys:
        return tail
    return Trigger(frozenset(), frozenset(chars), _PUNCTUATION_SCORE) if all(map(_rare, chars)) else tail


_PUNCTUATION_SCORE = 3  # a rare punctuation character is about as rare as a short word
_DIGIT_SCORE = 1  # many lines have a digit


def _digits_only(items) -> bool:
    """Whether a character class matches digits only (\\d, 0-9)."""
    items = list(items)
    return bool(items) and all((op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT)
                               or (op is _sre.RANGE and ord("0") <= av[0] <= av[1] <= ord("9"))
                               or (op is _sre.LITERAL and "0" <= chr(av) <= "9") for op, av in items)


def _literal_set(items) -> FrozenSet[str]:
    """The characters of a character class made only of single characters (else empty)."""
    items = list(items)
    if all(op is _sre.LITERAL for op, _ in items):
        return frozenset(chr(av) for _, av in items)
    return frozenset()


def _alternatives(alts: List[List[tuple]], boundary: bool) -> Optional[Trigger]:
    out = None
    for alt in alts:
        found = _seq(alt, boundary)
        if found is None:
            return None
        out = found if out is None else out | found
    return out


def _better(found: Trigger, later: Optional[Trigger]) -> Trigger:
    """Of two triggers of one sequence, the one with longer words (rarer: `comment` rather than
    `to` in `to post a comment`)."""
    return later if later is not None and later.score > found.score else found


def _ways(item: tuple) -> Optional[List[List[tuple]]]:
    """The item as a list of alternative item sequences, for a group, a branch or an option."""
    op, av = item
    if op is _sre.BRANCH:
        return [list(alt) for alt in av[1]]
    if op is _sre.SUBPATTERN:
        return [list(av[-1])]
    if op in _REPEATS and av[0] == 0 and av[1] == 1:
        return [list(av[2]), []]
    if op in _REPEATS and av[0] == 0 and all(_nonword_item(o, a) for o, a in av[2]):
        return [[], list(av[2]) + [item]]  # none, or separators (`le\s*newsletter`)
    return None


def _word_end(items: List[tuple], i: int) -> int:
    j = i
    while j < len(items) and items[j][0] is _sre.LITERAL and _is_word(chr(items[j][1])):
        j += 1
    return j


def _word_at(items: List[tuple], i: int) -> Optional[Trigger]:
    """The token starting with the word literals at items[i:]: its key, if the literals give it."""
    j = _word_end(items, i)
    word = "".join(chr(av) for _, av in items[i:j]).lower()
    if not plain(word):
        return None
    if len(word) >= KEY_LEN or _ends_token(items[j:]):
        return Trigger(frozenset([word[:KEY_LEN]]), frozenset(), len(word))
    return None


SUB_LEN = 4  # a word that may sit inside a token is a trigger when it is this long


def _word_inside(items: List[tuple], i: int) -> Optional[Trigger]:
    """The word literals at items[i:] as a trigger word that may sit anywhere in the text."""
    word = "".join(chr(av) for _, av in items[i:_word_end(items, i)]).lower()
    if len(word) < SUB_LEN or not plain(word):
        return None
    return Trigger(frozenset(), frozenset(), len(word), frozenset([word]))


def _ends_token(rest: List[tuple]) -> bool:
    """Whether nothing but a non-word character (or the end of the text) can follow."""
    if not rest:
        return False  # the match ends here, the text may go on with a word character
    op, av = rest[0]
    if op is _sre.AT:
        return av in (_sre.AT_END, _sre.AT_END_STRING, _sre.AT_BOUNDARY)
    if op is _sre.ASSERT_NOT and av[0] == 1 and _is_word_class(av[1]):
        return True  # (?!\w)
    return _nonword_item(op, av)


def _nonword_item(op, av) -> bool:
    """Whether the item always consumes at least one character and only non-word characters."""
    if op is _sre.LITERAL:
        return not _is_word(chr(av))
    if op is _sre.IN:
        return all(_nonword_set_item(o, a) for o, a in av)
    if op in _REPEATS:
        lo, _, body = av
        return lo >= 1 and len(body) > 0 and all(_nonword_item(o, a) for o, a in body)
    return False


def _nonword_set_item(op, av) -> bool:
    if op is _sre.LITERAL:
        return not _is_word(chr(av))
    if op is _sre.CATEGORY:
        return av in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD)
    return False


def _is_word_class(items) -> bool:
    items = list(items)
    return (len(items) == 1 and items[0][0] is _sre.IN
            and list(items[0][1]) == [(_sre.CATEGORY, _sre.CATEGORY_WORD)])


@functools.lru_cache(maxsize=None)  # a few hundred distinct characters, asked ~16,000 times at import
def _is_word(ch: str) -> bool:
    return bool(_WORD.match(ch))


def _rare(ch: str) -> bool:
    """Punctuation worth gating on: not a space, not the sentence punctuation most lines have,
    and without case (re.IGNORECASE would match another character)."""
    return not ch.isspace() and ch not in ".,:" and ch.lower() == ch == ch.upper()
