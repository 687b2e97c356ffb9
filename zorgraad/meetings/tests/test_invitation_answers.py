"""Issue 15, section 2: answers to invitations reach someone, cancellations and updates reach the
calendars, the invitation is a proper meeting request, no invitation for a past meeting, and the
meeting's web address works from the moment it is planned."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from zorgraad.governance.models import MembershipRole
from zorgraad.meetings.models import Attendance, AttendanceStatus, MeetingStatus
from zorgraad.meetings.services import invitations as svc
from zorgraad.meetings.services import schedule as schedule_svc
from zorgraad.network.services import ServiceError

from . import test_schedule_support as make

pytestmark = pytest.mark.django_db


def ahead(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def setup(zone: Any, users: Any) -> dict[str, Any]:
    body = make.body(zone)
    caw = make.org(zone, "CAW Testhuis", street="Stationsplein 4", city="Asse")
    an = make.person(zone, first="An", last="Testmans", email="an@example.be", user=users["member"])
    bert = make.person(zone, first="Bert", last="Voorbeeld", email="bert@example.be")
    sara = make.person(zone, first="Sara", last="Secretaris", email="sara.secretaris@example.be")
    make.member(body, an, caw)
    make.member(body, bert)
    make.member(body, sara, role=MembershipRole.SECRETARY)
    make.subscriber(body, "volger@example.be", "Vera Volger")
    meeting = make.meeting(body, ahead(30), venue=caw)
    make.item(meeting, "Goedkeuring vorig verslag", 1)
    make.item(meeting, "Voorstelling sector kinderopvang", 2)
    return {"body": body, "meeting": meeting, "an": an, "bert": bert, "sara": sara}


def send(zone: Any, users: Any, meeting: Any, capture: Any) -> None:
    with capture(execute=True):
        svc.invitation_send(zone=zone, actor=users["staff"], meeting=meeting)


def calendar_of(mail: Any) -> Calendar:
    [(text, mimetype)] = mail.alternatives
    assert mimetype == "text/calendar"
    cal = Calendar.from_ical(text)
    for component in cal.walk():
        assert not component.errors, component.errors  # strict: nothing icalendar had to skip
    return cal


def mail_to(mailoutbox: list[Any], address: str) -> Any:
    [mail] = [m for m in mailoutbox if m.to == [address]]
    return mail


# --- 1. answers ------------------------------------------------------------------------------------


def test_reply_to_and_organizer_are_the_secretary(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    send(zone, users, setup["meeting"], django_capture_on_commit_callbacks)
    mail = mail_to(mailoutbox, "an@example.be")
    assert mail.reply_to == ["sara.secretaris@example.be"]
    [event] = calendar_of(mail).walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:sara.secretaris@example.be"
    assert str(event["ORGANIZER"].params["CN"]) == "Sara Secretaris"
    assert "ze gaat naar Sara Secretaris" in mail.body


def test_without_a_secretary_the_zone_answers(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    setup["sara"].email = ""
    setup["sara"].save()
    zone.email = "info@amalo.example.be"
    zone.save()
    send(zone, users, setup["meeting"], django_capture_on_commit_callbacks)
    mail = mail_to(mailoutbox, "bert@example.be")
    assert mail.reply_to == ["info@amalo.example.be"]
    [event] = calendar_of(mail).walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:info@amalo.example.be"


def _links(body: str) -> tuple[str, str]:
    yes = next(line for line in body.splitlines() if line.startswith("Ik kom: ")).removeprefix("Ik kom: ")
    no = next(line for line in body.splitlines() if line.startswith("Ik kom niet: "))
    return yes, no.removeprefix("Ik kom niet: ")


def test_each_invitee_gets_own_answer_links(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    send(zone, users, setup["meeting"], django_capture_on_commit_callbacks)
    an_yes, an_no = _links(mail_to(mailoutbox, "an@example.be").body)
    bert_yes, _bert_no = _links(mail_to(mailoutbox, "bert@example.be").body)
    assert an_yes.startswith("http://testserver/amalo/overleg/antwoord/") and an_yes.endswith("?antwoord=ja")
    assert an_no.endswith("?antwoord=nee")
    assert an_yes.split("?")[0] != bert_yes.split("?")[0]
    assert "Ik kom" not in mail_to(mailoutbox, "volger@example.be").body  # a subscriber is not on the list


def _path(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_answer_link_get_asks_post_records(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = setup["meeting"]
    send(zone, users, meeting, django_capture_on_commit_callbacks)
    _yes, no = _links(mail_to(mailoutbox, "an@example.be").body)
    client = Client()  # no login needed
    page = client.get(_path(no))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bevestig dat je niet kan komen" in html and "An Testmans" in html
    row = Attendance.objects.for_zone(zone).get(meeting=meeting, person=setup["an"])
    assert (
        row.status == AttendanceStatus.INVITED and row.reply == ""
    )  # a GET (a mail scanner) records nothing

    response = client.post(_path(no).split("?")[0], {"antwoord": "nee"}, follow=True)
    assert "Genoteerd: je kan niet komen" in response.content.decode()
    row.refresh_from_db()
    assert (row.status, row.reply) == (AttendanceStatus.EXCUSED, "no")
    assert row.replied_at is not None

    client.post(_path(no).split("?")[0], {"antwoord": "ja"})
    row.refresh_from_db()
    assert (row.status, row.reply) == (AttendanceStatus.INVITED, "yes")
    # the staff's attendance page shows the excuse
    client.post(_path(no).split("?")[0], {"antwoord": "nee"})
    staff = Client()
    staff.force_login(users["staff"])
    attendance = staff.get(reverse("meetings:attendance", kwargs={"zone": "amalo", "pk": meeting.pk}))
    assert attendance.status_code == 200


def test_answer_link_unhappy_paths(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = setup["meeting"]
    send(zone, users, meeting, django_capture_on_commit_callbacks)
    yes, _no = _links(mail_to(mailoutbox, "an@example.be").body)
    url = _path(yes).split("?")[0]
    client = Client()
    # a link with a changed person id does not pass the signature
    token = url.rstrip("/").rsplit("/", 1)[1]
    data = signing.loads(token, salt=svc.RSVP_SALT)
    forged = signing.dumps({**data, "p": setup["bert"].pk}, salt="iets anders")
    bad = client.post(url.replace(token, forged), {"antwoord": "nee"})
    assert bad.status_code == 404
    assert "Deze link is niet geldig" in bad.content.decode()
    # a wrong answer is refused in Dutch, nothing saved
    wrong = client.post(url, {"antwoord": "misschien"}, follow=True)
    assert "Kies ‘Ik kom’ of ‘Ik kom niet’." in wrong.content.decode()
    # after the meeting the link says so
    meeting.date = ahead(-1)
    meeting.save()
    late = client.post(url, {"antwoord": "nee"}, follow=True)
    assert "is voorbij" in late.content.decode()
    assert not Attendance.objects.for_zone(zone).filter(status=AttendanceStatus.EXCUSED).exists()
    assert not Attendance.objects.for_zone(zone).exclude(reply="").exists()


def test_member_excuses_themself_from_the_meeting_page(
    zone: Any, users: Any, setup: dict[str, Any], client_as: Any
) -> None:
    meeting, body = setup["meeting"], setup["body"]
    member = client_as("member")
    mine = member.get(reverse("governance:my_bodies", kwargs={"zone": "amalo"})).content.decode()
    page_url = reverse(
        "meetings:meeting_public", kwargs={"zone": "amalo", "body": body.slug, "pk": meeting.pk}
    )
    assert page_url in mine
    html = member.get(page_url).content.decode()
    assert "Kom je?" in html
    reply_url = reverse(
        "meetings:meeting_reply", kwargs={"zone": "amalo", "body": body.slug, "pk": meeting.pk}
    )
    response = member.post(reply_url, {"antwoord": "nee"}, follow=True)
    assert "Genoteerd: je kan niet komen" in response.content.decode()
    # not invited yet: the member is put on the list as excused, and the invitation keeps that
    row = Attendance.objects.for_zone(zone).get(meeting=meeting, person=setup["an"])
    assert row.status == AttendanceStatus.EXCUSED
    # someone who is not a member of the body cannot
    other = client_as("secretary")
    assert other.post(reply_url, {"antwoord": "nee"}).status_code in (302, 403, 404)
    assert Attendance.objects.for_zone(zone).filter(meeting=meeting).count() == 1


# --- 2. cancellation and updates -------------------------------------------------------------------


def test_cancelling_an_invited_meeting_sends_a_cancellation(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = setup["meeting"]
    send(zone, users, meeting, django_capture_on_commit_callbacks)
    [first] = calendar_of(mail_to(mailoutbox, "an@example.be")).walk("VEVENT")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = schedule_svc.meeting_status_set(
            zone=zone, actor=users["staff"], meeting=meeting, to=MeetingStatus.CANCELLED
        )
    assert moved.cancellation_sent_to == 4
    assert sorted(m.to[0] for m in mailoutbox) == [
        "an@example.be",
        "bert@example.be",
        "sara.secretaris@example.be",
        "volger@example.be",
    ]
    mail = mail_to(mailoutbox, "an@example.be")
    assert mail.subject.startswith("Geannuleerd: Clusteroverleg welzijn op ")
    assert "gaat niet door" in mail.body
    cal = calendar_of(mail)
    assert str(cal["METHOD"]) == "CANCEL"
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == str(first["UID"])
    assert int(event["SEQUENCE"]) > int(first["SEQUENCE"])
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["DTSTAMP"].dt >= first["DTSTAMP"].dt


def test_cancelling_a_meeting_nobody_was_invited_to_sends_nothing(
    zone: Any, users: Any, setup: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        moved = schedule_svc.meeting_status_set(
            zone=zone, actor=users["staff"], meeting=setup["meeting"], to=MeetingStatus.CANCELLED
        )
    assert moved.cancellation_sent_to == 0
    assert mailoutbox == []


def test_a_resend_after_an_agenda_change_is_an_update(
    zone: Any,
    users: Any,
    setup: dict[str, Any],
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: Any,
) -> None:
    meeting = setup["meeting"]
    send(zone, users, meeting, django_capture_on_commit_callbacks)
    [first] = calendar_of(mail_to(mailoutbox, "an@example.be")).walk("VEVENT")
    make.item(meeting, "Nieuw punt: de zomerwerking", 3)
    later = timezone.now() + dt.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    mailoutbox.clear()
    send(zone, users, meeting, django_capture_on_commit_callbacks)
    cal = calendar_of(mail_to(mailoutbox, "an@example.be"))
    assert str(cal["METHOD"]) == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == str(first["UID"])
    assert int(event["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert event["DTSTAMP"].dt > first["DTSTAMP"].dt
    assert "de zomerwerking" in str(event["DESCRIPTION"])
    meeting.refresh_from_db()
    assert meeting.sequence == int(event["SEQUENCE"])  # stored: the feed says the same


# --- 3. the invitation as a meeting request, over real SMTP ----------------------------------------


def test_invitation_is_a_clean_meeting_request_over_smtp(
    zone: Any, users: Any, setup: dict[str, Any], smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    send(zone, users, setup["meeting"], django_capture_on_commit_callbacks)
    assert smtp_server.messages
    for received in smtp_server.messages:
        raw = received.message.as_bytes()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        for part in msg.walk():
            assert not part.defects, part.defects
            for name, value in part.items():
                assert not getattr(value, "defects", ()), (name, value.defects)
        assert msg.get_content_type() == "multipart/mixed"
        [alternative] = [p for p in msg.walk() if p.get_content_type() == "multipart/alternative"]
        kinds = [p.get_content_type() for p in alternative.iter_parts()]
        assert kinds == ["text/plain", "text/calendar"]
        calendar_part = list(alternative.iter_parts())[1]
        header = calendar_part["Content-Type"]
        assert header.params == {"method": "REQUEST", "charset": "utf-8"}
        assert str(header).lower().count("charset") == 1
        assert calendar_part.get_content_disposition() is None  # shown as an invitation, not a file
        cal = Calendar.from_ical(calendar_part.get_content())
        assert str(cal["METHOD"]) == "REQUEST"
        assert msg["Reply-To"] == "sara.secretaris@example.be"


# --- 4. no invitation for a past meeting ------------------------------------------------------------


def test_no_invitation_for_a_meeting_in_the_past(
    zone: Any,
    users: Any,
    setup: dict[str, Any],
    staff_client: Client,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    meeting = setup["meeting"]
    meeting.date = ahead(-3)
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError) as exc:
        svc.invitation_send(zone=zone, actor=users["staff"], meeting=meeting)
    assert "in het verleden: er gaat geen uitnodiging uit" in exc.value.messages[0]
    url = reverse("meetings:invite", kwargs={"zone": "amalo", "pk": meeting.pk})
    html = staff_client.get(url).content.decode()
    assert "in het verleden" in html and "Datum aanpassen" in html
    assert "Uitnodiging versturen</button>" not in html
    detail = staff_client.get(reverse("meetings:meeting_detail", kwargs={"zone": "amalo", "pk": meeting.pk}))
    assert "in het verleden" in detail.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {})
    assert mailoutbox == []
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert not Attendance.objects.for_zone(zone).exists()


# --- 5. the meeting's web address from the moment it is planned -------------------------------------


def test_planned_meeting_page_of_an_open_body(client: Client, setup: dict[str, Any]) -> None:
    meeting, body = setup["meeting"], setup["body"]
    url = reverse("meetings:meeting_public", kwargs={"zone": "amalo", "body": body.slug, "pk": meeting.pk})
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "CAW Testhuis, Stationsplein 4" in html
    assert meeting.date.strftime("%Y") in html
    assert "De agenda volgt met de uitnodiging." in html  # internal until invited
    body_page = client.get(reverse("meetings:body_public", kwargs={"zone": "amalo", "body": body.slug}))
    assert url in body_page.content.decode()  # the body's page links to its next meeting
    invited = make.meeting(body, ahead(60), status=MeetingStatus.INVITED)
    make.item(invited, "Voorstelling sector kinderopvang", 1)
    url = reverse("meetings:meeting_public", kwargs={"zone": "amalo", "body": body.slug, "pk": invited.pk})
    html = client.get(url).content.decode()
    assert "Voorstelling sector kinderopvang" in html


def test_planned_meeting_page_of_a_closed_body(
    zone: Any, users: Any, client_as: Any, setup: dict[str, Any]
) -> None:
    body = make.body(zone, name="Raad van bestuur", is_open=False)
    make.member(body, setup["an"])  # users["member"]
    meeting = make.meeting(body, ahead(40))
    make.item(meeting, "Begroting volgend jaar", 1)
    url = reverse("meetings:meeting_public", kwargs={"zone": "amalo", "body": body.slug, "pk": meeting.pk})
    assert client_as("anonymous").get(url).status_code == 404
    assert client_as("partner").get(url).status_code == 404
    for role in ("member", "staff"):
        response = client_as(role).get(url)
        assert response.status_code == 200, role
        assert "Begroting volgend jaar" in response.content.decode()  # members see the draft agenda


def test_invitation_link_of_a_closed_body_reaches_the_member(
    zone: Any, users: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    body = make.body(zone, name="Raad van bestuur", is_open=False)
    make.member(body, make.person(zone, first="Lien", email="lien@example.be"))
    meeting = make.meeting(body, ahead(10))
    send(zone, users, meeting, django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert f"/amalo/overleg/{body.slug}/{meeting.pk}/" in mail.body


def test_staff_see_the_answers_on_the_meeting_page(
    zone: Any,
    users: Any,
    setup: dict[str, Any],
    staff_client: Client,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    meeting = setup["meeting"]
    send(zone, users, meeting, django_capture_on_commit_callbacks)
    svc.invitation_reply(zone=zone, actor=None, meeting=meeting, person=setup["an"], answer="nee")
    svc.invitation_reply(zone=zone, actor=None, meeting=meeting, person=setup["bert"], answer="ja")
    html = staff_client.get(reverse("meetings:meeting_detail", kwargs={"zone": "amalo", "pk": meeting.pk}))
    text = html.content.decode()
    assert "1 komt, 1 kan niet (verontschuldigd)" in text
    assert "antwoord op de uitnodiging" in text  # the history says who answered
    assert "via de link in de uitnodiging (An Testmans)" in text


def test_the_preview_shows_no_working_answer_link(staff_client: Client, setup: dict[str, Any]) -> None:
    html = staff_client.get(reverse("meetings:invite", kwargs={"zone": "amalo", "pk": setup["meeting"].pk}))
    text = html.content.decode()
    assert "[persoonlijke link ‘Ik kom niet’ van elk lid]" in text
    assert "/overleg/antwoord/" not in text
