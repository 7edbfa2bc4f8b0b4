"""Line rules (`cleaner.rules`): every rule in `rules.RULES` fires on lines of its kind and stays
quiet on near misses, in English and in the other languages its wording covers."""
from __future__ import annotations

import pytest

from cleaner.text import rules
from cleaner.text.language import stopwords
from cleaner.text.lines import Line, split_lines

from rule_cases import CASES, DE, EN, MULTILINGUAL, OTHER_LANGUAGES  # noqa: E402


def line(text: str, lang: str = EN) -> Line:
    return split_lines(text, stopwords(lang))[0]


def _params(kind: int) -> list:
    out = []
    for name, case in CASES.items():
        for text, lang, *known in case[kind]:
            marks = [pytest.mark.xfail(strict=True, reason=known[0])] if known else []
            out.append(pytest.param(name, text, lang, marks=marks, id=f"{name}:{text[:40]}"))
    return out


RULE_BY_NAME = {r.name: r for r in rules.RULES}


def fires(name: str, text: str, lang: str = EN) -> bool:
    """Whether the rule fires on the line as `first_match` would run it (word limit included)."""
    r = RULE_BY_NAME[name]
    ln = line(text, lang)
    return ln.n_words <= r.max_words and r.test(ln)


def test_every_rule_has_cases():
    assert set(RULE_BY_NAME) == set(CASES)
    assert len(RULE_BY_NAME) == len(rules.RULES)  # no two rules share a name
    for name, (_, firing, quiet) in CASES.items():
        assert len(firing) >= 2 and len(quiet) >= 2, name


def test_multilingual_rules_have_cases_in_other_languages():
    for name in MULTILINGUAL:
        langs = {item[1] for item in CASES[name][1]}
        assert set(OTHER_LANGUAGES) <= langs, name


@pytest.mark.parametrize("name", sorted(CASES))
def test_reason_label(name):
    assert RULE_BY_NAME[name].reason == CASES[name][0]
    assert RULE_BY_NAME[name].reason in rules.REASONS


@pytest.mark.parametrize("name, text, lang", _params(1))
def test_fires(name, text, lang):
    assert fires(name, text, lang)


@pytest.mark.parametrize("name, text, lang", _params(2))
def test_does_not_fire(name, text, lang):
    assert not fires(name, text, lang)


# -- first_match ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, reason", [
    ("© 2017 Time Inc. All rights reserved.", EN, rules.LEGAL),
    ("PHILIPPINES-POLITICS-CRIME-DRUGS", EN, rules.CAPTION),
    ("1:44 PM UTC", EN, rules.METADATA),
    ("___", EN, rules.FRAGMENT),
    ("Follow TIME", EN, rules.PROMO),
    ("Customer ServiceSite MapPrivacy PolicyAd ChoicesTerms of UseYour California Privacy RightsCareers",
     EN, rules.NAVIGATION),
    ("justiceThe FBI Talked to the White House About the Russia Probe", EN, rules.TEASER),
    ("Wir verwenden Cookies. Mit der Nutzung stimmen Sie zu.", DE, rules.COOKIE_BANNER),
    ("Ähnliche Beiträge", DE, rules.TEASER),
])
def test_first_match_reason(text, lang, reason):
    hit = rules.first_match(line(text, lang))
    assert hit is not None and hit.reason == reason


@pytest.mark.parametrize("text", [
    "BEIRUT -- Twin attacks on two Syrian security offices in the central city of Homs on Saturday "
    "killed at least 32 people, state media reported.",
    "Please.",
    "Syria security buildings attacked by suicide bombers in Homs",
    "Die Regierung in Damaskus sprach von einem feigen Terrorakt und kündigte eine harte Antwort an.",
])
def test_first_match_none_on_body_and_headlines(text):
    assert rules.first_match(line(text)) is None


def test_first_match_returns_the_first_registered_rule():
    # promo_line (registered before newsletter_pitch) and newsletter_pitch both fire
    ln = line("Sign up for our newsletter")
    assert RULE_BY_NAME["newsletter_pitch"].test(ln)
    assert rules.first_match(ln).name == "promo_line"


def test_first_match_only_restricts_the_rules():
    ln = line("By Jane Doe and John Roe")
    assert rules.first_match(ln).name == "byline"
    assert rules.first_match(ln, only=rules.HTML_RULES) is None
    assert rules.first_match(line("© 2017 Time Inc."), only=rules.HTML_RULES).name == "copyright_notice"


def test_first_match_skips_rules_past_their_word_limit():
    long_promo = "Upcoming events " + " ".join(["word"] * 20)
    ln = line(long_promo)
    assert ln.n_words > RULE_BY_NAME["promo_line"].max_words
    assert rules.first_match(ln) is None


def test_html_rules_and_terminators_name_real_rules():
    assert rules.HTML_RULES <= set(RULE_BY_NAME)
    assert rules.TERMINATORS <= set(RULE_BY_NAME)
    assert rules.ENDINGS <= set(RULE_BY_NAME)
