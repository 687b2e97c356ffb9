"""Query-count guards of the staff pages of one meeting: as many queries for a meeting with one
agenda item, attendee, decision, follow-up and partner-round entry as for one with many (issue 17)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zorgraad.meetings.models import (
    Attendance,
    AttendanceStatus,
    Decision,
    Meeting,
    MeetingStatus,
    MinutesRevision,
    PartnerRoundEntry,
)

from . import test_schedule_support as make

pytestmark = pytest.mark.django_db
PAGES = ("meeting_detail", "agenda", "attendance", "minutes")
# Before issue 17's staff round: 16 queries for the minutes page and 7 for attendance on such a meeting.
MAX = {"minutes": 11, "attendance": 6}


def _fill(meeting: Meeting, n: int, start: int = 0) -> None:
    zone = meeting.zone
    for i in range(start, start + n):
        who = make.person(zone, "Lid", f"Nummer{i:03}")
        org = make.org(zone, name=f"Partner {i:03}")
        make.member(meeting.body, who, organisation=org)
        Attendance.objects.create(
            zone=zone, meeting=meeting, person=who, organisation=org, status=AttendanceStatus.PRESENT
        )
        item = make.item(meeting, f"Punt {i:03}", i + 1, presenter=who, minutes=f"Verslag {i}")
        MinutesRevision.objects.create(zone=zone, item=item, text=f"Verslag {i}")
        Decision.objects.create(zone=zone, meeting=meeting, item=item, text=f"Beslissing {i}")
        make.follow_up(meeting, f"Opvolgen {i}", item=item, owner=who, due_date=dt.date(2026, 6, 1))
        PartnerRoundEntry.objects.create(
            zone=zone, meeting=meeting, organisation=org, person=who, text=f"Nieuws {i}"
        )


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm the session and per-zone caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def test_meeting_pages_cost_the_same_queries_with_one_and_many_rows(zone: Any, staff_client: Client) -> None:
    body = make.body(zone)
    meeting = make.meeting(body, dt.date(2026, 3, 12), status=MeetingStatus.HELD)
    make.meeting(body, dt.date(2026, 6, 11))  # a next meeting for the minutes page
    _fill(meeting, 1)
    urls = {name: reverse(f"meetings:{name}", kwargs={"zone": zone.slug, "pk": meeting.pk}) for name in PAGES}
    one = {name: _queries(staff_client, url) for name, url in urls.items()}
    _fill(meeting, 14, start=1)
    many = {name: _queries(staff_client, url) for name, url in urls.items()}
    assert many == one
    assert {name: one[name] for name in MAX} == {name: min(one[name], bound) for name, bound in MAX.items()}


def test_minutes_page_shows_every_row_it_read(zone: Any, staff_client: Client) -> None:
    """The select options come from the lists the page read once: every item and owner is there."""
    body = make.body(zone)
    meeting = make.meeting(body, dt.date(2026, 3, 12), status=MeetingStatus.HELD)
    _fill(meeting, 3)
    html = staff_client.get(reverse("meetings:minutes", kwargs={"zone": zone.slug, "pk": meeting.pk})).content
    text = html.decode()
    for i in range(3):
        assert text.count(f"Punt {i:03}</option>") == 2  # decision and follow-up selects
        assert f"Lid Nummer{i:03}</option>" in text  # follow-up owner
