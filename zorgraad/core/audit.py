"""The audit trail: services call `record` after each write; records show `history_for`."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time | decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {f: _plain(getattr(instance, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(
    *,
    zone: Any,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        zone=zone,
        actor=user,
        actor_label=actor_label,
        action=action,
        model=instance._meta.model_name or "",
        object_id=instance.pk,
        object_repr=str(instance)[:250],
        changes=changes or {},
    )


def history_for(*, zone: Any, instance: models.Model) -> models.QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.for_zone(zone)
        .filter(model=instance._meta.model_name, object_id=instance.pk)
        .select_related("actor")
    )
