from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zorgraad.core.lists import search_words
from zorgraad.zones.models import Zone

from ..models import Affiliation, Offer, Organisation, Person, normalise


def current_q(prefix: str = "", day: dt.date | None = None) -> Q:
    """Affiliations that run today: no end date, or one that is not yet past."""
    day = day or timezone.localdate()
    return Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})


def current_affiliations(zone: Zone) -> QuerySet[Affiliation]:
    return Affiliation.objects.for_zone(zone).filter(current_q())


@dataclass(frozen=True)
class OrganisationFilters:
    q: str = ""
    sector: int | None = None
    cluster: int | None = None
    municipality: int | None = None
    archived: bool = False


# A search of a staff list that matches at most this many rows is sorted after it is found; above
# it, the rows are read in name order from the list's index until the page is full.
SEARCH_SORT_AFTER = 2000


class SearchedRows:
    """A searched staff list for the paginator, read so that its cost follows the matches, not the
    size of the zone; the same rows in the same order as the queryset it wraps.

    Ordered by name, PostgreSQL reads a searched list through the (zone, is_archived, name) index in
    name order, filtering every row on the way, as if the matches were spread over the alphabet. A
    search for a surname or a kind of organisation finds rows that sit together in that order: on
    the 20,000 people of bench/staff_pages.py's `schaal-groot`, "peeters" read 19,000 rows (11-18 ms)
    to show 25. Sorted on `name || ''` (the same order, but no index gives it), the matches are
    found through the trigram index (migration network 0006) and only they are sorted. The
    paginator's COUNT, which the page shows anyway, decides: up to SEARCH_SORT_AFTER matches they
    are sorted after they are found; above, the name-order index fills the page soonest. No query
    more than the queryset's own."""

    def __init__(self, rows: QuerySet[Any, Any], name: str, *then: str) -> None:
        self.rows = rows
        self.ordering = (name, *then)
        self.ordered = True  # for Paginator's check
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.rows.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> QuerySet[Any, Any]:
        rows = self.rows
        if self.count() <= SEARCH_SORT_AFTER:
            name, *then = self.ordering
            rows = rows.order_by(Concat(F(name), Value("")), *then)
        return rows[index]


def organisation_list(*, zone: Zone, filters: OrganisationFilters | None = None) -> QuerySet[Organisation]:
    f = filters or OrganisationFilters()
    qs = Organisation.objects.for_zone(zone).filter(is_archived=f.archived)
    if f.q:
        for word in search_words(normalise(f.q)):
            qs = qs.filter(search_text__contains=word)
    if f.sector:
        qs = qs.filter(sector_id=f.sector)
    # EXISTS, not joins: no DISTINCT, so the page's COUNT is a plain count of the zone's matching rows.
    if f.cluster:
        in_cluster = Organisation.clusters.through.objects.filter(
            organisation_id=OuterRef("pk"), cluster_id=f.cluster
        )
        qs = qs.filter(Exists(in_cluster))
    if f.municipality:
        works_in = Organisation.municipalities.through.objects.filter(
            organisation_id=OuterRef("pk"), municipality_id=f.municipality
        )
        qs = qs.filter(Exists(works_in))
    # Counted per row shown (a correlated subquery on the page's rows), never for the whole zone;
    # count() leaves this unused annotation out.
    # By organisation only (its own index; the organisation is of the zone already): with a zone
    # filter SQLite walked the zone's index, every affiliation of the zone for every row.
    people = (
        Affiliation.objects.unscoped()
        .filter(current_q(), organisation_id=OuterRef("pk"))
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        qs.select_related("sector")
        .prefetch_related("clusters", "municipalities")
        .annotate(current_people=Coalesce(Subquery(people), 0))
        .order_by("name", "id")
    )


@dataclass
class OrganisationRow:
    """One row of the staff organisation list: only what the list shows, evaluated here (no model
    instances, related managers or `{% url %}` per row in the template)."""

    pk: int
    name: str
    short_name: str
    sector: str | None
    last_confirmed_at: dt.datetime | None
    current_people: int
    url: str = ""
    clusters: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)

    @property
    def is_stale(self) -> bool:
        limit = timezone.now() - dt.timedelta(days=365)
        return self.last_confirmed_at is None or self.last_confirmed_at < limit


ORGANISATION_ROW_COLUMNS = ("pk", "name", "short_name", "sector__name", "last_confirmed_at", "current_people")


def organisation_list_values(
    *, zone: Zone, filters: OrganisationFilters | None = None
) -> QuerySet[Organisation, dict[str, Any]] | SearchedRows:
    """The list as dicts of the columns shown, for the page's paginator (its COUNT is the same);
    a search as SearchedRows."""
    rows = (
        organisation_list(zone=zone, filters=filters).prefetch_related(None).values(*ORGANISATION_ROW_COLUMNS)
    )
    if filters and filters.q:
        return SearchedRows(rows, "name", "id")
    return rows


def organisation_rows(rows: Iterable[dict[str, Any]], url_of: Callable[[int], str]) -> list[OrganisationRow]:
    """The page's rows with their clusters and municipalities (names, in their own order): two
    queries on the link tables for the rows shown, whatever their number."""
    found = [
        OrganisationRow(
            pk=r["pk"],
            name=r["name"],
            short_name=r["short_name"],
            sector=r["sector__name"],
            last_confirmed_at=r["last_confirmed_at"],
            current_people=r["current_people"],
            url=url_of(r["pk"]),
        )
        for r in rows
    ]
    by_pk = {row.pk: row for row in found}
    if by_pk:
        clusters = (
            Organisation.clusters.through.objects.filter(organisation_id__in=by_pk)
            .order_by("cluster__order", "cluster__name", "cluster_id")
            .values_list("organisation_id", "cluster__name")
        )
        for pk, name in clusters:
            by_pk[pk].clusters.append(name)
        places = (
            Organisation.municipalities.through.objects.filter(organisation_id__in=by_pk)
            .order_by("municipality__name", "municipality_id")
            .values_list("organisation_id", "municipality__name")
        )
        for pk, name in places:
            by_pk[pk].municipalities.append(name)
    return found


