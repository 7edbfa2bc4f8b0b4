"""Stage: line rules. Each rule is a small named function that looks at one line and says whether
it is boilerplate of one kind; its reason label says which kind. Decisions that need the
surrounding lines live in `context.py`.

Keyword lists here only name boilerplate (cookie notices, rights lines, promos) in the languages
seen most on the web; the core body/boilerplate decision uses per-language stop words instead.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from .. import dates
from . import gates
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
COMMENTS = "comments"  # readers' comments (HTML: judged from the DOM, no line rule gives it)

REASONS = (COOKIE_BANNER, NAVIGATION, TEASER, CAPTION, LEGAL, PROMO, METADATA, DUPLICATE,
           FRAGMENT, BOILERPLATE, COMMENTS)


@dataclass(frozen=True)
class Rule:
    name: str
    reason: str
    test: Callable[[Line], bool]
    max_words: float  # the rule never fires on longer lines (lets first_match skip it cheaply)
    gate: Optional[gates.Trigger] = None  # words or characters the line needs (lets first_match skip it)


RULES: List[Rule] = []


def rule(reason: str, max_words: float = float("inf"), needs: Tuple[re.Pattern, ...] = ()):
    """Register a line rule under its function name with a reason label. The rule never fires on
    lines longer than `max_words` (checked here once, so the rule's body need not), nor on lines
    that none of the patterns in `needs` matches: `first_match` skips it on lines without any of
    the words or characters those patterns require (`gates.py`), without running them."""

    def register(fn: Callable[[Line], bool]):
        RULES.append(Rule(fn.__name__, reason, fn, max_words, gates.gate(needs)))

        @functools.wraps(fn)
        def bounded(line: Line) -> bool:
            return line.n_words <= max_words and fn(line)

        return bounded

    return register


# Rules whose lines mark the end of an article (related stories, comments): the body span
# pays a high price to run across them, and ends at one with most of the span above it.
TERMINATORS = frozenset({"related_heading", "comments_heading", "comment_form"})
# Page furniture that usually follows an article (share and subscribe calls, tags, copyright):
# the body span ends at one with most of the span above it. (Not ad labels: ads sit mid-story.)
ENDINGS = frozenset({"promo_line", "tag_list", "copyright_notice"})


# trafilatura already chose the main content of an HTML page: on its output only the rules
# that name boilerplate unambiguously run (measured: the others cost more body than they save).
HTML_RULES = frozenset({
    "stray_fragment", "cookie_notice", "copyright_notice", "ad_label", "promo_line", "read_also_link",
    "related_heading", "comments_heading", "comment_form", "newsletter_pitch", "signup_call",
    "social_buttons", "tag_list",
    "photo_credit", "wire_slug", "timestamp",
})


def first_match(line: Line, only: Optional[frozenset] = None) -> Optional[Rule]:
    """The first rule that fires on `line`, in registration order (among `only`, if given)."""
    limits, by_limit, gate_sets = _rules_among(only)
    k = bisect.bisect_left(limits, line.n_words)
    allowed = None  # bit mask of the gated rules the line may fire, worked out when first needed
    for bit, r in by_limit[k]:
        if bit:
            if allowed is None:
                allowed = gate_sets[k].allowed(line.tokens, line.text)
            if not allowed & bit:
                continue  # the line has none of the words or characters the rule needs
        if r.test(line):
            return r
    return None


def match_lines(lines: List[Line], only: Optional[frozenset] = None) -> List[Optional[Rule]]:
    """`first_match` for each line; a line repeated in the page (menus, share bars) is judged once."""
    seen: Dict[tuple, Optional[Rule]] = {}
    out = []
    for line in lines:
        key = (line.text, line.n_words, line.ends_sentence, line.last_char)  # all a rule looks at
        hit = seen[key] if key in seen else seen.setdefault(key, first_match(line, only))
        out.append(hit)
    return out


@functools.lru_cache(maxsize=None)
def _rules_among(only: Optional[frozenset]) -> Tuple[List[float], List[tuple], List[gates.GateSet]]:
    """The distinct word limits of the rules (ascending); for each, the rules (in registration
    order) whose limit is at least that, the rules that apply to a line of up to that many words,
    as (gate bit, rule) pairs (bit 0: no gate), and the gates of those rules."""
    among = [r for r in RULES if only is None or r.name in only]
    gated = [r for r in among if r.gate is not None]
    bits = {r.name: 1 << i for i, r in enumerate(gated)}
    limits = sorted({r.max_words for r in among})
    by_limit = [tuple((bits.get(r.name, 0), r) for r in among if r.max_words >= limit) for limit in limits]
    gate_sets = [gates.GateSet([r.gate if r.max_words >= limit else None for r in gated]) for limit in limits]
    return limits, by_limit + [()], gate_sets + [gates.GateSet([])]


def _kw(*words: str) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I)


# -- fragment ------------------------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")


@rule(FRAGMENT, max_words=2)
def stray_fragment(line: Line) -> bool:
    """Lines with no word in them (`___`, `* * *`, `|`) or a lone letter (`f`)."""
    if len(line.text) > 2 and _LETTER.search(line.text):
        return False
    letters = len(_LETTER.findall(line.text))
    if letters == 0:
        return not re.search(r"\d", line.text) or len(line.text) <= 2
    return letters == 1 and len(line.text) <= 2


# -- cookie banner -------------------------------------------------------------------------

_COOKIE = re.compile(r"cookie", re.I)
_USES_COOKIES = re.compile(
    r"\b(?:use|uses|using|verwende[nt]?|nutz(?:en|t)|setz(?:en|t)|utilisons|utilise|utilizamos|usamos|"
    r"utiliza|utilizziamo|usiamo|używamy|używa|gebruiken|gebruikt)\s+(?:\w+\s+){0,3}?cookies?\b", re.I)
_CONSENT = _kw(  # the site's own cookies: consent, settings, policy, "this site"
    "consent\\w*", "policy", "settings", "preferences", "personali[sz]ed", "browsing", "privacy",
    "(?:this|our) (?:web)?site", "websites?", "einwilligung\\w*", "zustimm\\w*", "datenschutz\\w*",
    "webseiten?", "einstellungen", "consentement", "site web", "paramètres", "consentimiento", "navegación",
    "sitio web", "consenso", "sito web", "zgod\\w*", "prywatności", "toestemming",
)


_CONSENT_MANAGER = _kw(  # the standard wording of consent managers, which may not say 'cookie'
    "(?:the )?technical storage or access", "technische speicherung oder (?:der )?(?:zugriff|zugang)",
    "(?:le )?stockage ou l.accès technique", "(?:el )?almacenamiento o acceso técnico",
    "l.archiviazione tecnica o l.accesso", "przechowywanie lub dostęp techniczny", "technische opslag of toegang",
    "store and/or access information on a device", "informationen auf einem gerät speichern und/oder abrufen",
)


@rule(COOKIE_BANNER, max_words=120, needs=(_COOKIE, _CONSENT_MANAGER))
def cookie_notice(line: Line) -> bool:
    """A line about the site's cookies: 'cookie' plus consent wording, or 'we use cookies', or a
    consent manager's standard wording ('The technical storage or access is strictly necessary…')."""
    if not _COOKIE.search(line.text):
        return bool(_CONSENT_MANAGER.search(line.text))
    return bool(_CONSENT.search(line.text) or _USES_COOKIES.search(line.text))


# -- legal -------------------------------------------------------------------------------

_RIGHTS = _kw(
    "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
    "todos los derechos reservados", "tutti i diritti riservati", "wszelkie prawa zastrzeżone",
    "alle rechten voorbehouden", "todos os direitos reservados", "some rights reserved",
)
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)\s*\d{4}|(?:copyright|urheberrecht)\s*(?:©|\(c\)|\d{4}|by\b|[:|]))", re.I)
_AFFILIATE = _kw(
    "may (?:receive|earn) (?:a )?(?:compensation|commission)", "affiliate (?:links?|commission|partner)",
    "earn (?:a )?commission", "provisionslinks?", "(?:eine|kleine) provision", "partnerlinks?", "liens? affiliés?",
    "enlaces? de afiliados?",
)


