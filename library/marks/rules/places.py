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
  (بحماة وحمص);
- lists after a plural or dual settlement noun: each name of قرى كوم أمبو وإدفو ودراو,
  أحياء الهلالية وعبرا, مخيمي بلاطة وعسكر (two names or more, no common noun).
"""

from __future__ import annotations

import re

from library.marks.rules.common import (
    Candidate,
    _after_clitic,
    _definite,
    _is,
    _joined,
    _month_at,
    _nationality,
    _word,
    _Words,
    words,
)
from library.text.arabic import Token, fold
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


# Heads whose definite complement is a name (قصر اليمامة, رأس الحد, برج العرب, جبل
# الشيخ), not the idioms listed after them (رأس المال, رأس السنة, برج المراقبة).
_LANDMARKS = frozenset(
    fold(w)
    for w in [
        "قصر",
        "معبر",  # معبر الطينة, معبر السلوم: crossings are named by a definite word
        "رأس",
        "برج",
        "جبل",
        "جبال",
        "جزيرة",
        "جزر",
        "قلعة",
        "صحراء",
        "سهل",
        "هضبة",
        "وادي",
        "بحر",
        "بحيرة",
        "نهر",
        "خليج",
        "مضيق",
        "حوض",
        "شبه",
    ]
)
_IDIOMS = frozenset(
    fold(w)
    for w in [
        "المال",
        "الأموال",
        "السنة",
        "الحربة",
        "القائمة",
        "الهرم",
        "الأفعى",
        "السلطة",
        "الدولة",
        "الحكومة",
        "القائمة",
        "الجبل",
        "المراقبة",
        "الاتصالات",
        "الحمام",
        "الماء",
        "الأمر",
        "الأمور",
        "العدل",
        "الرئاسة",
        "الضيافة",
        "الحوار",
        "الاجتهاد",
        "الترشح",
        "الترشيح",
    ]
)


def _definite_name(text: str, toks: list[Token], j: int, head: str, w: _Words) -> int:
    """End of a definite complement that names the facility after the head at j - 1: a
    landmark's (قصر اليمامة), or any head's when الدولي follows (محطة الفضاء الدولية,
    مطار الملك خالد الدولي is read with the royal name); j when it is a description."""
    n = len(toks)
    key = toks[j].key
    if key in w.stop or key in w.time_words or _nationality(key) or not _word(key):
        return j
    nxt = toks[j + 1].key if j + 1 < n and _joined(text, toks, j + 1) else ""
    if nxt in _INTERNATIONAL and nxt.startswith("الدولي"):
        return j + 2
    if head in _LANDMARKS and key not in _IDIOMS and not key.endswith(("ات", "يه")):
        return j + 1
    return j


def _facility_name(text: str, toks: list[Token], j: int, w: _Words, head: str = "") -> int:
    """End (exclusive) of the proper name after a facility head at word j - 1 (j: none)."""
    places, _ = _places()
    n = len(toks)
    if j >= n or not _joined(text, toks, j):
        return j
    key = toks[j].key
    month = _month_at(toks, j + 1, w) if key.isdigit() and j + 1 < n else 0
    if month and len(key) <= 2 and _joined(text, toks, j + 1):
        return j + 1 + month  # ملعب 5 جويلية, ساحة 14 أكتوبر: named after a date
    hit = places.match_at(text, toks, j)
    inner = _inner_head(text, toks, j, w)
    if inner > j + 1:
        k = inner  # معبر رأس جدير, جسر باب الحديد: a place named with a head of its own
    elif hit is not None and hit.start == toks[j].start and not hit.clitic:
        k = j + len(hit.keys)
        if k == j + 1 and k < n and _joined(text, toks, k) and _foreign_pair(key, toks[k].key, w):
            k += 1  # ملعب سانتياغو برنابيو
    elif key.startswith("ال"):
        return _definite_name(text, toks, j, head, w)  # محطة التحكم: a description
    elif (
        not _word(key)
        or key in w.stop
        or key in w.time_words
        or key.startswith("و")
        or (key.endswith(("يه", "ات", "ين", "ون")) and key not in w.given)  # not نيلسون
        or key.endswith(("ها", "هم", "هما"))  # رأس مالها: a noun with a pronoun
        or _is(key, w.titles)
    ):
        return j
    else:
        k = _unknown_name(text, toks, j, w)
    if k < n and _joined(text, toks, k) and toks[k].key in _INTERNATIONAL:
        k += 1
    return k


# First words of place names that a second word completes (عين الشق, أولاد زيان, بئر
# السبع, كفر الشيخ, دير الزور, بيت لحم, أم درمان, تل أبيب, بني ملال, آيت ملول).
_PLACE_PREFIXES = frozenset(
    fold(x)
    for x in ("عين", "أولاد", "بني", "آيت", "بئر", "كفر", "دير", "بيت", "أم", "تل", "سيدي", "ذات")
)


def _inner_head(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """End of a place name at word j that begins with a facility head or a place-name
    prefix (رأس جدير, باب المندب, عين الشق): j when word j is neither."""
    n = len(toks)
    key = toks[j].key
    if j + 1 >= n or not _joined(text, toks, j + 1):
        return j
    nxt = toks[j + 1].key
    if not _word(nxt) or nxt in w.stop or nxt in w.time_words or _nationality(nxt):
        return j
    if key in _PLACE_PREFIXES or key in ("راس", "باب", "جبل", "وادي"):
        return j + 2
    return j


def _unknown_name(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """End of a facility's name that begins with a word no list knows at word j: with
    بن/أبو and a name, a listed place or given name, or a second transliterated word."""
    _, known = _places()
    n = len(toks)
    key = toks[j].key
    k = j + 1
    while k < n and k - j < 4 and _joined(text, toks, k):
        nxt = toks[k].key
        if nxt in w.connectors or nxt in w.patronymic:
            if k + 1 < n and _joined(text, toks, k + 1) and _word(toks[k + 1].key):
                k += 2
                continue
            break
        if nxt.startswith("ال") or not _word(nxt) or nxt in w.stop:
            break
        foreign = _foreign_pair(key, nxt, w) and not (k - j >= 2 and nxt[:1] in "بل")
        if (nxt[:1] in "وبلف" and not foreign) or not (
            nxt in known or nxt in w.given or key in w.given or foreign
        ):
            break
        k += 1
    return k


def _foreign_pair(key: str, nxt: str, w: _Words) -> bool:
    """A second word of a transliterated name (سانتياغو برنابيو): long, without an
    Arabic noun ending, no verb, no preposition + a known word, after or before a word
    with a foreign ending (و, ي)."""
    _, known = _places()
    if len(nxt) < 5 or nxt in w.stop or nxt.endswith(("ه", "ات", "ين", "ون", "يه", "ا")):
        return False
    if nxt.startswith(("ي", "ت", "و", "ال", "بال", "لل", "فال")):
        return False
    if nxt[:1] in "بلف" and (nxt[1:] in w.stop or nxt[1:] in known):
        return False
    return key.endswith(("و", "ي")) or nxt.endswith(("و", "ي"))


# Words for the places of a town (حي, بلدة, قرية, ضاحية): the name after them is a place,
# the word itself is outside (حي باب النيرب → باب النيرب).
_QUARTERS = frozenset(fold(w) for w in ["حي", "بلدة", "قرية", "ضاحية", "أحياء", "مستوطنة"])
_COUNTRIES_WORDS = frozenset(fold(w) for w in ["دول", "بلدان", "دولتي", "دولة"])


# Compass adjectives that are part of a quarter's name after it (حي الرمل الجنوبي).
_COMPASS_ADJECTIVES = frozenset(
    fold(w)
    for base in ("الشمالي", "الجنوبي", "الشرقي", "الغربي", "القديم", "الجديد")
    for w in (base, base + "ة")
)


def _quarter_name(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """End (exclusive) of a quarter's or a village's name at word j (j: none): a listed
    place, a definite name (حي الميدان), or a name no list knows with its definite
    complement (باب النيرب, عين الحلوة)."""
    lexicon, _ = _places()
    n = len(toks)
    hit = lexicon.match_at(text, toks, j)
    if hit is not None and not hit.clitic:
        return j + len(hit.keys)
    key = toks[j].key
    if not _word(key) or key in w.stop or key in w.time_words or _is(key, w.titles):
        return j
    if key.endswith(("يه", "ات", "ين", "ون")) or key.startswith(("و", "لل", "بال")):
        return j  # قرى, أحياء فقيرة: a description
    if key.endswith("ي") and not _definite(key):
        return j  # حي سكني, حي شعبي
    if _definite(key):
        nxt = toks[j + 1].key if j + 1 < n and _joined(text, toks, j + 1) else ""
        size = 2 if nxt in _COMPASS_ADJECTIVES else 1  # حي الرمل الجنوبي
        return j if _nationality(key) or key.endswith(("ي", "يه")) else j + size
    k = j + 1
    if k < n and _joined(text, toks, k):
        nxt = toks[k].key
        if _definite(nxt) and nxt not in w.stop and nxt not in w.time_words:
            k += 1  # باب النيرب: after an indefinite noun a definite word is its genitive
    return k


def _before_place(text: str, toks: list[Token], k: int) -> bool:
    """Word k is و + a listed place that is no everyday word (مالي والنيجر)."""
    lexicon, _ = _places()
    if k >= len(toks) or not _joined(text, toks, k) or toks[k].key[:1] != "و":
        return False
    hit = lexicon.match_at(text, toks, k)
    return hit is not None and hit.clitic and not any(p.ambiguous for p in hit.payloads)


def _cued(prev: str, before: str = "") -> bool:
    """An ambiguous place after an administrative word, دول, or في (في منطقة الساحل),
    after a governor's title (محافظ بابل, والي كسلا), or after the capital and its
    nisba (العاصمة العمانية مسقط: `before` is the word before the nisba)."""
    if prev in _ADMIN or prev in _COUNTRIES_WORDS or prev in ("في", "وفي"):
        return True
    if any(r in _GOVERNORS for r in (prev, *(rest for _, rest in clitic_splits(prev)))):
        return True
    return before in _CAPITAL and _nationality(prev)


_GOVERNORS = frozenset(fold(w) for w in ("محافظ", "والي", "حاكم", "عمدة", "محافظة"))
_CAPITAL = frozenset(fold(w) for w in ("العاصمة", "والعاصمة", "بالعاصمة", "للعاصمة"))


def _after_head(
    text: str, toks: list[Token], i: int, readings: list[tuple[int, str]], w: _Words
) -> tuple[Candidate | None, int] | None:
    """The place named after a head at word i, with the word after it: a quarter's
    name after حي/بلدة (the head outside) or a facility with its head (None, i: a
    facility head without a name); None when word i is no head (or a quarter word
    with no name after it)."""
    n = len(toks)
    quarter = any(r in _QUARTERS for _, r in readings)
    if quarter and i + 1 < n and _joined(text, toks, i + 1):
        end = _quarter_name(text, toks, i + 1, w)
        if end > i + 1:
            start, stop = toks[i + 1].start, toks[end - 1].end
            return Candidate(start, stop, "place", "quarter", "", "", 0.7), end
    head = next(((c, r) for c, r in readings if r in w.facility_heads), None)
    if head is None:
        return None
    end = _facility_name(text, toks, i + 1, w, head[1])
    start = _after_clitic(text, toks[i], head[0])
    if end > i + 1 and start is not None:
        return Candidate(start, toks[end - 1].end, "place", "facility", "", "", 0.8), end
    return None, i


# Administrative words a town's or a province's name follows (مقاطعة فوجيان, ولاية بونتلاند).
_NAMED_ADMIN = frozenset(
    fold(w) for w in ("ولاية", "محافظة", "مقاطعة", "إقليم", "مدينة", "قضاء", "بلدية")
)
_FEMININE_ADMIN = frozenset(fold(w) for w in ("ولاية", "محافظة", "مقاطعة", "مدينة", "بلدية"))


def _unlisted(text: str, toks: list[Token], i: int, w: _Words) -> list[Candidate]:
    """A place no list knows at word i, after an administrative word (or nothing)."""
    if i == 0 or not _joined(text, toks, i) or not _admin_reading(toks[i - 1].key):
        return []
    end = _unlisted_end(text, toks, i, w)
    if end == i:
        return []
    return [Candidate(toks[i].start, toks[end - 1].end, "place", "admin", "", "", 0.6)]


def _admin_reading(key: str) -> str:
    for _, reading in ((0, key), *clitic_splits(key)):
        if reading in _NAMED_ADMIN:
            return reading
    return ""


def _unlisted_end(text: str, toks: list[Token], i: int, w: _Words) -> int:
    """End of a place no list knows after an administrative word (مقاطعة فوجيان, منطقة
    إلغيو ماراكويت): a word that is no article, adjective, noun in ة, verb or common word,
    and a second transliterated one; i when there is none."""
    key = toks[i].key
    nxt = toks[i + 1].key if i + 1 < len(toks) and _joined(text, toks, i + 1) else ""
    if not _unlisted_word(text, toks[i], _admin_reading(toks[i - 1].key), w):
        return i
    if nxt.startswith("ال") and nxt not in w.stop and not nxt.endswith(("ي", "يه")):
        return i  # منطقة نفوذ الجماعة: a noun in construct (not مدينة مانغورو الساحلية)
    return i + 2 if nxt and _foreign_pair(key, nxt, w) else i + 1


def _unlisted_word(text: str, tok: Token, admin: str, w: _Words) -> bool:
    key = tok.key
    if not _word(key) or _definite(key) or key.isdigit() or len(key) < 3:
        return False
    if key in w.stop or key in w.time_words or key in w.given or _is(key, w.titles):
        return False
    if key.endswith(("ه", "ات", "ين", "ون", "يه")) or key.startswith(("و", "لل", "بال", "ي", "ت")):
        return False  # ولاية ثانية, مدن, محافظات, مدينة تستضيف: a description, a verb
    if key.endswith("ي") and admin not in _FEMININE_ADMIN:
        return False  # إقليم جنوبي: an adjective
    if key[:1] == "ا" and len(key) == 5 and key[3:4] == "ا":
        return False  # مدينة أشباح, منطقة أسواق: a broken plural (أفعال)
    return not any(ch in "\u064b\u064c\u064d" for ch in text[tok.start : tok.end])


_DATELINE_END = re.compile(r"[ \t]*(?:[-–—(]|/ *\w+ *-)")


def _dateline(text: str, start: int, end: int) -> bool:
    """A place that opens a line before a dash or a parenthesis: a dateline (الخليل -)."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip() and _DATELINE_END.match(text, end) is not None


