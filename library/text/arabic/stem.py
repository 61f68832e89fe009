"""Light stemming of folded Arabic keys, in the spirit of Larkey's light10 (DESIGN.md fact 8).

``light_stem`` takes a key that ``fold`` already produced (so أ إ آ are ا, ة is ه, ى is ي,
ئ is ي, ؤ is و) and strips at most one group of proclitics from the front and at most one
suffix from the end. It is deliberately light: it only has to make the common inflected and
cliticised forms of a word meet on one stem, for both the index and the query, and it must
never merge everyday words or names into unrelated ones.

Decisions, each with its reason and trade-off:

1. Nothing is ever cut to fewer than ``MIN_STEM`` (3) letters, and keys of 3 letters or
   fewer are returned as they are. Light10 allows 2; with 2, الله → له, الان → ان and
   اليه → يه collide with frequent function words.
2. Article prefixes, longest first: وبال فبال وكال فكال وال بال كال فال ولل فلل لل ال.
   Light10's set plus the و/ف + ب/ك/ل + ال combinations (وبالتالي, وللمنظمة), which are
   unambiguous in running text.
3. A bare conjunction و is stripped from words of 4+ letters (light10), because it glues
   onto almost every sentence-initial word (وقال, وأضاف). Many words begin with a root و
   (وزير, وزارة, وافق, واصل, واشنطن); the frequent ones are in the exception list below
   and keep it. Unlisted ones lose it (وصلت → صلت), on the index and the query alike, so
   recall is unharmed and only a rare collision costs precision. A bare ف is never
   stripped: too many words start with a root ف (فرنسا, فريق, فلسطين, فترة).
4. A bare ل or ب (for / with) is stripped only when the next letter is م or ت and at least
   4 letters remain: لمنظمة → منظمة, بمناسبة → مناسبة, لتعزيز → تعزيز (also after a و:
   ولمنظمة). These are the derived-noun and verbal-noun patterns (مفعل, مفعلة, تفعيل),
   while ل/ب as root letters are rarely followed by م/ت (لبنان, بيان, لجنة, بريطانيا stay
   whole). A bare ك is never stripped (كتاب, كتيبة, كمية would break). The cost: short
   words keep their preposition (لمدة), and a rare root-ل word such as لمعان loses its ل.
5. One suffix at most (light10 strips several), the longest that fits: يين يون يات
   (nisba plurals, so الإسرائيليين meets إسرائيل), ها ات يه ي ه with 3 letters left, and
   ان ون ين with 4 left, because those endings are also how many names and nouns end
   (لبنان, قانون, مليون, برلين, سودان). The cost: a dual or plural of a 3-letter noun
   (يومين, طرفان) keeps its ending.
6. An exception list of frequent names and words that the rules above would cut into
   another word (ماكرون → ماكر, طالبان → طالب, عشرين → عشر, والي → الي) or away from
   their own inflections (وزير/ووزيرة, فلسطين/الفلسطيني). A listed word, with one suffix
   or none, stems to the listed form; proclitics in front of it are still removed
   (بلبنان, لإيران, بمصر). Tens in -ون and -ين share one stem.

Known limits of any light stemmer, accepted here: broken plurals stay apart from their
singular (دول / دولة), ة written as ت before a pronoun stays apart (سياستها / سياسة),
nisba names lose their ي (الحريري → حرير), and اليه, آلية and إلى all stem to الي.
Changing any rule or the exception list changes stems: bump ``RULES_VERSION``.

Readings of a query word (``readings``). The index holds one stem per word, so a word
whose first letter may be a proclitic (و ف ب ك ل) is looked up under each reading, with
the word as typed first. Rule 3 stems وسام to سام, but in the text الوسام stems to وسام:
without a second reading the query وسام would miss it. ``readings`` gives, for such a
word, the stem it has when its first letter is its own (the stem of the word after ال:
وسام), the index's own stem (rule 3 or 4), and the stem of the rest when the letter is a
clitic (فقال → قال, which rule 3 never strips). A word the rules settle has one reading:
3 letters or fewer, an article stripped (rule 2), a listed word or a clitic before one
(rule 6), or a rest shorter than ``MIN_STEM``. Only queries use readings; the index and
``light_stem`` are unchanged (so ``RULES_VERSION`` is too).

Latin words and numbers pass through: none of the affixes are Latin.
"""

from __future__ import annotations

MIN_STEM = 3

# Longest first, so وال wins over ال.
_ARTICLES = (
    "وبال",
    "فبال",
    "وكال",
    "فكال",
    "وال",
    "بال",
    "كال",
    "فال",
    "ولل",
    "فلل",
    "لل",
    "ال",
)

# Proclitics that may sit in front of a listed exception (بلبنان, وللبنان).
_CLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})

# (suffix, letters that must remain), longest first.
_SUFFIXES = (
    ("يين", 3),
    ("يون", 3),
    ("يات", 3),
    ("ها", 3),
    ("ات", 3),
    ("يه", 3),
    ("ان", 4),
    ("ون", 4),
    ("ين", 4),
    ("ي", 3),
    ("ه", 3),
)


# Stemming runs once per distinct word of the library: look only at the candidates that
# share the word's first (last) letter, keeping their longest-first order.
_ARTICLES_BY_FIRST = {
    first: tuple(a for a in _ARTICLES if a[0] == first) for first in {a[0] for a in _ARTICLES}
}
_SUFFIXES_BY_LAST = {
    last: tuple(s for s in _SUFFIXES if s[0][-1] == last) for last in {s[0][-1] for s in _SUFFIXES}
}


