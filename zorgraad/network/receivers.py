"""Keep the search index of the social map in step with offers, organisations, themes and groups.

Connected in apps.py. Every save of an offer (or of its themes and target groups, its organisation,
a theme or target group name) refreshes the index rows of the offers concerned, in the same
transaction. Bulk writes send no signals: those callers rebuild the zone (`offer_index_rebuild`).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_save

from .models import Offer, Organisation, TargetGroup, Theme
from .services import search

M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}
PENDING = "_search_offers_before_clear"


def _offer_saved(sender: Any, instance: Offer, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        search.offer_index_refresh(offer_ids=[instance.pk])


def _offer_labels_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if reverse and action == "pre_clear":  # theme.offer_set.clear(): remember whose labels go
        setattr(instance, PENDING, list(_offers_with(instance)))
        return
    if action not in M2M_ACTIONS:
        return
    if not reverse:
        search.offer_index_refresh(offer_ids=[instance.pk])
    elif action == "post_clear":
        search.offer_index_refresh(offer_ids=getattr(instance, PENDING, []))
    else:  # theme.offer_set.add(...) / remove(...): the offers are in pk_set
        search.offer_index_refresh(offer_ids=pk_set or [])


# What the index reads of an organisation (services/search.offer_terms, _is_live): a save that touches
# none of these (a phone number, a confirmation) leaves the index and the searches' cached data alone.
INDEXED_ORGANISATION_FIELDS = frozenset({"name", "short_name", "is_archived", "zone"})


def _organisation_saved(
    sender: Any, instance: Organisation, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if update_fields is not None and INDEXED_ORGANISATION_FIELDS.isdisjoint(update_fields):
        return
    if not raw:
        ids = (
            Offer.objects.for_zone(instance.zone_id)
            .filter(organisation=instance)
            .values_list("pk", flat=True)
        )
        search.offer_index_refresh(offer_ids=list(ids))


def _offers_with(label: Theme | TargetGroup) -> Any:
    field = "themes" if isinstance(label, Theme) else "target_groups"
    return Offer.objects.unscoped().filter(**{field: label}).values_list("pk", flat=True)


def _label_saved(sender: Any, instance: Theme | TargetGroup, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # a renamed theme or target group: every offer with it, in every zone
        search.offer_index_refresh(offer_ids=list(_offers_with(instance)))


def after_migrate(sender: Any, **kwargs: Any) -> None:
    """A database from before the index: build it for the zones that have offers but no index."""
    from zorgraad.zones.models import Zone

    for zone in Zone.objects.filter(pk__in=search.offer_index_missing_zones()):
        search.offer_index_rebuild(zone=zone)


def connect() -> None:
    post_save.connect(_offer_saved, sender=Offer, dispatch_uid="search-offer")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="search-organisation")
    post_save.connect(_label_saved, sender=Theme, dispatch_uid="search-theme")
    post_save.connect(_label_saved, sender=TargetGroup, dispatch_uid="search-target-group")
    m2m_changed.connect(
        _offer_labels_changed, sender=Offer.themes.through, dispatch_uid="search-offer-themes"
    )
    m2m_changed.connect(
        _offer_labels_changed, sender=Offer.target_groups.through, dispatch_uid="search-offer-groups"
    )
