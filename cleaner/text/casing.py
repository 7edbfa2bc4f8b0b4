"""Which characters lower-case the way `re.IGNORECASE` matches them (for `triggers.plain`).

The gates compare the lower-cased words of the rules' case-insensitive patterns with a line's
lower-cased tokens. That gives the regular expression's own answer when every character of the
line and of the word is `safe`:
- lower-casing it gives one character, the one of the simple case mapping `re` uses (not `İ`,
  which lower-cases to two; `Σ` lower-cases by context, but to `σ` or `ς`, see below), and keeps
  a word character a word character (so the tokens split where `\\w` does);
- among the few lower-case letters `re.IGNORECASE` also matches with another one (`i` and `ı`,
  `s` and `ſ`, `µ` and `μ`, Cyrillic `в` and `ᲀ`, Greek `σ` and `ς`...: `re`'s extra cases), its
  lower case is the lowest of its group: `i`, `s`, `µ`, `в`, `ς` are safe, `ı`, `ſ`, `μ`, `ᲀ`, `σ`
  and their capitals are not.
Two safe characters that `re.IGNORECASE` matches with each other then have the same lower case
(tests/text/test_casing.py checks every cased character), so a case-insensitive match of a safe
word in a safe line is that word, lower-cased, at the same place in the lower-cased line.

Without the interpreter's tables (`_sre.unicode_tolower`, `re`'s extra cases: private names that
may go), no character outside `triggers.py`'s Latin ranges is safe: the lines are not gated and the
answer is still the same, only slower.
"""
from __future__ import annotations

import re
from typing import Dict

try:
    from _sre import unicode_tolower as _simple_lower
except ImportError:  # pragma: no cover - another interpreter
    _simple_lower = None
try:  # Python >= 3.11
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - Python 3.10
    try:
        from sre_compile import _ignorecase_fixes as _EXTRA_CASES  # type: ignore[no-redef]
    except ImportError:
        _EXTRA_CASES = None

_WORD = re.compile(r"\w")
MEMO_CHARS = 65_536  # characters whose answer is kept (a page meets a few hundred distinct ones)
_memo: Dict[str, bool] = {}


def available() -> bool:
    """Whether the interpreter's case tables were found (else `safe` is always False)."""
    return _simple_lower is not None and _EXTRA_CASES is not None


def safe(ch: str) -> bool:
    """Whether the character `ch` lower-cases as `re.IGNORECASE` matches it (module doc)."""
    found = _memo.get(ch)
    if found is None:
        found = _work_out(ch)
        if len(_memo) < MEMO_CHARS:
            _memo[ch] = found
    return found


def all_safe(text: str) -> bool:
    return all(map(safe, set(text)))


def _work_out(ch: str) -> bool:
    if not available():
        return False
    low = ch.lower()
    if len(low) != 1 or ord(low) != _simple_lower(ord(ch)):
        return False
    if bool(_WORD.match(ch)) != bool(_WORD.match(low)):
        return False
    others = _EXTRA_CASES.get(ord(low))
    return others is None or ord(low) < min(others)
