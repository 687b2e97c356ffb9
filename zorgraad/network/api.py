"""API of the directory: public read of organisations and offers; people only for staff of the zone.

Paths live under `/api/v1/zones/{zone}/`. `zone_from` resolves `{zone}` (404 for an unknown or
inactive zone); every read goes through the zone-scoped selectors, so a record of another zone is
simply not found. Archived records are never returned. Filters use natural keys that stay the same
across installations: sector code, NIS code of the municipality, slug of the target group or theme.
Every parameter is bounded in the schema (zorgraad.core.api): out of bounds is a 422, not a query.
"""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import SessionAuth

from zorgraad.core import permissions
from zorgraad.core.api import (
    MAX_ID,
    Pagination,
    SearchTerms,
    error_docs,
    nis_code_param,
    responses,
    slug_param,
)
from zorgraad.zones.models import Zone

from .models import Offer
from .selectors import socialmap as selectors

router = Router(tags=["netwerk"])

NOT_A_ZONE = "Deze eerstelijnszone bestaat niet."
STAFF_ONLY = (
    "Alleen medewerkers van deze eerstelijnszone kunnen personen opvragen. "
    "Meld je aan met een account van deze eerstelijnszone."
)


def zone_from(request: HttpRequest, slug: str | None) -> Zone:
    """The zone of the path; the middleware already looked it up, else look it up here."""
    zone: Zone | None = getattr(request, "zone", None)
    if zone is None or zone.slug != slug:
        zone = Zone.objects.filter(slug=slug or "", is_active=True).first()
    if zone is None:
        raise HttpError(404, NOT_A_ZONE)
    return zone


class ZoneStaffSession(SessionAuth):
    """Django session of a user who is staff of the zone in the path, or a platform admin.

    Everyone else (anonymous, partner users, members, staff of another zone) gets 403 with a
    Dutch message; a 401 would invite a login that cannot help a user of another zone.
    """

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        match = request.resolver_match
        zone = zone_from(request, match.kwargs.get("zone") if match else None)
        if request.user.is_authenticated and permissions.is_zone_staff(request, zone):
            return request.user
        raise HttpError(403, STAFF_ONLY)


zone_staff = ZoneStaffSession()


# --- schemas -----------------------------------------------------------------------------------


class MunicipalityOut(Schema):
    nis_code: str
    name: str


class CodeOut(Schema):
    code: str
    name: str


class LabelOut(Schema):
    slug: str
    name: str


class OrganisationRef(Schema):
    id: int
    name: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    sector: CodeOut | None
    clusters: list[CodeOut]
    municipalities: list[MunicipalityOut]
    street: str
    postal_code: str
    city: str
    website: str
    email: str
    phone: str
    description: str


class OfferOut(Schema):
    id: int
    title: str
    description: str
    organisation: OrganisationRef
    target_groups: list[LabelOut]
    themes: list[LabelOut]
    municipalities: list[MunicipalityOut]
    how_to_refer: str
    contact_email: str
    contact_phone: str
    website: str
    url: str

    @staticmethod
    def resolve_url(obj: Offer) -> str:
        return reverse("network:socialmap_offer", kwargs={"zone": obj.zone.slug, "pk": obj.pk})


class AffiliationOut(Schema):
    organisation: OrganisationRef
    function: str


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    affiliations: list[AffiliationOut]

    @staticmethod
    def resolve_affiliations(obj: Any) -> list[Any]:
        return list(getattr(obj, "current_affiliations", []))


# --- organisations and offers: public ----------------------------------------------------------


def zone_slug() -> Any:
    return Path(
        ...,
        max_length=60,
        pattern=r"^[-a-zA-Z0-9_]+$",
        description="Korte naam van de eerstelijnszone, bv. `amalo` (zie `/zones`).",
    )


def record_id(what: str) -> Any:
    return Path(..., ge=1, le=MAX_ID, description=f"Id van {what}.")


class OrganisationFilters(Schema):
    q: SearchTerms = ""
    sector: str = slug_param("Code van een sector, bv. `caw`.", 40)
    municipality: str = nis_code_param()


