"""Bytes → text for scraped files whose encoding nobody wrote down.

Order of trust: a byte-order mark; then strict UTF-8 (by far the most common, and a
legacy Arabic file is practically never valid UTF-8 by accident); then the legacy Arabic
code pages and charset-normalizer's guess, each decoded strictly and scored by how much
the result looks like Arabic rather than mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why, for the import report,
    and `kind` (one of library.ingest.formats.draft.KINDS) says it in a word an interface can translate."""

    def __init__(self, message: str, kind: str = "undecodable") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


_BOMS = [
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or DOCX/ODT)",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3\x00": "an SQLite database",
    b"\x7fELF": "a program",
}

_LEGACY = ["cp1256", "iso8859_6"]
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (9, 10, 12, 13))


def _is_arabic(ch: str) -> bool:
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFC


def arabic_score(text: str) -> float:
    """Higher is more plausible Arabic text.

    Mojibake from decoding with the wrong Arabic code page shows up as Latin-1 letters
    (à é ç…), the multiplication sign and C1 controls in the middle of Arabic words.
    """
    arabic = latin_ext = junk = letters = 0
    for ch in text:
        o = ord(ch)
        if ch.isalpha():
            letters += 1
            if _is_arabic(ch):
                arabic += 1
            elif 0xC0 <= o <= 0x24F:
                latin_ext += 1
        elif 0x80 <= o <= 0x9F or ch in "×÷" or (o < 0x20 and ch not in "\t\n\r\f"):
            junk += 1
    if not letters:
        return -1.0
    return (arabic - 3 * latin_ext - 5 * junk) / letters


def looks_binary(data: bytes) -> str | None:
    """Why these bytes are not a text file, or None."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({what})"
    head = data[:8192]
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > 0.05:
        return "binary file (control bytes)"
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    # Text in UTF-16 without a BOM has NULs in every other byte for ASCII, which is how
    # it shows up; pick the byte order whose decoding reads as Arabic or plain text.
    best: Decoded | None = None
    best_score = 0.2
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = arabic_score(text)
        plain = sum(1 for c in text if c.isascii() and (c.isalnum() or c.isspace()))
        if score > best_score or (text and plain / len(text) > 0.9):
            best, best_score = Decoded(text, enc), max(score, best_score)
    return best


def decode_bytes(data: bytes) -> Decoded:
    if not data.strip():
        raise DecodeError("empty file", "empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {enc} despite its byte-order mark: {exc}") from exc
            if not text.strip():
                raise DecodeError("empty file", "empty")
            return Decoded(text, enc)
    # NULs never occur in real UTF-8 text, but Arabic in UTF-16 without a BOM is
    # otherwise valid UTF-8 (every byte below 0x80), so look for them first.
    if b"\x00" in data[:8192] and not data.startswith(tuple(_MAGIC)):
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    reason = looks_binary(data)
    if reason:
        raise DecodeError(reason, "binary")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> Decoded:
    candidates = list(_LEGACY)
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(data[:65536]).best()
        if guess is not None and guess.encoding not in candidates:
            candidates.append(guess.encoding)
    except Exception:
        pass
    best: Decoded | None = None
    best_score = float("-inf")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        score = arabic_score(text)
        if score > best_score:
            best, best_score = Decoded(text, codecs.lookup(enc).name), score
    if best is None:
        raise DecodeError("not text in any encoding we know (UTF-8/16, Windows-1256, ISO-8859-6)")
    letters = [c for c in best.text if c.isalpha()]
    arabic = sum(1 for c in letters if _is_arabic(c))
    latin_ext = sum(1 for c in letters if 0xC0 <= ord(c) <= 0x24F)
    # Accept Arabic that reads cleanly, or Latin-script text that is not mostly accents.
    if letters and (
        (arabic / len(letters) >= 0.5 and best_score > 0.3) or latin_ext / len(letters) <= 0.05
    ):
        return best
    raise DecodeError(
        f"undecodable: looks like mojibake in every candidate encoding ({best.encoding})"
    )
