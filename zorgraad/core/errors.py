"""Errors every app's services raise, and the checks they share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A rule of the domain was broken; the message is in Dutch and meant for the user."""


def same_zone(zone: Any, instance: Any, message: str, field: str | None = None) -> None:
    """Refuse a record of another zone (a forged id in a form or API call) with a Dutch message."""
    if instance is not None and getattr(instance, "zone_id", None) != zone.pk:
        raise ServiceError({field: message} if field else message)
