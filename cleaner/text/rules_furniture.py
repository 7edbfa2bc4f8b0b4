"""Line rules for site furniture: stray fragments, cookie banners, legal lines, promos and calls
to subscribe or share, related-story and comments teasers, comment forms, tag lists.
Registered on import, in the order they appear here (`rules.py` imports this module first).

Keyword lists here only name boilerplate in the languages seen most on the web; the core
body/boilerplate decision uses per-language stop words instead. Lists other rules or the metadata
use too live in `cleaner/vocabulary.py`.
"""
from __future__ import annotations

import re

from ..vocabulary import COMMENT_NOUNS, PRINT_WORDS, READ_ALSO_PHRASES, RIGHTS_RESERVED, SHARE_WORDS
from . import gates
from .lines import Line
from .rulebook import COOKIE_BANNER, FRAGMENT, LEGAL, NAVIGATION, PROMO, TEASER, _kw, rule


# -- fragment ------------------------------------------------------------------------------

_LETTER = re.compile(r"[^\W\d_]")


@rule(FRAGMENT, max_words=2)
def stray_fragment(line: Line) -> bool:
    """Lines with no word in them (`___`, `* * *`, `|`) or a lone letter (`f`)."""
    if len(line.text) > 2 and (line.text[0].isalpha() or _LETTER.search(line.text)):  # (a letter first: quicker)
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
    # the placeholder of an embedded post or map that needs consent to load
    "externe(?:n)? inhalte? (?:von|angezeigt|anzeigen|laden)", "einen externen inhalt", "den inhalt von \\S+ zu laden",
    # ... and its heading ('Empfohlener redaktioneller Inhalt'), inside the story: not a related block
    "^empfohlener (?:redaktioneller|externer) inhalt",
)


# quick tests before the slow searches (`gates.may_match`: False only when the pattern cannot match)
_MAY_MANAGE = gates.may_match(_CONSENT_MANAGER)
_MAY_CONSENT = gates.may_match(_CONSENT)


@rule(COOKIE_BANNER, max_words=120, needs=(_COOKIE, _CONSENT_MANAGER))
def cookie_notice(line: Line) -> bool:
    """A line about the site's cookies: 'cookie' plus consent wording, or 'we use cookies', or a
    consent manager's standard wording ('The technical storage or access is strictly necessary…')."""
    text = line.text
    if not _COOKIE.search(text):
        return _MAY_MANAGE(text) and bool(_CONSENT_MANAGER.search(text))
    return bool((_MAY_CONSENT(text) and _CONSENT.search(text)) or _USES_COOKIES.search(text))


# -- legal -------------------------------------------------------------------------------

_RIGHTS = _kw(*RIGHTS_RESERVED)  # the phrases of `vocabulary.py`
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)\s*\d{4}|(?:copyright|urheberrecht)\s*(?:©|\(c\)|\d{4}|by\b|[:|]))", re.I)
_AFFILIATE = _kw(
    "may (?:receive|earn) (?:a )?(?:compensation|commission)", "affiliate (?:links?|commission|partner)",
    "earn (?:a )?commission", "provisionslinks?", "(?:eine|kleine) provision", "partnerlinks?", "liens? affiliés?",
    "enlaces? de afiliados?",
)


# a photo's credit with a copyright sign ('© Bild: Werk', '©Foto: Pixabay'): `photo_credit`'s, a
# caption inside the story, not the page's copyright notice (which usually follows the article)
_PHOTO_COPYRIGHT = re.compile(r"^©\s*(?:photo|foto|bild|image|picture)s?\s*:", re.I)


# quick tests before the slow searches (`gates.may_match`: False only when the pattern cannot match)
_MAY_RIGHTS = gates.may_match(_RIGHTS)


