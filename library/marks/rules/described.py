"""Organisations whose name stands alone after a describing noun, and sports clubs.

- described: a noun that only says what the name is (شركة, مؤسسة, صحيفة, مجلة, قناة, مجموعة,
  تنظيم, جماعة, نادي, فريق, وكالة) and the name after it, outside it by the conventions:
  a name no list knows (شركة جيرا, صحيفة حرييت, مجموعة فاغنر, شركة سبيس إكس), or a
  definite one after a press or group noun (صحيفة الأهرام, تنظيم القاعدة); a nisba of
  nationality after the name is outside (شركة جيرا اليابانية);
- clubs: Arab and world clubs named alone (الزمالك, ريال مدريد, بايرن ميونخ); a club
  whose name is also an everyday word or a city (الهلال, السد, برشلونة) only in an
  article about sport or right after نادي/فريق.
"""

from __future__ import annotations

import bisect
from functools import cache

from library.marks.rules.common import (
    Candidate,
    _definite,
    _entries,
    _is,
    _joined,
    _nationality,
    _tanween_in,
    _word,
    _Words,
    find_names,
    words,
)
from library.text.arabic import Token, fold
from library.text.lexicon import Lexicon
from library.text.spans import advance_letters, clitic_splits

# nouns that describe the name after them (the name stands alone)
DESCRIBED = frozenset(
    fold(w)
    for w in [
        "شركة",
        "مؤسسة",
        "صحيفة",
        "مجلة",
        "قناة",
        "إذاعة",
        "مجموعة",
        "تنظيم",
        "جماعة",
        "نادي",
        "فريق",
        "وكالة",
        "شبكة",
        "موقع",
        "منصة",
        "علامة",
        "مصنع",
        "مختبر",
        "مختبرات",
        "شركات",
    ]
)
# after these a definite word is the name too (صحيفة الأهرام, تنظيم القاعدة)
_DEFINITE_OK = frozenset(fold(w) for w in ("صحيفه", "مجله", "قناه", "تنظيم", "جماعه", "اذاعه"))
_CLUB_HEADS = frozenset(fold(w) for w in ("نادي", "فريق", "ناديا", "فريقي", "النادي"))
_IN = frozenset({"في", "وفي", "بمدينه"})
_MAX_NAME = 4
_SPORT_MIN = 3  # distinct sports words that make an article about sport


@cache
def _lexicons() -> tuple[Lexicon[str], Lexicon[str], frozenset[str]]:
    clubs: Lexicon[str] = Lexicon((name, name) for name in _entries("clubs"))
    loose: Lexicon[str] = Lexicon((name, name) for name in _entries("clubs_ambiguous"))
    sport = frozenset(fold(w) for w in _entries("sports_words"))
    return clubs, loose, sport


def describes(key: str) -> bool:
    """The word (bare or after a proclitic) is a noun that describes the name after it."""
    return bool(_head(key))


def _head(key: str) -> str:
    for reading in (key, *(r for _, r in clitic_splits(key))):
        if reading in DESCRIBED:
            return reading
    return ""


def _name_word(text: str, tok: Token, w: _Words) -> bool:
    """A word of a name no list knows: not a common word of the rules' lists, not an
    adjective (شركة ناشئة, عملاقة, أمريكية, كبرى), not a sector noun (شركة طيران)."""
    key = tok.key
    if not _word(key) or _definite(key) or _tanween_in(text, tok):
        return False
    if key in w.stop or key in w.time_words or key in w.weekdays or key in w.modifiers:
        return False
    if key.endswith(("ه", "يه", "ات", "ين", "ون", "ى", "ها", "هم")) or key.startswith("و"):
        return False
    if _is(key, w.titles) or _is(key, w.org_heads) or _is(key, w.construct_titles):
        return False
    if "لل" + key in w.org_sectors or key in w.org_l_nouns:
        return False
    return not (key.startswith("ي") and len(key) >= 4)  # a verb: شركة يملكها


def _verb(key: str) -> bool:
    """A present verb after a name (تسعى, يملك), not a name word in ت/ي (توتال)."""
    return key[:1] in "يت" and len(key) >= 4 and key[1:2] not in "اوي"


