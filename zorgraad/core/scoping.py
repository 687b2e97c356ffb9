"""Zone scoping: every zone-owned record is read through one manager that insists on a zone.

`Model.objects.for_zone(zone)` is the normal way in. A queryset that was never scoped raises
`UnscopedQueryError` when it is evaluated, so a forgotten zone filter fails loudly in tests
instead of leaking another zone's data. Related managers (`organisation.offers.all()`) are
scoped through their parent. Code that truly works across zones (platform admin, migrations,
management commands) says so with `.unscoped()`.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from zorgraad.zones.models import Zone


class UnscopedQueryError(RuntimeError):
    pass


_checks_off: contextvars.ContextVar[bool] = contextvars.ContextVar("zorgraad_unscoped", default=False)


@contextlib.contextmanager
def unscoped_block() -> Iterator[None]:
    """Allow unscoped queries inside the block: for Django's own uniqueness and constraint checks."""
    token = _checks_off.set(True)
    try:
        yield
    finally:
        _checks_off.reset(token)


class ZoneQuerySet(models.QuerySet):
    _zone_scoped = False
    _zone_id: int | None = None  # the zone of for_zone(): every row of the queryset is of it

    def _clone(self, *args: Any, **kwargs: Any) -> ZoneQuerySet:
        clone = super()._clone(*args, **kwargs)  # type: ignore[misc]
        clone._zone_scoped = self._zone_scoped
        clone._zone_id = self._zone_id
        return clone

    def for_zone(self, zone: Zone | int) -> ZoneQuerySet:
        qs = self.filter(zone=zone)
        qs._zone_scoped = True
        zone_id = getattr(zone, "pk", zone)
        # Two different for_zone() calls select nothing; keep the first zone, never a wrong one.
        if qs._zone_id is None and isinstance(zone_id, int):
            qs._zone_id = zone_id
        return qs

    def unscoped(self) -> ZoneQuerySet:
        qs = self._chain()  # type: ignore[attr-defined]
        qs._zone_scoped = True
        return qs

    def _check_scoped(self) -> None:
        if (
            not self._zone_scoped
            and not _checks_off.get()
            and getattr(settings, "ZORGRAAD_STRICT_SCOPING", True)
        ):
            raise UnscopedQueryError(
                f"Query on {self.model.__name__} without a zone: use .for_zone(zone) or .unscoped()."
            )

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_scoped()
        super()._fetch_all()  # type: ignore[misc]

    def count(self) -> int:
        self._check_scoped()
        return super().count()

    def exists(self) -> bool:
        self._check_scoped()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._check_scoped()
        return super().aggregate(*args, **kwargs)

    def _bump_zones(self, fields: Any = None) -> None:
        from . import pagecache

        label = self.model._meta.label
        moved_to = (fields or {}).get("zone", (fields or {}).get("zone_id"))
        if moved_to is not None:  # rows moved to another zone: that zone's pages change too
            target = getattr(moved_to, "pk", moved_to)
            if isinstance(target, int):
                pagecache.bump_model(label, target, None)
            else:  # an expression: which zones is not known here, so every zone
                pagecache.bump(None, pagecache.ZONE, pagecache.STAFF_ANY)
        if not pagecache.kinds_for(label, fields) and self._zone_id is not None:
            # No public kind: only the staff pages of the zone this queryset is scoped to (every
            # row it updates is of that zone), without a query to find the zones.
            pagecache.bump_staff(self._zone_id)
            return
        for zone_id in set(self.order_by().values_list("zone_id", flat=True).distinct()):
            pagecache.bump_model(label, zone_id, fields)  # its kinds and the staff kind

    def update(self, **kwargs: Any) -> int:
        self._check_scoped()
        self._bump_zones(kwargs)  # bulk writes bypass the post_save receivers of the page cache
        return super().update(**kwargs)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        from . import pagecache

        label = self.model._meta.label
        for zone_id in {getattr(obj, "zone_id", None) for obj in objs}:
            # bulk writes send no post_save: the page cache must still hear of them
            pagecache.bump_model(label, zone_id)
        return created

    def bulk_update(self, objs: Any, *args: Any, **kwargs: Any) -> int:
        # The rows are the caller's own instances (already read through a scoped query); Django
        # updates them by primary key, and update() below raises their zones' generations.
        with unscoped_block():
            return super().bulk_update(objs, *args, **kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._check_scoped()
        return super().delete()  # the deletion collector sends post_delete per row

    def iterator(self, *args: Any, **kwargs: Any) -> Any:
        self._check_scoped()
        return super().iterator(*args, **kwargs)


class ZoneManager(models.Manager.from_queryset(ZoneQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> ZoneQuerySet:
        qs = super().get_queryset()
        # Related managers (parent.children.all()) carry `instance`. They are scoped through the
        # parent only when the parent itself belongs to one zone: the reverse relation of a shared
        # model (theme.offers, municipality.organisations, user.persons) spans every zone and must
        # still say .for_zone(zone).
        instance = getattr(self, "instance", None)
        if instance is not None and getattr(instance, "zone_id", None) is not None:
            qs._zone_scoped = True
        return qs


class ZoneOwned(models.Model):
    """Abstract base for every record that belongs to one zone."""

    zone = models.ForeignKey("zones.Zone", on_delete=models.CASCADE, related_name="+", db_index=True)

    objects = ZoneManager()

    class Meta:
        abstract = True

    # Django's uniqueness and constraint checks query the default manager without a zone; they only
    # answer "does a clashing row exist" and return no data, so they may look across zones.
    def validate_unique(self, exclude: Any = None) -> None:
        with unscoped_block():
            super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude: Any = None) -> None:
        with unscoped_block():
            super().validate_constraints(exclude=exclude)
