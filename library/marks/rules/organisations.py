"""Organisations: a head noun and its name, names known by one word, names in guillemets.

- heads: a head noun (منظمة، وزارة، حركة، جهاز، وكالة، صندوق…, or a definite one: التحالف،
  الاتحاد…) with its construct chain and agreeing adjectives: منظمة التعاون الإسلامي,
  الهيئة العامة للطيران المدني, منظمة تنمية المرأة (an indefinite noun in construct before
  a definite one), الاتحاد الدولي لكرة القدم (ل + a listed noun + its complement), مركز
  الملك سلمان للإغاثة (a royal name inside). Coordinated nouns stay in one name (وزارة
  الشباب والرياضة والثقافة) unless what follows و begins another organisation, a place or
  a person (منظمة الصحة العالمية والبنك الدولي are two). Also (round7): one or two
  indefinite nouns in construct closed by a place (مؤسسة كهرباء لبنان) or by a definite
  noun (هيئة تنظيم قطاع الطاقة), two verbal nouns sharing a genitive (صندوق تطوير وإقراض
  البلديات), على after a verbal noun that governs it (للسيطرة على الأمراض), a plural nisba
  after a plural of people (نقابة المعلمين الأردنيين), no adjective of the other gender
  after an adjective (الصندوق البلدي المستقل | المتأخرة), a local body's town after ب or
  «ل + ولاية» (جمعية … بالإسكندرية, مديرية الصحة لولاية وهران), a national union's
  country after في, and a unit with its parent body after ب (كلية الطب بجامعة الإسكندرية);
- names: organisations known by one name (الكونغرس، حماس، الأزهر…) and acronyms with or
  without the article (يونيسف/اليونيسف, فيفا, ناتو, أوبك);
- quoted: a name in guillemets («حماس», «الرأي») of one to four words, not speech (after
  a colon); typed organisation after an organisation head, person after a title, event
  for عملية/مؤتمر/قمة…, organisation for a single word, else other.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import cache, lru_cache

from library.marks.rules.common import (
    Candidate,
    SpanIndex,
    _after_clitic,
    _definite,
    _entries,
    _is,
    _joined,
    _nationality,
    _word,
    _Words,
    find_names,
    words,
)
from library.marks.rules.described import DESCRIBED, clubs, described, describes
from library.text.arabic import Token, fold, tokens
from library.text.lexicon import Lexicon
from library.text.spans import clitic_splits

_ROYAL = frozenset({"الملك", "الامير", "الاميره", "الشيخ", "الشيخه", "السلطان", "الامام", "الشهيد"})
_MAX_WORDS = 7


def _adjective(key: str, w: _Words) -> bool:
    """A word that can continue an organisation's name after its first complement: a
    nisba (الإسلامي, العالمية), a listed adjective (العامة, المتحدة), a genitive with ل
    (للطيران) or a coordinated noun (والزراعة)."""
    if key.startswith(("لل", "وال")):
        return True
    if not key.startswith("ال"):
        return False
    if key in _STATE_PARTICIPLES or (key.endswith(("ون", "ين")) and key not in w.org_adjectives):
        return False  # مجلس النواب المنعقد, إذاعة الأندلس الموالية, القضاة المنتخبون
    if key in w.org_adjectives or (len(key) >= 5 and key.endswith(("ي", "يه"))):
        return True
    # a participle agreeing with the name: المصدرة, المتحدة, المستقلة, المتكامل
    return len(key) >= 6 and key.startswith(("المت", "المس", "المن", "المص", "المو"))


# Participles that tell what a body does or where it stands, after its name, not part of
# it: the parliament sitting in Benghazi, the radio loyal to it, the company running a mine.
_STATE_PARTICIPLES = frozenset(
    fold(f"{w}{e}")
    for w in (
        *("المنعقد", "الموالي", "المنتخب", "المدعوم", "المقرب", "المنحل", "المشغل"),
        *("المالك", "المملوك", "المعروف", "المتهم", "المسؤول", "المكلف", "المعني", "المنافس"),
        *("المنتهي", "المقبل", "المنصرم", "المعترف", "المسيطر", "المتمركز", "المنتشر"),
    )
    for e in ("", "ة", "ه")
)


@cache
def _other_starts() -> frozenset[str]:
    """First words of what cannot be coordinated inside an organisation's name: another
    organisation (its head or its name) or a place."""
    from library.marks import gazetteer

    w = words()
    keys = set(w.org_names.first_words())
    keys |= w.org_heads | w.org_heads_definite | gazetteer.known_words()
    return frozenset(keys)


def _another(key: str, w: _Words) -> bool:
    """و + a word that begins another name (والأمم, واليونيسف, ومنظمة, والعراق)."""
    rest = key[1:]
    return rest in _other_starts() or rest in w.given


_PROPER_HEADS = frozenset(
    {"جامعه", "مستشفي", "مستشفيات", "مجمع", "معهد", "كليه", "اكاديميه", "مختبر", "مصرف"}
    | {"منتخب"}  # منتخب مصر, منتخب الجزائر
)
_PROPER_AFTER = frozenset({"بن", "ابن", "ابو", "ال"})
# Heads named by a place alone (بورصة طوكيو, بنك إسرائيل, محكمة لندن).
_PLACE_HEADS = frozenset({"بورصه", "بنك", "مصرف", "محكمه", "سوق"})
_TIME_NOUNS = frozenset(
    fold(w) for w in ("العام", "الشهر", "الاسبوع", "اليوم", "السنه", "الموسم", "المره", "الفتره")
)
_ADMIN_WORDS = frozenset(
    fold(w) for w in ("اقليم", "محافظه", "ولايه", "مدينه", "مقاطعه", "منطقه", "اماره")
)


@cache
def _acronyms() -> frozenset[str]:
    return frozenset(fold(name) for name in _entries("org_acronyms") if " " not in name)


@cache
def _place_words() -> frozenset[str]:
    from library.marks import gazetteer

    return gazetteer.known_words()


def _proper(key: str, nxt: str, w: _Words) -> int:
    """Words of an indefinite proper name after an institution head: a place or a person
    (جامعة قطر, جامعة خليفة, مجمع ناصر الطبي, جامعة ستانفورد), or a name unknown to the
    lists that is no common word (جامعة بيرزيت)."""
    from library.marks import gazetteer

    if not _word(key) or key in w.stop or key in w.time_words or key.startswith("و"):
        return 0
    if key.endswith(("يه", "ات", "ين", "ون")) or _is(key, w.titles) or _is(key, w.org_heads):
        return 0  # جامعة عربية, جامعات: a description, not a name
    if key in gazetteer.known_words() or key in w.given or key in w.given_ambiguous:
        return 2 if nxt in _PROPER_AFTER else 1
    if key[:1] == "ب" and len(key) >= 5 and not key.startswith("بال"):
        return 1  # بيرزيت; a preposition ب + a noun is rarely five letters and unknown
    return 1 if len(key) >= 4 and not key.startswith(("ي", "ت", "س", "ل", "ب", "ف")) else 0


def _complement(key: str, nxt: str, w: _Words, head: str = "") -> int:
    """Words taken by the first complement of an indefinite head: a definite noun
    (منظمة التعاون) or an indefinite noun in construct before one (منظمة تنمية المرأة)."""
    if _definite(key) and not key.startswith("وال"):
        return 1
    placed = _placed(key, nxt, head)
    if placed:
        return placed
    if head not in DESCRIBED and key in _acronyms():
        return 1  # مفوضية إيكواس: the body of an organisation known by its acronym
    if head in _PROPER_HEADS:
        if _definite(nxt) and _construct_first(key, nxt, w):
            return 2  # مستشفى رأس التين
        took = _proper(key, nxt, w)
        if took:
            return took
    construct = (
        _word(key)
        and not key.startswith("وال")
        and key not in w.given
        and not _is(key, w.construct_titles)
        and nxt.startswith("ال")
        and nxt not in w.stop
        and nxt not in w.time_words
        and not _is(nxt, w.titles)
        and not _nationality(nxt)
        and nxt not in _STATE_PARTICIPLES  # شركة سومير المشغلة: the participle is شركة's
    )
    return 2 if construct else 0


def _placed(key: str, nxt: str, head: str) -> int:
    """Words of a place that names the body: an administrative word and a place (حكومة
    إقليم كردستان, مجلس محافظة البصرة), a place before a genitive with لل (صندوق أبوظبي
    للتنمية), or a place alone after a head named so (بورصة طوكيو, بنك إسرائيل)."""
    if key in _ADMIN_WORDS and nxt in _place_words():
        return 2
    if key in _place_words() and (nxt.startswith("لل") or head in _PLACE_HEADS):
        return 1
    return 0


def _construct_first(key: str, nxt: str, w: _Words) -> bool:
    """An indefinite noun before a definite one names the institution (مستشفى رأس التين),
    unless the definite word is an adjective (جامعة قطر الوطنية)."""
    return (
        _word(key)
        and not key.startswith("و")
        and key not in w.given
        and key not in w.stop
        and nxt not in w.stop
        and nxt not in w.time_words
        and not _adjective(nxt, w)
    )


def _l_noun(key: str, w: _Words) -> bool:
    """A noun after ل that continues a name with its complement: listed (كرة, حقوق) or
    a verbal noun of the derived forms (تنسيق, إغاثة, استكشاف, مراقبة, مكافحة)."""
    if key in w.org_l_nouns:
        return True
    if len(key) < 4 or key in w.stop or key in w.given:
        return False
    if key.endswith("ات") or (len(key) == 4 and key[2] == "و"):
        return True  # plurals of the field: لنقابات العمال, لشركات التأمين, لقصور الثقافة
    return key.startswith(("ت", "ا", "است", "م")) or key.endswith("ه")


_ARMED = (fold("القوات"), fold("المسلحة"))


def _armed_forces(text: str, toks: list[Token]) -> list[Candidate]:
    """A country's army named القوات المسلحة + its nisba (القوات المسلحة السودانية); bare
    «القوات + nisba» stays generic (the conventions)."""
    out = []
    for i in range(len(toks) - 2):
        clitic = next(
            (c for c, r in ((0, toks[i].key), *clitic_splits(toks[i].key)) if r == _ARMED[0]),
            None,
        )
        if clitic is None or toks[i + 1].key != _ARMED[1]:
            continue
        nisba = toks[i + 2].key
        if not (_joined(text, toks, i + 1) and _joined(text, toks, i + 2)):
            continue
        if not _nationality(nisba, countries=True):
            continue
        start = _after_clitic(text, toks[i], clitic)
        if start is not None:
            out.append(Candidate(start, toks[i + 2].end, "organisation", "army", "", "", 0.8))
    return out


def _country(key: str) -> bool:
    """The word is a place's whole name (السويد): what names a second body after و."""
    from library.marks import gazetteer

    return (key,) in gazetteer.lexicon()


