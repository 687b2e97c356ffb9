from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone
from icalendar import Calendar

from zorgraad.core.errors import ServiceError
from zorgraad.events import services
from zorgraad.events.models import Event, EventStatus, Registration, RegistrationStatus
from zorgraad.network.models import Organisation

from .factories import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.sends_mail]


def committed(func, **kw):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return func(**kw)


def register(zone, event, n, **kw):
    return committed(
        services.registration_create,
        zone=zone,
        event=event,
        name=f"Deelnemer {n}",
        email=f"p{n}@voorbeeld.be",
        **kw,
    ).registration


def _ics(message):
    data = next(a for a in message.attachments if a[0].endswith(".ics"))[1]
    return Calendar.from_ical(data)


def test_full_event_puts_people_on_the_waiting_list_and_a_cancellation_promotes_the_first(zone, mailoutbox):
    event = make_event(zone, capacity=2)
    a, b = register(zone, event, 1), register(zone, event, 2)
    c, d = register(zone, event, 3), register(zone, event, 4)
    assert [r.status for r in (a, b, c, d)] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    mailoutbox.clear()
    promoted = committed(services.registration_cancel, zone=zone, registration=a)
    assert [p.pk for p in promoted] == [c.pk]
    c.refresh_from_db()
    d.refresh_from_db()
    assert (c.status, d.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    event.refresh_from_db()
    assert event.seats_taken == 2
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert "geannuleerd" in subjects["p1@voorbeeld.be"]
    assert "plaats vrij" in subjects["p3@voorbeeld.be"]
    cal = _ics(next(m for m in mailoutbox if m.to == ["p3@voorbeeld.be"]))
    assert cal["method"] == "REQUEST"
    vevent = cal.walk("VEVENT")[0]
    assert str(vevent["summary"]) == event.title and vevent["sequence"] >= 1
    cancel = _ics(next(m for m in mailoutbox if m.to == ["p1@voorbeeld.be"]))
    assert cancel["method"] == "CANCEL"
    assert str(cancel.walk("VEVENT")[0]["uid"]) == str(vevent["uid"])


def test_confirmation_mail_has_the_personal_link_and_online_link_only_when_confirmed(zone, mailoutbox):
    event = make_event(zone, capacity=1, is_online=True, online_url="https://meet.example/abc", venue="")
    register(zone, event, 1)
    register(zone, event, 2)
    confirmed, waiting = mailoutbox
    assert "https://meet.example/abc" in confirmed.body
    assert "/activiteiten/inschrijving/" in confirmed.body
    assert "Online: https://meet.example/abc" in str(_ics(confirmed).walk("VEVENT")[0]["description"])
    assert "meet.example" not in waiting.body
    assert "wachtlijst" in waiting.body
    assert not waiting.attachments


def test_twice_with_one_email_shows_the_existing_registration(zone):
    event = make_event(zone)
    first = register(zone, event, 1)
    with pytest.raises(services.AlreadyRegistered) as exc:
        services.registration_create(zone=zone, event=event, name="Iemand", email=" P1@Voorbeeld.be ")
    assert exc.value.registration.pk == first.pk
    assert Registration.objects.for_zone(zone).count() == 1
    event.refresh_from_db()
    assert event.seats_taken == 1


def test_registration_window_is_enforced_with_dutch_messages(zone):
    event = make_event(zone, registration_opens_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(ServiceError, match="openen op"):
        register(zone, event, 1)
    closed = make_event(zone, registration_closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ServiceError, match="afgesloten"):
        register(zone, closed, 1)
    std = make_event(zone, status=EventStatus.SAVE_THE_DATE)
    with pytest.raises(ServiceError, match="save the date"):
        register(zone, std, 1)
    assert not Registration.objects.for_zone(zone).exists()


def test_capacity_lowered_below_confirmed_is_refused_with_the_numbers(zone, mailoutbox):
    event = make_event(zone, capacity=5)
    for n in range(4):
        register(zone, event, n)
    with pytest.raises(ServiceError) as exc:
        services.event_update(zone=zone, actor=None, event=event, data={"capacity": 2})
    assert "4 bevestigde inschrijvingen" in str(exc.value) and "naar 2" in str(exc.value)
    event = Event.objects.for_zone(zone).get(pk=event.pk)
    assert (event.capacity, event.seats_taken) == (5, 4)


def test_capacity_raised_promotes_from_the_waiting_list(zone, mailoutbox):
    event = make_event(zone, capacity=1)
    register(zone, event, 1)
    waiting = register(zone, event, 2)
    committed(services.event_update, zone=zone, actor=None, event=event, data={"capacity": 2})
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_event_ending_before_it_starts_is_refused_in_dutch(zone):
    start = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ServiceError, match="eindigen na het begin"):
        services.event_create(
            zone=zone,
            actor=None,
            data={"title": "X", "starts_at": start, "ends_at": start - dt.timedelta(hours=1)},
        )


def test_organisation_is_matched_to_the_directory_or_kept_free(zone, other_zone, mailoutbox):
    org = Organisation.objects.create(zone=zone, name="CAW Oost-Brabant")
    Organisation.objects.create(zone=other_zone, name="Elders vzw")
    event = make_event(zone)
    matched = register(zone, event, 1, organisation_name="caw oost-brabant")
    free = register(zone, event, 2, organisation_name="Elders vzw")
    assert matched.organisation == org
    assert free.organisation is None and free.organisation_name == "Elders vzw"


def test_another_zones_event_is_refused(zone, other_zone):
    event = make_event(other_zone)
    with pytest.raises(ServiceError):
        register(zone, event, 1)


def test_newsletter_consent_is_stored_and_announced(zone, mailoutbox):
    heard = []

    def receiver(**kwargs):
        heard.append(kwargs["email"])

    services.newsletter_consent_given.connect(receiver)
    try:
        event = make_event(zone)
        reg = register(zone, event, 1, newsletter_opt_in=True)
        register(zone, event, 2)
    finally:
        services.newsletter_consent_given.disconnect(receiver)
    assert reg.newsletter_consent_at is not None and "nieuwsbrief" in reg.newsletter_consent_text
    assert heard == ["p1@voorbeeld.be"]


def test_cancelling_twice_is_refused(zone, mailoutbox):
    event = make_event(zone)
    reg = register(zone, event, 1)
    services.registration_cancel(zone=zone, registration=reg)
    with pytest.raises(ServiceError, match="al geannuleerd"):
        services.registration_cancel(zone=zone, registration=reg)
    event.refresh_from_db()
    assert event.seats_taken == 0


def test_check_in_walk_in_and_no_show(zone, mailoutbox):
    event = make_event(zone, capacity=2)
    a, b = register(zone, event, 1), register(zone, event, 2)
    services.registration_check_in(zone=zone, actor=None, registration=a)
    walk = services.walk_in_add(zone=zone, actor=None, event=event, name="Loper Binnen")
    assert walk.status == RegistrationStatus.ATTENDED and not walk.has_seat
    assert services.attendance_close(zone=zone, actor=None, event=event) == 1
    b.refresh_from_db()
    assert b.status == RegistrationStatus.NO_SHOW
    with pytest.raises(ServiceError):
        services.walk_in_add(zone=zone, actor=None, event=event, name="  ")