@rule(LEGAL, max_words=40, needs=(_RIGHTS, _COPYRIGHT_START, re.compile("©")))
def copyright_notice(line: Line) -> bool:
    """Copyright and rights lines: `© 2017 Time Inc. All rights reserved.`"""
    return bool(_RIGHTS.search(line.text) or _COPYRIGHT_START.search(line.text)
                or ("©" in line.text and line.n_words <= 15))


@rule(LEGAL, max_words=60, needs=(_AFFILIATE,))
def affiliate_disclaimer(line: Line) -> bool:
    """Affiliate and compensation disclaimers."""
    return bool(_AFFILIATE.search(line.text))


# -- promo -------------------------------------------------------------------------------

_PROMO = _kw(
    "subscribe\\w*", "newsletters?", "sign up", "sign in", "log ?in", "follow us", "share this\\w*",
    "upcoming events", "read more", "read next", "more stories",
    "download (?:the|our) app", "leave a (?:comment|reply)", "abonn\\w*",
    "weiterlesen", "jetzt lesen", "lire la suite", "s'abonner", "suscr[ií]b\\w*",
    "leer más", "iscriviti", "lees meer", "teilen", "zum shop",
    "gefällt (?:ihnen|dir)", "spende\\w*", "support (?:our|us)", "wesprzyj\\w*", "valora esta",
)
_AD_LABEL = re.compile(  # a line that is only an ad label
    r"^\W*(?:advertisements?|sponsored(?: content)?|anzeige|werbung|publicité|publicidad|pubblicità|"
    r"reklama|advertentie|publicidade)\W*$", re.I)
