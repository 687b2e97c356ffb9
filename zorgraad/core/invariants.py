"""The invariant behind zone scoping: a link between two zone-owned rows never crosses zones.

`cross_zone_links()` looks at every foreign key and many-to-many field between two zone-owned
models and returns the rows whose two ends belong to different zones. It is found by walking the
models, so a new app's models are checked without registering anything. The test suite runs it
after every test that wrote a zone-owned row (conftest.py), and `manage.py check_zones` runs it on a
real database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from .scoping import ZoneOwned


@dataclass(frozen=True)
class CrossZoneLink:
    model: str
    field: str
    row_ids: tuple[int, ...]

    def __str__(self) -> str:
        ids = ", ".join(str(i) for i in self.row_ids[:10])
        return f"{self.model}.{self.field}: rij(en) {ids} wijzen naar een andere zone"


def _zone_owned(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, ZoneOwned)


def zone_links() -> list[tuple[type[models.Model], models.Field]]:
    """Every (model, field) whose both ends are zone-owned: FKs, one-to-ones and many-to-manys."""
    found: list[tuple[type[models.Model], models.Field]] = []
    for model in apps.get_models():
        if not _zone_owned(model):
            continue
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or not field.is_relation:
                continue
            if field.name == "zone" or not _zone_owned(field.related_model):
                continue
            found.append((model, field))  # type: ignore[arg-type]
    return found


def cross_zone_links() -> list[CrossZoneLink]:
    problems: list[CrossZoneLink] = []
    for model, field in zone_links():
        if field.many_to_many:
            through = field.remote_field.through  # type: ignore[union-attr]
            source = field.m2m_field_name()  # type: ignore[attr-defined]
            target = field.m2m_reverse_field_name()  # type: ignore[attr-defined]
            qs = through._base_manager.exclude(
                **{f"{source}__zone_id": models.F(f"{target}__zone_id")}
            ).values_list(f"{source}_id", flat=True)
        else:
            qs = (
                model._base_manager.filter(**{f"{field.name}__isnull": False})
                .exclude(**{f"{field.name}__zone_id": models.F("zone_id")})
                .values_list("pk", flat=True)
            )
        ids = tuple(qs.order_by()[:10])
        if ids:
            problems.append(CrossZoneLink(model._meta.label, field.name, ids))
    return problems
