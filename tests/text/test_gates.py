"""Rule gates (`cleaner.gates`): the words and characters read off a rule's patterns only let
`rules.first_match` skip rules that could not fire; its answer is the same as running every rule."""
from __future__ import annotations

import random
import re

import pytest

from cleaner.text import gates, rulebook, rules, rules_furniture, rules_labels
from cleaner.text.lines import split_lines

from rule_cases import CASES  # tests/text/ is on sys.path (pytest's rootdir-less import mode)

RULE_VARS = {**vars(rules_furniture), **vars(rules_labels)}  # the rules' module globals (patterns)


def line(text: str):
    return split_lines(text)[0]


def every_rule_match(ln):
    """first_match without gates: every rule within its word limit, in order."""
    return next((r for r in rules.RULES if ln.n_words <= r.max_words and r.test(ln)), None)


def keys(pattern: str, flags: int = re.I):
    trig = gates.trigger(re.compile(pattern, flags))
    if trig is None:
        return None
    found = (sorted(trig.keys), sorted(trig.chars))
    found += (sorted(trig.subs),) if trig.subs else ()
    return found + ("digit",) if trig.digit else found


def test_trigger_reads_keyword_lists():
    assert keys(r"(?<!\w)(?:sign up|newsletters?|log ?in)(?!\w)") == (["log", "login", "newsl", "sign"], [])


def test_trigger_keeps_short_whole_words_and_optional_letters():
    # `by` is a whole token (a space follows); `e-?mail` is `e-mail` (the token `mail` is a better
    # key than `e`) or `email`
    assert keys(r"^(?:by|e-?mail)\s") == (["by", "email", "mail"], [])


def test_trigger_prefers_a_longer_word_to_a_short_one():
    assert keys(r"(?<!\w)to post a comment(?!\w)") == (["comme"], [])


def test_trigger_uses_a_long_word_inside_tokens():
    # `cookie` may sit inside a token (`Cookie-Einstellungen` is two, `Xcookies` one)
    assert keys(r"cookie") == ([], [], ["cookie"])
    assert keys(r"(?<!\w)(?:sign up|\w*newsletter)") == (["sign"], [], ["newsletter"])


def test_trigger_uses_digits_when_nothing_better():
    assert keys(r"\d{4}") == ([], [], "digit")
    assert keys(r"^(?:\d+ )?comments?$") == (["comme"], [])  # the word, not the optional number


def test_trigger_uses_rare_punctuation():
    assert keys(r"\s(?:>|»|/)\s") == ([], ["/", ">", "»"])
    assert keys(r"©|\(c\)") == ([], ["(", "©"])


@pytest.mark.parametrize("pattern", [
    r"ads",  # may start inside a word (`Xads`), too short to look for anywhere
    r"[a-z]{2}[A-Z][a-z]",  # no literal at all
    r"(?<!\w)(?:a|an)(?!\w)|[a-z]{2}[A-Z]",  # one alternative without a literal
    r"(?<!\w)e\w*",  # a short word that may go on
])
def test_trigger_unknown(pattern):
    assert keys(pattern) is None


def test_gate_set_bits():
    gate_set = gates.GateSet([gates.trigger(re.compile(r"^by\s", re.I)),
                              gates.trigger(re.compile(r"\s/\s")),
                              gates.trigger(re.compile(r"cookie", re.I))])
    ln = line("Home / News / By the way")
    assert gate_set.allowed(ln.tokens, ln.text) == 0b011
    ln = line("Home News COOKIES")
    assert gate_set.allowed(ln.tokens, ln.text) == 0b100
    ln = line("Home News")
    assert gate_set.allowed(ln.tokens, ln.text) == 0
    ln = line("BİLD News")  # not plain: İ lower-cases to two characters, every gate passes
    assert gate_set.allowed(ln.tokens, ln.text) == 0b111


def test_checker_is_allowed_bound_once():
    gate_set = gates.GateSet([gates.trigger(re.compile(r"^by\s", re.I)), gates.trigger(re.compile(r"cookie", re.I))])
    check = gate_set.checker()
    assert gate_set.checker() is check  # made once per gate set
    for text in ("By the way", "Our COOKIES", "Home", "BİLD"):
        ln = line(text)
        assert check(ln.tokens, ln.text) == gate_set.allowed(ln.tokens, ln.text)


