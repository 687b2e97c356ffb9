"""Reads for the events app. Other apps (newsletter, planning) read events only through here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import Event, EventStatus


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def upcoming_public_events(zone: Any, start: dt.date, end: dt.date) -> QuerySet[Event]:
    """The zone's public events (published or save the date, not cancelled) starting on `start` … `end` (inclusive).

    For the newsletter's "upcoming events" block. Ordered by start; venue and organiser joined.
    """
    return (
        Event.objects.for_zone(zone)
        .filter(
            status__in=(EventStatus.PUBLISHED, EventStatus.SAVE_THE_DATE),
            starts_at__gte=_day_start(start),
            starts_at__lt=_day_start(end + dt.timedelta(days=1)),
        )
        .select_related("venue_organisation", "organiser", "municipality")
        .order_by("starts_at", "pk")
    )
