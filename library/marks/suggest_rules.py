"""Rules that find candidate entity mentions in a text (pure functions, no library).

Each rule reads the words of the text (`library.text.arabic.tokens`) and returns `Candidate`s
(start, end, type, rule). Words are compared folded, and a proclitic on a cue word is
ignored (والرئيس, للرئيس, لمنظمة all count); spans never include a proclitic. A name
never runs across punctuation: two words only belong together when white space alone
separates them.

- titles: a person's name after a title or honorific (الدكتور، اللواء، السفير…), after a
  construct title and its complement (وزير الخارجية، رئيس الوزراء…) and after
  nationality or function adjectives (الرئيس الفرنسي السابق…): one to three words, or
  one to four with بن / أبو / عبد, stopping at punctuation and known non-name words;
- organisations: a head noun (منظمة، وزارة، حركة، جهاز، وكالة، صحيفة…) with one to four
  definite words after it (منظمة التعاون الإسلامي, الهيئة العامة للطيران), and a short list
  of organisations known by one name (الكونغرس، الناتو، اليونسكو…);
- dates: day + month (+ year), month + year, weekday before them, with Gregorian month
  names in their Egyptian/Gulf, Levantine and Maghrebi forms and Hijri months, digits in
  either script; numeric dates (12/1/2024, 2024-01-12); عام/سنة + a year;
- quoted: a name in guillemets («حماس», «الرأي») of one to four words, not speech (after
  a colon); typed organisation after an organisation head, person after a title,
  event for عملية/مؤتمر/قمة…, organisation for a single word, else other.
"""

from __future__ import annotations

import bisect
import re
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
    rule: str  # title | organisation | date | quoted | name
    name: str = ""  # the entity name, when it is not the text (للأمم → الأمم المتحدة)


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
    org_names: Lexicon[str]  # folded name → the name as listed
    event_heads: frozenset[str]
    weekdays: frozenset[str]
    months: dict[str, tuple[tuple[str, ...], ...]]  # first word → names, longest first
    year_words: frozenset[str]
    time_words: frozenset[str]


@cache
def words() -> _Words:
    """The rules' vocabularies, read once from resources/lexicon/ (folded for lookup)."""
    months: dict[str, tuple[tuple[str, ...], ...]] = {}
    for month in sorted(_phrases("months"), key=len, reverse=True):
        months[month[0]] = (*months.get(month[0], ()), month)
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
        org_names=Lexicon((name, name) for name in _entries("org_names")),
        event_heads=_keys("event_heads"),
        weekdays=_keys("weekdays"),
        months=months,
        year_words=_keys("year_words"),
        time_words=_keys("time_words"),
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
    """Word i follows word i-1 with only white space between them."""
    return i > 0 and not text[toks[i - 1].end : toks[i].start].strip()


def _definite(key: str) -> bool:
    return key.startswith(("ال", "لل"))


def _stop(key: str, w: _Words) -> bool:
    if key in w.stop or key in w.time_words or key in w.weekdays:
        return True
    if key.startswith("و") and key not in w.waw_names and len(key) > 3:
        return True  # a new item of a list (وقال, وأحمد), not a name word
    return any(rest in w.stop for _, rest in clitic_splits(key))


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
def _place_start_prefixes() -> frozenset[str]:
    """Every beginning of every word in `_place_starts` (one set lookup per word read)."""
    return frozenset(p[:n] for p in _place_starts() for n in range(1, len(p) + 1))


def _nationality(key: str) -> bool:
    """الفرنسي, الأمريكية: a definite nisba whose base begins a place's name."""
    if not key.startswith("ال"):
        return False
    base = key[2:]
    for ending in ("يه", "ي"):
        if base.endswith(ending):
            base = base[: -len(ending)]
            break
    else:
        return False
    if len(base) < 2:
        return False
    return base in _place_start_prefixes()  # a place's name begins with it


def _month_at(toks: list[Token], i: int, w: _Words) -> int:
    """Words in the month name starting at word i (0 if none)."""
    for month in w.months.get(toks[i].key, ()):
        n = len(month)
        if tuple(t.key for t in toks[i : i + n]) == month:
            return n
    return 0


# --- rules --------------------------------------------------------------------------------


def _name_word(key: str, w: _Words) -> bool:
    """A word that can be part of a person's name (not the first word)."""
    return not (
        not _word(key)
        or _stop(key, w)
        or _is(key, w.titles)
        or key in w.modifiers
        or key in w.time_words
        or _is(key, w.construct_titles)
        or _is(key, w.org_heads)
        or _nationality(key)
        or key.endswith(("ته", "تها", "تهم", "هما"))  # استقالته: a noun with a pronoun
    )


