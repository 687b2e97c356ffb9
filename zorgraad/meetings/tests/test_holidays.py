"""Belgian public holidays and (approximate) Flemish school holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgraad.meetings import holidays

D = dt.date


def test_the_ten_public_holidays_of_2026() -> None:
    days = holidays.public_holidays(2026)
    assert sorted(days) == [
        D(2026, 1, 1),
        D(2026, 4, 6),  # Easter Monday (Easter 5 April 2026)
        D(2026, 5, 1),
        D(2026, 5, 14),  # Ascension
        D(2026, 5, 25),  # Whit Monday
        D(2026, 7, 21),
        D(2026, 8, 15),
        D(2026, 11, 1),
        D(2026, 11, 11),
        D(2026, 12, 25),
    ]
    assert days[D(2026, 4, 6)] == "Paasmaandag"
    assert days[D(2026, 5, 14)] == "O.L.H. Hemelvaart"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 4, 6), "Paasmaandag"),
        (D(2026, 7, 21), "Nationale feestdag"),
        (D(2026, 5, 14), "O.L.H. Hemelvaart"),
        (D(2025, 6, 9), "Pinkstermaandag"),  # Easter 20 April 2025
        (D(2027, 3, 29), "Paasmaandag"),  # Easter 28 March 2027
    ],
)
def test_public_holiday(day: dt.date, name: str) -> None:
    assert holidays.public_holiday(day) == name
    assert holidays.day_off(day) is not None


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("kerstvakantie", D(2025, 12, 22), D(2026, 1, 4)),
        ("krokusvakantie", D(2026, 2, 16), D(2026, 3, 1)),
        ("paasvakantie", D(2026, 4, 6), D(2026, 4, 19)),
        ("zomervakantie", D(2026, 7, 1), D(2026, 8, 31)),
        ("herfstvakantie", D(2026, 10, 26), D(2026, 11, 8)),
        ("kerstvakantie", D(2026, 12, 21), D(2027, 1, 3)),
    ],
)
def test_school_holidays_2026(name: str, start: dt.date, end: dt.date) -> None:
    assert holidays.school_holiday(start) == name
    assert holidays.school_holiday(end) == name
    assert holidays.school_holiday(start - dt.timedelta(days=1)) != name
    assert holidays.school_holiday(end + dt.timedelta(days=1)) != name


def test_easter_break_runs_on_to_a_late_easter_monday() -> None:
    # Easter 2025 falls on 20 April: the break starts two Mondays before and includes Easter Monday.
    assert holidays.school_holiday(D(2025, 4, 7)) == "paasvakantie"
    assert holidays.school_holiday(D(2025, 4, 21)) == "paasvakantie"
    assert holidays.school_holiday(D(2025, 4, 22)) is None


def test_autumn_break_lies_around_1_november() -> None:
    for year in range(2023, 2036):
        period = next(p for p in holidays.school_holidays(year) if p.name == "herfstvakantie")
        assert D(year, 11, 1) in period
        assert period.start.weekday() == 0
        assert (period.end - period.start).days == 13


def test_ordinary_days_and_weekends() -> None:
    assert holidays.day_off(D(2026, 2, 12)) is None  # a Thursday in February
    assert holidays.day_off(D(2026, 5, 21)) is None
    assert holidays.day_off(D(2026, 2, 14)) == "zaterdag"
    assert holidays.day_off(D(2026, 2, 15)) == "zondag"
    assert holidays.day_off(D(2026, 2, 19)) == "krokusvakantie"
