"""The literal strings any match of a regular expression holds (`literals`), and the quick test
before a slow search they give (`may_match`); the parse tree they and `triggers.trigger` read
(`parsed`)."""
from __future__ import annotations

import re
from typing import Callable, Dict, FrozenSet, List, Optional

try:  # Python >= 3.11
    from re import _constants as sre, _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


def parsed(pattern: re.Pattern) -> Optional[List[tuple]]:
    """The parse tree of a Unicode str pattern (None for byte, ASCII or locale patterns, whose
    case folding differs, and for a parser this module does not know)."""
    if pattern.flags & (re.ASCII | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        return list(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - a parser this module does not know
        return None


REPEATS = tuple(getattr(sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre, name))
OPAQUE = (None, None)  # stands for "something unknown follows" in a sequence


def literals(pattern: re.Pattern, min_len: int = 3) -> Optional[FrozenSet[str]]:
    """Lower-cased ASCII strings (at least `min_len` long) one of which any match of `pattern`
    contains; None if unknown. On ASCII text, `any(s in text.lower() for s in literals)` is False
    only when the pattern cannot match (a cheap test before a slow case-insensitive search)."""
    tree = parsed(pattern)
    if tree is None:
        return None
    found = _required_literals(tree, min_len)
    if found is None:
        return None
    return frozenset(s for s in found if not any(t != s and t in s for t in found))  # `cmp` covers `qc-cmp`


# the only characters `re.IGNORECASE` matches with an ASCII letter that lower-case to something
# else (tests/text/test_gates.py checks every character)
ODD_CASE = ("İ", "ı", "ſ")


def may_match(pattern: re.Pattern) -> Callable[[str], bool]:
    """A quick test before a slow search of `pattern`: False only when the pattern cannot match
    `text`, for lacking each of its required literals (`literals`) in the lower-cased text. The
    literals are ASCII: a case-insensitive match of one is that literal in the lower-cased text
    unless the match holds an `ODD_CASE` character. True when the pattern may match, the literals
    are unknown or the text has such a character."""
    words = literals(pattern)
    if words is None:
        return lambda text: True
    words = tuple(sorted(words))
    odd = ODD_CASE

    def may(text: str) -> bool:
        if any(map(text.lower().__contains__, words)):
            return True
        return not text.isascii() and any(map(text.__contains__, odd))

    return may


def _longer(best: Optional[set], candidate: Optional[set]) -> Optional[set]:
    """Of two sets of required strings, the one whose shortest string is longer (the rarer test);
    `best` on a tie or when `candidate` is empty or unknown."""
    if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
        return candidate
    return best


def _required_literals(items: List[tuple], min_len: int) -> Optional[set]:
    """The best set of literal strings one of which a match of the sequence contains: the
    candidate whose shortest string is longest (a literal run, or one from each alternative)."""
    best: Optional[set] = None
    run = ""

    for op, av in items + [OPAQUE]:
        if op is sre.LITERAL and chr(av).isascii():
            run += chr(av).lower()
            continue
        if len(run) >= min_len:
            best = _longer(best, {run})
        run = ""
        if op is sre.BRANCH:
            alts = [_required_literals(list(alt), min_len) for alt in av[1]]
            best = _longer(best, None if None in alts else set().union(*alts))
        elif op is sre.SUBPATTERN:
            best = _longer(best, _required_literals(list(av[-1]), min_len))
        elif op in REPEATS and av[0] >= 1:
            best = _longer(best, _required_literals(list(av[2]), min_len))
    return best


# The letter-case shape of ASCII text: each lower-case letter `a`, capital `A`, digit `0`
# (`gates.GateSet` makes it with one `bytes.translate`).
LOWER, UPPER, DIGIT = "a", "A", "0"

MARKED = 128  # in an ASCII text's shape, a mark (a gate's character) c is the byte 128 + c ...
UNMARKED = (" " + LOWER + UPPER + DIGIT).encode()  # ... and every other byte one of these (space: neither letter nor digit)


def shape_table(marks: Dict[int, int]) -> bytes:
    """The `bytes.translate` table of an ASCII text's shape: a-z `a`, A-Z `A`, 0-9 `0`, a byte c
    with MARKED + c among `marks` that, any other byte a space."""
    kinds = {**dict.fromkeys(range(97, 123), 97), **dict.fromkeys(range(65, 91), 65), **dict.fromkeys(range(48, 58), 48)}
    return bytes(MARKED + c if MARKED + c in marks else kinds.get(c, 0x20) for c in range(256))


def shapes(pattern: re.Pattern, min_len: int = 2) -> Optional[FrozenSet[str]]:
    """Shapes (at least `min_len` long) one of which the shape of any match of `pattern` in ASCII
    text holds: runs of the pattern's items that each match one character of one kind (a-z, A-Z
    or 0-9 among ASCII characters; letters only without re.IGNORECASE); None if unknown.
    `[a-z]{2}[A-Z][a-z]` gives `aaAa`, `\\d{4}` gives `0000`."""
    tree = parsed(pattern)
    if tree is None:
        return None
    found = _required_shapes(tree, bool(pattern.flags & re.IGNORECASE), min_len)
    if found is None:
        return None
    return frozenset(s for s in found if not any(t != s and t in s for t in found))


def _char_shape(op, av, ignore_case: bool) -> Optional[str]:
    """The kind (LOWER, UPPER, DIGIT) of every ASCII character a one-character item matches."""
    if op is sre.LITERAL:
        chars = {chr(av)}
    elif op is sre.IN:
        chars = set()
        for o, a in av:
            if o is sre.LITERAL:
                chars.add(chr(a))
            elif o is sre.RANGE:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            elif o is sre.CATEGORY and a is sre.CATEGORY_DIGIT:
                chars.update("0123456789")
            else:
                return None
    else:
        return None
    chars = {ch for ch in chars if ch.isascii()}  # (others never match in ASCII text)
    if chars and all("0" <= ch <= "9" for ch in chars):
        return DIGIT
    if chars and not ignore_case and all("a" <= ch <= "z" for ch in chars):
        return LOWER
    if chars and not ignore_case and all("A" <= ch <= "Z" for ch in chars):
        return UPPER
    return None


def _required_shapes(items: List[tuple], ignore_case: bool, min_len: int) -> Optional[set]:
    """The best set of shapes one of which a match of the sequence holds (as `_required_literals`)."""
    best: Optional[set] = None
    run = ""

    for op, av in items + [OPAQUE]:
        kind = _char_shape(op, av, ignore_case)
        if kind is not None:
            run += kind
            continue
        if op in REPEATS and len(av[2]) == 1 and _char_shape(*av[2][0], ignore_case) is not None:
            lo, hi = av[0], av[1]
            kind = _char_shape(*av[2][0], ignore_case)
            run += kind * lo
            if lo == hi:
                continue
            if len(run) >= min_len:
                best = _longer(best, {run})
            run = kind * lo  # (the last `lo` of the repeated characters touch what follows)
            continue
        if len(run) >= min_len:
            best = _longer(best, {run})
        run = ""
        if op is sre.BRANCH:
            alts = [_required_shapes(list(alt), ignore_case, min_len) for alt in av[1]]
            best = _longer(best, None if None in alts else set().union(*alts))
        elif op is sre.SUBPATTERN:
            _, add, drop, body = av
            inner = (ignore_case or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE
            best = _longer(best, _required_shapes(list(body), inner, min_len))
        elif op in REPEATS and av[0] >= 1:
            best = _longer(best, _required_shapes(list(av[2]), ignore_case, min_len))
    return best
