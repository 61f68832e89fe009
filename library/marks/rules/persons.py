"""Persons: names after titles and ranks, names that begin with a known given name, and a
surname used alone after the full name.

- titles: a person's name after a title or honorific (الدكتور، اللواء، السفير…), a chain of
  ranks after it (العميد البحري الركن), a construct title and its complement (وزير
  الخارجية، رئيس الوزراء…) and nationality or function adjectives (الرئيس الفرنسي
  السابق…); the title is never part of the mention;
- given names: a known given name (Arabic, or a foreign one as Arabic news spells it:
  ديفيد, بريت, هاكان) followed by one or more name words (ديفيد كورنفيلد, حامد عمر بشير,
  تميم بن حمد آل ثاني); given names that are also everyday words (أمين, سعيد, نبيل) need
  a second given name, a nisba or بن/أبو/آل after them;
- surnames: the last word of a full name found in the article (الحمادين of يوسف الحمادين),
  used alone elsewhere in it, is the same person (Candidate.name is the full name).

A name is one to five words: the first two freely (among words that can be names), a
third and later one only as a patronymic chain (a given name before or after it, a
definite family name after an indefinite one, or after بن/أبو/عبد/آل/ولد).
"""

from __future__ import annotations

import bisect
from functools import cache

from library.marks.rules.common import (
    Candidate,
    SpanIndex,
    _definite,
    _is,
    _joined,
    _keys,
    _nationality,
    _stop,
    _word,
    _Words,
    find_names,
    words,
)
from library.text.arabic import Token, fold
from library.text.lexicon import Lexicon
from library.text.spans import advance_letters, clitic_splits

_TANWEEN = frozenset("\u064b\u064c\u064d")
_PREPOSED = ("لل", "بال", "وال", "كال", "فال", "وبال", "ولل")
_NAME_CLITICS = ("و", "ف", "ل", "ب")  # ومحمد, لمحمد: the clitic is left out


def _tanween(text: str, tok: Token) -> bool:
    return any(ch in _TANWEEN for ch in text[tok.start : tok.end])


def _name_word(key: str, w: _Words) -> bool:
    """A word that can be part of a person's name (not the first word)."""
    return not (
        not _word(key)
        or _stop(key, w)
        or key.startswith(_PREPOSED)
        or _is(key, w.titles)
        or key in w.ranks
        or key in w.modifiers
        or key in w.time_words
        or _is(key, w.construct_titles)
        or _is(key, w.org_heads)
        or key in w.org_heads_definite
        or _nationality(key, countries=True)  # الحلبي, البغدادي: family names
        or key.endswith(("تها", "تهم", "هما"))  # استقالته: a noun with a pronoun
        or (key.endswith("ته") and len(key) >= 5)  # (روته is a name)
    )


def _accusative(key: str, w: _Words) -> bool:
    """An indefinite accusative of a title noun: رئيسا, وزيرا, سفيرا, مديرا."""
    return key.endswith("ا") and len(key) >= 4 and _is(key[:-1], w.construct_titles)


def _spelled(text: str, tok: Token) -> bool:
    """Folding merged the name with a common word: علي/على, آنا/أنا."""
    raw = text[tok.start : tok.end]
    return not ("ى" in raw[-1:] or raw.startswith(("أنا", "انا")))


_AMBIGUOUS_TITLES = frozenset({"الفريق", "وللفريق", "والفريق", "للفريق", "القائد", "الزعيم"})
_FUTURE = ("سي", "ست", "سن")  # سيعود, ستبدأ: a verb in the future
_STOP_NAMES = frozenset({"علي", "انا"})  # على/علي, أنا/آنا: told apart by their spelling


def _given(text: str, tok: Token, w: _Words) -> bool:
    key = tok.key
    if key not in w.given:
        return False
    if key in w.stop or key in w.time_words:
        return key in _STOP_NAMES and _spelled(text, tok)
    return True


def _not_first(text: str, tok: Token, w: _Words) -> bool:
    """The word cannot begin a name (a stop word, a title, a rank, an accusative)."""
    key = tok.key
    return (
        not _word(key)
        or _stop(key, w)
        or _is(key, w.titles)
        or key in w.patronymic
        or key in w.ranks
        or _tanween(text, tok)
    )


def _article(text: str, tok: Token) -> bool:
    """The word begins with the article ال (not a foreign name in أل/إل: ألفارو, إلهام)."""
    return _definite(tok.key) and text[tok.start : tok.start + 1] not in ("أ", "إ")


# Divine names that are titles or words elsewhere but a name after عبد (عبد الملك).
_DIVINE = frozenset(
    fold(x)
    for x in ("الملك", "السلام", "الحق", "العدل", "الرزاق", "الولي", "الأمير", "الإمام", "النبي")
)


def _link_word(link: str, key: str, w: _Words) -> bool:
    """The word after عبد/أبو/بن can go on the name."""
    return _name_word(key, w) or (link == "عبد" and key in _DIVINE)


