"""langdetect's profiles from the compact file (`cleaner.text.profiles`): the same map as
langdetect's own load, bit for bit, so the same languages; any other profiles mean langdetect's
own load; an interrupted entry leaves the map as it was."""
from __future__ import annotations

import gzip
from array import array
import os
import shutil
from pathlib import Path

import pytest
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from cleaner import clean
from cleaner.text import language, profiles
from cleaner.text.fastdetect import FastDetector

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="module")
def eager():
    """langdetect's own factory: every profile loaded the way langdetect does it."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


@pytest.fixture(scope="module")
def compact():
    factory = profiles.load(PROFILES_DIRECTORY)
    assert factory is not None, "profiles.bin does not match the installed langdetect: python -m bench.langprofiles"
    return factory


def _bits(probs):
    return array("d", probs).tobytes()


def test_shipped_file_gives_langdetects_map_bit_for_bit(eager, compact):
    assert compact.langlist == eager.langlist
    assert sorted(compact.word_lang_prob_map) == sorted(eager.word_lang_prob_map)
    assert len(compact.word_lang_prob_map) == len(eager.word_lang_prob_map) > 80_000
    for gram, probs in eager.word_lang_prob_map.items():
        assert _bits(compact.word_lang_prob_map[gram]) == _bits(probs), gram


def test_unknown_ngrams_are_not_in_the_map(compact):
    known = compact.word_lang_prob_map
    for gram in ("qqqz", "", "a\t", "\n", "€€€", None, 7):
        assert gram not in known
    with pytest.raises(KeyError):
        known["qqqz"]


def test_language_uses_the_compact_file():
    assert isinstance(language._factory().word_lang_prob_map, profiles.ProfileMap)


def _texts():
    """The fixture pages' texts, plain and hostile (scripts, right-to-left, mixed languages)."""
    for path in sorted(FIXTURES.glob("*/*")):
        if path.suffix in (".html", ".txt"):
            yield path.name, path.read_bytes().decode("utf-8", errors="replace")


def _detect(factory, text):
    detector = FastDetector(factory)
    detector.seed, detector.n_trial = 0, language.TRIALS
    detector.append(text[:language.SAMPLE_CHARS])
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except Exception as exc:  # langdetect's "no features": the same error both ways
        return type(exc).__name__


@pytest.mark.parametrize("name,text", list(_texts()))
def test_same_probabilities_as_langdetects_load(name, text, eager, compact):
    for part in (text, text[len(text) // 2:], text[:200]):
        assert _detect(compact, part) == _detect(eager, part)


def test_clean_gives_the_same_language_with_the_eager_load(eager, monkeypatch):
    pages = [p for p in sorted(FIXTURES.glob("*/*")) if p.suffix in (".html", ".txt")]
    assert len(pages) >= 15
    lazy = [clean(p.read_bytes()).language for p in pages]
    monkeypatch.setattr(language, "_factory", lambda: eager)
    assert [clean(p.read_bytes()).language for p in pages] == lazy
    assert {"en", "de"} <= set(lazy)


def _copy_profiles(tmp_path):
    folder = tmp_path / "profiles"
    shutil.copytree(PROFILES_DIRECTORY, folder)
    return folder


def test_other_profiles_mean_langdetects_own_load(tmp_path):
    folder = _copy_profiles(tmp_path)
    assert profiles.load(str(folder)) is not None
    (folder / "en").write_bytes((folder / "en").read_bytes().replace(b'"the"', b'"thx"', 1))
    assert profiles.load(str(folder)) is None  # same size, other content
    shutil.copy(folder / "de", folder / "xx")
    assert profiles.load(str(folder)) is None  # one more profile
    os.remove(folder / "xx")
    os.remove(folder / "en")
    assert profiles.load(str(folder)) is None  # one fewer
    assert profiles.load(str(tmp_path / "no-such-folder")) is None


def test_a_missing_or_broken_file_means_langdetects_own_load(tmp_path):
    assert profiles.load(PROFILES_DIRECTORY, str(tmp_path / "none.bin")) is None
    with open(profiles.DATA_FILE, "rb") as fh:
        shipped = fh.read()
    for name, data in (("binary", bytes(range(256)) * 4), ("json", b"[1, 2]\n"), ("cut", shipped[:len(shipped) // 2]),
                       ("padded", shipped + b"x\tzz\n"), ("header only", shipped.partition(b"\n")[0])):
        broken = tmp_path / f"{name}.bin"
        broken.write_bytes(data)
        assert profiles.load(PROFILES_DIRECTORY, str(broken)) is None, name
    other = tmp_path / "other-format.bin"
    other.write_bytes(shipped.replace(b'"format": 2', b'"format": 9', 1))
    assert profiles.load(PROFILES_DIRECTORY, str(other)) is None


def test_language_falls_back_to_langdetects_load(monkeypatch, eager):
    monkeypatch.setattr(profiles, "load", lambda directory: None)
    language._factory.cache_clear()
    try:
        factory = language._factory()
        assert not isinstance(factory.word_lang_prob_map, profiles.ProfileMap)
        assert factory.langlist == eager.langlist
        assert language.detect("Die Regierung kündigte am Dienstag neue Maßnahmen für die Wirtschaft an.") == "de"
    finally:
        language._factory.cache_clear()


def test_build_gives_the_shipped_file():
    built = profiles.build(PROFILES_DIRECTORY)  # (sorted throughout: no dict or set order in it)
    with open(profiles.DATA_FILE, "rb") as fh:
        shipped = fh.read()
    assert built == shipped


def test_an_interrupted_entry_leaves_the_map_as_it_was(monkeypatch, eager):
    known = profiles.load(PROFILES_DIRECTORY).word_lang_prob_map

    def interrupted(self, word, record):
        raise TimeoutError("the page's time limit")

    real = profiles.ProfileMap._work_out
    monkeypatch.setattr(profiles.ProfileMap, "_work_out", interrupted)
    with pytest.raises(TimeoutError):
        "the" in known
    monkeypatch.setattr(profiles.ProfileMap, "_work_out", real)
    assert "the" in known and _bits(known["the"]) == _bits(eager.word_lang_prob_map["the"])

