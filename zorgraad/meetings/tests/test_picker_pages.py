"""The meeting, attendance and minutes forms pick an organisation by searching, not from a list of the
whole zone (issue 14, finding 8; issue 17 measured 93-97 % of these pages' time in such lists)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zorgraad.meetings.models import Meeting, MeetingStatus, PartnerRoundEntry

from . import test_schedule_support as make

pytestmark = pytest.mark.django_db
D = dt.date


def zone_url(name: str, **kwargs: Any) -> str:
    return reverse(f"meetings:{name}", kwargs={"zone": "amalo", **kwargs})


def many_organisations(zone: Any, n: int = 25) -> list[Any]:
    return [make.org(zone, name=f"Lijstorganisatie {i:02d}") for i in range(n)]


def test_meeting_form_has_no_list_of_the_zones_organisations(staff_client: Client, zone: Any) -> None:
    body = make.body(zone)
    orgs = many_organisations(zone)
    html = staff_client.get(zone_url("meeting_create", body=body.slug)).content.decode()
    assert 'name="venue_organisation__zoek"' in html and '<select name="venue_organisation"' not in html
    assert not any(o.name in html for o in orgs)
    html = staff_client.get(
        zone_url("meeting_create", body=body.slug)
        + "?datum=2030-03-14&venue_organisation__zoek=lijstorganisatie 07"
    ).content.decode()
    assert f'name="venue_organisation" value="{orgs[7].pk}"' in html and orgs[8].name not in html
    assert 'value="2030-03-14"' in html  # the other parameters of the page are kept


def test_meeting_edit_keeps_an_archived_venue_and_refuses_another_zones(
    staff_client: Client, zone: Any, other_zone: Any
) -> None:
    body = make.body(zone)
    venue = make.org(zone, name="Oud Ontmoetingshuis", is_archived=True)
    meeting = make.meeting(body, D(2030, 3, 14), venue=venue)
    html = staff_client.get(zone_url("meeting_edit", pk=meeting.pk)).content.decode()
    assert f'name="venue_organisation" value="{venue.pk}" checked' in html
    theirs = make.org(other_zone, name="Zaal elders")
    data = {
        "title": "",
        "date": "2030-03-14",
        "start_time": "13:30",
        "end_time": "16:00",
        "venue_organisation": str(theirs.pk),
        "venue": "",
        "online_url": "",
    }
    response = staff_client.post(zone_url("meeting_edit", pk=meeting.pk), data)
    assert "Kies een organisatie van deze eerstelijnszone." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.venue_organisation_id == venue.pk


def test_minutes_and_guest_forms_have_no_list_of_the_zones_organisations(
    staff_client: Client, zone: Any, other_zone: Any
) -> None:
    body = make.body(zone)
    meeting = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.HELD)
    orgs = many_organisations(zone)
    for name, prefix in (("minutes", "partner-"), ("minutes", "next-"), ("guest_add", "")):
        html = staff_client.get(zone_url(name, pk=meeting.pk)).content.decode()
        field = "venue_organisation" if prefix == "next-" else "organisation"
        assert f'name="{prefix}{field}__zoek"' in html, (name, prefix)
        assert f'<select name="{prefix}{field}"' not in html
        assert not any(o.name in html for o in orgs), name
    # The partner round takes the chosen organisation; another zone's is refused.
    url = zone_url("minutes", pk=meeting.pk)
    theirs = make.org(other_zone)
    response = staff_client.post(
        url, {"action": "partner", "partner-organisation": str(theirs.pk), "partner-text": "Infoavond"}
    )
    assert "Kies een organisatie van deze eerstelijnszone." in response.content.decode()
    assert PartnerRoundEntry.objects.for_zone(zone).count() == 0
    staff_client.post(
        url, {"action": "partner", "partner-organisation": str(orgs[3].pk), "partner-text": "Infoavond"}
    )
    assert list(PartnerRoundEntry.objects.for_zone(zone).values_list("organisation_id", flat=True)) == [
        orgs[3].pk
    ]


@pytest.mark.parametrize("page", ["meeting_edit", "minutes", "guest_add"])
def test_picker_pages_query_count_does_not_grow_with_the_zone(
    staff_client: Client, zone: Any, page: str
) -> None:
    body = make.body(zone)
    status = MeetingStatus.PLANNED if page == "meeting_edit" else MeetingStatus.HELD
    meeting: Meeting = make.meeting(body, D(2030, 3, 14), status=status)
    url = zone_url(page, pk=meeting.pk) + "?organisation__zoek=lijst&venue_organisation__zoek=lijst"

    def queries() -> int:
        staff_client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(url).status_code == 200
        return len(captured)

    make.org(zone, name="Lijstorganisatie eerst")
    small = queries()
    many_organisations(zone, 40)
    assert queries() == small