def _first_words(text: str, toks: list[Token], j: int, w: _Words, definite_ok: bool) -> int:
    """After the first word(s) of a name at word j: j + 1, or j + 2 for عبد الله / أبو
    مازن; -(j + 1) for a lone definite name (الرئيس الأسد) that takes nothing after it;
    j when word j begins no name."""
    n = len(toks)
    first = toks[j].key
    if first in w.connectors:  # عبد الله, أبو مازن
        ok = j + 1 < n and _joined(text, toks, j + 1) and _link_word(first, toks[j + 1].key, w)
        return j + 2 if ok else j
    if _article(text, toks[j]):
        if not definite_ok or first in w.modifiers or _nationality(first) or first in w.ranks:
            return j
        if first.startswith(_PREPOSED) or _is(first, w.org_heads):
            return j
        # الحسين ولد سيدي محمد, الداه ولد عبد الجليل: a definite given name before ولد
        linked = j + 1 < n and _joined(text, toks, j + 1) and toks[j + 1].key in _LINKS
        return j + 1 if linked else -(j + 1)
    if not (_given(text, toks[j], w) or _name_word(first, w)):
        return j  # لمنظمة, وزارة: not a name
    return j + 1


def _foreign_word(
    text: str, toks: list[Token], j: int, k: int, w: _Words, *, titled: bool
) -> int | None:
    """Words taken at word k where foreign names differ from Arabic ones (None: read it
    as usual): a preposition before a name, particles (دا سيلفا), a surname in و
    (ويليامز), a verb or a noun in ة after a foreign given name."""
    key = toks[k].key
    raw = text[toks[k].start : toks[k].start + 2]
    if k - j >= 2 and raw[:1] in "بلف" and raw[1:] in ("أ", "إ", "آ"):
        return 0  # مسعود بزشكيان بأردوغان: a preposition before a name
    first = toks[j].key
    if key in _PARTICLES and (titled or first in w.foreign):
        return _particles(text, toks, k, w)  # لولا دا سيلفا, فون دير لاين
    if k == j + 1 and first in w.foreign and _waw_surname(key, w):
        return 1  # نيكو ويليامز: a foreign name's و is its own letter
    verb = len(key) == 4 and key[0] == "ي" and key[-1] not in "يو"
    if k == j + 1 and verb and key not in w.given:
        return 0  # «ترينت يمثل…»: a verb (يقول, يعود) after a given name
    if first in _foreign_only() and key not in w.given and text[toks[k].end - 1] == "ة":
        return 0  # ترينت إضافة: a noun with ة, which foreign names never end with
    return None


def _next_word(  # noqa: PLR0911, PLR0912 - one answer per kind of word, in reading order
    text: str, toks: list[Token], j: int, k: int, w: _Words, *, compound: bool, titled: bool
) -> tuple[int, bool]:
    """How many words the name at word j takes at word k (0: it ends), and whether they
    end with a compound (بن راشد)."""
    key, prev = toks[k].key, toks[k - 1].key
    # ألكسندر is no article; الرحمن of عبد الرحمن is part of a given name
    prev_definite = _article(text, toks[k - 1]) and prev not in w.given and toks[k - 2].key != "عبد"
    if key in w.connectors or key in w.patronymic:  # بن, أبو, آل, ولد
        ok = (
            k + 1 < len(toks)
            and _joined(text, toks, k + 1)
            and (_name_word(toks[k + 1].key, w) or toks[k + 1].key in _AFTER_CONNECTOR)
            and not _tanween(text, toks[k + 1])
        )
        if ok and toks[k + 1].key in w.connectors:  # بن عبد العزيز, بن أبي طالب
            ok3 = (
                k + 2 < len(toks)
                and _joined(text, toks, k + 2)
                and _link_word(toks[k + 1].key, toks[k + 2].key, w)
            )
            return (3, True) if ok3 else (0, False)
        return (2, True) if ok else (0, False)
    if _circumstantial(key, w):
        return 0, False  # كوامي أسانتي قادما من: a participle in the accusative (حال)
    odd = _foreign_word(text, toks, j, k, w, titled=titled)
    if odd is not None:
        return odd, False
    inner = _inner_word(text, toks, k, w, compound=compound or _after_ould(toks, j, k))
    if inner is not None:
        return inner, False
    if not (_name_word(key, w) or _given(text, toks[k], w)) or _tanween(text, toks[k]):
        return 0, False
    if _accusative(key, w):
        return 0, False  # إدريس رئيسا: "as prime minister"
    if k - j >= 2 and prev_definite and _definite(key) and key.endswith("ي") and not compound:
        return (1, False) if k - j == 2 else (0, False)  # سارة الزعفراني الزنزري
    first_compound = compound and k - j == 2 and toks[j].key in w.connectors
    if (
        k - j >= 2
        and (first_compound or not compound or titled)
        and not _definite(key)
        and (first_compound or not prev_definite)
        and (_surname_chain(toks, j, k, w) or (titled and _titled_third(toks, j, k, w)))
    ):
        return 1, False  # عبد الرحمن تياني, جان نويل بارو
    if k - j >= 2:
        if compound:  # بن راشد: only a family name after it (خالد بن سالم العتيبي)
            chain = _definite(key) and not (_after_ould(toks, j, k) and not _nisba_or_given(key, w))
            chain = chain or (key in w.given and toks[k - 2].key == "عبد")  # علي عبد الله حسين
            chain = chain or (key in w.given and _after_ould(toks, j, k))  # ولد الشيخ محمد فاضل
        else:  # حامد عمر بشير (the father's name), محمد علي العتيبي
            chain = (
                key in w.given
                or (prev in w.given and k - j == 2)
                or (_definite(key) and key.endswith("ي") and not prev_definite)
            )
        if not chain or (prev_definite and not compound):
            return 0, False  # a definite family name ends the name (أحمد الطيب)
    return 1, False


