from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from .models import Cluster, Municipality, Zone, ZoneMunicipality


def zone_list() -> QuerySet[Zone]:
    today = dt.date.today()
    current = ZoneMunicipality.objects.filter(valid_from__lte=today).exclude(valid_to__lt=today)
    return Zone.objects.filter(is_active=True).prefetch_related(
        Prefetch(
            "municipality_links",
            queryset=current.select_related("municipality").order_by("municipality__name"),
        )
    )


def municipality_list(*, zone: Zone) -> QuerySet[Municipality]:
    return zone.municipalities_on()


def cluster_list() -> QuerySet[Cluster]:
    return Cluster.objects.all()
