"""The follow-up owners of the minutes page: the attendance list and the body's active members, read
through their own rows only (issue 17: `IN (attendance) OR IN (members)` made PostgreSQL read every
person of the zone, 3.4 ms for 12 owners among the 20,000 people of the bench's big zone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zorgraad.meetings.models import Attendance, AttendanceStatus, MeetingStatus
from zorgraad.meetings.selectors import minutes as selectors
from zorgraad.network.models import Person

from . import test_schedule_support as make

pytestmark = pytest.mark.django_db


def test_owners_are_attendees_and_active_members_once_each(zone: Any, other_zone: Any) -> None:
    body = make.body(zone)
    meeting = make.meeting(body, dt.date(2026, 3, 12), status=MeetingStatus.HELD)
    both = make.person(zone, "Beide", "Aanwezig")
    attendee = make.person(zone, "Gast", "Bezoeker")
    member = make.person(zone, "Lid", "Afwezig")
    former = make.person(zone, "Oud", "Lid")
    make.person(zone, "Niet", "Betrokken")
    make.member(body, both)
    make.member(body, member)
    make.member(body, former, end=dt.date(2025, 12, 31))
    for who in (both, attendee):
        Attendance.objects.create(zone=zone, meeting=meeting, person=who, status=AttendanceStatus.PRESENT)
    other = make.person(other_zone, "Ander", "Gebied")
    with CaptureQueriesContext(connection) as captured:
        owners = list(selectors.followup_owner_choices(zone=zone, meeting=meeting))
    assert [p.last_name for p in owners] == ["Aanwezig", "Afwezig", "Bezoeker"]
    assert other not in owners
    assert len(captured) == 1
    sql = captured[0]["sql"].upper()
    assert "UNION" in sql and " OR " not in sql.split("WHERE", 1)[1].split("UNION")[0]


def test_owners_query_does_not_depend_on_the_people_of_the_zone(zone: Any) -> None:
    body = make.body(zone)
    meeting = make.meeting(body, dt.date(2026, 3, 12), status=MeetingStatus.HELD)
    make.member(body, make.person(zone, "Enig", "Lid"))

    def owners() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            names = [p.last_name for p in selectors.followup_owner_choices(zone=zone, meeting=meeting)]
        return len(captured), names

    before = owners()
    Person.objects.bulk_create(
        [Person(zone=zone, first_name="Vul", last_name=f"Persoon{i:03}", email="") for i in range(200)]
    )
    assert owners() == before == (1, ["Lid"])