def _circumstantial(key: str, w: _Words) -> bool:
    """An active participle of the form فاعل in the indefinite accusative (قادما, عائدا,
    حاملا): a حال describing the person, written right after the name, never a name."""
    return len(key) == 5 and key[1] == "ا" and key.endswith("ا") and key not in w.given


@cache
def _foreign_only() -> frozenset[str]:
    """Foreign given names that no Arabic name shares (ترينت; not سارة)."""
    return _keys("given_names_foreign") - _keys("given_names")


# Titles that are part of a name after بن/ولد/أبو (محمد ولد الشيخ الغزواني).
_AFTER_CONNECTOR = frozenset({"الشيخ", "السيد", "الامين"}) | frozenset(
    # titles that are family names after ولد/بن (بلقاسم ولد الحاج) and revered titles
    # that make given names after عبد (عبد الأمير, عبد الإمام, عبد النبي, عبد الزهراء)
    fold(x)
    for x in ("الحاج", "الأمير", "الإمام", "النبي", "الرسول", "الزهراء")
)
# Links of a patronymic chain a definite given name may take (الحسين ولد سيدي محمد).
_LINKS = frozenset({"ولد", "بن", "ابن", "بنت", "منت"})
_OULD = frozenset({"ولد", "بنت", "منت"})


def _inner_word(text: str, toks: list[Token], k: int, w: _Words, *, compound: bool) -> int | None:
    """Words taken at word k that are titles elsewhere but part of a name here (None: read
    it as usual): شيخ before a given name (حسن شيخ محمود), الأمين after a patronymic
    chain (سيد أحمد ولد محمد الأمين; not الأمين العام)."""
    key = toks[k].key
    nxt = toks[k + 1].key if k + 1 < len(toks) and _joined(text, toks, k + 1) else ""
    if key == "شيخ" and nxt in w.given and nxt not in w.stop:
        return 2
    if nxt == "اوغلو" and _word(key):
        return 2  # أكرم إمام أوغلو, أحمد داود أوغلو
    if key == "الامين" and compound and nxt != "العام":
        return 1
    return None


def _after_ould(toks: list[Token], j: int, k: int) -> bool:
    """The name at word j has ولد/بنت before word k: a Mauritanian chain, whose family
    names are given names or nisbas (محمد ولد الشيخ الغزواني), not nouns (القرار)."""
    return any(toks[m].key in _OULD for m in range(j + 1, k))


def _nisba_or_given(key: str, w: _Words) -> bool:
    return key.endswith("ي") or key in w.given or key in _AFTER_CONNECTOR


# Particles of European and Latin American names (دا سيلفا, فون دير لاين, دي لا فوينتي).
_PARTICLES = frozenset({"دا", "دي", "دو", "دوس", "داس", "فون", "فان", "ديل"})
_INNER_PARTICLES = _PARTICLES | {"دير", "لا", "لو"}  # only after a first one (دي لا)


def _particles(text: str, toks: list[Token], k: int, w: _Words) -> int:
    """Words taken by the particles at word k and the name after them (0: none)."""
    n = len(toks)
    m = k
    while m < n and m - k < 3 and toks[m].key in _INNER_PARTICLES and _joined(text, toks, m):
        m += 1
    if m >= n or not _joined(text, toks, m):
        return 0
    name = toks[m].key
    if _name_word(name, w) and not _definite(name) and not name.startswith(("ي", "ت")):
        return m + 1 - k
    return 0


def _waw_surname(key: str, w: _Words) -> bool:
    """A surname that begins with و after a foreign given name (ويليامز, واتسون, ووكر):
    long, and no list knows the word after the و (not وأحمد, والرئيس, وقال)."""
    from library.marks import gazetteer

    rest = key[1:]
    if len(key) < 6 or not key.startswith("و") or rest.startswith("ال"):
        return False
    return not (
        rest in w.given
        or rest in w.stop
        or rest in gazetteer.known_words()
        or _is(rest, w.titles)
        or _is(rest, w.construct_titles)
    )


def _titled_third(toks: list[Token], j: int, k: int, w: _Words) -> bool:
    """After a title, the third (or fourth) word of a name may be a family name no list
    knows, even one that looks like a verb or ends like a noun (عمر أليو توراي, علي يرلي
    قايا, عبد الرحمن تياني, ريمتالبا جان إيمانويل ويدراوغو); not a place, an accusative,
    a plural (حلفاء) or a preposition's word."""
    from library.marks import gazetteer

    key = toks[k].key
    if k - j not in (2, 3) or key in gazetteer.known_words() or key in w.stop or _definite(key):
        return False
    if _family_word(key, w):
        return True  # بلحوسيني, شاهين: a family name that looks like a preposition's word
    if key.endswith(("اء", "ات", "ين", "ون", "ه")) or _preposition(key, w):
        return False
    if _past_verb(key):
        return False  # كلارا موينغي طلبت: a verb after the name
    if _sentence_word(key) or (k - j == 3 and key.endswith(("ا", "ى"))):
        return False  # هاملتون هدفا: an accusative noun after a full name
    return not _accusative(key, w)


def _family_word(key: str, w: _Words) -> bool:
    """A family name that the sentence tests would take for something else: a given name
    ending in ين (شاهين, ياسين), or a Maghrebi name in بل/بن (بلحوسيني, بنكيران), which
    is no ب + a word the lists know (بلندن, بنسبة)."""
    from library.marks import gazetteer

    if key in w.stop or key in gazetteer.known_words():
        return False
    if key.endswith("ين") and (key in w.given or key in w.given_ambiguous):
        return True
    if not key.startswith(("بل", "بن")) or len(key) < 5 or key.endswith(("ه", "ا", "ى", "ت")):
        return False
    return not _preposition(key, w) and not key.endswith(("ين", "ون", "ات"))


