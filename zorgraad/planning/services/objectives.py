"""Strategic and operational objectives, their labels stored as written."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone

from ..models import OperationalObjective, StrategicObjective, YearPlan
from .common import OTHER_ZONE, _apply, _full_clean, _next_order, _snap


@transaction.atomic
def objective_create(
    *, zone: Any, actor: Any, plan: YearPlan, label: str, text: str, order: int | None = None
) -> StrategicObjective:
    """A strategic objective, its label stored as written ("Strategische doelstelling 5")."""
    same_zone(zone, plan, OTHER_ZONE, "plan")
    if not (label or "").strip():
        raise ServiceError({"label": _("Geef de doelstelling een label, bv. 'Strategische doelstelling 1'.")})
    if not (text or "").strip():
        raise ServiceError({"text": _("Geef de tekst van de doelstelling.")})
    if order is None:
        order = _next_order(StrategicObjective.objects.for_zone(zone).filter(plan=plan))
    sd = StrategicObjective(zone=zone, plan=plan, label=label.strip(), text=text.strip(), order=order)
    _full_clean(sd)
    sd.save()
    audit.record(zone=zone, actor=actor, action="created", instance=sd)
    return sd


@transaction.atomic
def operational_objective_create(
    *, zone: Any, actor: Any, strategic: StrategicObjective, label: str, text: str, order: int | None = None
) -> OperationalObjective:
    same_zone(zone, strategic, OTHER_ZONE, "strategic")
    if not (label or "").strip():
        raise ServiceError({"label": _("Geef de doelstelling een label, bv. 'Operationele doelstelling 1'.")})
    if not (text or "").strip():
        raise ServiceError({"text": _("Geef de tekst van de doelstelling.")})
    if order is None:
        order = _next_order(OperationalObjective.objects.for_zone(zone).filter(strategic=strategic))
    od = OperationalObjective(
        zone=zone, strategic=strategic, label=label.strip(), text=text.strip(), order=order
    )
    _full_clean(od)
    od.save()
    audit.record(zone=zone, actor=actor, action="created", instance=od)
    return od


@transaction.atomic
def objective_update(
    *, zone: Any, actor: Any, objective: StrategicObjective | OperationalObjective, **data: Any
) -> Any:
    same_zone(zone, objective, OTHER_ZONE)
    before = _snap(objective, ["label", "text", "order"])
    _apply(objective, ["label", "text", "order"], data)
    if not objective.label.strip() or not objective.text.strip():
        raise ServiceError(_("Label en tekst van een doelstelling zijn verplicht."))
    _full_clean(objective)
    objective.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=objective,
        changes=audit.diff(before, _snap(objective, list(before))),
    )
    return objective
