"""Reads for the public social map and the public API: only live offers of live organisations.

Everything here is public, so the rule is strict: an archived offer, an offer of an archived
organisation or an offer of another zone is never returned. Queries stay constant per page:
the organisation comes with a join, target groups, themes and municipalities with one prefetch
each, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from zorgraad.zones.models import Zone

from ..models import Affiliation, Offer, Organisation, Person, SearchSynonym, normalise
from . import offersearch

OrganisationMunicipalities = Organisation.municipalities.through


@dataclass(frozen=True)
class OfferFilters:
    q: str = ""
    target_group: int | None = None
    theme: int | None = None
    municipality: int | None = None


def _words(q: str) -> list[str]:
    return normalise(q).split()


def _public_offers(zone: Zone) -> QuerySet[Offer]:
    return Offer.objects.for_zone(zone).filter(is_archived=False, organisation__is_archived=False)


def _with_relations(qs: QuerySet[Offer]) -> QuerySet[Offer]:
    # Municipality and the reference tables are ordered by name in their Meta. The cards of the
    # map show no themes; the detail page and the API add them.
    return qs.select_related("organisation", "organisation__parent").prefetch_related(
        "target_groups", "municipalities"
    )


@dataclass
class OfferSearch:
    """What the social map shows for a search: the offers (ranked when there are words) and help."""

    offers: QuerySet[Offer] | offersearch.RankedOffers
    ranked: bool = False  # ordered by relevance (else by title)
    suggestion: str = ""  # "bedoelde je": the query with its typos corrected
    places: list[str] = field(default_factory=list)  # postcodes and place names understood
    municipality_ids: list[int] = field(default_factory=list)  # ... and their municipalities


def _find(zone: Zone, q: str, filters: offersearch.SearchFilters) -> OfferSearch:
    """Ranked when `q` has words or places to search for; else every offer that passes the filters
    by title (an empty query, or only stop words such as "ik wil")."""
    if q.strip():
        outcome = offersearch.rank(zone, q, filters)
        parsed = outcome.parsed
        if parsed is not None and (parsed.concepts or parsed.municipality_ids):
            return OfferSearch(
                offers=offersearch.RankedOffers(
                    outcome.ids, lambda ids: _with_relations(_public_offers(zone).filter(pk__in=ids))
                ),
                ranked=True,
                suggestion=outcome.suggestion,
                places=outcome.places,
                municipality_ids=sorted(parsed.municipality_ids or ()),
            )
    return OfferSearch(
        offers=_with_relations(offersearch.filtered_offers(zone, filters)).order_by("title", "id")
    )


def _as_queryset(zone: Zone, found: OfferSearch) -> QuerySet[Offer]:
    """A ranked search as a queryset in the same order (the API paginates querysets)."""
    if not isinstance(found.offers, offersearch.RankedOffers):
        return found.offers
    ids = found.offers.ids
    if not ids:
        return _public_offers(zone).none()
    order = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField())
    return _with_relations(_public_offers(zone).filter(pk__in=ids)).order_by(order, "id")


def offer_find(*, zone: Zone, filters: OfferFilters | None = None) -> OfferSearch:
    """Live offers of `zone` for the social map: by relevance to the words, else by title.

    Words are read as a citizen means them (see offersearch.py): not every word has to match;
    stems, compounds, everyday words, typos and places are understood. Filters narrow the list.
    An offer without municipalities serves the whole zone, so it passes every municipality filter.
    """
    f = filters or OfferFilters()
    return _find(
        zone,
        f.q,
        offersearch.SearchFilters(target_group=f.target_group, theme=f.theme, municipality=f.municipality),
    )


def offer_search(*, zone: Zone, filters: OfferFilters | None = None) -> QuerySet[Offer]:
    """The social map's search as a queryset, in the same order."""
    return _as_queryset(zone, offer_find(zone=zone, filters=filters))


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
    """The API's offer search: the same search as the social map, with natural keys as filters."""
    f = filters or PublicOfferFilters()
    search_filters = offersearch.SearchFilters(
        target_group_slug=f.target_group, theme_slug=f.theme, municipality_nis=f.municipality
    )
    return _as_queryset(zone, _find(zone, f.q, search_filters)).prefetch_related("themes")


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


