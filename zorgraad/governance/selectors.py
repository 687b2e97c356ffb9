"""Reads for bodies. Shared by the governance and meetings screens."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zorgraad.zones.models import Zone

from .models import Body


def body_get(*, zone: Zone, slug: str) -> Body:
    return get_object_or_404(
        Body.objects.for_zone(zone).select_related("cluster").prefetch_related("required_sectors"),
        slug=slug,
        is_archived=False,
    )


def body_list(*, zone: Zone, ids: list[int] | None = None) -> QuerySet[Body]:
    qs = Body.objects.for_zone(zone).filter(is_archived=False).select_related("cluster")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("name")
