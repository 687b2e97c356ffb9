"""The signals' records for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

from typing import Any

PK_BY_NAME = [("signals:", "signal")]


def make_objects(zone: Any, users: Any, objects: dict[str, Any]) -> dict[str, Any]:
    from zorgraad.signals import services

    signal = services.signal_create(
        zone=zone,
        actor=None,
        data={"title": "Geen betaalbaar vervoer", "description": "Mensen geraken niet op hun afspraak."},
        source="staff",
    )
    return {"signal": signal.pk}


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
