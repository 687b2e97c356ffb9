"""Reads for the public social map and the public API: only live offers of live organisations.

Everything here is public, so the rule is strict: an archived offer, an offer of an archived
organisation or an offer of another zone is never returned. Queries stay constant per page:
the organisation comes with a join, target groups, themes and municipalities with one prefetch
each, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from zorgraad.zones.models import Zone

from ..models import Affiliation, Offer, Organisation, Person, TargetGroup, Theme, normalise

OfferTargetGroups = Offer.target_groups.through
OfferThemes = Offer.themes.through
OfferMunicipalities = Offer.municipalities.through
OrganisationMunicipalities = Organisation.municipalities.through


@dataclass(frozen=True)
class OfferFilters:
    q: str = ""
    target_group: int | None = None
    theme: int | None = None
    municipality: int | None = None


def _words(q: str) -> list[str]:
    return normalise(q).split()


def _names_matching(rows: Iterable[tuple[int, str]], word: str) -> list[int]:
    return [pk for pk, name in rows if word in normalise(name)]


def _public_offers(zone: Zone) -> QuerySet[Offer]:
    return Offer.objects.for_zone(zone).filter(is_archived=False, organisation__is_archived=False)


def _with_relations(qs: QuerySet[Offer]) -> QuerySet[Offer]:
    # Municipality and the reference tables are ordered by name in their Meta. The cards of the
    # map show no themes; the detail page and the API add them.
    return qs.select_related("organisation").prefetch_related("target_groups", "municipalities")


def offer_search(*, zone: Zone, filters: OfferFilters | None = None) -> QuerySet[Offer]:
    """Live offers of `zone` matching the filters, ordered by title.

    Words must all match (accent- and case-insensitive) the offer's search text, or the name of
    one of its target groups or themes. An offer without municipalities serves the whole zone, so
    it matches every municipality filter. M2M filters use subqueries: no duplicates, no DISTINCT.
    """
    f = filters or OfferFilters()
    qs = _public_offers(zone)
    words = _words(f.q)
    if words:
        groups = list(TargetGroup.objects.values_list("pk", "name"))
        themes = list(Theme.objects.values_list("pk", "name"))
        for word in words:
            match = Q(search_text__contains=word)
            group_ids = _names_matching(groups, word)
            if group_ids:
                match |= Q(
                    pk__in=OfferTargetGroups.objects.filter(targetgroup_id__in=group_ids).values("offer_id")
                )
            theme_ids = _names_matching(themes, word)
            if theme_ids:
                match |= Q(pk__in=OfferThemes.objects.filter(theme_id__in=theme_ids).values("offer_id"))
            qs = qs.filter(match)
    if f.target_group:
        qs = qs.filter(
            pk__in=OfferTargetGroups.objects.filter(targetgroup_id=f.target_group).values("offer_id")
        )
    if f.theme:
        qs = qs.filter(pk__in=OfferThemes.objects.filter(theme_id=f.theme).values("offer_id"))
    if f.municipality:
        qs = qs.filter(
            Q(pk__in=OfferMunicipalities.objects.filter(municipality_id=f.municipality).values("offer_id"))
            | ~Q(pk__in=OfferMunicipalities.objects.filter(offer__zone=zone).values("offer_id"))
        )
    return _with_relations(qs).order_by("title", "id")


def offer_public_get(*, zone: Zone, pk: int) -> Offer:
    """One live offer of `zone` with its organisation; 404 for anything else."""
    offer = (
        _with_relations(_public_offers(zone))
        .prefetch_related("themes", "organisation__municipalities")
        .filter(pk=pk)
        .first()
    )
    if offer is None:
        raise Http404("Dit aanbod bestaat niet (meer) op de sociale kaart van deze eerstelijnszone.")
    return offer


def mark_whole_zone(*, zone: Zone, offers: Iterable[Offer]) -> None:
    """Set `covers_whole_zone` on each offer: it lists no municipality, or every current one.

    One query whatever the number of offers; the offers' municipalities must be prefetched.
    """
    every = set(zone.municipalities_on().values_list("pk", flat=True))
    for offer in offers:
        ids = {m.pk for m in offer.municipalities.all()}
        setattr(offer, "covers_whole_zone", not ids or ids >= every)  # noqa: B010


# --- API ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicOrganisationFilters:
    q: str = ""
    sector: str = ""  # Sector.code
    municipality: str = ""  # Municipality.nis_code


def organisation_public_list(
    *, zone: Zone, filters: PublicOrganisationFilters | None = None
) -> QuerySet[Organisation]:
    f = filters or PublicOrganisationFilters()
    qs = Organisation.objects.for_zone(zone).filter(is_archived=False)
    for word in _words(f.q):
        qs = qs.filter(search_text__contains=word)
    if f.sector:
        qs = qs.filter(sector__code=f.sector)
    if f.municipality:
        qs = qs.filter(
            pk__in=OrganisationMunicipalities.objects.filter(municipality__nis_code=f.municipality).values(
                "organisation_id"
            )
        )
    return qs.select_related("sector").prefetch_related("clusters", "municipalities").order_by("name", "id")


def organisation_public_get(*, zone: Zone, pk: int) -> Organisation | None:
    return organisation_public_list(zone=zone).filter(pk=pk).first()


@dataclass(frozen=True)
class PublicOfferFilters:
    q: str = ""
    target_group: str = ""  # TargetGroup.slug
    theme: str = ""  # Theme.slug
    municipality: str = ""  # Municipality.nis_code


def offer_public_list(*, zone: Zone, filters: PublicOfferFilters | None = None) -> QuerySet[Offer]:
    """The API's offer search: the same rules as the social map, with natural keys as filters."""
    f = filters or PublicOfferFilters()
    qs = offer_search(zone=zone, filters=OfferFilters(q=f.q))
    if f.target_group:
        qs = qs.filter(
            pk__in=OfferTargetGroups.objects.filter(targetgroup__slug=f.target_group).values("offer_id")
        )
    if f.theme:
        qs = qs.filter(pk__in=OfferThemes.objects.filter(theme__slug=f.theme).values("offer_id"))
    if f.municipality:
        qs = qs.filter(
            Q(
                pk__in=OfferMunicipalities.objects.filter(municipality__nis_code=f.municipality).values(
                    "offer_id"
                )
            )
            | ~Q(pk__in=OfferMunicipalities.objects.filter(offer__zone=zone).values("offer_id"))
        )
    return qs.prefetch_related("themes")


def offer_public_detail(*, zone: Zone, pk: int) -> Offer | None:
    return offer_public_list(zone=zone).select_related("zone").filter(pk=pk).first()


def _current_affiliations(zone: Zone) -> Prefetch:
    today = dt.date.today()
    return Prefetch(
        "affiliations",
        queryset=Affiliation.objects.for_zone(zone)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("organisation")
        .order_by("organisation__name", "id"),
        to_attr="current_affiliations",
    )


def person_api_list(*, zone: Zone, q: str = "") -> QuerySet[Person]:
    """People of `zone` for its staff: not archived, with their current affiliations."""
    qs = Person.objects.for_zone(zone).filter(is_archived=False)
    for word in _words(q):
        qs = qs.filter(search_text__contains=word)
    return qs.prefetch_related(_current_affiliations(zone)).order_by("last_name", "first_name", "id")


def person_api_get(*, zone: Zone, pk: int) -> Person | None:
    return person_api_list(zone=zone).filter(pk=pk).first()
