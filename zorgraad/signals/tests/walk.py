"""The signals' records for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

# first matching prefix wins: the ambassadors' pages take an ambassador, the route's a step or a
# referral, the others a signal
PK_BY_NAME = [
    ("signals:ambassador_", "signal_ambassador"),
    ("signals:route_step_", "signal_route_step"),
    ("signals:route_schedule", "signal_referral"),
    ("signals:", "signal"),
]


def make_objects(zone: Any, users: Any, objects: dict[str, Any]) -> dict[str, Any]:
    from zorgraad.governance.models import Body
    from zorgraad.network.models import Affiliation
    from zorgraad.signals import services
    from zorgraad.signals.services import ambassadors, routes

    signal = services.signal_create(
        zone=zone,
        actor=None,
        data={"title": "Geen betaalbaar vervoer", "description": "Mensen geraken niet op hun afspraak."},
        source="staff",
    )
    affiliation = Affiliation.objects.for_zone(zone).get(pk=objects["affiliation"])
    ambassador = ambassadors.ambassador_create(
        zone=zone, actor=None, affiliation=affiliation, data={"active_from": dt.date(2025, 11, 27)}
    )
    # the walk's body as the one step of the route; the signal waits for it (no planned meeting)
    body = Body.objects.for_zone(zone).get(slug=objects["body"])
    step = routes.route_step_add(zone=zone, actor=None, body=body)
    referral = routes.signal_forward(zone=zone, actor=None, signal=signal)
    return {
        "signal": signal.pk,
        "signal_ambassador": ambassador.pk,
        "signal_route_step": step.pk,
        "signal_referral": referral.pk,
    }


def kwargs(name: str, route: str, objects: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if not name.startswith("signals:"):
        return found
    if "<str:fmt>" in route:
        found["fmt"] = "xlsx"
    if "<slug:cluster>" in route:
        found["cluster"] = "welzijn"
    if "<int:meeting>" in route:
        found["meeting"] = objects["meeting"]
    return found
