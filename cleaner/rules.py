"""Stage: line rules. Each rule is a small named function that looks at one line and says whether
it is boilerplate of one kind; its reason label says which kind. Decisions that need the
surrounding lines live in `context.py`.

Keyword lists here only name boilerplate (cookie notices, rights lines, promos) in the languages
seen most on the web; the core body/boilerplate decision uses per-language stop words instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, List, Optional

from . import dates
from .lines import Line

# Reason labels (every removed line carries exactly one).
COOKIE_BANNER = "cookie_banner"
NAVIGATION = "navigation"
TEASER = "teaser"
CAPTION = "caption"
LEGAL = "legal"
PROMO = "promo"
METADATA = "metadata"
DUPLICATE = "duplicate"
FRAGMENT = "fragment"
BOILERPLATE = "boilerplate"  # outside the article body, no more specific rule applies

REASONS = (COOKIE_BANNER, NAVIGATION, TEASER, CAPTION, LEGAL, PROMO, METADATA, DUPLICATE,
           FRAGMENT, BOILERPLATE)


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    test: Callable[[Line], bool]


RULES: List[Rule] = []


def rule(reason: str):
    """Register a line rule under its function name with a reason label."""

    def register(fn: Callable[[Line], bool]):
        RULES.append(Rule(fn.__name__, reason, fn))
        return fn

    return register


def first_match(line: Line) -> Optional[Rule]:
    """The first rule that fires on `line`, in registration order."""
    for r in RULES:
        if r.test(line):
            return r
    return None


def _kw(*words: str) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)


# -- fragment ------------------------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")


@rule(FRAGMENT)
def stray_fragment(line: Line) -> bool:
    """Lines with no word in them (`___`, `* * *`, `|`) or a lone letter (`f`)."""
    letters = len(_LETTER.findall(line.text))
    if letters == 0:
        return not re.search(r"\d", line.text) or len(line.text) <= 2
    return letters == 1 and len(line.text) <= 2


# -- cookie banner -------------------------------------------------------------------------

_COOKIE = re.compile(r"cookie", re.I)
_CONSENT = _kw(
    "accept", "accepts", "consent", "agree", "policy", "settings", "preferences", "personali[sz]ed",
    "browsing", "this (?:web)?site", "our (?:web)?site", "use of", "we use", "continu(?:e|ing) to",
    "akzeptier\\w*", "zustimm\\w*", "einwilligung\\w*", "datenschutz\\w*", "verwende[nt]", "nutz\\w*",
    "accept\\w*", "utilis\\w*", "consentement", "acept\\w*", "utiliza\\w*", "consentimiento",
    "navegación", "utilizz\\w*", "consenso", "akcept\\w*", "używa\\w*", "gebruik\\w*",
)


@rule(COOKIE_BANNER)
def cookie_notice(line: Line) -> bool:
    """A line about the site's cookies: 'cookie' plus consent/usage wording."""
    return bool(_COOKIE.search(line.text)) and bool(_CONSENT.search(line.text)) and line.n_words <= 120


# -- legal -------------------------------------------------------------------------------

_RIGHTS = _kw(
    "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
    "todos los derechos reservados", "tutti i diritti riservati", "wszelkie prawa zastrzeżone",
    "alle rechten voorbehouden", "todos os direitos reservados", "some rights reserved",
)
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)\s*\d{4}|copyright\b|urheberrecht\b)", re.I)
_AFFILIATE = _kw(
    "may (?:receive|earn) (?:a )?(?:compensation|commission)", "affiliate (?:links?|commission|partner)",
    "earn (?:a )?commission", "provision(?:slinks?)?", "partnerlinks?", "liens? affiliés?",
    "enlaces? de afiliados?",
)


@rule(LEGAL)
def copyright_notice(line: Line) -> bool:
    """Copyright and rights lines: `© 2017 Time Inc. All rights reserved.`"""
    if line.n_words > 40:
        return False
    return bool(_RIGHTS.search(line.text) or _COPYRIGHT_START.search(line.text)
                or ("©" in line.text and line.n_words <= 15))


@rule(LEGAL)
def affiliate_disclaimer(line: Line) -> bool:
    """Affiliate and compensation disclaimers."""
    return line.n_words <= 60 and bool(_AFFILIATE.search(line.text))


# -- promo -------------------------------------------------------------------------------

_PROMO = _kw(
    "subscribe\\w*", "newsletters?", "sign up", "follow us", "follow", "share", "share this\\w*",
    "advertisements?", "sponsored", "upcoming events", "read more", "read next", "more stories",
    "related (?:articles?|stories|posts|content)", "download (?:the|our) app", "log ?in", "sign in",
    "register", "comments?", "leave a (?:comment|reply)", "print", "email", "e-mail", "tweet",
    "abonn\\w*", "anzeige", "werbung", "teilen", "mehr zum thema", "weiterlesen", "jetzt lesen",
    "publicité", "partager", "lire aussi", "lire la suite", "s'abonner", "suscr[ií]b\\w*",
    "publicidad", "compartir", "leer más", "pubblicità", "condividi", "iscriviti", "reklama",
    "udostępnij", "czytaj (?:też|także|więcej)", "delen", "advertentie", "lees (?:ook|meer)",
)


@rule(PROMO)
def promo_line(line: Line) -> bool:
    """Short calls to subscribe, follow, share, read more; 'Advertisement'; 'Upcoming Events'."""
    if line.n_words > 8 or (line.ends_sentence and line.text[-1] in ".!?" and line.n_words > 4):
        return False
    return bool(_PROMO.search(line.text))


