"""Steps (milestones) and process items of an action."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone

from ..models import Action, ProcessItem, ProcessKind, Step, StepStatus
from .common import (
    OTHER_ZONE,
    PROCESS_FIELDS,
    STEP_FIELDS,
    _apply,
    _full_clean,
    _next_order,
    _snap,
    plan_of_action,
)


def _check_step(zone: Any, step: Step) -> None:
    if not (step.text or "").strip():
        raise ServiceError({"text": _("Beschrijf de stap.")})
    if step.status not in StepStatus.values:
        raise ServiceError({"status": _("Kies een geldige status.")})
    same_zone(zone, step.meeting, OTHER_ZONE, "meeting")
    plan = plan_of_action(step.action)
    if step.due_date and step.due_date > plan.end:
        raise ServiceError(
            {
                "due_date": _("Deze datum ligt na het einde van het plan (%(end)s).")
                % {"end": plan.end.strftime("%d/%m/%Y")}
            }
        )
    if step.is_milestone and not step.due_date and not step.due_text.strip():
        raise ServiceError({"due_date": _("Een mijlpaal heeft een datum of een timing nodig.")})
    _full_clean(step)


@transaction.atomic
def step_create(*, zone: Any, actor: Any, action: Action, text: str, **data: Any) -> Step:
    same_zone(zone, action, OTHER_ZONE, "action")
    step = Step(zone=zone, action=action, text=(text or "").strip())
    _apply(step, STEP_FIELDS, data)
    if "order" not in data:
        step.order = _next_order(Step.objects.for_zone(zone).filter(action=action))
    _check_step(zone, step)
    step.save()
    audit.record(zone=zone, actor=actor, action="created", instance=step)
    return step


@transaction.atomic
def step_update(*, zone: Any, actor: Any, step: Step, **data: Any) -> Step:
    same_zone(zone, step, OTHER_ZONE)
    before = _snap(step, STEP_FIELDS)
    _apply(step, STEP_FIELDS, data)
    _check_step(zone, step)
    step.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=step,
        changes=audit.diff(before, _snap(step, STEP_FIELDS)),
    )
    return step


def _check_process(zone: Any, item: ProcessItem) -> None:
    if not (item.text or "").strip():
        raise ServiceError({"text": _("Beschrijf het procesitem.")})
    if item.kind not in ProcessKind.values:
        raise ServiceError({"kind": _("Kies een geldige soort.")})
    if item.count is not None and item.count < 0:
        raise ServiceError({"count": _("Een aantal kan niet negatief zijn.")})
    if item.done_on and not item.done:
        item.done = True
    _full_clean(item)


@transaction.atomic
def process_item_create(*, zone: Any, actor: Any, action: Action, text: str, **data: Any) -> ProcessItem:
    same_zone(zone, action, OTHER_ZONE, "action")
    item = ProcessItem(zone=zone, action=action, text=(text or "").strip())
    _apply(item, PROCESS_FIELDS, data)
    if "order" not in data:
        item.order = _next_order(ProcessItem.objects.for_zone(zone).filter(action=action))
    _check_process(zone, item)
    item.save()
    audit.record(zone=zone, actor=actor, action="created", instance=item)
    return item


@transaction.atomic
def process_item_update(*, zone: Any, actor: Any, item: ProcessItem, **data: Any) -> ProcessItem:
    same_zone(zone, item, OTHER_ZONE)
    before = _snap(item, PROCESS_FIELDS)
    _apply(item, PROCESS_FIELDS, data)
    _check_process(zone, item)
    item.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=item,
        changes=audit.diff(before, _snap(item, PROCESS_FIELDS)),
    )
    return item
