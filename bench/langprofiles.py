"""Writes `cleaner/text/profiles.bin`: langdetect's language profiles in the compact form
`cleaner.text.profiles` reads (see there), built from the installed langdetect.

    python -m bench.langprofiles [--check] [--compare DATA_DIR [--limit N]]

The build is deterministic (no randomness: the same profiles give the same content). `--check`
only says whether the shipped file matches the installed profiles (exit 1 when not).
`--compare DATA_DIR` cleans every dev page (both input formats) with the shipped file, then
detects each language sample `clean()` took again with langdetect's own load, and counts the
samples whose language differs (exit 1 when any does).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional, Sequence

from cleaner.text import language, profiles


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.langprofiles", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the shipped file against langdetect's")
    parser.add_argument("--compare", type=Path, metavar="DATA_DIR", help="the bench data folder (see bench/data.py)")
    parser.add_argument("--limit", type=int, help="pages per set for --compare")
    args = parser.parse_args(argv)
    from langdetect.detector_factory import PROFILES_DIRECTORY

    if args.compare:
        return compare(args.compare, args.limit)
    if args.check:
        ok = profiles.load(PROFILES_DIRECTORY) is not None
        print(f"{profiles.DATA_FILE}: {'matches' if ok else 'does NOT match'} {PROFILES_DIRECTORY}")
        return 0 if ok else 1
    data = profiles.build(PROFILES_DIRECTORY)
    folder = os.path.dirname(profiles.DATA_FILE)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".profiles-", delete=False) as tmp:
        tmp.write(data)
    os.chmod(tmp.name, 0o644)  # a package file: readable by all, like the others
    os.replace(tmp.name, profiles.DATA_FILE)  # whole or not at all
    print(f"wrote {profiles.DATA_FILE} ({len(data) // 1024} KiB) from {PROFILES_DIRECTORY}")
    return 0


def compare(data_dir: Path, limit: Optional[int]) -> int:
    """Languages of the dev pages' samples with the shipped file and with langdetect's own load."""
    from cleaner import CleanerError, clean
    from langdetect import detector_factory

    from .data import DataError, default_sets, load_pages

    samples = {}  # sample -> language, with the compact file
    real_detect = language.detect

    def recording(sample):
        samples[sample] = found = real_detect(sample)
        return found

    language.detect = recording
    pages = failed = 0
    try:
        for set_name in default_sets(data_dir):
            for page in load_pages(data_dir, set_name, limit):
                pages += 1
                for fmt in ("html", "text"):
                    try:
                        clean(page.raw(), input_format=fmt)
                    except CleanerError:
                        failed += 1
    except DataError as exc:
        print(f"bench.langprofiles: {exc}", file=sys.stderr)
        return 2
    finally:
        language.detect = real_detect
    if not isinstance(language._factory().word_lang_prob_map, profiles.ProfileMap):
        print("bench.langprofiles: the shipped file does not match langdetect's profiles: nothing to compare",
              file=sys.stderr)
        return 1
    detector_factory.init_factory()
    compact = language._factory
    language._factory = lambda: detector_factory._factory  # langdetect's own load, for these samples
    try:
        differ = [s for s, lang in samples.items() if language.detect(s) != lang]
    finally:
        language._factory = compact
    print(f"{pages} pages cleaned as HTML and as text ({failed} errors), {len(samples)} distinct "
          f"language samples: {len(differ)} detected differently with langdetect's own load")
    for sample in differ[:10]:
        print(f"  {sample[:80]!r}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
