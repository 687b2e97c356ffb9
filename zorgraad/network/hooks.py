"""What the network app adds to what core gathers (core/registry.py): panels and demo."""

from __future__ import annotations

from typing import Any

from zorgraad.core.registry import DemoContext, DemoPart, Panel, dashboard_panels, demo_parts

UNREACHABLE_ROWS = 10


def panels(zone: Any, request: Any, **kwargs: Any) -> list[Panel]:
    from . import selectors
    from .selectors import proposals, socialmap

    return [
        Panel(
            "network-confirm",
            "network/_dashboard_confirm.html",
            40,
            {"stale": selectors.stale_summary(zone=zone)},
        ),
        Panel(
            "network-proposals",
            "network/_dashboard_proposals.html",
            45,
            {"pending": proposals.pending_count(zone=zone)},
        ),
        Panel("network-directory", "network/_dashboard_directory.html", 90),
        Panel(
            "network-socialmap",
            "network/_dashboard_socialmap.html",
            95,
            {"unreachable": list(socialmap.offer_unreachable_list(zone=zone)[: UNREACHABLE_ROWS + 1])},
        ),
    ]


def _load(ctx: DemoContext) -> None:
    from . import demo

    demo.load(ctx.zones, ctx.users)


def demo_part(**kwargs: Any) -> DemoPart:
    return DemoPart(
        name="network",
        label="organisaties, aanbod en personen",
        load=_load,
        after=("zones", "accounts"),
    )


def connect() -> None:
    dashboard_panels.connect(panels, dispatch_uid="network-panels")
    demo_parts.connect(demo_part, dispatch_uid="network-demo")