_PROMO_START = re.compile(
    r"^(?:follow|share|teilen|partager|compartir|condividi|udostępnij|delen|tweet|print|drucken|imprimer|"
    r"e-?mail)\b", re.I)


@rule(PROMO, max_words=3, needs=(_AD_LABEL,))
def ad_label(line: Line) -> bool:
    """A line that only labels an ad slot: 'Advertisement', 'Anzeige', 'Publicité'."""
    return bool(_AD_LABEL.match(line.text))


@rule(PROMO, max_words=8, needs=(_PROMO_START, _PROMO))
def promo_line(line: Line) -> bool:
    """Short calls to subscribe, follow, share, read more; 'Upcoming Events'."""
    if line.ends_sentence and line.last_char in ".!?" and line.n_words > 4:
        return False
    if line.n_words <= 3 and _PROMO_START.match(line.text):
        return True
    return bool(_PROMO.search(line.text))


_READ_ALSO = re.compile(
    r"^(?:read (?:more|also|next)|see also|related|more on this|lesen sie (?:auch|mehr|hier)|mehr zum thema|"
    r"auch interessant|siehe auch|lire aussi|à lire aussi|a lire aussi|voir aussi|lee también|leer también|"
    r"le puede interesar|te puede interesar|leggi anche|zobacz (?:też|także|również)|czytaj (?:też|także|również)|"
    r"lees ook|leia (?:também|mais))\s*[:»›>–—-]", re.I)


@rule(TEASER, max_words=30, needs=(_READ_ALSO,))
def read_also_link(line: Line) -> bool:
    """An inline link to another story: `Read more: …`, `Lesen Sie auch: …`."""
    return bool(_READ_ALSO.match(line.text))


