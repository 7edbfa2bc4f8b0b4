"""Stage: split a text (a dump, or trafilatura's output) into lines with the features rules use."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import FrozenSet, List, Optional

_TOKEN = re.compile(r"\w+", re.UNICODE)
# ASCII text's tokens without the regular expression: one pass lower-cases the word characters
# (\w on ASCII: letters, digits, _) and turns every other character into a space.
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(128)).lower() + bytes(128)
# ... the same for UTF-8 text, the bytes of other characters (0x80 and above) kept.
_UTF8_WORDS = _ASCII_WORDS[:128] + bytes(range(128, 256))
# The UTF-8 of U+2000-U+206F (General Punctuation: dashes, quotes, ellipsis, zero-width marks; no
# word character among them): a line's commonest characters outside ASCII that end a word.
_PUNCT_UTF8 = re.compile(rb"\xe2\x80[\x80-\xbf]|\xe2\x81[\x80-\xaf]")
# UTF-8 lead bytes of the _UNSPACED characters (U+0E00-U+0E7F: E0; U+3040-U+9FFF: E3-E9;
# U+F900-U+FAFF: EF): a line whose bytes hold none has none of them.
_NOT_UNSPACED_LEAD = bytes(c for c in range(256) if c not in (0xE0, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF))
# Ideographic and kana characters: scripts written without spaces between words.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
# A line ends a sentence when, past any invisible direction marks and then any closing quotes or
# brackets, its last character is sentence punctuation (in that order: the regular expression
# [.!?…:;。！？؟۔]["'”’»)\]]*[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]*$, as two rstrips).
_SENTENCE_PUNCT = frozenset(".!?…:;。！？؟۔")
_QUOTES = "\"'”’»)]"
_MARKS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_CLOSERS = _QUOTES + _MARKS


SOFT_HYPHEN = "\xad"  # an invisible hyphenation hint inside a word ("Mit\xadtel\xadal\xadter")


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip, soft hyphens dropped (the project's
    text equality: a word with hyphenation hints is the same word, as other extractors print it)."""
    if SOFT_HYPHEN in text:
        text = text.replace(SOFT_HYPHEN, "")
    return " ".join(text.split())  # str.split() splits at exactly the characters \s matches


@dataclass(slots=True)
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
    """Non-blank lines of `text`, in order, with their features (worked out once per distinct
    line: menus, share bars and blank lines repeat)."""
    out: List[Line] = []
    append = out.append
    seen: dict = {}  # raw line -> the arguments of its first Line, or None for a blank one
    get = seen.get
    for raw in text.splitlines():
        if not raw:
            continue
        args = get(raw, _UNSEEN)
        if args is _UNSEEN:
            if raw.isprintable() and "  " not in raw and raw[0] != " " and raw[-1] != " ":
                t = raw  # collapsed already: no space but the ASCII one is printable (nor the soft hyphen)
            else:
                t = " ".join(raw.split()) if SOFT_HYPHEN not in raw else collapse(raw)  # (collapse, inlined)
            if not t:
                seen[raw] = None
                continue
            if t.isascii():  # (_features, inlined for the common case; no mark nor quote outside ASCII)
                tokens = t.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
                last = t[-1]
                if last in _QUOTES:
                    last = t.rstrip(_QUOTES)[-1:]
                args = seen[raw] = (t, tokens, float(len(tokens)), _count_stop(tokens, stop) if stop else 0,
                                    None, "", "", False, last in _SENTENCE_PUNCT, last, False)
            else:
                tokens, n_words, ends_sentence, last, unspaced = _features(t)
                args = seen[raw] = (t, tokens, n_words, _count_stop(tokens, stop) if stop else 0,
                                    None, "", "", False, ends_sentence, last, unspaced)
            append(Line(*args))
        elif args is not None:
            append(Line(args[0], list(args[1]), *args[2:]))  # each line its own list of tokens
    return out


_UNSEEN = object()


def tokenize(t: str) -> List[str]:
    """The lower-cased \\w+ tokens of `t`."""
    if t.isascii():
        return t.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    low = t.lower()
    return _utf8_tokens(low, low.encode("utf-8", "surrogatepass"))


def _utf8_tokens(low: str, data: bytes) -> List[str]:
    """`_TOKEN.findall(low)` for a lower-cased text outside ASCII (`data`: its UTF-8). Its ASCII
    characters that are not word characters and its General Punctuation become spaces (in the
    bytes: one character, one space); when what the spaces then split holds only alphanumeric
    characters, those pieces are the tokens (every whitespace character, where `split` also cuts,
    is outside \\w), else (a '_', a symbol, a letter-like sign) the regular expression decides."""
    s = _PUNCT_UTF8.sub(b" ", data).translate(_UTF8_WORDS).decode("utf-8", "surrogatepass")
    tokens = s.split()
    if s.isascii() or "".join(tokens).isalnum():
        return tokens
    return _TOKEN.findall(low)


def _features(t: str) -> tuple:
    """(tokens, n_words, ends_sentence, last_char, unspaced) of a collapsed, non-blank line."""
    if t.isascii():
        tokens = t.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
        unspaced = 0
    else:
        low = t.lower()
        data = low.encode("utf-8", "surrogatepass")  # (lower-casing moves no character into or out of _UNSPACED)
        tokens = _utf8_tokens(low, data)
        unspaced = len(_UNSPACED.findall(t)) if data.translate(None, _NOT_UNSPACED_LEAD) else 0
    last = t[-1]
    if last in _CLOSERS:  # (else no quote nor mark to strip: the last character decides)
        ends_sentence = t.rstrip(_MARKS).rstrip(_QUOTES)[-1:] in _SENTENCE_PUNCT
        last = t.rstrip(_CLOSERS)[-1:]
    else:
        ends_sentence = last in _SENTENCE_PUNCT
    n_words = _word_count(t, tokens, unspaced) if unspaced else float(len(tokens))
    return tokens, n_words, ends_sentence, last, unspaced > 0


def restop(lines: List[Line], stop: FrozenSet[str]) -> None:
    """Recount stop words once the language is known."""
    is_stop = stop.__contains__
    for line in lines:
        line.n_stop = len(list(filter(is_stop, line.tokens)))


def _count_stop(tokens: List[str], stop: FrozenSet[str]) -> int:
    return len(list(filter(stop.__contains__, tokens)))