def _continuation(key: str, nxt: str, w: _Words) -> int:
    """Words taken after the first complement: و + a noun of the same name (والرياضة,
    وحماية البيئة) unless another name begins, ل + a listed noun and its complement
    (لكرة القدم), an adjective or a genitive with لل."""
    if key.startswith("و"):
        if _another(key, w):
            return 0
        if key.startswith("وال"):
            return 1  # وزارة الشباب والرياضة
        # not حزب المعتدلين وديمقراطيي السويد: a second party, named with its country
        noun = len(key) >= 4 and nxt.startswith("ال") and nxt not in w.stop
        return 2 if noun and not _country(nxt) else 0
    if key.startswith("لل") and "ال" + key[2:] in _TIME_NOUNS:
        return 0  # معهد ماساتشوستس للتكنولوجيا للعام الرابع
    if key.startswith("ل") and not key.startswith("لل"):
        ok = _l_noun(key[1:], w) and nxt.startswith("ال") and nxt not in w.stop
        return 2 if ok else 0  # لمحاربة الإرهاب, لكرة القدم, لتنسيق الشؤون
    return 1 if _adjective(key, w) else 0


def _org_end(
    text: str, toks: list[Token], i: int, definite_head: bool, w: _Words, *, head: str = ""
) -> int:
    """Index after the last word of the organisation whose head is word i (i + 1: none)."""
    n = len(toks)
    j = i + 1
    genitive = False  # a genitive in ل taken: a second one is a purpose clause
    adjective = False  # the word before was an adjective of the name
    while j < n and j - i <= _MAX_WORDS and _joined(text, toks, j):
        key = toks[j].key
        first = j == i + 1
        nxt = toks[j + 1].key if j + 1 < n and _joined(text, toks, j + 1) else ""
        if key in w.time_words or key in w.weekdays or key in w.stop:
            if not first and _governed_ala(toks[j - 1].key, key, nxt, w):
                j += 2  # للسيطرة على الأمراض: على is a stop word elsewhere
                continue
            break
        if first and key in _ROYAL and nxt and _word(nxt) and nxt not in w.stop:
            j = _royal_end(text, toks, j, w)  # مركز الملك سلمان, جامعة الأمير سلطان
            continue
        if _is(key, w.titles):
            break
        named = _person_named(toks, j, head, w) if first else 0
        if named:
            j += named  # مركز محمد بن راشد, جامعة محمد السادس
            continue
        if first and not definite_head:
            took = _construct_place(text, toks, j, w) or _complement(key, nxt, w, head)
        elif first and key.startswith("و"):
            took = 0
        elif _disagrees(toks[j - 1].key, key, adjective):
            took = 0  # الصندوق البلدي المستقل المتأخرة: the adjective of another noun
        elif not (genitive and key[:1] == "ل"):
            took = (
                _continuation(key, nxt, w)
                or _l_chain(text, toks, j, w)
                or _plural_nisba(toks[j - 1].key, key)
                or _having(key, nxt, w)
            )
        else:  # الوكالة الألمانية للتعاون الدولي لإصلاح الشبكة: a purpose, not the name
            took = _second_genitive(key, nxt, w)
        if not took:
            break
        adjective = not first and took == 1 and key.startswith("ال") and _adjective(key, w)
        genitive = genitive or (key[:1] == "ل" and not first)
        j += took
    return j


