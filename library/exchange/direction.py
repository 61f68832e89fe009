"""Direction and language of a piece of text, for the formats that must state them.

Qt finds a paragraph's direction itself (DESIGN.md fact 1); Markdown, DOCX, JSON-LD and
TEI need it written down. The paragraph direction is the Unicode bidi algorithm's (rules
P2-P3: the first strong character decides), through python-bidi's `get_base_level`; the
language is a count of letters: more Arabic-script letters than Latin ones is "ar",
otherwise "en" when there are Latin letters, else unknown (digits, punctuation).

A text with no strong character at all (`2020`, `3.5 %`, `؟`) has no direction of its
own: the bidi algorithm gives it the paragraph's, so writers pass the direction of what
it belongs to (`is_rtl(text, default=...)`). The exports' paragraphs of an article (its
title, the lines a quote comes from) go by their letters (`script_rtl`: more
Arabic-script letters than Latin ones), which a stray English word at the start does not
turn around; see library.exchange.notes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bidi import get_base_level

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


_STRONG = frozenset(("L", "R", "AL"))


@lru_cache(maxsize=4096)
def has_strong(text: str) -> bool:
    """The text has a strong (left-to-right or right-to-left) character: a letter."""
    return any(unicodedata.bidirectional(c) in _STRONG for c in text)


@lru_cache(maxsize=4096)
def _base_rtl(text: str) -> bool:
    return bool(text) and get_base_level(text) == 1


def is_rtl(text: str, default: bool = False) -> bool:
    """The text's paragraph direction is right-to-left (first strong character);
    `default` when it has no strong character (digits, punctuation, nothing)."""
    return _base_rtl(text) if has_strong(text) else default


def script_rtl(text: str) -> bool | None:
    """True when most of the text's letters are Arabic-script, False when most are Latin,
    None when it has neither (the caller's context decides)."""
    lang = language(text)
    return None if lang is None else lang == "ar"


def single_script_rtl(text: str) -> bool | None:
    """True when the text's letters are all Arabic-script, False when they are all Latin,
    None when it mixes the two or has no letters."""
    arabic = _ARABIC.search(text) is not None
    latin = _LATIN.search(text) is not None
    return None if arabic == latin else arabic


def direction(text: str, default: bool = False) -> str:
    """'rtl' or 'ltr' (the W3C `textDirection` values and HTML's `dir`); a text without
    strong characters gets `default`'s (True: 'rtl')."""
    return "rtl" if is_rtl(text, default) else "ltr"


def language(text: str) -> str | None:
    """'ar', 'en' or None (no letters), by counting letters of each script."""
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text))
    if arabic == 0 and latin == 0:
        return None
    return "ar" if arabic >= latin else "en"
