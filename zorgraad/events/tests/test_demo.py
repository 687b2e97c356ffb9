from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zorgraad.core.registry import DemoContext
from zorgraad.events import demo, selectors
from zorgraad.events.models import Event, EventStatus, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


def _local(event):
    return timezone.localtime(event.starts_at)


def test_demo_events_fall_on_the_seed_weekdays_with_a_full_one_and_a_series(zones):
    demo.load(DemoContext(zones=dict(zones), all_zones=dict(zones)))
    waasland = zones["waasland"]
    events = {(e.title, _local(e).date()): e for e in Event.objects.for_zone(waasland)}
    weekday = {k[1]: k[1].strftime("%a") for k in events}
    assert weekday[dt.date(2025, 9, 25)] == "Thu"  # Open netwerk
    assert weekday[dt.date(2025, 10, 3)] == "Fri"  # infolunch slachtofferzorg
    assert weekday[dt.date(2026, 4, 21)] == "Tue"  # Trefdag
    trefdag = events[("Trefdag 2026", dt.date(2026, 4, 21))]
    assert trefdag.status == EventStatus.SAVE_THE_DATE
    full = events[("Infolunch slachtofferzorg", dt.date(2025, 10, 3))]
    assert (
        full.is_full
        and Registration.objects.for_zone(waasland)
        .filter(event=full, status=RegistrationStatus.WAITLISTED)
        .exists()
    )
    series = [e for e in events.values() if e.series_id]
    assert len({e.municipality_id for e in series}) == 5 and len(series) == 5
    upcoming = list(
        selectors.upcoming_public_events(
            waasland, timezone.localdate(), timezone.localdate() + dt.timedelta(days=60)
        )
    )
    assert any(e.is_full for e in upcoming) and any(
        e.registration_state() == "open" and not e.is_full for e in upcoming
    )
    amalo = zones["amalo"]
    names = {(e.title, _local(e).strftime("%a %d/%m/%Y")) for e in Event.objects.for_zone(amalo)}
    assert ("Missing You", "Sat 18/10/2025") in names
    assert ("Netwerkdag", "Tue 25/11/2025") in names
    for zone in zones.values():
        for event in Event.objects.for_zone(zone):
            seats = Registration.objects.for_zone(zone).filter(event=event, has_seat=True).count()
            assert seats == event.seats_taken
