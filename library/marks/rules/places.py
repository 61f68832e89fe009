"""Places the gazetteer alone misses: facilities named after their head noun, compass
names of provinces, and listed places that are also everyday words when the context says
they are places.

- facilities: a head noun (مطار, ميناء, محطة, ملعب, استاد, قصر, معبر, قاعدة, جسر…) and a
  proper name after it: a listed place (ميناء طرطوس), a person's name (ملعب خليفة بن
  زايد), or words no list knows (قاعدة فاندنبرغ), with الدولي after it (مطار القاهرة
  الدولي); the head is inside, as it is part of the name;
- compass names after an administrative word: ولاية شمال كردفان, محافظة جنوب سيناء;
- ambiguous listed places (حمص, جدة, مسقط) after the preposition ب (بحمص), after a
  plural administrative word (محافظات مسقط), or joined by و to a place just named
  (بحماة وحمص).
"""

from __future__ import annotations

from library.marks.rules.common import (
    Candidate,
    _after_clitic,
    _is,
    _joined,
    _word,
    _Words,
    words,
)
from library.text.arabic import Token
from library.text.spans import clitic_splits

_COMPASS = frozenset({"شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي"})
_ADMIN = frozenset(
    {
        "ولايه",
        "محافظه",
        "اقليم",
        "مقاطعه",
        "ولايات",
        "محافظات",
        "اقاليم",
        "مقاطعات",
        "مدن",
        "مناطق",
        "بلدات",
        "قري",
        "مدينه",
        "منطقه",
        "بلده",
        "قريه",
    }
)
_PLURAL_ADMIN = frozenset({"ولايات", "محافظات", "مقاطعات", "مدن", "مناطق", "بلدات", "قري"})
_INTERNATIONAL = frozenset({"الدولي", "الدوليه", "الجديد", "الجديده", "الكبير", "الكبري"})


def _places():
    from library.marks import gazetteer

    return gazetteer.lexicon(), gazetteer.known_words()


def _facility_name(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """End (exclusive) of the proper name after a facility head at word j - 1 (j: none)."""
    places, known = _places()
    n = len(toks)
    if j >= n or not _joined(text, toks, j):
        return j
    key = toks[j].key
    hit = places.match_at(text, toks, j)
    if hit is not None and hit.start == toks[j].start and not hit.clitic:
        k = j + len(hit.keys)
    elif key.startswith("ال"):
        return j  # محطة التحكم, ميناء الحاويات: a description
    elif (
        not _word(key)
        or key in w.stop
        or key in w.time_words
        or key.startswith("و")
        or key.endswith(("يه", "ات", "ين", "ون"))
        or _is(key, w.titles)
    ):
        return j
    else:
        k = j + 1
        while k < n and k - j < 4 and _joined(text, toks, k):
            nxt = toks[k].key
            if nxt in w.connectors or nxt in w.patronymic:
                if k + 1 < n and _joined(text, toks, k + 1) and _word(toks[k + 1].key):
                    k += 2
                    continue
                break
            if nxt.startswith("ال") or not _word(nxt) or nxt in w.stop or nxt[:1] in "وبلف":
                break
            if nxt in known or nxt in w.given or key in w.given:
                k += 1
                continue
            break
    if k < n and _joined(text, toks, k) and toks[k].key in _INTERNATIONAL:
        k += 1
    return k


def places(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    lexicon, _ = _places()
    out = []
    n = len(toks)
    named_end = -1  # the word after the last place named by this rule or the gazetteer
    for i, tok in enumerate(toks):
        key = tok.key
        readings = [(0, key), *clitic_splits(key)]
        head = next(((c, r) for c, r in readings if r in w.facility_heads), None)
        if head is not None:
            end = _facility_name(text, toks, i + 1, w)
            start = _after_clitic(text, tok, head[0])
            if end > i + 1 and start is not None:
                out.append(Candidate(start, toks[end - 1].end, "place", "facility", "", "", 0.8))
                named_end = end
            continue
        prev = toks[i - 1].key if i > 0 and _joined(text, toks, i) else ""
        if key in _COMPASS and prev in _ADMIN and i + 1 < n and _joined(text, toks, i + 1):
            hit = lexicon.match_at(text, toks, i + 1)
            if hit is not None and not hit.clitic:
                last = i + len(hit.keys)
                out.append(Candidate(tok.start, toks[last].end, "place", "compass", "", "", 0.8))
                named_end = last + 1
                continue
        for clitic, reading in readings:
            if clitic and (reading in _COMPASS) and i == named_end and i + 1 < n:
                hit = lexicon.match_at(text, toks, i + 1)  # وجنوب الباطنة after شمال الباطنة
                if hit is not None and not hit.clitic and _joined(text, toks, i + 1):
                    start = _after_clitic(text, tok, clitic)
                    last = i + len(hit.keys)
                    if start is not None:
                        out.append(
                            Candidate(start, toks[last].end, "place", "compass", "", "", 0.75)
                        )
                        named_end = last + 1
                    break
        hit = lexicon.match_at(text, toks, i)
        if hit is None or hit.start > tok.end:
            continue
        ambiguous = any(p.ambiguous for p in hit.payloads)
        listed = key.startswith("و") and i == named_end
        if not ambiguous:
            named_end = i + len(hit.keys)
            continue
        bi = (hit.clitic and key[:1] == "ب") or key[:2] == "وب"
        if bi or prev in _PLURAL_ADMIN or listed:
            out.append(Candidate(hit.start, hit.end, "place", "place", "", "", 0.7))
            named_end = i + len(hit.keys)
    return out
