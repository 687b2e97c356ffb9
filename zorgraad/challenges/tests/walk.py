"""The challenges' records for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

from typing import Any

PK_BY_NAME = [("challenges:", "challenge")]


def make_objects(zone: Any, users: Any, objects: dict[str, Any]) -> dict[str, Any]:
    from zorgraad.challenges.models import Challenge

    return {
        "challenge": Challenge.objects.create(zone=zone, number="1", title="Kennis van het zorgaanbod").pk
    }
