"""Reads of challenges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Challenge


def challenge_list(*, zone: Any, active_on: dt.date | None = None) -> QuerySet[Challenge]:
    qs = Challenge.objects.for_zone(zone)
    if active_on is not None:
        qs = qs.filter(Q(active_from__isnull=True) | Q(active_from__lte=active_on)).filter(
            Q(active_until__isnull=True) | Q(active_until__gte=active_on)
        )
    return qs.order_by("order", "pk")


def challenge_get(*, zone: Any, pk: int) -> Challenge:
    try:
        return Challenge.objects.for_zone(zone).get(pk=pk)
    except Challenge.DoesNotExist as exc:
        raise Http404("Onbekende uitdaging") from exc


def challenge_bodies(*, zone: Any, challenge: Challenge) -> list[Any]:
    from zorgraad.governance.models import Body

    return list(Body.objects.for_zone(zone).filter(challenges=challenge).order_by("name"))
