"""langdetect's Detector with its per-character Python loops replaced: the same text, the same
n-grams in the same order, the same random draws and arithmetic, so the same answers, faster.

langdetect reads the text one character at a time (normalising each through a binary search of
Unicode blocks) to cut it into 1- to 3-grams. Its n-gram window starts afresh after every space,
so the n-grams of a text are those of its words, one after the other: here each character is
normalised once per process (a table), and each word's n-grams are worked out once (a cache).
"""
from __future__ import annotations

import heapq
import random
import re
from itertools import chain, repeat
from typing import Dict, Iterator, Optional, Tuple

from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram
from langdetect.utils.unicode_block import unicode_block

from .lines import _PUNCT_UTF8

_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")  # langdetect's test: 'A' <= ch <= 'z'
_HIGH = re.compile("[^\x00-\u02ff]")  # ... and ch >= '\u0300'
_NOT_LATIN_BYTES = bytes(c for c in range(256) if not ord("A") <= c <= ord("z"))
# langdetect compares unicode_block's answer (a number) with a block's name: never equal, so it
# counts every character from U+0300 as not Latin
_BLOCK_NAMED = unicode_block("\u1e00") == "Latin Extended Additional"
WORD_CACHE_SIZE = 20_000  # words whose n-grams' probabilities are kept (emptied when full): ~6 MB


class _Normalized(dict):
    """Character code -> NGram.normalize(character), filled in as characters are met (for
    str.translate)."""

    def __missing__(self, code: int) -> str:
        self[code] = value = NGram.normalize(chr(code))
        return value


_NORMALIZED = _Normalized()
# NGram.normalize of ASCII: the letters kept, every other character a space (bytes 0x80 and above,
# the rest of a UTF-8 text, kept)
_NORMALIZED_BYTES = bytes(c if chr(c).isalpha() else ord(" ") for c in range(128)) + bytes(range(128, 256))
_NOT_ASCII = re.compile("[^\x00-\x7f]")


def _normalized(text: str) -> str:
    """`text.translate(_NORMALIZED)` (NGram.normalize, character by character). Most of a text is
    ASCII, and most of the rest normalises to itself but General Punctuation (to a space, as
    `lines._PUNCT_UTF8` finds it in the UTF-8): those by bytes, then the characters left outside
    ASCII checked; when one of them normalises to another, the table does the whole text."""
    if text.isascii():
        return text.encode("ascii").translate(_NORMALIZED_BYTES).decode("ascii")
    s = _PUNCT_UTF8.sub(b" ", text.encode("utf-8", "surrogatepass")).translate(_NORMALIZED_BYTES).decode(
        "utf-8", "surrogatepass")
    rest = "".join(_NOT_ASCII.findall(s))
    return s if rest.translate(_NORMALIZED) == rest else text.translate(_NORMALIZED)
_WORD_PROBS: Dict[int, Tuple[dict, dict]] = {}  # id of a profile map -> `_word_caches`


