from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from zorgraad.core.api import error_docs, install_error_handlers, responses
from zorgraad.network.api import router as network_router
from zorgraad.signals.api import router as signals_router
from zorgraad.zones.models import Zone

# The docs page (/api/v1/docs) is ninja's Swagger UI served from ninja's own static files ("ninja" is
# in INSTALLED_APPS), never from a CDN.
api = NinjaAPI(
    title="Zorgraad API",
    version="1",
    description="Open gegevens van een eerstelijnszone: organisaties en aanbod (sociale kaart). "
    "Personen zijn alleen zichtbaar voor aangemelde medewerkers van de eerstelijnszone.\n\n"
    "Elke parameter heeft grenzen: `q` hoogstens 10 woorden en 200 tekens, `page` van 1 tot en met "
    "10000, `page_size` hoogstens 100. Daarbuiten antwoordt de API met 422 en een bericht per "
    "parameter; een pagina na de laatste geeft een lege lijst.",
    urls_namespace="api",
    openapi_url="/openapi.json",
)
install_error_handlers(api)


class ZoneOut(Schema):
    slug: str
    name: str


@api.get(
    "/zones",
    response=responses(list[ZoneOut]),
    tags=["eerstelijnszones"],
    summary="Actieve eerstelijnszones",
    openapi_extra=error_docs(),
)
def zones_list(request: HttpRequest) -> list[Zone]:
    return list(Zone.objects.filter(is_active=True).order_by("name"))


api.add_router("/", network_router)
api.add_router("/", signals_router)