def test_match_lines_judges_each_text_once_and_as_first_match_does():
    page = split_lines("Share this\nA long sentence of the story that no rule removes.\nShare this\n"
                       "© 2017 Time Inc. All rights reserved.\nShare this")
    hits = rules.match_lines(page)
    assert hits == [rules.first_match(ln) for ln in page]
    assert hits[0] is hits[2] is hits[4] and hits[1] is None and hits[3].name == "copyright_notice"
    assert rules.match_lines(page, rules.HTML_RULES) == [rules.first_match(ln, rules.HTML_RULES) for ln in page]


def test_shared_verdicts_judge_a_text_once_across_calls_with_the_same_answers(monkeypatch):
    page = split_lines("Share this\nA long sentence of the story that no rule removes.\n"
                       "© 2017 Time Inc. All rights reserved.")
    alone = rules.match_lines(page)
    judged = []
    real = rulebook._matcher(None)
    monkeypatch.setattr(rulebook, "_matcher", lambda only: lambda ln: judged.append(ln.text) or real(ln))
    monkeypatch.setattr(rulebook, "_recent", lambda only: rulebook.VerdictCache(max_chars=-1))  # (none kept)
    with rules.shared_verdicts():
        first = rules.match_lines(page)
        again = rules.match_lines(split_lines("Share this\nOnly this line is new here."))
    assert first == alone and again[0] is alone[0]
    assert judged == [ln.text for ln in page] + ["Only this line is new here."]
    rules.match_lines(page)  # outside the block: judged again
    assert len(judged) == len(page) + 1 + len(page)


def test_rules_have_gates():
    gated = {r.name for r in rules.RULES if r.gate is not None}
    assert {"cookie_notice", "copyright_notice", "promo_line", "comment_form", "photo_credit", "byline"} <= gated


def _case_lines():
    for _, firing, quiet in CASES.values():
        for text, *_ in firing + quiet:
            yield text


@pytest.mark.parametrize("text", sorted(set(_case_lines())))
def test_first_match_same_as_every_rule_on_rule_cases(text):
    ln = line(text)
    assert rules.first_match(ln) is every_rule_match(ln)


def _generated_lines(n: int, seed: int = 0):
    """Lines glued from the words of the rules' own patterns, in every case, with punctuation."""
    rnd = random.Random(seed)
    patterns = [v for v in RULE_VARS.values() if isinstance(v, re.Pattern)]
    words = sorted({w for p in patterns for w in re.findall(r"[^\W\d_]+", p.pattern)})
    seps = [" ", " ", "-", "—", " | ", " / ", "(", ")", ": ", "'", "", ". ", "© ", " » ", "\u00a0", "ı", "İ"]
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 6)):
            word = rnd.choice(words)
            parts += [rnd.choice([word, word.upper(), word.capitalize(), word.swapcase()]), rnd.choice(seps)]
        text = "".join(parts).strip()
        if text:
            yield text


def test_first_match_same_as_every_rule_on_generated_lines():
    for text in _generated_lines(3000):
        ln = line(text)
        assert rules.first_match(ln) is every_rule_match(ln), text
        for only in (rules.HTML_RULES,):
            expected = next((r for r in rules.RULES if r.name in only and ln.n_words <= r.max_words
                             and r.test(ln)), None)
            assert rules.first_match(ln, only) is expected, text


def test_triggers_are_sound_on_generated_lines():
    """No pattern of the line rules matches a line its trigger rules out."""
    patterns = {n: p for n, p in RULE_VARS.items() if isinstance(p, re.Pattern) and gates.trigger(p)}
    names = sorted(patterns)
    gate_set = gates.GateSet([gates.trigger(patterns[n]) for n in names])
    for text in _generated_lines(3000, seed=1):
        ln = line(text)
        allowed = gate_set.allowed(ln.tokens, ln.text)
        for i, name in enumerate(names):
            if patterns[name].search(ln.text):
                assert allowed >> i & 1, (name, text)


def test_literals_one_of_which_every_match_holds():
    pattern = re.compile(r"cookie|consent|\bcmp\b|qc-cmp|privacy-?banner|cc-(?:window|banner)", re.I)
    # `cmp` covers `qc-cmp`; `privacy` is the required part of `privacy-?banner`
    assert gates.literals(pattern) == {"cookie", "consent", "cmp", "privacy", "window", "banner"}
    assert gates.literals(re.compile(r"\d+|ab", re.I)) is None  # an alternative without one


def test_literals_sound_on_generated_attributes():
    pattern = re.compile(r"cookie|consent|\bcmp\b|qc-cmp|privacy-?banner|cc-(?:window|banner)", re.I)
    words = gates.literals(pattern)
    rnd = random.Random(2)
    pieces = ["cookie", "CONSENT", "cmp", "qc", "privacy", "banner", "cc", "window", "x", "-", " ", "_"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 8)))
        if pattern.search(text):
            assert any(w in text.lower() for w in words), text


