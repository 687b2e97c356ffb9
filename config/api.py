from ninja import NinjaAPI

from zorgraad.network.api import router as network_router

api = NinjaAPI(
    title="Zorgraad API",
    version="1",
    description="Open gegevens van een eerstelijnszone: organisaties en aanbod (sociale kaart).",
    urls_namespace="api",
    openapi_url="/openapi.json",
)
api.add_router("/", network_router)
