"""Language: langdetect on a bounded, deterministic sample, and jusText's per-language stop words."""
from __future__ import annotations

import functools
import heapq
import os
import re
from typing import FrozenSet, Optional

SAMPLE_CHARS = 600  # bounded sample: language detection cost does not grow with the page
SAMPLE_PIECE_CHARS = 150  # ... made of pieces of this many characters from the longest paragraphs
TRIALS = 3  # langdetect's random restarts (its default is 7): same answers on the dev sets, 1.7x faster

# ISO 639-1 codes (as langdetect returns them) -> jusText stop-list names.
JUSTEXT_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali",
    "nl": "Dutch", "no": "Norwegian_Bokmal", "pa": "Western_Panjabi", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}


@functools.lru_cache(maxsize=None)
def stopwords(lang: Optional[str]) -> FrozenSet[str]:
    """jusText's stop-word list for an ISO 639-1 code; empty when there is none."""
    name = JUSTEXT_NAMES.get(lang or "")
    if not name:
        return frozenset()
    import justext

    return justext.get_stoplist(name)


NOUN_CAPITALISING = ("de",)  # languages that write every noun with a capital


def capitalises_nouns(stop: FrozenSet[str]) -> bool:
    """Whether `stop` (a page's `stopwords`) is the list of a language that capitalises its nouns:
    there a line's capitals do not make it a title."""
    return bool(stop) and any(stop == stopwords(lang) for lang in NOUN_CAPITALISING)


def warm_up() -> None:
    """Make the language profiles ready now (once per process): the compact file's index, a few
    ms (`profiles.py`); langdetect's own 0.5 s load only when that file does not match them."""
    _factory()


@functools.lru_cache(maxsize=1)
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY

    from . import profiles

    return profiles.load(PROFILES_DIRECTORY) or _langdetect_factory()


def _langdetect_factory():
    """langdetect's own factory, every profile loaded (its map the same as `profiles.load`'s)."""
    from langdetect import detector_factory

    detector_factory.init_factory()
    return detector_factory._factory


# A text dump's sample in plain English is English without langdetect (~1 ms a page): at least
# ENGLISH_MIN_TOKENS tokens, ENGLISH_MIN_SHARE of them English stop words, at most
# ENGLISH_MAX_OTHER_LETTERS letters outside ASCII. On the 5,886 text dumps of the five dev sets
# (both renderers), 4,063 samples are such, and langdetect says English on all of them but two
# ("Book Now *" repeated, Polish to langdetect); no sample it calls another language has more
# than 0.3 English stop words.
ENGLISH_MIN_TOKENS = 40
ENGLISH_MIN_SHARE = 0.4
ENGLISH_MAX_OTHER_LETTERS = 2
_NOT_ASCII = re.compile("[^\x00-\x7f]")
_NOT_ASCII_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
MIN_LETTERS = 20  # a sample with fewer letters has no language


def _letters(sample: str) -> int:
    """How many characters of `sample` are letters (str.isalpha); an ASCII sample's by deleting
    the others from its bytes."""
    if sample.isascii():
        return len(sample.encode("ascii").translate(None, _NOT_ASCII_LETTERS))
    return sum(map(str.isalpha, sample))


def detect_dump(sample: str) -> Optional[str]:
    """`detect` for a text dump's sample, plain English recognised by its stop words first."""
    return "en" if is_plain_english(sample[:SAMPLE_CHARS]) else detect(sample)


def is_plain_english(sample: str) -> bool:
    from .lines import tokenize

    tokens = tokenize(sample)
    if len(tokens) < ENGLISH_MIN_TOKENS or _letters(sample) < MIN_LETTERS:
        return False
    if len(list(filter(stopwords("en").__contains__, tokens))) < ENGLISH_MIN_SHARE * len(tokens):
        return False
    return sample.isascii() or sum(map(str.isalpha, _NOT_ASCII.findall(sample))) <= ENGLISH_MAX_OTHER_LETTERS


def detect(sample: str) -> Optional[str]:
    """ISO 639-1 code of `sample` (seeded, so the same text always gives the same answer)."""
    sample = sample[:SAMPLE_CHARS]
    if _letters(sample) < MIN_LETTERS:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    from .fastdetect import FastDetector  # langdetect's own Detector, its character loops faster

    detector = FastDetector(_factory())
    detector.seed = 0  # seeded: langdetect is randomised, the answer must not be
    detector.n_trial = TRIALS
    detector.append(sample)
    try:
        lang = detector.detect_decided()  # (the trials that cannot change the answer skipped)
    except LangDetectException:
        return None
    return None if lang == "unknown" else lang


def sample_text(paragraphs) -> str:
    """A bounded sample for detection: the longest paragraphs first, in a stable order, each cut
    to SAMPLE_PIECE_CHARS, so one long paragraph in another language (a footer's legal notice, a
    quoted tweet) is not the whole sample."""
    paragraphs = list(paragraphs)
    long = [p for p in paragraphs if len(p) >= SAMPLE_PIECE_CHARS]
    if len(long) >= _FULL_PIECES:  # (the common case: whole pieces fill the sample, the longest taken)
        ranked = heapq.nsmallest(_FULL_PIECES, long, key=_longest_first)
    else:
        shortest = _shortest_taken(sorted((min(len(p), SAMPLE_PIECE_CHARS) for p in paragraphs), reverse=True))
        ranked = sorted((p for p in paragraphs if len(p) >= shortest), key=_longest_first)
    out, size = [], 0
    for p in ranked:
        piece = p[:SAMPLE_PIECE_CHARS]
        out.append(piece)
        size += len(piece) + 1
        if size >= SAMPLE_CHARS:
            break
    return "\n".join(out)


_FULL_PIECES = -(-SAMPLE_CHARS // (SAMPLE_PIECE_CHARS + 1))  # whole pieces (and line breaks) that fill a sample


def _longest_first(p: str) -> tuple:
    return (-len(p), p)


def _shortest_taken(lengths) -> int:
    """The length of the shortest paragraph sample_text takes, given all lengths longest first
    (so only the paragraphs that long or longer need sorting)."""
    size = 0
    for n in lengths:
        size += n + 1
        if size >= SAMPLE_CHARS:
            return n
    return 0
