"""Dates: day + month (+ year), month + year, ranges, numeric dates and years, each with
its ISO 8601 value (`library.text.dates`).

- a month name of any system (يناير, كانون الثاني, جانفي, غشت, رمضان…), alone only with a
  day or a year (مارس, صفر, رجب are everyday words too); a second name for the same month
  after it (كانون الثاني/يناير, تموز (يوليو)); a weekday before it is part of the date;
- ranges of days: 12 و13 يناير, 12-13 يناير, من 3 إلى 5 مارس (من outside), and across
  months: 23 يناير إلى 5 فبراير 2025;
- a year after عام/سنة, or after في/منذ/حتى/خلال/بحلول (the year alone: the cue word is
  not part of the date); هـ after a year makes it Hijri, م Gregorian;
- numeric dates: 12/3/2024 (day first), 2024-03-12.
Relative dates (أمس, الأحد الماضي, العام المقبل) are not mentions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from library.marks.rules.common import Candidate, SpanIndex, _joined, _month_at, _Words, words
from library.text import dates as values
from library.text.arabic import Token, fold

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d|14\d\d|13\d\d)(م|ه)?$")
_NUMERIC_DATE = re.compile(
    r"(?<![0-9٠-٩/.\-])(?:[0-9٠-٩]{1,2}[/.-][0-9٠-٩]{1,2}[/.-](?:[0-9٠-٩]{4}|[0-9٠-٩]{2})"
    r"|[0-9٠-٩]{4}-[0-9٠-٩]{2}-[0-9٠-٩]{2})(?![0-9٠-٩]|[/.\-][0-9٠-٩])"
)
_RANGE_TO = frozenset({"الي", "حتي", "-", "لغايه"})
_YEAR_CUES = frozenset(
    fold(w)
    for base in [
        "في",
        "منذ",
        "حتى",
        "خلال",
        "بحلول",
        "من",
        "قبل",
        "بعد",
        "بين",
        "مطلع",
        "بداية",
        "نهاية",
        "أواخر",
        "أوائل",
        "منتصف",
        "صيف",
        "شتاء",
        "ربيع",
        "خريف",
        "موسم",
        "لغاية",
        "إلى",
    ]
    for w in (base, "و" + base)
)
# a number after these counts things (أكثر من 2000 شخص), no year
_COUNTING = frozenset(fold(w) for w in ["أكثر", "أقل", "نحو", "قرابة", "حوالي", "زهاء", "أزيد"])
_UNITS = frozenset(
    fold(w)
    for w in [
        "شخص",
        "أشخاص",
        "شخصا",
        "جندي",
        "جنديا",
        "عنصر",
        "عنصرا",
        "طن",
        "برميل",
        "دولار",
        "يورو",
        "دينار",
        "درهم",
        "ريال",
        "جنيه",
        "ليرة",
        "كيلومتر",
        "كيلومترا",
        "متر",
        "مترا",
        "ميغاواط",
        "قتيل",
        "جريح",
        "منزل",
        "وحدة",
        "مقعد",
        "مقاعد",
        "طالب",
        "طالبا",
        "عامل",
        "عاملا",
        "لاجئ",
        "لاجئا",
        "أسرة",
        "عائلة",
    ]
)
_CONFIDENCE = 0.9


_ACROSS = re.compile(r"\s+(?:إلى|الى|حتى|-)\s+")


def _across_months(text: str, found: list[Candidate]) -> list[Candidate]:
    """A day and a month without a year, then إلى and a full date: one range (23 يناير
    إلى 5 فبراير 2025), the year read from its end."""
    out: list[Candidate] = []
    for c in found:
        prev = out[-1] if out else None
        if text[c.start] == "و":  # و10 غشت: a second date, joined to the first one below
            if prev is not None and not text[prev.end : c.start].strip() and prev.value:
                first = prev.value
                if first.startswith("--") and c.value[:4].isdigit():
                    first = c.value[:4] + first[1:]  # the year read from the second date
                value = values.interval(first, c.value) if c.value else ""
                out[-1] = replace(prev, end=c.end, value=value)
                continue
            out.append(replace(c, start=c.start + 1))
            continue
        joined = prev is not None and _ACROSS.fullmatch(text, prev.end, c.start) is not None
        if joined and prev.value.startswith("--") and c.value[:4].isdigit():
            first = c.value[:4] + prev.value[1:]
            last = c.value.split("/")[-1]
            out[-1] = replace(prev, end=c.end, value=values.interval(first, last))
        else:
            out.append(c)
    return out


def _uncued_year(text: str, toks: list[Token], i: int, w: _Words) -> float:
    """The confidence of a year at word i with no cue word before it (0: none): one marked
    Hijri by هـ (بدورة 1446 هـ) is sure; a bare one is a guess (see `_bare_year`)."""
    if toks[i].key[:2] in ("13", "14") and _year_at(text, toks, i)[2]:
        return 0.85
    return 0.6 if _bare_year(text, toks, i, w) else 0.0


def _bare_year(text: str, toks: list[Token], i: int, w: _Words) -> bool:
    """A year with no cue word before it (حرائق 2015 في, أولمبياد لوس أنجلوس 2028.): a
    recent four-digit number that counts nothing, followed by punctuation or a word the
    lists call a stop word, not after a counting word or a number."""
    key = toks[i].key
    if not (key.isdigit() and 1950 <= int(key) <= _LAST_TARGET) or toks[i - 1].key in _COUNTING:
        return False
    if toks[i - 1].key.isdigit() or toks[i - 1].key in w.months:
        return False
    if i + 1 >= len(toks) or not _joined(text, toks, i + 1):
        return text[toks[i].end : toks[i].end + 1] not in "%٪"
    nxt = toks[i + 1].key
    return int(key) <= _LAST_NEAR and nxt in w.stop and nxt not in _UNITS


# A bare year followed by a stop word is believed up to _LAST_NEAR; one that ends a clause
# may be a target year further off (التزامات تتجاوز 2040.), which news names often.
_LAST_NEAR = 2039
_LAST_TARGET = 2060


# A weekday directly before the date is inside it (the conventions), except in the evening
# phrase they name: مساء الخميس 17 أبريل (and ليلة الخميس), where it belongs to the time.
_TIMES_OF_DAY = frozenset({"مساء", "ليله", "ليل"})


def _day(key: str) -> int | None:
    digits = key[1:] if key[:1] == "و" else key  # و13: the second day of a range
    if digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
    return None


def _date_gap(text: str, toks: list[Token], i: int) -> bool:
    """Words i-1 and i are joined by white space, brackets or a slash only."""
    return i > 0 and not text[toks[i - 1].end : toks[i].start].strip(" \t()/-")


def _gap(text: str, toks: list[Token], i: int) -> str:
    return text[toks[i - 1].end : toks[i].start].strip()


def _month(toks: list[Token], i: int, size: int) -> tuple[str, int] | None:
    return values.months().get(tuple(t.key for t in toks[i : i + size]))


def _second_name(text: str, toks: list[Token], last: int, w: _Words) -> int:
    """Words of a second name for the same month after word `last`: كانون الثاني (يناير),
    يناير/كانون الثاني (0 if none)."""
    if last + 1 < len(toks) and _date_gap(text, toks, last + 1):
        return _month_at(toks, last + 1, w)
    return 0


# Days spelled as ordinals before من and the month: الأول من سبتمبر 2026.
_ORDINAL_DAYS = {
    fold(w): n
    for n, w in enumerate(
        [
            *("الأول", "الثاني", "الثالث", "الرابع", "الخامس"),
            *("السادس", "السابع", "الثامن", "التاسع", "العاشر"),
        ],
        start=1,
    )
}


def _day_of(text: str, toks: list[Token], first: int) -> tuple[int | None, int]:
    """(day, its word) before the month at word `first`: 12 مارس, or a day with من
    (22 من أكتوبر, الأول من سبتمبر); (None, first) when there is none."""
    if first > 1 and toks[first - 1].key == "من" and _joined(text, toks, first - 1):
        key = toks[first - 2].key
        day = _day(key) if key[:1] != "و" else None
        day = day or _ORDINAL_DAYS.get(key)
        if day is not None and _joined(text, toks, first):
            return day, first - 2
    day = _day_before(text, toks, first)
    return day, first - 1


def _day_before(text: str, toks: list[Token], first: int) -> int | None:
    """The day written before the month at word `first` (و5 only after another day)."""
    if first == 0 or not _joined(text, toks, first):
        return None
    day = _day(toks[first - 1].key)
    if day is not None and toks[first - 1].key[:1] == "و":
        ok = first > 1 and _day(toks[first - 2].key) is not None and _joined(text, toks, first - 1)
        return day if ok or _after_month(text, toks, first - 1) else None
    return day


def _after_month(text: str, toks: list[Token], k: int) -> bool:
    """Word k (و + a day) follows a day and a month: the second date of a pair (بين 25
    يوليوز و10 غشت), joined to the first by `_across_months`."""
    w = words()
    if k < 2 or not _joined(text, toks, k):
        return False
    for size in (1, 2):
        at = k - size
        if at >= 1 and _month_at(toks, at, w) == size and _day(toks[at - 1].key) is not None:
            return True
    return False


def _range_start(text: str, toks: list[Token], first: int) -> tuple[int, int | None]:
    """(first word, first day) of a range ending with the day at word `first`: 12 و13,
    12-13, من 3 إلى 5; (first, None) when it is a single day."""
    if first == 0 or not (_joined(text, toks, first) or _gap(text, toks, first) == "-"):
        return first, None
    prev = toks[first - 1].key
    if (toks[first].key[:1] == "و" or _gap(text, toks, first) == "-") and _day(prev) is not None:
        start = first - 1
        while start > 0 and prev[:1] == "و" and _joined(text, toks, start):
            if _day(toks[start - 1].key) is None:
                break
            start -= 1  # 14 و15 و16 أبريل: a list of days, one mention
            prev = toks[start].key
        return start, _day(prev)
    if prev in _RANGE_TO and first > 1 and _day(toks[first - 2].key) is not None:
        start = first - 2
        day = _day(toks[start].key)
        return start, day  # a leading من or بين stays outside (the conventions)
    return first, None


def _month_date(text: str, toks: list[Token], i: int, size: int, w: _Words) -> Candidate | None:
    n = len(toks)
    first, last = i, i + size - 1
    month = _month(toks, i, size)
    extra = _second_name(text, toks, last, w)
    if extra:
        month = month or _month(toks, last + 1, extra)
        last += extra
    day, at = _day_of(text, toks, first)
    has_year = last + 1 < n and _YEAR.match(toks[last + 1].key) and _date_gap(text, toks, last + 1)
    if day is None and not has_year:
        return None
    calendar, number = month or ("", 0)
    first_day = day
    if day is not None:
        first, range_day = _range_start(text, toks, at)
        first_day = day if range_day is None else range_day
    year = None
    if has_year:
        last, year, hijri = _year_at(text, toks, last + 1)
        if hijri and not calendar:
            calendar = values.HIJRI
    weekday = first > 0 and toks[first - 1].key in w.weekdays
    if weekday and first > 1 and _joined(text, toks, first - 1):
        weekday = toks[first - 2].key not in _TIMES_OF_DAY  # مساء الخميس 17 أبريل
    if weekday and not text[toks[first - 1].end : toks[first].start].strip(" ،,"):
        first -= 1
    value = ""
    if calendar and first_day != day:
        value = values.interval(
            values.value(calendar, year, number, first_day),
            values.value(calendar, year, number, day),
        )
    elif calendar:
        value = values.value(calendar, year, number, day)
    return Candidate(toks[first].start, toks[last].end, "date", "date", "", value, _CONFIDENCE)


def _month_pair(text: str, toks: list[Token], i: int, size: int) -> Candidate | None:
    """Two months of one year: جويلية وأوت 2025, يوليو وأغسطس 2024 (one mention)."""
    n = len(toks)
    k = i + size
    if k + 1 >= n or not _joined(text, toks, k) or not _joined(text, toks, k + 1):
        return None
    second = toks[k].key
    if second[:1] != "و" or not _YEAR.match(toks[k + 1].key):
        return None
    first = _month(toks, i, size)
    other = values.months().get((second[1:],))
    if first is None or other is None or first[0] != other[0]:
        return None
    last, year, _ = _year_at(text, toks, k + 1)
    value = values.interval(
        values.value(first[0], year, first[1], None), values.value(other[0], year, other[1], None)
    )
    return Candidate(toks[i].start, toks[last].end, "date", "date", "", value, _CONFIDENCE)


_SEASON_GAPS = frozenset({"-", "–", "/"})


def _seasons(text: str, toks: list[Token]) -> list[Candidate]:
    """A season or a span of years written with a dash or a slash: 2023-2024, 2024/2025
    (one mention)."""
    out = []
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if _YEAR.match(a.key) and b.key[:1] == "و" and _YEAR.match(b.key[1:]):
            if _joined(text, toks, i + 1):  # 2019 و2022: one mention
                value = values.interval(values.iso(int(a.key[:4])), values.iso(int(b.key[1:5])))
                out.append(Candidate(a.start, b.end, "date", "date", "", value, 0.85))
            continue
        if (
            not (_YEAR.match(a.key) and _YEAR.match(b.key))
            or _gap(text, toks, i + 1) not in _SEASON_GAPS
        ):
            continue
        if text[a.end : b.start].strip() != text[a.end : b.start]:
            continue  # 2023 - 2024 with spaces is rarely a season
        first, second = int(a.key[:4]), int(b.key[:4])
        if 0 < second - first <= 10:
            value = values.interval(values.iso(first), values.iso(second))
            out.append(Candidate(a.start, b.end, "date", "date", "", value, 0.85))
    return out


def _year_at(text: str, toks: list[Token], i: int) -> tuple[int, int, bool]:
    """(last word, year, Hijri?) of the year at word i, with a following هـ or م."""
    m = _YEAR.match(toks[i].key)
    assert m is not None
    year, suffix, last = int(m.group(1)), m.group(2), i
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if (
        not suffix
        and nxt is not None
        and nxt.key in ("م", "ه")
        and _joined(text, toks, i + 1)
        and len(text[nxt.start : nxt.end]) <= 2
    ):
        suffix, last = nxt.key, i + 1
    return last, year, suffix == "ه"


def _year_value(toks: list[Token], i: int, text: str) -> tuple[int, str]:
    """(last word, value) of the year at word i, with a following هـ/م."""
    last, year, hijri = _year_at(text, toks, i)
    return last, values.hijri_value(year) if hijri else values.iso(year)


def _years(text: str, toks: list[Token], month_dates: SpanIndex, w: _Words) -> list[Candidate]:
    """Years outside the month dates: after عام/سنة, after a cue word, or alone."""
    out = []
    n = len(toks)
    for i in range(n - 1):
        year = toks[i + 1]
        key = toks[i].key
        if not (_YEAR.match(year.key) and _joined(text, toks, i + 1)):
            continue
        if month_dates.cover(year.start):
            continue
        if key in w.year_words or (key[:1] in "لوب" and key[1:] in w.year_words):
            # عام 2019, لعام 2026: the year is the date; عام is a cue, outside the mention
            # like a title before a name (the evaluation set's conventions).
            last, value = _year_value(toks, i + 1, text)
            out.append(Candidate(year.start, toks[last].end, "date", "date", "", value, 0.9))
        elif key in _YEAR_CUES and year.key[:2] in ("19", "20"):
            last, value = _year_value(toks, i + 1, text)
            nxt = toks[last + 1].key if last + 1 < n and _joined(text, toks, last + 1) else ""
            if nxt in w.months or nxt in _UNITS or (i > 0 and toks[i - 1].key in _COUNTING):
                continue  # 2024 مارس; أكثر من 2000 شخص
            out.append(Candidate(year.start, toks[last].end, "date", "date", "", value, 0.75))
        else:
            sure = _uncued_year(text, toks, i + 1, w)
            if sure:
                last, value = _year_value(toks, i + 1, text)
                out.append(Candidate(year.start, toks[last].end, "date", "date", "", value, sure))
    return out


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
        found = _month_date(text, toks, i, size, w) or _month_pair(text, toks, i, size)
        if found is not None:
            out.append(found)
        i += size
    out = _across_months(text, out)
    out += _years(text, toks, SpanIndex((c.start, c.end) for c in out), w)
    out += _seasons(text, toks)
    for m in _NUMERIC_DATE.finditer(text):
        value = values.numeric_value(m.group())
        if value:
            out.append(Candidate(m.start(), m.end(), "date", "date", "", value, 0.85))
    return out
