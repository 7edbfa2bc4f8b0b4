"""langdetect's 55 language profiles from a compact file, each n-gram's probabilities worked out
when a text first needs them: the same map langdetect builds, without its ~0.5 s load.

langdetect reads 55 JSON files and fills a dict of ~88,000 n-grams, each with a list of one
probability per language (`DetectorFactory.load_profile`), before it detects anything. A page's
sample needs a few hundred of those n-grams. `profiles.bin` (beside this module, written by
`python -m bench.langprofiles` from the installed langdetect) holds every n-gram with its counts
per language; `load()` reads it in ~0.02 s and returns a factory whose map computes an n-gram's
probabilities (a tuple) on first use with langdetect's own arithmetic (`1.0 * count / n_words[len - 1]`), at the
index langdetect's loader gives that language in this process (the order of `os.listdir`).

The file names the size and hash of each profile it was built from; when the installed profiles
differ in any way, `load()` returns None and the caller loads langdetect's own way.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import zlib
from array import array
from typing import Dict, Iterator, List, Optional, Tuple

DATA_FILE = os.path.join(os.path.dirname(__file__), "profiles.bin")
FORMAT = 2  # the layout `build` writes; load() refuses any other
BUCKETS = 16_384  # hash buckets of the n-grams (~5 a bucket): a lookup reads ~100 bytes
N_GRAM = 3  # langdetect's NGram.N_GRAM: longer n-grams get no probability


class ProfileMap:
    """langdetect's `word_lang_prob_map` (n-gram -> a probability per language, for `in` and
    `[]`, all langdetect asks of it), each entry worked out on first use from the n-gram's line
    in the file's hash bucket. An entry is built whole before it is stored, so an interruption
    (the page's time limit) leaves the map as it was."""

    def __init__(self, blob: bytes, offsets: array, slots: List[Tuple[int, List[int]]], langsize: int):
        self._blob = blob  # the lines "n-gram<TAB>i:count i:count ..." (i: the language in the file) ...
        self._offsets = offsets  # ... by bucket: bucket b is blob[offsets[b]:offsets[b + 1]]
        self._slots = slots  # per language in the file: (its index in this process, its n_words)
        self._langsize = langsize
        # per n-gram length, per language in the file: (its index in this process, its n_words of that length)
        self._by_length = [[(index, n_words[k]) for index, n_words in slots] for k in range(N_GRAM)]
        self.found: Dict[str, tuple] = {}  # the n-grams worked out so far (fastdetect reads it first)

    def __contains__(self, word) -> bool:
        if word in self.found:
            return True
        record = self._record(word)
        if record is None:
            return False
        self.found[word] = self._work_out(word, record)
        return True

    def __getitem__(self, word: str) -> tuple:
        if word not in self:
            raise KeyError(word)
        return self.found[word]

    def __len__(self) -> int:
        return self._blob.count(b"\n")

    def __iter__(self) -> Iterator[str]:
        for line in self._blob.decode("utf-8").split("\n")[:-1]:  # (str.splitlines also cuts at \x85, \u2028 ...)
            yield line.partition("\t")[0]

    def _record(self, word) -> Optional[str]:
        """The n-gram's counts ("i:count i:count ..."), None for an n-gram no profile has."""
        if not isinstance(word, str):
            return None
        key = word.encode("utf-8")
        b = zlib.crc32(key) % (len(self._offsets) - 1)
        first, stop = self._offsets[b], self._offsets[b + 1]
        if first:  # (the bucket's lines follow the line break that ends the bucket before: searched in place)
            lines, found = self._blob, self._blob.find(b"\n" + key + b"\t", first - 1, stop)
        else:
            lines = b"\n" + self._blob[:stop]
            found = lines.find(b"\n" + key + b"\t")
        if found < 0:
            return None
        start = found + len(key) + 2
        return lines[start:lines.index(b"\n", start)].decode("ascii")

    def _work_out(self, word: str, record: str) -> tuple:
        """The n-gram's probabilities, as a tuple: a tuple of floats holds no reference the garbage
        collector must follow (a list does, and the map keeps thousands of them for good)."""
        probs = [0.0] * self._langsize
        length = len(word)
        if 1 <= length <= N_GRAM:
            table = self._by_length[length - 1]
            numbers = map(int, record.replace(":", " ").split())  # language, count, language, count ...
            for lang, count in zip(numbers, numbers):
                index, n_words = table[lang]
                probs[index] = 1.0 * count / n_words
        return tuple(probs)


def profile_files(directory: str) -> Tuple[List[str], List[str]]:
    """langdetect's loading order: (every entry of the directory, as `os.listdir` gives them;
    the profile files among them, in that order)."""
    entries = os.listdir(directory)
    files = [f for f in entries if not f.startswith(".") and os.path.isfile(os.path.join(directory, f))]
    return entries, files


def _fingerprint(path: str) -> Tuple[int, str]:
    with open(path, "rb") as fh:
        data = fh.read()
    return len(data), hashlib.blake2b(data, digest_size=16).hexdigest()


def build(directory: str) -> bytes:
    """The compact file for the profiles in `directory` (deterministic: the same profiles give
    the same bytes). A JSON header line (format, bucket count; per profile file, sorted: its
    name, size, hash and n_words); the bucket offsets (little-endian uint32, one more than the
    buckets); then the lines "n-gram<TAB>i:count i:count ..." (i: the profile's place in the
    header), by bucket (crc32 of the n-gram's UTF-8 modulo the bucket count), sorted within it."""
    _, files = profile_files(directory)
    names = sorted(files)
    profiles = []
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8") as fh:
            profiles.append(json.load(fh))
    header = {"format": FORMAT, "buckets": BUCKETS, "profiles": [
        {"file": name, "name": p["name"], "size": size, "hash": digest, "n_words": p["n_words"]}
        for name, p, (size, digest) in zip(names, profiles, (_fingerprint(os.path.join(directory, n)) for n in names))]}
    counts: Dict[str, List[str]] = {}
    for i, p in enumerate(profiles):
        for gram, count in p["freq"].items():
            counts.setdefault(gram, []).append(f"{i}:{count}")
    by_bucket: List[List[bytes]] = [[] for _ in range(BUCKETS)]
    for gram in sorted(counts):
        key = gram.encode("utf-8")
        if b"\n" in key or b"\t" in key:
            raise ValueError(f"an n-gram in {directory} holds a tab or a line break: the compact file cannot hold it")
        by_bucket[zlib.crc32(key) % BUCKETS].append(key + b"\t" + " ".join(counts[gram]).encode("ascii") + b"\n")
    offsets, blob = array("I", [0]), bytearray()
    for lines in by_bucket:
        blob += b"".join(lines)
        offsets.append(len(blob))
    if sys.byteorder == "big":  # pragma: no cover - the file is little-endian everywhere
        offsets.byteswap()
    # (not compressed: decompressing cost ~10 ms a process; git and the wheel compress it anyway)
    return json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + offsets.tobytes() + bytes(blob)


def load(directory: str, data_file: str = DATA_FILE):
    """A langdetect `DetectorFactory` whose map is a `ProfileMap` read from `data_file`, the same
    as langdetect's own for the profiles in `directory`; None when the file is missing, of
    another format, or built from other profiles than those in `directory`."""
    try:
        with open(data_file, "rb") as fh:
            data = fh.read()
        head, _, rest = data.partition(b"\n")
        header = json.loads(head)
        if header.get("format") != FORMAT:
            return None
        offsets = array("I")
        offsets.frombytes(rest[:(header["buckets"] + 1) * offsets.itemsize])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if sys.byteorder == "big":  # pragma: no cover
        offsets.byteswap()
    blob = rest[len(offsets) * offsets.itemsize:]
    if len(offsets) != header["buckets"] + 1 or offsets[-1] != len(blob):
        return None  # a cut or padded file
    by_file = {p["file"]: p for p in header["profiles"]}
    try:
        entries, files = profile_files(directory)
        if sorted(files) != sorted(by_file) or any(
                _fingerprint(os.path.join(directory, name)) != (by_file[name]["size"], by_file[name]["hash"])
                for name in files):
            return None
    except OSError:  # (langdetect's own load then says what is wrong with its folder)
        return None
    index = {name: i for i, name in enumerate(files)}  # langdetect's index: the listdir order
    slots = [(index[p["file"]], p["n_words"]) for p in header["profiles"]]
    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    factory.langlist = [by_file[name]["name"] for name in files]
    factory.word_lang_prob_map = ProfileMap(blob, offsets, slots, len(entries))
    return factory