class FastDetector(Detector):
    _stop_when_decided = False  # `detect_decided` sets it for the length of its call

    def append(self, text: str) -> None:
        """Detector.append: URLs and e-mail addresses out, Vietnamese normalised, runs of spaces
        as one, at most max_text_length characters (each pattern searched only when the text
        holds what it must match: "://", "@", a combining mark, two spaces)."""
        if "://" in text:
            text = self.URL_RE.sub(" ", text)
        if "@" in text:
            text = self.MAIL_RE.sub(" ", text)
        if not text.isascii() and any(mark in text for mark in NGram.DMARK_CLASS):
            text = NGram.normalize_vi(text)
        text = text[:self.max_text_length]
        self.text += _SPACES.sub(" ", text) if "  " in text else text

    def cleaning_text(self) -> None:
        """Detector.cleaning_text: Latin letters dropped from a text mostly in another script.
        The letters A-z counted as the bytes A-z of the UTF-8 text (every other character's
        bytes are 0x80 and above)."""
        text = self.text
        if text.isascii():
            return  # (no character from U+0300: the Latin letters stay)
        latin = len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_LATIN_BYTES))
        if _BLOCK_NAMED:  # pragma: no cover - langdetect 1.0.9's blocks are numbers, never equal to the name
            non_latin = sum(1 for ch in _HIGH.findall(text) if unicode_block(ch) != "Latin Extended Additional")
        else:
            non_latin = len(_HIGH.findall(text))
        if latin * 2 < non_latin:
            self.text = _LATIN.sub("", text)

    def _extract_ngrams(self) -> list:
        """Detector._extract_ngrams, word by word (the n-grams themselves: `_detect_block` reads
        their probabilities, `_extract_probabilities`)."""
        known = self.word_lang_prob_map
        result: list = []
        for word, spaced in self._words():
            result += _ngrams_of_word(word + " " * spaced, known)
        return result

    def _extract_probabilities(self) -> list:
        """The probabilities (one per language) of the n-grams `_extract_ngrams` gives, in its
        order, each word's worked out once per process (`_word_probabilities`). Every word but
        the last is followed by a space; an empty word (spaces in a row) has no n-grams."""
        words = _normalized(self.text).split(" ")
        last = words.pop()
        spaced, _ = _word_caches(self.word_lang_prob_map)
        found = list(map(spaced.get, words))  # (None: a word not met before)
        if None in found:
            found = [self._word_probabilities(word, True) if probs is None else probs
                     for word, probs in zip(words, found)]
        result = list(chain.from_iterable(found))
        if last:
            result += self._word_probabilities(last, False)
        return result

    def _words(self):
        """The normalised text's words, each with whether a space follows it (langdetect's window
        starts afresh after every space)."""
        words = _normalized(self.text).split(" ")
        last = len(words) - 1
        return [(word, i < last) for i, word in enumerate(words) if word]

    def detect_decided(self) -> str:
        """Detector.detect's answer, without the trials that cannot change it (see
        `_detect_block`); `get_probabilities` still runs every trial."""
        self._stop_when_decided = True
        try:
            return self.detect()
        finally:
            self._stop_when_decided = False

    def _detect_block(self) -> None:
        """Detector._detect_block, the same draws and arithmetic in a cheaper shape. langdetect
        draws an n-gram and multiplies each language's probability by (weight + the n-gram's
        probability), normalising (and testing for convergence) after the 1st, 6th, 11th ...
        draw. Here the five draws between two normalisations are made first (the draws do not
        depend on the probabilities, and the same number is drawn), then one pass over the
        languages does the division and the five products, each in langdetect's order. The
        largest normalised probability is the largest divided by the sum (division by a positive
        number keeps the order), so the division waits for the next pass."""
        self.cleaning_text()
        ngrams = self._extract_probabilities()  # (each n-gram's probabilities, drawn as langdetect draws the n-gram)
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        rnd = self.random
        draws = _draws(rnd, ngrams)
        fives = zip(draws, draws, draws, draws, draws)  # (five draws in a row)
        self.langprob = [0.0] * len(self.langlist)
        rnd.seed(self.seed)
        for trial in range(self.n_trial):
            prob = self._init_probability()
            w = (self.alpha + rnd.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
            prob = [p * (w + q) for p, q in zip(prob, next(draws))]
            i = 0
            while True:
                total = sum(prob)
                if max(prob, default=0.0) / total > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                    break
                a, b, c, d, e = next(fives)
                prob = [p / total * (w + qa) * (w + qb) * (w + qc) * (w + qd) * (w + qe)
                        for p, qa, qb, qc, qd, qe in zip(prob, a, b, c, d, e)]
                i += 5
            self.langprob = [lp + p / total / self.n_trial for lp, p in zip(self.langprob, prob)]
            if self._stop_when_decided and _decided(self.langprob, self.n_trial - trial - 1, self.n_trial):
                return

    def _word_probabilities(self, word: str, spaced: bool) -> tuple:
        """The probabilities of the n-grams of `word` (followed by a space or not), kept. An empty
        word (spaces in a row: `NGram.normalize` turns ASCII punctuation and digits into spaces)
        has none: langdetect's window stays " "."""
        caches = _word_caches(self.word_lang_prob_map)
        probs = caches[not spaced].get(word)
        if probs is None:
            if len(caches[0]) + len(caches[1]) >= WORD_CACHE_SIZE:
                caches[0].clear()
                caches[1].clear()
            probs = caches[not spaced][word] = tuple(_probabilities(word + " " * spaced, self.word_lang_prob_map)) \
                if word else ()
        return probs


def _word_caches(known) -> Tuple[dict, dict]:
    """The kept probabilities of the words met so far with the map `known`: (of words followed
    by a space, of final words), word -> its n-grams' probabilities in langdetect's order."""
    caches = _WORD_PROBS.get(id(known))
    if caches is None:
        caches = _WORD_PROBS[id(known)] = ({}, {})
    return caches


def _draws(rnd: random.Random, ngrams: list) -> Iterator[tuple]:
    """The items `rnd.choice(ngrams)` would give, call after call, as one iterator (it draws only
    when asked: the generator's state is the same as after as many `choice` calls). choice takes
    `_randbelow`: getrandbits of n's bit length until a number below n comes."""
    n = len(ngrams)
    if type(rnd)._randbelow is not random.Random._randbelow_with_getrandbits:
        return map(ngrams.__getitem__, map(rnd._randbelow, repeat(n)))  # pragma: no cover
    return map(ngrams.__getitem__, filter(n.__gt__, map(rnd.getrandbits, repeat(n.bit_length()))))


DECIDED_MARGIN = 1e-9  # (far above the rounding error of the sums, far below any real gap)


def _decided(langprob: list, left: int, n_trial: int) -> bool:
    """Whether the trials still to run cannot change the answer: each adds at most 1 / n_trial
    to a language (its probabilities sum to 1), so a leader ahead of every other language by
    more than that is the leader at the end, and stays above langdetect's PROB_THRESHOLD."""
    if left == 0:
        return True
    first, second = heapq.nlargest(2, langprob + [0.0])
    return first > Detector.PROB_THRESHOLD and first - second > left / n_trial + DECIDED_MARGIN


_NONE_FOUND: dict = {}


def _ngrams_of_word(chars: str, known: dict) -> list:
    """The known n-grams NGram.add_char and Detector._extract_ngrams yield for `chars` (normalised
    characters, no space but maybe a final one) from a fresh window. langdetect's window is the
    last three characters of " " + chars; after each character it yields the 1-, 2- and 3-grams
    ending there (not " ", and no 3-gram after the first character), except inside a run of
    capitals (its `capitalword`: the character and the one before it are both upper case)."""
    found = getattr(known, "found", _NONE_FOUND)  # a ProfileMap's n-grams worked out so far: no call
    grams = _quick_grams(chars)
    if grams is not None:
        return [w for w in grams if w in found or w in known]
    padded = " " + chars
    upper = [ch.isupper() for ch in padded]
    out = []
    for j in range(1, len(padded)):
        if upper[j] and upper[j - 1]:
            continue
        for w in (padded[j], padded[j - 1:j + 1], padded[j - 2:j + 1]) if j > 1 else (padded[1], padded[:2]):
            if w != " " and (w in found or w in known):
                out.append(w)
    return out


def _probabilities(chars: str, known) -> list:
    """The probabilities of `_ngrams_of_word(chars, known)`, in its order: when the map has
    worked out every n-gram of the word already (the common case), one look-up each."""
    found = getattr(known, "found", _NONE_FOUND)  # (a ProfileMap keeps what `in` worked out)
    get = found.get
    grams = _quick_grams(chars)
    if grams is not None:
        probs = list(map(get, grams))
        if all(probs):  # (an n-gram's probabilities: a tuple of one per language, never empty)
            return probs
        # (p: the n-gram is in `found`; `in` works a new one out, and `found` has it then)
        return [p or get(w) or known[w] for w, p in zip(grams, probs) if p or w in known]
    return [get(w) or known[w] for w in _ngrams_of_word(chars, known)]


def _quick_grams(chars: str) -> Optional[list]:
    """Every window's n-grams but " " (all of langdetect's before the map is asked), for a word
    without two capitals in a row (`islower`: no upper-case character after the first) of at
    most SPAN_CACHE_CHARS characters with the space before: their slices worked out once per
    length; None for another word."""
    padded = " " + chars
    if len(padded) <= SPAN_CACHE_CHARS and (
            len(chars) < 2 or chars[1:].islower() or not any(map(str.isupper, chars))):
        key = (len(padded), chars[-1:] == " ")
        spans = _SPANS.get(key) or _spans(*key)  # (at most 2 * SPAN_CACHE_CHARS of them)
        return list(map(padded.__getitem__, spans))
    return None


SPAN_CACHE_CHARS = 40  # words up to this long (with the space before) take the quick way
_SPANS: Dict[Tuple[int, bool], tuple] = {}


def _spans(size: int, spaced: bool) -> tuple:
    """The slices (start, stop) of the 1-, 2- and 3-grams ending at each character of a padded word of
    `size` characters after the first, in langdetect's order (no 3-gram at the first), but the
    final " " of a word followed by a space (padded[0] is " " too, but begins no 1-gram)."""
    spans = []
    for j in range(1, size):
        spans += [(j, j + 1), (j - 1, j + 1)] + ([(j - 2, j + 1)] if j > 1 else [])
    if spaced:
        spans.remove((size - 1, size))
    _SPANS[size, spaced] = found = tuple(slice(a, b) for a, b in spans)
    return found