@rule(LEGAL, max_words=40, needs=(_RIGHTS, _COPYRIGHT_START, re.compile("©")))
def copyright_notice(line: Line) -> bool:
    """Copyright and rights lines: `© 2017 Time Inc. All rights reserved.`"""
    text = line.text
    if _PHOTO_COPYRIGHT.match(text):
        return False
    return bool((_MAY_RIGHTS(text) and _RIGHTS.search(text)) or _COPYRIGHT_START.search(text)
                or ("©" in text and line.n_words <= 15))


_COPYRIGHT_SIGN = re.compile(r"©|\(c\)|\bcopyright\b", re.I)
_PERSONAL_USE = _kw("for (?:your )?personal,? non-?commercial use only")  # a reprint notice below the story
_MAY_PERSONAL_USE = gates.may_match(_PERSONAL_USE)


@rule(LEGAL, max_words=400, needs=(_RIGHTS, _PERSONAL_USE))
def long_legal_notice(line: Line) -> bool:
    """A site's legal paragraph, however long: a copyright sign and `All rights reserved` in one
    line (`NHL.com is the official web site of … are registered trademarks … © NHL 2012. All
    Rights Reserved.`), or the reprint notice (`This copy is for your personal, non-commercial use
    only. Distribution and use of this material are governed by …`). `copyright_notice` takes
    short lines with a copyright sign or `All rights reserved` alone."""
    text = line.text
    if _MAY_PERSONAL_USE(text) and _PERSONAL_USE.search(text):
        return True
    return bool(_MAY_RIGHTS(text) and _RIGHTS.search(text) and _COPYRIGHT_SIGN.search(text))


_MAY_AFFILIATE = gates.may_match(_AFFILIATE)


@rule(LEGAL, max_words=60, needs=(_AFFILIATE,))
def affiliate_disclaimer(line: Line) -> bool:
    """Affiliate and compensation disclaimers."""
    return _MAY_AFFILIATE(line.text) and bool(_AFFILIATE.search(line.text))


_LIABILITY = _kw(
    "(?:is|are) not responsible for the content", "keine haftung für (?:die )?inhalte", "n'(?:est|sont) pas responsables? du contenu",
    "no (?:se )?(?:hace|hacen) responsables? de(?:l)? (?:los )?contenidos?",
)


@rule(LEGAL, max_words=60, needs=(_LIABILITY,))
def liability_notice(line: Line) -> bool:
    """The site disclaims what it links to: `The BBC is not responsible for the content of
    external sites.`, `Für die Inhalte externer Links übernehmen wir keine Haftung`."""
    return bool(_LIABILITY.search(line.text))


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
    r"^(?:" + "|".join(("follow", *SHARE_WORDS, "tweet", *PRINT_WORDS)) + r"|e-?mail)\b", re.I)


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


_PUSH = _kw("push notifications?", "push-(?:benachrichtigungen|nachrichten|mitteilungen)",
            "benachrichtigung(?:en)? aktivieren", "notifications? push", "notificaciones push", "powiadomienia push")


_PUSH_CALL = _kw("would like to", "allow", "enable", "turn on", "aktivieren", "erlauben", "dürfen wir", "activer",
                 "activar", "włącz")
PUSH_LEAD_CHARS = 40  # the prompt names the notifications at its start (an article mentions them anywhere)


@rule(PROMO, max_words=40, needs=(_PUSH,))
def push_prompt(line: Line) -> bool:
    """The browser-notification prompt: `POPSUGAR Would Like To Send You Push Notifications.`,
    `Benachrichtigung aktivieren Dürfen wir Sie in Ihrem Browser … informieren?`: the
    notifications named in its first PUSH_LEAD_CHARS characters, with a call to allow them."""
    found = _PUSH.search(line.text)
    return bool(found and found.start() <= PUSH_LEAD_CHARS and _PUSH_CALL.search(line.text))


_READ_ALSO = re.compile(  # the phrases of `vocabulary.py` and more, opening a line before a link
    r"^(?:" + "|".join(READ_ALSO_PHRASES) + r"|read (?:more|next)|see also|related|more on this|"
    r"lesen sie (?:mehr|hier)|siehe auch|a lire aussi|voir aussi|lee también|leer también|"
    r"le puede interesar|lees ook|leia (?:também|mais))\s*[:»›>–—-]", re.I)


