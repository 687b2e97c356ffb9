"""Invitations: who gets one, what the mail says, the .ics, attendance rows and the status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from zorgraad.meetings.models import Attendance, AttendanceStatus, MeetingStatus, MeetingStatusChange
from zorgraad.meetings.selectors.schedule import invitation_recipients
from zorgraad.meetings.services import invitations as svc
from zorgraad.network.services import ServiceError

from . import test_schedule_support as make

D = dt.date
pytestmark = pytest.mark.django_db
SUBJECT = "Uitnodiging: Clusteroverleg welzijn op donderdag 12 februari 2026"


@pytest.fixture(autouse=True)
def before_the_meeting(monkeypatch: Any) -> None:
    """These meetings lie in 2026; the invitations go out in January of that year."""
    monkeypatch.setattr(svc, "_today", lambda: D(2026, 1, 15))


@pytest.fixture
def setup(zone: Any) -> dict[str, Any]:
    body = make.body(zone)
    caw = make.org(zone, "CAW Testhuis", street="Stationsplein 4", city="Asse")
    an = make.person(zone, first="An", last="Testmans", email="an@example.be")
    bert = make.person(zone, first="Bert", last="Voorbeeld", email="Bert@Example.be")
    make.member(body, an, caw)
    make.member(body, bert)
    # not invited: no address, a bounced address, an archived person, a mandate that ended, another body
    make.member(body, make.person(zone, email=""))
    make.member(body, make.person(zone, email="weg@example.be", email_bounced=True))
    make.member(body, make.person(zone, email="archief@example.be", is_archived=True))
    make.member(body, make.person(zone, email="oud@example.be"), end=D(2025, 12, 31))
    make.member(make.body(zone, name="Forum"), make.person(zone, email="forum@example.be"))
    make.subscriber(body, "volger@example.be", "Vera Volger")
    make.subscriber(body, "bert@example.be")  # also a member: one mail only
    m = make.meeting(body, D(2026, 2, 12), venue=caw, online_url="https://meet.example.be/welzijn")
    make.item(m, "Goedkeuring vorig verslag", 1)
    make.item(m, "Voorstelling sector kinderopvang", 2, presenter=an)
    make.item(m, "Varia", 3)
    return {"body": body, "meeting": m, "an": an, "bert": bert, "caw": caw}


def invite_url(m: Any) -> str:
    return reverse("meetings:invite", kwargs={"zone": "amalo", "pk": m.pk})


def test_recipients(zone: Any, setup: dict[str, Any]) -> None:
    found = invitation_recipients(zone=zone, meeting=setup["meeting"])
    assert [(r.email, r.is_member) for r in found] == [
        ("an@example.be", True),
        ("Bert@Example.be", True),
        ("volger@example.be", False),
    ]


def test_send(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    m = setup["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        result = svc.invitation_send(zone=zone, actor=users["staff"], meeting=m)
    assert (result.sent, result.members, result.subscribers, result.again) == (3, 2, 1, False)
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "Bert@Example.be",
        "an@example.be",
        "volger@example.be",
    ]
    mail = next(x for x in mailoutbox if x.to == ["an@example.be"])
    assert mail.subject == SUBJECT
    assert mail.body.startswith("Beste An Testmans,")
    for line in (
        "Datum: donderdag 12 februari 2026",
        "Uur: 13:30 – 16:00",
        "Locatie: CAW Testhuis, Stationsplein 4, 1730 Asse",
        "Online deelnemen: https://meet.example.be/welzijn",
        "1. Goedkeuring vorig verslag",
        "2. Voorstelling sector kinderopvang (An Testmans)",
        "3. Varia",
        f"http://testserver/amalo/overleg/{setup['body'].slug}/{m.pk}/",
    ):
        assert line in mail.body, line
    assert "inschreef voor de agenda" not in mail.body
    assert "inschreef voor de agenda" in next(x for x in mailoutbox if x.to == ["volger@example.be"]).body
    [(name, content, mimetype)] = mail.attachments
    assert name == "vergadering.ics"
    assert mimetype == "application/ics"
    [(calendar_text, calendar_type)] = mail.alternatives
    assert calendar_type == "text/calendar"
    assert calendar_text.encode() == content
    cal = Calendar.from_ical(content)
    assert str(cal["METHOD"]) == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == str(m.uid)
    assert int(event["SEQUENCE"]) == 0
    assert str(event["ATTENDEE"]) == "mailto:an@example.be"

    rows = Attendance.objects.for_zone(zone).filter(meeting=m).order_by("person__first_name")
    assert [(a.person, a.status, a.organisation) for a in rows] == [
        (setup["an"], AttendanceStatus.INVITED, setup["caw"]),
        (setup["bert"], AttendanceStatus.INVITED, None),
    ]
    m.refresh_from_db()
    assert m.status == MeetingStatus.INVITED
    assert m.invited_at is not None
    assert MeetingStatusChange.objects.for_zone(zone).filter(meeting=m, to_status="invited").count() == 1


def test_send_again(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    m = setup["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        svc.invitation_send(zone=zone, actor=users["staff"], meeting=m)
        result = svc.invitation_send(zone=zone, actor=users["staff"], meeting=m)
    assert result.again
    assert len(mailoutbox) == 6
    assert Attendance.objects.for_zone(zone).filter(meeting=m).count() == 2
    assert MeetingStatusChange.objects.for_zone(zone).filter(meeting=m).count() == 1


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.PUBLISHED])
def test_no_invitation_after_planning(
    zone: Any,
    users: Any,
    setup: dict[str, Any],
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
    status: str,
) -> None:
    m = setup["meeting"]
    m.status = status
    m.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError) as exc:
        svc.invitation_send(zone=zone, actor=users["staff"], meeting=m)
    assert "Uitnodigingen gaan enkel uit voor een geplande vergadering" in exc.value.messages[0]
    assert mailoutbox == []
    assert not Attendance.objects.for_zone(zone).exists()
    m.refresh_from_db()
    assert m.status == status


def test_nobody_to_invite(
    zone: Any, users: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    m = make.meeting(make.body(zone), D(2026, 2, 12))
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ServiceError, match="Er is niemand om uit te nodigen"),
    ):
        svc.invitation_send(zone=zone, actor=users["staff"], meeting=m)
    assert mailoutbox == []
    m.refresh_from_db()
    assert m.status == MeetingStatus.PLANNED


# --- the page ---------------------------------------------------------------------------------------


def test_preview_page(staff_client: Client, setup: dict[str, Any], mailoutbox: Any) -> None:
    html = staff_client.get(invite_url(setup["meeting"])).content.decode()
    assert "3 ontvangers" in html
    assert "2 leden" in html and "1 volger" in html
    assert SUBJECT in html
    assert "1. Goedkeuring vorig verslag" in html
    assert mailoutbox == []


def test_send_from_the_page(
    staff_client: Client,
    zone: Any,
    setup: dict[str, Any],
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    m = setup["meeting"]
    token = staff_client.get(invite_url(m)).context["form_token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(invite_url(m), {"form_token": token}, follow=True)
        again = staff_client.post(invite_url(m), {"form_token": token}, follow=True)  # double click
    assert "De uitnodiging is verstuurd naar 3 ontvanger(s)." in response.content.decode()
    assert "Dit formulier werd al verstuurd" in again.content.decode()
    assert len(mailoutbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        token = staff_client.get(invite_url(m)).context["form_token"]
        response = staff_client.post(invite_url(m), {"form_token": token}, follow=True)
    assert "De uitnodiging is opnieuw verstuurd naar 3 ontvanger(s)." in response.content.decode()
    assert len(mailoutbox) == 6


def test_send_from_the_page_refused(
    staff_client: Client,
    zone: Any,
    setup: dict[str, Any],
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    m = setup["meeting"]
    m.status = MeetingStatus.HELD
    m.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(invite_url(m), {})
    assert response.status_code == 200
    assert (
        "Uitnodigingen gaan enkel uit voor een geplande vergadering; deze vergadering is ‘gehouden’."
        in response.content.decode()
    )
    assert mailoutbox == []
    assert not Attendance.objects.for_zone(zone).exists()


def test_invitation_over_real_smtp(
    zone: Any, users: Any, setup: dict[str, Any], smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.refuse.add("volger@example.be")  # one refused address does not stop the others
    with django_capture_on_commit_callbacks(execute=True):
        svc.invitation_send(zone=zone, actor=users["staff"], meeting=setup["meeting"])
    assert sorted(r for msg in smtp_server.messages for r in msg.rcpt_tos) == [
        "Bert@Example.be",
        "an@example.be",
    ]
    # staff see the refused address in the meeting's history
    from zorgraad.core.audit import history_for

    failed = [e for e in history_for(zone=zone, instance=setup["meeting"]) if e.action == "invitation_failed"]
    assert len(failed) == 1 and "volger@example.be" in failed[0].changes["niet verstuurd naar"][1]
    assert failed[0].action_label == "uitnodiging niet afgeleverd"
    msg = smtp_server.messages[0]
    assert msg.subject == SUBJECT
    [ics_part] = [p for p in msg.message.iter_attachments() if p.get_filename() == "vergadering.ics"]
    assert ics_part.get_content_type() == "application/ics"
    cal = Calendar.from_ical(ics_part.get_content())
    assert str(cal.walk("VEVENT")[0]["UID"]) == str(setup["meeting"].uid)
