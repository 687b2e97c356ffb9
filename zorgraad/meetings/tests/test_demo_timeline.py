"""The demo's meetings follow the day it is loaded: what is over was held, what comes is planned.

The seeds' meetings keep their dates (27 November 2024; 17 February, 13 May and 9 October 2025); the dates agreed for 2026
and the years planned from the body's rule are held or planned depending on the day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from zorgraad.governance import demo as governance_demo
from zorgraad.meetings import demo as meetings_demo
from zorgraad.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from zorgraad.meetings.selectors.dashboard import meeting_work
from zorgraad.zones import demo as zones_demo

pytestmark = pytest.mark.django_db

NOT_YET_HELD = (MeetingStatus.PLANNED, MeetingStatus.INVITED)


def load(day: dt.date) -> tuple[Any, list[Meeting]]:
    zones = zones_demo.load()
    governance_demo.load(zones, {})
    meetings_demo.load(zones, day)
    zone = zones["amalo"]
    return zone, list(Meeting.objects.for_zone(zone).order_by("date"))


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 12, 2),  # the day this was written: all of 2026 is over
        dt.date(2026, 3, 17),  # the day of the first 2026 meeting: it is still to come
        dt.date(2026, 6, 1),  # between the May and October meetings
        dt.date(2027, 6, 15),  # a later day: part of the rule's 2027 is over, 2028 is planned
        dt.date(2029, 12, 30),  # the last days of a year: the next year is planned
    ],
)
def test_no_meeting_before_the_day_is_still_planned_and_a_next_one_is(day: dt.date) -> None:
    zone, meetings = load(day)
    late = [(m.date, m.status) for m in meetings if m.date < day and m.status in NOT_YET_HELD]
    assert late == []
    upcoming = [m for m in meetings if m.date >= day]
    assert upcoming and all(m.status == MeetingStatus.PLANNED for m in upcoming)
    # the seeds' meetings keep their dates and their minutes
    seeds = {m.date: m.status for m in meetings if m.date.year < 2026}
    assert seeds == {
        dt.date(2024, 11, 27): MeetingStatus.PUBLISHED,
        dt.date(2025, 2, 17): MeetingStatus.HELD,
        dt.date(2025, 5, 13): MeetingStatus.HELD,
        dt.date(2025, 10, 9): MeetingStatus.HELD,
    }
    # the staff home has nothing to close, and a next meeting exists
    assert meeting_work(zone=zone, today=day).to_close == []
    # every meeting that was held has an attendance list, nobody answered one still to come
    for m in meetings:
        statuses = set(Attendance.objects.for_zone(zone).filter(meeting=m).values_list("status", flat=True))
        if m.date < day:
            assert AttendanceStatus.PRESENT in statuses, m.date
            assert m.invited_at is not None and m.invited_at.date() < m.date
        else:
            assert statuses == set(), m.date


def test_the_agreed_2026_meetings_on_the_day_of_writing() -> None:
    zone, meetings = load(dt.date(2026, 12, 2))
    agreed = [m for m in meetings if m.date.year == 2026]
    assert [(m.date, m.status) for m in agreed] == [
        (dt.date(2026, 3, 17), MeetingStatus.HELD),
        (dt.date(2026, 5, 7), MeetingStatus.HELD),
        (dt.date(2026, 10, 19), MeetingStatus.HELD),
    ]
    march = agreed[0]
    excused = Attendance.objects.for_zone(zone).filter(meeting=march, status=AttendanceStatus.EXCUSED)
    assert [a.person.last_name for a in excused] == ["Van Hove"]
    assert march.agenda_items.filter(is_fixed=True).count() == 7
    assert [m.status for m in meetings if m.date.year == 2027] == [MeetingStatus.PLANNED] * 3


def test_loading_again_on_a_later_day_changes_nothing() -> None:
    """load_demo creates what is missing and never rewrites: a second run leaves the first alone."""
    zone, first = load(dt.date(2026, 4, 1))
    again = meetings_demo.load({"amalo": zone}, dt.date(2026, 12, 2))
    assert sorted(m.pk for m in again) == [m.pk for m in first]
    assert [(m.date, m.status) for m in Meeting.objects.for_zone(zone).order_by("date")] == [
        (m.date, m.status) for m in first
    ]