_DATELINE_START = re.compile(r"(?m)^[ \t]*([^\s\-–—(),.:،«»]+(?: [^\s\-–—(),.:،«»]+)?)[ \t]+[-–—(]")


def _dateline_places(text: str, toks: list[Token], w: _Words) -> list[Candidate]:
    """The place of a dateline no list knows (نينغبو - , كيب فيردي (رويترز)): one or two
    words opening a line before a dash or a parenthesis, none a common or given word."""
    if "\n" not in text:
        return []
    starts = {t.start: n for n, t in enumerate(toks)}
    out = []
    for m in _DATELINE_START.finditer(text):
        n = starts.get(m.start(1))
        if n is None:
            continue
        size = m.group(1).count(" ") + 1
        group = toks[n : n + size]
        if len(group) == size and all(_dateline_word(t.key, w) for t in group):
            out.append(Candidate(m.start(1), m.end(1), "place", "dateline", "", "", 0.6))
    return out


def _dateline_word(key: str, w: _Words) -> bool:
    return _word(key) and key not in w.stop and key not in w.given and not _is(key, w.titles)


# Plural and dual nouns of settlements and districts before a list of their names (قرى كوم
# أمبو وإدفو ودراو, أقضية الكوفة والمناذرة, أحياء الهلالية وعبرا, مخيمي بلاطة وعسكر): the
# noun in construct with coordinated proper names, each of them a place.
_LIST_HEADS = frozenset(
    fold(w)
    for w in (
        *("قرى", "بلدات", "مدن", "أقضية", "نواحي", "أحياء", "مخيمات", "ولايات", "محافظات"),
        *("مدينتي", "بلدتي", "قريتي", "مخيمي", "حيي", "قضاءي", "ناحيتي", "محافظتي", "ولايتي"),
    )
)
# Words that begin a two-word place name (كوم أمبو, عين الحلوة, آيت ملول, سيدي جابر).
_NAME_PREFIXES = frozenset(
    fold(w) for w in ("كوم", "عين", "بيت", "آيت", "سيدي", "تل", "دير", "كفر", "بني", "أبو", "رأس")
)
# Common nouns a settlement noun is also put in construct with (أحياء المدينة والريف).
_GENERIC_PLACES = frozenset(
    fold(w)
    for w in (
        *("المدينة", "الريف", "العاصمة", "البلاد", "المنطقة", "البلدة", "القرية", "المحافظة"),
        *("الولاية", "المخيم", "الشمال", "الجنوب", "الشرق", "الغرب", "الوسط", "الساحل"),
        *("الداخل", "الخارج", "الإقليم", "الضفة", "القطاع", "الأطراف", "الضواحي"),
    )
)


