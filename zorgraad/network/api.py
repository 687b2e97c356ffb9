"""API of the directory: public read of organisations and offers; people only for staff of the zone.

Paths live under `/api/v1/zones/{zone}/`. ZoneAccessMiddleware resolves `{zone}` (404 for an
unknown or inactive zone) before an operation runs; every read goes through the zone-scoped
selectors, so a record of another zone is simply not found. Archived records are never returned.
Filters use natural keys that stay the same across installations: sector code, NIS code of the
municipality, slug of the target group or theme.
"""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import SessionAuth

from zorgraad.core import permissions
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


class Message(Schema):
    detail: str


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


@router.get(
    "/zones/{zone}/organisations",
    response=list[OrganisationOut],
    summary="Organisaties van een eerstelijnszone",
    description="Filters: `q` (woorden), `sector` (code, bv. `caw`), `municipality` (NIS-code, bv. `23002`).",
)
@paginate(PageNumberPagination)
def organisation_list(
    request: HttpRequest, zone: str, q: str = "", sector: str = "", municipality: str = ""
) -> Any:
    current = zone_from(request, zone)
    return selectors.organisation_public_list(
        zone=current,
        filters=selectors.PublicOrganisationFilters(q=q, sector=sector, municipality=municipality),
    )


@router.get(
    "/zones/{zone}/organisations/{id}",
    response={200: OrganisationOut, 404: Message},
    summary="Eén organisatie",
)
def organisation_detail(request: HttpRequest, zone: str, id: int) -> Any:
    org = selectors.organisation_public_get(zone=zone_from(request, zone), pk=id)
    if org is None:
        raise HttpError(404, "Deze organisatie bestaat niet in deze eerstelijnszone.")
    return org


@router.get(
    "/zones/{zone}/offers",
    response=list[OfferOut],
    summary="Aanbod op de sociale kaart",
    description="Filters: `q` (woorden), `target_group` en `theme` (slug), `municipality` (NIS-code). "
    "Aanbod zonder gemeenten geldt voor de hele eerstelijnszone.",
)
@paginate(PageNumberPagination)
def offer_list(
    request: HttpRequest,
    zone: str,
    q: str = "",
    target_group: str = "",
    theme: str = "",
    municipality: str = "",
) -> Any:
    current = zone_from(request, zone)
    return selectors.offer_public_list(
        zone=current,
        filters=selectors.PublicOfferFilters(
            q=q, target_group=target_group, theme=theme, municipality=municipality
        ),
    ).select_related("zone")


@router.get("/zones/{zone}/offers/{id}", response={200: OfferOut, 404: Message}, summary="Eén aanbod")
def offer_detail(request: HttpRequest, zone: str, id: int) -> Any:
    offer = selectors.offer_public_detail(zone=zone_from(request, zone), pk=id)
    if offer is None:
        raise HttpError(404, "Dit aanbod bestaat niet in deze eerstelijnszone.")
    return offer


# --- people: staff of the zone only ------------------------------------------------------------


@router.get(
    "/zones/{zone}/people",
    response=list[PersonOut],
    auth=zone_staff,
    summary="Personen (alleen voor medewerkers van de eerstelijnszone)",
    description="Met hun huidige functies. Filter: `q` (woorden uit naam of e-mailadres).",
)
@paginate(PageNumberPagination)
def person_list(request: HttpRequest, zone: str, q: str = "") -> Any:
    return selectors.person_api_list(zone=zone_from(request, zone), q=q)


@router.get(
    "/zones/{zone}/people/{id}",
    response={200: PersonOut, 403: Message, 404: Message},
    auth=zone_staff,
    summary="Eén persoon (alleen voor medewerkers van de eerstelijnszone)",
)
def person_detail(request: HttpRequest, zone: str, id: int) -> Any:
    person = selectors.person_api_get(zone=zone_from(request, zone), pk=id)
    if person is None:
        raise HttpError(404, "Deze persoon bestaat niet in deze eerstelijnszone.")
    return person