def _past_verb(key: str) -> bool:
    """A feminine past verb (طلبت, أعلنت, أشارت): four letters, or five after أ, in ت."""
    return key.endswith("ت") and (len(key) == 4 or (len(key) == 5 and key[0] == "ا"))


def _sentence_word(key: str) -> bool:
    """A word that goes on with the sentence after a name: a verb (يفتتح, تطالب, نرفض,
    سيزور) or a superlative (كيبتو أفضل)."""
    if key[:1] in "يتن" and len(key) >= 4 and key[1:2] not in "اوي":
        return True
    if key.startswith(_FUTURE) and len(key) >= 5:
        return True
    if key[:1] == "ب" and key[1:2] not in "اوي" and len(key) >= 4:
        return True  # كريستي بلقب: a preposition and its noun
    return _superlative(key)


def _superlative(key: str) -> bool:
    """أفعل: أفضل, أكبر, أكثر (not أنلي)."""
    return len(key) == 4 and key[0] == "ا" and not key.endswith("ي")


def _preposition(key: str, w: _Words) -> bool:
    """The word is ب/ل/ف + a word the lists know (بالأمس, لروسيا, فقال): not a name
    (بارو, لافروف, فيليب are)."""
    from library.marks import gazetteer

    if key[:1] == "ف":
        return True  # فأرجع, فقال: a conjunction and a verb
    if key[:1] not in "بل":
        return False
    rest = key[1:]
    return (
        rest.startswith("ال")
        or rest in w.stop
        or rest in w.given
        or rest in gazetteer.known_words()
        or len(rest) <= 2
    )


def _surname_chain(toks: list[Token], j: int, k: int, w: _Words) -> bool:
    """A third indefinite word of a name after عبد + a divine name (عبد الرحمن تياني),
    or a third or fourth one of a foreign name (جان نويل بارو, ألكساندريا أوكاسيو
    كورتيز): only a word that no rule knows as an everyday or place word."""
    from library.marks import gazetteer

    first = toks[j].key
    linked = first in w.connectors
    if (not linked and first not in w.foreign) or k - j > (2 if linked else 3):
        return False
    key = toks[k].key
    if key in gazetteer.known_words() or key in w.stop or key.endswith(("ا", "ى", "ه", "اء")):
        return False  # دونالد ترامب روسيا, تشاك شومر مهلة
    if _family_word(key, w) or _past_verb(key):
        return not _past_verb(key)  # عبد النور بلحوسيني; not كلارا موينغي ديالو طلبت
    if (key[:1] == "ب" and key[1:2] not in "اوي") or (len(key) == 4 and key[0] == "ا"):
        return False  # كيبيدي بفارق, ياداف أفضل: a preposition, a superlative
    if key.endswith(("ين", "ات")) or (key.startswith(_FUTURE) and len(key) >= 5):
        return False  # أوسيمين هدفين, روتو سيزور: a dual noun, a verb in the future
    return not key.startswith(("ي", "ت")) and not _preposition(key, w)


def _name_end(
    text: str,
    toks: list[Token],
    j: int,
    w: _Words,
    *,
    definite_ok: bool,
    dot: bool = False,
    first_ok: bool = False,
    titled: bool = False,
) -> int:
    """End index (exclusive) of a person's name starting at word j, or j if none
    (`first_ok`: word j is known to begin a name)."""
    n = len(toks)
    gap = text[toks[j - 1].end : toks[j].start] if 0 < j < n else "x"
    if j >= n or not (first_ok or not gap.strip() or (dot and gap.strip() == ".")):
        return j
    if not (first_ok or _given(text, toks[j], w)) and _not_first(text, toks[j], w):
        return j
    k = j + 1 if first_ok and toks[j].key not in w.connectors else None
    if k is None:
        k = _first_words(text, toks, j, w, definite_ok)
        if k <= j:
            return -k if k < 0 else j
    compound = k == j + 2
    while k < n and k - j < 7 and _joined(text, toks, k):
        family = toks[k].key == "ال"  # آل ثاني ends the name
        took, compound = _next_word(text, toks, j, k, w, compound=compound, titled=titled)
        if not took:
            break
        k += took
        if family or (took == 3 and not (k < n and _family_after(text, toks, k, w))):
            break  # آل ثاني, بن عبد العزيز end the name (بن عبد الرحمن آل ثاني goes on)
    return k


def _family_after(text: str, toks: list[Token], k: int, w: _Words) -> bool:
    """Word k goes on a name after بن عبد …: آل (بن عبد الرحمن آل ثاني) or a nisba
    family name (خالد بن عبد الله القحطاني), not a country's (the nationality)."""
    key = toks[k].key
    if key == "ال":
        return True
    nisba = _definite(key) and key.endswith("ي") and len(key) >= 5
    return (
        nisba
        and _joined(text, toks, k)
        and not _nationality(key, countries=True)
        and (_name_word(key, w))
    )