# a blog's pager naming the next or previous post ('Previous post: Six Ways to …'; a bare 'Next
# Article »' is `related_heading`'s: it ends the article)
_PAGER_LINK = re.compile(r"^(?:previous|next) (?:post|entry|article|story)\s*[:»›>–—-]\s*\w", re.I)


@rule(TEASER, max_words=30, needs=(_READ_ALSO, _PAGER_LINK))
def read_also_link(line: Line) -> bool:
    """An inline link to another story: `Read more: …`, `Lesen Sie auch: …`, a blog's pager
    (`Previous post: …`, `Next post: …`)."""
    return bool(_READ_ALSO.match(line.text) or _PAGER_LINK.match(line.text))


_RELATED_HEADING = re.compile(
    r"^(?:related(?: (?:articles?|posts?|stories|content|topics|reading|news|coverage))?|"
    r"you (?:may|might) also (?:like|enjoy|be interested in)|recommended(?: for you| stories| articles)?|"
    r"more (?:stories|articles|news|from [\w .'-]+|on [\w .'-]+|in [\w .'-]+)|explore (?:further|more)|further reading|"
    r"(?:also|related) on [\w .'-]+|more [\w'-]+ (?:news|stories|articles|posts)|"
    r"(?:most )?(?:popular|trending|recent|latest) (?:posts?|stories|articles|news|comments|entries)(?: on [\w .'-]+)?|"
    r"(?:[«‹<]\s*)?(?:newer|older) (?:posts?|entries)(?:\s*[»›>])?"  # a blog's pager
    r"(?: (?:[«‹<]\s*)?(?:newer|older) (?:posts?|entries)(?:\s*[»›>])?)?(?: home)?|"
    r"trending(?: on [\w .'-]+)?|"
    r"(?:previous|next) (?:post|article|story)|(?:\d+ )?(?:(?:readers?|users?|visitors?)'?s?'? )?(?:comments?|responses?|replies)(?: \(\d+\))?|"
    r"leave a (?:comment|reply)|"
    r"(?:ähnliche|verwandte|weitere|neueste|aktuelle|empfohlene)(?: \w+)? (?:beiträge|artikel|themen|nachrichten|news|stories|"
    r"pressemitteilungen|meldungen)(?: (?:aus|zum|zur|zu|von|vom|im|in|für|über|dieses|dieser) [\w -]{1,40})?|"
    r"(?:das )?könnte (?:dich|sie|ihnen|dir) auch interessieren|artikel zum thema|mehr (?:aus|zu|von|zum) [\w .'-]+|"
    r"(?:\d+ )?kommentare?(?: \(\d+\))?|kommentar schreiben|"
    r"(?:vorheriger|nächster) (?:beitrag|artikel)|dans la même rubrique|pour approfondir|sur le même (?:thème|sujet)|"
    r"vous aimerez aussi|articles? (?:similaires|liés|suivant|précédent)|(?:\d+ )?commentaires?|"
    r"noticias relacionadas|(?:artículos|contenidos?) relacionados?|(?:más|otras) noticias|(?:\d+ )?comentarios?|"
    r"potrebbe(?:ro)? interessarti|articoli correlati|(?:\d+ )?commenti|powiązane (?:artykuły|tematy)|"
    r"(?:\d+ )?komentarze|gerelateerde artikelen|(?:\d+ )?reacties|notícias relacionadas|(?:\d+ )?comentários)"
    r"\s*[:.!…»›]*$", re.I)


_RELATED_PHRASE = _kw(  # the phrases of `vocabulary.py` and more, anywhere in a short line
    *READ_ALSO_PHRASES, "you (?:may|might) also like", "also read", "most (?:read|popular|viewed)", "next article",
    "auch interessieren", "weitere (?:beiträge|artikel|themen|news)",
    "noch mehr (?:news|artikel|themen)", "viel gelesen", "meistgelesen\\w*", "nächsten artikel",
    "articles similaires", "dans la même rubrique", "también te puede", "potrebbe interessarti", "czytaj więcej",
)


