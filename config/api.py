from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from zorgraad.network.api import router as network_router
from zorgraad.zones.models import Zone

api = NinjaAPI(
    title="Zorgraad API",
    version="1",
    description="Open gegevens van een eerstelijnszone: organisaties en aanbod (sociale kaart). "
    "Personen zijn alleen zichtbaar voor aangemelde medewerkers van de eigen eerstelijnszone.",
    urls_namespace="api",
    openapi_url="/openapi.json",
)


class ZoneOut(Schema):
    slug: str
    name: str


@api.get("/zones", response=list[ZoneOut], tags=["eerstelijnszones"], summary="Actieve eerstelijnszones")
def zones_list(request: HttpRequest) -> list[Zone]:
    return list(Zone.objects.filter(is_active=True).order_by("name"))


api.add_router("/", network_router)
