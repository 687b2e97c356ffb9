"""Attendance: the list, present / excused / absent in one POST, guests matched to the directory,
and the warning for required sectors that nobody present represents."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.meetings.models import Attendance, AttendanceStatus, MeetingStatus
from zorgraad.meetings.selectors.minutes import missing_sectors
from zorgraad.meetings.services import attendance as services
from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError

from .test_minutes_data import (
    make_affiliation,
    make_body,
    make_meeting,
    make_member,
    make_org,
    make_person,
    make_secretary,
)

DAY = dt.date(2026, 3, 17)


@pytest.fixture
def setup(zone: Any, users: dict[str, Any]) -> dict[str, Any]:
    body = make_body(zone, sectors=("caw", "woonzorgcentrum", "mutualiteit"))
    caw = make_org(zone, "CAW Halle-Vilvoorde", "caw")
    wzc = make_org(zone, "Woonzorgcentrum De Linde", "woonzorgcentrum")
    ann = make_person(zone, "Ann", "Verhaegen", "ann.verhaegen@example.be")
    bert = make_person(zone, "Bert", "Claes", "bert.claes@example.be")
    carla = make_person(zone, "Carla", "Goossens")
    old = make_person(zone, "Oud", "Lid")
    make_member(zone, body, ann, organisation=caw, represents="caw")
    make_member(zone, body, bert, organisation=wzc)
    make_member(zone, body, carla)
    make_member(zone, body, old, end=dt.date(2025, 12, 31))
    meeting = make_meeting(zone, body, DAY, status=MeetingStatus.INVITED)
    return {
        "body": body,
        "meeting": meeting,
        "ann": ann,
        "bert": bert,
        "carla": carla,
        "old": old,
        "caw": caw,
        "wzc": wzc,
    }


def url(name: str, meeting: Any) -> str:
    return reverse(f"meetings:{name}", kwargs={"zone": "amalo", "pk": meeting.pk})


def statuses(meeting: Any) -> dict[str, str]:
    return {
        a.person.first_name: a.status
        for a in Attendance.objects.for_zone(meeting.zone).filter(meeting=meeting)
    }


@pytest.mark.django_db
def test_add_members_puts_active_members_on_the_list_once(
    zone: Any, users: Any, setup: dict[str, Any]
) -> None:
    meeting = setup["meeting"]
    assert services.attendance_add_members(zone=zone, actor=users["staff"], meeting=meeting) == 3
    assert statuses(meeting) == {"Ann": "invited", "Bert": "invited", "Carla": "invited"}
    assert services.attendance_add_members(zone=zone, actor=users["staff"], meeting=meeting) == 0
    ann_row = Attendance.objects.for_zone(zone).get(meeting=meeting, person=setup["ann"])
    assert ann_row.organisation == setup["caw"]


@pytest.mark.django_db
def test_attendance_page_offers_members_then_saves_all_statuses_in_one_post(
    zone: Any, staff_client: Any, setup: dict[str, Any]
) -> None:
    meeting = setup["meeting"]
    page = staff_client.get(url("attendance", meeting)).content.decode()
    assert "Er staat nog niemand op de aanwezigheidslijst." in page
    assert "De 3 actieve leden van Clusteroverleg welzijn toevoegen" in page

    staff_client.post(url("attendance", meeting), {"action": "add_members"})
    page = staff_client.get(url("attendance", meeting)).content.decode()
    assert 'type="radio"' in page and "verontschuldigd" in page

    ann, bert, carla = setup["ann"], setup["bert"], setup["carla"]
    response = staff_client.post(
        url("attendance", meeting),
        {
            "action": "save",
            f"status_{ann.pk}": "present",
            f"status_{bert.pk}": "excused",
            f"status_{carla.pk}": "absent",
        },
        follow=True,
    )
    assert "De aanwezigheden zijn bewaard." in response.content.decode()
    assert statuses(meeting) == {"Ann": "present", "Bert": "excused", "Carla": "absent"}


@pytest.mark.django_db
def test_wrong_status_is_refused_and_nothing_changes(
    zone: Any, users: Any, setup: dict[str, Any], staff_client: Any
) -> None:
    meeting = setup["meeting"]
    services.attendance_add_members(zone=zone, actor=users["staff"], meeting=meeting)
    ann, bert = setup["ann"], setup["bert"]

    with pytest.raises(ServiceError) as exc:
        services.attendance_set(
            zone=zone, actor=users["staff"], meeting=meeting, statuses={ann.pk: "present", bert.pk: "maybe"}
        )
    assert "Kies voor iedereen aanwezig, verontschuldigd of afwezig." in exc.value.messages[0]

    stranger = make_person(zone, "Vreemde", "Eend")
    with pytest.raises(ServiceError) as exc:
        services.attendance_set(
            zone=zone,
            actor=users["staff"],
            meeting=meeting,
            statuses={ann.pk: "present", stranger.pk: "present"},
        )
    assert "staat niet (meer) op de aanwezigheidslijst" in exc.value.messages[0]

    response = staff_client.post(url("attendance", meeting), {"action": "save", f"status_{ann.pk}": "ergens"})
    assert "Kies aanwezig, verontschuldigd of afwezig." in response.content.decode()
    assert statuses(meeting) == {"Ann": "invited", "Bert": "invited", "Carla": "invited"}


@pytest.mark.django_db
def test_missing_sectors_counts_membership_attendance_organisation_and_affiliation(
    zone: Any, users: Any, setup: dict[str, Any]
) -> None:
    meeting = setup["meeting"]
    names = lambda: [s.code for s in missing_sectors(zone, meeting)]  # noqa: E731
    # Nobody present yet: every required sector is missing.
    assert names() == ["caw", "mutualiteit", "woonzorgcentrum"]
    services.attendance_add_members(zone=zone, actor=users["staff"], meeting=meeting)
    ann, bert, carla = setup["ann"], setup["bert"], setup["carla"]
    # Ann represents CAW through her membership; Bert is excused, so his woonzorgcentrum does not count.
    services.attendance_set(
        zone=zone, actor=users["staff"], meeting=meeting, statuses={ann.pk: "present", bert.pk: "excused"}
    )
    assert set(names()) == {"mutualiteit", "woonzorgcentrum"}
    # Bert present: the organisation on his attendance row is a woonzorgcentrum.
    services.attendance_set(zone=zone, actor=users["staff"], meeting=meeting, statuses={bert.pk: "present"})
    assert names() == ["mutualiteit"]
    # Carla has no organisation on the list; an ended affiliation with a mutualiteit does not count ...
    cm = make_org(zone, "Christelijke Mutualiteit", "mutualiteit")
    make_affiliation(zone, carla, cm, end=dt.date(2025, 1, 31))
    services.attendance_set(zone=zone, actor=users["staff"], meeting=meeting, statuses={carla.pk: "present"})
    assert names() == ["mutualiteit"]
    # ... a current one does.
    make_affiliation(zone, carla, cm)
    assert names() == []


@pytest.mark.django_db
def test_attendance_page_warns_for_missing_sector(
    zone: Any, users: Any, setup: dict[str, Any], staff_client: Any
) -> None:
    meeting = setup["meeting"]
    services.attendance_add_members(zone=zone, actor=users["staff"], meeting=meeting)
    services.attendance_set(
        zone=zone,
        actor=users["staff"],
        meeting=meeting,
        statuses={setup["ann"].pk: "present", setup["bert"].pk: "present", setup["carla"].pk: "excused"},
    )
    page = staff_client.get(url("attendance", meeting)).content.decode()
    assert "Niet elke sector is vertegenwoordigd" in page
    assert "Mutualiteit / dienst maatschappelijk werk" in page
    assert (
        "CAW (centrum algemeen welzijnswerk)" not in page.split("Niet elke sector")[1].split("</section>")[0]
    )


@pytest.mark.django_db
def test_guest_with_existing_email_is_offered_the_match_and_nothing_is_saved(
    zone: Any, staff_client: Any, setup: dict[str, Any]
) -> None:
    meeting = setup["meeting"]
    people_before = Person.objects.for_zone(zone).count()
    data = {"first_name": "Annie", "last_name": "Verhaegen-Peeters", "email": "ANN.Verhaegen@example.be"}
    response = staff_client.post(url("guest_add", meeting), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Staat deze persoon al in de lijst van de zone?" in page
    assert "Ann Verhaegen" in page and "zelfde e-mailadres" in page
    assert "Dit is dezelfde persoon" in page and "Toch een nieuwe persoon" in page
    assert Person.objects.for_zone(zone).count() == people_before
    assert not Attendance.objects.for_zone(zone).filter(meeting=meeting).exists()

    # "Dit is dezelfde persoon": the existing person is the guest, no new person.
    response = staff_client.post(
        url("guest_add", meeting),
        {**data, "use_person": str(setup["ann"].pk), "organisation": setup["caw"].pk},
        follow=True,
    )
    assert "Ann Verhaegen staat als gast op de aanwezigheidslijst." in response.content.decode()
    assert Person.objects.for_zone(zone).count() == people_before
    row = Attendance.objects.for_zone(zone).get(meeting=meeting)
    assert (row.person, row.is_guest, row.status, row.organisation) == (
        setup["ann"],
        True,
        AttendanceStatus.PRESENT,
        setup["caw"],
    )


@pytest.mark.django_db
def test_guest_with_close_name_then_new_person_on_request(
    zone: Any, staff_client: Any, setup: dict[str, Any]
) -> None:
    meeting = setup["meeting"]
    people_before = Person.objects.for_zone(zone).count()
    data = {"first_name": "Bért", "last_name": "claes", "email": ""}
    page = staff_client.post(url("guest_add", meeting), data).content.decode()
    assert "Bert Claes" in page and "Dit is dezelfde persoon" in page
    assert Person.objects.for_zone(zone).count() == people_before

    response = staff_client.post(url("guest_add", meeting), {**data, "confirm_new": "1"}, follow=True)
    assert "Bért claes staat als gast op de aanwezigheidslijst." in response.content.decode()
    assert Person.objects.for_zone(zone).count() == people_before + 1
    row = Attendance.objects.for_zone(zone).get(meeting=meeting)
    assert row.person != setup["bert"] and row.is_guest and row.status == AttendanceStatus.PRESENT


@pytest.mark.django_db
def test_unknown_guest_is_added_at_once_and_a_picked_person_must_be_offered(
    zone: Any, staff_client: Any, setup: dict[str, Any], other_zone: Any
) -> None:
    meeting = setup["meeting"]
    response = staff_client.post(
        url("guest_add", meeting),
        {"first_name": "Zeno", "last_name": "Wuyts", "email": "zeno@example.test"},
        follow=True,
    )
    assert "Zeno Wuyts staat als gast op de aanwezigheidslijst." in response.content.decode()
    assert Person.objects.for_zone(zone).filter(last_name="Wuyts", search_text__contains="zeno").exists()

    # A person id that was not offered (here: someone of another zone) is refused; nothing saved.
    foreign = make_person(other_zone, "Ann", "Verhaegen", "ann.verhaegen@example.be")
    before = Attendance.objects.for_zone(zone).count()
    page = staff_client.post(
        url("guest_add", meeting),
        {
            "first_name": "Ann",
            "last_name": "Verhaegen",
            "email": "ann.verhaegen@example.be",
            "use_person": foreign.pk,
        },
    ).content.decode()
    assert "Kies een van de voorgestelde personen" in page
    assert Attendance.objects.for_zone(zone).count() == before


@pytest.mark.django_db
def test_guest_already_on_the_list_is_refused(zone: Any, users: Any, setup: dict[str, Any]) -> None:
    meeting = setup["meeting"]
    services.attendance_add_members(zone=zone, actor=users["staff"], meeting=meeting)
    with pytest.raises(ServiceError) as exc:
        services.guest_add(zone=zone, actor=users["staff"], meeting=meeting, person=setup["ann"])
    assert "Ann Verhaegen staat al op de aanwezigheidslijst (uitgenodigd)." in exc.value.messages[0]
    assert Attendance.objects.for_zone(zone).filter(meeting=meeting, is_guest=True).count() == 0


@pytest.mark.django_db
def test_cancelled_meeting_takes_no_attendance(zone: Any, users: Any, setup: dict[str, Any]) -> None:
    meeting = make_meeting(zone, setup["body"], dt.date(2026, 5, 7), status=MeetingStatus.CANCELLED)
    with pytest.raises(ServiceError) as exc:
        services.attendance_add_members(zone=zone, actor=users["staff"], meeting=meeting)
    assert "geannuleerd" in exc.value.messages[0]
    assert not Attendance.objects.for_zone(zone).filter(meeting=meeting).exists()


@pytest.mark.django_db
def test_only_the_secretary_of_this_body_records_attendance(
    zone: Any, users: Any, setup: dict[str, Any], client_as: Any
) -> None:
    meeting = setup["meeting"]
    secretary = client_as("secretary")
    assert secretary.get(url("attendance", meeting)).status_code == 403  # not yet secretary of this body
    make_secretary(zone, setup["body"], users["secretary"])
    assert secretary.get(url("attendance", meeting)).status_code == 200
    other_body = make_body(zone, name="Werkgroep ouderen", slug="werkgroep-ouderen")
    other_meeting = make_meeting(zone, other_body, DAY)
    assert secretary.get(url("attendance", other_meeting)).status_code == 403
    assert (
        secretary.post(url("guest_add", other_meeting), {"first_name": "X", "last_name": "Y"}).status_code
        == 403
    )
    assert not Attendance.objects.for_zone(zone).filter(meeting=other_meeting).exists()
    # Staff of another zone: the meeting does not exist there.
    other = client_as("other_staff")
    assert (
        other.get(
            reverse("meetings:attendance", kwargs={"zone": "zennevallei", "pk": meeting.pk})
        ).status_code
        == 404
    )
