"""Publication of approved minutes: the search text, the status and the newsletter queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.meetings.models import Decision, Meeting, MeetingStatus, MeetingStatusChange, PartnerRoundEntry
from zorgraad.meetings.selectors.minutes import newsletter_queue
from zorgraad.meetings.services import publication
from zorgraad.network.services import ServiceError

from .test_minutes_data import make_body, make_item, make_meeting, make_org


@pytest.fixture
def approved(zone: Any) -> Meeting:
    body = make_body(zone)
    later = make_meeting(zone, body, dt.date(2026, 3, 17), status=MeetingStatus.HELD)
    meeting = make_meeting(
        zone,
        body,
        dt.date(2025, 10, 9),
        status=MeetingStatus.MINUTES_APPROVED,
        title="Najaarsoverleg",
        intro="Welkom.",
    )
    Meeting.objects.for_zone(zone).filter(pk=meeting.pk).update(approved_at_meeting=later)
    make_item(zone, meeting, 1, "Jaarthema’s", "Het jaarthema van 2025 is Oncologie.")
    make_item(zone, meeting, 2, "Perinatale zorg", "Screening met kwetsbaarheidsindicatoren.")
    Decision.objects.create(zone=zone, meeting=meeting, text="Volgende vergadering met ontbijt.")
    org = make_org(zone, "Huis van het Kind Asse", "huis-van-het-kind")
    PartnerRoundEntry.objects.create(
        zone=zone, meeting=meeting, organisation=org, text="Netwerkdag op 25 november."
    )
    return Meeting.objects.for_zone(zone).get(pk=meeting.pk)


def url(meeting: Meeting) -> str:
    return reverse("meetings:minutes_publish", kwargs={"zone": "amalo", "pk": meeting.pk})


@pytest.mark.django_db
def test_publish_fills_the_search_text_and_queues_for_the_newsletter(
    zone: Any, users: Any, staff_client: Any, approved: Meeting
) -> None:
    page = staff_client.get(url(approved)).content.decode()
    # No newsletter exists yet: the page offers no tick box for it (the newsletter adds its own).
    # (the staff menu names the newsletter; the publish form has no box for it)
    assert 'name="newsletter"' not in page and 'type="checkbox"' not in page
    r = staff_client.post(url(approved), {"newsletter": "on"}, follow=True)
    assert "Het verslag is gepubliceerd. Het komt in de volgende nieuwsbrief." in r.content.decode()
    meeting = Meeting.objects.for_zone(zone).get(pk=approved.pk)
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.published_at is not None and meeting.newsletter_queued_at is not None
    for words in (
        "clusteroverleg welzijn",
        "najaarsoverleg",
        "welkom",
        "jaarthema",
        "oncologie",
        "kwetsbaarheidsindicatoren",
        "ontbijt",
        "huis van het kind asse",
        "netwerkdag",
    ):
        assert words in meeting.search_text
    assert meeting.search_text == meeting.search_text.lower()
    assert list(newsletter_queue(zone)) == [meeting]
    change = MeetingStatusChange.objects.for_zone(zone).get(meeting=meeting)
    assert (change.from_status, change.to_status) == ("approved", "published")


@pytest.mark.django_db
def test_publish_without_newsletter_is_not_queued(
    zone: Any, users: Any, approved: Meeting, other_zone: Any
) -> None:
    publication.minutes_publish(zone=zone, actor=users["staff"], meeting=approved, newsletter=False)
    assert Meeting.objects.for_zone(zone).get(pk=approved.pk).newsletter_queued_at is None
    assert list(newsletter_queue(zone)) == []
    assert list(newsletter_queue(other_zone)) == []


@pytest.mark.django_db
def test_unapproved_minutes_cannot_be_published(zone: Any, users: Any, staff_client: Any) -> None:
    body = make_body(zone)
    held = make_meeting(zone, body, dt.date(2025, 10, 9), status=MeetingStatus.HELD)
    with pytest.raises(ServiceError) as exc:
        publication.minutes_publish(zone=zone, actor=users["staff"], meeting=held, newsletter=True)
    assert "Enkel een goedgekeurd verslag kan gepubliceerd worden." in exc.value.messages[0]
    page = staff_client.post(url(held), {"newsletter": "on"}).content.decode()
    assert "Enkel een goedgekeurd verslag kan gepubliceerd worden." in page
    held = Meeting.objects.for_zone(zone).get(pk=held.pk)
    assert (held.status, held.search_text, held.newsletter_queued_at, held.published_at) == (
        "held",
        "",
        None,
        None,
    )
    assert not MeetingStatusChange.objects.for_zone(zone).exists()


@pytest.mark.django_db
def test_publishing_twice_is_refused(zone: Any, users: Any, approved: Meeting) -> None:
    publication.minutes_publish(zone=zone, actor=users["staff"], meeting=approved, newsletter=False)
    with pytest.raises(ServiceError) as exc:
        publication.minutes_publish(zone=zone, actor=users["staff"], meeting=approved, newsletter=True)
    assert "Dit verslag is al gepubliceerd op" in exc.value.messages[0]
    assert Meeting.objects.for_zone(zone).get(pk=approved.pk).newsletter_queued_at is None


@pytest.mark.django_db
def test_closed_bodys_minutes_do_not_go_into_the_newsletter(zone: Any, users: Any) -> None:
    board = make_body(zone, name="Raad van bestuur", slug="raad-van-bestuur", is_open=False)
    meeting = make_meeting(zone, board, dt.date(2025, 10, 9), status=MeetingStatus.MINUTES_APPROVED)
    with pytest.raises(ServiceError) as exc:
        publication.minutes_publish(zone=zone, actor=users["staff"], meeting=meeting, newsletter=True)
    assert "Raad van bestuur is een besloten overleg: het verslag kan niet in de nieuwsbrief." in str(
        exc.value.messages
    )
    assert Meeting.objects.for_zone(zone).get(pk=meeting.pk).status == MeetingStatus.MINUTES_APPROVED
    publication.minutes_publish(zone=zone, actor=users["staff"], meeting=meeting, newsletter=False)
    assert Meeting.objects.for_zone(zone).get(pk=meeting.pk).status == MeetingStatus.PUBLISHED
