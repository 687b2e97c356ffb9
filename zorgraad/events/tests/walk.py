"""The events' records for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

PK_BY_NAME = [("events:", "event")]


def make_objects(zone: Any, users: Any, objects: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    from zorgraad.events.models import Event, EventStatus

    starts = timezone.make_aware(dt.datetime(2030, 3, 12, 12, 0))
    event = Event.objects.create(
        zone=zone,
        title="Infolunch",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        status=EventStatus.PUBLISHED,
        capacity=20,
    )
    return {"event": event.pk}