# -- caption -----------------------------------------------------------------------------

_AGENCY = r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|dpa|Shutterstock|iStock(?:photo)?|Bloomberg|Keystone|ANP|PA(?: Images| Wire)?|Xinhua|Imago|picture[- ]alliance|Sipa)"
_CREDIT_END = re.compile(
    rf"(?:[—–|/]\s*[\w.\-' ]{{0,40}}{_AGENCY}(?:\s*(?:Photo|Images?))?\s*\)?\.?$"
    rf"|\((?:AP|AFP|Reuters)\s+Photo[^)]*\)\.?$"
    rf"|[—–]\s*{_AGENCY}\b.*$)"
)
_CREDIT_LABEL = re.compile(
    r"^(?:photo|photograph|picture|image|credit|source|foto|bild|bildquelle|quelle|crédit|crédits"
    r"|fotografía|imagen|zdjęcie|fot)\s*(?:credit)?\s*[:©]", re.I)
_CREDIT_TAIL = re.compile(
    r"(?:\(|\b)(?:photo|photograph|foto|bild|image|credit|crédit)s?\s*(?:by|:|©)\s*[^.]{2,60}\)?\.?$", re.I)


@rule(CAPTION)
def photo_credit(line: Line) -> bool:
    """Photo captions and credits: `… Hassan Ammar—AP`, `Photo: Reuters`, `(Foto: dpa)`."""
    if line.n_words > 80:
        return False
    return bool(_CREDIT_END.search(line.text) or _CREDIT_LABEL.search(line.text)
                or _CREDIT_TAIL.search(line.text))


_SLUG = re.compile(r"^[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}$")


@rule(CAPTION)
def wire_slug(line: Line) -> bool:
    """Wire photo slugs such as `PHILIPPINES-POLITICS-CRIME-DRUGS`."""
    return bool(_SLUG.match(line.text))


# -- navigation --------------------------------------------------------------------------

_GLUE = re.compile(r"[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]")


def glue_points(text: str) -> int:
    """Places where a lower-case letter runs straight into an upper-case one (`ServiceSite`)."""
    return len(_GLUE.findall(text))


@rule(NAVIGATION)
def glued_link_run(line: Line) -> bool:
    """Link labels rendered without separators: `Customer ServiceSite MapPrivacy Policy`."""
    g = glue_points(line.text)
    return g >= 2 and g * 4 >= line.n_words and not line.ends_sentence


_CRUMB_SEP = re.compile(r"\s(?:>|»|›|/|\||·|•)\s")


@rule(NAVIGATION)
def breadcrumb(line: Line) -> bool:
    """`Home > News > World`, `Politik | Ausland | Nahost`: short labels between separators."""
    parts = _CRUMB_SEP.split(line.text)
    if len(parts) < 3:
        return False
    return all(0 < len(p.split()) <= 4 for p in parts) and not line.ends_sentence


# -- teaser ------------------------------------------------------------------------------

_LABEL_GLUE = re.compile(r"^(?:[a-z]+|[A-Z][a-z]+)[A-Z][a-z]")


@rule(TEASER)
def glued_section_label(line: Line) -> bool:
    """A headline glued to its section label: `justiceThe FBI Talked to the White House…`."""
    return 4 <= line.n_words <= 30 and bool(_LABEL_GLUE.match(line.text)) and not line.text[-1:] in ".!"


# -- metadata ----------------------------------------------------------------------------

_TIMESTAMP = re.compile(
    r"^(?:(?:updated|published|posted|aktualisiert|veröffentlicht|publié|mis à jour|publicado|actualizado)\s*:?\s*)?"
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|Uhr|h)?$", re.I)
_DATE_WORDS = _kw(
    "date", "dated", "published", "posted", "updated", "last updated", "modified", "on", "at", "am", "pm",
    "veröffentlicht", "aktualisiert", "stand", "publié", "mis à jour", "le", "publicado", "actualizado",
    "pubblicato", "aggiornato", "opublikowano", "gepubliceerd", "section", "edition", "print",
)


@rule(METADATA)
def timestamp(line: Line) -> bool:
    """A line that is only a time of day: `1:44 PM UTC`, `Updated 10:30`."""
    return line.n_words <= 5 and bool(_TIMESTAMP.match(line.text))


@rule(METADATA)
def dateline(line: Line) -> bool:
    """A short line built around a full date: `A Section on 02/26/2017`, `date 2017-02-25 …`."""
    found = dates.find_dates(line.text)
    if not found:
        return False
    if re.match(r"^\s*date\b", line.text, re.I):
        return True
    rest = line.text
    for _, start, end in reversed(found):
        rest = rest[:start] + " " + rest[end:]
    rest = _DATE_WORDS.sub(" ", rest)
    rest = re.sub(r"\d{1,2}[:.]\d{2}|[^\w]+|\b[A-Z]{2,4}\b", " ", rest)
    return len(rest.split()) <= 3


_BYLINE = re.compile(r"^(?i:by|von|par|por|di|door|av|przez|autor(?:in)?:?|author:?)\s+[A-ZÀ-Þ]")


@rule(METADATA)
def byline(line: Line) -> bool:
    """`By Jane Doe`, `Von Max Muster`: short lines naming the author."""
    return line.n_words <= 10 and not line.ends_sentence and bool(_BYLINE.match(line.text))