_RELATED_HEADING = re.compile(
    r"^(?:related(?: (?:articles?|posts?|stories|content|topics|reading|news|coverage))?|"
    r"you (?:may|might) also (?:like|enjoy|be interested in)|recommended(?: for you| stories| articles)?|"
    r"more (?:stories|articles|news|from [\w .'-]+|on [\w .'-]+|in [\w .'-]+)|explore (?:further|more)|further reading|"
    r"(?:most )?(?:popular|trending|recent|latest) (?:posts?|stories|articles|news)(?: on [\w .'-]+)?|trending(?: on [\w .'-]+)?|"
    r"(?:previous|next) (?:post|article|story)|(?:\d+ )?(?:comments?|responses?|replies)(?: \(\d+\))?|leave a (?:comment|reply)|"
    r"(?:ähnliche|verwandte|weitere|neueste|aktuelle|empfohlene)(?: \w+)? (?:beiträge|artikel|themen|nachrichten|news|stories)"
    r"(?: (?:aus|zum|zur|zu|von|vom|im|in|für|über) [\w -]{1,40})?|"
    r"(?:das )?könnte (?:dich|sie|ihnen|dir) auch interessieren|artikel zum thema|mehr (?:aus|zu|von|zum) [\w .'-]+|"
    r"empfohlener redaktioneller inhalt|(?:\d+ )?kommentare?(?: \(\d+\))?|kommentar schreiben|"
    r"(?:vorheriger|nächster) (?:beitrag|artikel)|dans la même rubrique|pour approfondir|sur le même (?:thème|sujet)|"
    r"vous aimerez aussi|articles? (?:similaires|liés|suivant|précédent)|(?:\d+ )?commentaires?|"
    r"noticias relacionadas|(?:artículos|contenidos?) relacionados?|más noticias|(?:\d+ )?comentarios?|"
    r"potrebbe(?:ro)? interessarti|articoli correlati|(?:\d+ )?commenti|powiązane (?:artykuły|tematy)|"
    r"(?:\d+ )?komentarze|gerelateerde artikelen|(?:\d+ )?reacties|notícias relacionadas|(?:\d+ )?comentários)"
    r"\s*[:.!…]*$", re.I)


_RELATED_PHRASE = _kw(
    "you (?:may|might) also like", "also read", "read also", "most (?:read|popular|viewed)", "next article",
    "auch interessieren", "auch interessant", "lesen sie auch", "weitere (?:beiträge|artikel|themen|news)",
    "noch mehr (?:news|artikel|themen)", "viel gelesen", "meistgelesen\\w*", "nächsten artikel", "mehr zum thema",
    "à lire aussi", "lire aussi", "articles similaires", "dans la même rubrique", "te puede interesar",
    "también te puede", "potrebbe interessarti", "leggi anche", "zobacz (?:też|także|również)",
    "czytaj (?:też|także|również|więcej)", "lees ook",
)


@rule(TEASER, max_words=8, needs=(_RELATED_HEADING, _RELATED_PHRASE))
def related_heading(line: Line) -> bool:
    """The heading of a related-stories or comments block: `Related articles`, `Ähnliche Beiträge`,
    `Das könnte Sie auch interessieren`."""
    if _RELATED_HEADING.match(line.text):
        return True
    return line.last_char not in ".!" and bool(_RELATED_PHRASE.search(line.text))


_COMMENTS_COUNT = re.compile(  # '38 comments', '4 thoughts on “Title”', '{ 12 responses… add one }'
    r"^\W*(?:\d+|one|two|three|ein|eine|zwei|drei|un|une|deux|trois|uno|una|dos|tres|jeden|dwa|trzy|één|twee)\s+"
    r"(?:comments?|responses?|repl(?:y|ies)|thoughts?|kommentare?|antworten|gedanken|commentaires?|réponses?|"
    r"comentarios?|respuestas?|comment[io]|rispost[ae]|komentarz\w*|odpowied\w*|reacties?)"
    r"(?:\s*$|\s*[…:(\[{“„\"«]|\s+(?:on|to|zu|auf|sur|à|en|a|para|su|do|op)\s)", re.I)


@rule(TEASER, max_words=40, needs=(_COMMENTS_COUNT,))
def comments_heading(line: Line) -> bool:
    """The counted heading of a comments section: `4 thoughts on “Title”`, `12 Kommentare zu …`."""
    return line.last_char != "." and bool(_COMMENTS_COUNT.match(line.text))


