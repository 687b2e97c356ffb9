from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zorgraad.core.fragments import render_panels
from zorgraad.core.pagecache import ZONE, cache_public_page
from zorgraad.core.registry import panels_for

from . import selectors


@cache_public_page(kinds=(ZONE,), params=())
def zone_list(request: HttpRequest) -> HttpResponse:
    return render(request, "zones/zone_list.html", {"zones": selectors.zone_list()})


@cache_public_page(kinds=(ZONE,), params=())
def home(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    return render(
        request,
        "zones/home.html",
        {
            "municipalities": selectors.municipality_list(zone=current),
            "clusters": selectors.cluster_list(),
        },
    )


def dashboard(request: HttpRequest, zone: str) -> HttpResponse:
    """The staff home page: the work of the day, in panels that each app adds (core/registry.py).

    Panels that declare their kinds come from the fragment cache (core/fragments.py); the header
    X-Zorgraad-Fragments says how many of the cacheable ones were hits ("hits/cacheable/all").
    """
    current = request.zone  # type: ignore[attr-defined]
    rendered = render_panels(panels_for(current, request), current, request)
    response = render(request, "zones/dashboard.html", {"panel_html": rendered})
    response["X-Zorgraad-Fragments"] = f"{rendered.hits}/{rendered.cacheable}/{len(rendered)}"
    return response
