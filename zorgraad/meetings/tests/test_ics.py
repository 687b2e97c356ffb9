"""iCalendar: events read back with icalendar, and the zone, body and meeting feeds."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from zorgraad.meetings import ics
from zorgraad.meetings.models import MeetingStatus

from . import test_schedule_support as make

D = dt.date
BRUSSELS = ZoneInfo("Europe/Brussels")
pytestmark = pytest.mark.django_db


def events(data: bytes) -> dict[str, Any]:
    cal = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_round_trip(zone: Any) -> None:
    body = make.body(zone)
    host = make.org(zone, "Lokaal dienstencentrum De Linde", street="Kerkstraat 12", city="Asse")
    m = make.meeting(body, D(2026, 2, 12), venue=host, sequence=3)
    make.item(m, "Goedkeuring vorig verslag", 1)
    data = ics.calendar_bytes([m], "Overleg AMALO")
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "Overleg AMALO"
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Brussels"
    event = events(data)[str(m.uid)]
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 2, 12, 13, 30, tzinfo=BRUSSELS)
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("DTEND") == dt.datetime(2026, 2, 12, 16, 0, tzinfo=BRUSSELS)
    assert str(event["SUMMARY"]) == "Clusteroverleg welzijn"
    assert str(event["LOCATION"]) == "Lokaal dienstencentrum De Linde, Kerkstraat 12, 1730 Asse"
    assert int(event["SEQUENCE"]) == 3
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == f"http://testserver/amalo/overleg/{body.slug}/{m.pk}/"
    assert "DESCRIPTION" not in event  # the agenda of a meeting not yet invited stays internal


def test_summer_time_cancelled_and_agenda_once_invited(zone: Any) -> None:
    body = make.body(zone, is_open=False)
    m = make.meeting(
        body, D(2026, 6, 11), online_url="https://meet.example.be/welzijn", status=MeetingStatus.INVITED
    )
    make.item(m, "Signalen", 1)
    make.item(m, "Varia", 2)
    gone = make.meeting(body, D(2026, 9, 10), status=MeetingStatus.CANCELLED, title="Extra overleg")
    found = events(ics.calendar_bytes([m, gone], "x"))
    event = found[str(m.uid)]
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    assert str(event["URL"]) == "https://meet.example.be/welzijn"  # closed body: no public page
    assert str(event["LOCATION"]) == "online"
    assert "1. Signalen\n2. Varia" in str(event["DESCRIPTION"])
    assert str(found[str(gone.uid)]["STATUS"]) == "CANCELLED"
    assert str(found[str(gone.uid)]["SUMMARY"]) == "Extra overleg"


def test_invitation_calendar_is_a_request(zone: Any) -> None:
    m = make.meeting(make.body(zone), D(2026, 2, 12))
    cal = Calendar.from_ical(
        ics.invitation_bytes(m, attendee_email="an@example.be", attendee_name="An Testmans")
    )
    assert str(cal["METHOD"]) == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == str(m.uid)
    assert str(event["ATTENDEE"]) == "mailto:an@example.be"
    assert str(event["ORGANIZER"]).startswith("mailto:")


# --- feeds -----------------------------------------------------------------------------------------


def test_zone_feed(client: Client, zone: Any, other_zone: Any) -> None:
    today = dt.date.today()
    open_body = make.body(zone)
    closed = make.body(zone, name="Dagelijks bestuur", is_open=False)
    archived = make.body(zone, name="Oude werkgroep", is_archived=True)
    soon = make.meeting(open_body, today + dt.timedelta(days=20))
    recent = make.meeting(open_body, today - dt.timedelta(days=59))
    old = make.meeting(open_body, today - dt.timedelta(days=61))
    secret = make.meeting(closed, today + dt.timedelta(days=5))
    gone = make.meeting(archived, today + dt.timedelta(days=5))
    elsewhere = make.meeting(make.body(other_zone), today + dt.timedelta(days=5))
    response = client.get(reverse("meetings:zone_ics", kwargs={"zone": "amalo"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    uids = set(events(response.content))
    assert uids == {str(soon.uid), str(recent.uid)}
    assert not uids & {str(m.uid) for m in (old, secret, gone, elsewhere)}
    other = client.get(reverse("meetings:zone_ics", kwargs={"zone": other_zone.slug}))
    assert set(events(other.content)) == {str(elsewhere.uid)}


@pytest.mark.parametrize("n", [1, 20])
def test_zone_feed_query_count(client: Client, zone: Any, django_assert_max_num_queries: Any, n: int) -> None:
    body = make.body(zone)
    for i in range(n):
        m = make.meeting(body, dt.date.today() + dt.timedelta(days=i + 1), venue=make.org(zone))
        make.item(m, "Punt", 1)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("meetings:zone_ics", kwargs={"zone": "amalo"}))
    assert len(events(response.content)) == n


def test_body_feed_of_a_closed_body_only_for_members(client_as: Any, users: Any, zone: Any) -> None:
    closed = make.body(zone, name="Dagelijks bestuur", is_open=False)
    m = make.meeting(closed, D(2026, 2, 12))
    url = reverse("meetings:body_ics", kwargs={"zone": "amalo", "body": closed.slug})
    meeting_url = reverse("meetings:meeting_ics", kwargs={"zone": "amalo", "body": closed.slug, "pk": m.pk})
    for role in ("anonymous", "partner", "member", "other_staff"):
        assert client_as(role).get(url).status_code == 404, role
        assert client_as(role).get(meeting_url).status_code == 404, role
    make.member(closed, make.person(zone, user=users["member"]))
    assert set(events(client_as("member").get(url).content)) == {str(m.uid)}
    assert set(events(client_as("member").get(meeting_url).content)) == {str(m.uid)}
    assert client_as("staff").get(url).status_code == 200


def test_body_feed_of_an_open_body_has_all_its_meetings(client: Client, zone: Any) -> None:
    body = make.body(zone)
    old = make.meeting(body, D(2024, 11, 27), status=MeetingStatus.PUBLISHED)
    new = make.meeting(body, D(2026, 2, 12))
    make.meeting(make.body(zone, name="Forum"), D(2026, 2, 12))
    response = client.get(reverse("meetings:body_ics", kwargs={"zone": "amalo", "body": body.slug}))
    assert set(events(response.content)) == {str(old.uid), str(new.uid)}


def test_meeting_feed_checks_body_and_zone(client: Client, zone: Any, other_zone: Any) -> None:
    body = make.body(zone)
    other = make.body(zone, name="Forum")
    m = make.meeting(body, D(2026, 2, 12))
    ok = client.get(reverse("meetings:meeting_ics", kwargs={"zone": "amalo", "body": body.slug, "pk": m.pk}))
    assert ok.status_code == 200
    assert 'filename="vergadering.ics"' in ok["Content-Disposition"]
    wrong_body = reverse("meetings:meeting_ics", kwargs={"zone": "amalo", "body": other.slug, "pk": m.pk})
    assert client.get(wrong_body).status_code == 404
    foreign = make.meeting(make.body(other_zone, slug=body.slug), D(2026, 2, 12))
    url = reverse("meetings:meeting_ics", kwargs={"zone": "amalo", "body": body.slug, "pk": foreign.pk})
    assert client.get(url).status_code == 404