_COMMENT_FORM = _kw(
    "required fields are marked", "notify me of (?:new|follow-up)", "akismet",
    "comments are moderated", "to post a comment", "kommentar abzugeben", "kommentarfunktion",
    "einen kommentar (?:schreiben|verfassen)",
    "erforderliche felder", "benachrichtige mich", "champs obligatoires", "campos obligatorios",
    # the reply form's own labels (WordPress and the like)
    "cancel reply", "antwort(?:en)? abbrechen", "annuler la réponse", "cancelar (?:la )?respuesta",
    "annulla (?:la )?risposta", "anuluj (?:pisanie )?odpowied\\w*", "reactie annuleren",
    "(?:schreibe|schreib|schreiben sie) einen kommentar", "hinterlasse(?:n sie)? (?:einen kommentar|eine antwort)",
    "laisser un commentaire", "deja (?:un comentario|una respuesta)", "lascia un commento",
    "(?:dodaj|zostaw) komentarz",
)
_NOT_PUBLISHED = _kw(  # "Your email address will not be published": only with the e-mail in the line
    "will not be published", "nicht veröffentlicht", "ne sera pas publiée", "no será publicada",
    "no se publicará",
    "non sarà pubblicato", "nie zostanie opublikowany", "wordt niet gepubliceerd",
)
_EMAIL_WORD = re.compile(r"e-?mail|adres|correo", re.I)


@rule(PROMO, max_words=40, needs=(_COMMENT_FORM, _NOT_PUBLISHED))
def comment_form(line: Line) -> bool:
    """Comment-form boilerplate: `Your email address will not be published.`"""
    if _COMMENT_FORM.search(line.text):
        return True
    return bool(_NOT_PUBLISHED.search(line.text)) and bool(_EMAIL_WORD.search(line.text))


_NEWSLETTER = re.compile(r"newsletter", re.I)
_SIGN_UP = _kw(
    "subscrib\\w*", "sign up", "get", "receive", "delivered", "inbox", "free", "abonn\\w*", "anmeld\\w*",
    "bestell\\w*", "erhalten", "kostenlos\\w*", "postfach", "inscri\\w*", "recevez", "gratuit\\w*",
    "suscr[ií]b\\w*", "recibe", "gratis", "iscriviti", "ricevi", "zapisz\\w*", "otrzymuj\\w*", "darmow\\w*",
    "aanmelden", "ontvang\\w*", "our newsletter", "unser\\w* newsletter", "notre newsletter",
    "nuestro newsletter", "nostra newsletter", "nasz\\w* newsletter", "onze nieuwsbrief",
)
_NEWSLETTER_TITLE = re.compile(r"^(?:the|der|die|das|le|la|el|il)?\s*newsletter\b", re.I)


@rule(PROMO, max_words=30, needs=(_NEWSLETTER,))
def newsletter_pitch(line: Line) -> bool:
    """A sentence selling the newsletter (`Get our free newsletter`), not one reporting on one."""
    if not _NEWSLETTER.search(line.text):
        return False
    return bool(_SIGN_UP.search(line.text) or _NEWSLETTER_TITLE.match(line.text))


_SIGN_UP_CALL = re.compile(
    r"^\W*(?:sign up|subscribe|register now|join (?:now|us|our)|jetzt (?:abonnieren|anmelden|registrieren)|"
    r"abonnieren sie|abonniere|melden sie sich|registrieren sie sich|inscrivez-vous|abonnez-vous|"
    r"suscr[ií]bete|reg[ií]strate|iscriviti|abbonati|zapisz się|zarejestruj się|zasubskrybuj|"
    r"meld je aan|abonneer)\b", re.I)


