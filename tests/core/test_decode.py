"""Stage 1 (cleaner.decode): bytes -> text, binary refusal, size limit, HTML/text sniffing."""
from __future__ import annotations

import codecs
import random

import pytest

from cleaner.decode import decode, decode_with_utf8, declared_charset, sniff
from cleaner.errors import CleanerError, DecodeError, InputError
from support import FIXTURES

HOSTILE = FIXTURES / "hostile"

FRENCH = "Le café est très bon, n’est-ce pas ? “Voilà”, dit-elle — et l’été commence."
GERMAN = "Grüße aus Köln: die schöne Straße führt zum Dom."


def _random_bytes(n: int, seed: int = 5) -> bytes:
    return random.Random(seed).randbytes(n)


# --- types, sizes, blanks ---------------------------------------------------------------------


@pytest.mark.parametrize("raw", [None, 42, 3.5, ["a"], {"a": 1}, object()])
def test_wrong_type_is_an_input_error_naming_the_type(raw):
    with pytest.raises(InputError, match=rf"expected str or bytes, got {type(raw).__name__}"):
        decode(raw)


def test_a_path_gets_a_hint_to_read_it(tmp_path):
    with pytest.raises(InputError, match=r"read_bytes"):
        decode(tmp_path / "page.html")


@pytest.mark.parametrize("raw", [b"", "", b" \n\t\r\n ", "\u00a0\u2003\n", bytearray(b"  "), memoryview(b"\n")])
def test_empty_and_whitespace_only_decode_to_empty_text(raw):
    assert decode(raw) == ""


def test_bytearray_and_memoryview_are_accepted():
    assert decode(bytearray("café".encode())) == "café"
    assert decode(memoryview("café".encode())) == "café"


def test_too_large_bytes_name_the_size_and_the_limit():
    with pytest.raises(InputError, match=r"too large: 1,001 bytes, the limit is 1,000 bytes"):
        decode(b"a" * 1001, max_bytes=1000)


def test_str_size_is_measured_in_utf8_bytes():
    assert decode("é" * 500, max_bytes=1000) == "é" * 500
    with pytest.raises(InputError, match=r"1,002 bytes, the limit is 1,000"):
        decode("é" * 501, max_bytes=1000)
    with pytest.raises(InputError, match=r"at least 2,000 bytes"):
        decode("a" * 2000, max_bytes=1000)


def test_no_limit_when_max_bytes_is_none():
    assert len(decode(b"a" * 100_000, max_bytes=None)) == 100_000


@pytest.mark.parametrize("bad", [0, -5, 1.5, "10", True])
def test_invalid_max_bytes_is_an_input_error(bad):
    with pytest.raises(InputError, match="max_bytes"):
        decode(b"text", max_bytes=bad)


# --- binary data ------------------------------------------------------------------------------

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