def _name_after(
    text: str, toks: list[Token], j: int, w: _Words, *, definite_ok: bool, dot: bool = False
) -> int:
    """End index (exclusive) of a person's name starting at word j, or j if none: one or
    two words (عادل فهمي, أحمد الخطيب), more only through بن/أبو/عبد (محمد بن راشد,
    عبد الله); after a definite title a lone definite word is a name (الرئيس الأسد)."""
    n = len(toks)
    gap = text[toks[j - 1].end : toks[j].start] if 0 < j < n else "x"
    if j >= n or not (not gap.strip() or (dot and gap.strip() == ".")):
        return j
    first = toks[j].key
    if not _word(first) or _stop(first, w) or _is(first, w.titles) or first in w.patronymic:
        return j
    if first in w.connectors:  # عبد الله, أبو مازن
        if not (j + 1 < n and _joined(text, toks, j + 1) and _name_word(toks[j + 1].key, w)):
            return j
        k = j + 2
    elif _definite(first):
        if not definite_ok or first in w.modifiers or _nationality(first):
            return j
        return j + 1
    else:
        k = j + 1
    if k < n and _joined(text, toks, k):
        key = toks[k].key
        if key in w.connectors or key in w.patronymic:
            if k + 1 < n and _joined(text, toks, k + 1) and _name_word(toks[k + 1].key, w):
                k += 2
        elif _name_word(key, w):
            k += 1
    return k