def test_trigger_memo_gives_the_plain_recursions_answer():
    """`trigger` works each sequence tail out once per call (a memo); the answer is that of the
    plain recursion, for every pattern the rules gate on."""
    patterns = [p for p in RULE_VARS.values() if isinstance(p, re.Pattern)]
    assert len(patterns) > 20
    for pattern in patterns:
        assert gates.trigger(pattern) == gates._seq(gates._parsed(pattern), boundary=False), pattern.pattern


def test_recent_verdicts_are_the_verdicts_of_a_fresh_judgement(monkeypatch):
    """Texts met on an earlier page are not judged again, and get what judging them gives."""
    pages = [split_lines(text) for text in (
        "Share this\nA long sentence of the story that no rule removes.\n© 2017 Time Inc. All rights reserved.",
        "Share this\nAnother story's sentence, long enough to be kept.\n© 2017 Time Inc. All rights reserved.\n"
        "Advertisement\nLeave a comment")]
    matcher = rulebook._matcher
    for only in (None, rules.HTML_RULES):
        fresh = [[rules.first_match(ln, only) for ln in page] for page in pages]
        cache = rulebook.VerdictCache()
        judged = []
        monkeypatch.setattr(rulebook, "_recent", lambda o: cache)
        monkeypatch.setattr(rulebook, "_matcher", lambda o: lambda ln: judged.append(ln.text) or matcher(o)(ln))
        got = [rules.match_lines(page, only) for page in pages]
        assert got == fresh
        assert judged == [ln.text for ln in pages[0]] + [pages[1][1].text, pages[1][3].text, pages[1][4].text]
        assert len(cache) == 6


def test_verdict_cache_is_bounded():
    cache = rulebook.VerdictCache(size=4, max_chars=10)
    rule = rules.RULES[0]
    for i in range(20):
        cache.put(f"text {i}", rule if i % 2 else None)
        cache.turn_over()
        assert len(cache.newer) < 4 and len(cache) <= 8
    assert cache.get("text 19") is rule and cache.get("text 18") is None
    assert cache.get("text 0") is rulebook._UNJUDGED  # dropped with its generation
    cache.put("a text longer than ten characters", rule)
    assert cache.get("a text longer than ten characters") is rulebook._UNJUDGED
    older = next(iter(cache.older))
    verdict = cache.get(older)  # found in the older generation: kept on in the newer
    assert older in cache.newer and cache.newer[older] is verdict


def test_match_lines_keeps_the_verdict_cache_bounded(monkeypatch):
    cache = rulebook.VerdictCache(size=8, max_chars=30)
    monkeypatch.setattr(rulebook, "_recent", lambda only: cache)
    for n in range(10):
        page = split_lines("\n".join(f"Menu item {n} {i}" for i in range(5)) + "\n" + "A long line. " * 5)
        assert rules.match_lines(page) == [rules.first_match(ln) for ln in page]
        assert len(cache.newer) < 8 and len(cache) <= 2 * (8 + 5)
        assert all(len(text) <= 30 for gen in (cache.newer, cache.older) for text in gen)


@pytest.mark.parametrize("text", sorted(set(_case_lines())))
def test_a_verdict_depends_on_the_text_alone(text):
    """`match_lines` keys its verdicts by the line's text, across pages of any language
    (`VerdictCache`): no rule may read a line's stop words or what later stages set on it."""
    ln = line(text)
    verdict = rules.first_match(ln)
    for n_stop, good, reason, role in ((0, False, None, ""), (len(ln.tokens), True, "navigation", "body")):
        other = line(text)
        other.n_stop, other.good, other.reason, other.role, other.rule = n_stop, good, reason, role, "x"
        assert rules.first_match(other) is verdict


def test_odd_case_characters_are_all_that_match_an_ascii_letter_but_lower_case_otherwise():
    """`may_match` compares ASCII literals with the lower-cased text: right unless the text has
    a character `re.IGNORECASE` matches with an ASCII letter whose lower case is another."""
    import string
    import sys
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    odd = {ch for letter in string.ascii_lowercase for ch in re.findall(letter, every, re.I) if ch.lower() != letter}
    assert odd == set(gates.ODD_CASE)


def _quick_tested_patterns():
    return {n: p for n, p in RULE_VARS.items() if isinstance(p, re.Pattern) and gates.literals(p)}


