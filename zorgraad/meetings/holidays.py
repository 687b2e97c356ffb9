"""Belgian public holidays and Flemish school holidays, to keep meeting proposals off them.

Public holidays are exact: the ten legal holidays of Belgium (Easter from `dateutil.easter`).

School holidays are an APPROXIMATION of the Flemish school calendar in force since the school year
2022-2023, computed from rules instead of the published decree tables:

- autumn break (herfstvakantie): two weeks around 1 November. When 1 November falls on Monday to
  Wednesday, the break is the week before plus the week of 1 November; otherwise it is the week of
  1 November plus the week after.
- Christmas break (kerstvakantie): two weeks from the Monday of the week of 25 December, or from the
  Monday after when 25 December falls in a weekend.
- spring break (krokusvakantie): two weeks from the Monday of carnival (Easter Sunday minus 48 days).
- Easter break (paasvakantie): two weeks from the first Monday of April; from Easter Monday when Easter
  falls in March; from the second Monday before Easter when Easter falls after 15 April.
- summer break (zomervakantie): 1 July to 31 August.

The decree sometimes shifts a break by a week (for instance to keep enough school weeks between two
breaks); those corrections are not modelled. Good enough to avoid proposing a meeting in a holiday,
not a source of truth for a school calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from dateutil.easter import easter  # type: ignore[import-untyped]

WEEK = dt.timedelta(days=7)
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    name: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@lru_cache(maxsize=64)
def public_holidays(year: int) -> dict[dt.date, str]:
    """The ten Belgian legal holidays of `year`, date -> Dutch name."""
    sunday = easter(year)
    return {
        dt.date(year, 1, 1): "Nieuwjaar",
        sunday + DAY: "Paasmaandag",
        dt.date(year, 5, 1): "Dag van de Arbeid",
        sunday + dt.timedelta(days=39): "O.L.H. Hemelvaart",
        sunday + dt.timedelta(days=50): "Pinkstermaandag",
        dt.date(year, 7, 21): "Nationale feestdag",
        dt.date(year, 8, 15): "O.L.V. Hemelvaart",
        dt.date(year, 11, 1): "Allerheiligen",
        dt.date(year, 11, 11): "Wapenstilstand",
        dt.date(year, 12, 25): "Kerstmis",
    }


def _autumn_break(year: int) -> Period:
    nov1 = dt.date(year, 11, 1)
    start = _monday(nov1) - WEEK if nov1.weekday() <= 2 else _monday(nov1)
    return Period(start, start + 2 * WEEK - DAY, "herfstvakantie")


def _christmas_break(year: int) -> Period:
    christmas = dt.date(year, 12, 25)
    start = _monday(christmas) + WEEK if christmas.weekday() >= 5 else _monday(christmas)
    return Period(start, start + 2 * WEEK - DAY, "kerstvakantie")


def _spring_break(year: int) -> Period:
    start = easter(year) - dt.timedelta(days=48)  # carnival Monday
    return Period(start, start + 2 * WEEK - DAY, "krokusvakantie")


def _easter_break(year: int) -> Period:
    sunday = easter(year)
    if sunday.month == 3:
        start = sunday + DAY
    elif sunday > dt.date(year, 4, 15):
        start = _monday(sunday) - WEEK
    else:
        april1 = dt.date(year, 4, 1)
        start = april1 + dt.timedelta(days=(7 - april1.weekday()) % 7)
    end = start + 2 * WEEK - DAY
    # Easter Monday is always free; when it falls just after the two weeks, the break runs on to it.
    end = max(end, sunday + DAY)
    return Period(start, end, "paasvakantie")


def _summer_break(year: int) -> Period:
    return Period(dt.date(year, 7, 1), dt.date(year, 8, 31), "zomervakantie")


@lru_cache(maxsize=64)
def school_holidays(year: int) -> tuple[Period, ...]:
    """The Flemish school breaks that touch `year` (including the Christmas break of the year before)."""
    return (
        _christmas_break(year - 1),
        _spring_break(year),
        _easter_break(year),
        _summer_break(year),
        _autumn_break(year),
        _christmas_break(year),
    )


def public_holiday(day: dt.date) -> str | None:
    return public_holidays(day.year).get(day)


def school_holiday(day: dt.date) -> str | None:
    for period in school_holidays(day.year):
        if day in period:
            return period.name
    return None


def day_off(day: dt.date) -> str | None:
    """Why no meeting should be planned on `day` (weekend, public or school holiday), or None."""
    if day.weekday() == 5:
        return "zaterdag"
    if day.weekday() == 6:
        return "zondag"
    return public_holiday(day) or school_holiday(day)
