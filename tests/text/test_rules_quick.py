"""Quick paths inside the line rules give the slow definition's answer: `photo_credit`'s
(`_credit_end`, the search from the last '. ' on) on generated credits, captions and sentences."""
from __future__ import annotations

import random

from cleaner.text import rules_labels as labels
from cleaner.text.lines import Line

from rule_cases import CASES

AGENCIES = ["AP", "AFP", "Reuters", "Getty", "Getty Images", "EPA", "EPA-EFE", "EFE", "ANSA", "dpa", "epd", "KNA",
            "ddp", "Télam", "Shutterstock", "iStock", "iStockphoto", "Adobe Stock", "AdobeStock", "Fotolia",
            "Pixabay", "Unsplash", "Pexels", "Alamy", "Wikimedia", "Wikimedia Commons", "Bloomberg", "Keystone",
            "ANP", "PA", "PA Images", "PA Wire", "Xinhua", "Imago", "picture-alliance", "picture alliance", "Sipa"]
PIECES = ["—", "–", "|", "/", " ", " ", "(", ")", ".", ". ", ": ", ".com", "Photo", "Images", "Image", "photo",
          "Foto", "Bild", "by", "©", "Quelle", "source", "credit", "Jane Doe", "the story", "\n", "  ", "\u00a0",
          "x", "'", "-", "Stock", "alliance", "Pa", "ap", "İ", "ı"]


def _texts(n: int, seed: int):
    rnd = random.Random(seed)
    for _ in range(n):
        parts = [rnd.choice(AGENCIES + PIECES + PIECES) for _ in range(rnd.randint(1, 9))]
        yield "".join(parts)


def _case_texts():
    return sorted({text for _, firing, quiet in CASES.values() for text, *_ in firing + quiet})


def test_credit_end_is_the_search():
    texts = list(_texts(20000, seed=5)) + _case_texts()
    hits = 0
    for text in texts:
        want = bool(labels._CREDIT_END.search(text))
        assert labels._credit_end(text) is want, text
        hits += want
    assert hits > 1000


def _slow_photo_credit(text: str) -> bool:
    return bool(labels._CREDIT_LABEL.search(text) or labels._CREDIT_END.search(text)
                or labels._SOURCE_TAIL.search(text) or labels._CREDIT_TAIL.search(text))


def test_photo_credit_is_its_patterns_searched():
    texts = list(_texts(20000, seed=6)) + _case_texts()
    hits = 0
    for text in texts:
        want = _slow_photo_credit(text)
        assert labels.photo_credit.__wrapped__(Line(text)) is want, text  # (it reads the text alone)
        hits += want
    assert hits > 1000


def _slow_glued_link_run(ln: Line) -> bool:
    if ln.ends_sentence or not labels._GLUED_TOKEN.search(ln.text):
        return False
    words = ln.text.split()
    glued = sum(1 for w in words if labels._GLUED_TOKEN.search(w))
    return glued >= 3 or (glued >= 2 and glued * 5 >= len(words) * 2)


def test_glued_link_run_is_its_pattern_searched():
    """On ASCII text it looks for `aaAa` in the letters' cases, not with _GLUED_TOKEN."""
    rnd = random.Random(9)
    pieces = ["Customer", "Service", "Site", "Map", "Privacy", "Policy", "ab", "C", "d", "É", "é", "ß", "×", "÷",
              " ", " ", ".", "GetYourGuide", "iPhone", "x", "Z", "1", "-", "_"]
    hits = 0
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))).strip()
        for ends in (False, True):
            ln = Line(text, ends_sentence=ends)
            want = _slow_glued_link_run(ln)
            assert labels.glued_link_run.__wrapped__(ln) is want, text
            hits += want
    assert hits > 500