def _after_title(
    text: str, toks: list[Token], i: int, w: _Words, orgs: dict[int, int] | None = None
) -> tuple[int, bool] | None:
    """(first word of the name, whether a lone definite word may be it) after the title
    at word i; None when word i is no title. A spokesman's name after باسمها is found
    here too: (j, False). A position's complement may be an organisation found by the
    organisation rules (`orgs`: its first word → the word after it), with its place
    (مدير عام وزارة الصحة في غزة …)."""
    n = len(toks)
    key, j = toks[i].key, i + 1
    spokesman = _is(key, w.spokesman)
    if not spokesman and (
        _is(key, w.titles) or (key == "د" and text[toks[i].end : toks[i].end + 1] == ".")
    ):
        while j < n and _joined(text, toks, j):
            nxt = toks[j].key
            if not (nxt in w.modifiers or nxt in w.ranks or _nationality(nxt)):
                break
            j += 1
        if orgs and j in orgs and _joined(text, toks, j):  # المديرة التنفيذية لبرنامج …
            return _after_org(text, toks, orgs[j], w), False
        return j, key != "د" and _is(key, w.name_titles)
    if not (_is(key, w.construct_titles) or spokesman):
        return None
    while j < n and _joined(text, toks, j) and (toks[j].key in w.modifiers or toks[j].key == "عام"):
        j += 1  # مدير عام, المتحدث الرسمي
    # المتحدث الرسمي باسم الهيئة, الناطق باسمها
    if spokesman and j < n and toks[j].key.startswith("باسم") and len(toks[j].key) <= 6:
        j += 1
        if toks[j - 1].key != "باسم":  # باسمها: the complement is a pronoun
            return j, False
    named = _named_complement(text, toks, j, w, orgs)
    if named > j:
        return named, False
    skipped = 0
    while j < n and skipped < 4 and _joined(text, toks, j) and _complement_word(toks, j):
        if _is(toks[j].key, w.titles) or toks[j].key in w.time_words:
            break
        j += 1
        skipped += 1
    return (j, False) if skipped else None


def _common_pair(text: str, toks: list[Token], j: int, w: _Words) -> bool:
    """Words j and j + 1 read as a noun phrase, not a name: a superlative, or an unknown
    word before a definite one (قرب الحدود)."""
    key = toks[j].key
    if _superlative(key):
        return True
    return not _given(text, toks[j], w) and _definite(toks[j + 1].key)


def _modifiers_after(toks: list[Token], j: int, w: _Words) -> int:
    """The word after the modifiers of a position at word j (مديرها العام)."""
    while j < len(toks) and (toks[j].key in w.modifiers or toks[j].key == "العام"):
        j += 1
    return j


def _possessed_title(text: str, tok: Token, w: _Words) -> bool:
    """A position with a pronoun (محاميه, رئيستها, مدربهم): a name follows it; not a
    feminine noun (بمهاجمة)."""
    key = tok.key
    if text[tok.end - 1] == "ة":
        return False
    for suffix in ("ها", "هم", "ه"):
        base = key[: -len(suffix)]
        if not key.endswith(suffix) or len(base) < 3:
            continue
        base = base[:-1] + "ه" if base.endswith("ت") else base
        if _is(base, w.construct_titles) or "ال" + base in w.titles:
            return True
    return False


def _complement_word(toks: list[Token], j: int) -> bool:
    """Word j continues a position's complement: a definite word, one with لل, or ل + a
    noun before a definite one (زعيم الاتحاد الوطني لعمال التعدين الصغير)."""
    key = toks[j].key
    if _definite(key) or key.startswith("لل"):
        return True
    nxt = toks[j + 1].key if j + 1 < len(toks) else ""
    return j > 0 and _definite(toks[j - 1].key) and key[:1] == "ل" and _definite(nxt)


def _named_complement(
    text: str, toks: list[Token], j: int, w: _Words, orgs: dict[int, int] | None
) -> int:
    """After a position: the organisation (with its place) or the place it is of."""
    if orgs and j in orgs and _joined(text, toks, j):
        return _after_org(text, toks, orgs[j], w)
    return _place_complement(text, toks, j)  # رئيس ولاية بونتلاند, حاكم أورمية


def _place_complement(text: str, toks: list[Token], j: int) -> int:
    """After a position: the place it is of (رئيس بوركينا فاسو, حاكم أورمية), with an
    administrative word before it (رئيس ولاية بونتلاند); j when none."""
    from library.marks import gazetteer

    if j < len(toks) and _joined(text, toks, j) and toks[j].key in _ADMIN:
        j += 1
        if j >= len(toks) or not _joined(text, toks, j):
            return j - 1
    hit = gazetteer.lexicon().match_at(text, toks, j) if j < len(toks) else None
    if hit is None or hit.clitic or hit.start != toks[j].start or not _joined(text, toks, j):
        return j - 1 if j > 0 and toks[j - 1].key in _ADMIN else j
    return j + len(hit.keys)


_ADMIN = frozenset(fold(w) for w in ("ولاية", "محافظة", "إقليم", "مدينة", "بلدية", "منطقة"))


def _after_org(text: str, toks: list[Token], j: int, w: _Words) -> int:
    """After an organisation's name: its place (في غزة, بالرباط) is skipped too."""
    from library.marks import gazetteer

    n = len(toks)
    places = gazetteer.known_words()
    if j < n and _joined(text, toks, j) and toks[j].key[:1] == "ل" and _complement_word(toks, j):
        k = j + 1  # الاتحاد الوطني لعمال التعدين الصغير
        while k < n and k - j < 4 and _joined(text, toks, k) and _complement_word(toks, k):
            k += 1
        j = k if k < n and not _is(toks[k - 1].key, words().titles) else j
    joined = j < n and _joined(text, toks, j)
    if (
        joined
        and j + 1 < n
        and toks[j].key in ("في", "ب", "لدي")
        and toks[j + 1].key in places
        and _joined(text, toks, j + 1)
    ):
        return j + 2
    if joined and toks[j].key[:1] == "ب" and len(toks[j].key) > 3 and toks[j].key[1:] in places:
        return j + 1
    return j