@rule(PROMO, max_words=40, needs=(_SIGN_UP_CALL,))
def signup_call(line: Line) -> bool:
    """A line opening with a call to sign up or subscribe: `Sign up to get the best content of the
    week…`, `Abonniere den Newsletter…`, `Inscrivez-vous…`."""
    return bool(_SIGN_UP_CALL.match(line.text))


_SOCIAL = re.compile(
    r"^(?:(?:share|teilen|partager|compartir|condividi|udostępnij|delen|tweet|pin|e-?mail|whatsapp|facebook|"
    r"twitter|x|linkedin|xing|pinterest|instagram|telegram|reddit|youtube|tiktok|threads|bluesky|mastodon|"
    r"flipboard|messenger|print|drucken|imprimer|copy link|link kopieren|on|auf|via|this|article|artikel)"
    r"[\s:,|/•·-]*)+$", re.I)


@rule(PROMO, max_words=12)
def social_buttons(line: Line) -> bool:
    """Share bars and social links: `Facebook Twitter LinkedIn`, `Teilen: WhatsApp E-Mail`."""
    return bool(_SOCIAL.match(line.text))


_TAGS = re.compile(
    r"^(?:tags?|tagged(?: with)?|schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|kategorien?|categor(?:y|ies)|"
    r"filed under|posted in|veröffentlicht in|markiert mit|themen|topics|étiquettes|mots-clés|catégories?|"
    r"etiquetas|categorías?|tagi|kategorie)\s*[:|]", re.I)


@rule(NAVIGATION, max_words=40, needs=(_TAGS,))
def tag_list(line: Line) -> bool:
    """Tag and category lines: `Tags: Politik, Syrien`, `Filed under: World`."""
    return bool(_TAGS.match(line.text))


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
    r"^\(?(?:photo|photograph|picture|image|credit|foto|fotos|bild|bildquelle|quelle|crédit|crédits|crédito"
    r"|credito|fotografía|imagen|zdjęcie|źródło|fot|beitragsbild|titelbild|titelfoto|aufmacherbild|symbolbild"
    r"|bildnachweis|fotonachweis|featured image|cover image|header image)s?\.?\s*(?:credits?)?\s*[:©.]", re.I)
_CREDIT_TEXT = r"(?:[^.]|\.(?=\w)){2,60}"  # to the end of the line; dots only inside words (iStock.com)
_CREDIT_TAIL = re.compile(  # '… im Abendrot. Bild: TebNad/Shutterstock.com', '… (Photo by Jane Doe)'
    rf"(?:\(|\b)(?:photo|photograph|foto|bild|bildquelle|image|imagen|credit|crédit|zdjęcie|fot)s?\s*(?:by|:|©)"
    rf"\s*{_CREDIT_TEXT}\)?\.?$", re.I)
_SOURCE_TAIL = re.compile(  # a source only in brackets or after a slash: '… ilustracyjne / Źródło: Pixabay'
    rf"(?:\(|[/|]\s*)(?:quelle|source|fuente|fonte|źródło|bron)\s*:\s*{_CREDIT_TEXT}\)?\.?$", re.I)


@rule(CAPTION, max_words=80, needs=(_CREDIT_END, _CREDIT_LABEL, _CREDIT_TAIL, _SOURCE_TAIL))
def photo_credit(line: Line) -> bool:
    """Photo captions and credits: `… Hassan Ammar—AP`, `Photo: Reuters`, `(Foto: dpa)`."""
    return bool(_CREDIT_END.search(line.text) or _CREDIT_LABEL.search(line.text)
                or _CREDIT_TAIL.search(line.text) or _SOURCE_TAIL.search(line.text))


_SLUG = re.compile(r"^[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}$")


@rule(CAPTION, max_words=12, needs=(_SLUG,))
def wire_slug(line: Line) -> bool:
    """Wire photo slugs such as `PHILIPPINES-POLITICS-CRIME-DRUGS`."""
    return bool(_SLUG.match(line.text))


# -- navigation --------------------------------------------------------------------------

_GLUED_TOKEN = re.compile(r"[a-z\u00df-\u00ff]{2}[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]")


