"""Public pages of bodies and their minutes: who sees what, the layout of the seeds, query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from zorgraad.meetings.models import Attendance, Decision, FollowUp, MeetingStatus, PartnerRoundEntry

from .test_minutes_data import make_body, make_item, make_meeting, make_member, make_org, make_person

PAST = dt.date(2025, 10, 9)


def future(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def world(zone: Any, other_zone: Any, users: Any) -> dict[str, Any]:
    open_body = make_body(zone)
    closed = make_body(
        zone,
        name="Raad van bestuur",
        slug="raad-van-bestuur",
        is_open=False,
        description="Het bestuur van de vzw.",
    )
    venue = make_org(zone, "LDC Den Hopstaak", "lokaal-dienstencentrum")
    published = make_meeting(
        zone, open_body, PAST, status=MeetingStatus.PUBLISHED, venue="Residentie De Kastanje, Merchtem"
    )
    make_item(zone, published, 1, "Goedkeuring verslag vorige vergadering", "Het verslag wordt goedgekeurd.")
    item = make_item(zone, published, 2, "Voorstelling gezinsondersteuning", "De werking wordt voorgesteld.")
    Decision.objects.create(
        zone=zone, meeting=published, item=item, text="We nodigen de coördinator opnieuw uit."
    )
    FollowUp.objects.create(
        zone=zone, meeting=published, item=item, description="Folders verzamelen", owner_text="secretariaat"
    )
    PartnerRoundEntry.objects.create(
        zone=zone, meeting=published, organisation=venue, text="Infosessie over slaap."
    )
    present = make_person(zone, "Greet", "Wouters", "greet.wouters@example.be")
    excused = make_person(zone, "Hilde", "Maes", "hilde.maes@example.be")
    absent = make_person(zone, "Ivo", "Smet", "ivo.smet@example.be")
    Attendance.objects.create(
        zone=zone, meeting=published, person=present, organisation=venue, status="present"
    )
    Attendance.objects.create(zone=zone, meeting=published, person=excused, status="excused")
    Attendance.objects.create(zone=zone, meeting=published, person=absent, status="absent")
    approved = make_meeting(zone, open_body, dt.date(2025, 5, 13), status=MeetingStatus.MINUTES_APPROVED)
    upcoming = make_meeting(
        zone,
        open_body,
        future(20),
        status=MeetingStatus.INVITED,
        venue_organisation=venue,
        start=dt.time(8, 30),
        end=dt.time(10, 30),
    )
    make_item(zone, upcoming, 1, "Sociaal werkontbijt")
    make_item(zone, upcoming, 2, "Varia")
    later = make_meeting(zone, open_body, future(80), status=MeetingStatus.PLANNED)
    closed_published = make_meeting(zone, closed, PAST, status=MeetingStatus.PUBLISHED)
    make_item(zone, closed_published, 1, "Begroting", "De begroting wordt besproken.")
    closed_approved = make_meeting(zone, closed, dt.date(2025, 11, 20), status=MeetingStatus.MINUTES_APPROVED)
    make_item(zone, closed_approved, 1, "Jaarverslag", "Het jaarverslag wordt goedgekeurd.")
    # A member of the closed body (the `member` user).
    person = make_person(zone, "Koen", "Lemmens", "koen.lemmens@example.be", user=users["member"])
    make_member(zone, closed, person)
    foreign_body = make_body(other_zone)
    foreign = make_meeting(other_zone, foreign_body, PAST, status=MeetingStatus.PUBLISHED)
    return {
        "open": open_body,
        "closed": closed,
        "published": published,
        "approved": approved,
        "upcoming": upcoming,
        "later": later,
        "closed_published": closed_published,
        "closed_approved": closed_approved,
        "foreign": foreign,
    }


def body_url(body: Any, zone: str = "amalo") -> str:
    return reverse("meetings:body_public", kwargs={"zone": zone, "body": body.slug})


def meeting_url(body: Any, meeting: Any, zone: str = "amalo") -> str:
    return reverse("meetings:meeting_public", kwargs={"zone": zone, "body": body.slug, "pk": meeting.pk})


@pytest.mark.django_db
def test_body_index_lists_open_bodies_with_their_next_meeting(client: Any, world: dict[str, Any]) -> None:
    page = client.get(reverse("meetings:body_index", kwargs={"zone": "amalo"})).content.decode()
    assert "Clusteroverleg welzijn" in page
    assert world["upcoming"].date.strftime("%Y") in page and "LDC Den Hopstaak" in page
    assert reverse("meetings:minutes_search", kwargs={"zone": "amalo"}) in page
    # The closed body is named (its name is public) but only under "Besloten overleg".
    assert page.index("Raad van bestuur") > page.index("Besloten overleg")


@pytest.mark.django_db
def test_body_index_empty_state(client: Any, zone: Any) -> None:
    page = client.get(reverse("meetings:body_index", kwargs={"zone": "amalo"})).content.decode()
    assert "Er zijn nog geen open overlegorganen in deze eerstelijnszone." in page


@pytest.mark.django_db
def test_open_body_page_shows_next_meeting_agenda_and_published_minutes(
    client: Any, world: dict[str, Any]
) -> None:
    page = client.get(body_url(world["open"])).content.decode()
    assert "3 keer per jaar, in Q1, Q2 en Q4" in page
    assert "Van 8u30 tot 10u30" in page and "LDC Den Hopstaak" in page
    assert "Sociaal werkontbijt" in page and "Varia" in page
    assert meeting_url(world["open"], world["published"]) in page
    assert meeting_url(world["open"], world["approved"]) not in page  # approved, not yet published
    assert reverse("governance:body_subscribe", kwargs={"zone": "amalo", "body": world["open"].slug}) in page
    assert reverse("meetings:body_ics", kwargs={"zone": "amalo", "body": world["open"].slug}) in page


@pytest.mark.django_db
def test_agenda_is_public_only_once_the_invitation_is_out(
    zone: Any, client: Any, world: dict[str, Any]
) -> None:
    from zorgraad.meetings.models import Meeting

    Meeting.objects.for_zone(zone).filter(pk=world["upcoming"].pk).update(status=MeetingStatus.PLANNED)
    page = client.get(body_url(world["open"])).content.decode()
    assert "De agenda volgt met de uitnodiging." in page
    assert "Sociaal werkontbijt" not in page


@pytest.mark.django_db
def test_closed_body_shows_only_name_and_description_to_the_public(
    client: Any, world: dict[str, Any]
) -> None:
    page = client.get(body_url(world["closed"])).content.decode()
    assert "Raad van bestuur" in page and "Het bestuur van de vzw." in page
    assert "enkel voor de leden" in page
    assert meeting_url(world["closed"], world["closed_published"]) not in page
    assert "governance" not in page and "inschrijven" not in page


@pytest.mark.django_db
def test_member_of_closed_body_sees_its_approved_and_published_minutes(
    client_as: Any, world: dict[str, Any]
) -> None:
    member = client_as("member")
    page = member.get(body_url(world["closed"])).content.decode()
    assert meeting_url(world["closed"], world["closed_published"]) in page
    assert meeting_url(world["closed"], world["closed_approved"]) in page
    assert "goedgekeurd, nog niet gepubliceerd" in page
    minutes = member.get(meeting_url(world["closed"], world["closed_approved"]))
    assert minutes.status_code == 200 and "Het jaarverslag wordt goedgekeurd." in minutes.content.decode()
    # A partner user who is no member of the closed body gets 404, not 403.
    assert client_as("partner").get(meeting_url(world["closed"], world["closed_approved"])).status_code == 404


@pytest.mark.django_db
def test_public_reads_only_published_minutes_of_open_bodies(client: Any, world: dict[str, Any]) -> None:
    assert client.get(meeting_url(world["open"], world["published"])).status_code == 200
    for body, meeting in (
        (world["closed"], world["closed_published"]),
        (world["closed"], world["closed_approved"]),
        (world["closed"], world["published"]),  # right meeting, wrong body
    ):
        assert client.get(meeting_url(body, meeting)).status_code == 404, meeting
    # An open body's meeting without published minutes shows the meeting, not its minutes.
    for meeting in (world["approved"], world["upcoming"]):
        html = client.get(meeting_url(world["open"], meeting)).content.decode()
        assert "Deelnemers" not in html and "Vergadering Clusteroverleg welzijn" in html


@pytest.mark.django_db
def test_another_zones_meeting_id_under_this_zone_is_404(
    client: Any, world: dict[str, Any], other_zone: Any
) -> None:
    assert client.get(meeting_url(world["open"], world["foreign"])).status_code == 404
    # Its own zone shows it.
    assert (
        client.get(meeting_url(world["foreign"].body, world["foreign"], zone="zennevallei")).status_code
        == 200
    )


@pytest.mark.django_db
def test_published_minutes_follow_the_layout_of_the_seeds(client: Any, world: dict[str, Any]) -> None:
    page = client.get(meeting_url(world["open"], world["published"])).content.decode()
    assert "Verslag Clusteroverleg welzijn" in page
    assert "Donderdag 9 oktober 2025" in page and "Van 13u30 tot 16u00" in page
    assert "Residentie De Kastanje, Merchtem" in page
    parts = ["1 Deelnemers", "Greet Wouters", "Verontschuldigd", "Hilde Maes", "2 Verslag"]
    parts += ["1. Goedkeuring verslag vorige vergadering", "2. Voorstelling gezinsondersteuning"]
    parts += ["De werking wordt voorgesteld.", "We nodigen de coördinator opnieuw uit.", "Folders verzamelen"]
    parts += ["Rondje van de partners", "Infosessie over slaap.", "Volgende vergaderingen"]
    positions = [page.index(p) for p in parts]
    assert positions == sorted(positions)
    assert "Ivo Smet" not in page  # absent people are not listed
    assert "@example.be" not in page  # no contact data on the public minutes


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_body_page_query_count_does_not_grow_with_meetings(
    zone: Any, client_as: Any, world: dict[str, Any], role: str, django_assert_max_num_queries: Any
) -> None:
    client = client_as(role)
    body = world["open"]
    client.get(body_url(body))  # warm up (session, caches)
    cache.clear()  # count the page's own queries, not a page-cache hit
    with django_assert_max_num_queries(12) as small:
        assert client.get(body_url(body)).status_code == 200
    for n in range(30):
        meeting = make_meeting(
            zone, body, PAST - dt.timedelta(days=7 * (n + 1)), status=MeetingStatus.PUBLISHED
        )
        make_item(zone, meeting, 1, f"Punt {n}", "Tekst.")
        make_meeting(zone, body, future(100 + n), status=MeetingStatus.PLANNED)
    cache.clear()  # this test's writes are never committed, so they do not raise the generation
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(body_url(body)).content.decode()
    assert "Pagina 1 van 2" in page


@pytest.mark.django_db
def test_minutes_query_count_does_not_grow_with_items(
    zone: Any, client: Any, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    meeting = world["published"]
    with django_assert_max_num_queries(20) as small:
        client.get(meeting_url(world["open"], meeting))
    org = make_org(zone, "CAW Halle-Vilvoorde", "caw")
    for n in range(30):
        item = make_item(zone, meeting, 10 + n, f"Punt {n}", "Tekst.")
        Decision.objects.create(zone=zone, meeting=meeting, item=item, text=f"Beslissing {n}")
        PartnerRoundEntry.objects.create(zone=zone, meeting=meeting, organisation=org, text=f"Nieuws {n}")
        person = make_person(zone, f"Persoon{n}", "Test")
        Attendance.objects.create(
            zone=zone, meeting=meeting, person=person, organisation=org, status="present"
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(meeting_url(world["open"], meeting)).status_code == 200
