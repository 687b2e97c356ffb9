"""Subscribing with double opt-in over a real local SMTP server, and one-click unsubscribing."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from zorgraad.core.models import AuditEntry
from zorgraad.governance.tests import factories as gf
from zorgraad.network.models import Person
from zorgraad.newsletter import tokens
from zorgraad.newsletter.forms import CONSENT_TEXT
from zorgraad.newsletter.models import Consent, Interest, Status, Subscriber

from . import factories as f

pytestmark = pytest.mark.django_db

SENT = "Als dit adres nog niet ingeschreven is, krijg je een mail met een bevestigingslink."
CONFIRM = re.compile(r"http://testserver(/amalo/nieuwsbrief/bevestigen/[^/\s]+/)")


def url() -> str:
    return reverse("newsletter:subscribe", kwargs={"zone": "amalo"})


def ask(client: Client, capture: Any, email: str, **extra: Any) -> Any:
    data = {"email": email, "consent": "on", "newsletter": "on", **extra}
    with capture(execute=True):
        return client.post(url(), data)


def rows() -> tuple[int, int, int, int]:
    return (
        Subscriber.objects.unscoped().count(),
        Interest.objects.unscoped().count(),
        Consent.objects.unscoped().count(),
        AuditEntry.objects.unscoped().count(),
    )


def test_double_opt_in_over_smtp_links_the_directory_person(
    zone: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = Person.objects.create(
        zone=zone, first_name="Saar", last_name="Verbist", email="Saar@Example.org"
    )
    body = gf.body(zone, name="Forum eerstelijn", slug="forum", is_open=True)
    client = Client()
    response = ask(
        client,
        django_capture_on_commit_callbacks,
        "saar@example.org",
        name="Saar",
        bodies=[body.pk],
        audience="professionals",
    )
    assert response.status_code == 302
    assert SENT in client.get(response["Location"]).content.decode()
    [mail] = smtp_server.messages
    assert mail.rcpt_tos == ["saar@example.org"]
    assert "Bevestig je inschrijving" in mail.subject
    assert Subscriber.objects.unscoped().count() == 0  # nothing stored before the click
    link = CONFIRM.search(mail.body).group(1)  # type: ignore[union-attr]
    assert "Bevestig het met de knop" in Client().get(link).content.decode()  # GET only asks
    assert Subscriber.objects.unscoped().count() == 0
    page = Client().post(link).content.decode()
    assert "Je inschrijving is bevestigd." in page
    sub = Subscriber.objects.for_zone(zone).get()
    assert (sub.status, sub.person_id, sub.audience) == (Status.ACTIVE, person.pk, "professionals")
    assert sorted(str(i.body_id) for i in sub.interests.all()) == sorted([str(body.pk), "None"])
    [consent] = sub.consents.all()
    assert consent.wording == str(CONSENT_TEXT) and consent.source == "site" and consent.confirmed_at
    assert Person.objects.for_zone(zone).count() == 1  # no duplicate person
    # the link works once: a second click gets a clear Dutch page and changes nothing
    before = rows()
    again = Client().post(link)
    assert again.status_code == 410 and "al gebruikt" in again.content.decode()
    assert rows() == before


def test_the_answer_is_the_same_for_a_subscribed_address(
    zone: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    f.subscriber(zone, "fien@example.org")
    before = rows()
    answers = []
    for email in ("fien@example.org", "nieuw@example.org", "FIEN@example.org"):
        client = Client()
        response = ask(client, django_capture_on_commit_callbacks, email)
        done = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], done.status_code, done.content))
    assert answers[0] == answers[1] == answers[2]
    assert [m.to for m in mailoutbox] == [["nieuw@example.org"]]
    assert rows() == before


def test_expired_and_forged_confirmation_links_are_refused_in_dutch(
    zone: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    ask(Client(), django_capture_on_commit_callbacks, "laat@example.org")
    link = CONFIRM.search(mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + tokens.CONFIRM_MAX_AGE.total_seconds() + 60)
    response = Client().post(link)
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    monkeypatch.setattr(time, "time", real)
    forged = link.replace("/bevestigen/", "/bevestigen/x")
    response = Client().post(forged)
    assert response.status_code == 400 and "klopt niet" in response.content.decode()
    other = signing.dumps({"z": 999, "e": "a@example.org"}, salt=tokens.CONFIRM_SALT)
    assert (
        Client().post(reverse("newsletter:confirm", kwargs={"zone": "amalo", "token": other})).status_code
        == 400
    )
    assert Subscriber.objects.unscoped().count() == 0


@pytest.mark.parametrize(
    "data,error",
    [
        ({"email": "", "consent": "on", "newsletter": "on"}, "Vul je e-mailadres in."),
        ({"email": "geen-adres", "consent": "on", "newsletter": "on"}, "Geef een geldig e-mailadres"),
        ({"email": "a@example.org", "newsletter": "on"}, "Vink aan dat je akkoord gaat"),
        ({"email": "a@example.org", "consent": "on"}, "Kies waarvoor je je inschrijft"),
        (
            {"email": "a@example.org", "consent": "on", "newsletter": "on", "name": "x\x00y"},
            "onzichtbaar stuurteken",
        ),
        ({"email": "a@example.org", "consent": "on", "newsletter": "on", "name": "x" * 300}, "hoogstens"),
    ],
)
def test_bad_input_gets_a_dutch_error_and_sends_nothing(
    zone: Any, data: dict[str, str], error: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(url(), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert rows() == (0, 0, 0, 0)


def test_another_zones_body_is_refused(
    zone: Any, other_zone: Any, django_capture_on_commit_callbacks: Any
) -> None:
    theirs = gf.body(other_zone, name="Ander forum", slug="ander", is_open=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(url(), {"email": "a@example.org", "consent": "on", "bodies": [theirs.pk]})
    assert response.status_code == 200 and "Kies een open overleg van deze zone." in response.content.decode()


def test_one_click_unsubscribe_and_forged_link(zone: Any) -> None:
    sub = f.subscriber(zone, "weg@example.org")
    link = tokens.unsubscribe_url(zone_slug="amalo", zone_id=zone.pk, subscriber_id=sub.pk).replace(
        "http://testserver", ""
    )
    forged = link[:-3] + "abc/"
    response = Client().post(forged, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400 and "Er is niets gewijzigd" in response.content.decode()
    assert Subscriber.objects.for_zone(zone).get().status == Status.ACTIVE
    assert "Wil je de nieuwsbrief niet meer ontvangen" in Client().get(link).content.decode()
    # RFC 8058: the mail program POSTs without a CSRF token
    response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Je bent uitgeschreven" in response.content.decode()
    sub.refresh_from_db()
    assert sub.status == Status.UNSUBSCRIBED and not sub.interests.exists()


def test_unsubscribe_link_of_another_zone_changes_nothing(zone: Any, other_zone: Any) -> None:
    sub = f.subscriber(zone, "blijf@example.org")
    link = reverse(
        "newsletter:unsubscribe",
        kwargs={
            "zone": other_zone.slug,
            "token": tokens.unsubscribe_token(zone_id=zone.pk, subscriber_id=sub.pk),
        },
    )
    assert Client().post(link).status_code == 400
    assert Subscriber.objects.for_zone(zone).get().status == Status.ACTIVE


def test_confirm_link_expires_after_seven_days() -> None:
    assert dt.timedelta(days=7) == tokens.CONFIRM_MAX_AGE
