"""Direction and language of a piece of text, for the formats that must state them.

Qt finds a paragraph's direction itself (DESIGN.md fact 1); Markdown, DOCX, JSON-LD and
TEI need it written down. The paragraph direction is the Unicode bidi algorithm's (rules
P2-P3: the first strong character decides), through python-bidi's `get_base_level`; the
language is a count of letters: more Arabic-script letters than Latin ones is "ar",
otherwise "en" when there are Latin letters, else unknown (digits, punctuation).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bidi import get_base_level

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


@lru_cache(maxsize=4096)
def is_rtl(text: str) -> bool:
    """The text's paragraph direction is right-to-left (first strong character)."""
    return bool(text) and get_base_level(text) == 1


def direction(text: str) -> str:
    """'rtl' or 'ltr' (the W3C `textDirection` values and HTML's `dir`)."""
    return "rtl" if is_rtl(text) else "ltr"


def language(text: str) -> str | None:
    """'ar', 'en' or None (no letters), by counting letters of each script."""
    arabic = len(_ARABIC.findall(text))
    latin = len(_LATIN.findall(text))
    if arabic == 0 and latin == 0:
        return None
    return "ar" if arabic >= latin else "en"
