"""Stage: split a text (a dump, or trafilatura's output) into lines with the features rules use."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import FrozenSet, List, Optional

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Ideographic and kana characters: scripts written without spaces between words.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_SENTENCE_END = re.compile(r"""[.!?…:;。！？؟۔]["'”’»)\]]*[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]*$""")
_CLOSERS = "\"'”’»)]\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


SOFT_HYPHEN = "\xad"  # an invisible hyphenation hint inside a word ("Mit\xadtel\xadal\xadter")


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip, soft hyphens dropped (the project's
    text equality: a word with hyphenation hints is the same word, as other extractors print it)."""
    if SOFT_HYPHEN in text:
        text = text.replace(SOFT_HYPHEN, "")
    return " ".join(text.split())  # str.split() splits at exactly the characters \s matches


@dataclass
class Line:
    text: str  # whitespace collapsed
    tokens: List[str] = field(default_factory=list)  # lower-cased \w+ tokens
    n_words: float = 0.0  # words; unspaced scripts count ~2 characters a word
    n_stop: int = 0
    reason: Optional[str] = None  # why it was removed; None = kept (so far)
    rule: str = ""  # name of the line rule that fired, if any
    role: str = ""  # set by context: 'body', 'title', 'description'
    good: bool = False  # body-like on its own (long, sentence-like, enough stop words)

    @property
    def stop_density(self) -> float:
        return self.n_stop / len(self.tokens) if self.tokens else 0.0

    ends_sentence: bool = False  # ends in sentence punctuation (closing quotes/marks allowed)
    last_char: str = ""  # the final character, past closing quotes, brackets and direction marks
    unspaced: bool = False  # written in a script without spaces between words


def _word_count(text: str, tokens: List[str], unspaced: int) -> float:
    if not unspaced:
        return float(len(tokens))
    spaced = sum(1 for t in tokens if not _UNSPACED.search(t))
    return spaced + unspaced / 2.0


def split_lines(text: str, stop: FrozenSet[str] = frozenset()) -> List[Line]:
    """Non-blank lines of `text`, in order, with their features."""
    out: List[Line] = []
    for raw in text.splitlines():
        t = collapse(raw)
        if not t:
            continue
        tokens = _TOKEN.findall(t.lower())
        unspaced = 0 if t.isascii() else len(_UNSPACED.findall(t))
        line = Line(text=t, tokens=tokens,
                    n_words=_word_count(t, tokens, unspaced),
                    n_stop=_count_stop(tokens, stop) if stop else 0,
                    ends_sentence=bool(_SENTENCE_END.search(t)), last_char=t.rstrip(_CLOSERS)[-1:],
                    unspaced=unspaced > 0)
        out.append(line)
    return out


def restop(lines: List[Line], stop: FrozenSet[str]) -> None:
    """Recount stop words once the language is known."""
    for line in lines:
        line.n_stop = _count_stop(line.tokens, stop)


def _count_stop(tokens: List[str], stop: FrozenSet[str]) -> int:
    return len([tok for tok in tokens if tok in stop])