@rule(NAVIGATION, max_words=80)
def glued_link_run(line: Line) -> bool:
    """Link labels rendered without separators: `Customer ServiceSite MapPrivacy Policy`.
    Brand names (`GetYourGuide`, `BodyPump`) glue inside one word, so count glued words."""
    if line.ends_sentence or not _GLUED_TOKEN.search(line.text):  # cheap exit: no glued word at all
        return False
    words = line.text.split()
    glued = sum(1 for w in words if _GLUED_TOKEN.search(w))
    return not line.ends_sentence and (glued >= 3 or (glued >= 2 and glued * 5 >= len(words) * 2))


_CRUMB_SEP = re.compile(r"\s(?:>|»|›|/|\||·|•)\s")


@rule(NAVIGATION, max_words=40, needs=(_CRUMB_SEP,))
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


@rule(TEASER, max_words=30)
def glued_section_label(line: Line) -> bool:
    """A headline glued to its section label: `justiceThe FBI Talked to the White House…`."""
    return line.n_words >= 4 and bool(_LABEL_GLUE.match(line.text)) and line.last_char not in ".!"


# -- metadata ----------------------------------------------------------------------------

_TIMESTAMP = re.compile(
    r"^(?:(?:updated|published|posted|aktualisiert|veröffentlicht|publié|mis à jour|publicado|actualizado)\s*:?\s*)?"
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|Uhr|h)?$", re.I)
_DATE_WORDS = _kw(
    "date", "dated", "published", "posted", "updated", "last updated", "modified", "on", "at", "am", "pm",
    "veröffentlicht", "aktualisiert", "stand", "publié", "mis à jour", "le", "publicado", "actualizado",
    "pubblicato", "aggiornato", "opublikowano", "gepubliceerd", "section", "edition", "print",
)


@rule(METADATA, max_words=5, needs=(_TIMESTAMP,))
def timestamp(line: Line) -> bool:
    """A line that is only a time of day: `1:44 PM UTC`, `Updated 10:30`."""
    return bool(_TIMESTAMP.match(line.text))


_FOUR_DIGITS = re.compile(r"\d{4}")


@rule(METADATA, max_words=25, needs=(_FOUR_DIGITS,))
def dateline(line: Line) -> bool:
    """A short line built around a full date: `A Section on 02/26/2017`, `date 2017-02-25 …`."""
    if not _FOUR_DIGITS.search(line.text):
        return False
    found = dates.find_dates(line.text)
    if not found:
        return False
    if re.match(r"^\s*date\b", line.text, re.I):
        return True
    rest = line.text
    for _, start, end in reversed(found):
        rest = rest[:start] + " " + rest[end:]
    rest = _DATE_WORDS.sub(" ", rest)
    rest = re.sub(r"\d{1,2}[:.]\d{2}|\b[ap]\.m\.|[^\w]+|\b[A-Z]{2,4}\b", " ", rest).split()
    if line.last_char in ".!?" and len(rest) >= 2:  # a sentence of the story that names a date
        return False
    return len(rest) <= 3


BYLINE_START = r"^(?i:by|von|par|por|di|door|av|przez|autor(?:in)?:?|author:?)\s+"  # also metadata.py
_BYLINE = re.compile(BYLINE_START + r"[A-ZÀ-Þ]")


_NAME_JOINERS = frozenset(("and", "und", "et", "y", "e", "i", "&", "van", "von", "de", "der", "da", "di", "la", "le"))


@rule(METADATA, max_words=10, needs=(_BYLINE,))
def byline(line: Line) -> bool:
    """`By Jane Doe`, `Von Max Muster`: short lines naming the author (names are capitalised, so
    `Von Berlin nach Paris` is not one)."""
    if line.ends_sentence or not _BYLINE.match(line.text):
        return False
    words = [w for w in line.text.split()[1:] if w.lower() not in _NAME_JOINERS and w[:1].isalpha()]
    return len(words) >= 2 and all(w[0].isupper() for w in words)