def _described_end(text: str, toks: list[Token], j: int, head: str, w: _Words) -> int:
    """End (exclusive) of the name after the describing noun at word j - 1 (j: none)."""
    n = len(toks)
    if j >= n or not _joined(text, toks, j):
        return j
    key = toks[j].key
    if _definite(key):
        if head not in _DEFINITE_OK or key.startswith(("لل", "بال", "وال")):
            return j
        if key in w.stop or key in w.time_words or _nationality(key) or _is(key, w.org_heads):
            return j
        return j + 1
    k = j
    while k < n and k - j < _MAX_NAME and (k == j or _joined(text, toks, k)):
        later = toks[k].key
        if k > j and later.isdigit():
            k += 1
            continue
        if not _name_word(text, toks[k], w) or (k > j and later[:1] in "بل"):
            break  # حرييت بزلزال: a preposition begins the rest of the sentence
        if k > j and (later.endswith("ا") or _verb(later)):
            break  # صحيفة داغبلادت تقريرا, شركة بوتاش تسعى: an accusative, a verb
        if k > j and later in w.given and later not in w.given_ambiguous:
            break  # شركة كامكو إنفست راغب حمود: a person's name begins
        k += 1
    if k == j + 1 and key.startswith("ت") and len(key) >= 4:
        return j  # شركة تعمل: a verb, unless a second name word follows (توتال إنرجيز)
    if k > j and k < n and _joined(text, toks, k):
        nxt = toks[k].key
        if nxt in ("العالميه", "العالمي", "القابضه", "الدوليه"):
            k += 1  # موانئ دبي العالمية
    return k


def described(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    for i, tok in enumerate(toks):
        head = _head(tok.key)
        if not head:
            continue
        end = _described_end(text, toks, i + 1, head, w)
        if end > i + 1:
            out.append(
                Candidate(
                    toks[i + 1].start, toks[end - 1].end, "organisation", "described", "", "", 0.7
                )
            )
    return out


def _sporty(toks: list[Token], sport: frozenset[str]) -> bool:
    seen = set()
    for t in toks:
        if t.key in sport:
            seen.add(t.key)
            if len(seen) >= _SPORT_MIN:
                return True
    return False


def clubs(text: str, toks: list[Token]) -> list[Candidate]:
    sure, loose, sport = _lexicons()
    out = [
        Candidate(h.start, h.end, "organisation", "club", "", "", 0.8)
        for h in find_names(sure, text, toks)
    ]
    sporty = _sporty(toks, sport)
    if sporty:
        out += _town_clubs(text, toks)
    hits = find_names(loose, text, toks)
    starts = [t.start for t in toks]
    for h in hits:
        n = max(0, bisect.bisect_right(starts, h.start) - 1)  # the word the hit begins in
        joined = n > 0 and _joined(text, toks, n)
        after_head = joined and _club_head(toks[n - 1].key)
        if joined and toks[n - 1].key in _IN and not after_head:
            continue  # وفي برشلونة: the city
        if sporty or after_head:
            out.append(Candidate(h.start, h.end, "organisation", "club", "", "", 0.7))
    return [_with_sport_adjective(text, toks, starts, c) for c in out]


# The adjective that ends many Arab clubs' official names (الرجاء الرياضي, الوداد الرياضي,
# الفتح الرياضي, النادي الرياضي…, النجم الرياضي الساحلي): part of the name.
_SPORT_ADJECTIVES = frozenset(fold(w) for w in ("الرياضي", "الرياضية"))


def _with_sport_adjective(
    text: str, toks: list[Token], starts: list[int], c: Candidate
) -> Candidate:
    """The club with «الرياضي» after its name, which agrees with it and belongs to it."""
    n = bisect.bisect_left(starts, c.end)  # the word after the club's last one
    if n < len(toks) and toks[n].key in _SPORT_ADJECTIVES and _joined(text, toks, n):
        return Candidate(c.start, toks[n].end, c.type, c.rule, c.name, c.value, c.confidence)
    return c


# First words of Arab clubs named after their town (مولودية وهران, شبيبة القبائل, وفاق
# سطيف, أولمبيك آسفي, شباب الأردن, نجم المتلوي, أهلي طرابلس, اتحاد جدة).
_TOWN_CLUB_WORDS = frozenset(
    fold(w)
    for w in (
        "مولودية",
        "شبيبة",
        "وفاق",
        "أولمبيك",
        "شباب",
        "نجم",
        "أهلي",
        "اتحاد",
        "نصر",
        "مستقبل",
        "رجاء",
        "هلال",
        "اتفاق",
    )
)


def _town_clubs(text: str, toks: list[Token]) -> list[Candidate]:
    """In an article about sport, a club word and a town's name (مولودية وهران): the
    club, with the town inside; a proclitic on the club word stays outside."""
    from library.marks import gazetteer

    places = gazetteer.lexicon()
    out = []
    for i, tok in enumerate(toks[:-1]):
        clitic = next(
            (c for c, r in ((0, tok.key), *clitic_splits(tok.key)) if r in _TOWN_CLUB_WORDS), None
        )
        if clitic is None or not _joined(text, toks, i + 1):
            continue
        hit = places.match_at(text, toks, i + 1)
        if hit is None or hit.clitic or hit.start != toks[i + 1].start:
            continue
        start = advance_letters(text, tok.start, clitic) if clitic else tok.start
        if start is None:
            continue
        out.append(Candidate(start, hit.end, "organisation", "club", "", "", 0.75))
    return out


def _club_head(key: str) -> bool:
    return key in _CLUB_HEADS or any(r in _CLUB_HEADS for _, r in clitic_splits(key))
