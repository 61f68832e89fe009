"""Date values (library.text.dates): month names, the tabular Hijri calendar, ISO 8601."""

from __future__ import annotations

import datetime

import pytest

from library.text import dates
from library.text.arabic import fold


@pytest.mark.parametrize(
    ("name", "calendar", "month"),
    [
        ("يناير", "gregorian", 1),
        ("كانون الثاني", "gregorian", 1),
        ("جانفي", "gregorian", 1),
        ("فيفري", "gregorian", 2),
        ("آذار", "gregorian", 3),
        ("أفريل", "gregorian", 4),
        ("ماي", "gregorian", 5),
        ("جوان", "gregorian", 6),
        ("يوليوز", "gregorian", 7),
        ("جويلية", "gregorian", 7),
        ("غشت", "gregorian", 8),
        ("أوت", "gregorian", 8),
        ("شتنبر", "gregorian", 9),
        ("تشرين الأول", "gregorian", 10),
        ("نونبر", "gregorian", 11),
        ("دجنبر", "gregorian", 12),
        ("محرم", "hijri", 1),
        ("ربيع الآخر", "hijri", 4),
        ("جمادى الثانية", "hijri", 6),
        ("ذي الحجة", "hijri", 12),
    ],
)
def test_month_names(name, calendar, month):
    assert dates.months()[tuple(fold(w) for w in name.split())] == (calendar, month)


@pytest.mark.parametrize(
    ("hijri", "gregorian"),
    [
        ((1, 1, 1), datetime.date(622, 7, 19)),  # 16 July 622 Julian, the civil epoch
        ((1445, 8, 15), datetime.date(2024, 2, 25)),
        ((1445, 9, 1), datetime.date(2024, 3, 11)),
        ((1400, 1, 1), datetime.date(1979, 11, 21)),
    ],
)
def test_tabular_hijri_to_gregorian(hijri, gregorian):
    assert dates.hijri_to_gregorian(*hijri) == gregorian


def test_hijri_months_alternate_and_leap_years_have_a_30_day_dhu_al_hijja():
    assert [dates.hijri_month_length(1445, m) for m in range(1, 12)] == [30, 29] * 5 + [30]
    leap = [y for y in range(1, 31) if dates.hijri_month_length(y, 12) == 30]
    assert leap == [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]


@pytest.mark.parametrize(
    ("args", "value"),
    [
        ((2024, 3, 12), "2024-03-12"),
        ((2024, 3, None), "2024-03"),
        ((2024, None, None), "2024"),
        ((None, 3, 12), "--03-12"),
        ((None, 3, None), ""),
        ((2024, 2, 30), ""),
        ((None, 2, 29), "--02-29"),
        ((2024, 13, 1), ""),
    ],
)
def test_iso(args, value):
    assert dates.iso(*args) == value


def test_hijri_values_and_intervals():
    assert dates.hijri_value(1445, 9) == "2024-03-11/2024-04-09"
    assert dates.hijri_value(1445, 8, 15) == "2024-02-25"
    assert dates.hijri_value(1445, 2, 30) == ""  # Safar has 29 days
    assert dates.hijri_value(None, 9, 1) == ""
    assert dates.interval("2024-01-12", "2024-01-13") == "2024-01-12/2024-01-13"
    assert dates.interval("2024", "2024") == "2024"
    assert dates.interval("", "2024") == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12/3/2024", "2024-03-12"),
        ("2024-03-12", "2024-03-12"),
        ("١٢/٣/٢٠٢٤", "2024-03-12"),
        ("12.03.24", "2024-03-12"),
        ("31/2/2024", ""),
        ("15/8/1445", "2024-02-25"),
    ],
)
def test_numeric_dates(text, value):
    assert dates.numeric_value(text) == value


def test_numbers_in_any_digits():
    assert dates.number("٢٠٢٤") == 2024 and dates.number("۱۲") == 12 and dates.number("x1") is None
