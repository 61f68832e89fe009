import codecs

import pytest

from library.ingest.decoding import DecodeError, decode_bytes

TEXT = "أعلنت وزارة الصحة اليوم عن حملة تطعيم جديدة في المدارس الحكومية.\nوقال الوزير إن الحملة تشمل كل المحافظات."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1256"), "cp1256"),
        (TEXT.encode("iso8859_6"), "iso8859-6"),
    ],
)
def test_each_encoding_is_detected(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_utf16_without_bom_is_recognised():
    decoded = decode_bytes(TEXT.encode("utf-16-le"))
    assert decoded.text == TEXT


def test_latin_text_in_a_legacy_encoding_is_accepted():
    text = "Le ministère a annoncé une campagne de vaccination dans les écoles publiques."
    assert decode_bytes(text.encode("cp1252")).text.startswith("Le minist")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (bytes(range(256)) * 40, "binary"),
        (b"%PDF-1.7\n" + b"\x00\x01" * 100, "PDF"),
    ],
)
def test_non_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_bom_with_broken_body_is_refused_clearly():
    with pytest.raises(DecodeError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate
