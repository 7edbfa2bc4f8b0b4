"""Golden tests: the user's three seed dumps come out exactly as read by a person."""
import json

import pytest

from cleaner import clean
from support import FIXTURES

SEEDS = FIXTURES / "seeds"
NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_seed_golden(name):
    expected = json.loads((SEEDS / f"{name}.expected.json").read_text(encoding="utf-8"))
    result = clean((SEEDS / f"{name}.txt").read_bytes())
    got = result.to_dict(explain=False)
    for key, value in expected.items():
        if key == "text":
            assert got["text"].split("\n\n") == value.split("\n\n")
        else:
            assert got[key] == value, key


@pytest.mark.parametrize("name", NAMES)
def test_seed_no_silent_loss(name):
    """Every input line is either in the body or listed in `removed` with a reason."""
    raw = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    result = clean(raw)
    lines = [" ".join(l.split()) for l in raw.splitlines() if l.strip()]
    body = result.text.split("\n\n")
    assert sorted(lines) == sorted(body + [line for line, _ in result.removed])
    assert all(reason for _, reason in result.removed)


def test_seed_removed_reasons():
    result = clean((SEEDS / "001_511255f53f38eb94.txt").read_bytes())
    reasons = dict(result.removed)
    assert reasons["PHILIPPINES-POLITICS-CRIME-DRUGS"] == "caption"
    assert reasons["1:44 PM UTC"] == "metadata"
    assert reasons["___"] == "fragment"
    assert reasons["© 2017 Time Inc. All rights reserved."] == "legal"
    assert reasons["Customer ServiceSite MapPrivacy PolicyAd ChoicesTerms of UseYour California Privacy RightsCareers"] == "navigation"
    assert reasons["Follow TIME"] == "promo"
    assert reasons["Home"] == "navigation"
    first = clean((SEEDS / "000_7ec97ea188acee3d.txt").read_bytes())
    assert dict(first.removed)["Inside preparations to liberate Raqqa as battle for Mosul continues"] == "teaser"
    assert dict(first.removed)["f"] == "fragment"
