"""Stage helper: the author's blurb in a plain-text dump.

Many articles end (some open) with a box about the writer: a label (`Author`, `AUTOR`, `Über den
Autor`, `Autoreninfo`), often the name on a line of its own, then one paragraph of biography
(`Jake is the co-founder of …`, `Historyczka nowoczesnej kultury polskiej …`, `ist
Gründungspartner der Kanzlei …`). The paragraph is a well-formed sentence, so the body span takes
it as one of the article's paragraphs. Here it is found by the label just above it, before the
span is chosen; or, without a label, by the writer's name on a line of its own just above a
paragraph that opens with it (`Jacob Wade` … `Jacob Wade is a personal finance expert …`), below
the article and with no body paragraph right below it (sub-headings in title case naming a
product or a person look the same, but open a section of several paragraphs).
"""
from __future__ import annotations

from typing import List, Optional

from . import rules
from .lines import Line

RULE = "author_blurb"
LABEL_MAX_WORDS = 5  # an author label: a short line with an author word ...
LABEL_REACH = 2  # ... at most this many lines above the blurb (the name may be between)
MIN_BLURB_WORDS = 10  # a blurb is a sentence of this many words or more ...
MIN_ARTICLE_WORDS = 100  # ... on a page with this many words of body-like text besides it

# An author label's words ('Author', 'Über den Autor', 'Autoreninfo', 'L'auteur', 'Autore').
AUTHOR_PREFIXES = ("author", "autor", "auteur")
AUTHOR_STEM = "aut"  # what each of them opens with


def is_author_label(line: Line) -> bool:
    """A short line naming the author box: `Author`, `AUTOR`, `Über den Autor/ die Autorin`; not
    a byline (`Autor: Max Muster`: a capitalised word besides the first that is no author word)."""
    if not 0 < line.n_words <= LABEL_MAX_WORDS or (line.ends_sentence and line.last_char != ":"):
        return False
    if not any(t.startswith(AUTHOR_PREFIXES) for t in line.tokens):
        return False
    return all(not w[:1].isupper() or w.lower().startswith(AUTHOR_PREFIXES) for w in line.text.split()[1:])


ABOUT_WORDS = ("about", "über")  # 'About me', 'About Jane Doe', 'Über uns': the label of a box ...
ABOUT_SELF = frozenset("me us mich uns".split())  # ... about the writer or the site
ABOUT_MAX_NAME_WORDS = 3
ABOUT_REACH = 1  # its blurb is the line right below it (no name between: the name is in the label)


def is_about_label(line: Line) -> bool:
    """`About me`, `About us`, `About Jane Doe` (a name: at most ABOUT_MAX_NAME_WORDS capitalised
    words, none a stop word, so not `About This Game`), `Über mich`: the label of a box about the
    writer or the site."""
    if not line.tokens or line.tokens[0] not in ABOUT_WORDS:  # (the quick answer)
        return False
    words = line.text.rstrip(":").split()
    if not 2 <= len(words) <= ABOUT_MAX_NAME_WORDS + 1 or words[0].lower() not in ABOUT_WORDS:
        return False
    if len(words) == 2 and words[1].lower() in ABOUT_SELF:
        return True
    return line.n_stop <= 1 and len(line.tokens) == len(words) and all(map(_is_name_word, words[1:]))


def _is_name_word(word: str) -> bool:
    """`Jane`, `J.`, `J`: capitalised, the rest in lower case."""
    rest = word[1:].rstrip(".")
    return word[:1].isupper() and (not rest or rest.islower())


UNENDED_BLURB_WORDS = 20  # a blurb under a label may lack its full stop when this long


def _is_blurb(lines: List[Line], i: int, labels: List[tuple]) -> bool:
    line = lines[i]
    if line.reason or line.n_words < MIN_BLURB_WORDS:
        return False
    if not line.ends_sentence and line.n_words < UNENDED_BLURB_WORDS:
        return False
    return any(j < i <= j + reach for j, reach in labels)


