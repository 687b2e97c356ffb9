"""API of the signals: anyone reads a zone's public structural signals; a logged-in partner of the
zone reports a signal.

The public read returns exactly what the public page shows (never a reporter, contact or internal
note). Every field of the report is bounded in the schema; out of bounds is a 422 with a Dutch
message per field, and a rule of the service (another zone's municipality, HTML in the text) is a
422 too, with nothing saved.
"""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import SessionAuth
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from zorgraad.core import permissions
from zorgraad.core.api import Message, Pagination, ValidationErrorOut, error_docs, responses
from zorgraad.core.errors import ServiceError
from zorgraad.core.text import has_control_characters
from zorgraad.network.api import zone_from, zone_slug
from zorgraad.network.models import TargetGroup

from . import selectors, services
from .models import Signal, SignalSource

router = Router(tags=["signalen"])

PARTNERS_ONLY = (
    "Alleen aangemelde partners van deze eerstelijnszone kunnen een signaal melden via de API. "
    "Meld je aan, of gebruik het publieke formulier op /<zone>/signalen/nieuw/."
)
MAX_LINKS = 20


class ZonePartnerSession(SessionAuth):
    """Django session of a partner (or member, secretary, staff) of the zone in the path."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        match = request.resolver_match
        zone = zone_from(request, match.kwargs.get("zone") if match else None)
        if request.user.is_authenticated and permissions.allows(
            permissions.user_level(request, zone), permissions.PARTNER
        ):
            return request.user
        raise HttpError(403, PARTNERS_ONLY)


def _bounded_text(limit: int, required: str = "") -> Any:
    def check(value: str) -> str:
        if has_control_characters(value):
            raise PydanticCustomError(
                "zorgraad", "Deze tekst bevat een onzichtbaar stuurteken. Verwijder het."
            )
        if len(value) > limit:
            raise PydanticCustomError(
                "zorgraad", f"Deze tekst is te lang: hoogstens {limit} tekens (nu {len(value)})."
            )
        if required and not value.strip():
            raise PydanticCustomError("zorgraad", required)
        return value

    return AfterValidator(check)


def _codes(what: str) -> Any:
    def check(value: list[str]) -> list[str]:
        if len(value) > MAX_LINKS:
            raise PydanticCustomError("zorgraad", f"Geef hoogstens {MAX_LINKS} {what}.")
        if any(len(v) > 120 or has_control_characters(v) for v in value):
            raise PydanticCustomError("zorgraad", f"Ongeldige {what}.")
        return value

    return AfterValidator(check)


class SignalIn(Schema):
    title: Annotated[
        str,
        Field(json_schema_extra={"maxLength": services.TITLE_MAX}, description="Korte titel."),
        _bounded_text(services.TITLE_MAX, "Geef het signaal een korte titel."),
    ]
    description: Annotated[
        str,
        Field(
            json_schema_extra={"maxLength": services.DESCRIPTION_MAX},
            description="De situatie, zonder gegevens waarmee iemand herkend kan worden.",
        ),
        _bounded_text(services.DESCRIPTION_MAX, "Beschrijf de situatie: wat loopt er vast?"),
    ]
    noticed_on: dt.date | None = Field(None, description="Wanneer het vastgesteld werd (JJJJ-MM-DD).")
    municipalities: Annotated[list[str], _codes("NIS-codes")] = Field(
        default_factory=list, description=f"NIS-codes van gemeenten van de zone, hoogstens {MAX_LINKS}."
    )
    target_groups: Annotated[list[str], _codes("doelgroepen")] = Field(
        default_factory=list, description=f"Korte namen (slugs) van doelgroepen, hoogstens {MAX_LINKS}."
    )
    follow_up: bool = Field(False, description="Mail bij doorgeven en bij antwoord, naar je e-mailadres.")


class ChallengeOut(Schema):
    number: str
    title: str
    short_label: str


class SignalPublicOut(Schema):
    reference: str
    title: str
    description: str
    status: str
    status_label: str
    challenges: list[ChallengeOut]
    addressee_level: str
    passed_on_to: str
    passed_on_at: dt.date | None
    answer: str
    answered_on: dt.date | None

    @staticmethod
    def resolve_status_label(obj: Signal) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_challenges(obj: Signal) -> list[Any]:
        return list(obj.challenges.all())


class SignalCreatedOut(Schema):
    reference: str
    status: str


@router.get(
    "/zones/{zone}/signals",
    response=responses(list[SignalPublicOut]),
    summary="Structurele signalen van een eerstelijnszone",
    description="Zoals de publieke pagina: status, doorgegeven aan wie en het antwoord; nooit de melder.",
    openapi_extra=error_docs(),
)
@paginate(Pagination)
def signal_list(request: HttpRequest, zone: str = zone_slug()) -> Any:
    return selectors.public_structural(zone=zone_from(request, zone))


def _service_422(exc: ServiceError) -> Status[Any]:
    errors: list[dict[str, str]] = []
    if hasattr(exc, "error_dict"):
        for name, items in exc.error_dict.items():
            for e in items:
                errors.append({"parameter": name, "location": "body", "message": " ".join(e.messages)})
    else:
        errors = [{"parameter": "", "location": "body", "message": m} for m in exc.messages]
    detail = "Het signaal werd niet bewaard. " + " ".join(e["message"] for e in errors)
    return Status(422, {"detail": detail, "errors": errors})


@router.post(
    "/zones/{zone}/signals",
    auth=ZonePartnerSession(),
    response={201: SignalCreatedOut, 403: Message, 404: Message, 422: ValidationErrorOut},
    summary="Een signaal melden (aangemelde partner)",
    openapi_extra=error_docs(),
)
def signal_create(request: HttpRequest, payload: SignalIn, zone: str = zone_slug()) -> Any:
    from zorgraad.network.models import Person

    current = zone_from(request, zone)
    municipalities = list(current.municipalities_on().filter(nis_code__in=payload.municipalities))
    if len(municipalities) != len(set(payload.municipalities)):
        return _service_422(
            ServiceError({"municipalities": "Geef NIS-codes van gemeenten van deze eerstelijnszone."})
        )
    groups = list(TargetGroup.objects.filter(slug__in=payload.target_groups))
    if len(groups) != len(set(payload.target_groups)):
        return _service_422(ServiceError({"target_groups": "Onbekende doelgroep."}))
    person = Person.objects.for_zone(current).filter(user=request.user, is_archived=False).first()
    email = (person.email if person and person.email else "") or getattr(request.user, "email", "")
    try:
        signal = services.signal_create(
            zone=current,
            actor=request.user,
            data={
                "title": payload.title,
                "description": payload.description,
                "noticed_on": payload.noticed_on,
                "municipalities": municipalities,
                "target_groups": groups,
                "reporter_person": person,
                "reporter_user": request.user,
                "contact_email": email,
                "follow_up": payload.follow_up and bool(email),
            },
            source=SignalSource.PARTNER_ACCOUNT,
        )
    except ServiceError as exc:
        return _service_422(exc)
    return Status(201, {"reference": signal.reference, "status": signal.status})
