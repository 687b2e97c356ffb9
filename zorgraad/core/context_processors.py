from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import permissions


def zone(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "zone", None)
    level = getattr(request, "zone_level", permissions.PUBLIC)
    return {
        "zone": current,
        "zone_level": level,
        "is_zone_staff": permissions.allows(level, permissions.STAFF) if current else False,
    }
