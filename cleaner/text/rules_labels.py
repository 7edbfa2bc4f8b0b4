"""Line rules for labels around the story: photo captions and credits, wire slugs, link runs and
breadcrumbs, headlines glued to a section label, timestamps, datelines, bylines.
Registered on import, in the order they appear here (`rules.py` imports this module after
`rules_furniture.py`).
"""
from __future__ import annotations

import re

from .. import dates
from ..vocabulary import AND_WORDS, AUTHOR_LABELS, BY_WORDS, PUBLISHED_WORDS, UPDATED_WORDS
from . import gates
from .lines import Line
from .rulebook import CAPTION, METADATA, NAVIGATION, TEASER, _kw, rule


# -- caption -----------------------------------------------------------------------------

_AGENCY = (r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|EFE|ANSA|dpa|epd|KNA|ddp|Télam|Shutterstock|"
           r"iStock(?:photo)?|Adobe ?Stock|Fotolia|Pixabay|Unsplash|Pexels|Alamy|Wikimedia(?: Commons)?|"
           r"Bloomberg|Keystone|ANP|PA(?: Images| Wire)?|Xinhua|Imago|picture[- ]alliance|Sipa)(?:\.com)?")
_CREDIT_END = re.compile(
    rf"(?:[—–|/]\s*[\w.\-' ]{{0,40}}{_AGENCY}(?:\s*(?:Photo|Images?))?\s*\)?\.?$"
    rf"|\((?:AP|AFP|Reuters)\s+Photo[^)]*\)\.?$"
    rf"|[—–]\s*{_AGENCY}\b.*$)"
)
_CREDIT_LABEL = re.compile(
    r"^\(?(?:©\s*)?(?:photo|photograph|picture|image|credit|foto|fotos|bild|bildquelle|quelle|crédit|crédits|crédito"
    r"|credito|fotografía|imagen|zdjęcie|źródło|fot|beitragsbild|titelbild|titelfoto|aufmacherbild|symbolbild"
    r"|bildnachweis|fotonachweis|featured image|cover image|header image)s?\.?\s*(?:credits?)?\s*[:©.]", re.I)
_CREDIT_TEXT = r"(?:[^.]|\.(?=\w)){2,60}"  # to the end of the line; dots only inside words (iStock.com)
_CREDIT_TAIL = re.compile(  # '… im Abendrot. Bild: TebNad/Shutterstock.com', '… (Photo by Jane Doe)'
    rf"(?:\(|\b)(?:photo|photograph|foto|bild|bildquelle|image|imagen|credit|crédit|zdjęcie|fot)s?\s*(?:by|:|©)"
    rf"\s*{_CREDIT_TEXT}\)?\.?$", re.I)
_SOURCE_TAIL = re.compile(  # a source only in brackets or after a slash: '… ilustracyjne / Źródło: Pixabay'
    rf"(?:\(|[/|]\s*)(?:quelle|source|fuente|fonte|źródło|bron)\s*:\s*{_CREDIT_TEXT}\)?\.?$", re.I)


# _CREDIT_END's search tries each dash and slash of a line with every agency; on a line (no line
# break) its answer is quicker: its last alternative is a dash before an agency anywhere ...
_DASH_AGENCY = re.compile(rf"[—–]\s*{_AGENCY}\b")
# ... and the other two end the line, one with `)` (and a dot), the other with one of these
# (before `)`, `.` and spaces): the endings of the agencies' names, `.com`, `Photo`, `Image(s)`
_CREDIT_END_WORDS = (
    "AP", "AFP", "Reuters", "Getty", "Images", "EPA", "EFE", "ANSA", "dpa", "epd", "KNA", "ddp", "Télam",
    "Shutterstock", "iStock", "iStockphoto", "Stock", "Fotolia", "Pixabay", "Unsplash", "Pexels", "Alamy",
    "Wikimedia", "Commons", "Bloomberg", "Keystone", "ANP", "PA", "Wire", "Xinhua", "Imago", "alliance", "Sipa",
    ".com", "Photo", "Image")


def _credit_end(text: str) -> bool:
    """`bool(_CREDIT_END.search(text))`, quicker (tests/text/test_rules.py compares them)."""
    if "\n" in text:
        return bool(_CREDIT_END.search(text))
    if ("—" in text or "–" in text) and _DASH_AGENCY.search(text):
        return True
    if not (text.rstrip(".").endswith(")") or text.rstrip(".)").rstrip().endswith(_CREDIT_END_WORDS)):
        return False
    return bool(_CREDIT_END.search(text))