def organisation_export_list(
    *, zone: Zone, filters: OrganisationFilters | None = None
) -> QuerySet[Organisation]:
    """The list, plus parent and the current people with their function: everything the export shows."""
    people = current_affiliations(zone).select_related("person").order_by("person__last_name", "id")
    return (
        organisation_list(zone=zone, filters=filters)
        .select_related("parent")
        .prefetch_related(Prefetch("affiliations", queryset=people, to_attr="current_affiliations"))
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


def organisation_edit_get(*, zone: Zone, pk: int) -> Organisation:
    """An organisation with what its form shows (sector, parent, clusters, municipalities): not the
    people and offers of `organisation_get` (four queries fewer)."""
    return get_object_or_404(
        Organisation.objects.for_zone(zone)
        .select_related("sector", "parent")
        .prefetch_related("clusters", "municipalities"),
        pk=pk,
    )


def organisation_choices(*, zone: Zone) -> QuerySet[Organisation]:
    """Organisations to pick from in a form (not archived), lightest query possible."""
    return Organisation.objects.for_zone(zone).filter(is_archived=False).only("pk", "name").order_by("name")


@dataclass(frozen=True)
class PersonFilters:
    q: str = ""
    organisation: int | None = None
    sector: int | None = None
    municipality: int | None = None
    without_function: bool = False
    archived: bool = False


def person_list(*, zone: Zone, filters: PersonFilters | None = None) -> QuerySet[Person]:
    """People of the zone with their current functions prefetched (`person.current_affiliations`)."""
    f = filters or PersonFilters()
    qs = Person.objects.for_zone(zone).filter(is_archived=f.archived)
    if f.q:
        for word in search_words(normalise(f.q)):
            qs = qs.filter(search_text__contains=word)
    if f.organisation or f.sector or f.municipality:
        # One affiliation must satisfy all organisation filters at once.
        match = current_affiliations(zone).filter(person=OuterRef("pk"))
        if f.organisation:
            match = match.filter(organisation_id=f.organisation)
        if f.sector:
            match = match.filter(organisation__sector_id=f.sector)
        if f.municipality:
            match = match.filter(organisation__municipalities__id=f.municipality)
        qs = qs.filter(Exists(match))
    if f.without_function:
        qs = qs.exclude(Exists(current_affiliations(zone).filter(person=OuterRef("pk"))))
    functions = current_affiliations(zone).select_related("organisation").order_by("organisation__name", "id")
    return qs.prefetch_related(
        Prefetch("affiliations", queryset=functions, to_attr="current_affiliations")
    ).order_by("last_name", "first_name", "id")


PERSON_ROW_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "email",
    "email_bounced",
    "is_archived",
    "last_confirmed_at",
)


def person_list_page(*, zone: Zone, filters: PersonFilters | None = None) -> QuerySet[Person] | SearchedRows:
    """The staff list: only the columns it shows, of the people and of their current functions;
    a search as SearchedRows (for the paginator)."""
    functions = (
        current_affiliations(zone)
        .select_related("organisation")
        .only("id", "person_id", "organisation_id", "function", "organisation__id", "organisation__name")
        .order_by("organisation__name", "id")
    )
    people = (
        person_list(zone=zone, filters=filters)
        .prefetch_related(None)
        .prefetch_related(Prefetch("affiliations", queryset=functions, to_attr="current_affiliations"))
        .only(*PERSON_ROW_FIELDS)
    )
    if filters and filters.q:
        return SearchedRows(people, "last_name", "first_name", "id")
    return people


def person_export_list(*, zone: Zone, filters: PersonFilters | None = None) -> QuerySet[Person]:
    """The list plus the sector of each current organisation: everything the export shows."""
    functions = (
        current_affiliations(zone)
        .select_related("organisation", "organisation__sector")
        .order_by("organisation__name", "id")
    )
    return (
        person_list(zone=zone, filters=filters)
        .prefetch_related(None)
        .prefetch_related(Prefetch("affiliations", queryset=functions, to_attr="current_affiliations"))
    )


def person_get(*, zone: Zone, pk: int) -> Person:
    affiliations = (
        Affiliation.objects.for_zone(zone)
        .select_related("organisation")
        .order_by("-start", "organisation__name", "id")
    )
    return get_object_or_404(
        Person.objects.for_zone(zone)
        .select_related("user")
        .prefetch_related(Prefetch("affiliations", queryset=affiliations)),
        pk=pk,
    )


def person_merge_choices(*, zone: Zone, exclude_pk: int) -> QuerySet[Person]:
    """Every other person of the zone, archived ones too: what a person can be merged with."""
    return Person.objects.for_zone(zone).exclude(pk=exclude_pk).order_by("last_name", "first_name", "id")


def organisation_merge_choices(*, zone: Zone, exclude_pk: int) -> QuerySet[Organisation]:
    """Every other organisation of the zone, archived ones too."""
    return Organisation.objects.for_zone(zone).exclude(pk=exclude_pk).order_by("name", "id")


def affiliation_get(*, zone: Zone, pk: int) -> Affiliation:
    return get_object_or_404(
        Affiliation.objects.for_zone(zone).select_related("person", "organisation"), pk=pk
    )


def offer_get(*, zone: Zone, pk: int) -> Offer:
    return get_object_or_404(
        Offer.objects.for_zone(zone)
        .select_related("organisation")
        .prefetch_related("target_groups", "themes", "municipalities"),
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
