"""The events panel's stamp (events/hooks.registrations_stamp), part of the key of the cached staff
home for the registrations the fast path writes outside the ORM: the zone's registrations generation,
raised in the statement (or transaction) that writes the row, and the first end of an event that has
not ended. Every test reads the zone as a request does (pagecache.zone_with_generations): the
generations come with the zone, so the stamp itself needs no query on a hit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zorgraad.core import pagecache
from zorgraad.core.models import PageGeneration
from zorgraad.events import services
from zorgraad.events.hooks import STAMP_KIND, registrations_stamp
from zorgraad.events.models import Event, Registration
from zorgraad.events.services import AlreadyRegistered

from .factories import make_event

pytestmark = pytest.mark.django_db


def _stamp(zone: Any) -> str:
    """The stamp as the next request computes it (the zone and its generations read afresh)."""
    return registrations_stamp(pagecache.zone_with_generations(zone.slug))


def _generation(zone: Any) -> int:
    row = PageGeneration.objects.filter(zone=zone, kind=STAMP_KIND).first()
    return row.value if row else 0


def test_every_registration_changes_the_stamp(zone: Any, mailoutbox: Any) -> None:
    event = make_event(zone, capacity=None)
    before = _stamp(zone)
    services.registration_create(zone=zone, event=event, name="Ada Proefmans", email="ada@voorbeeld.be")
    after = _stamp(zone)
    assert after != before
    services.registration_create(zone=zone, event=event, name="Bert Proefmans", email="bert@voorbeeld.be")
    assert _stamp(zone) != after
    assert _generation(zone) == 2


@pytest.mark.parametrize("in_transaction", [False, True])
def test_both_ways_of_the_fast_path_raise_it_with_the_row(
    zone: Any, mailoutbox: Any, in_transaction: bool
) -> None:
    """PostgreSQL outside a transaction: one statement (a CTE); otherwise the portable statements."""
    event = make_event(zone, capacity=None)
    if in_transaction:
        with transaction.atomic():
            services.registration_create(zone=zone, event=event, name="Cas", email="cas@voorbeeld.be")
    else:
        services.registration_create(zone=zone, event=event, name="Cas", email="cas@voorbeeld.be")
    assert Registration.objects.for_zone(zone).count() == 1
    assert _generation(zone) == 1


def test_a_waitlisted_registration_changes_it_a_refused_one_does_not(zone: Any, mailoutbox: Any) -> None:
    full = make_event(zone, capacity=1, waitlist_enabled=True)
    services.registration_create(zone=zone, event=full, name="Eerste", email="een@voorbeeld.be")
    seen = _stamp(zone)
    services.registration_create(zone=zone, event=full, name="Wacht", email="wacht@voorbeeld.be")
    assert Registration.objects.for_zone(zone).get(email="wacht@voorbeeld.be").status == "waitlisted"
    assert _stamp(zone) != seen
    closed = make_event(zone, capacity=1, waitlist_enabled=False)
    services.registration_create(zone=zone, event=closed, name="Vol", email="vol@voorbeeld.be")
    seen, generation = _stamp(zone), _generation(zone)
    with pytest.raises(Exception, match="volzet"):
        services.registration_create(zone=zone, event=closed, name="Te laat", email="laat@voorbeeld.be")
    assert (_stamp(zone), _generation(zone)) == (seen, generation)


def test_a_refused_second_registration_raises_nothing(zone: Any, mailoutbox: Any) -> None:
    """The same address twice: the statement (or transaction) is undone, its generation with it."""
    event = make_event(zone, capacity=None)
    services.registration_create(zone=zone, event=event, name="Dirk", email="dirk@voorbeeld.be")
    generation = _generation(zone)
    with pytest.raises(AlreadyRegistered):
        services.registration_create(zone=zone, event=event, name="Dirk", email="DIRK@voorbeeld.be")
    assert _generation(zone) == generation


def test_another_zones_registrations_do_not_change_it(zone: Any, other_zone: Any, mailoutbox: Any) -> None:
    make_event(zone, capacity=None)
    seen = _stamp(zone)
    elsewhere = make_event(other_zone, capacity=None)
    services.registration_create(zone=other_zone, event=elsewhere, name="Elders", email="e@voorbeeld.be")
    assert _stamp(zone) == seen
    assert _generation(other_zone) == 1


def test_the_stamp_kind_is_in_no_other_page_key(zone: Any, mailoutbox: Any) -> None:
    """A registration clears no public page and no other staff page: only pages that declare the stamp."""
    event = make_event(zone, capacity=None)
    services.registration_create(zone=zone, event=event, name="Fien", email="fien@voorbeeld.be")
    fresh = pagecache.zone_with_generations(zone.slug)
    assert fresh.page_generations[STAMP_KIND] == 1
    assert STAMP_KIND in pagecache.STAMP_KINDS and STAMP_KIND in pagecache.STAFF_KINDS
    assert STAMP_KIND not in pagecache._scope(fresh, (pagecache.ALL,))


def test_the_stamp_changes_when_an_upcoming_event_ends(zone: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """No write: time passes the first end. The cached first end is read again once it has passed."""
    event = make_event(zone, capacity=None)
    stamp = _stamp(zone)
    later = event.ends_at + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert _stamp(zone) != stamp


@pytest.mark.django_db(transaction=True)  # the generations are raised after commit
def test_a_changed_end_is_seen_at_once(zone: Any) -> None:
    """An event's end written through the ORM raises the events generation: a new cache entry."""
    event = make_event(zone, capacity=None)
    stamp = _stamp(zone)
    Event.objects.for_zone(zone).filter(pk=event.pk).update(ends_at=event.ends_at + dt.timedelta(hours=2))
    assert _stamp(zone) != stamp


def test_ended_events_are_not_in_it(zone: Any) -> None:
    upcoming = make_event(zone, capacity=None)
    make_event(zone, days=-30, capacity=None)
    assert dt.datetime.fromisoformat(_stamp(zone).split(":", 1)[1]) == upcoming.ends_at


def test_no_query_on_a_hit_one_when_the_end_has_passed(zone: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    event = make_event(zone, capacity=None)
    cache.clear()
    fresh = pagecache.zone_with_generations(zone.slug)
    with CaptureQueriesContext(connection) as ctx:
        first = registrations_stamp(fresh)
    assert len(ctx.captured_queries) == 1
    with CaptureQueriesContext(connection) as ctx:
        assert registrations_stamp(fresh) == first
    assert len(ctx.captured_queries) == 0
    later = event.ends_at + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with CaptureQueriesContext(connection) as ctx:
        assert registrations_stamp(fresh) != first
    assert len(ctx.captured_queries) == 1


def test_a_zone_without_upcoming_events_keeps_its_empty_end(zone: Any) -> None:
    make_event(zone, days=-3, capacity=None)
    cache.clear()
    fresh = pagecache.zone_with_generations(zone.slug)
    assert registrations_stamp(fresh) == "0:"
    with CaptureQueriesContext(connection) as ctx:
        registrations_stamp(fresh)
    assert len(ctx.captured_queries) == 0