class OfferFilters(Schema):
    q: SearchTerms = ""
    target_group: str = slug_param("Korte naam (slug) van een doelgroep.", 120)
    theme: str = slug_param("Korte naam (slug) van een thema.", 120)
    municipality: str = nis_code_param()


class PersonFilters(Schema):
    q: SearchTerms = ""


@router.get(
    "/zones/{zone}/organisations",
    response=responses(list[OrganisationOut]),
    summary="Organisaties van een eerstelijnszone",
    description="Filters: `q` (woorden), `sector` (code, bv. `caw`), `municipality` (NIS-code, bv. `23002`). "
    "Per pagina hoogstens 100 resultaten (`page_size`).",
    openapi_extra=error_docs(),
)
@paginate(Pagination)
def organisation_list(
    request: HttpRequest, filters: Query[OrganisationFilters], zone: str = zone_slug()
) -> Any:
    current = zone_from(request, zone)
    return selectors.organisation_public_list(
        zone=current,
        filters=selectors.PublicOrganisationFilters(
            q=filters.q, sector=filters.sector, municipality=filters.municipality
        ),
    )


@router.get(
    "/zones/{zone}/organisations/{id}",
    response=responses(OrganisationOut),
    summary="Eén organisatie",
    openapi_extra=error_docs(),
)
def organisation_detail(
    request: HttpRequest, zone: str = zone_slug(), id: int = record_id("de organisatie")
) -> Any:
    org = selectors.organisation_public_get(zone=zone_from(request, zone), pk=id)
    if org is None:
        raise HttpError(404, "Deze organisatie bestaat niet in deze eerstelijnszone.")
    return org


@router.get(
    "/zones/{zone}/offers",
    response=responses(list[OfferOut]),
    summary="Aanbod op de sociale kaart",
    description="Filters: `q` (woorden), `target_group` en `theme` (slug), `municipality` (NIS-code). "
    "Aanbod zonder gemeenten geldt voor de hele eerstelijnszone. "
    "Per pagina hoogstens 100 resultaten (`page_size`).",
    openapi_extra=error_docs(),
)
@paginate(Pagination)
def offer_list(request: HttpRequest, filters: Query[OfferFilters], zone: str = zone_slug()) -> Any:
    current = zone_from(request, zone)
    return selectors.offer_public_list(
        zone=current,
        filters=selectors.PublicOfferFilters(
            q=filters.q,
            target_group=filters.target_group,
            theme=filters.theme,
            municipality=filters.municipality,
        ),
    ).select_related("zone")


@router.get(
    "/zones/{zone}/offers/{id}",
    response=responses(OfferOut),
    summary="Eén aanbod",
    openapi_extra=error_docs(),
)
def offer_detail(request: HttpRequest, zone: str = zone_slug(), id: int = record_id("het aanbod")) -> Any:
    offer = selectors.offer_public_detail(zone=zone_from(request, zone), pk=id)
    if offer is None:
        raise HttpError(404, "Dit aanbod bestaat niet in deze eerstelijnszone.")
    return offer


# --- people: staff of the zone only ------------------------------------------------------------


@router.get(
    "/zones/{zone}/people",
    response=responses(list[PersonOut]),
    auth=zone_staff,
    summary="Personen (alleen voor medewerkers van de eerstelijnszone)",
    description="Met hun huidige functies. Filter: `q` (woorden uit naam of e-mailadres). "
    "Per pagina hoogstens 100 resultaten (`page_size`).",
    openapi_extra=error_docs(),
)
@paginate(Pagination)
def person_list(request: HttpRequest, filters: Query[PersonFilters], zone: str = zone_slug()) -> Any:
    return selectors.person_api_list(zone=zone_from(request, zone), q=filters.q)


@router.get(
    "/zones/{zone}/people/{id}",
    response=responses(PersonOut),
    auth=zone_staff,
    summary="Eén persoon (alleen voor medewerkers van de eerstelijnszone)",
    openapi_extra=error_docs(),
)
def person_detail(request: HttpRequest, zone: str = zone_slug(), id: int = record_id("de persoon")) -> Any:
    person = selectors.person_api_get(zone=zone_from(request, zone), pk=id)
    if person is None:
        raise HttpError(404, "Deze persoon bestaat niet in deze eerstelijnszone.")
    return person