# Feminine elatives (فُعلى): no ة, yet feminine (المحكمة الكبرى الجنائية, المحكمة العليا).
_FEMININE_ELATIVES = frozenset(
    fold(w) for w in ("الكبرى", "العليا", "الأولى", "الوسطى", "الصغرى", "العظمى", "الدنيا")
)


def _gender(key: str) -> str:
    """The gender an adjective shows: f with ة (العامة, الوطنية) or a feminine elative,
    m for a nisba or a participle without it (الوطني, المستقل); "" when unsure."""
    if key in _FEMININE_ELATIVES or key.endswith("ه"):
        return "f"
    if key.endswith(("ات", "ين", "ون", "ا", "اء")):
        return ""  # plurals and words in ا agree with more than one noun
    return "m"


def _disagrees(prev: str, key: str, prev_adjective: bool) -> bool:
    """An adjective after an adjective of the other gender: both cannot describe the
    same noun, so the second describes a noun outside the name (الصندوق البلدي المستقل
    المتأخرة, for مستحقات before it). Adjectives agree in gender with their noun."""
    if not prev_adjective or not key.startswith("ال") or key.startswith("لل"):
        return False
    words_ = words()
    if not _adjective(key, words_):
        return False
    a, b = _gender(prev), _gender(key)
    return bool(a and b and a != b)


# Verbal nouns that take their object with على, inside a body's name (المركز الوطني للسيطرة
# على الأمراض, الهيئة العليا للرقابة على الانتخابات, اللجنة العليا للإشراف على الانتخابات).
_ALA_NOUNS = frozenset(
    fold(w)
    for w in (
        *("السيطرة", "الرقابة", "الإشراف", "القضاء", "الحفاظ", "المحافظة", "التغلب"),
        *("التدريب", "المصادقة", "التأمين", "الاعتماد", "التعرف"),
    )
)


def _governed_ala(prev: str, key: str, nxt: str, w: _Words) -> int:
    """على and its definite object after a verbal noun that governs it (_ALA_NOUNS), itself
    a genitive of the name (للسيطرة): the object is part of what the body does."""
    noun = prev[1:] if prev.startswith("وال") else "ال" + prev[2:] if prev.startswith("لل") else ""
    if key != "علي" or noun not in _ALA_NOUNS:
        return 0  # للسيطرة على, and a second verbal noun of the name: والتعرف على
    return 2 if nxt.startswith("ال") and nxt not in w.stop and nxt not in w.time_words else 0


def _having(key: str, nxt: str, w: _Words) -> int:
    """ذات + a definite noun (its adjective follows as usual) inside a name: حماية المعطيات
    ذات الطابع الشخصي, الشركة ذات المسؤولية المحدودة; not ذات الصلة ("concerned")."""
    return (
        2 if key == "ذات" and nxt.startswith("ال") and nxt not in w.stop and nxt != "الصله" else 0
    )


def _plural_nisba(prev: str, key: str) -> int:
    """A sound plural nisba (السودانيين, البيطريين, الأردنيين) after a definite plural
    noun of people (المعلمين, الأطباء): it agrees with that noun, so it belongs to the
    name (نقابة المعلمين الأردنيين, لجنة المعلمين السودانيين, نقابة الأطباء البيطريين)."""
    if len(key) < 7 or not key.startswith("ال") or not key.endswith(("يين", "يون")):
        return 0
    return 1 if prev.startswith(("ال", "لل")) and len(prev) >= 5 and not prev.endswith("ه") else 0


def _second_genitive(key: str, nxt: str, w: _Words) -> int:
    """A second genitive with لل after the name's first one, when its noun has its own
    nisba adjective (الهيئة الوطنية للسلامة الصحية للمنتجات الغذائية): a definite
    complement of the body's field, not a purpose clause (those take an indefinite verbal
    noun: لإصلاح الشبكة) nor a beneficiary (للبنان, a place; للعام, a time)."""
    if not key.startswith("لل") or "ال" + key[2:] in _TIME_NOUNS:
        return 0
    if "ال" + key[2:] in _place_words() or key[2:] in _place_words():
        return 0
    ok = nxt.startswith("ال") and len(nxt) >= 6 and nxt.endswith(("يه", "ي")) and nxt not in w.stop
    return 2 if ok else 0