@rule(TEASER, max_words=8, needs=(_RELATED_HEADING, _RELATED_PHRASE))
def related_heading(line: Line) -> bool:
    """The heading of a related-stories or comments block: `Related articles`, `Ähnliche Beiträge`,
    `Das könnte Sie auch interessieren`, `Recent Comments`; a blog's pager below a post (`Newer
    Post Older Post Home`)."""
    if _RELATED_HEADING.match(line.text):
        return True
    return line.last_char not in ".!" and bool(_RELATED_PHRASE.search(line.text))


# the nouns of `vocabulary.py` and a few more: singulars, German 'Gedanken', 'answers' in French,
# Spanish, Italian and Polish, any Polish 'komentarz…'
_COMMENT_COUNT_NOUNS = COMMENT_NOUNS + (
    "reply", "thought", "gedanken", "réponse", "réponses", "respuesta", "respuestas", "risposta", "risposte", "reactie")
_COMMENTS_COUNT = re.compile(  # '38 comments', '4 thoughts on “Title”', '{ 12 responses… add one }', 'No comments:'
    r"^\W*(?:\d+|no|one|two|three|ein|eine|zwei|drei|un|une|deux|trois|uno|una|dos|tres|jeden|dwa|trzy|één|twee)\s+"
    r"(?:" + "|".join(_COMMENT_COUNT_NOUNS) + r"|komentarz\w*|odpowied\w*)"
    r"(?:\s*[}\])»]?\s*$|\s*[…:(\[{“„\"«]|\s+(?:on|to|zu|auf|sur|à|en|a|para|su|do|op)\s)", re.I)


@rule(TEASER, max_words=40, needs=(_COMMENTS_COUNT,))
def comments_heading(line: Line) -> bool:
    """The counted heading of a comments section: `4 thoughts on “Title”`, `12 Kommentare zu …`."""
    return line.last_char != "." and bool(_COMMENTS_COUNT.match(line.text))


_COMMENT_FORM = _kw(
    "required fields are marked", "notify me of (?:new|follow-?up)", "akismet",
    "comments are moderated", "to post a comment", "kommentar abzugeben", "kommentarfunktion",
    "einen kommentar (?:schreiben|verfassen)",
    "erforderliche felder", "benachrichtige mich", "champs obligatoires", "campos obligatorios",
    # the reply form's own labels (WordPress and the like)
    "cancel reply", "antwort(?:en)? abbrechen", "annuler la réponse", "cancelar (?:la )?respuesta",
    "annulla (?:la )?risposta", "anuluj (?:pisanie )?odpowied\\w*", "reactie annuleren",
    "(?:schreibe|schreib|schreiben sie) einen kommentar", "hinterlasse(?:n sie)? (?:einen kommentar|eine antwort)",
    "laisser un commentaire", "deja (?:un comentario|una respuesta)", "lascia un commento",
    "(?:dodaj|zostaw) komentarz",
    # the discussion's rules and the site's disclaimer for what commenters write
    "(?:unsere|die) netiquette", "netiquette für kommentare", "diskussionsregeln", "przed dodaniem komentarza",
    "not responsible for the opinions",
    # the comments' feed and trackback below a post ('You can follow any responses to this entry through the RSS 2.0 feed')
    "follow any responses to this entry", "you can leave a response",
    # the form's list of the markup a comment may hold ('You may use these HTML tags and attributes: <a href …')
    "you (?:may|can) use these html tags",
)
_NOT_PUBLISHED = _kw(  # "Your email address will not be published": only with the e-mail in the line
    "will not be published", "nicht veröffentlicht", "ne sera pas publiée", "no será publicada",
    "no se publicará",
    "non sarà pubblicato", "nie zostanie opublikowany", "wordt niet gepubliceerd",
)
_EMAIL_WORD = re.compile(r"(?:e-?)?mail|adres|correo", re.I)
_FORM_LINK = re.compile(r"^\W*(?:post|write|submit) (?:a|your|new) (?:comment|reply)\W*$", re.I)