def test_may_match_is_false_only_where_the_pattern_cannot_match():
    patterns = _quick_tested_patterns()
    assert {"_CONSENT_MANAGER", "_COMMENT_FORM", "_RIGHTS", "_CREDIT_TAIL"} <= set(patterns)
    quick = {n: gates.may_match(p) for n, p in patterns.items()}
    texts = list(_generated_lines(3000, seed=3)) + sorted(set(_case_lines()))
    texts += [t.replace("i", "ı").replace("I", "İ") for t in texts[:300]] + ["ALL RİGHTS RESERVED", "cooKıe"]
    fired = 0
    for text in texts:
        for name, pattern in patterns.items():
            if pattern.search(text):
                fired += 1
                assert quick[name](text), (name, text)
    assert fired > 500


def test_may_match_reads_the_literals():
    may = gates.may_match(re.compile(r"(?<!\w)(?:all rights reserved|tous droits r[ée]serv[ée]s)(?!\w)", re.I))
    assert may("© 2017 ALL Rights Reserved.") and may("Tous droits réservés")
    assert not may("Rights and wrongs") and not may("Tous les droits")
    assert may("ALL RİGHTS RESERVED")  # (İ: the lower-cased text would not tell)
    assert gates.may_match(re.compile(r"\d+|ab", re.I))("anything")  # literals unknown


def test_rules_are_false_where_they_say_first_match_may_skip_them():
    """A rule's `min_words` and `sentences=False` only let `first_match` skip it where its own
    test is False: on shorter lines, on lines that end a sentence."""
    claimed = [r for r in rules.RULES if r.min_words > 0 or not r.sentences]
    assert {"glued_section_label", "glued_link_run"} <= {r.name for r in claimed}
    texts = sorted(set(_case_lines())) + list(_generated_lines(3000, seed=4))
    texts += ["justiceThe FBI", "justiceThe FBI Talked.", "Customer ServiceSite MapPrivacy Policy.",
              "Home > News > World.", "By Jane Doe."]
    for text in texts:
        ln = line(text)
        for r in claimed:
            if ln.n_words < r.min_words or (ln.ends_sentence and not r.sentences):
                assert not r.test(ln), (r.name, text)


def test_tables_run_the_rules_in_registration_order():
    limits, shortest, rows = rulebook._rules_among(None)
    assert shortest == [4]  # (glued_section_label)
    for row in rows:
        for table in row:
            every = sum(table.by_bit)
            plan = table.plan(every)
            assert [r for _, r in plan] == [r for r in rules.RULES if r in table.by_bit.values()]
            assert all(test is r.test for test, r in plan)
            assert table.plan(every) == plan and (every in table.plans or len(table.plans) >= rulebook.PLANS_KEPT)


def _shape(text):
    """An ASCII text's letter-case shape, character by character."""
    return "".join("a" if "a" <= c <= "z" else "A" if "A" <= c <= "Z" else "0" if "0" <= c <= "9" else " " for c in text)


def _allowed_by_definition(gate_set, tokens, text):
    """`GateSet.allowed` as defined: keys among the tokens' first letters, marks found by the
    regular expression, in ASCII text shapes (digits: `0`) in its shape, in other text a digit
    for the gates of digits, every gate of other shapes; the first token's prefixes; words
    inside the lower-cased text (every bit on text that is not plain)."""
    if not gates.plain(text):
        return gate_set.all
    mask = 0
    for token in tokens:
        mask |= gate_set.by_key.get(token[:gates.KEY_LEN], 0)
    for ch in (gate_set.marks.findall(text) if gate_set.marks else ()):
        mask |= gate_set.by_char.get(ch, 0 if text.isascii() else gate_set.digit)
    if text.isascii():
        for run, bits in gate_set.by_shape.items():
            if run in _shape(text):
                mask |= bits
    else:
        mask |= gate_set.unshaped
    for prefixes, bits in gate_set.by_starts.items():
        if tokens and any(tokens[0].startswith(p) for p in prefixes):
            mask |= bits
    for sub, bits in gate_set.by_sub.items():
        if sub in text.lower():
            mask |= bits
    return mask


def test_checker_gives_the_definitions_bits():
    """On ASCII text the checker finds the marks in the text's bytes, not with the regex."""
    limits, shortest, rows = rulebook._rules_among(None)
    tables = [table for row in rows for table in row if table.gated]
    texts = list(_generated_lines(2000, seed=8)) + sorted(set(_case_lines()))
    texts += ["Posted 10:30", "Home / News | World (c) 2017", "© 2017 – Foo", "a\x7fb 5", "Feb. 25, 2017 10:30",
              "justiceThe FBI", "ShareTweet", "e-Mail", "XING 2017-02-25", "Published 10:30 PM", "Über 2017"]
    texts += list(_generated_shapes(2000, seed=9))
    for text in texts:
        ln = line(text)
        for table in tables:
            want = _allowed_by_definition(table.gates, ln.tokens, ln.text)
            assert table.allowed(ln.tokens, ln.text) == want, text


