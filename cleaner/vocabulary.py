"""Word lists shared by the rules and the metadata of both paths (HTML pages and text dumps).

Each list is here once; the modules that use it import it and build their own regular
expressions or sets from it, adding words only they need next to it. The words are lower case
and plain (no regular-expression syntax), so `"|".join(words)` is a valid alternation; they
name page furniture in the languages seen most on the web. A word is never listed twice in a
list, and a list here is never copied into another module.
"""
from __future__ import annotations

from typing import Tuple


def _cells(*cells: str) -> Tuple[Tuple[str, ...], ...]:
    """One tuple of words per space-separated cell."""
    return tuple(tuple(cell.split()) for cell in cells)


# -- calendar ----------------------------------------------------------------------------

# English month names and abbreviations, January to December (one cell per month). Used by
# `dates.py` (written dates, with MONTH_NAMES_OTHER; comment bylines in `text/comments.py` look
# names up there) and `html/authors.py` (a date trailing a byline's name; May not, a first name).
MONTH_NAMES_EN = _cells(
    "jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
    "aug august", "sep sept september", "oct october", "nov november", "dec december",
)

# The same months in German, French, Spanish, Italian, Portuguese, Dutch, Polish (nominative
# and genitive), Turkish and Indonesian, with common abbreviations; a spelling English already
# has (`april`, `november`) is in MONTH_NAMES_EN only. Used by `dates.py`.
MONTH_NAMES_OTHER = _cells(
    "januar jänner jän janvier janv enero ene gennaio gen janeiro januari styczeń stycznia sty ocak oca",
    "februar feber février févr fevrier febrero febbraio fevereiro fev februari luty lutego lut şubat şub",
    "märz mär maerz mars marzo março maart marzec marca mart maret",
    "avril avr abril abr aprile kwiecień kwietnia kwi nisan nis",
    "mai mayo maggio maio mei maj maja mayıs",
    "juni juin junio giugno junho czerwiec czerwca cze haziran haz",
    "juli juillet juil julio luglio julho lipiec lipca lip temmuz tem",
    "août aout agosto ago augustus sierpień sierpnia sie ağustos ağu agustus agu",
    "septembre septiembre setiembre settembre set setembro wrzesień września wrz eylül eyl",
    "oktober okt octobre octubre ottobre ott outubro out październik października paź ekim eki",
    "novembre noviembre novembro listopad listopada lis kasım kas",
    "dezember dez décembre déc diciembre dic dicembre dezembro grudzień grudnia gru aralık ara desember",
)

# English weekdays' three-letter abbreviations. Used by `text/comments.py` (a comment byline's
# date) and `html/authors.py` (a byline piece that is only a date is no name).
WEEKDAY_ABBREVIATIONS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# The other weekday names: English (with the longer abbreviations), German, French, Spanish.
# Used by `text/comments.py`, with WEEKDAY_ABBREVIATIONS.
WEEKDAY_NAMES = tuple(
    "monday tuesday wednesday thursday friday saturday sunday tues thurs"
    " montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi"
    " vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo".split()
)

# Words that label a date as the publication's or as an update's, in English, German, French
# and Spanish. Used by `text/rules_labels.py` (a line that is only a time; the words around a
# dateline's date) and, for updates, `text/metadata.py` (an update's date is not the
# publication date).
PUBLISHED_WORDS = ("published", "veröffentlicht", "publié", "publicado")
UPDATED_WORDS = ("updated", "aktualisiert", "mis à jour", "actualizado")


# -- bylines -----------------------------------------------------------------------------

# 'By' opening a byline, in English, German, French, Spanish and Portuguese, Italian, Dutch,
# Swedish and Norwegian. Used by `text/rules_labels.py` (the byline rule, whose start
# `text/metadata.py` cuts off the names) and `html/authors.py` ('By', 'Written by' before a name).
BY_WORDS = ("by", "von", "par", "por", "di", "door", "av")

# 'Author' labelling a byline ('Author: Jane Doe'), in English and German (also Spanish, Polish,
# Portuguese 'autor'). Used by `text/rules_labels.py` (the byline rule) and `html/authors.py`.
AUTHOR_LABELS = ("author", "autor", "autorin")

# 'And' between two names, in English, German, French, Spanish, Italian and Portuguese. Used by
# `text/rules_labels.py` (a byline's names), `text/metadata.py` and `html/authors.py` (splitting
# author names).
AND_WORDS = ("and", "und", "et", "y", "e")


# -- teasers, comments, share bars, legal lines ------------------------------------------

# 'Read also' before a link to another story, in English, German, French, Spanish, Italian,
# Polish and Dutch. Used by two rules of `text/rules_furniture.py`: a line opening with one
# before a link (`read_also_link`), a short line holding one (`related_heading`).
READ_ALSO_PHRASES = (
    "read also", "lesen sie auch", "mehr zum thema", "auch interessant", "lire aussi", "à lire aussi",
    "te puede interesar", "leggi anche", "zobacz też", "zobacz także", "zobacz również", "czytaj też",
    "czytaj także", "czytaj również", "lees ook",
)

# Nouns naming readers' comments ('156 Responses to …', 'See all 20 Comments', '12 Kommentare')
# in English, German, French, Spanish, Italian, Polish and Dutch. Used by `text/comments.py` (the
# line above a comment thread) and `text/rules_furniture.py` (the counted comments heading).
COMMENT_NOUNS = tuple(
    "comment comments response responses replies thoughts kommentar kommentare"
    " antworten commentaire commentaires comentario comentarios commento commenti komentarz komentarze"
    " komentarzy reacties".split()
)

# 'Share' and 'print' as labels of a page's buttons, in English, German, French, Spanish, Italian,
# Polish and Dutch (print: English, German, French). Used by two rules of
# `text/rules_furniture.py`: a short line opening with one (`promo_line`), a bar of them
# (`social_buttons`).
SHARE_WORDS = ("share", "teilen", "partager", "compartir", "condividi", "udostępnij", "delen")
PRINT_WORDS = ("print", "drucken", "imprimer")

# 'All rights reserved' in English, German, French, Spanish, Italian, Polish, Dutch and Portuguese,
# and 'some rights reserved'. Used by `text/rules_furniture.py` (a copyright line) and
# `text/metadata.py` (the site's name is what that line holds besides it).
RIGHTS_RESERVED = (
    "all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
    "tutti i diritti riservati", "wszelkie prawa zastrzeżone", "alle rechten voorbehouden",
    "todos os direitos reservados", "some rights reserved",
)