_MAY_FORM = gates.may_match(_COMMENT_FORM)  # (quick tests before the slow searches)
_MAY_NOT_PUBLISHED = gates.may_match(_NOT_PUBLISHED)


@rule(PROMO, max_words=40, needs=(_COMMENT_FORM, _NOT_PUBLISHED, _FORM_LINK))
def comment_form(line: Line) -> bool:
    """Comment-form boilerplate: `Your email address will not be published.`, a line that is
    only the link to the form (`Post a Comment`)."""
    text = line.text
    if (_MAY_FORM(text) and _COMMENT_FORM.search(text)) or _FORM_LINK.match(text):
        return True
    return _MAY_NOT_PUBLISHED(text) and bool(_NOT_PUBLISHED.search(text)) and bool(_EMAIL_WORD.search(text))


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


_SOCIAL_WORDS = (
    *SHARE_WORDS, "tweet", "pin", "e-?mail",
    "whatsapp", "facebook", "twitter", "x", "linkedin", "xing", "pinterest", "instagram", "telegram", "reddit",
    "youtube", "tiktok", "threads", "bluesky", "mastodon", "flipboard", "messenger", *PRINT_WORDS,
    "copy link", "link kopieren", "on", "auf", "via", "this", "article", "artikel",
)
_SOCIAL = re.compile(r"^(?:(?:" + "|".join(_SOCIAL_WORDS) + r")[\s:,|/•·-]*)+$", re.I)
# A match starts with one of the words, so the line's first token starts with the word's first
# token (`e` of `e-?mail`; words may be glued: `ShareTweet`).
_SOCIAL_STARTS = tuple(re.match(r"\w+", word)[0] for word in _SOCIAL_WORDS)


@rule(PROMO, max_words=12, starts=_SOCIAL_STARTS)
def social_buttons(line: Line) -> bool:
    """Share bars and social links: `Facebook Twitter LinkedIn`, `Teilen: WhatsApp E-Mail`."""
    if not (line.tokens and line.tokens[0].startswith(_SOCIAL_STARTS)) and gates.plain(line.text):
        return False  # (the quick answer; tokens are lower-cased, which on `plain` text is re.I)
    return bool(_SOCIAL.match(line.text))


TAG_LINE_MAX_WORDS = 40  # a tag line is short; a post footer may run longer
_TAGS = re.compile(
    r"^(?:tags?|labels?|tagged(?: with)?|schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|kategorien?|categor(?:y|ies)|"
    r"filed under|posted in|veröffentlicht in|markiert mit|themen|topics|étiquettes|mots-clés|catégories?|"
    r"etiquetas|categorías?|tagi|kategorie)\s*[:|]", re.I)


# a blog's post footer: 'This entry was posted in News and tagged …', 'Dieser Beitrag wurde am … in … veröffentlicht'
_POST_FOOTER = re.compile(
    r"^(?:this (?:entry|post) was posted (?:in|on|by)|(?:dieser|der) (?:beitrag|eintrag|artikel) wurde\b"
    r"(?:\W+\w+){0,8}?\W+(?:veröffentlicht|abgelegt|gepostet) (?:in|unter)\b)", re.I)


@rule(NAVIGATION, max_words=80, needs=(_TAGS, _POST_FOOTER))
def tag_list(line: Line) -> bool:
    """Tag and category lines: `Tags: Politik, Syrien`, `Filed under: World`, `Labels: travel, food`;
    a blog's post footer naming them (`This entry was posted in News and tagged …`, `Dieser
    Beitrag wurde veröffentlicht in Reiki und gekennzeichnet …`)."""
    if _TAGS.match(line.text):
        return line.n_words <= TAG_LINE_MAX_WORDS
    return bool(_POST_FOOTER.match(line.text))