def _verb_like(text: str, tok: Token, w: _Words) -> bool:
    """A first word after a title that is no name: a verb (يستقبل, تعلن) or a feminine
    noun (جلسة) that is no known given name."""
    key = tok.key
    if _given(text, tok, w) or key in w.given_ambiguous:
        return False
    if key.startswith(("ي", "ت", "سي", "ست")) and len(key) >= 4:
        return True
    return key.endswith("ه") and len(key) >= 4


def _org_starts(text: str, toks: list[Token], orgs: list[Candidate] | None) -> dict[int, int]:
    """First word → the word after the last one, of the organisations found."""
    if not orgs:
        return {}
    ends = [t.end for t in toks]
    out: dict[int, int] = {}
    for c in orgs:
        if c.type != "organisation":
            continue
        a = bisect.bisect_right(ends, c.start)
        b = bisect.bisect_left(ends, c.end)
        if a < len(toks) and b < len(toks) and toks[b].end == c.end:
            out[a] = max(out.get(a, 0), b + 1)
    return out


_NOUN_ENDINGS = ("ين", "ون", "ات", "ا")


def _demonym(text: str, toks: list[Token], i: int, w: _Words) -> bool:
    """Word i is a nationality used as a noun before a name (واختتم الإسباني ألفارو
    موراتا): a singular nisba of a country that agrees with no definite noun before it
    (القوات الأمريكية is an adjective)."""
    key = toks[i].key
    for _, reading in ((0, key), *clitic_splits(key)):
        if reading.endswith(("ي", "يه")) and _nationality(reading, countries=True):
            break
    else:
        return False
    if i > 0 and _joined(text, toks, i) and _definite(toks[i - 1].key):
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) and _joined(text, toks, i + 1) else None
    return nxt is not None and not _article(text, nxt) and not _verb_like(text, nxt, w)


def _complement_skipped(text: str, toks: list[Token], j: int, w: _Words, *, after_org: bool) -> int:
    """Word j, or the word after it when word j ends the title's complement: a name in
    ل (المدير التنفيذي لأورانو نيكولا ميسم) or a word no list knows before a full name
    that begins with a known given name (لشركة الكهرباء سونيلك فاطمة أحمد شامسي)."""
    n = len(toks)
    if j + 1 >= n or not _joined(text, toks, j + 1) or not _given(text, toks[j + 1], w):
        return j
    key = toks[j].key
    if _given(text, toks[j], w) or key in w.given_ambiguous or key in w.connectors:
        return j
    raw = text[toks[j].start : toks[j].start + 2]
    nxt = toks[j + 1].key
    if raw in ("لأ", "لإ", "لآ") and len(key) >= 4:
        return j + 1
    arabic = nxt in w.given and nxt not in w.foreign and nxt not in w.given_ambiguous
    if not (arabic and after_org):
        return j
    if _name_end(text, toks, j + 1, w, definite_ok=False, first_ok=True) - j >= 3:
        return j + 1
    return j


# A monarch's or a pope's regnal number is part of the name (the title is not).
_MONARCHS = frozenset(
    fold(x) for x in ("الملك", "الملكة", "السلطان", "البابا", "الإمبراطور", "الشاه", "العاهل")
)
_REGNAL = frozenset(
    fold(x) for x in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن")
)


# What a speaker's name is followed by in reported speech (قال الوزير … إن / أن / إنه).
_SPEECH = frozenset({"ان", "انه", "انها"})


def _to_reported_speech(text: str, toks: list[Token], j: int, end: int, w: _Words) -> int:
    """The end of a titled name that the lists cut short (عطاء الله تارر, محسن باك نجاد,
    لاكسانا تري هاندوكو): when a few more name-like words run, within one phrase, up to
    the إن/أن of reported speech, they are the rest of the name (five words at most)."""
    from library.marks import gazetteer

    n, m = len(toks), end
    while m < n and m - j < 5 and _joined(text, toks, m):
        key = toks[m].key
        if key in _SPEECH:
            return m
        if (
            not _word(key)
            or _stop(key, w)
            or key in gazetteer.known_words()
            or _tanween(text, toks[m])
        ):
            return end
        if _is(key, w.titles) or _is(key, w.construct_titles) or key in w.modifiers:
            return end
        if _definite(key) and not key.endswith("ي"):
            return end  # only a nisba family name may be definite (محمد شياع السوداني)
        m += 1
    return end


def _name_tail(text: str, toks: list[Token], title: Token, span: tuple[int, int], w: _Words) -> int:
    """The end of a titled name at word j with what the lists cut off: the rest of the
    name before reported speech, a monarch's regnal number (الملك عبد الله الثاني, البابا
    ليو الرابع عشر)."""
    n = len(toks)
    j, end = span
    if end - j >= 2 or (end - j == 1 and _given(text, toks[j], w)):
        end = _to_reported_speech(text, toks, j, end, w)
    regnal = j < end < n and _joined(text, toks, end) and toks[end].key in _REGNAL
    if regnal and _is(title.key, _MONARCHS):
        end += 1
        if end < n and toks[end].key == "عشر":
            end += 1
    return end


