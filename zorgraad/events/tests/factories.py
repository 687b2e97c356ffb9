"""Small helpers to make events in tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zorgraad.events.models import Event, EventStatus


def make_event(zone: Any, *, days: int = 10, capacity: int | None = 10, **extra: Any) -> Event:
    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(12))
    )
    fields: dict[str, Any] = {
        "zone": zone,
        "title": "Infolunch slachtofferzorg",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "capacity": capacity,
        "status": EventStatus.PUBLISHED,
        "venue": "Odisee, Sint-Niklaas",
    }
    fields.update(extra)
    return Event.objects.create(**fields)
