"""Fixed agenda items of a body: added, moved within their part of the agenda, deleted."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import Body, FixedAgendaItem
from .common import _full_clean, _same_zone


@transaction.atomic
def fixed_item_add(
    *, zone: Zone, actor: Any, body: Body, title: str, at_end: bool = False
) -> FixedAgendaItem:
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    title = (title or "").strip()
    if not title:
        raise ServiceError({"title": _("Geef het vaste agendapunt een titel.")})
    items = FixedAgendaItem.objects.for_zone(zone).filter(body=body)
    if items.filter(title__iexact=title).exists():
        raise ServiceError({"title": _("‘%(title)s’ staat al bij de vaste agendapunten.") % {"title": title}})
    last = items.filter(at_end=at_end).aggregate(m=Max("order"))["m"]
    item = FixedAgendaItem(
        zone=zone, body=body, title=title, at_end=at_end, order=0 if last is None else last + 1
    )
    _full_clean(item)
    item.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="fixed_item_added",
        instance=body,
        changes={"vast agendapunt": [None, title]},
    )
    return item


@transaction.atomic
def fixed_item_move(*, zone: Zone, actor: Any, item: FixedAgendaItem, direction: str) -> FixedAgendaItem:
    """Swap the item with its neighbour above ("up") or below ("down") within its part of the agenda."""
    _same_zone(zone, item, _("Dit agendapunt hoort niet bij deze eerstelijnszone."))
    if direction not in ("up", "down"):
        raise ServiceError(_("Onbekende richting."))
    group = list(
        FixedAgendaItem.objects.for_zone(zone)
        .select_for_update()
        .filter(body_id=item.body_id, at_end=item.at_end)
        .order_by("order", "id")
    )
    index = next((i for i, other in enumerate(group) if other.pk == item.pk), None)
    if index is None:
        raise ServiceError(_("Dit agendapunt bestaat niet meer."))
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(group):
        raise ServiceError(
            _("Dit agendapunt staat al bovenaan.")
            if direction == "up"
            else _("Dit agendapunt staat al onderaan.")
        )
    group[index], group[target] = group[target], group[index]
    for order, other in enumerate(group):
        if other.order != order:
            other.order = order
            other.save(update_fields=["order"])
    moved = group[target]
    audit.record(
        zone=zone,
        actor=actor,
        action="fixed_item_moved",
        instance=moved.body,
        changes={"vast agendapunt": [moved.title, _("naar boven") if direction == "up" else _("naar onder")]},
    )
    return moved


@transaction.atomic
def fixed_item_delete(*, zone: Zone, actor: Any, item: FixedAgendaItem) -> None:
    _same_zone(zone, item, _("Dit agendapunt hoort niet bij deze eerstelijnszone."))
    body = item.body
    title = item.title
    item.delete()
    audit.record(
        zone=zone,
        actor=actor,
        action="fixed_item_deleted",
        instance=body,
        changes={"vast agendapunt": [title, None]},
    )