# _CREDIT_TAIL's search, slow on long lines (it tries every word), runs only on lines with one of
# the words any match of it holds (`gates.may_match`); it and _SOURCE_TAIL's run from the last
# '. ' of the line on (their matches hold none: `_CREDIT_TEXT`); _SOURCE_TAIL's needs a ':'
_MAY_CREDIT_TAIL = gates.may_match(_CREDIT_TAIL)


@rule(CAPTION, max_words=80, needs=(_CREDIT_END, _CREDIT_LABEL, _CREDIT_TAIL, _SOURCE_TAIL))
def photo_credit(line: Line) -> bool:
    """Photo captions and credits: `… Hassan Ammar—AP`, `Photo: Reuters`, `(Foto: dpa)`."""
    text = line.text
    if _CREDIT_LABEL.match(text) or _credit_end(text):  # (`^` without re.M: a match at the start)
        return True
    tail = text.rfind(". ") + 1
    return bool((":" in text and _SOURCE_TAIL.search(text, tail))
                or (_MAY_CREDIT_TAIL(text[tail:]) and _CREDIT_TAIL.search(text, tail)))


_SLUG = re.compile(r"^[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}$")


@rule(CAPTION, max_words=12, needs=(_SLUG,))
def wire_slug(line: Line) -> bool:
    """Wire photo slugs such as `PHILIPPINES-POLITICS-CRIME-DRUGS`."""
    return bool(_SLUG.match(line.text))


# -- navigation --------------------------------------------------------------------------

_GLUED_TOKEN = re.compile(r"[a-z\u00df-\u00ff]{2}[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]")
# on ASCII text, _GLUED_TOKEN's search is `aaAa` in its bytes with lower-case letters made `a`,
# capitals `A` and all else a space (quicker)
_LETTER_CASES = bytes(b"a"[0] if 97 <= b <= 122 else b"A"[0] if 65 <= b <= 90 else 32 for b in range(256))


@rule(NAVIGATION, max_words=80, needs=(_GLUED_TOKEN,), sentences=False)
def glued_link_run(line: Line) -> bool:
    """Link labels rendered without separators: `Customer ServiceSite MapPrivacy Policy`.
    Brand names (`GetYourGuide`, `BodyPump`) glue inside one word, so count glued words."""
    text = line.text
    if line.ends_sentence:
        return False
    if text.isascii():  # cheap exit: no glued word at all
        if b"aaAa" not in text.encode().translate(_LETTER_CASES):
            return False
    elif not _GLUED_TOKEN.search(text):
        return False
    words = line.text.split()
    glued = sum(1 for w in words if _GLUED_TOKEN.search(w))
    return not line.ends_sentence and (glued >= 3 or (glued >= 2 and glued * 5 >= len(words) * 2))


_CRUMB_SEP = re.compile(r"\s(?:>|»|›|/|\||·|•)\s")


@rule(NAVIGATION, max_words=40, needs=(_CRUMB_SEP,), sentences=False)
def breadcrumb(line: Line) -> bool:
    """`Home > News > World`, `Politik | Ausland | Nahost`: short labels between separators."""
    if line.text.startswith("|"):  # a table row
        return False
    parts = _CRUMB_SEP.split(line.text)
    if len(parts) < 3:
        return False
    return all(0 < len(p.split()) <= 4 for p in parts) and not line.ends_sentence


# -- teaser ------------------------------------------------------------------------------

# `justiceThe FBI…`, `PoliticsTrump Signs…`; brand names glue a short part (`LinkedIn`): not those
_LABEL_GLUE = re.compile(r"^(?:[a-z]{3,}[A-Z][a-z]|[A-Z][a-z]{5,}[A-Z][a-z]{2,})")


@rule(TEASER, max_words=30, needs=(_LABEL_GLUE,), min_words=4)
def glued_section_label(line: Line) -> bool:
    """A headline glued to its section label: `justiceThe FBI Talked to the White House…`."""
    return line.n_words >= 4 and line.last_char not in ".!" and bool(_LABEL_GLUE.match(line.text))


# -- metadata ----------------------------------------------------------------------------

