"""Erasing a person (network.services.privacy) and their event registrations.

A registration for an event that has not started is cancelled through the events app's own
cancellation: the seat goes to the first person waiting, who gets the usual mail. Registrations of
past events stay, anonymous, and keep counting.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import TestCase

from zorgraad.core.models import AuditEntry
from zorgraad.events import services
from zorgraad.events.models import Event, Registration, RegistrationStatus
from zorgraad.network import services as network
from zorgraad.network.services import ServiceError, privacy

from .factories import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.sends_mail]

EMAIL = "mira.wissel@example.be"
NAME = "Mira Wisselaar"


def committed(func: Any, **kw: Any) -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return func(**kw)


def register(zone: Any, event: Event, name: str, email: str) -> Registration:
    return committed(
        services.registration_create, zone=zone, event=event, name=name, email=email
    ).registration


def _state(zone: Any) -> list[tuple[Any, ...]]:
    return sorted(
        Registration.objects.for_zone(zone).values_list(
            "pk", "event_id", "name", "email", "status", "has_seat", "token"
        )
    )


@pytest.fixture
def world(zone: Any, other_zone: Any, users: dict[str, Any], mailoutbox: list[Any]) -> dict[str, Any]:
    person = network.person_create(
        zone=zone, actor=users["staff"], data={"first_name": "Mira", "last_name": "Wisselaar", "email": EMAIL}
    )
    # a full upcoming event: the person holds a seat (registered on the public form, by address),
    # two people wait
    full = make_event(zone, days=12, capacity=2, title="Netwerkmoment dementie")
    mine = register(zone, full, NAME, EMAIL)
    other = register(zone, full, "Ander Zitje", "ander@example.be")
    first = register(zone, full, "Eerste Wachtende", "eerste@example.be")
    second = register(zone, full, "Tweede Wachtende", "tweede@example.be")
    # another upcoming full event where the person only waits (linked to the person record)
    waiting_event = make_event(zone, days=20, capacity=1, title="Vorming signalen")
    holder = register(zone, waiting_event, "Vaste Houder", "houder@example.be")
    waiting = register(zone, waiting_event, NAME, EMAIL.upper())
    Registration.objects.for_zone(zone).filter(pk=waiting.pk).update(person=person)
    behind = register(zone, waiting_event, "Achter Wachter", "achter@example.be")
    # a past event the person attended
    past = make_event(zone, days=-14, capacity=2, title="Infolunch mantelzorg")
    attended = Registration.objects.create(
        zone=zone, event=past, person=person, name=NAME, email=EMAIL, status="attended", has_seat=True
    )
    Event.objects.for_zone(zone).filter(pk=past.pk).update(seats_taken=1)
    # the same address in another zone, on a full event with a waiting list: not this erasure's concern
    elsewhere = make_event(other_zone, days=12, capacity=1, title="Netwerkmoment Zenne")
    register(other_zone, elsewhere, NAME, EMAIL)
    register(other_zone, elsewhere, "Zenne Wachtende", "zenne@example.be")
    mailoutbox.clear()
    return {
        "person": person,
        "full": full,
        "mine": mine,
        "other": other,
        "first": first,
        "second": second,
        "waiting_event": waiting_event,
        "holder": holder,
        "waiting": waiting,
        "behind": behind,
        "past": past,
        "attended": attended,
    }


def _reload(*rows: Any) -> None:
    for row in rows:
        row.refresh_from_db()


def test_erasure_frees_the_seat_and_promotes_the_first_person_waiting(
    zone, other_zone, users, world, mailoutbox
):
    assert world["first"].status == RegistrationStatus.WAITLISTED  # the event was full
    other_zone_before = _state(other_zone)

    committed(privacy.person_erase, zone=zone, actor=users["staff"], person=world["person"], reason="Brief")

    mine, first, second, other = world["mine"], world["first"], world["second"], world["other"]
    _reload(mine, first, second, other, world["full"])
    assert (mine.status, mine.has_seat, mine.name, mine.email) == (
        RegistrationStatus.CANCELLED,
        False,
        "Anonieme deelnemer",
        "",
    )
    assert mine.cancelled_at is not None
    # the seat went to the first person waiting, the second still waits, the others keep theirs
    assert (first.status, first.has_seat) == (RegistrationStatus.CONFIRMED, True)
    assert first.promoted_at is not None
    assert second.status == RegistrationStatus.WAITLISTED
    assert (other.status, other.has_seat) == (RegistrationStatus.CONFIRMED, True)
    assert world["full"].seats_taken == 2
    # the promoted person got the events app's own mail with the calendar invitation; the erased
    # address got nothing
    assert [m.to for m in mailoutbox] == [["eerste@example.be"]]
    assert "plaats vrij" in mailoutbox[0].subject
    assert all(EMAIL not in " ".join(m.to).lower() for m in mailoutbox)
    # another zone's registrations and waiting list: untouched
    assert _state(other_zone) == other_zone_before


def test_erasure_gives_up_a_place_on_the_waiting_list_without_promoting_anyone(zone, users, world):
    committed(privacy.person_erase, zone=zone, actor=users["staff"], person=world["person"], reason="Brief")

    waiting, holder, behind = world["waiting"], world["holder"], world["behind"]
    _reload(waiting, holder, behind, world["waiting_event"])
    assert (waiting.status, waiting.email) == (RegistrationStatus.CANCELLED, "")
    assert (holder.status, holder.has_seat) == (RegistrationStatus.CONFIRMED, True)
    assert behind.status == RegistrationStatus.WAITLISTED
    assert world["waiting_event"].seats_taken == 1


def test_a_past_registration_stays_counted_and_anonymous(zone, users, world):
    committed(privacy.person_erase, zone=zone, actor=users["staff"], person=world["person"], reason="Brief")

    attended = world["attended"]
    _reload(attended, world["past"])
    assert (attended.status, attended.has_seat, attended.person_id) == (
        RegistrationStatus.ATTENDED,
        True,
        world["person"].pk,
    )
    assert (attended.name, attended.email) == ("Anonieme deelnemer", "")
    assert world["past"].seats_taken == 1
    assert Registration.objects.for_zone(zone).filter(event=world["past"], status="attended").count() == 1


def test_the_erasure_records_what_it_cancelled_and_no_trace_of_the_person(zone, users, world):
    person = world["person"]
    committed(privacy.person_erase, zone=zone, actor=users["staff"], person=person, reason="Brief")

    erased = AuditEntry.objects.for_zone(zone).get(model="person", object_id=person.pk, action="erased")
    assert erased.changes["beëindigd"][1] == (
        "2 inschrijvingen voor komende activiteiten geannuleerd (1 persoon van de wachtlijst ingeschreven)"
    )
    cancels = AuditEntry.objects.for_zone(zone).filter(
        model="registration", action="cancel", object_id__in=[world["mine"].pk, world["waiting"].pk]
    )
    assert cancels.count() == 2
    assert {c.actor_id for c in cancels} == {users["staff"].pk}
    person.refresh_from_db()
    export = json.dumps(privacy.person_data_export(zone=zone, actor=users["staff"], person=person))
    history = json.dumps(
        list(AuditEntry.objects.for_zone(zone).values_list("changes", "object_repr", "actor_label"))
    )
    for text in (export, history):
        assert "Wisselaar" not in text and EMAIL not in text.lower()


def test_a_refused_erasure_cancels_nothing(zone, users, world, mailoutbox):
    before = _state(zone)
    with pytest.raises(ServiceError, match="reden"):
        committed(privacy.person_erase, zone=zone, actor=users["staff"], person=world["person"], reason=" ")
    assert _state(zone) == before
    assert mailoutbox == []


def test_erasing_a_person_with_nothing_in_events_still_works(zone, users, world, mailoutbox):
    lone = network.person_create(
        zone=zone, actor=users["staff"], data={"first_name": "Olaf", "last_name": "Zonderactiviteit"}
    )
    before = _state(zone)
    committed(privacy.person_erase, zone=zone, actor=users["staff"], person=lone, reason="Verzoek")

    lone.refresh_from_db()
    assert privacy.is_erased(zone=zone, person=lone)
    assert _state(zone) == before
    erased = AuditEntry.objects.for_zone(zone).get(model="person", object_id=lone.pk, action="erased")
    assert "beëindigd" not in erased.changes
    assert mailoutbox == []


def test_the_confirmation_page_says_which_registrations_will_be_cancelled(zone, users, world, staff_client):
    from django.urls import reverse

    preview = privacy.person_erase_preview(zone=zone, person=world["person"])
    assert preview["notes"] == [
        "2 inschrijvingen voor activiteiten die nog moeten beginnen, worden geannuleerd: "
        "vrijgekomen plaatsen gaan naar de eersten op de wachtlijst."
    ]
    url = reverse("network:person_erase", kwargs={"zone": zone.slug, "pk": world["person"].pk})
    assert (
        "2 inschrijvingen voor activiteiten die nog moeten beginnen" in staff_client.get(url).content.decode()
    )
    # nothing to cancel: no such sentence
    lone = network.person_create(
        zone=zone, actor=users["staff"], data={"first_name": "Olaf", "last_name": "Zonderactiviteit"}
    )
    assert privacy.person_erase_preview(zone=zone, person=lone)["notes"] == []