def _construct_place(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """Words of one or two indefinite nouns in construct before a place's name, after an
    indefinite head: the place makes the chain definite (إضافة), so it names the body
    (مؤسسة كهرباء لبنان, شركة نفط الكويت, شركة تنمية نفط عمان, شركة معادن موريتانيا);
    0 when word j begins none."""
    from library.marks import gazetteer

    places = gazetteer.lexicon()
    n = len(toks)
    k = j
    while k < n and k - j < 2 and _joined(text, toks, k) and _bare_noun(toks[k].key, w):
        k += 1
        if k < n and _joined(text, toks, k):
            hit = places.match_at(text, toks, k)
            if hit is not None and not hit.clitic and hit.start == toks[k].start:
                return k - j + len(hit.keys)
            last = toks[k].key
            noun = last.startswith("ال") and last not in _GENERIC and last not in _STATE_PARTICIPLES
            if k - j == 2 and noun and _construct_first(toks[k - 1].key, last, w):
                return 3  # هيئة تنظيم قطاع الطاقة: two nouns in construct before a definite one
    return _coordinated_construct(text, toks, j, w)


def _coordinated_construct(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """Two indefinite verbal nouns joined by و before one definite genitive they share
    (صندوق تطوير وإقراض البلديات, هيئة تشجيع وحماية الاستثمار): one body; 0 when none."""
    n = len(toks)
    if j + 2 >= n or not all(_joined(text, toks, k) for k in (j, j + 1, j + 2)):
        return 0
    first, second, last = toks[j].key, toks[j + 1].key, toks[j + 2].key
    if not (second.startswith("و") and _bare_noun(first, w) and _bare_noun(second[1:], w)):
        return 0
    if not (_l_noun(first, w) and _l_noun(second[1:], w)):
        return 0  # verbal nouns only: not مجلس وزراء…
    return 3 if last.startswith("ال") and _construct_first(second[1:], last, w) else 0


def _bare_noun(key: str, w: _Words) -> bool:
    """An indefinite common noun that can stand in construct: no article, no و (another
    item) or ل (a genitive: مركز متخصص لجراحات القلب), no participle describing the head
    (مركز متخصص), no name, title, organisation head (مجلس إدارة بنك الخليج: بنك begins the
    organisation), adjective (ي) or present verb (يعمل, تستضيف; a verbal noun in ت stays:
    تنمية, تطوير)."""
    if not _word(key) or _definite(key) or key.startswith(("و", "ل", "ي")) or len(key) < 3:
        return False
    participle = len(key) >= 5 and key.startswith(("مت", "مست"))
    if participle or key in w.stop or key in w.given or key in w.time_words or _country(key):
        return False
    if _is(key, w.titles) or key.endswith(("ي", "ين", "ون")) or key in w.org_heads:
        return False
    return not key.startswith("ت") or key.endswith("ه") or (len(key) == 5 and key[3] == "ي")


def _royal_end(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """The word after a royal name at word j (a title and the name) inside an
    institution's name: الملك سلمان, الملك عبد العزيز, الأميرة نورة بنت عبد الرحمن."""
    n = len(toks)
    nxt = toks[j + 1].key
    j += 2
    if nxt in w.connectors and j < n and _joined(text, toks, j):
        j += 1  # جامعة الملك عبد العزيز
    if j + 1 < n and toks[j].key in _SON_OF and _joined(text, toks, j + 1):
        j += 2  # جامعة الأميرة نورة بنت عبد الرحمن
        if toks[j - 1].key in w.connectors and j < n and _joined(text, toks, j):
            j += 1
    return j


_PERSON_PARTICLES = frozenset(fold(w) for w in ("عبد", "أبو", "بن", "ابن", "بنت", "ولد"))


def _l_chain(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """Words of ل + a verbal noun + an indefinite noun in construct + a definite one (المركز
    الدولي لتسوية منازعات الاستثمار); 0 when word j begins none."""
    n = len(toks)
    key = toks[j].key
    if j + 2 >= n or not key.startswith("ل") or key.startswith("لل") or not _l_noun(key[1:], w):
        return 0
    mid, last = toks[j + 1].key, toks[j + 2].key
    if not (_joined(text, toks, j + 1) and _joined(text, toks, j + 2)) or not _word(mid):
        return 0
    if mid.startswith(("ال", "و", "ل", "ب")) or mid in w.stop or mid in w.given:
        return 0
    if mid in _PERSON_PARTICLES:
        return 0  # المجلس الشعبي البلدي لأرزيو عبد القادر حمادي: a person follows
    return 3 if last.startswith("ال") and last not in w.stop and last not in w.time_words else 0


_NAMED_HEADS = frozenset(
    fold(w)
    for w in [
        "مركز",
        "جامعة",
        "مؤسسة",
        "مستشفى",
        "معهد",
        "كلية",
        "مدرسة",
        "مكتبة",
        "مجمع",
        "أكاديمية",
    ]
)
_ORDINALS = frozenset(
    fold(w)
    for w in [
        "الأول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
        "العاشر",
    ]
)


_SON_OF = frozenset({"بن", "ابن", "بنت"})


def _person_named(toks: list[Token], j: int, head: str, w: _Words) -> int:
    """Words of a person's name that an institution is named after (مركز محمد بن راشد
    للفضاء, جامعة محمد السادس, مستشفى زايد بن سلطان): a given name with بن + a name or
    a regnal number; 0 when word j begins none."""
    n = len(toks)
    if head not in _NAMED_HEADS:
        return 0
    if toks[j].key not in w.given:
        return _abd_named(toks, j, w)
    k = j + 1
    while k + 1 < n and toks[k].key in ("بن", "ابن") and _word(toks[k + 1].key):
        k += 2
        if k < n and toks[k].key == "ال" and k + 1 < n:
            k += 2  # آل نهيان
    if k == j + 1 and k < n and toks[k].key in _ORDINALS:
        k += 1
    if k == j + 1 and k + 1 < n and toks[k].key == "عبد" and _definite(toks[k + 1].key):
        k += 2  # مستشفى جمال عبد الناصر: a given name and his father's عبد + a divine name
    if k == j + 1 and toks[j].key in w.foreign and k < n and _family_word(toks[k].key, w):
        k += 1  # مؤسسة روبرت بوش, معهد ماكس بلانك: a foreign given name and a surname
    return k - j if k > j + 1 else 0


def _abd_named(toks: list[Token], j: int, w: _Words) -> int:
    """Words of «عبد + a divine name» and a family name after an institution head (مؤسسة
    عبد المحسن القطان, مركز عبد الله الفيصل); 0 when word j begins none."""
    n = len(toks)
    if toks[j].key != "عبد" or j + 1 >= n or not _definite(toks[j + 1].key):
        return 0
    k = j + 2
    if k < n and toks[k].key.startswith("ال") and not _adjective(toks[k].key, w):
        k += 1  # the family name, no adjective of the institution (مركز عبد الله الدولي)
    return k - j


def _family_word(key: str, w: _Words) -> bool:
    """A foreign surname after a given name: an unlisted word with no article, proclitic,
    verb prefix (سمح, يدعم) or adjective ending."""
    if not _word(key) or _definite(key) or key in w.stop or key in w.time_words:
        return False
    return len(key) >= 3 and not key.startswith(("و", "ي", "ت")) and not key.endswith(("يه", "ه"))


@lru_cache(maxsize=1 << 17)
def _org_head(key: str) -> tuple[int, str]:
    """(letters of proclitic, the head noun) when the word is an organisation's head,
    bare or after a proclitic (لمنظمة); (0, "") when it is not."""
    w = words()
    for clitic, reading in ((0, key), *clitic_splits(key)):
        if reading in w.org_heads or reading in w.org_heads_definite:
            return clitic, reading
    return 0, ""


_FORCES = frozenset(fold(w) for w in ("قوات", "بعثة", "عناصر", "مقاتلو", "مقاتلي"))


def _org_follows(text: str, toks: list[Token], j: int, w: _Words) -> bool:
    """Word j begins a named organisation: a definite head (الاتحاد الأفريقي) or a
    known name (حلف الناتو)."""
    if j >= len(toks) or not _joined(text, toks, j):
        return False
    key = toks[j].key
    return key in w.org_heads_definite or key in _name_starts()


@cache
def _name_starts() -> frozenset[str]:
    return frozenset(words().org_names.first_words())


def organisations(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    for i, tok in enumerate(toks):
        clitic, reading = _org_head(tok.key)
        if not reading:
            continue
        if reading in _FORCES and _org_follows(text, toks, i + 1, w):
            continue  # قوات الاتحاد الأفريقي: the organisation is named after the word
        end = _org_end(text, toks, i, reading in w.org_heads_definite, w, head=reading)
        start = _after_clitic(text, tok, clitic)
        if end == i + 1 or start is None or _generic(toks, i, end, reading):
            continue
        if reading == "المنتخب" and end == i + 3:
            end = i + 2  # المنتخب الباكستاني للكريكيت: the team is المنتخب الباكستاني
        if reading == "منتخب" and end > i + 2 and toks[i + 2].key[:1] == "ل":
            end = i + 2  # منتخب البحرين لكرة اليد: the team is منتخب البحرين
        end = _placed_end(text, toks, end, reading)
        stop = toks[end - 1].end
        # After ل the article's alef is not written: للمنظمة → the name is المنظمة.
        name = "ا" + text[start:stop] if reading != tok.key[clitic:] else ""
        confidence = 0.8 if end - i > 2 or reading in w.org_heads else 0.7
        out.append(Candidate(start, stop, "organisation", "organisation", name, "", confidence))
    out += _armed_forces(text, toks)
    out += _companies(text, toks)
    out += described(text, toks)
    out += clubs(text, toks)
    out += _short_forms(text, toks, out)
    starts = [t.start for t in toks]
    for hit in find_names(w.org_names, text, toks):
        name, confidence = hit.payloads[0]
        if _common_reading(text, toks, hit, starts) or _whole_place(toks, hit, starts):
            continue
        out.append(Candidate(hit.start, hit.end, "organisation", "name", name, "", confidence))
    out += _acronyms_after(text, out)
    out += _spelled_after(text, toks, out)
    out += datelines(text)
    return _known_after_head(text, out)


# Rules whose name is known whole, so a describing noun before it stays outside.
_KNOWN_RULES = frozenset({"name", "club", "acronym"})


def _known_after_head(text: str, found: list[Candidate]) -> list[Candidate]:
    """A describing noun before a name known on its own (شركة المقاولون العرب, منظمة
    أطباء بلا حدود): the name alone, as the conventions keep such a head outside."""
    known = {(c.start, c.end) for c in found if c.rule in _KNOWN_RULES}
    out = []
    for c in found:
        if c.rule == "organisation" and (c.start, c.end) not in known:
            space = text.find(" ", c.start, c.end)
            head = fold(text[c.start : space]) if space > 0 else ""
            if head and describes(head) and (space + 1, c.end) in known:
                continue
        out.append(c)
    return out


# Latin letters as Arabic news spells them (إس دي آي, إن إي إف, سي إن إن).
_LETTERS = frozenset(
    fold(w)
    for w in (
        *("إيه", "أيه", "بي", "سي", "دي", "إي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "كاي"),
        *("إل", "إم", "إن", "أو", "كيو", "آر", "إس", "تي", "يو", "في", "دبليو", "إكس", "واي"),
        "زد",
    )
)
_WORDS_TOO = frozenset(fold(w) for w in ("في", "أو", "إن", "أي", "إي", "إل"))  # also words


def _letters_run(text: str, toks: list[Token], j: int) -> int:
    """End of a run of two or more spelled Latin letters at word j (j: none), not made
    only of letters that are also Arabic words (في أي)."""
    k = j
    while k < len(toks) and k - j < 5 and _joined(text, toks, k) and toks[k].key in _LETTERS:
        if text[toks[k].start : toks[k].end] in ("أن", "في"):
            break  # the conjunction أن, the preposition في
        k += 1
    if k > j and text[toks[k - 1].start : toks[k - 1].end] == "إن":
        k -= 1  # سامسونغ إس دي آي إن الأرباح: the conjunction after قالت
    if k - j < 2 or all(t.key in _WORDS_TOO for t in toks[j:k]):
        return j
    return k


def _spelled_after(text: str, toks: list[Token], found: list[Candidate]) -> list[Candidate]:
    """An organisation's name followed by spelled letters (سامسونغ إس دي آي, بلومبرغ إن
    إي إف), and spelled letters after a company word (شركة دي إن أو): one name."""
    ends = {t.end: n for n, t in enumerate(toks)}
    out = []
    for c in found:
        n = ends.get(c.end)
        if c.type == "organisation" and n is not None:
            k = _letters_run(text, toks, n + 1)
            if k > n + 1:
                out.append(replace(c, end=toks[k - 1].end, name="", confidence=0.75))
    for n, tok in enumerate(toks[:-2]):
        if tok.key in _COMPANY_WORDS:
            k = _letters_run(text, toks, n + 1)
            if k > n + 1:
                start, end = toks[n + 1].start, toks[k - 1].end
                out.append(Candidate(start, end, "organisation", "letters", "", "", 0.75))
    return out


_COMPANY_WORDS = frozenset(
    fold(w) for w in ("شركة", "شركه", "لشركة", "وشركة", "مجموعة", "مؤسسة", "بنك", "قناة", "شبكة")
)


# Definite heads with one of these adjectives are a description, not a name (المجلس
# العسكري in Niger, اللجنة المشتركة, المركز الأول in a ranking, الحكومة الفيدرالية).
_GENERIC = frozenset(
    fold(w)
    for w in [
        "العسكري",
        "العسكرية",
        "المشترك",
        "المشتركة",
        "الفيدرالي",
        "الفيدرالية",
        "المحلي",
        "المحلية",
        "المعني",
        "المعنية",
        "المختص",
        "المختصة",
        "الحالي",
        "الحالية",
        "السابق",
        "السابقة",
        "الجديد",
        "الجديدة",
        "المقبل",
        "المقبلة",
        "الأول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "الأخير",
        "الأخيرة",
        "الأولى",
        "الثانية",
        "الثالثة",
        "الأعلى",
        "التنفيذي",
        "التنفيذية",
        "الفني",
        "الفنية",
        "المؤقت",
        "المؤقتة",
        "البلدي",
        "البلدية",
        "المنتخب",
        "الرئيسي",
        "الرئيسية",
    ]
)
_LOCAL_BODIES = frozenset(
    fold(w) for w in ("الإقليم", "المحافظة", "الولاية", "المدينة", "البلدية", "البلدة")
)
# The prime minister's title: رئيس مجلس الوزراء names a position, not the council.
_CABINET_TITLES = frozenset(
    fold(w) for w in ("رئيس", "عضو", "نائب", "لرئيس", "ورئيس", "وعضو", "ونائب")
)
# Heads of names that hold their place: المحكمة الابتدائية بتونس, الجامعة الأمريكية في
# بيروت, مكتب الميزانية في الكونغرس, رابطة صناعة النفط في كردستان (a ministry or an
# agency in a place is the organisation and the place: وزارة الصحة في غزة).
_PLACED = frozenset(
    fold(w)
    for w in [
        *("المحكمة", "محكمة", "الجامعة", "مكتب", "رابطة", "غرفة", "فرع", "المعهد", "الأكاديمية"),
    ]
)
# Local bodies named with their town after ب (جمعية حماية المستهلك بالإسكندرية, الغرفة
# التجارية والصناعية بصفاقس); «في + town» after them is where they act, not their name.
_PLACED_B = _PLACED | frozenset(
    fold(w) for w in ("الغرفة", "جمعية", "الجمعية", "نقابة", "النقابة", "مديرية", "المديرية")
)
# Heads of local councils and directorates named «ل + the town» in Maghrebi usage (المجلس
# الشعبي البلدي لأرزيو, مديرية التربية لولاية سطيف).
_LOCAL_NAMED = frozenset(
    fold(w) for w in ("مجلس", "المجلس", "مديرية", "المديرية", "غرفة", "الغرفة")
)
_MUNICIPAL = frozenset(fold(w) for w in ("البلدي", "الولائي", "الإقليمي", "الجهوي"))
# Known names that are also common words, read as such before a noun or after one
# (داعية إلى فتح معبر, الجامعات العربية).
_COMMON = frozenset(fold(w) for w in ("فتح", "العربيه", "الشعب"))


def _generic(toks: list[Token], i: int, end: int, head: str) -> bool:
    w = words()
    nxt = toks[i + 1].key
    if head == "مجلس" and nxt == fold("الوزراء") and i > 0 and toks[i - 1].key in _CABINET_TITLES:
        return True
    if head == "المنتخب":  # المنتخب القطري (للكريكيت is cut after); not المنتخب الوطني
        sport = end == i + 3 and toks[i + 2].key.startswith("لل")
        return not ((end == i + 2 or sport) and _nationality(nxt))
    if head == "لجنه" and nxt == "التحكيم":
        return True  # لجنة التحكيم: a festival's jury
    if head in _SHORT_GENERIC:
        return _short_generic(toks, i, end, head)
    if end == i + 2 and nxt in _LOCAL_BODIES and head in ("حكومه", "مجلس"):
        return True  # حكومة الإقليم, مجلس المحافظة: "its government", a reference
    definite = head in w.org_heads_definite or toks[i].key.startswith(("لل", "ولل"))
    return definite and end == i + 2 and nxt in _GENERIC


# Heads that are also everyday nouns: a name of three words or more after them (دائرة صحة
# النجف, دائرة البيطرة العامة, المدرسة الوطنية العليا للإدارة, اللجنة المستقلة للانتخابات;
# not اللجنة المالية of a council).
_NEEDS_MORE = frozenset(fold(w) for w in ("دائرة", "المدرسة", "اللجنة", "الدار"))


_SHORT_GENERIC = _NEEDS_MORE | {"خفر", "الغرفه"}


def _short_generic(toks: list[Token], i: int, end: int, head: str) -> bool:
    """Heads that name nothing with a short complement: خفر السواحل alone (خفر السواحل
    الفلبيني is named); الغرفة + one adjective (الغرفة التجارية) or a court's chamber
    (الغرفة الجنائية بالمحكمة), while الغرفة التجارية والصناعية بصفاقس is one; دائرة الضوء,
    المدرسة الابتدائية (see _NEEDS_MORE)."""
    if head == "خفر":
        return end == i + 2
    if head in _NEEDS_MORE:
        return end < i + 3
    after = toks[end].key if end < len(toks) else ""
    return end == i + 2 or any(r.startswith("محكم") for r in (after, *_bare(after)))


def _bare(key: str) -> list[str]:
    return [r for _, r in clitic_splits(key)]


def _placed_end(text: str, toks: list[Token], end: int, head: str) -> int:
    """The organisation's end, with its place when the name holds it (see _PLACED)."""
    from library.marks import gazetteer

    n = len(toks)
    if end >= n or not _joined(text, toks, end):
        return end
    key = toks[end].key
    took = end
    if head in _LOCAL_NAMED and key.startswith("ل") and not key.startswith("لل"):
        took = _local_end(text, toks, end)
    elif head in _NATIONAL_BODIES and key == "في" and end + 1 < n and _joined(text, toks, end + 1):
        hit = gazetteer.lexicon().match_at(text, toks, end + 1)
        if hit is not None and not hit.clitic and hit.payloads[0].kind == "country":
            took = end + 1 + len(hit.keys)  # الاتحاد العام لنقابات العمال في الأردن
    elif head in _PLACED and key == "في" and end + 1 < n and _joined(text, toks, end + 1):
        w = words()
        for lexicon in (gazetteer.lexicon(), w.org_names):
            hit = lexicon.match_at(text, toks, end + 1)
            if hit is not None and not hit.clitic:
                took = end + 1 + len(hit.keys)
                break
    elif head in _SUBUNITS and key[:1] == "ب" and _org_head(key)[0] == 1:
        took = _parent_end(text, toks, end)  # كلية الطب بجامعة الإسكندرية
    elif head in _PLACED_B and key[:1] == "ب" and (head not in _PLACED or key[1:3] != "ال"):
        hit = gazetteer.lexicon().match_at(text, toks, end)
        if hit is not None and hit.clitic and hit.start > toks[end].start:
            took = end + len(hit.keys)  # المحكمة الابتدائية بتونس, جمعية … بالإسكندرية
    return took


# Federations, associations and unions of a country's members are named with the country
# after في (الاتحاد العام لنقابات العمال في الأردن, جمعية البنوك في فلسطين, اتحاد الجمعيات
# العربية في السويد); «في + a city» after an international body is its seat, not its name.
_NATIONAL_BODIES = frozenset(
    fold(w) for w in ("اتحاد", "الاتحاد", "جمعية", "الجمعية", "نقابة", "النقابة")
)


# Units named with the body they belong to after ب: كلية الطب بجامعة الإسكندرية, غرفة
# التطوير العقاري باتحاد الصناعات المصرية, فرع المصرف بالبنك…: one name, the outermost.
_SUBUNITS = frozenset(fold(w) for w in ("كلية", "غرفة", "شعبة", "فرع", "قسم", "معهد"))


def _parent_end(text: str, toks: list[Token], end: int) -> int:
    """End of «ب + an organisation» after a unit (see _SUBUNITS); end when none is named."""
    w = words()
    _, reading = _org_head(toks[end].key)
    parent = _org_end(text, toks, end, reading in w.org_heads_definite, w, head=reading)
    if parent == end + 1 or _generic(toks, end, parent, reading):
        return end
    return parent


def _local_end(text: str, toks: list[Token], end: int) -> int:
    """A local body's end with «ل + its town» (see _LOCAL_NAMED): ل + an administrative word
    and a place (لولاية وهران), or ل + a place, listed or not, after a municipal adjective
    (المجلس الشعبي البلدي لأرزيو); a ل + place after any other name is a beneficiary
    (دعم البنك الدولي للبنان) and stays outside."""
    from library.marks import gazetteer

    n = len(toks)
    key = toks[end].key
    places = gazetteer.lexicon()
    if key[1:] in _ADMIN_WORDS and end + 1 < n and _joined(text, toks, end + 1):
        hit = places.match_at(text, toks, end + 1)
        if hit is not None and not hit.clitic:
            return end + 1 + len(hit.keys)
        return end
    if toks[end - 1].key not in _MUNICIPAL:
        return end
    hit = places.match_at(text, toks, end)
    if hit is not None and hit.clitic:
        return end + len(hit.keys)
    w = words()
    rest = key[1:]
    unlisted = _word(rest) and len(rest) >= 3 and not _definite(rest) and rest not in w.stop
    return end + 1 if unlisted and rest not in w.org_l_nouns else end


def _whole_place(toks: list[Token], hit, starts: list[int]) -> bool:
    """A one-word name found after a proclitic whose whole word is a place: بابل is no
    ب + آبل."""
    from library.marks import gazetteer

    if not hit.clitic or len(hit.keys) != 1:
        return False
    n = bisect.bisect_right(starts, hit.start) - 1
    return n >= 0 and (toks[n].key,) in gazetteer.lexicon()


def _common_reading(text: str, toks: list[Token], hit, starts: list[int]) -> bool:
    """A known name that is a common word here: فتح before a noun (فتح معبر), العربية
    agreeing with the noun before it (الجامعات العربية, اللغة العربية)."""
    if len(hit.keys) != 1 or hit.keys[0] not in _COMMON:
        return False
    n = bisect.bisect_right(starts, hit.start) - 1
    if n < 0:
        return False
    if hit.keys[0] == "فتح":
        nxt = toks[n + 1].key if n + 1 < len(toks) and _joined(text, toks, n + 1) else ""
        return bool(nxt) and nxt not in words().stop
    prev = toks[n - 1].key if n > 0 and _joined(text, toks, n) else ""
    return prev.startswith(("ال", "لل", "بال", "وال")) or prev.endswith(("ه", "ات"))


_PAREN = re.compile(r"\s*\(\s*«?([^()«»\n،,.:؛]{2,30}?)»?\s*\)")


def _acronyms_after(text: str, found: list[Candidate]) -> list[Candidate]:
    """An acronym or short name in brackets right after an organisation's name: منظمة
    البلدان المصدرة للبترول (أوبك), مكتب تنسيق الشؤون الإنسانية («أوتشا»)."""
    out = []
    for c in found:
        m = _PAREN.match(text, c.end)
        if m is None:
            continue
        inner = m.group(1).strip()
        if len(inner.split()) > 3 or any(ch.isdigit() for ch in inner):
            continue
        out.append(
            Candidate(m.start(1), m.start(1) + len(inner), "organisation", "acronym", "", "", 0.8)
        )
    return out


# A dateline: the place (one to three words) at the start of a line, then the agency
# between a dash and a colon or in brackets: «الرباط - و.م.ع:», «غزة (أ.ف.ب) -»,
# «حلب - (سانا)».
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[^\W\d_][^\n\-–—():«»،,.]{0,30}?)[ \t]*"
    r"(?:[-–—][ \t]*\(?[ \t]*«?(?P<a>[^\n\-–—():«»،,]{1,20}?)»?[ \t]*[:)]"
    r"|\([ \t]*«?(?P<b>[^\n():«»،,]{1,20}?)»?[ \t]*\)[ \t]*[-–—:])",
    re.M,
)


def datelines(text: str) -> list[Candidate]:
    """The news agency of a dateline («الرياض - واس:», «بيروت (رويترز) -») and its
    place (`rule` "dateline"; the place is typed place)."""
    out = []
    for m in _DATELINE.finditer(text):
        group = "a" if m.group("a") else "b"
        agency = m.group(group).strip()
        place = m.group("place").strip()
        if len(place.split()) > 3 or len(agency.split()) > 3:
            continue
        start = m.start(group) + (len(m.group(group)) - len(m.group(group).lstrip()))
        out.append(Candidate(start, start + len(agency), "organisation", "dateline", "", "", 0.85))
        p = m.start("place") + (len(m.group("place")) - len(m.group("place").lstrip()))
        out.append(Candidate(p, p + len(place), "place", "dateline", "", "", 0.8))
    return out


def _companies(text: str, toks: list[Token]) -> list[Candidate]:
    """A country or city and a sector with لل: قطر للطاقة, مصر للطيران (companies)."""
    from library.marks import gazetteer

    w = words()
    out = []
    places = gazetteer.lexicon()
    for n, tok in enumerate(toks):
        if tok.key not in w.org_sectors or n == 0 or not _joined(text, toks, n):
            continue
        for size in (1, 2, 3):
            i = n - size
            if i < 0:
                break
            hit = places.match_at(text, toks, i)
            if hit is not None and len(hit.keys) == size:
                out.append(Candidate(hit.start, tok.end, "organisation", "company", "", "", 0.75))
                break
    return out


@lru_cache(maxsize=4096)
def _keys_of(name: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(name))


def _short_forms(text: str, toks: list[Token], found: list[Candidate]) -> list[Candidate]:
    """An organisation's name without its head (التعاون الإسلامي of منظمة التعاون
    الإسلامي), used alone elsewhere in the article: the same organisation. Only names of
    two words or more after the head."""
    if not found:
        return []
    short: Lexicon[str] = Lexicon()
    for c in found:
        whole = c.name or text[c.start : c.end]
        parts = whole.split()
        if len(parts) >= 3 and not parts[1].startswith(("و", "ل")):
            short.add(_keys_of(" ".join(parts[1:])), whole)
    if not len(short):
        return []
    inside = SpanIndex((c.start, c.end) for c in found)
    out = []
    for hit in find_names(short, text, toks):
        names = set(hit.payloads)
        if len(names) == 1 and not inside.overlap(hit.start, hit.end):
            out.append(Candidate(hit.start, hit.end, "organisation", "short", names.pop(), "", 0.7))
    return out


_VERB_PREFIXES = ("ي", "ت", "ن", "سي", "ست", "است")
_TANWEEN = frozenset("\u064b\u064c\u064d")


def _lone_name(text: str, tok: Token, prev: Token | None, w: _Words) -> bool:
    """One quoted word that can be an organisation's name: not after a noun that names a
    thing (إعصار «…», منصة «…», قضية «…», نظام «…»), not a verb (يستقبل, استسلم), a
    nisba adjective (العربية), an accusative (مبكرا) or a person's given name."""
    key = tok.key
    raw = text[tok.start : tok.end]
    if prev is not None and (_is(prev.key, w.thing_heads) or _is(prev.key, w.event_heads)):
        return False
    if key in w.given or key in w.stop or any(ch in _TANWEEN for ch in raw):
        return False
    if key.startswith(_VERB_PREFIXES) and len(key) >= 5:
        return False
    if key.startswith("ال") and key.endswith(("ي", "يه")) and key not in w.org_names.first_words():
        return False
    return not (key.endswith("ا") and len(key) >= 5 and not key.startswith("ال"))


_QUOTED = re.compile(r"«\s*([^«»\n]{1,80}?)\s*»")
_SPEECH_PUNCT = re.compile(r"[.!?؟:،,;؛]")


def quoted(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    starts = [t.start for t in toks]
    for m in _QUOTED.finditer(text):
        inner_start, inner_end = m.span(1)
        inner = text[inner_start:inner_end]
        if _SPEECH_PUNCT.search(inner):
            continue
        before = m.start()
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if text[before - 1 : before] == ":":
            continue  # قال: «…» is speech
        lo = bisect.bisect_left(starts, inner_start)
        inside = toks[lo : bisect.bisect_left(starts, inner_end, lo)]
        if not inside or len(inside) > 4 or any(t.key in w.stop for t in inside):
            continue
        prev = toks[lo - 1] if lo > 0 and not text[toks[lo - 1].end : m.start()].strip() else None
        first = inside[0].key
        if prev is not None and (
            _is(prev.key, w.org_heads) or _is(prev.key, w.org_heads_definite) or describes(prev.key)
        ):
            kind = "organisation"
        elif prev is not None and _is(prev.key, w.titles):
            kind = "person"
        elif _is(first, w.event_heads):
            kind = "event"
        elif (
            _is(first, w.org_heads)
            or _is(first, w.org_heads_definite)
            or (len(inside) == 1 and _lone_name(text, inside[0], prev, w))
        ):
            kind = "organisation"
        elif any(t.key.startswith(("ي", "ت")) and len(t.key) >= 4 for t in inside[1:]):
            continue  # «ترينت يمثل…»: a piece of speech, no name
        else:
            kind = "other"
        confidence = {"organisation": 0.75, "person": 0.75, "event": 0.7}.get(kind, 0.5)
        out.append(Candidate(inside[0].start, inside[-1].end, kind, "quoted", "", "", confidence))
    return out
