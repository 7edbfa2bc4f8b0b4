"""What any match of a line rule's regular expression must contain, read off the pattern.

`trigger(pattern)` works out what any match of a pattern must contain: a token (a run of word
characters) starting with one of a few keys (its first five letters), one of a few punctuation
characters, or a word anywhere (`cookie` in `Cookie-Einstellungen`). Patterns it cannot read (an
alternative without such a word or character) get no trigger. `gates.py` turns triggers into the
rules' gates; keys are compared with lower-cased tokens only on `plain()` lines (see there).
"""
from __future__ import annotations

import functools
import operator
import re
import threading
from dataclasses import dataclass
from typing import FrozenSet, List, Optional, Tuple

from . import casing
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