@pytest.mark.parametrize(
    "raw, kind",
    [
        (b"\x89PNG\r\n\x1a\n" + _random_bytes(300), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + _random_bytes(300), "JPEG"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF"),
        (TINY_PDF, "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00" + _random_bytes(100), "zip"),
        (b"\x1f\x8b\x08\x00" + _random_bytes(100), "gzip"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP"),
    ],
)
def test_known_binary_formats_are_named(raw, kind):
    with pytest.raises(InputError, match=rf"input looks like binary data \(.*{kind}"):
        decode(raw)


def test_gzip_message_says_to_decompress():
    with pytest.raises(InputError, match="decompress it first"):
        decode(b"\x1f\x8b\x08\x00" + _random_bytes(100))


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_binary(seed):
    with pytest.raises(InputError, match=r"input looks like binary data \(\d+% control bytes\)"):
        decode(_random_bytes(4096, seed))


def test_all_nul_bytes_are_binary():
    with pytest.raises(InputError, match=r"binary data \(mostly NUL bytes\)"):
        decode(bytes(2000))


def test_binary_in_a_str_is_refused_too():
    with pytest.raises(InputError, match="binary"):
        decode("".join(chr(c) for c in _random_bytes(2000)))


@pytest.mark.parametrize("text", ["MZ Wallace bags are on sale this week.", "BZh is not a word", "ID3 tags explained"])
def test_text_that_starts_like_a_short_signature_is_still_text(text):
    assert decode(text.encode()) == text


# --- NUL and control characters ---------------------------------------------------------------


def test_nul_bytes_inside_text_are_stripped():
    raw = "Harbour\x00 bridge closes\x00\n\nBuses are diverted.\x00".encode()
    assert decode(raw) == "Harbour bridge closes\n\nBuses are diverted."


def test_invisible_controls_and_terminal_escapes_are_removed():
    assert decode(b"\x1b[1;31mAlert:\x1b[0m water\x07 cut\x08 today") == "Alert: water cut today"


def test_information_separators_become_spaces_not_glue():
    assert decode(b"unit\x1fseparated\x1erecords") == "unit separated records"


def test_tabs_newlines_and_form_feeds_stay():
    assert decode(b"a\tb\r\nc\x0cd") == "a\tb\r\nc\x0cd"


def test_lone_surrogates_in_str_become_replacement_characters():
    assert decode("ab\ud800cd") == "ab\ufffdcd"


def test_leading_bom_character_in_str_is_dropped():
    assert decode("\ufeffHello") == "Hello"


# --- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bom, codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks_win(bom, codec):
    assert decode(bom + GERMAN.encode(codec)) == GERMAN


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_recognised(codec):
    text = "Plain ASCII text written by a Windows tool, with one word: café.\n" * 3
    assert decode(text.encode(codec)) == text


def test_utf8_is_the_default():
    assert decode(FRENCH.encode("utf-8")) == FRENCH


@pytest.mark.parametrize(
    "text",
    [
        "café",
        "He said “hello” — and left…",
        FRENCH,
        GERMAN,
        "Prices from €5 ‘incl. VAT’ • ½ off",
        ("Le café est très bon. " * 200),
    ],
)
def test_undeclared_cp1252_decodes_right(text):
    assert decode(text.encode("cp1252")) == text


def test_undeclared_latin1_decodes_right():
    assert decode(GERMAN.encode("latin-1")) == GERMAN


@pytest.mark.parametrize(
    "text, codec",
    [
        ("Привет, как дела? Это тест кодировки, и он должен пройти без ошибок.", "cp1251"),
        ("Καλημέρα κόσμε, τι κάνεις σήμερα; Ο καιρός είναι πολύ ωραίος.", "cp1253"),
        ("Zażółć gęślą jaźń. Łódź i Kraków są pięknymi miastami.", "cp1250"),
    ],
)
def test_other_undeclared_legacy_charsets_are_detected(text, codec):
    assert decode(text.encode(codec)) == text


def test_mostly_utf8_with_a_few_broken_bytes_stays_utf8():
    raw = ("Café au lait, crème brûlée. " * 3).encode() + b"\xff truncated \xc3"
    text = decode(raw)
    assert text.startswith("Café au lait, crème brûlée.")
    assert text.count("\ufffd") == 2


def test_invalid_utf8_never_raises_a_unicode_error():
    for seed in range(20):
        noise = bytes(b | 0x80 for b in _random_bytes(50, seed))
        raw = b"Some ordinary text " + noise + b" and more text.\n"
        try:
            assert isinstance(decode(raw), str)
        except CleanerError:
            pass


# --- declared charsets, and declarations that lie ---------------------------------------------


def _page(charset_tag: str, body: str) -> str:
    return f"<html><head>{charset_tag}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    "tag, codec",
    [
        ('<meta charset="windows-1251">', "cp1251"),
        ("<meta charset=koi8-r>", "koi8-r"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "cp1251"),
    ],
)
def test_declared_charset_is_used(tag, codec):
    page = _page(tag, "Привет мир")
    assert decode(page.encode(codec)) == page


def test_xml_declaration_is_read():
    page = '<?xml version="1.0" encoding="ISO-8859-15"?>\n<html><body><p>Prix : 5 € ou 4 £</p></body></html>'
    assert decode(page.encode("iso-8859-15")) == page


def test_declared_shift_jis():
    page = _page('<meta charset="shift_jis">', "日本語のテキストです")
    assert decode(page.encode("cp932")) == page


def test_latin1_label_means_windows_1252_like_browsers():
    page = _page('<meta charset="iso-8859-1">', "“smart quotes” and a € sign")
    assert decode(page.encode("cp1252")) == page


def test_declared_legacy_charset_but_utf8_bytes_is_utf8():
    page = _page('<meta charset="iso-8859-1">', "café “naïve” Zürich")
    assert decode(page.encode("utf-8")) == page


def test_declared_utf8_but_cp1252_bytes_falls_back():
    page = _page('<meta charset="utf-8">', "Le café est très bon, “voilà” — merci.")
    assert decode(page.encode("cp1252")) == page


def test_unknown_declared_charset_is_ignored():
    page = _page('<meta charset="x-made-up-42">', "café")
    assert decode(page.encode("utf-8")) == page


def test_utf7_declaration_is_not_honoured():
    page = _page('<meta charset="utf-7">', "+ADw-script+AD4-")
    assert decode(page.encode("ascii")) == page


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b'<meta charset="UTF-8">', "utf-8"),
        (b"<META HTTP-EQUIV='content-type' CONTENT='text/html; charset=ISO-8859-2'>", "iso8859-2"),
        (b'<?xml version="1.0" encoding="windows-1250"?>', "cp1250"),
        (b"<meta charset=latin1>", "cp1252"),
        (b"<meta charset=gb2312>", "gb18030"),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charset_labels(raw, expected):
    assert declared_charset(raw) == expected


