"""The events panel's stamp (events/hooks.registrations_stamp): the key of the cached staff home for
the registrations the fast path writes without raising a generation. It changes with every
registration of an event that has not ended, also one whose transaction commits after a higher id's,
and when an upcoming event ends; registrations of ended events neither change it nor are read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zorgraad.events import services
from zorgraad.events.hooks import registrations_stamp
from zorgraad.events.models import Event, Registration

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_a_registration_of_an_upcoming_event_changes_the_stamp(zone: Any, mailoutbox: Any) -> None:
    event = make_event(zone, capacity=None)
    before = registrations_stamp(zone)
    services.registration_create(zone=zone, event=event, name="Ada Proefmans", email="ada@voorbeeld.be")
    after = registrations_stamp(zone)
    assert after != before
    services.registration_create(zone=zone, event=event, name="Bert Proefmans", email="bert@voorbeeld.be")
    assert registrations_stamp(zone) != after


def test_a_row_that_shows_up_below_the_highest_id_changes_the_stamp(zone: Any) -> None:
    """Two transactions: the one with the lower id commits last. The count sees it."""
    event = make_event(zone, capacity=None)
    first = Registration.objects.create(zone=zone, event=event, name="Een")
    Registration.objects.create(zone=zone, event=event, name="Twee")
    seen = registrations_stamp(zone)
    Registration.objects.for_zone(zone).filter(pk=first.pk).delete()  # as if it had not been committed yet
    assert registrations_stamp(zone) != seen


def test_registrations_of_ended_events_are_not_in_the_stamp(zone: Any, other_zone: Any) -> None:
    upcoming = make_event(zone, capacity=None)
    ended = make_event(zone, days=-30, capacity=None)
    Registration.objects.create(zone=zone, event=upcoming, name="Komt nog")
    stamp = registrations_stamp(zone)
    for n in range(5):
        Registration.objects.create(zone=zone, event=ended, name=f"Was er {n}")
    elsewhere = make_event(other_zone, capacity=None)
    Registration.objects.create(zone=other_zone, event=elsewhere, name="Andere zone")
    assert registrations_stamp(zone) == stamp
    count, highest, _ = stamp.split(":", 2)
    assert count == "1" and highest == str(Registration.objects.for_zone(zone).get(name="Komt nog").pk)


def test_the_stamp_changes_when_an_upcoming_event_ends(zone: Any) -> None:
    event = make_event(zone, capacity=None)
    stamp = registrations_stamp(zone)
    past = timezone.now() - dt.timedelta(minutes=1)
    Event.objects.for_zone(zone).filter(pk=event.pk).update(
        starts_at=past - dt.timedelta(hours=1), ends_at=past
    )
    assert registrations_stamp(zone) != stamp


def test_the_stamp_is_one_query(zone: Any) -> None:
    make_event(zone, capacity=None)
    with CaptureQueriesContext(connection) as ctx:
        registrations_stamp(zone)
    assert len(ctx.captured_queries) == 1
