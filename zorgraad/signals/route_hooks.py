"""What the route of signals through the zone's bodies adds to the URL table, the page cache, the
audit labels and the demo (kept apart from hooks.py; connected from apps.py)."""

from __future__ import annotations

from typing import Any

from zorgraad.core import pagecache, permissions
from zorgraad.core.registry import DemoContext, DemoPart, demo_parts

P = permissions
URL_ROLES: dict[str, str] = {
    "signals:route": P.STAFF,
    "signals:route_step_move": P.STAFF,
    "signals:route_step_remove": P.STAFF,
    "signals:route_forward": P.STAFF,
    # staff, and the secretary of THAT body (views.routes checks require_body_manager)
    "signals:route_body": P.SECRETARY,
    "signals:route_schedule": P.SECRETARY,
}


def _load(ctx: DemoContext) -> None:
    from . import demo_route

    demo_route.load(ctx.zones, ctx.users)


def demo_part(**kwargs: Any) -> list[DemoPart]:
    # a part of its own, so a demo loaded before the route existed gets it on the next run
    return [
        DemoPart(
            name="signal_route",
            label="route van signalen",
            load=_load,
            after=("signals", "governance", "meetings"),
        )
    ]


def connect() -> None:
    permissions.register(URL_ROLES)
    # staff-only records: their writes touch no public page (the staff pages follow every write)
    pagecache.register_model("signals.SignalRouteStep")
    pagecache.register_model("signals.SignalReferral")
    demo_parts.connect(demo_part, dispatch_uid="signals-route-demo")
