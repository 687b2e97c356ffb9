"""Cache invalidation: any write to a zone's records raises that zone's generation (pagecache.py)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from .pagecache import bump_zone
from .scoping import ZoneOwned

# Written on every change anyway, or never shown on public pages.
# The social map's search index is derived from offers, whose own writes raise the generation; its
# rows are deleted in bulk, which a post_delete receiver would turn into one query per row.
IGNORED = {"core.AuditEntry", "core.RateBucket", "network.OfferSearchTerm"}


def _on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump_zone(getattr(instance, "zone_id", None))


def _on_zone_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    # A zone's own name or description changed (not the generation bump itself, which is an update()).
    if not kwargs.get("raw"):
        bump_zone(instance.pk)


def connect() -> None:
    for model in apps.get_models():
        label = model._meta.label
        if label in IGNORED:
            continue
        if issubclass(model, ZoneOwned):
            post_save.connect(_on_change, sender=model, dispatch_uid=f"bump-{label}")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"bump-del-{label}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    _on_change,
                    sender=field.remote_field.through,
                    dispatch_uid=f"bump-m2m-{label}-{field.name}",
                )
    post_save.connect(_on_zone_saved, sender=apps.get_model("zones", "Zone"), dispatch_uid="bump-zone")
    zone_links = apps.get_model("zones", "ZoneMunicipality")
    post_save.connect(_on_change, sender=zone_links, dispatch_uid="bump-zone-links")
    post_delete.connect(_on_change, sender=zone_links, dispatch_uid="bump-del-zone-links")
