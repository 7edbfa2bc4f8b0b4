"""Stage helper: the author's blurb in a plain-text dump.

Many articles end (some open) with a box about the writer: a label (`Author`, `AUTOR`, `Über den
Autor`, `Autoreninfo`), often the name on a line of its own, then one paragraph of biography
(`Jake is the co-founder of …`, `Historyczka nowoczesnej kultury polskiej …`, `ist
Gründungspartner der Kanzlei …`). The paragraph is a well-formed sentence, so the body span takes
it as one of the article's paragraphs. Here it is found by the label just above it, before the
span is chosen. (A paragraph that merely opens with a name below a name-like line is not enough:
sub-headings in title case look the same.)
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


def _is_blurb(lines: List[Line], i: int, labels: List[tuple]) -> bool:
    line = lines[i]
    if line.reason or line.n_words < MIN_BLURB_WORDS or not line.ends_sentence:
        return False
    return any(j < i <= j + reach for j, reach in labels)


def _labels(lines: List[Line]) -> List[tuple]:
    """The author and about labels of the page, each said once (a forum marks every post of the
    thread's opener with the same `Author`), with how far below each its blurb may be."""
    found = []
    for i, line in enumerate(lines):
        if line.n_words <= LABEL_MAX_WORDS:
            if is_author_label(line):
                found.append((i, LABEL_REACH))
            elif is_about_label(line):
                found.append((i, ABOUT_REACH))
    texts = [lines[i].text.casefold() for i, _ in found]
    return [label for label, text in zip(found, texts) if texts.count(text) == 1]


def mark_author_blurb(lines: List[Line], good: List[bool]) -> Optional[int]:
    """Mark the author's blurb (`metadata`, rule `author_blurb`): the one paragraph just below an
    author label, on a page with an article besides it. `good`: which lines read as body text on
    their own. Returns the blurb's index, or None."""
    labels = _labels(lines)
    found = [i for i in range(len(lines)) if labels and _is_blurb(lines, i, labels)]
    if len(found) != 1:  # none, or a list of writers (a team page): their blurbs are the content
        return None
    i = found[0]
    if sum(ln.n_words for j, (ln, ok) in enumerate(zip(lines, good)) if ok and j != i) < MIN_ARTICLE_WORDS:
        return None
    lines[i].reason, lines[i].rule = rules.METADATA, RULE
    return i
