"""Poems and lyrics in a text dump (`cleaner.text.verse`): a run of short lines running on with
commas is verse, whose lines the body span keeps; a menu is not."""
from __future__ import annotations

from cleaner import clean
from cleaner.text import verse
from support import marked_lines as make

POEM = ["I wander often from the way,", "And sin afflicts me every day:", "Oh, when shall I be pure?",
        "Christ leads me to the path again,", "And washes me from every stain,", "A cleansing full and sure.",
        "I hear the world's enticing voice,", "That tempts me to a godless choice:", "How shall I stand the test?",
        "Christ draws my mind to things above,", "To that which I should truly love,", "And there I see what's best."]
MENU = ["Home", "About the Blog", "Books and Articles", "Contact the Author", "Archives of the Year",
        "Search the Site", "Privacy Policy"]
SIDEBAR = ("Street style and street fashion in the city: the longest running fashion blog, documenting "
           "what people wear on the streets since the year the site was started by two friends.")


def test_verse_lines():
    lines = make(MENU + POEM)
    found = verse.verse_lines(lines)
    assert not any(found[:len(MENU)]) and all(found[len(MENU):])
    # the same lines without their commas and stops: link labels, not verse
    bare = make([p.rstrip(",:.?") for p in POEM])
    assert not any(verse.verse_lines(bare))
    assert not any(verse.verse_lines(make(POEM[:5])))  # too few lines for a stanza


def test_a_poem_is_the_body_not_the_sidebar_s_paragraph():
    menu = MENU + [f"Category {n}" for n in range(12)]
    body = clean("\n".join(["Home", "The Way"] + POEM + menu + [SIDEBAR]), input_format="text").text
    assert POEM[0] in body and POEM[-1] in body and SIDEBAR not in body