_TIMESTAMP = re.compile(
    r"^(?:(?:" + "|".join(PUBLISHED_WORDS + ("posted",) + UPDATED_WORDS) + r")\s*:?\s*)?"
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|Uhr|h)?$", re.I)
_DATE_WORDS = _kw(  # words around a dateline's date (and Italian, Polish, Dutch 'published', 'updated')
    *PUBLISHED_WORDS, *UPDATED_WORDS, "date", "dated", "posted", "last updated", "modified", "on", "at", "am",
    "pm", "stand", "le", "pubblicato", "aggiornato", "opublikowano", "gepubliceerd", "section", "edition", "print",
)


@rule(METADATA, max_words=5, needs=(_TIMESTAMP,))
def timestamp(line: Line) -> bool:
    """A line that is only a time of day: `1:44 PM UTC`, `Updated 10:30`."""
    return bool(_TIMESTAMP.match(line.text))


_FOUR_DIGITS = re.compile(r"\d{4}")
_DATE_LABEL = re.compile(r"^\s*date\b", re.I)
_NOT_A_WORD = re.compile(r"\d{1,2}[:.]\d{2}|\b[ap]\.m\.|[^\w]+|\b[A-Z]{2,4}\b")  # times, zones, punctuation


_LABEL = re.compile(r"^([^\W\d_][\w-]*)\s*:")  # 'Termin:', 'Einsendeschluss:', 'Posted:'
# labels of the page's own metadata (published, updated, posted; its writer, a correction, a
# user's account); any other one-word label names an event's date ('Termin: 29.02.2020, 19 Uhr',
# 'Deadline: March 15, 2007'), which is content
PAGE_DATE_LABELS = frozenset((*PUBLISHED_WORDS, *UPDATED_WORDS, *(w.lower() for w in AUTHOR_LABELS),
                              "posted", "date", "datum", "stand", "erstellt", "created", "modified", "geändert",
                              "edited", "bearbeitet", "written", "geschrieben", "pubblicato", "aggiornato",
                              "opublikowano", "gepubliceerd", "fecha", "on", "am", "le", "correction",
                              "korrektur", "registered", "joined", "member", "mitglied", "registriert"))


@rule(METADATA, max_words=25, needs=(_FOUR_DIGITS,))
def dateline(line: Line) -> bool:
    """A short line built around a full date: `A Section on 02/26/2017`, `date 2017-02-25 …`;
    not an event's date under a label of its own (`Termin: 29.02.2020, 19 Uhr`)."""
    if not _FOUR_DIGITS.search(line.text):
        return False
    found = dates.find_dates(line.text)
    if not found:
        return False
    if _DATE_LABEL.match(line.text):
        return True
    label = _LABEL.match(line.text)
    if label and label.group(1).lower() not in PAGE_DATE_LABELS:
        return False
    rest = line.text
    for _, start, end in reversed(found):
        rest = rest[:start] + " " + rest[end:]
    rest = _DATE_WORDS.sub(" ", rest)
    rest = _NOT_A_WORD.sub(" ", rest).split()
    if line.last_char in ".!?" and len(rest) >= 2:  # a sentence of the story that names a date
        return False
    return len(rest) <= 3


# 'By' (also the Polish 'przez') or 'Author:' opening a line; `metadata.py` cuts it off the names
BYLINE_START = r"^(?i:" + "|".join(BY_WORDS) + r"|przez|(?:" + "|".join(AUTHOR_LABELS) + r"):?)\s+"
_BYLINE = re.compile(BYLINE_START + r"[A-ZÀ-Þ]")


# lower-case words a byline's names may hold: 'and' (also the Polish 'i'), name particles
_NAME_JOINERS = frozenset((*AND_WORDS, "i", "&", "van", "von", "de", "der", "da", "di", "la", "le"))


@rule(METADATA, max_words=10, needs=(_BYLINE,), sentences=False)
def byline(line: Line) -> bool:
    """`By Jane Doe`, `Von Max Muster`: short lines naming the author (names are capitalised, so
    `Von Berlin nach Paris` is not one)."""
    if line.ends_sentence or not _BYLINE.match(line.text):
        return False
    words = [w for w in line.text.split()[1:] if w.lower() not in _NAME_JOINERS and w[:1].isalpha()]
    return len(words) >= 2 and all(w[0].isupper() for w in words)
