from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from zorgraad.events import selectors
from zorgraad.events.models import Event, EventStatus

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_database_refuses_more_seats_than_capacity(zone):
    event = make_event(zone, capacity=1)
    Event.objects.for_zone(zone).filter(pk=event.pk).update(seats_taken=F("seats_taken") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.for_zone(zone).filter(pk=event.pk).update(seats_taken=F("seats_taken") + 1)


def test_database_refuses_an_event_ending_before_it_starts(zone):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(zone, ends_at=make_event(zone).starts_at - dt.timedelta(hours=1))


def test_upcoming_public_events_keeps_to_zone_period_and_public_status(zone, other_zone):
    inside = make_event(zone, days=5)
    make_event(zone, days=5, status=EventStatus.PROPOSED)
    make_event(zone, days=40)
    make_event(other_zone, days=5)
    std = make_event(zone, days=6, status=EventStatus.SAVE_THE_DATE)
    today = dt.date.today()
    found = list(selectors.upcoming_public_events(zone, today, today + dt.timedelta(days=30)))
    assert found == [inside, std]
