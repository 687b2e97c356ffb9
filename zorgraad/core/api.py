"""Shared pieces of the JSON API: bounded parameters, the error answers and their schemas.

Every parameter has a bound that the OpenAPI document shows: search terms (length and words),
codes and slugs (a pattern), ids and page numbers (a range). Input outside the bound is answered
with 422 and a Dutch message per parameter, never with a query that the database refuses.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .lists import SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS
from .text import has_control_characters

# --- error answers -------------------------------------------------------------------------------


class Message(Schema):
    detail: str


class ParameterError(Schema):
    parameter: str = Field(description="Naam van de parameter, bv. `q` of `page`.")
    location: str = Field(description="`query` of `path`.")
    message: str = Field(description="Wat er mis is, in het Nederlands.")


class ValidationErrorOut(Schema):
    detail: str = Field(description="Samenvatting, in het Nederlands.")
    errors: list[ParameterError]


ERROR_RESPONSES: dict[int, Any] = {403: Message, 404: Message, 422: ValidationErrorOut}
ERROR_DESCRIPTIONS = {
    403: "Geen toegang: personen zijn er alleen voor aangemelde medewerkers van de eerstelijnszone.",
    404: "Niet gevonden: de eerstelijnszone of het gevraagde record bestaat niet (meer).",
    422: "Ongeldige parameter: een bericht per parameter in `errors`.",
}


def responses(ok: Any) -> dict[int, Any]:
    """The response schemas of an operation: `ok` for 200, and the documented errors."""
    return {200: ok, **ERROR_RESPONSES}


def error_docs() -> dict[str, Any]:
    """`openapi_extra` of an operation: a Dutch description of each error answer."""
    return {"responses": {code: {"description": text} for code, text in ERROR_DESCRIPTIONS.items()}}


# --- bounded parameters --------------------------------------------------------------------------

MAX_ID = 2**63 - 1  # BigAutoField
MAX_PAGE = 10_000
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100

_SPACE = r"[ \t\n\r]"
_WORD = r"[^ \t\n\r\x00-\x1f\x7f]"
# At most SEARCH_MAX_WORDS words, separated by spaces, tabs or newlines, without control characters.
# The same pattern is in the OpenAPI document and checked here (Python's re reads it the same way).
SEARCH_PATTERN = rf"^{_SPACE}*(?:{_WORD}+{_SPACE}+){{0,{SEARCH_MAX_WORDS - 1}}}{_WORD}*{_SPACE}*$"
_SEARCH_RE = re.compile(SEARCH_PATTERN)

SEARCH_TOO_LONG = f"De zoekterm is te lang: hoogstens {SEARCH_MAX_LENGTH} tekens."
SEARCH_TOO_MANY_WORDS = f"Gebruik hoogstens {SEARCH_MAX_WORDS} zoekwoorden."
SEARCH_CONTROL = "De zoekterm bevat een onzichtbaar stuurteken. Verwijder het en probeer opnieuw."


def _search_terms(value: str) -> str:
    if has_control_characters(value):  # the one check of zorgraad.core.text, as in every form
        raise PydanticCustomError("zorgraad", SEARCH_CONTROL)
    if not _SEARCH_RE.fullmatch(value):
        raise PydanticCustomError("zorgraad", SEARCH_TOO_MANY_WORDS)
    return value


SearchTerms = Annotated[
    str,
    Field(
        max_length=SEARCH_MAX_LENGTH,
        json_schema_extra={"pattern": SEARCH_PATTERN},
        description=f"Zoekwoorden: elk woord moet voorkomen (hoofdletters en accenten tellen niet). "
        f"Hoogstens {SEARCH_MAX_WORDS} woorden en {SEARCH_MAX_LENGTH} tekens.",
    ),
    AfterValidator(_search_terms),
]
SLUG_PATTERN = r"^[-a-zA-Z0-9_]*$"
NIS_PATTERN = r"^([0-9]{5})?$"


def slug_param(description: str, max_length: int) -> Any:
    return Field("", max_length=max_length, pattern=SLUG_PATTERN, description=description)


def nis_code_param() -> Any:
    return Field("", pattern=NIS_PATTERN, description="NIS-code van een gemeente (5 cijfers), bv. `23002`.")


PARAMETER_MESSAGES = {
    "zone": "Geef de korte naam van een eerstelijnszone, bv. `amalo`.",
    "id": f"Geef een id: een geheel getal van 1 tot en met {MAX_ID}.",
    "q": SEARCH_TOO_LONG,
    "sector": "Geef de code van een sector (kleine letters, cijfers en streepjes), bv. `caw`.",
    "municipality": "Geef de NIS-code van een gemeente: 5 cijfers, bv. `23002`.",
    "target_group": "Geef de korte naam (slug) van een doelgroep, bv. `ouderen`.",
    "theme": "Geef de korte naam (slug) van een thema, bv. `armoede`.",
    "page": f"Geef een paginanummer van 1 tot en met {MAX_PAGE}.",
    "page_size": f"Geef een paginagrootte van 1 tot en met {MAX_PAGE_SIZE}.",
}


class PageParameters(Schema):
    page: int = Field(
        1,
        ge=1,
        le=MAX_PAGE,
        description=f"Paginanummer, van 1 tot en met {MAX_PAGE}. Een pagina na de laatste geeft "
        "een lege lijst `items`; `count` geeft altijd het totaal.",
    )
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Aantal resultaten per pagina: standaard {DEFAULT_PAGE_SIZE}, hoogstens {MAX_PAGE_SIZE}.",
    )


class Pagination(PageNumberPagination):
    """Page numbers with bounds: a huge page number is refused (422) instead of overflowing the query."""

    Input = PageParameters  # type: ignore[assignment]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=DEFAULT_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)


# --- exception handlers --------------------------------------------------------------------------


def _parameter_error(error: dict[str, Any]) -> dict[str, str]:
    loc = [str(part) for part in error.get("loc", ())]
    location = loc[0] if loc else ""
    # ("query", "filters", "q") or ("query", "ninja_pagination", "page") or ("path", "id")
    name = loc[-1] if loc else ""
    if error.get("type") == "zorgraad":
        message = str(error.get("msg", ""))
    else:
        message = PARAMETER_MESSAGES.get(name, "Ongeldige waarde.")
    return {"parameter": name, "location": location, "message": message}


def install_error_handlers(api: NinjaAPI) -> None:
    """Dutch answers for invalid parameters (422) and for a 404 raised as Http404."""

    def validation_error(request: HttpRequest, exc: Any) -> HttpResponse:  # a ValidationError
        errors = [_parameter_error(e) for e in exc.errors]
        names = ", ".join(dict.fromkeys(f"`{e['parameter']}`" for e in errors))
        detail = f"Ongeldige parameter: {names}. " + " ".join(dict.fromkeys(e["message"] for e in errors))
        return api.create_response(request, {"detail": detail, "errors": errors}, status=422)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": "Niet gevonden."}, status=404)

    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(Http404, not_found)