def titles(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    n = len(toks)
    for i, tok in enumerate(toks):
        key = tok.key
        j = i + 1
        if _is(key, w.titles) or (key == "د" and text[tok.end : tok.end + 1] == "."):
            while (
                j < n
                and _joined(text, toks, j)
                and (toks[j].key in w.modifiers or _nationality(toks[j].key))
            ):
                j += 1
            definite_ok = key != "د"
        elif _is(key, w.construct_titles) or _is(key, w.spokesman):
            if _is(key, w.spokesman) and j < n and toks[j].key == "باسم":
                j += 1
            skipped = 0
            while j < n and skipped < 4 and _joined(text, toks, j) and _definite(toks[j].key):
                if _is(toks[j].key, w.titles) or toks[j].key in w.time_words:
                    break
                j += 1
                skipped += 1
            if not skipped:
                continue
            definite_ok = False
        else:
            continue
        if j < n and _is(toks[j].key, w.titles):
            continue  # رئيس الهيئة الدكتور عادل: the inner title names him
        end = _name_after(text, toks, j, w, definite_ok=definite_ok, dot=key == "د")
        if end > j:
            out.append(Candidate(toks[j].start, toks[end - 1].end, "person", "title"))
    return out


def _adjective(key: str, w: _Words) -> bool:
    """A word that can continue an organisation's name after its first complement: a
    nisba (الإسلامي, العالمية), a listed adjective (العامة, المتحدة), a genitive with ل
    (للطيران) or a coordinated noun (والزراعة)."""
    if key.startswith(("لل", "وال")):
        return True
    if not key.startswith("ال"):
        return False
    return key in w.org_adjectives or (len(key) >= 5 and key.endswith(("ي", "يه")))


def _org_end(text: str, toks: list[Token], i: int, definite_head: bool, w: _Words) -> int:
    """Index after the last word of the organisation whose head is word i (i + 1: none)."""
    n = len(toks)
    j = i + 1
    while j < n and j - i <= 4 and _joined(text, toks, j):
        key = toks[j].key
        if key in w.time_words or key in w.weekdays or key in w.stop or _is(key, w.titles):
            break
        first = j == i + 1
        if first and not definite_head:
            ok = _definite(key) and not key.startswith("وال")  # the genitive: منظمة التعاون
        else:
            ok = _adjective(key, w) and not (first and key.startswith("وال"))
        if not ok:
            break
        j += 1
    return j


def _after_clitic(text: str, tok: Token, clitic: int) -> int | None:
    return tok.start if not clitic else advance_letters(text, tok.start, clitic)


@lru_cache(maxsize=1 << 17)
def _org_head(key: str) -> tuple[int, str]:
    """(letters of proclitic, the head noun) when the word is an organisation's head,
    bare or after a proclitic (لمنظمة); (0, "") when it is not."""
    w = words()
    for clitic, reading in ((0, key), *clitic_splits(key)):
        if reading in w.org_heads or reading in w.org_heads_definite:
            return clitic, reading
    return 0, ""


def organisations(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    for i, tok in enumerate(toks):
        clitic, reading = _org_head(tok.key)
        if not reading:
            continue
        end = _org_end(text, toks, i, reading in w.org_heads_definite, w)
        start = _after_clitic(text, tok, clitic)
        if end == i + 1 or start is None:
            continue
        stop = toks[end - 1].end
        # After ل the article's alef is not written: للمنظمة → the name is المنظمة.
        name = "ا" + text[start:stop] if reading != tok.key[clitic:] else ""
        out.append(Candidate(start, stop, "organisation", "organisation", name))
    for hit in w.org_names.find(text, toks):
        out.append(Candidate(hit.start, hit.end, "organisation", "name", hit.payloads[0]))
    return out


_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d|14\d\d|13\d\d)(م|ه)?$")
_NUMERIC_DATE = re.compile(
    r"(?<![0-9٠-٩])(?:[0-9٠-٩]{1,2}[/.-][0-9٠-٩]{1,2}[/.-](?:[0-9٠-٩]{4}|[0-9٠-٩]{2})"
    r"|[0-9٠-٩]{4}-[0-9٠-٩]{2}-[0-9٠-٩]{2})(?![0-9٠-٩])"
)


def _day(key: str) -> bool:
    return key.isdigit() and 1 <= int(key) <= 31 and len(key) <= 2


def _date_gap(text: str, toks: list[Token], i: int) -> bool:
    """Words i-1 and i are joined by white space, brackets or a slash only."""
    return i > 0 and not text[toks[i - 1].end : toks[i].start].strip(" \t()/-")


def _month_date(text: str, toks: list[Token], i: int, size: int, w: _Words) -> tuple[int, int]:
    """(first, last) word of the date around the month name at words i..i+size-1, or
    (-1, last word of the month) when no day or year makes it a date."""
    n = len(toks)
    first, last = i, i + size - 1
    # A second name for the same month: كانون الثاني (يناير), يناير/كانون الثاني.
    if last + 1 < n and _date_gap(text, toks, last + 1):
        last += _month_at(toks, last + 1, w)
    has_day = first > 0 and _day(toks[first - 1].key) and _joined(text, toks, first)
    has_year = last + 1 < n and _YEAR.match(toks[last + 1].key) and _date_gap(text, toks, last + 1)
    if not (has_day or has_year):
        return -1, last
    if has_day:
        first -= 1
    if has_year:
        last += 1
        if last + 1 < n and toks[last + 1].key in ("م", "ه") and _joined(text, toks, last + 1):
            last += 1  # 1445 هـ, 2024 م
    weekday = first > 0 and toks[first - 1].key in w.weekdays
    if weekday and not text[toks[first - 1].end : toks[first].start].strip(" ،,"):
        first -= 1
    return first, last


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


def dates(text: str, toks: list[Token]) -> list[Candidate]:
    w = words()
    out = []
    n = len(toks)
    i = 0
    while i < n:
        size = _month_at(toks, i, w)
        if not size:
            i += 1
            continue
        first, last = _month_date(text, toks, i, size, w)
        if first >= 0:
            out.append(Candidate(toks[first].start, toks[last].end, "date", "date"))
        i = last + 1
    month_dates = SpanIndex((c.start, c.end) for c in out)
    for i in range(n - 1):
        year = toks[i + 1]
        if (
            toks[i].key in w.year_words
            and _YEAR.match(year.key)
            and _joined(text, toks, i + 1)
            and not month_dates.cover(year.start)
        ):
            out.append(Candidate(toks[i].start, year.end, "date", "date"))
    out += [Candidate(m.start(), m.end(), "date", "date") for m in _NUMERIC_DATE.finditer(text)]
    return out


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
        if prev is not None and (_is(prev.key, w.org_heads) or _is(prev.key, w.org_heads_definite)):
            kind = "organisation"
        elif prev is not None and _is(prev.key, w.titles):
            kind = "person"
        elif _is(first, w.event_heads):
            kind = "event"
        elif _is(first, w.org_heads) or _is(first, w.org_heads_definite) or len(inside) == 1:
            kind = "organisation"
        else:
            kind = "other"
        out.append(Candidate(inside[0].start, inside[-1].end, kind, "quoted"))
    return out


def all_rules(text: str, toks: list[Token]) -> list[Candidate]:
    return [
        *titles(text, toks),
        *organisations(text, toks),
        *dates(text, toks),
        *quoted(text, toks),
    ]