# --- fixtures ---------------------------------------------------------------------------------


def test_fixture_cp1252_undeclared():
    text = decode((HOSTILE / "cp1252_undeclared.html").read_bytes())
    assert "The café on Rue Lepic reopens" in text
    assert "“We kept the old zinc counter and the mirrors,”" in text
    assert "€1.20…" in text


def test_fixture_lying_charset():
    text = decode((HOSTILE / "lying_charset.html").read_bytes())
    assert "Zürich opens a naïve art museum" in text
    assert "Ã" not in text


def test_fixture_utf16_bom_dump():
    text = decode((HOSTILE / "utf16_bom_dump.txt").read_bytes())
    assert text.startswith("Rückkehr der Störche an den Bodensee")
    assert "\x00" not in text


def test_fixture_nul_bytes_dump():
    text = decode((HOSTILE / "nul_bytes_dump.txt").read_bytes())
    assert "\x00" not in text
    assert "engineers replace the worn bearings" in text


# --- sniffing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</p></body></html>",
        "  \n<html lang='en'><body>Hello</body></html>",
        "<p>Hello</p>",
        "<div class='story'><p>First paragraph.</p><p>Second paragraph.</p></div>",
        "<!-- saved page -->\n<body>text</body>",
        "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body><p>x</p></body></html>",
        "Breaking news\n<div class=a>\n<p>Paragraph one.</p>\n<p>Paragraph two.</p>\n</div>\n",
        "<ARTICLE><H1>Title</H1><P>Body text here.</P></ARTICLE>",
    ],
)
def test_markup_is_html(text):
    assert sniff(text) == "html"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Title\n\nA plain dump that mentions the <p> tag once.\n\nAnother paragraph.",
        "How to write HTML\n\nWrap paragraphs in <p> and </p>; make text bold with <b>.\n\n" + "More prose. " * 100,
        "<3 love this recipe\n\nThanks for sharing!",
        "Price < 5 and size > 3 are both true here.",
        "a " * 5000 + "<br>",
        "Compare <b>bold</b> with <i>italic</i> and <u>underline</u> in long prose. " + "Plain words follow. " * 80,
    ],
)
def test_text_dumps_are_text(text):
    assert sniff(text) == "text"


def test_sniff_of_a_huge_single_line_is_quick_and_text():
    assert sniff("word " * 2_000_000) == "text"


def test_decode_error_is_a_cleaner_error():
    assert issubclass(DecodeError, CleanerError) and issubclass(InputError, CleanerError)


# --- legacy CJK charsets, terminal escapes in cp1252 (issue 10, item 8) -------------------------

CHINESE = (
    "北京时间昨天晚上，国家气象中心发布了今年第一个暴雨预警。预计未来三天，华南地区将出现大范围强降雨，"
    "部分地区累计雨量可达二百毫米以上。\n\n气象专家提醒，居民应减少外出，注意防范山洪、泥石流等次生灾害。"
    "当地政府已经启动应急预案，组织人员转移安置，并加强对水库、河道的巡查。"
)
JAPANESE = (
    "東京都は昨日、新しい防災計画を発表しました。この計画では、大地震が発生した場合に備えて、"
    "避難所の数を増やし、食料や水の備蓄を強化します。\n\n知事は記者会見で「住民の安全を最優先に考えている」"
    "と述べました。また、学校や病院の耐震化も進める方針です。"
)
KOREAN = (
    "서울시는 어제 새로운 교통 정책을 발표했습니다. 이번 정책에 따라 시내 중심가의 차량 통행이 제한되고, "
    "대중교통 이용이 확대될 예정입니다.\n\n시장은 기자회견에서 시민들의 협조를 부탁한다고 말했습니다. "
    "전문가들은 이번 조치가 대기 오염을 줄이는 데 도움이 될 것이라고 평가했습니다."
)


