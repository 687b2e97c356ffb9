"""Indicators of an action (targets, computed sources, linked records) and values entered by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone

from .. import sources
from ..models import Action, Comparator, Indicator, IndicatorKind, IndicatorValue, TargetScope
from .common import INDICATOR_FIELDS, OTHER_ZONE, _apply, _full_clean, _next_order, _snap


def _check_indicator(zone: Any, ind: Indicator) -> None:
    if not (ind.name or "").strip():
        raise ServiceError({"name": _("Geef de indicator een naam.")})
    if ind.kind not in IndicatorKind.values:
        raise ServiceError({"kind": _("Kies een geldige soort.")})
    if ind.comparator not in Comparator.values:
        raise ServiceError({"comparator": _("Kies een geldige vergelijking.")})
    if ind.scope not in TargetScope.values:
        raise ServiceError({"scope": _("Kies of het streefdoel per keer of voor de periode geldt.")})
    if ind.kind != IndicatorKind.NUMBER:
        ind.comparator, ind.target, ind.target_max = "", None, None
    if ind.comparator and ind.target is None:
        raise ServiceError({"target": _("Een streefdoel heeft een getal nodig, bv. ≥ 20.")})
    if ind.target is not None and not ind.comparator:
        ind.comparator = Comparator.GTE
    if ind.comparator == Comparator.RANGE:
        if ind.target_max is None:
            raise ServiceError({"target_max": _("Een bereik heeft een bovengrens nodig, bv. 3 à 4.")})
        if ind.target is not None and ind.target_max < ind.target:
            raise ServiceError({"target_max": _("De bovengrens is kleiner dan de ondergrens.")})
    else:
        ind.target_max = None
    if ind.target is not None and ind.target < 0:
        raise ServiceError({"target": _("Een streefdoel kan niet negatief zijn.")})
    if ind.period_start and ind.period_end and ind.period_end < ind.period_start:
        raise ServiceError({"period_end": _("Het einde van de periode ligt vóór het begin.")})
    if ind.source_key:
        if sources.get(ind.source_key) is None:
            raise ServiceError({"source_key": _("Deze bron bestaat niet.")})
        if ind.kind != IndicatorKind.NUMBER:
            raise ServiceError({"source_key": _("Alleen een getal kan berekend worden.")})
    ids = ind.object_ids or []
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ServiceError({"object_ids": _("Ongeldige koppeling.")})
    if ids and ind.source_key:
        _check_linked_ids(zone, ind.source_key, ids)
    ind.object_ids = sorted(set(ids))
    _full_clean(ind)


def _check_linked_ids(zone: Any, key: str, ids: list[int]) -> None:
    from django.apps import apps

    source = sources.get(key)
    if source is None or not source.target_model:
        raise ServiceError({"object_ids": _("Deze bron koppelt niet aan records.")})
    model = apps.get_model(source.target_model)
    manager: Any = model._default_manager
    qs = manager.for_zone(zone) if hasattr(manager, "for_zone") else manager.all()
    found = set(qs.filter(pk__in=ids).values_list("pk", flat=True))
    if found != set(ids):
        raise ServiceError(
            {"object_ids": _("Een gekoppeld record bestaat niet of hoort niet bij deze eerstelijnszone.")}
        )


@transaction.atomic
def indicator_create(*, zone: Any, actor: Any, action: Action, name: str, **data: Any) -> Indicator:
    same_zone(zone, action, OTHER_ZONE, "action")
    ind = Indicator(zone=zone, action=action, name=(name or "").strip())
    if "target" in data and data["target"] is not None:
        data["target"] = Decimal(str(data["target"]))
    if "target_max" in data and data["target_max"] is not None:
        data["target_max"] = Decimal(str(data["target_max"]))
    _apply(ind, INDICATOR_FIELDS, data)
    if "order" not in data:
        ind.order = _next_order(Indicator.objects.for_zone(zone).filter(action=action))
    _check_indicator(zone, ind)
    ind.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=ind,
        changes=audit.diff({}, _snap(ind, INDICATOR_FIELDS)),
    )
    return ind


@transaction.atomic
def indicator_update(*, zone: Any, actor: Any, indicator: Indicator, **data: Any) -> Indicator:
    same_zone(zone, indicator, OTHER_ZONE)
    indicator = Indicator.objects.for_zone(zone).get(pk=indicator.pk)
    before = _snap(indicator, INDICATOR_FIELDS)
    for key in ("target", "target_max"):
        if key in data and data[key] is not None:
            data[key] = Decimal(str(data[key]))
    _apply(indicator, INDICATOR_FIELDS, data)
    if indicator.source_key != before.get("source_key") or indicator.object_ids != before.get("object_ids"):
        indicator.last_value, indicator.last_instances, indicator.last_computed_at = None, [], None
    _check_indicator(zone, indicator)
    indicator.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=indicator,
        changes=audit.diff(before, _snap(indicator, INDICATOR_FIELDS)),
    )
    return indicator


@transaction.atomic
def indicator_delete(*, zone: Any, actor: Any, indicator: Indicator) -> None:
    same_zone(zone, indicator, OTHER_ZONE)
    audit.record(zone=zone, actor=actor, action="deleted", instance=indicator)
    Indicator.objects.for_zone(zone).filter(pk=indicator.pk).delete()


@transaction.atomic
def indicator_value_add(
    *,
    zone: Any,
    actor: Any,
    indicator: Indicator,
    date: dt.date,
    value: Any = None,
    text: str = "",
) -> IndicatorValue:
    """A value by hand: a number (numeric indicators), yes/no as 1/0, or a line of a qualitative list."""
    same_zone(zone, indicator, OTHER_ZONE, "indicator")
    if indicator.source_key:
        raise ServiceError(_("Deze indicator wordt berekend; een waarde met de hand ingeven kan niet."))
    if date is None:
        raise ServiceError({"date": _("Geef de datum van de meting.")})
    number: Decimal | None = None
    if indicator.kind == IndicatorKind.QUALITATIVE:
        if not (text or "").strip():
            raise ServiceError({"text": _("Geef een omschrijving.")})
    else:
        if value in (None, ""):
            raise ServiceError({"value": _("Geef een getal.")})
        try:
            number = Decimal(str(value).replace(",", "."))
        except InvalidOperation as exc:
            raise ServiceError({"value": _("Geef een getal.")}) from exc
        if number < 0 or number >= Decimal("1e12") or not number.is_finite():
            raise ServiceError({"value": _("Dit getal kan niet.")})
        if indicator.kind == IndicatorKind.YESNO and number not in (0, 1):
            raise ServiceError({"value": _("Kies ja of nee.")})
    label = ""
    if getattr(actor, "is_authenticated", False):
        label = (
            (actor.get_full_name() if hasattr(actor, "get_full_name") else "")
            or getattr(actor, "email", "")
            or str(actor)
        )
    row = IndicatorValue(
        zone=zone,
        indicator=indicator,
        date=date,
        value=number,
        text=(text or "").strip(),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        entered_by_label=label[:200],
    )
    _full_clean(row, exclude=["entered_by"])
    row.save()
    audit.record(zone=zone, actor=actor, action="created", instance=row)
    return row
