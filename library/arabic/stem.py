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
   (وزير, وزارة, وافق, واصل, واشنطن); the frequent ones are in ``_EXCEPTIONS`` and keep it.
   Unlisted ones lose it, on the index and the query alike, so recall is unharmed and only
   a rare collision costs precision. A bare ف is never stripped: too many words start with
   a root ف (فرنسا, فريق, فلسطين, فترة).
4. A bare ل or ب (for / with) is stripped only when the next letter is م or ت and at least
   4 letters remain: لمنظمة → منظمة, بمناسبة → مناسبة, لتعزيز → تعزيز. These are the
   derived-noun and verbal-noun patterns (مفعل, مفعلة, تفعيل), while ل/ب as root letters
   are rarely followed by م/ت (لبنان, بيان, لجنة, بريطانيا stay whole). ك is never
   stripped alone (كتاب, كتيبة, كمية would break). The cost: لمصر, بمصر keep their
   preposition unless the word is in the exception list, and a rare root-ل word such
   as لمعان loses its ل.
5. Suffixes, longest first, one at most: يين يون يات (nisba plurals, so الإسرائيليين
   meets إسرائيل) ها ات يه ي ه need 3 letters left; ان ون ين need 4, because those
   endings are also how many names and nouns end (لبنان, قانون, مليون, برلين, سودان):
   a dual or plural of a 3-letter noun (يومين, طرفان) keeps its ending, a trade we accept.
6. ``_EXCEPTIONS`` lists frequent names and words that the rules above would cut into
   another word (ماكرون → ماكر, طالبان → طالب, عشرين → عشر, والي → الي). A listed word is
   never cut, and any clitics in front of it are still removed (بلبنان, لإيران → لبنان,
   ايران). Changing any rule or this list changes stems: bump ``RULES_VERSION``.

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

# Proclitics that may sit in front of a listed exception ("" first: the word itself).
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")

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
_SUFFIX_FINALS = frozenset(s[-1] for s, _ in _SUFFIXES)


def _build_exceptions() -> dict[str, str]:
    # Forms are already folded (ة→ه, ى→ي, أ→ا, ئ→ي); a test checks fold(form) == form.
    keep = """
        الله عبدالله التي الذي الذين اللذين اللتين
        واشنطن وارسو ويلز وهران وليد وايل وفاء
        وزير وزراء وزاره وزارات وكاله وكالات وطن وطني وطنيه وفاه وحده وحدات وجود وصول
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


_EXCEPTIONS = _build_exceptions()


def _strip_suffix(word: str) -> str:
    if word and word[-1] in _SUFFIX_FINALS:
        n = len(word)
        for suffix, keep in _SUFFIXES:
            if n - len(suffix) >= keep and word.endswith(suffix):
                return word[: n - len(suffix)]
    return word


def _known(word: str) -> str | None:
    """The stem of a listed word, inflected (وزيره → وزير) or not; None if not listed."""
    known = _EXCEPTIONS.get(word)
    if known is None:
        known = _EXCEPTIONS.get(_strip_suffix(word))
    return known


def _suffix(word: str) -> str:
    known = _known(word)
    return known if known is not None else _strip_suffix(word)


def light_stem(key: str) -> str:
    """Light stem of an already folded key (see the module docstring for every rule)."""
    if len(key) <= MIN_STEM:
        return key
    for clitic in _CLITICS:
        if key.startswith(clitic) and len(key) - len(clitic) >= MIN_STEM:
            known = _known(key[len(clitic) :])
            if known is not None:
                return known
    for article in _ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= MIN_STEM:
            return _suffix(key[len(article) :])
    rest = key
    if rest[0] == "و" and len(rest) >= MIN_STEM + 1:
        rest = rest[1:]
    if rest[0] in "لب" and len(rest) >= 5 and rest[1] in "مت":
        rest = rest[1:]
    return _suffix(rest)
