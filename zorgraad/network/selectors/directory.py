from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zorgraad.zones.models import Zone

from ..models import Affiliation, Offer, Organisation, Person, normalise


@dataclass(frozen=True)
class OrganisationFilters:
    q: str = ""
    sector: int | None = None
    cluster: int | None = None
    municipality: int | None = None
    archived: bool = False


def organisation_list(*, zone: Zone, filters: OrganisationFilters | None = None) -> QuerySet[Organisation]:
    f = filters or OrganisationFilters()
    qs = Organisation.objects.for_zone(zone).filter(is_archived=f.archived)
    if f.q:
        for word in normalise(f.q).split():
            qs = qs.filter(search_text__contains=word)
    if f.sector:
        qs = qs.filter(sector_id=f.sector)
    if f.cluster:
        qs = qs.filter(clusters__id=f.cluster)
    if f.municipality:
        qs = qs.filter(municipalities__id=f.municipality)
    return (
        qs.select_related("sector")
        .prefetch_related("clusters", "municipalities")
        .annotate(
            current_people=Count("affiliations", filter=Q(affiliations__end__isnull=True), distinct=True)
        )
        .order_by("name", "id")
        .distinct()
    )


def organisation_get(*, zone: Zone, pk: int) -> Organisation:
    current = Affiliation.objects.for_zone(zone).select_related("person").order_by("person__last_name")
    offers = (
        Offer.objects.for_zone(zone).filter(is_archived=False).prefetch_related("target_groups", "themes")
    )
    return get_object_or_404(
        Organisation.objects.for_zone(zone)
        .select_related("sector", "parent")
        .prefetch_related(
            "clusters",
            "municipalities",
            Prefetch("affiliations", queryset=current),
            Prefetch("offers", queryset=offers),
        ),
        pk=pk,
    )


def stale_summary(*, zone: Zone) -> dict[str, int]:
    """Counts for the staff home page: records not confirmed in 12 months and bounced addresses."""
    limit = timezone.now() - dt.timedelta(days=365)
    stale = Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=limit)
    people = Person.objects.for_zone(zone).filter(is_archived=False)
    orgs = Organisation.objects.for_zone(zone).filter(is_archived=False)
    return {
        "people": people.filter(stale).count(),
        "organisations": orgs.filter(stale).count(),
        "bounced": people.filter(email_bounced=True).count(),
    }
