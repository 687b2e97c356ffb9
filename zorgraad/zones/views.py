from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zorgraad.core.fragments import covered, declared_page_stamps, render_panels
from zorgraad.core.pagecache import ZONE, cache_public_page
from zorgraad.core.registry import dashboard_panels, panels_for
from zorgraad.core.staffcache import cache_staff_page, dont_store

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


def _panel_stamps(request: HttpRequest, current: Any) -> str | None:
    """The staff home's part of its page key: the stamps its panel receivers declared
    (registry.cacheable_panels), found without calling a receiver; None: not cached."""
    return declared_page_stamps(dashboard_panels, type(current), current, request)


@cache_staff_page(extra=_panel_stamps)
def dashboard(request: HttpRequest, zone: str) -> HttpResponse:
    """The staff home page: the work of the day, in panels that each app adds (core/registry.py).

    Panels that declare their kinds come from the fragment cache (core/fragments.py); the header
    X-Zorgraad-Fragments says how many of the cacheable ones were hits ("hits/cacheable/all"). The
    whole page is cached too (core/staffcache.py) when every panel receiver declared its panels
    (registry.cacheable_panels): a hit calls no receiver. A render whose panels do not match the
    declarations is not stored.
    """
    current = request.zone  # type: ignore[attr-defined]
    panels = panels_for(current, request)
    if not covered(panels, dashboard_panels, type(current)):
        dont_store(request)
    rendered = render_panels(panels, current, request)
    response = render(request, "zones/dashboard.html", {"panel_html": rendered})
    response["X-Zorgraad-Fragments"] = f"{rendered.hits}/{rendered.cacheable}/{len(rendered)}"
    return response
