"""The one place where stored offsets and Qt document positions meet.

The library counts code points in `articles.body`; a QTextDocument counts UTF-16 code
units (an emoji or any astral character takes two, DESIGN.md fact 3), and when the reader
hides diacritics the displayed text is shorter than the stored one. Every conversion
between the two goes through a `TextMap`, so highlights, selections and the reading
position cannot drift apart when the display changes.

Positions are counted from `base`, the document position where the body starts (the
title and captions come before it and are outside the stored offsets).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

# Marks the reader may hide: harakat, tanween, shadda, sukun, maddah/hamza above and below,
# the superscript alef and the Quranic annotation signs. Tatweel is a letter-extension the
# writer chose, not a diacritic, so it stays.
_DIACRITIC_RANGES = (
    "\u0610-\u061a",
    "\u064b-\u065f",
    "\u0670",
    "\u06d6-\u06dc",
    "\u06df-\u06e4",
    "\u06e7\u06e8",
    "\u06ea-\u06ed",
)
DIACRITICS = re.compile(f"[{''.join(_DIACRITIC_RANGES)}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_DELETE_DIACRITICS = {cp: None for cp in range(0x0610, 0x06EE) if DIACRITICS.fullmatch(chr(cp))}


def strip_diacritics(text: str) -> str:
    return text.translate(_DELETE_DIACRITICS)


def utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))


# Short texts drawn outside the article document (a search result's snippet, a mention's
# sentence in a list) are laid out in a QTextLayout of their own, and QTextLayout,
# QTextLine.cursorToX and FormatRange count UTF-16 units too: a span found by the library
# in code points, handed over as it is, lands one character early per emoji or astral
# letter before it. These helpers are the conversion for such texts, so no other module
# counts surrogates (DESIGN.md fact 3).


def utf16_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Code-point spans of `text` as spans of Qt positions in a layout of `text`."""
    text_map = TextMap(text)
    return [text_map.doc_span(start, end) for start, end in spans]


def utf16_characters(text: str, first: int, last: int) -> Iterator[tuple[int, str]]:
    """(Qt position, character) for each character of `text` that starts in the Qt
    positions [first, last); a `first` inside a surrogate pair takes in its character."""
    text_map = TextMap(text)
    for cp in range(text_map.to_store(first), len(text)):
        pos = text_map.to_doc(cp)
        if pos >= last:
            break
        yield pos, text[cp]


class TextMap:
    """Maps code-point offsets in `body` to positions in the displayed document and back.

    `to_doc` is monotonic: a hidden mark maps to the position of the character after it,
    so a span keeps covering exactly the visible characters it covered. `to_store` maps a
    document position to the *last* code point that displays there, which puts hidden
    marks with the letter before them: a selection ending after a letter includes its
    diacritics, and one starting at the next letter does not.
    """

    def __init__(self, body: str, *, hide_diacritics: bool = False, base: int = 0) -> None:
        self.body = body
        self.hide_diacritics = hide_diacritics
        self.base = base
        self._hidden = [m.start() for m in DIACRITICS.finditer(body)] if hide_diacritics else []
        self._astral = [m.start() for m in _ASTRAL.finditer(body)]
        self.display_text = strip_diacritics(body) if self._hidden else body
        self.doc_length = self._units_before(len(body))

    def __len__(self) -> int:
        return len(self.body)

    @property
    def identity(self) -> bool:
        """True when document positions are the stored offsets plus `base`."""
        return not self._hidden and not self._astral

    def _units_before(self, cp: int) -> int:
        if self.identity:
            return cp
        return cp + bisect_left(self._astral, cp) - bisect_left(self._hidden, cp)

    def to_doc(self, cp: int) -> int:
        """Document position of stored offset `cp` (clamped to the body)."""
        cp = min(max(cp, 0), len(self.body))
        return self.base + self._units_before(cp)

    def to_store(self, pos: int) -> int:
        """Stored offset for document position `pos` (clamped to the body).

        A position inside a surrogate pair goes to the start of that character.
        """
        local = min(max(pos - self.base, 0), self.doc_length)
        if self.identity:
            return local
        lo, hi = 0, len(self.body)
        # Largest cp whose position is <= local: to_doc is monotonic, so bisect on it.
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._units_before(mid) <= local:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def contains(self, pos: int) -> bool:
        return self.base <= pos <= self.base + self.doc_length

    def doc_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_doc(start), self.to_doc(end)

    def store_span(self, start: int, end: int) -> tuple[int, int]:
        """Stored span of a document range, trimmed to the body."""
        a, b = sorted((start, end))
        return self.to_store(a), self.to_store(b)

    def paragraph_at(self, cp: int) -> int:
        """Index of the paragraph (line of the body) holding stored offset `cp`."""
        return self.body.count("\n", 0, min(max(cp, 0), len(self.body)))

    def paragraph_count(self) -> int:
        return self.body.count("\n") + 1
