"""Events, competitions and prizes named after a place: معرض القاهرة الدولي للكتاب, دوري
نجوم قطر, أيام قرطاج السينمائية, قمة الرياض, كأس آسيا. By the conventions nothing inside
them is a place; the rule suggests the whole name as an event (an unscored type), so the
place inside it is not suggested on its own (the longest suggestion wins).
"""

from __future__ import annotations

from functools import cache

from library.marks.rules.common import Candidate, _after_clitic, _joined, _word, words
from library.text.arabic import Token, fold
from library.text.spans import clitic_splits

_HEADS = frozenset(
    fold(w)
    for w in [
        "معرض",
        "مهرجان",
        "بطولة",
        "دوري",
        "كأس",
        "جائزة",
        "أيام",
        "مؤتمر",
        "قمة",
        "منتدى",
        "ملتقى",
        "أولمبياد",
        "ماراثون",
        "بينالي",
        "مسابقة",
        "رالي",
    ]
)
_MAX_AFTER = 3


@cache
def _places():
    from library.marks import gazetteer

    return gazetteer.lexicon()


def _head(key: str) -> int | None:
    """Letters of proclitic before an event head (0 when bare), None when no head."""
    for clitic, reading in ((0, key), *clitic_splits(key)):
        if reading in _HEADS:
            return clitic
    return None


def _near(text: str, toks: list[Token], k: int) -> bool:
    """Word k follows word k - 1 on the same line with only spaces between them."""
    return _joined(text, toks, k) and "\n" not in text[toks[k - 1].end : toks[k].start]


def _place_after(text: str, toks: list[Token], j: int) -> int:
    """End of the place that the head's name holds at word j, or after one noun (دوري
    نجوم قطر, دوري أبطال أوروبا); j when there is none."""
    n = len(toks)
    for k in (j, j + 1):
        if k >= n or not _near(text, toks, k):
            return j
        hit = _places().match_at(text, toks, k)
        if hit is not None and not hit.clitic:
            return k + len(hit.keys)
        key = toks[k].key
        if not _word(key) or key.startswith(("ال", "و")) or key in words().stop:
            return j
    return j


def _tail(text: str, toks: list[Token], k: int) -> int:
    """Adjectives and a genitive with لل after the place: الدولي, السينمائية, للكتاب."""
    w = words()
    n = len(toks)
    end = k
    while end < n and end - k < _MAX_AFTER and _near(text, toks, end):
        key = toks[end].key
        if key in w.stop or key in w.time_words:
            break
        if key.startswith("لل") or (key.startswith("ال") and key.endswith(("ي", "يه"))):
            end += 1
            continue
        break
    return end


def events(text: str, toks: list[Token]) -> list[Candidate]:
    out = []
    for i, tok in enumerate(toks):
        clitic = _head(tok.key)
        if clitic is None:
            continue
        place_end = _place_after(text, toks, i + 1)
        if place_end == i + 1:
            continue
        start = _after_clitic(text, tok, clitic)
        if start is None:
            continue
        end = _tail(text, toks, place_end)
        out.append(Candidate(start, toks[end - 1].end, "event", "event", "", "", 0.6))
    return out
