from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.governance.models import Body, BodyKind
from zorgraad.meetings.models import FollowUp, Meeting, MeetingStatus
from zorgraad.network.models import Person


def make_meeting(zone: Any, body: Any, days: int, status: str = MeetingStatus.PLANNED) -> Meeting:
    return Meeting.objects.create(
        zone=zone,
        body=body,
        date=dt.date.today() + dt.timedelta(days=days),
        start_time=dt.time(13, 30),
        end_time=dt.time(16),
        status=status,
    )


@pytest.mark.django_db
def test_dashboard_shows_the_work_of_the_day(zone: Any, other_zone: Any, staff_client: Any) -> None:
    body = Body.objects.create(
        zone=zone, name="Clusteroverleg welzijn", slug="welzijn", kind=BodyKind.CLUSTER
    )
    make_meeting(zone, body, 10)
    held = make_meeting(zone, body, -20, MeetingStatus.HELD)
    FollowUp.objects.create(
        zone=zone,
        meeting=held,
        description="Flyer rondsturen",
        due_date=dt.date.today() - dt.timedelta(days=3),
    )
    Person.objects.create(zone=zone, first_name="Nog", last_name="Nooit", email="nn@example.be")
    other_body = Body.objects.create(zone=other_zone, name="Ander overleg", slug="ander", kind=BodyKind.FORUM)
    make_meeting(other_zone, other_body, 5)

    html = staff_client.get(reverse("zones:dashboard", kwargs={"zone": "amalo"})).content.decode()
    assert "Clusteroverleg welzijn" in html
    assert "nog geen uitnodiging verstuurd" in html
    assert "Flyer rondsturen" in html
    assert "1 persoon niet bevestigd" in html
    assert "Ander overleg" not in html


@pytest.mark.django_db
def test_dashboard_empty_state(zone: Any, staff_client: Any) -> None:
    html = staff_client.get(reverse("zones:dashboard", kwargs={"zone": "amalo"})).content.decode()
    assert "Alle verslagen zijn gepubliceerd." in html
    assert "Geen opvolgpunten over tijd." in html


@pytest.mark.django_db
def test_dashboard_lists_past_meetings_still_planned_and_bodies_missing_a_sector(
    zone: Any, staff_client: Any
) -> None:
    from zorgraad.zones.models import Sector

    body = Body.objects.create(
        zone=zone, name="Werkgroep woonzorg", slug="woonzorg", kind=BodyKind.WORKING_GROUP
    )
    body.required_sectors.add(Sector.objects.get(code="caw"))
    make_meeting(zone, body, -7)
    html = staff_client.get(reverse("zones:dashboard", kwargs={"zone": "amalo"})).content.decode()
    assert "nog niet als gehouden of geannuleerd aangeduid" in html
    assert "Sectoren zonder vertegenwoordiger" in html
    assert "CAW (centrum algemeen welzijnswerk)" in html