def _labels(lines: List[Line], folded: List[str]) -> List[tuple]:
    """The author and about labels of the page, each said once (a forum marks every post of the
    thread's opener with the same `Author`), with how far below each its blurb may be.
    `folded`: the lines' casefolded texts."""
    found = []
    max_words = float(LABEL_MAX_WORDS)  # (n_words is a float: compared with a float, faster)
    for i, line in enumerate(lines):
        if line.n_words <= max_words and line.tokens:  # (neither label is longer, or empty)
            # (an author word's token is in the lower-cased text, so in the casefolded one too:
            # casefolding and lower-casing differ on no character that lower-cases to `a`, `u`, `t`)
            if AUTHOR_STEM in folded[i] and is_author_label(line):
                found.append((i, LABEL_REACH))
            elif line.tokens[0] in ABOUT_WORDS and is_about_label(line):
                found.append((i, ABOUT_REACH))
    texts = [folded[i] for i, _ in found]
    return [label for label, text in zip(found, texts) if texts.count(text) == 1]


NAME_REACH = 5  # a writer's name on a line of its own at most this many lines above the blurb
NAME_WORDS = (2, 3)  # a name: two or three capitalised words, no stop word
BLURB_TAIL = 3  # no body-like paragraph this close below the blurb (a section about the name goes on)


def _name(line: Line) -> Optional[str]:
    """The line's text if it is only a name (`Jacob Wade`, `Moritz Gathmann`), else None."""
    if not NAME_WORDS[0] <= line.n_words <= NAME_WORDS[1] or line.n_stop or line.reason:
        return None
    words = line.text.split()
    return line.text if len(words) == len(line.tokens) and all(map(_is_name_word, words)) else None


def _named_blurbs(lines: List[Line], good: List[bool]) -> List[int]:
    """Paragraphs that open with the name on a name line just above them and go on with a
    lower-case word (`Jacob Wade` … `Jacob Wade is a personal finance expert who …`, `Moritz
    Gathmann leitet das Ressort …`): the writer's blurb under the name, with its photo and links
    between), below an article of MIN_ARTICLE_WORDS body-like words (a name over the lead is a
    company's or a person's the story is about) and with none within BLURB_TAIL lines below it
    (a sub-heading naming a product or a person opens a section of several paragraphs)."""
    low, high = map(float, NAME_WORDS)  # (n_words is a float: compared with a float, faster)
    found = []
    for i, line in enumerate(lines):
        if not low <= line.n_words <= high or line.n_stop or not line.text[:1].isupper():
            continue  # (what _name needs first: a name's first word is capitalised)
        opening = line.text + " "  # (the name, if the line is one: _name tested once a paragraph opens with it)
        for j in range(i + 1, min(len(lines), i + 1 + NAME_REACH)):
            text = lines[j].text
            if text.startswith(opening) and text[len(opening):len(opening) + 1].islower() and _is_blurb_text(lines[j]):
                if _name(line):
                    found.append(j)
                break
    return [j for j in found if article_words(lines[:j], good[:j]) >= MIN_ARTICLE_WORDS
            and not any(good[j + 1:j + 1 + BLURB_TAIL])]


def article_words(lines: List[Line], good: List[bool]) -> float:
    return sum(ln.n_words for ln, ok in zip(lines, good) if ok)


def _is_blurb_text(line: Line) -> bool:
    return not line.reason and line.n_words >= MIN_BLURB_WORDS and line.ends_sentence


def mark_author_blurb(lines: List[Line], good: List[bool], folded: Optional[List[str]] = None) -> Optional[int]:
    """Mark the author's blurb (`metadata`, rule `author_blurb`): the one paragraph just below an
    author label, or opening with the name on a line of its own just above it, on a page with an
    article besides it. `good`: which lines read as body text on their own; `folded`: their
    casefolded texts, if the caller has them. Returns the blurb's index, or None."""
    labels = _labels(lines, folded if folded is not None else [line.text.casefold() for line in lines])
    found = [i for i in range(len(lines)) if _is_blurb(lines, i, labels)] if labels else []
    if not found:
        found = _named_blurbs(lines, good)
    if len(found) != 1:  # none, or a list of writers (a team page): their blurbs are the content
        return None
    i = found[0]
    if sum(ln.n_words for j, (ln, ok) in enumerate(zip(lines, good)) if ok and j != i) < MIN_ARTICLE_WORDS:
        return None
    lines[i].reason, lines[i].rule = rules.METADATA, RULE
    return i
