"""The literal strings any match of a regular expression holds (`literals`), and the quick test
before a slow search they give (`may_match`); the parse tree they and `gates.trigger` read
(`parsed`)."""
from __future__ import annotations

import re
from typing import Callable, FrozenSet, List, Optional

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


def _required_literals(items: List[tuple], min_len: int) -> Optional[set]:
    """The best set of literal strings one of which a match of the sequence contains: the
    candidate whose shortest string is longest (a literal run, or one from each alternative)."""
    best: Optional[set] = None
    run = ""

    def consider(candidate: Optional[set]) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, av in items + [OPAQUE]:
        if op is sre.LITERAL and chr(av).isascii():
            run += chr(av).lower()
            continue
        if len(run) >= min_len:
            consider({run})
        run = ""
        if op is sre.BRANCH:
            alts = [_required_literals(list(alt), min_len) for alt in av[1]]
            consider(None if None in alts else set().union(*alts))
        elif op is sre.SUBPATTERN:
            consider(_required_literals(list(av[-1]), min_len))
        elif op in REPEATS and av[0] >= 1:
            consider(_required_literals(list(av[2]), min_len))
    return best