# --- help when a search finds little -------------------------------------------------------------


def general_doors(*, zone: Zone, municipality_ids: Iterable[int] = ()) -> list[Organisation]:
    """Organisations that help with any question (their sector is a general door: OCMW, CAW, the
    mutualities' social services), for the given municipalities or, without any, the whole zone.

    A child organisation whose parent is also a door is left out (the CAW, not each CAW house).
    """
    qs = Organisation.objects.for_zone(zone).filter(is_archived=False, sector__is_general_door=True)
    ids = list(municipality_ids)
    if ids:
        qs = qs.filter(
            Q(
                pk__in=OrganisationMunicipalities.objects.filter(municipality_id__in=ids).values(
                    "organisation_id"
                )
            )
            | ~Q(
                pk__in=OrganisationMunicipalities.objects.filter(organisation__zone=zone).values(
                    "organisation_id"
                )
            )
        )
    orgs = list(qs.select_related("sector", "parent").order_by("sector__name", "name", "id"))
    found = {o.pk for o in orgs}
    doors = [o for o in orgs if o.parent_id not in found]
    for org in doors:
        setattr(org, "reach", organisation_reach(org))  # noqa: B010
    return doors


def nearest_themes(*, zone: Zone, q: str) -> list[tuple[int, str]]:
    """Themes with live offers, closest to the words of `q` first: where to look when nothing matched."""
    return offersearch.nearest_themes(zone, q)


def search_examples(*, zone: Zone) -> list[str]:
    """Example words for the search box, each of which finds offers in this zone."""
    return offersearch.search_examples(zone)


# --- everyday words of the search (staff page) ---------------------------------------------------


def search_synonym_list(*, zone: Zone) -> list[SearchSynonym]:
    """The zone's own everyday words."""
    return list(SearchSynonym.objects.filter(zone=zone).order_by("term", "id"))


def search_synonym_defaults() -> list[SearchSynonym]:
    """The installation's default everyday words (no zone)."""
    return list(SearchSynonym.objects.filter(zone__isnull=True).order_by("term", "id"))


def search_synonym_get(*, zone: Zone, pk: str) -> SearchSynonym | None:
    """One of the zone's own words; None for a default, another zone's word or a bad id."""
    if not str(pk).isdigit():
        return None
    return SearchSynonym.objects.filter(zone=zone, pk=int(pk)).first()


def offer_unreachable_list(*, zone: Zone) -> QuerySet[Offer]:
    """Live offers that tell no way to reach them: no phone, e-mail or website on the offer, its
    organisation or the organisation it belongs to (what the public page falls back to)."""
    empty = Q()
    for prefix in ("", "organisation__", "organisation__parent__"):
        fields = (
            ("contact_phone", "contact_email", "website") if not prefix else ("phone", "email", "website")
        )
        for name in fields:
            empty &= Q(**{f"{prefix}{name}": ""}) | Q(**{f"{prefix}{name}__isnull": True})
    return _public_offers(zone).filter(empty).select_related("organisation").order_by("title", "id")


@dataclass(frozen=True)
class Reach:
    """How to reach an offer or organisation: its own details, else those of the organisation it
    belongs to (a Huis van het Kind of the municipality, a care home of its association)."""

    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""

    def __bool__(self) -> bool:
        return bool(self.phone or self.email or self.website)


def organisation_reach(org: Organisation) -> Reach:
    parent = org.parent
    return Reach(
        phone=org.phone or (parent.phone if parent else ""),
        email=org.email or (parent.email if parent else ""),
        website=org.website or (parent.website if parent else ""),
        address=org.address,
    )


def mark_reach(*, offers: Iterable[Offer]) -> None:
    """Set `reach` on each offer (its own contact, then its organisation's, then the parent's);
    the organisation and its parent must be loaded (select_related)."""
    for offer in offers:
        org = organisation_reach(offer.organisation)
        setattr(  # noqa: B010
            offer,
            "reach",
            Reach(
                phone=offer.contact_phone or org.phone,
                email=offer.contact_email or org.email,
                website=offer.website or org.website,
                address=offer.site_address or org.address,  # where the offer is given, else the seat
            ),
        )
