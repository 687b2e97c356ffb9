"""Dates and times written out in Dutch (nl-BE), whatever the language of the session.

For text that is Dutch by nature: the minutes in the zones' own layout, the reasons given with a
proposed meeting date, the dates in the planning's messages. Pages in the user's language use
Django's `date` and `time` filters instead.
"""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def weekday_name(day: dt.date) -> str:
    """'donderdag'."""
    return WEEKDAYS[day.weekday()]


def month_name(month: int) -> str:
    """'oktober' for 10."""
    return MONTHS[month - 1]


def long_date(day: dt.date, *, weekday: bool = True, capital: bool = True) -> str:
    """'Donderdag 9 oktober 2025'; '9 oktober 2025' without the weekday; 'donderdag …' without capital."""
    text = f"{day.day} {month_name(day.month)} {day.year}"
    if not weekday:
        return text
    name = weekday_name(day)
    return f"{name.capitalize() if capital else name} {text}"


def short_time(moment: dt.time) -> str:
    """'13u30', '8u05', '16u'."""
    return f"{moment.hour}u{moment.minute:02d}" if moment.minute else f"{moment.hour}u"
