"""The yearly confirmation round: who is mailed, batches as tasks after commit, real SMTP, bounces."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.audit import history_for
from zorgraad.network.models import ConfirmationRound, Person, SelfServiceLink
from zorgraad.network.selectors import selfservice as selectors

from .test_selfservice import make_link, make_org, make_person, snapshot, text


def round_url(zone: Any) -> str:
    return reverse("network:confirmation_round", kwargs={"zone": zone.slug})


def population(zone: Any, other_zone: Any) -> dict[str, Person]:
    """Three people to mail and one of each kind that must be skipped."""
    long_ago = timezone.now() - dt.timedelta(days=400)
    org = make_org(zone)
    people = {
        "never": make_person(zone, "Fien", "Fictief", "fien@example.be", org=org),
        "long_ago": make_person(zone, "Jelle", "Proefmans", "jelle@example.be", last_confirmed_at=long_ago),
        "old_link": make_person(zone, "Mira", "Denkbeeld", "mira@example.be"),
        "recent": make_person(
            zone,
            "Ruben",
            "Nepper",
            "ruben@example.be",
            last_confirmed_at=timezone.now() - dt.timedelta(days=30),
        ),
        "archived": make_person(zone, "Oud", "Gearchiveerd", "oud@example.be", is_archived=True),
        "no_email": make_person(zone, "Zonder", "Adres", ""),
        "bounced": make_person(zone, "Kapot", "Adres", "kapot@example.be", email_bounced=True),
        "linked": make_person(zone, "Al", "Gelinkt", "al@example.be"),
        "other_zone": make_person(other_zone, "Andere", "Zone", "andere@example.be"),
    }
    make_link(zone, people["linked"])  # a link made just now
    old, _ = make_link(zone, people["old_link"])
    SelfServiceLink.objects.for_zone(zone).filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=20)
    )
    return people


@pytest.mark.django_db
def test_candidates_follow_the_rules(zone, other_zone):
    people = population(zone, other_zone)
    found = set(selectors.confirmation_candidates(zone=zone))
    assert found == {people["never"], people["long_ago"], people["old_link"]}


@pytest.mark.django_db
def test_page_shows_how_many_would_be_mailed(zone, other_zone, staff_client):
    population(zone, other_zone)
    response = staff_client.get(round_url(zone))
    assert response.status_code == 200
    assert "3 personen krijgen een e-mail." in text(response)
    assert "Ronde starten en 3 e-mails versturen" in text(response)
    assert ConfirmationRound.objects.for_zone(zone).count() == 0  # a GET starts nothing


@pytest.mark.django_db
def test_round_is_staff_only(zone, client_as):
    for role in ("partner", "member", "secretary", "other_staff"):
        assert client_as(role).post(round_url(zone)).status_code == 403
    assert client_as("anonymous").post(round_url(zone)).status_code == 302
    assert ConfirmationRound.objects.unscoped().count() == 0


@pytest.mark.django_db
def test_round_mails_in_batches_over_smtp_and_the_links_work(
    zone, other_zone, users, staff_client, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.ZORGRAAD_CONFIRMATION_BATCH_SIZE = 2
    people = population(zone, other_zone)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(round_url(zone))
    assert len(callbacks) == 2  # 3 people in batches of 2: two tasks, queued after commit
    assert response.status_code == 302
    assert any("3 personen krijgen een e-mail" in str(m) for m in get_messages(response.wsgi_request))

    assert sorted(r for m in smtp_server.messages for r in m.rcpt_tos) == [
        "fien@example.be",
        "jelle@example.be",
        "mira@example.be",
    ]
    confirmation_round = ConfirmationRound.objects.for_zone(zone).get()
    assert confirmation_round.total == 3 and confirmation_round.sent == 3 and confirmation_round.failed == 0
    assert confirmation_round.batches == 2 and confirmation_round.batches_done == 2
    assert confirmation_round.finished_at is not None
    assert confirmation_round.started_by == users["staff"]
    yearly = SelfServiceLink.objects.for_zone(zone).filter(reason="yearly")
    assert {link.person for link in yearly} == {people["never"], people["long_ago"], people["old_link"]}
    assert all(link.confirmation_round == confirmation_round for link in yearly)

    to_fien = next(m for m in smtp_server.messages if m.rcpt_tos == ["fien@example.be"])
    assert "Eén keer per jaar" in to_fien.body and "staff@amalo.test" in to_fien.body
    found = re.search(r"http://testserver(/\S+)", to_fien.body)
    assert found is not None
    page = Client().get(found.group(1))
    assert page.status_code == 200
    assert "fien@example.be" in text(page) and "Thuiszorg De Proefhoeve" in text(page)

    # the page shows the result, and nobody is left to mail
    after = staff_client.get(round_url(zone))
    assert "Er is op dit moment niemand om te mailen" in text(after)
    assert "klaar op" in text(after)


@pytest.mark.django_db
def test_tasks_are_queued_only_after_commit(
    zone, staff_client, django_capture_on_commit_callbacks, mailoutbox
):
    make_person(zone)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_client.post(round_url(zone))
    assert len(callbacks) == 1
    assert SelfServiceLink.objects.for_zone(zone).count() == 0  # nothing ran inside the transaction
    assert mailoutbox == []
    callbacks[0]()
    assert SelfServiceLink.objects.for_zone(zone).count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_refused_address_is_marked_bounced_and_reported_the_rest_is_sent(
    zone, users, staff_client, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.ZORGRAAD_CONFIRMATION_BATCH_SIZE = 10
    first = make_person(zone, "Fien", "Fictief", "fien@example.be")
    refused = make_person(zone, "Kobe", "Onbestelbaar", "kobe@example.be")
    last = make_person(zone, "Jelle", "Proefmans", "jelle@example.be")
    smtp_server.refuse.add("kobe@example.be")

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(round_url(zone))

    assert sorted(r for m in smtp_server.messages for r in m.rcpt_tos) == [
        "fien@example.be",
        "jelle@example.be",
    ]
    refused.refresh_from_db()
    first.refresh_from_db()
    last.refresh_from_db()
    assert refused.email_bounced is True
    assert first.email_bounced is False and last.email_bounced is False
    confirmation_round = ConfirmationRound.objects.for_zone(zone).get()
    assert (confirmation_round.sent, confirmation_round.failed) == (2, 1)
    assert confirmation_round.finished_at is not None
    [failure] = confirmation_round.failures
    assert failure["email"] == "kobe@example.be" and failure["bounced"] is True and "550" in failure["reason"]
    # the refused link is withdrawn; the bounce is on the person's history
    assert not SelfServiceLink.objects.for_zone(zone).filter(person=refused).exists()
    bounce = history_for(zone=zone, instance=refused).get(action="email_bounced")
    assert bounce.changes == {"email_bounced": [False, True]}

    page = text(staff_client.get(round_url(zone)))
    assert "Kobe Onbestelbaar" in page and "onbestelbaar" in page and "kobe@example.be" in page


@pytest.mark.django_db
def test_manual_link_to_a_refused_address_marks_it_bounced(
    zone, staff_client, smtp_server, django_capture_on_commit_callbacks
):
    person = make_person(zone, email="weg@example.be")
    smtp_server.refuse.add("weg@example.be")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("network:selfservice_send", kwargs={"zone": zone.slug, "pk": person.pk}))
    person.refresh_from_db()
    assert person.email_bounced is True
    assert smtp_server.messages == []
    assert SelfServiceLink.objects.for_zone(zone).count() == 0


@pytest.mark.django_db
def test_unreachable_mail_server_fails_the_sends_without_marking_bounces(
    zone, staff_client, settings, django_capture_on_commit_callbacks
):
    import socket

    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    make_person(zone, "Fien", "Fictief", "fien@example.be")
    make_person(zone, "Jelle", "Proefmans", "jelle@example.be")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(round_url(zone))
    confirmation_round = ConfirmationRound.objects.for_zone(zone).get()
    assert (confirmation_round.sent, confirmation_round.failed) == (0, 2)
    assert not any(f["bounced"] for f in confirmation_round.failures)
    assert not Person.objects.for_zone(zone).filter(email_bounced=True).exists()
    assert SelfServiceLink.objects.for_zone(zone).count() == 0  # they stay candidates for a retry


@pytest.mark.django_db
def test_nobody_to_mail_is_a_dutch_error_and_creates_nothing(zone, staff_client, mailoutbox):
    make_person(zone, last_confirmed_at=timezone.now())
    before = snapshot(zone)
    response = staff_client.post(round_url(zone))
    assert response.status_code == 302
    assert any("Er is niemand om te mailen" in str(m) for m in get_messages(response.wsgi_request))
    assert ConfirmationRound.objects.for_zone(zone).count() == 0
    assert snapshot(zone) == before
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_running_round_cannot_be_started_twice(
    zone, staff_client, django_capture_on_commit_callbacks, mailoutbox
):
    make_person(zone)
    ConfirmationRound.objects.create(zone=zone, total=5, batches=1)
    before = snapshot(zone)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(round_url(zone))
    assert any("Er loopt al een bevestigingsronde" in str(m) for m in get_messages(response.wsgi_request))
    assert ConfirmationRound.objects.for_zone(zone).count() == 1
    assert snapshot(zone) == before
    assert mailoutbox == []


@pytest.mark.django_db
def test_batch_skips_people_who_confirmed_meanwhile(
    zone, staff_client, django_capture_on_commit_callbacks, mailoutbox
):
    fien = make_person(zone, "Fien", "Fictief", "fien@example.be")
    make_person(zone, "Jelle", "Proefmans", "jelle@example.be")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_client.post(round_url(zone))
    Person.objects.for_zone(zone).filter(pk=fien.pk).update(last_confirmed_at=timezone.now())
    for callback in callbacks:
        callback()
    confirmation_round = ConfirmationRound.objects.for_zone(zone).get()
    assert (confirmation_round.total, confirmation_round.sent, confirmation_round.skipped) == (2, 1, 1)
    assert [m.to for m in mailoutbox] == [["jelle@example.be"]]
