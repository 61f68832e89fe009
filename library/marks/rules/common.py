"""Shared pieces of the suggestion rules: the candidate, the vocabularies (read once from
resources/lexicon/), and helpers that read folded words with or without a proclitic."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from library.paths import resources_dir
from library.text.arabic import Token, fold
from library.text.lexicon import Lexicon
from library.text.spans import advance_letters, clitic_splits


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    rule: str  # title | given | surname | organisation | name | date | quoted
    name: str = ""  # the entity name, when it is not the text (للأمم → الأمم المتحدة)
    value: str = ""  # a date's ISO 8601 value (library.text.dates)
    confidence: float = 0.5  # how often the rule is right, in [0, 1]


def _entries(name: str) -> list[str]:
    """The entries of resources/lexicon/NAME.txt: one a line, # starts a comment line."""
    text = (resources_dir() / "lexicon" / f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _keys(name: str) -> frozenset[str]:
    return frozenset(fold(w) for entry in _entries(name) for w in entry.split())


def _phrases(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(fold(w) for w in entry.split()) for entry in _entries(name))


@dataclass(frozen=True)
class _Words:
    titles: frozenset[str]
    construct_titles: frozenset[str]
    spokesman: frozenset[str]
    modifiers: frozenset[str]
    connectors: frozenset[str]
    patronymic: frozenset[str]
    waw_names: frozenset[str]
    stop: frozenset[str]
    org_heads: frozenset[str]
    org_heads_definite: frozenset[str]
    org_adjectives: frozenset[str]
    # folded name → (the name as listed, confidence): known names (0.9) and acronyms with
    # or without ال (يونيسف/اليونيسف, 0.85)
    org_names: Lexicon[tuple[str, float]]
    event_heads: frozenset[str]
    facility_heads: frozenset[str]  # مطار, ميناء, ملعب…: a place named after it
    thing_heads: frozenset[str]  # nouns before a quoted name that is no organisation
    weekdays: frozenset[str]
    months: dict[str, tuple[tuple[str, ...], ...]]  # first word → names, longest first
    year_words: frozenset[str]
    time_words: frozenset[str]
    ranks: frozenset[str]  # words of a title chain after a rank (الطيار, الركن)
    given: frozenset[str]  # given names, Arabic and foreign (as Arabic news spells them)
    foreign: frozenset[str]  # foreign given names (their names take more indefinite words)
    name_titles: frozenset[str]  # titles that a lone definite name may follow (الرئيس الأسد)
    given_ambiguous: frozenset[str]  # given names that are also everyday words (أمين, سعيد)
    org_l_nouns: frozenset[str]  # ل + noun that continues an organisation (لمكافحة الإرهاب)
    org_sectors: frozenset[str]  # لل + sector after a place: a company (قطر للطاقة)


@cache
def words() -> _Words:
    """The rules' vocabularies, read once from resources/lexicon/ (folded for lookup)."""
    from library.text.dates import months as month_names

    months: dict[str, tuple[tuple[str, ...], ...]] = {}
    listed = set(_phrases("months")) | set(month_names())
    for month in sorted(listed, key=len, reverse=True):
        months[month[0]] = (*months.get(month[0], ()), month)
    org_names: Lexicon[tuple[str, float]] = Lexicon(
        (name, (name, 0.9)) for name in _entries("org_names")
    )
    for name in _entries("org_acronyms"):
        org_names.add(name, (name, 0.85))
        key = fold(name)
        org_names.add((key[2:] if key.startswith("ال") else "ال" + key,), (name, 0.85))
    return _Words(
        titles=_keys("titles"),
        construct_titles=_keys("construct_titles"),
        spokesman=_keys("spokesman"),
        modifiers=_keys("modifiers"),
        connectors=_keys("connectors"),
        patronymic=_keys("patronymic"),
        waw_names=_keys("waw_names"),
        stop=_keys("stop"),
        org_heads=_keys("org_heads"),
        org_heads_definite=_keys("org_heads_definite"),
        org_adjectives=_keys("org_adjectives"),
        org_names=org_names,
        event_heads=_keys("event_heads"),
        facility_heads=_keys("facility_heads"),
        thing_heads=_keys("thing_heads"),
        weekdays=_keys("weekdays"),
        months=months,
        year_words=_keys("year_words"),
        time_words=_keys("time_words"),
        ranks=_keys("ranks"),
        given=_keys("given_names") | _keys("given_names_foreign"),
        foreign=_keys("given_names_foreign"),
        name_titles=_keys("name_titles"),
        given_ambiguous=_keys("given_names_ambiguous"),
        org_l_nouns=_keys("org_l_nouns"),
        org_sectors=_keys("org_sectors"),
    )


# --- helpers ------------------------------------------------------------------------------


def _readings(key: str) -> list[str]:
    return [key] + [rest for _, rest in clitic_splits(key)]


# Asked several times for every word of every article the reader opens: cached, like
# `clitic_splits`, so a long article costs a lookup per word and question.
@lru_cache(maxsize=1 << 17)
def _is(key: str, vocabulary: frozenset[str]) -> bool:
    """The word is in the vocabulary, bare or after a proclitic (والرئيس, للرئيس)."""
    return any(r in vocabulary for r in _readings(key))


def _joined(text: str, toks: list[Token], i: int) -> bool:
    """Word i follows word i-1 with only white space between them, on the same line (a
    headline's last word and the dateline's first are no name)."""
    if i <= 0:
        return False
    gap = text[toks[i - 1].end : toks[i].start]
    return not gap.strip() and "\n" not in gap


def _definite(key: str) -> bool:
    return key.startswith(("ال", "لل"))


def _stop(key: str, w: _Words) -> bool:
    if key in w.stop or key in w.time_words or key in w.weekdays:
        return True
    if key.startswith("و") and key not in w.waw_names and len(key) > 3:
        return True  # a new item of a list (وقال, وأحمد), not a name word
    return any(rest in w.stop for _, rest in clitic_splits(key))


def _tanween_in(text: str, tok: Token) -> bool:
    """The word is written with tanween (رسميا with ً): an accusative, no name."""
    return any(ch in "\u064b\u064c\u064d" for ch in text[tok.start : tok.end])


def _word(key: str) -> bool:
    return len(key) >= 2 and not any(ch.isdigit() for ch in key)


@cache
def _place_starts() -> frozenset[str]:
    from library.marks import gazetteer

    keys = set()
    for place in gazetteer.load():
        key = fold(place.name.split()[0])
        keys.add(key)
        if key.startswith("ال"):
            keys.add(key[2:])
    return frozenset(keys)


@cache
def _country_starts() -> frozenset[str]:
    from library.marks import gazetteer

    keys = set()
    for place in gazetteer.load():
        if place.kind in ("country", "region"):
            key = fold(place.name.split()[0])
            keys.add(key)
            if key.startswith("ال"):
                keys.add(key[2:])
    return frozenset(keys)


_NATIONALITY_EXTRA = frozenset({"عرب", "غرب", "خليج", "اوروب", "اسيو", "افريق", "امريك", "اميرك"})


@cache
def _place_stems(countries: bool = False) -> frozenset[str]:
    """Stems that a nisba is made on: a place's first word without ال and without a final
    ا, يا, ه or يه (فرنسا → فرنس, سوريا → سور, السعودية → سعود, الهند → هند); with
    `countries`, only countries' and regions' names (not الحلبي of حلب, a family name)."""
    stems = set(_NATIONALITY_EXTRA)
    for key in _country_starts() if countries else _place_starts():
        stems.add(key)
        for ending in ("يا", "يه", "ا", "ه", "ي"):
            if key.endswith(ending) and len(key) - len(ending) >= 2:
                stems.add(key[: -len(ending)])
    return frozenset(stems)


def _nationality(key: str, countries: bool = False) -> bool:
    """الفرنسي, الأمريكية, السعوديين: a definite nisba made on a place's name (with
    `countries`: a country's or a region's)."""
    if not key.startswith("ال"):
        return False
    base = key[2:]
    for ending in ("يين", "يون", "يات", "يه", "ي"):
        if base.endswith(ending):
            base = base[: -len(ending)]
            break
    else:
        return False
    return len(base) >= 3 and base in _place_stems(countries)


def _month_at(toks: list[Token], i: int, w: _Words) -> int:
    """Words in the month name starting at word i (0 if none)."""
    for month in w.months.get(toks[i].key, ()):
        n = len(month)
        if tuple(t.key for t in toks[i : i + n]) == month:
            return n
    return 0


class SpanIndex:
    """A fixed set of spans that answers "does any of them overlap (start, end)?" in
    logarithmic time: a long article has thousands of candidates, and asking each of them
    against every span made suggestions quadratic in the article's length."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        furthest = None
        for _, end in ordered:
            furthest = end if furthest is None else max(furthest, end)
            self._reach.append(furthest)

    def overlap(self, start: int, end: int) -> bool:
        """Some span (s, e) has `start < e and s < end`."""
        i = bisect.bisect_left(self._starts, end)  # the spans with s < end
        return i > 0 and self._reach[i - 1] > start

    def cover(self, pos: int) -> bool:
        """Some span (s, e) has `s <= pos < e`."""
        i = bisect.bisect_right(self._starts, pos)  # the spans with s <= pos
        return i > 0 and self._reach[i - 1] > pos


def _after_clitic(text: str, tok: Token, clitic: int) -> int | None:
    return tok.start if not clitic else advance_letters(text, tok.start, clitic)


def find_names(lexicon: Lexicon, text: str, toks: list[Token]) -> list:
    """`lexicon.find`, asking `match_at` only at words whose key (bare or after a
    proclitic) begins a listed name: most words begin none, and the rules search several
    lexicons in every article."""
    firsts = lexicon.first_words()
    hits = []
    i, n = 0, len(toks)
    while i < n:
        key = toks[i].key
        if key in firsts or any(r in firsts for _, r in clitic_splits(key)):
            hit = lexicon.match_at(text, toks, i)
            if hit is not None:
                hits.append(hit)
                i += len(hit.keys)
                continue
        i += 1
    return hits