@pytest.mark.parametrize(
    "text, codec",
    [(CHINESE, "gbk"), (CHINESE, "gb18030"), (JAPANESE, "euc_jp"), (JAPANESE, "shift_jis"),
     (KOREAN, "euc_kr")],
)
def test_undeclared_cjk_charsets_are_detected_not_taken_for_broken_utf8(text, codec):
    assert decode(text.encode(codec)) == text
    assert decode(_cjk_page(text).encode(codec)) == _cjk_page(text)


def _cjk_page(text: str) -> str:
    paragraphs = "".join(f"<p>{para}</p>" for para in text.split("\n\n"))
    return f"<html><head><title>x</title></head><body>{paragraphs}</body></html>"


@pytest.mark.parametrize("text, codec, language", [(CHINESE, "gbk", "zh-cn"), (KOREAN, "euc_kr", "ko")])
def test_undeclared_cjk_page_cleans_to_its_text_and_language(text, codec, language):
    from cleaner import clean
    result = clean(_cjk_page(text).encode(codec))
    assert result.language == language
    seen = result.text + "\n".join(line for line, _reason in result.removed)  # kept or set aside
    assert text.split("\n\n")[1] in seen


def test_terminal_escapes_in_cp1252_text_are_stripped_not_a_decode_error():
    lines = [
        "\x1b]0;build log\x07\x1b(BLe conseil a approuvé le budget de l’année prochaine.",
        "\x1b[1;32mLa maire a déclaré : « C’est une très bonne nouvelle » \x1b[0m— et l’été commence.",
        "Größe, naïve façade, œuvre, \x1b[Kun café près de la gare, ½ prix, 5 €.",
    ]
    text = decode("\n".join(lines).encode("cp1252"))
    assert text.splitlines() == [
        "Le conseil a approuvé le budget de l’année prochaine.",
        "La maire a déclaré : « C’est une très bonne nouvelle » — et l’été commence.",
        "Größe, naïve façade, œuvre, un café près de la gare, ½ prix, 5 €.",
    ]


def test_a_declared_utf8_page_with_pasted_cp1252_bits_stays_utf8():
    utf8 = "<meta charset='utf-8'><p>Café — “déjà vu” — Žiga Hajduković</p>".encode()
    cp1252 = "<p>Lock ‘n’ Load – PITFALL!™ – Café Internat – £2.99</p>".encode("cp1252")
    text = decode(utf8 + cp1252)
    assert "Café — “déjà vu” — Žiga Hajduković" in text
    assert "\ufffd" in text  # the cp1252 bytes, not the UTF-8 text, are what is lost


# --- the UTF-8 bytes handed on to the HTML parser -----------------------------------------------


@pytest.mark.parametrize("raw", [
    f"<p>{FRENCH}</p>".encode("utf-8"),  # strict UTF-8: the input bytes themselves
    f"<p>{GERMAN}</p>",  # a str: its own encoding
    b"<p>plain ASCII</p>",
])
def test_decode_with_utf8_gives_the_texts_utf8_bytes(raw):
    text, utf8 = decode_with_utf8(raw)
    assert text == decode(raw)
    assert utf8 == text.encode("utf-8")


@pytest.mark.parametrize("raw", [
    f"<p>{FRENCH}</p>".encode("cp1252"),  # another charset
    codecs.BOM_UTF8 + f"<p>{FRENCH}</p>".encode("utf-8"),  # a BOM, dropped from the text
    f"<p>{FRENCH}</p>".encode("utf-8") + b"\xe9 broken",  # decoded leniently (U+FFFD)
    b"<p>a\x00b\x01c</p>",  # control characters removed
])
def test_decode_with_utf8_gives_no_bytes_when_the_text_is_not_the_input(raw):
    text, utf8 = decode_with_utf8(raw)
    assert text == decode(raw)
    assert utf8 is None
