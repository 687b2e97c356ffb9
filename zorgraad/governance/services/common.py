"""Helpers the governance services share: field validation as ServiceError, the zone check, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _full_clean(instance: models.Model, exclude: list[str] | None = None) -> None:
    """Field validation, re-raised as ServiceError so views show it like any other rule.

    Constraints are checked by the services themselves (with a clearer message) and by the database;
    Django's own constraint check would query without a zone.
    """
    try:
        instance.full_clean(
            exclude=["zone", *(exclude or [])], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise ServiceError(exc.error_dict if hasattr(exc, "error_dict") else exc.messages) from exc


def _same_zone(zone: Zone, instance: models.Model | None, message: str) -> None:
    if instance is not None and getattr(instance, "zone_id", None) != zone.pk:
        raise ServiceError(message)


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _m2m_snapshot(instance: Any, names: list[str]) -> dict[str, list[str]]:
    return {n: sorted(str(o) for o in getattr(instance, n).all()) for n in names}
