"""What the planning services share: the message for another zone's record, the field lists, cleaning,
snapshots, applying plain values, the next order number."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError

from ..models import Action, YearPlan

OTHER_ZONE = _("Dit record hoort niet bij deze eerstelijnszone.")

ACTION_FIELDS = [
    "title",
    "order",
    "description",
    "scope_do",
    "scope_dont",
    "why",
    "why_environment_analysis",
    "why_local_policy",
    "why_flemish_objectives",
    "target_text",
    "lead_kind",
    "lead_organisation",
    "lead_text",
    "zone_role",
    "zone_role_text",
    "partners_text",
    "evaluates_process",
    "evaluates_output",
]
ACTION_M2M = ["target_groups", "challenges", "bodies"]
STEP_FIELDS = [
    "number",
    "text",
    "is_milestone",
    "due_date",
    "due_text",
    "status",
    "condition",
    "meeting",
    "order",
]
PROCESS_FIELDS = ["group", "kind", "text", "done", "done_on", "evidence", "count", "order"]
INDICATOR_FIELDS = [
    "group",
    "name",
    "method",
    "kind",
    "comparator",
    "target",
    "target_max",
    "unit",
    "scope",
    "instance_label",
    "period_label",
    "period_start",
    "period_end",
    "target_text",
    "source_key",
    "object_ids",
    "order",
]


def _full_clean(instance: models.Model, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(
            exclude=["zone", *(exclude or [])], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise ServiceError(exc.error_dict if hasattr(exc, "error_dict") else exc.messages) from exc


def _snap(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return audit.snapshot(instance, [f for f in fields if hasattr(instance, f)])


def _apply(instance: models.Model, fields: list[str], data: dict[str, Any]) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"Unknown fields for {type(instance).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        if value is None and isinstance(instance._meta.get_field(name), models.CharField | models.TextField):
            value = ""
        setattr(instance, name, value)


def plan_of_action(action: Action) -> YearPlan:
    return action.objective.strategic.plan


def _next_order(qs: models.QuerySet) -> int:
    top = qs.aggregate(m=models.Max("order"))["m"]
    return 0 if top is None else top + 1
