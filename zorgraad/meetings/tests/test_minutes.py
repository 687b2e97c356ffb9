"""Minutes: text per item with revisions, decisions, follow-ups, partner round, next meetings, approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.meetings.models import (
    Decision,
    FollowUp,
    Meeting,
    MeetingStatus,
    MeetingStatusChange,
    MinutesRevision,
    PartnerRoundEntry,
)
from zorgraad.meetings.services import minutes as services
from zorgraad.network.services import ServiceError

from .test_minutes_data import make_body, make_item, make_meeting, make_org, make_person

OCT = dt.date(2025, 10, 9)
MARCH = dt.date(2026, 3, 17)
MAY = dt.date(2026, 5, 7)


@pytest.fixture
def setup(zone: Any) -> dict[str, Any]:
    body = make_body(zone)
    meeting = make_meeting(
        zone, body, OCT, status=MeetingStatus.HELD, venue="Residentie De Kastanje, Merchtem"
    )
    items = [
        make_item(zone, meeting, 1, "Goedkeuring verslag vorige vergadering"),
        make_item(zone, meeting, 2, "Voorstelling 1 Gezin 1 Plan"),
        make_item(zone, meeting, 3, "Rondje van de partners"),
    ]
    march = make_meeting(
        zone, body, MARCH, status=MeetingStatus.PLANNED, start=dt.time(8, 30), end=dt.time(10, 30)
    )
    may = make_meeting(zone, body, MAY, status=MeetingStatus.PLANNED)
    return {"body": body, "meeting": meeting, "items": items, "march": march, "may": may}


def url(name: str, pk: int) -> str:
    return reverse(f"meetings:{name}", kwargs={"zone": "amalo", "pk": pk})


def reload(meeting: Meeting) -> Meeting:
    return Meeting.objects.for_zone(meeting.zone).get(pk=meeting.pk)


# --- text and revisions --------------------------------------------------------------------------


@pytest.mark.django_db
def test_saving_minutes_keeps_a_revision_per_changed_item(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting, items = setup["meeting"], setup["items"]
    response = staff_client.post(
        url("minutes", meeting.pk),
        {
            "action": "text",
            "intro": "Veel partners lieten zich verontschuldigen.",
            f"item_{items[0].pk}": "Het verslag wordt goedgekeurd.",
            f"item_{items[1].pk}": "De coördinator stelt de werking voor.\r\n- gezinscoaches\r\n- eerstelijnspsychologen",
            f"item_{items[2].pk}": "",
        },
        follow=True,
    )
    assert "Het verslag is bewaard." in response.content.decode()
    items[1].refresh_from_db()
    assert (
        items[1].minutes == "De coördinator stelt de werking voor.\n- gezinscoaches\n- eerstelijnspsychologen"
    )
    assert reload(meeting).intro == "Veel partners lieten zich verontschuldigen."
    revisions = MinutesRevision.objects.for_zone(zone).filter(item__meeting=meeting)
    assert revisions.count() == 2
    assert {r.author for r in revisions} == {users["staff"]}
    assert not any(r.after_publication for r in revisions)

    # The same text again is no new version.
    staff_client.post(
        url("minutes", meeting.pk),
        {
            "action": "text",
            "intro": "Veel partners lieten zich verontschuldigen.",
            f"item_{items[0].pk}": "Het verslag wordt goedgekeurd.",
            f"item_{items[1].pk}": items[1].minutes,
            f"item_{items[2].pk}": "",
        },
    )
    assert revisions.count() == 2

    page = staff_client.get(url("minutes", meeting.pk)).content.decode()
    assert "1 versie" in page and str(users["staff"]) in page


@pytest.mark.django_db
def test_editing_published_minutes_makes_a_new_revision_and_says_so(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting, items = setup["meeting"], setup["items"]
    services.minutes_save(
        zone=zone, actor=users["staff"], meeting=meeting, items={items[1].pk: "Eerste versie."}
    )
    Meeting.objects.for_zone(zone).filter(pk=meeting.pk).update(
        status=MeetingStatus.PUBLISHED, search_text="eerste versie"
    )
    response = staff_client.post(
        url("minutes", meeting.pk),
        {
            "action": "text",
            "intro": "",
            f"item_{items[0].pk}": "",
            f"item_{items[1].pk}": "Verbeterde versie over oncologïe.",
            f"item_{items[2].pk}": "",
        },
        follow=True,
    )
    assert (
        "Het verslag was al gepubliceerd: je wijziging is bewaard als nieuwe versie."
        in response.content.decode()
    )
    latest = MinutesRevision.objects.for_zone(zone).filter(item=items[1]).first()
    assert (
        latest is not None and latest.after_publication and latest.text == "Verbeterde versie over oncologïe."
    )
    assert MinutesRevision.objects.for_zone(zone).filter(item=items[1]).count() == 2
    assert "oncologie" in reload(meeting).search_text
    assert "eerste versie" not in reload(meeting).search_text
    assert "na publicatie" in staff_client.get(url("minutes", meeting.pk)).content.decode()


@pytest.mark.django_db
def test_item_of_another_meeting_is_refused_and_nothing_saved(zone: Any, users: Any, setup: Any) -> None:
    other_item = make_item(zone, setup["march"], 1, "Varia")
    with pytest.raises(ServiceError) as exc:
        services.minutes_save(
            zone=zone,
            actor=users["staff"],
            meeting=setup["meeting"],
            items={setup["items"][0].pk: "Goed.", other_item.pk: "Niet van deze vergadering."},
        )
    assert "Een agendapunt hoort niet bij deze vergadering." in exc.value.messages[0]
    assert not MinutesRevision.objects.for_zone(zone).exists()


# --- decisions, follow-ups, partner round ---------------------------------------------------------


@pytest.mark.django_db
def test_decision_followup_and_partner_round_from_the_minutes_page(
    zone: Any, staff_client: Any, setup: Any
) -> None:
    meeting, items = setup["meeting"], setup["items"]
    owner = make_person(zone, "Lien", "Mertens", "lien.mertens@example.be")
    from zorgraad.meetings.models import Attendance

    Attendance.objects.create(zone=zone, meeting=meeting, person=owner, status="present")
    org = make_org(zone, "LDC Den Hopstaak", "lokaal-dienstencentrum")

    r = staff_client.post(
        url("minutes", meeting.pk),
        {
            "action": "decision",
            "decision-text": "Het clusteroverleg komt drie keer per jaar samen.",
            "decision-item": items[1].pk,
        },
        follow=True,
    )
    assert "De beslissing is toegevoegd." in r.content.decode()
    r = staff_client.post(
        url("minutes", meeting.pk),
        {
            "action": "followup",
            "followup-description": "Folders meebrengen naar de volgende vergadering.",
            "followup-owner": owner.pk,
            "followup-due_date": "2026-03-17",
            "followup-item": items[2].pk,
        },
        follow=True,
    )
    assert "Het opvolgpunt is toegevoegd." in r.content.decode()
    r = staff_client.post(
        url("minutes", meeting.pk),
        {
            "action": "partner",
            "partner-organisation": org.pk,
            "partner-text": "Infosessie over slaap in november.",
        },
        follow=True,
    )
    page = r.content.decode()
    assert "De bijdrage aan het rondje is toegevoegd." in page
    assert "Het clusteroverleg komt drie keer per jaar samen." in page
    assert "Folders meebrengen" in page and "Lien Mertens" in page
    assert "LDC Den Hopstaak" in page and "Infosessie over slaap" in page

    decision = Decision.objects.for_zone(zone).get(meeting=meeting)
    assert decision.item == items[1]
    follow_up = FollowUp.objects.for_zone(zone).get(meeting=meeting)
    assert (follow_up.owner, follow_up.due_date, follow_up.done) == (owner, MARCH, False)
    assert PartnerRoundEntry.objects.for_zone(zone).get(meeting=meeting).organisation == org


@pytest.mark.django_db
def test_incomplete_decision_and_followup_show_dutch_errors_and_save_nothing(
    zone: Any, staff_client: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    page = staff_client.post(
        url("minutes", meeting.pk), {"action": "decision", "decision-text": "  "}
    ).content.decode()
    assert "Schrijf de beslissing op." in page
    page = staff_client.post(
        url("minutes", meeting.pk),
        {"action": "followup", "followup-description": "Iets opvolgen", "followup-due_date": "2025-01-01"},
    ).content.decode()
    assert "De deadline ligt vóór de vergadering (9 oktober 2025)." in page
    page = staff_client.post(
        url("minutes", meeting.pk), {"action": "partner", "partner-text": "Iets"}
    ).content.decode()
    assert "Kies de organisatie die iets deelde." in page
    assert not Decision.objects.for_zone(zone).exists()
    assert not FollowUp.objects.for_zone(zone).exists()
    assert not PartnerRoundEntry.objects.for_zone(zone).exists()


@pytest.mark.django_db
def test_followup_done_once(zone: Any, users: Any, staff_client: Any, setup: Any) -> None:
    follow_up = services.followup_add(
        zone=zone,
        actor=users["staff"],
        meeting=setup["meeting"],
        description="Flyers verzamelen",
        owner_text="secretariaat",
    )
    assert staff_client.get(url("followup_done", follow_up.pk)).status_code == 405
    r = staff_client.post(url("followup_done", follow_up.pk), follow=True)
    assert "Het opvolgpunt is afgewerkt." in r.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.done and follow_up.done_at is not None
    done_at = follow_up.done_at
    r = staff_client.post(url("followup_done", follow_up.pk), follow=True)
    assert "Dit opvolgpunt werd al afgewerkt op" in r.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.done_at == done_at


@pytest.mark.django_db
def test_published_minutes_get_decisions_into_their_search_text(zone: Any, users: Any, setup: Any) -> None:
    meeting = setup["meeting"]
    Meeting.objects.for_zone(zone).filter(pk=meeting.pk).update(status=MeetingStatus.PUBLISHED)
    services.decision_add(
        zone=zone, actor=users["staff"], meeting=reload(meeting), text="Jaarthema Oncologie en rouw."
    )
    assert "jaarthema oncologie en rouw" in reload(meeting).search_text


# --- next meetings -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_next_meeting_from_the_minutes(zone: Any, staff_client: Any, setup: Any) -> None:
    meeting, body = setup["meeting"], setup["body"]
    venue = make_org(zone, "Klein Veldeken", "woonzorgcentrum")
    r = staff_client.post(
        url("minutes", meeting.pk),
        {
            "action": "next",
            "next-date": "2026-10-19",
            "next-start_time": "11:30",
            "next-end_time": "13:30",
            "next-venue_organisation": venue.pk,
        },
        follow=True,
    )
    assert "De vergadering van 19 oktober 2026 is gepland." in r.content.decode()
    new = Meeting.objects.for_zone(zone).get(date=dt.date(2026, 10, 19))
    assert (new.body, new.status, new.start_time, new.end_time, new.venue_organisation) == (
        body,
        MeetingStatus.PLANNED,
        dt.time(11, 30),
        dt.time(13, 30),
        venue,
    )
    assert "Klein Veldeken" in staff_client.get(url("minutes", meeting.pk)).content.decode()


@pytest.mark.django_db
def test_next_meeting_with_end_before_start_or_taken_venue_is_refused(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    before = Meeting.objects.for_zone(zone).count()
    page = staff_client.post(
        url("minutes", meeting.pk),
        {"action": "next", "next-date": "2026-10-19", "next-start_time": "13:30", "next-end_time": "11:30"},
    ).content.decode()
    assert "Het einduur moet na het beginuur liggen." in page
    with pytest.raises(ServiceError) as exc:
        services.next_meeting_add(
            zone=zone,
            actor=users["staff"],
            meeting=meeting,
            date=dt.date(2026, 10, 19),
            start_time=dt.time(14, 0),
            end_time=dt.time(13, 0),
        )
    assert "Het einduur moet na het beginuur liggen." in exc.value.messages[0]

    venue = make_org(zone, "Klein Veldeken", "woonzorgcentrum")
    other_body = make_body(zone, name="Werkgroep ouderen", slug="werkgroep-ouderen")
    make_meeting(
        zone, other_body, dt.date(2026, 10, 19), status=MeetingStatus.PLANNED, venue_organisation=venue
    )
    before += 1
    page = staff_client.post(
        url("minutes", meeting.pk),
        {
            "action": "next",
            "next-date": "2026-10-19",
            "next-start_time": "13:00",
            "next-end_time": "15:00",
            "next-venue_organisation": venue.pk,
        },
    ).content.decode()
    assert (
        "Op 19 oktober 2026 is er bij Klein Veldeken al een vergadering: Werkgroep ouderen (13:30–16:00)."
        in page
    )
    page = staff_client.post(
        url("minutes", meeting.pk),
        {"action": "next", "next-date": "2025-09-01", "next-start_time": "13:00", "next-end_time": "15:00"},
    ).content.decode()
    assert "Een volgende vergadering valt na deze vergadering van 9 oktober 2025." in page
    assert Meeting.objects.for_zone(zone).count() == before


# --- approval ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_approve_at_the_next_meeting(zone: Any, users: Any, staff_client: Any, setup: Any) -> None:
    meeting, march = setup["meeting"], setup["march"]
    page = staff_client.get(url("minutes_approve", meeting.pk)).content.decode()
    assert f'value="{march.pk}" selected' in page  # the next meeting is the default
    r = staff_client.post(url("minutes_approve", meeting.pk), {"at_meeting": march.pk}, follow=True)
    assert "Het verslag is goedgekeurd op de vergadering van 17 maart 2026." in r.content.decode()
    meeting = reload(meeting)
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert meeting.approved_at_meeting == march
    change = MeetingStatusChange.objects.for_zone(zone).get(meeting=meeting)
    assert (change.from_status, change.to_status, change.actor) == ("held", "approved", users["staff"])


@pytest.mark.django_db
def test_approving_twice_is_refused_and_changes_nothing(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting, march, may = setup["meeting"], setup["march"], setup["may"]
    services.minutes_approve(zone=zone, actor=users["staff"], meeting=meeting, at_meeting=march)
    before = reload(meeting).updated_at
    with pytest.raises(ServiceError) as exc:
        services.minutes_approve(zone=zone, actor=users["staff"], meeting=meeting, at_meeting=may)
    assert exc.value.messages[0] == "Dit verslag werd al goedgekeurd op 17 maart 2026."
    page = staff_client.post(url("minutes_approve", meeting.pk), {"at_meeting": may.pk}).content.decode()
    assert "Dit verslag werd al goedgekeurd op 17 maart 2026." in page
    meeting = reload(meeting)
    assert meeting.approved_at_meeting == march and meeting.updated_at == before
    assert MeetingStatusChange.objects.for_zone(zone).filter(meeting=meeting).count() == 1


@pytest.mark.django_db
def test_approving_at_an_earlier_or_other_bodys_meeting_is_refused(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    earlier = make_meeting(zone, setup["body"], dt.date(2025, 5, 13), status=MeetingStatus.HELD)
    with pytest.raises(ServiceError) as exc:
        services.minutes_approve(zone=zone, actor=users["staff"], meeting=meeting, at_meeting=earlier)
    assert (
        "Een verslag wordt goedgekeurd op een latere vergadering. Kies een vergadering na 9 oktober 2025."
        in str(exc.value.messages)
    )
    with pytest.raises(ServiceError):
        services.minutes_approve(zone=zone, actor=users["staff"], meeting=meeting, at_meeting=meeting)
    other_body = make_body(zone, name="Raad van bestuur", slug="raad-van-bestuur", is_open=False)
    other = make_meeting(zone, other_body, MARCH, status=MeetingStatus.PLANNED)
    with pytest.raises(ServiceError) as exc:
        services.minutes_approve(zone=zone, actor=users["staff"], meeting=meeting, at_meeting=other)
    assert "Kies een vergadering van hetzelfde overlegorgaan (Clusteroverleg welzijn)." in str(
        exc.value.messages
    )
    # The form only offers later meetings of the same body: a forged choice gets a Dutch error.
    page = staff_client.post(url("minutes_approve", meeting.pk), {"at_meeting": earlier.pk}).content.decode()
    assert "Kies een latere vergadering van hetzelfde overlegorgaan." in page
    meeting = reload(meeting)
    assert meeting.status == MeetingStatus.HELD and meeting.approved_at_meeting is None


@pytest.mark.django_db
def test_minutes_of_a_meeting_not_yet_held_cannot_be_approved(zone: Any, users: Any, setup: Any) -> None:
    with pytest.raises(ServiceError) as exc:
        services.minutes_approve(
            zone=zone, actor=users["staff"], meeting=setup["march"], at_meeting=setup["may"]
        )
    assert "Enkel het verslag van een gehouden vergadering kan goedgekeurd worden." in exc.value.messages[0]
    assert reload(setup["march"]).status == MeetingStatus.PLANNED


@pytest.mark.django_db
def test_minutes_pages_are_for_this_bodys_secretary_and_zone_only(
    zone: Any, client_as: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    assert client_as("secretary").get(url("minutes", meeting.pk)).status_code == 403
    assert (
        client_as("secretary")
        .post(url("minutes_approve", meeting.pk), {"at_meeting": setup["march"].pk})
        .status_code
        == 403
    )
    assert reload(meeting).status == MeetingStatus.HELD
    other = client_as("other_staff")
    for name in ("minutes", "minutes_approve", "minutes_publish"):
        assert (
            other.get(
                reverse(f"meetings:{name}", kwargs={"zone": "zennevallei", "pk": meeting.pk})
            ).status_code
            == 404
        )
