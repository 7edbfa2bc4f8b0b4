"""`cleaner.fastdetect.FastDetector` gives exactly langdetect's own answers: the same text, the
same n-grams and the same probabilities (seeded), on scripts and spacing that exercise its
normalisation."""
from __future__ import annotations

import pytest
from langdetect.detector import Detector

from cleaner.text import language
from cleaner.text.fastdetect import FastDetector

SAMPLES = [
    "The government announced on Tuesday that it would consider new measures for the economy.",
    "Die Regierung in Damaskus sprach von einem feigen Terrorakt und kündigte eine harte Antwort an.",
    "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant votre navigation.",
    "  Double  spaces,   tabs\tand\nnew lines;  URLs https://example.com/x?a=1 and mail me@example.org  ",
    "NASA and the FBI SAID SO in CAPITALS while Mr McDonald's iPhone eBay BBC News",
    "ΣΟΦΙΑ σοφία ΑΘΗΝΑ Αθήνα είναι η πρωτεύουσα της Ελλάδας και μεγάλη πόλη.",
    "Москва — столица России, крупнейший по численности населения город страны.",
    "Москва (Moscow, RU) — столица России и крупнейший по численности населения город страны.",
    "東京は日本の首都です。カタカナとひらがなも混ざっています。",
    "Tiếng Việt có dấu: người Việt Nam nói tiếng Việt ở khắp nơi trên thế giới.",
    "Ta strona używa plików cookie. Korzystając z niej akceptujesz politykę prywatności.",
    "Vie\u0323t Nam: ca\u0300 phe\u0302 ngo\u0303 ha\u0309i, mo\u0301n a\u0306n ngon (marks combined after the letter).",
    "Привет, мир! Hello world ABCxyz [^_`] ДОБРО пожаловать \u1e00\u1eff ẞ 東京 \U0001f600 mail@x.org",
    "123 456 --- !!! ... a",
]


def _run(cls, text):
    detector = cls(language._factory())
    detector.seed, detector.n_trial = 0, language.TRIALS
    detector.append(text)
    detector.cleaning_text()
    grams = detector._extract_ngrams()
    fresh = cls(language._factory())
    fresh.seed, fresh.n_trial = 0, language.TRIALS
    fresh.append(text)
    try:
        probs = [(p.lang, p.prob) for p in fresh.get_probabilities()]
    except Exception as exc:  # langdetect's "no features" error must be the same too
        probs = type(exc).__name__
    return detector.text, grams, probs


@pytest.mark.parametrize("text", SAMPLES)
def test_same_as_langdetect(text):
    assert _run(FastDetector, text) == _run(Detector, text)


def test_same_as_langdetect_twice():
    # the second time the words' n-grams come from the cache
    for text in SAMPLES:
        assert _run(FastDetector, text) == _run(Detector, text)


def _probabilities(cls, text, seed, trials):
    detector = cls(language._factory())
    detector.seed, detector.n_trial = seed, trials
    detector.append(text)
    return [(p.lang, p.prob) for p in detector.get_probabilities()]


@pytest.mark.parametrize("seed", [1, 7, 12345])
def test_same_probabilities_with_other_seeds_and_trials(seed):
    # the draws made five at a time between normalisations: the same random stream for every
    # trial, whatever the seed, and texts mixing languages (slow to converge) included
    mixed = SAMPLES[0] + " " + SAMPLES[1] + " " + SAMPLES[2] + " " + SAMPLES[10]
    for text in SAMPLES[:-1] + [mixed, "ok ja si oui"]:
        for trials in (1, 7):
            assert _probabilities(FastDetector, text, seed, trials) == _probabilities(Detector, text, seed, trials)


def _answers(text, seed, trials):
    full, early = (FastDetector(language._factory()) for _ in range(2))
    for detector in (full, early):
        detector.seed, detector.n_trial = seed, trials
        detector.append(text)
    try:
        return full.detect(), early.detect_decided()
    except Exception as exc:  # noqa: BLE001 - "no features": the same error both ways
        return type(exc).__name__, type(exc).__name__