def test_first_match_on_any_word_count():
    """`first_match` looks a line's table up by its word count (halves up to the longest limit,
    then by search): every count, whole, half or other, gets the answer of every rule run."""
    texts = ["justiceThe FBI Talked to the White House", "Customer ServiceSite MapPrivacy Policy",
             "© 2017 Time Inc. All rights reserved.", "Share this", "Photo: Reuters", "|"]
    for text in texts:
        for n in (0, 0.5, 1, 2, 2.5, 3, 3.3, 3.5, 4, 7.25, 12, 12.5, 25, 40.5, 80, 120, 399.5, 400, 400.5, 401, 1e6):
            ln = line(text)
            ln.n_words = n
            assert rules.first_match(ln) is every_rule_match(ln), (text, n)


def _generated_shapes(n: int, seed: int = 0):
    """Lines glued from words of the rules' patterns and digits, in every case."""
    rnd = random.Random(seed)
    words = ["share", "tweet", "mail", "the", "fbi", "justice", "site", "map", "Feb", "Februar", "am", "on",
             "x", "e", "über", "straße", "ÉTÉ", "pin", "Posted", "by"]
    pieces = ["1", "10", "2017", "25", ":", ".", "-", " ", "", "/", "(", "©", "İ"]
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 6)):
            word = rnd.choice(words)
            parts += [rnd.choice([word, word.upper(), word.capitalize(), word.swapcase()]), rnd.choice(pieces)]
        text = "".join(parts).strip()
        if text:
            yield text


def test_shapes_read_off_patterns():
    assert gates.shapes(re.compile(r"[a-z\u00df-\u00ff]{2}[A-Z\u00c0-\u00de][a-z]")) == {"aaAa"}
    assert gates.shapes(re.compile(r"^(?:[a-z]{3,}[A-Z][a-z]|[A-Z][a-z]{5,}[A-Z][a-z]{2,})")) == {"aaaAa"}
    assert gates.shapes(re.compile(r"\d{4}")) == {"0000"}
    assert gates.shapes(re.compile(r"\d{1,2}[:.]\d{2}")) == {"00"}
    assert gates.shapes(re.compile(r"[a-z]{2}[A-Z]", re.I)) is None  # any case
    assert gates.shapes(re.compile(r"(?i:[a-z]{2})[A-Z]b")) == {"Aa"}
    assert gates.shapes(re.compile(r"[A-Z0-9]{2,}")) is None  # two kinds
    assert gates.shapes(re.compile(r"\d{4}|[a-z]")) is None  # an alternative without a shape


def test_shapes_sound_on_generated_lines():
    """No pattern of the line rules matches an ASCII line whose shape holds none of its shapes."""
    patterns = {n: p for n, p in RULE_VARS.items() if isinstance(p, re.Pattern) and gates.shapes(p)}
    assert {"_GLUED_TOKEN", "_LABEL_GLUE", "_FOUR_DIGITS", "_TIMESTAMP"} <= set(patterns)
    texts = list(_generated_shapes(3000, seed=5)) + list(_generated_lines(2000, seed=6)) + sorted(set(_case_lines()))
    fired = 0
    for text in texts:
        if text.isascii():
            for name, pattern in patterns.items():
                if pattern.search(text):
                    fired += 1
                    assert any(run in _shape(text) for run in gates.shapes(pattern)), (name, text)
    assert fired > 300


def test_rules_are_false_where_their_first_token_starts_otherwise():
    """A rule's `starts` only lets `first_match` skip it where its own test is False."""
    claimed = [r for r in rules.RULES if r.gate is not None and r.gate.starts]
    assert {r.name for r in claimed} == {"social_buttons"}
    texts = sorted(set(_case_lines())) + list(_generated_lines(3000, seed=7)) + list(_generated_shapes(2000, seed=8))
    texts += ["ShareTweet", "E-Mail Facebook", "X LinkedIn", "• Facebook", "| Twitter |", "Xing"]
    for text in texts:
        ln = line(text)
        if gates.plain(text):
            for r in claimed:
                if not (ln.tokens and ln.tokens[0].startswith(r.gate.starts)):
                    assert not r.test(ln), (r.name, text)