def _build_exceptions() -> dict[str, str]:
    # Forms are already folded (ة→ه, ى→ي, أ→ا, ئ→ي); a test checks fold(form) == form.
    keep = """
        الله عبدالله التي الذي الذين اللذين اللتين
        واشنطن وارسو ويلز وهران وليد وايل وفاء
        وزير وزراء وزاره وزارات وكاله وكالات وطن وفاه وحده وحدات وجود وصول
        وفود وقود ولايه ولايات وسايل وثيقه وثايق وراء وظيفه وظايف ورقه وسيله ودايع
        واحد واقع واسع واضح وارد والد والي وادي وافق واجه واصل وقايع وقوع ولاده وصيه
        وافقت واجهت واصلت
        لبنان فلسطين اسراييل ايران سوريا تركيا روسيا امريكا اميركا مصر غزه قطر ليبيا
        تونس بغداد بيروت دمشق عمان جده مكه موسكو باريس لندن برلين بكين طهران انقره قاهره دوحه
        اوروبا افريقيا اسيا فرنسا المانيا المان بريطانيا اسبانيا ايطاليا اوكرانيا
        باكستان افغانستان كردستان كازاخستان اوزبكستان طاجيكستان تركمانستان اذربيجان
        تايوان فاتيكان نيويورك جنيف كابول
        برلمان طالبان حزيران استيطان مهرجان سليمان بنيامين ياسمين ماكرون كلينتون
        تلفزيون ملايين بلايين بترول
    """
    table = {w: w for w in keep.split()}
    # Tens: nominative -ون and oblique -ين are one number, and neither is the unit (عشر).
    for tens in ("عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"):
        table[tens + "ون"] = table[tens + "ين"] = tens + "ين"
    return table


def _strip_suffix(word: str) -> str:
    n = len(word)
    for suffix, keep in _SUFFIXES_BY_LAST.get(word[-1:], ()):
        if n - len(suffix) >= keep and word.endswith(suffix):
            return word[: n - len(suffix)]
    return word


def _known_forms(exceptions: dict[str, str]) -> dict[str, str]:
    """Each listed word and its suffixed forms (وزيره, فلسطيني) → the listed stem."""
    forms: dict[str, str] = {}
    for word, stem in exceptions.items():
        for suffix, _ in _SUFFIXES:
            if _strip_suffix(word + suffix) == word:
                forms.setdefault(word + suffix, stem)
    forms.update(exceptions)  # a listed word wins over a suffixed form of another
    return forms


_KNOWN = _known_forms(_build_exceptions())


def _suffix(word: str) -> str:
    known = _KNOWN.get(word)
    return known if known is not None else _strip_suffix(word)


def light_stem(key: str) -> str:
    """Light stem of an already folded key (see the module docstring for every rule)."""
    n = len(key)
    if n <= MIN_STEM:
        return key
    known = _KNOWN.get(key)
    if known is not None:
        return known
    for size in (1, 2):
        if n - size >= MIN_STEM and key[:size] in _CLITICS:
            known = _KNOWN.get(key[size:])
            if known is not None:
                return known
    for article in _ARTICLES_BY_FIRST.get(key[0], ()):
        if n - len(article) >= MIN_STEM and key.startswith(article):
            return _suffix(key[len(article) :])
    rest = key
    if rest[0] == "و" and n >= MIN_STEM + 1:
        rest = rest[1:]
    if rest[0] in "لب" and len(rest) >= 5 and rest[1] in "مت":
        rest = rest[1:]
    return _suffix(rest)


# Letters that may be a proclitic glued to a word, or the word's own first letter.
CLITIC_LETTERS = frozenset("وفبكل")


def _settled(key: str) -> bool:
    """The rules leave no doubt about the word's first letter (see "Readings" above)."""
    n = len(key)
    if n <= MIN_STEM or key[0] not in CLITIC_LETTERS or key in _KNOWN:
        return True
    if any(
        n - size >= MIN_STEM and key[size:] in _KNOWN for size in (1, 2) if key[:size] in _CLITICS
    ):
        return True
    return any(
        n - len(article) >= MIN_STEM and key.startswith(article)
        for article in _ARTICLES_BY_FIRST.get(key[0], ())
    )


def readings(key: str) -> tuple[str, ...]:
    """The stems a folded query word may have, the word as typed first: ``(light_stem(key),)``
    unless its first letter may be a proclitic (the module docstring, "Readings").

    >>> readings("وسام"), readings("فقال"), readings("الوسام")
    (('وسام', 'سام'), ('فقال', 'قال'), ('وسام',))
    """
    stem = light_stem(key)
    if _settled(key):
        return (stem,)
    out = [_suffix(key), stem]
    if len(key) - 1 >= MIN_STEM:
        out.append(light_stem(key[1:]))
    return tuple(dict.fromkeys(out))


def key_readings(key: str) -> tuple[str, ...]:
    """The folded words a query word may stand for, as typed first: ``("وسام", "سام")``
    for وسام, ``(key,)`` for a word the rules settle. For matching that compares folded
    words rather than stems (a filter on folded titles)."""
    if _settled(key) or len(key) - 1 < MIN_STEM:
        return (key,)
    return (key, key[1:])
