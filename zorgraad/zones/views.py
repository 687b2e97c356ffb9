from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zorgraad.core.fragments import page_stamps, render_panels
from zorgraad.core.pagecache import ZONE, cache_public_page
from zorgraad.core.registry import Panel, panels_for
from zorgraad.core.staffcache import cache_staff_page

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


def _panels(request: HttpRequest, current: Any) -> list[Panel]:
    """The staff home's panels, gathered once per request (the page key needs their stamps)."""
    found = request.__dict__.get("_zorgraad_panels")
    if found is None:
        found = request.__dict__["_zorgraad_panels"] = panels_for(current, request)
    return found  # type: ignore[no-any-return]


def _panel_stamps(request: HttpRequest, current: Any) -> str | None:
    return page_stamps(_panels(request, current), current, request)


@cache_staff_page(extra=_panel_stamps)
def dashboard(request: HttpRequest, zone: str) -> HttpResponse:
    """The staff home page: the work of the day, in panels that each app adds (core/registry.py).

    Panels that declare their kinds come from the fragment cache (core/fragments.py); the header
    X-Zorgraad-Fragments says how many of the cacheable ones were hits ("hits/cacheable/all"). The
    whole page is cached too (core/staffcache.py) when every panel has kinds or a stamp.
    """
    current = request.zone  # type: ignore[attr-defined]
    rendered = render_panels(_panels(request, current), current, request)
    response = render(request, "zones/dashboard.html", {"panel_html": rendered})
    response["X-Zorgraad-Fragments"] = f"{rendered.hits}/{rendered.cacheable}/{len(rendered)}"
    return response