@pytest.mark.parametrize("trials", [1, 2, 3, 7])
def test_detect_decided_gives_detects_answer(trials):
    # the trials skipped once the leader cannot be caught never change the answer (mixed texts,
    # slow to converge, included), and get_probabilities afterwards still runs every trial
    mixed = SAMPLES[0] + " " + SAMPLES[1] + " " + SAMPLES[2] + " " + SAMPLES[10]
    for text in SAMPLES + [mixed, "ok ja si oui", SAMPLES[1] + " " + SAMPLES[2]]:
        for seed in (0, 1, 7):
            full, early = _answers(text, seed, trials)
            assert early == full


def test_detect_decided_then_probabilities_are_langdetects():
    detector = FastDetector(language._factory())
    detector.seed, detector.n_trial = 0, language.TRIALS
    detector.append(SAMPLES[1])
    assert detector.detect_decided() == "de"
    detector.langprob = None
    assert [(p.lang, p.prob) for p in detector.get_probabilities()] == _probabilities(Detector, SAMPLES[1], 0, language.TRIALS)


def test_same_ngrams_as_langdetect_on_random_mixed_case_words():
    # runs of capitals (langdetect's capitalword), title-case letters, digits, other scripts,
    # one-letter words and double spaces: the n-grams langdetect's character loop yields
    import random

    rnd = random.Random(5)
    alphabet = "aAbBzZéÉöÖσΣǅ1漢 "
    for _ in range(200):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40)))
        fast, slow = FastDetector(language._factory()), Detector(language._factory())
        for detector in (fast, slow):
            detector.append(text)
        assert fast._extract_ngrams() == slow._extract_ngrams(), text


def test_one_long_paragraph_in_another_language_is_not_the_whole_sample():
    from cleaner.text import language

    german = [
        "Die Stadt hat am Dienstag beschlossen, einen neuen Hochwasserschutz am Fluss zu bauen.",
        "Die Arbeiten beginnen im Frühjahr und sollen zwei Jahre dauern, sagte der Bürgermeister.",
        "Viele Anwohner begrüßten die Entscheidung, einige fürchten aber die Kosten für die Stadt.",
        "Der Stadtrat will die Pläne im Herbst noch einmal öffentlich vorstellen und besprechen.",
    ]
    footer = ("All content on this website is protected by copyright and may not be reproduced, "
              "distributed or used for commercial purposes without the prior written permission "
              "of the publisher, who reserves all rights in the material published here. ") * 3
    sample = language.sample_text(german + [footer])
    assert len(sample) <= language.SAMPLE_CHARS + language.SAMPLE_PIECE_CHARS
    assert footer[:language.SAMPLE_PIECE_CHARS] in sample and footer not in sample
    assert language.detect(sample) == "de"
    assert language.sample_text(german + [footer]) == sample  # the same sample every time


def test_cached_probabilities_are_those_of_the_ngrams():
    """`_extract_probabilities` (each word's worked out once, then kept) gives the map's entry for
    each n-gram `_extract_ngrams` gives, in order, the first time and from the cache; also for
    words too long for the quick way and words with runs of capitals."""
    texts = SAMPLES + ["Antidisestablishmentarianism" * 2 + " pneumonoultramicroscopicsilicovolcanoconiosis x",
                       "McDONALD's iPHONE ABCdef aBCD ǅemal Ǆ ǆ",
                       "zqxjv ꙮꙮx ŋŋŋ qqqq wxyzzy ꙮ"]  # n-grams no profile has (the slow way for their words)
    for _ in range(2):
        for text in texts:
            detector = FastDetector(language._factory())
            detector.append(text)
            detector.cleaning_text()
            known = detector.word_lang_prob_map
            assert detector._extract_probabilities() == [known[w] for w in detector._extract_ngrams()]


def test_normalised_text_is_the_tables_for_every_character():
    # ASCII and General Punctuation by bytes, the rest checked: NGram.normalize character by
    # character, whatever the character among others
    import sys

    from langdetect.utils.ngram import NGram

    from cleaner.text.fastdetect import _NORMALIZED, _normalized

    assert _normalized("Hello, World 42!") == "".join(map(NGram.normalize, "Hello, World 42!"))
    for c in range(0x80, sys.maxunicode + 1):
        text = f"ab{chr(c)}Cd é’ x"
        assert _normalized(text) == text.translate(_NORMALIZED), hex(c)
