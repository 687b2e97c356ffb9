"""Subscribing to an open body's agenda: double opt-in, the same answer for every address, unsubscribe."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.models import AuditEntry
from zorgraad.governance import mail as subscription_mail
from zorgraad.governance import services
from zorgraad.governance.forms import CONSENT_TEXT
from zorgraad.governance.models import Body
from zorgraad.meetings.selectors.schedule import invitation_recipients

from . import factories as f

pytestmark = pytest.mark.django_db

SENT = "Als dit adres nog niet ingeschreven is, krijg je een mail met een bevestigingslink."
LINK = re.compile(r"http://testserver(/amalo/overleg/[^/\s]+/inschrijven/[^/\s]+/)")


@pytest.fixture
def body(zone: Any) -> Body:
    return f.body(zone, name="Forum eerstelijn", slug="forum-eerstelijn", is_open=True)


def subscribe_url(body: Body) -> str:
    return reverse("governance:body_subscribe", kwargs={"zone": "amalo", "body": body.slug})


def rows() -> tuple[int, int]:
    return f.subscription_count(), AuditEntry.objects.unscoped().count()


def ask(client: Client, body: Body, email: str, capture: Any, **extra: str) -> Any:
    with capture(execute=True):
        return client.post(subscribe_url(body), {"email": email, "consent": "on", **extra})


def link_in(message: Any) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def test_the_answer_is_the_same_for_a_new_and_a_subscribed_address(
    zone: Any, body: Body, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    services.subscriber_add(zone=zone, actor=None, body=body, email="fien@example.be", consent_text="ja")
    before = rows()
    answers = []
    for email in ("fien@example.be", "nieuw@example.be", "FIEN@example.be"):
        client = Client()
        response = ask(client, body, email, django_capture_on_commit_callbacks)
        done = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], done.status_code, done.content))
    assert answers[0] == answers[1] == answers[2]
    assert SENT in answers[0][3].decode()
    assert "krijgt de agenda" not in answers[0][3].decode()  # never "already subscribed"
    # Only the new address gets a mail; nothing is stored before the click.
    assert [m.to for m in mailoutbox] == [["nieuw@example.be"]]
    assert rows() == before


def test_a_new_address_is_not_subscribed_until_the_link_is_clicked(
    zone: Any, body: Body, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    asked_at = timezone.now()
    ask(client, body, "Lien.Anders@example.be", django_capture_on_commit_callbacks, name="Lien Anders")
    [message] = mailoutbox
    assert message.to == ["lien.anders@example.be"]
    assert message.subject == "Bevestig je inschrijving: agenda van Forum eerstelijn"
    link = link_in(message)
    assert "http://testserver" + link in message.body
    assert "De link werkt tot" in message.body and "Beste Lien Anders," in message.body
    assert f.subscription_count() == 0

    # Opening the link (or a mail scanner opening it) only asks.
    html = client.get(link).content.decode()
    assert "Inschrijving bevestigen" in html and "lien.anders@example.be" in html
    assert f.subscription_count() == 0
    meeting = f.meeting(body, dt.date(2030, 3, 12))
    assert invitation_recipients(zone=zone, meeting=meeting) == []

    response = Client().post(link)  # the button; another browser works too
    assert response.status_code == 200
    assert "Je inschrijving is bevestigd." in response.content.decode()
    [sub] = f.subscriptions(zone)
    assert (sub.body_id, sub.email, sub.name) == (body.pk, "lien.anders@example.be", "Lien Anders")
    assert sub.consent_text == str(CONSENT_TEXT)
    assert abs((sub.consent_at - asked_at).total_seconds()) < 5
    assert sub.confirmed_at is not None and sub.confirmed_at >= sub.consent_at
    assert [r.email for r in invitation_recipients(zone=zone, meeting=meeting)] == ["lien.anders@example.be"]
    # A second click changes nothing.
    before = rows()
    assert "Je was al ingeschreven" in Client().post(link).content.decode()
    assert rows() == before


def test_an_expired_link_is_refused_in_dutch(
    zone: Any, body: Body, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    eight_days_ago = time.time() - 8 * 24 * 3600
    with monkeypatch.context() as m:
        m.setattr(time, "time", lambda: eight_days_ago)
        ask(Client(), body, "laat@example.be", django_capture_on_commit_callbacks)
    link = link_in(mailoutbox[0])
    for response in (Client().get(link), Client().post(link)):
        assert response.status_code == 410
        assert "Deze bevestigingslink is verlopen." in response.content.decode()
    assert f.subscription_count() == 0


def test_a_tampered_or_foreign_link_is_refused_in_dutch(
    zone: Any, other_zone: Any, body: Body, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    ask(Client(), body, "echt@example.be", django_capture_on_commit_callbacks)
    link = link_in(mailoutbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps(
        {"z": zone.pk, "b": body.pk, "e": "ander@example.be", "n": "", "t": int(time.time()), "w": "x"},
        salt="iets-anders",
    )
    other = f.body(zone, name="Forum twee", slug="forum-twee", is_open=True)
    for bad in (
        link.replace(token, token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")),
        link.replace(token, forged),
        link.replace(token, "geen-token"),
        link.replace(body.slug, other.slug),  # a real link, for another body
    ):
        for response in (Client().get(bad), Client().post(bad)):
            assert response.status_code == 400, bad
            assert "Deze bevestigingslink klopt niet." in response.content.decode()
    # The same link under another zone's address finds no body there.
    foreign = f.body(other_zone, name="Forum elders", slug=body.slug, is_open=True)
    assert Client().post(link.replace("/amalo/", f"/{foreign.zone.slug}/")).status_code == 400
    assert f.subscription_count() == 0


def test_changed_consent_wording_needs_a_new_link(
    zone: Any, body: Body, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    ask(Client(), body, "tekst@example.be", django_capture_on_commit_callbacks)
    wanted = subscription_mail.confirm_request_get(
        zone=zone, body=body, token=link_in(mailoutbox[0]).rstrip("/").rsplit("/", 1)[1]
    )
    with pytest.raises(services.ServiceError, match="is intussen gewijzigd"):
        services.subscription_confirm(
            zone=zone, actor=None, body=body, request=wanted, consent_text="Een andere tekst."
        )
    assert f.subscription_count() == 0


def test_honeypot_and_bad_input_send_nothing(
    zone: Any, body: Body, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    honest = ask(client, body, "mens@example.be", django_capture_on_commit_callbacks)
    robot = ask(
        client, body, "robot@example.be", django_capture_on_commit_callbacks, website="http://x.example"
    )
    assert (robot.status_code, robot["Location"]) == (honest.status_code, honest["Location"])
    response = ask(client, body, "geen-adres", django_capture_on_commit_callbacks)
    assert "Geef een geldig e-mailadres" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(subscribe_url(body), {"email": "zonder@example.be"})
    assert "Vink aan dat je akkoord gaat" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["mens@example.be"]]
    assert f.subscription_count() == 0


def test_agenda_mail_to_a_subscriber_has_a_working_unsubscribe_link(
    zone: Any, body: Body, users: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    from zorgraad.meetings.services.invitations import invitation_send

    services.subscriber_add(zone=zone, actor=None, body=body, email="volger@example.be", consent_text="ja")
    services.subscriber_add(zone=zone, actor=None, body=body, email="blijft@example.be", consent_text="ja")
    member = f.person(zone, first_name="Wout", last_name="Lid")
    f.membership(body, member)
    meeting = f.meeting(body, timezone.localdate() + dt.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(zone=zone, actor=users["staff"], meeting=meeting)
    by_address = {m.to[0]: m for m in mailoutbox}
    member_mail, follower_mail = by_address[member.email], by_address["volger@example.be"]
    assert "uitschrijven" not in member_mail.body and "List-Unsubscribe" not in member_mail.extra_headers
    found = re.search(r"http://testserver(/amalo/overleg/[^/\s]+/uitschrijven/[^/\s]+/)", follower_mail.body)
    assert found, follower_mail.body
    link = found.group(1)
    assert follower_mail.extra_headers["List-Unsubscribe"] == f"<http://testserver{link}>"
    assert follower_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert "Uitschrijven" in Client().get(link).content.decode()
    assert len(f.subscriptions(zone)) == 2  # a GET only asks
    tampered = link.replace("/uitschrijven/", "/uitschrijven/x")
    assert Client().post(tampered).status_code == 400
    # One click from the mail program: a POST without a CSRF token.
    response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Je bent uitgeschreven" in response.content.decode()
    assert [s.email for s in f.subscriptions(zone)] == ["blijft@example.be"]
    assert AuditEntry.objects.for_zone(zone).filter(action="unsubscribed").count() == 1
    assert Client().post(link).status_code == 200  # again: nothing left to do, no error


def test_subscription_request_stores_nothing_and_tells_whether_it_mails(
    zone: Any, body: Body, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    services.subscriber_add(zone=zone, actor=None, body=body, email="er@example.be", consent_text="ja")
    before = rows()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.subscription_request(zone=zone, body=body, email="ER@example.be", consent_text="ja")
            is False
        )
        assert (
            services.subscription_request(zone=zone, body=body, email="nog@example.be", consent_text="ja")
            is True
        )
    assert rows() == before
    assert [m.to for m in mailoutbox] == [["nog@example.be"]]
    closed = f.body(zone, is_open=False)
    with pytest.raises(services.ServiceError, match="open overleg"):
        services.subscription_request(zone=zone, body=closed, email="a@example.be", consent_text="ja")