def titles(text: str, toks: list[Token], orgs: list[Candidate] | None = None) -> list[Candidate]:
    w = words()
    out = []
    n = len(toks)
    starts = _org_starts(text, toks, orgs)
    org_ends = set(starts.values())
    for i, tok in enumerate(toks):
        after = _after_title(text, toks, i, w, starts)
        demonym = after is None and _demonym(text, toks, i, w)
        if demonym and out and out[-1].end == toks[i - 1].end:
            demonym = False  # محمد شياع السوداني بانتخاب: a family name, no nationality noun
        # a given name that is also a word before a definite family name (مديرها رائد
        # الصالح) needs the title to be read as one; the given-name rule finds the rest
        possessed = after is None and i + 1 < n
        if possessed and _given(text, toks[i + 1], w):
            nxt = toks[i + 2].key if i + 2 < n and _joined(text, toks, i + 2) else ""
            possessed = toks[i + 1].key in w.given_ambiguous and _definite(nxt)
        if demonym or (possessed and _possessed_title(text, tok, w)):
            after = (_modifiers_after(toks, i + 1, w), False)  # محاميه, مديرها العام
        if after is None:
            continue
        j, definite_ok = after
        j = _complement_skipped(text, toks, j, w, after_org=j in org_ends)
        if j < n and (_is(toks[j].key, w.titles) or toks[j].key in w.ranks):
            continue  # رئيس الهيئة الدكتور عادل: the inner title names him
        if (
            j < n
            and not _given(text, toks[j], w)
            and (tok.key in _AMBIGUOUS_TITLES or toks[j].key.startswith(_FUTURE))
        ):
            continue  # الفريق "the team", سيعود "will return": no name follows
        if j < n and (_verb_like(text, toks[j], w) or toks[j].key.startswith("باسم")):
            continue
        end = _name_end(text, toks, j, w, definite_ok=definite_ok, dot=tok.key == "د", titled=True)
        end = _name_tail(text, toks, tok, (j, end), w)
        if demonym and (end - j < 2 or _common_pair(text, toks, j, w)):
            continue  # الروسية أبرز المرشحين, الغربية قرب الحدود: no name after the nisba
        if end - j == 1 and not _given(text, toks[j], w) and toks[j].key.endswith(_NOUN_ENDINGS):
            continue  # المهاجم هدفين, اللاعب مميزا: a noun or an adjective, no surname
        if end > j:
            sure = end - j > 1 or toks[j].key in w.given
            confidence = 0.9 if sure else 0.75
            out.append(
                Candidate(toks[j].start, toks[end - 1].end, "person", "title", "", "", confidence)
            )
    return out


def _given_at(text: str, tok: Token, w: _Words) -> tuple[int, str] | None:
    """(letters of proclitic, given name) when the word is a known given name."""
    key = tok.key
    if key in w.given:
        return (0, key) if _given(text, tok, w) else None
    if key in w.given_ambiguous:
        return (0, key) if _given_word(text, tok, w) else None
    if key in ("عبد", "وعبد", "لعبد", "ابو", "وابو"):  # عبد الرحمن; a kunya: أبو محمود
        return (len(key) - 3, key[-3:])  # (a kunya's second word is checked after)
    if key in w.waw_names:
        return None
    for clitic, rest in clitic_splits(key):
        short = key[0] in "بل" and len(rest) == 3 and rest in _foreign_only()  # بيان: no ب + يان
        if clitic == 1 and key[0] in _NAME_CLITICS and rest in w.given and len(rest) >= 3:
            return None if short else (clitic, rest)
    return None


def _given_word(text: str, tok: Token, w: _Words) -> bool:
    key = tok.key
    return key not in w.stop and key not in w.time_words and not _tanween(text, tok)


# Verbs of saying and reporting: a name follows them (قال كريم بوضياف).
_SAYING = frozenset(
    fold(v)
    for v in [
        "قال",
        "قالت",
        "أكد",
        "أكدت",
        "أوضح",
        "أوضحت",
        "أضاف",
        "أضافت",
        "صرح",
        "صرحت",
        "أعلن",
        "أعلنت",
        "ذكر",
        "ذكرت",
        "كشف",
        "كشفت",
        "أشار",
        "أشارت",
        "أفاد",
        "أفادت",
        "يقول",
        "تقول",
        "أكد",
        "وأكد",
        "رأى",
        "رأت",
        "اعتبر",
        "اعتبرت",
        "شدد",
        "شددت",
    ]
)


def _person_context(text: str, toks: list[Token], i: int, w: _Words) -> bool:
    """The word before word i announces a person: a title, a verb of saying, a present
    verb (يعادل, يقود) or a position with a pronoun (مهاجمه, مدربه)."""
    if i == 0 or not _joined(text, toks, i):
        return False
    prev = toks[i - 1].key
    if _is(prev, w.titles) or _is(prev, w.construct_titles) or _is(prev, _SAYING):
        return True
    if prev.endswith("ه") and len(prev) >= 4 and _is(prev[:-1], w.construct_titles):
        return True
    return prev.startswith(("ي", "وي")) and len(prev) >= 4 and prev not in w.stop


