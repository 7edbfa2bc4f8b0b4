"""HTML pre-cleaning: consent and cookie containers go before trafilatura sees the page."""
from lxml import html

from cleaner import clean
from cleaner.html import consent, parse

ARTICLE = ("<p>The council approved the new flood barrier on Monday after three years of debate, "
           "and work on the riverbank will start in the spring, the mayor said.</p>") * 4


def _page(extra: str) -> str:
    return f"<html><head><title>Flood barrier</title></head><body>{extra}<article>{ARTICLE}</article></body></html>"


def test_consent_boxes_are_removed_and_nested_ones_once():
    tree = parse.parse(_page(
        '<div id="CookieBanner">We use cookies. <div class="cookie-buttons">Accept</div></div>'
        '<section class="qc-cmp2-ui">Your privacy choices</section><p class="cc-window">OK</p>'))
    assert consent.remove_consent_boxes(tree) == 3
    text = tree.text_content()
    assert "We use cookies" not in text and "privacy choices" not in text
    assert "flood barrier" in text


def test_content_and_large_wrappers_stay():
    wrapper = f'<div class="page has-cookie-consent">{"<p>" + "Long page text. " * 400 + "</p>"}</div>'
    tree = parse.parse(_page(wrapper + '<div class="content">Kept</div>'))
    assert consent.remove_consent_boxes(tree) == 0
    assert "Long page text." in tree.text_content() and "Kept" in tree.text_content()


def test_component_classes_that_only_look_like_a_cmp_stay():
    # Adobe Experience Manager prefixes every component 'cmp-'; trustee is not TrustArc
    page = (f'<html><body><div class="cmp-container"><div class="cmp-text">{ARTICLE}</div></div>'
            '<div class="trustees">The board of trustees</div></body></html>')
    tree = parse.parse(page)
    assert consent.remove_consent_boxes(tree) == 0
    assert "flood barrier" in clean(page, input_format="html").text


def test_cookie_box_text_never_reaches_the_body():
    page = _page('<div class="cookie-notice"><p>We and our partners use cookies to personalise '
                 'content and ads. By continuing to browse this site you accept our cookie policy.</p></div>')
    result = clean(page, input_format="html")
    assert "cookies" not in result.text
    assert "flood barrier" in result.text


def test_parse_accepts_xml_declaration_in_a_str():
    tree = parse.parse('<?xml version="1.0" encoding="utf-8"?>' + _page(""))
    assert "flood barrier" in html.tostring(tree, encoding="unicode")


def test_parse_reads_any_character_the_same_way_as_lxml_given_the_str():
    # parse hands libxml2 UTF-8 bytes; the tree is the one lxml builds from the str itself
    for text in ("<p>café ÿ</p>", "<p>中文 €</p>", "<p>emoji 😀 and é</p>", "\ufeff<p>bom</p>",
                 '<meta charset="windows-1251"><p>Жж</p>', "<p>nul\x00byte é</p>",
                 '<p id="a">one</p><p id="a">same id</p>'):
        assert html.tostring(parse.parse(text), encoding="unicode") == \
            html.tostring(html.document_fromstring(text), encoding="unicode"), text


def test_parse_takes_a_str_utf8_cannot_hold_as_lxml_does():
    # clean() never gets here with one (decode replaces lone surrogates); lxml stops at it
    text = "<p>broken \ud800 character</p>"
    assert parse._utf8(text) == (text, None)
    assert parse.parse(text).text_content() == html.document_fromstring(text).text_content() == "broken "


def test_markup_after_the_closing_html_tag_goes_into_the_body():
    # a page that closes its body after the menu and writes the article below it
    page = ("<html><head><title>T</title></head><body><nav>Menu</nav></body></html>\n"
            "<div class='post'><p>The article paragraph after the closing tags.</p></div>")
    tree = parse.parse(page)
    body = tree.find("body")
    assert [el.tag for el in body] == ["nav", "div"]
    assert not "".join(t for el in tree.itersiblings() for t in el.itertext()).strip()  # left empty
    assert "The article paragraph after the closing tags." in clean(page).text
    assert "The article paragraph after the closing tags." in clean(page, fast=True).text


def test_a_consent_platforms_long_preference_centre_is_removed():
    # a platform's container spells out every purpose and vendor: far past a banner's size
    purposes = "".join(f"<div class='ot-desc'><h4>Purpose {i}</h4><p>{'Information about your activity on this service may be stored. ' * 5}</p>"
                       f"<button>Object to Legitimate Interests</button></div>" for i in range(40))
    tree = parse.parse(_page(f'<div id="onetrust-consent-sdk"><div id="onetrust-pc-sdk">{purposes}</div></div>'))
    assert len(tree.text_content()) > consent.MAX_CONSENT_CHARS
    assert consent.remove_consent_boxes(tree) == 1
    text = tree.text_content()
    assert "Legitimate Interests" not in text and "flood barrier" in text


def test_a_generic_cookie_wrapper_past_the_banner_size_stays_even_when_long():
    wrapper = f'<div class="cookie-policy">{"<p>" + "Our policy on cookies explained at length. " * 200 + "</p>"}</div>'
    tree = parse.parse(_page(wrapper))
    assert consent.remove_consent_boxes(tree) == 0
    assert "explained at length" in tree.text_content()
