"""Date values: month names of every system Arabic news uses, Hijri to Gregorian, ISO 8601.

Month names (folded with `library.text.arabic.fold`, one or two words):
- Gregorian, Egyptian/Gulf transliteration: يناير … ديسمبر (with common spellings);
- Levantine/Iraqi Syriac names: كانون الثاني … كانون الأول;
- Algerian/Tunisian French forms: جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر…;
- Moroccan forms: يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر;
- Hijri: محرم … ذو الحجة (ذي الحجة, ربيع الآخر/الثاني, جمادى الآخرة/الثانية).

Hijri dates are converted with the arithmetical (tabular) Islamic calendar, civil epoch
(1 Muharram 1 = 16 July 622 Julian), leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of
each 30-year cycle. It can differ by a day or two from the Umm al-Qura calendar or from a
sighting of the moon; that is the price of a rule everyone can recompute.

Values (ISO 8601): "2024-03-12", "2024-03", "2024"; an interval "2024-01-12/2024-01-13";
a date without a year keeps what is known as ISO 8601:2000 month-day "--03-12" (a month
alone without a year gets no value: "" ). A Hijri month or year becomes the interval of
Gregorian days it covers.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from library.text.arabic import fold

GREGORIAN = "gregorian"
HIJRI = "hijri"

_GREGORIAN_NAMES = {
    1: "يناير ينايِر كانون_الثاني جانفي جانفييه",
    2: "فبراير فبرائر شباط فيفري فبرير",
    3: "مارس آذار",
    4: "أبريل ابريل إبريل نيسان أفريل افريل",
    5: "مايو أيار ماي",
    6: "يونيو يونيه حزيران جوان",
    7: "يوليو يوليه تموز جويلية جويليه يوليوز",
    8: "أغسطس اغسطس آب أوت اوت غشت",
    9: "سبتمبر أيلول شتنبر",
    10: "أكتوبر اكتوبر تشرين_الأول أكتوبر",
    11: "نوفمبر تشرين_الثاني نونبر",
    12: "ديسمبر كانون_الأول دجنبر",
}
_HIJRI_NAMES = {
    1: "محرم المحرم",
    2: "صفر",
    3: "ربيع_الأول",
    4: "ربيع_الآخر ربيع_الثاني",
    5: "جمادى_الأولى جمادى_الأول",
    6: "جمادى_الآخرة جمادى_الثانية جمادى_الآخر",
    7: "رجب",
    8: "شعبان",
    9: "رمضان",
    10: "شوال",
    11: "ذو_القعدة ذي_القعدة",
    12: "ذو_الحجة ذي_الحجة",
}


@cache
def months() -> dict[tuple[str, ...], tuple[str, int]]:
    """Folded month name (its words) → (calendar, month number)."""
    out: dict[tuple[str, ...], tuple[str, int]] = {}
    for calendar, table in ((GREGORIAN, _GREGORIAN_NAMES), (HIJRI, _HIJRI_NAMES)):
        for number, names in table.items():
            for name in names.split():
                out[tuple(fold(w) for w in name.split("_"))] = (calendar, number)
    return out


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def number(text: str) -> int | None:
    """An integer written in Western, Arabic-Indic or Persian digits (None otherwise)."""
    digits = text.translate(_DIGITS)
    return int(digits) if digits.isascii() and digits.isdigit() else None


# --- calendars ----------------------------------------------------------------------------


def _hijri_jdn(year: int, month: int, day: int) -> int:
    return day + (295 * (month - 1) + 9) // 10 + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439


def hijri_month_length(year: int, month: int) -> int:
    if month == 12:
        return 30 if (14 + 11 * year) % 30 < 11 else 29
    return 30 if month % 2 else 29


def hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """The tabular Islamic calendar (see the module docstring)."""
    return datetime.date.fromordinal(_hijri_jdn(year, month, day) - 1721425)


# --- values -------------------------------------------------------------------------------


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None:
            return False
        try:
            datetime.date(year or 2000, month, day)  # 2000: a leap year, 29 February is fine
        except ValueError:
            return False
    return year is None or 1 <= year <= 9999


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """ISO 8601 for what is known: 2024-03-12, 2024-03, 2024, --03-12; "" if not valid or
    only a month is known."""
    if not _valid(year, month, day):
        return ""
    if year is None:
        return f"--{month:02d}-{day:02d}" if month and day else ""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def interval(first: str, last: str) -> str:
    """An ISO 8601 interval of two values ("" if either is unknown; one value if equal)."""
    if not first or not last:
        return ""
    return first if first == last else f"{first}/{last}"


def hijri_value(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """A Hijri date as its Gregorian value: a day, or the interval of days of a Hijri month
    or year ("" without a year: the Gregorian day cannot be known)."""
    if year is None or not 1 <= year <= 9999:
        return ""
    if month is None:
        first = hijri_to_gregorian(year, 1, 1)
        last = hijri_to_gregorian(year, 12, hijri_month_length(year, 12))
        return interval(first.isoformat(), last.isoformat())
    if not 1 <= month <= 12:
        return ""
    if day is None:
        first = hijri_to_gregorian(year, month, 1)
        last = hijri_to_gregorian(year, month, hijri_month_length(year, month))
        return interval(first.isoformat(), last.isoformat())
    if not 1 <= day <= hijri_month_length(year, month):
        return ""
    return hijri_to_gregorian(year, month, day).isoformat()


def value(calendar: str, year: int | None, month: int | None = None, day: int | None = None) -> str:
    return hijri_value(year, month, day) if calendar == HIJRI else iso(year, month, day)


_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")


def numeric_value(text: str) -> str:
    """12/3/2024 (day first, as Arabic news writes it), 2024-03-12, 12.3.24 → ISO 8601."""
    m = _NUMERIC.match(text.strip().translate(_DIGITS))
    if not m:
        return ""
    a, b, c = (int(g) for g in m.groups())
    if len(m.group(1)) == 4:
        year, month, day = a, b, c
    else:
        day, month, year = a, b, c
        if len(m.group(3)) == 2:
            year += 2000 if year < 50 else 1900
        elif len(m.group(3)) != 4:
            return ""
    if 1300 <= year <= 1500:  # a Hijri year written in figures (12/9/1445)
        return hijri_value(year, month, day)
    return iso(year, month, day)