def _accepted(text: str, toks: list[Token], i: int, end: int, given: str) -> bool:
    """A name that begins with an ambiguous given name (أمين, كريم) or a kunya (أبو)
    needs a second given name, a nisba, بن/آل after it, a nisba third word (أمل الفلاح
    السغروشني), or a word before it that announces a person (قال كريم بوضياف)."""
    from library.marks import gazetteer

    w = words()
    second = toks[i + 1].key
    if given == "ابو":
        return second in w.given or second == "عبد"  # أبو محمود, أبو عبد الرحمن
    third = toks[i + 2].key if end - i >= 3 else ""
    sure = (
        given not in w.given_ambiguous
        or (second in w.given and not _superlative(second))  # not ثاني أكبر منتج
        or second in w.connectors
        or second in w.patronymic
        or (_definite(second) and second.endswith("ي"))
        or (_definite(third) and third.endswith("ي"))
    )
    plain = not _definite(second) and second not in gazetteer.known_words()
    return sure or (plain and _person_context(text, toks, i, w))


def _after_spokesman(toks: list[Token], i: int, w: _Words) -> bool:
    """Word i follows a spokesman's noun, past its modifiers (الناطق الرسمي باسم)."""
    k = i - 1
    while k > 0 and i - k <= 2 and toks[k].key in w.modifiers:
        k -= 1
    return k >= 0 and _is(toks[k].key, w.spokesman)


def given_names(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        found = _given_at(text, tok, w)
        if found is None or (i > 0 and toks[i - 1].key in w.connectors and _joined(text, toks, i)):
            i += 1
            continue
        clitic, given = found
        if given == "باسم" and _after_spokesman(toks, i, w):
            i += 1  # المتحدث (الرسمي) باسم الوزارة: "in the name of"
            continue
        end = _name_end(text, toks, i, w, definite_ok=False, first_ok=True) if not clitic else i
        if clitic:  # the name starts after the clitic: read the words after it the same way
            k = i + 1
            while k < n and k - i < 5 and _joined(text, toks, k) and _name_word(toks[k].key, w):
                k += 1
            end = _name_end(text, toks, i, w, definite_ok=False, first_ok=True) if k > i + 1 else i
            if toks[i].key in w.connectors:
                end = i
        if end - i < 2:
            i += 1
            continue
        if not _accepted(text, toks, i, end, given):
            i += 1
            continue
        start = tok.start if not clitic else advance_letters(text, tok.start, clitic)
        if start is None:
            i += 1
            continue
        confidence = 0.6 if given in w.given_ambiguous else 0.8
        if end - i >= 2 and given not in w.given_ambiguous:
            end = _to_reported_speech(text, toks, i, end, w)  # إدريس جمعة كورينا إن
        out.append(Candidate(start, toks[end - 1].end, "person", "given", "", "", confidence))
        i = end
    return out


def surnames(text: str, toks: list[Token], people: list[Candidate]) -> list[Candidate]:
    """A family name alone (الحمادين; آيت الطالب, آل ثاني with their connector), before or
    after the full name in the same article: the same person, named by the full name.
    One-word names the other rules found are named so too (they are replaced)."""
    w = words()
    full: dict[tuple[str, ...], set[str]] = {}
    for c in people:
        if " " not in text[c.start : c.end]:
            continue
        n = _index_of(toks, c.end)
        if n is None:
            continue
        whole = text[c.start : c.end]
        first = _first_name(toks, c.start, w)
        if first:  # ترينت of ترينت ألكسندر أرنولد: a foreign given name alone
            full.setdefault((first,), set()).add(whole)
        key = toks[n].key
        shared = key in w.given and (len(key) < 4 or key in w.given_ambiguous)
        if len(key) < 3 or shared or key in w.connectors or key in w.stop:
            continue  # علي, حسن: a given name many people share is no surname alone
        link = toks[n - 1].key in w.connectors or toks[n - 1].key in w.patronymic
        if n > 0 and link and toks[n - 1].start > c.start:
            full.setdefault((toks[n - 1].key, key), set()).add(whole)
        elif key not in w.modifiers and not _nationality(key):
            full.setdefault((key,), set()).add(whole)
    found: Lexicon[str] = Lexicon((k, next(iter(v))) for k, v in full.items() if len(v) == 1)
    if not len(found):
        return []
    taken = SpanIndex((c.start, c.end) for c in people if " " in text[c.start : c.end])
    out = []
    for hit in find_names(found, text, toks):
        if not taken.overlap(hit.start, hit.end):
            name = hit.payloads[0]
            out.append(Candidate(hit.start, hit.end, "person", "surname", name, "", 0.7))
    return out


def _first_name(toks: list[Token], start: int, w: _Words) -> str:
    """The first word of a full name that begins at `start`, when it is a foreign given
    name that is no place and no common word (ترينت, فولوديمير; not جان, which many
    people share, checked by the caller)."""
    from library.marks import gazetteer

    n = bisect.bisect_left(toks, start, key=lambda t: t.start)
    if n >= len(toks) or toks[n].start != start:
        return ""
    key = toks[n].key
    ok = key in w.foreign and len(key) >= 4 and key not in w.given_ambiguous
    return key if ok and key not in gazetteer.known_words() and key not in w.stop else ""


def _index_of(toks: list[Token], end: int) -> int | None:
    """The word that ends at `end` (the last word of a candidate)."""
    n = bisect.bisect_left(toks, end, key=lambda t: t.end)
    return n if n < len(toks) and toks[n].end == end else None


def persons(text: str, toks: list[Token], orgs: list[Candidate] | None = None) -> list[Candidate]:
    """Every person candidate (`orgs`: the organisations found, which a position's
    complement may be: رئيس مجلس النواب نبيه بري)."""
    found = titles(text, toks, orgs) + given_names(text, toks)
    linked = surnames(text, toks, found)
    relinked = {(c.start, c.end) for c in linked}
    return [c for c in found if (c.start, c.end) not in relinked] + linked