def _list_item(text: str, toks: list[Token], k: int, w: _Words, skip: int = 0) -> int:
    """Words of one name in a list after a settlement noun (0: none): one word, or two after
    a name prefix (عين الحلوة); no common word, title, given name, plural or accusative.
    `skip`: letters of و before it (وإدفو)."""
    key = toks[k].key[skip:]
    if not _word(key) or key in w.stop or key in w.time_words or key in _GENERIC_PLACES:
        return 0
    if _is(key, w.titles) or key in w.given or key.endswith(("ات", "ين", "ون")):
        return 0
    if any(ch in "\u064b\u064c\u064d" for ch in text[toks[k].start : toks[k].end]):
        return 0
    if key in _NAME_PREFIXES and k + 1 < len(toks) and _joined(text, toks, k + 1):
        return 2
    return 1


def _listed_places(text: str, toks: list[Token], w: _Words) -> list[Candidate]:
    """Each name of a list of two or more joined by و after a settlement noun (_LIST_HEADS)."""
    out = []
    n = len(toks)
    for i, tok in enumerate(toks[:-3]):
        if not any(r in _LIST_HEADS for r in (tok.key, *(r for _, r in clitic_splits(tok.key)))):
            continue
        items: list[tuple[int, int]] = []
        k = i + 1
        while k < n and _joined(text, toks, k) and len(items) < 6:
            skip = 1 if items else 0
            if skip and not (toks[k].key.startswith("و") and len(toks[k].key) > 2):
                break
            size = _list_item(text, toks, k, w, skip)
            if not size:
                break
            items.append((toks[k].start + skip, toks[k + size - 1].end))
            k += size
        if len(items) >= 2:
            out += [Candidate(a, b, "place", "list", "", "", 0.6) for a, b in items]
    return out


def places(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    lexicon, _ = _places()
    out = _dateline_places(text, toks, w) + _listed_places(text, toks, w)
    n = len(toks)
    named_end = -1  # the word after the last place named by this rule or the gazetteer
    for i, tok in enumerate(toks):
        key = tok.key
        readings = [(0, key), *clitic_splits(key)]
        headed = _after_head(text, toks, i, readings, w)
        if headed is not None:
            found, end = headed
            if found is not None:
                out.append(found)
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
            out += _unlisted(text, toks, i, w) if hit is None else []
            continue
        ambiguous = any(p.ambiguous for p in hit.payloads)
        listed = key.startswith("و") and i == named_end
        if not ambiguous:
            named_end = i + len(hit.keys)
            continue
        bi = (hit.clitic and key[:1] == "ب") or key[:2] == "وب"
        if (
            bi
            or listed
            or _cued(prev, toks[i - 2].key if i > 1 and _joined(text, toks, i - 1) else "")
            or _before_place(text, toks, i + len(hit.keys))
            or _dateline(text, hit.start, hit.end)
        ):
            out.append(Candidate(hit.start, hit.end, "place", "place", "", "", 0.7))
            named_end = i + len(hit.keys)
    return out
