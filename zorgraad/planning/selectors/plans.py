"""The plans and an action of a zone, the plan overview, overdue milestones, two years compared.

`plan_overview` reads a whole plan with a fixed number of queries (see the package's docstring).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Action,
    Indicator,
    IndicatorValue,
    OperationalObjective,
    PlanChapter,
    ProcessItem,
    Step,
    StepStatus,
    StrategicObjective,
    YearPlan,
)
from .progress import PROGRESS_LABELS, PROGRESS_ORDER, Progress, action_progress
from .readings import Reading, readings_for
from .targets import target_label


def plan_list(*, zone: Any) -> list[YearPlan]:
    return list(YearPlan.objects.for_zone(zone).select_related("multi_year_plan").order_by("-year"))


def plan_get(*, zone: Any, pk: int) -> YearPlan:
    plan = YearPlan.objects.for_zone(zone).select_related("multi_year_plan").filter(pk=pk).first()
    if plan is None:
        raise Http404(_("Dit actieplan bestaat niet."))
    return plan


def action_get(*, zone: Any, pk: int) -> Action:
    action = (
        Action.objects.for_zone(zone)
        .select_related("objective__strategic__plan", "lead_organisation")
        .filter(pk=pk)
        .first()
    )
    if action is None:
        raise Http404(_("Deze actie bestaat niet."))
    return action


def _action_queryset(zone: Any) -> Any:
    return (
        Action.objects.for_zone(zone)
        .select_related("objective__strategic", "lead_organisation")
        .prefetch_related(
            Prefetch("steps", queryset=Step.objects.for_zone(zone).order_by("order", "pk")),
            Prefetch("process_items", queryset=ProcessItem.objects.for_zone(zone).order_by("order", "pk")),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.for_zone(zone)
                .order_by("order", "pk")
                .prefetch_related(
                    Prefetch(
                        "values",
                        queryset=IndicatorValue.objects.for_zone(zone).order_by("date", "pk"),
                        to_attr="hand_values",
                    )
                ),
            ),
        )
    )


def _full_action_queryset(zone: Any) -> Any:
    from ..models import ActionPartner

    return _action_queryset(zone).prefetch_related(
        "target_groups",
        "challenges",
        "bodies",
        Prefetch(
            "partner_links",
            queryset=ActionPartner.objects.for_zone(zone)
            .select_related("organisation")
            .order_by("order", "pk"),
        ),
    )


@dataclass
class ActionRow:
    action: Action
    readings: list[Reading]
    progress: Progress


@dataclass
class ObjectiveRow:
    objective: Any
    actions: list[ActionRow] = field(default_factory=list)
    children: list[ObjectiveRow] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        rows = [a for child in self.children for a in child.actions] if self.children else self.actions
        c = Counter(r.progress.status for r in rows)
        return [(s, str(PROGRESS_LABELS[s]), c[s]) for s in PROGRESS_ORDER if c[s]]


@dataclass
class Overview:
    plan: YearPlan
    objectives: list[ObjectiveRow]
    chapters: list[PlanChapter]
    overdue: list[Step]

    @property
    def action_rows(self) -> list[ActionRow]:
        return [a for sd in self.objectives for od in sd.children for a in od.actions]


def plan_overview(
    *,
    zone: Any,
    plan: YearPlan,
    today: dt.date | None = None,
    full: bool = False,
    action_ids: list[int] | None = None,
) -> Overview:
    """The plan's tree with every action's readings and progress, rolled up per objective.

    A fixed number of queries: objectives (2), actions with their steps, process items,
    indicators and hand values (5, or 9 with `full`), chapters (1), and per indicator source one
    batch (the built-in sources: 3 to 5 queries each).
    """
    today = today or timezone.localdate()
    sds = list(StrategicObjective.objects.for_zone(zone).filter(plan=plan).order_by("order", "pk"))
    ods = list(
        OperationalObjective.objects.for_zone(zone).filter(strategic__plan=plan).order_by("order", "pk")
    )
    qs = _full_action_queryset(zone) if full else _action_queryset(zone)
    qs = qs.filter(objective__strategic__plan=plan).order_by(
        "objective__strategic__order", "objective__order", "order", "pk"
    )
    if action_ids is not None:
        qs = qs.filter(pk__in=action_ids)
    actions = list(qs)
    indicators = [ind for a in actions for ind in a.indicators.all()]
    readings = readings_for(zone, plan, indicators, today=today)
    od_rows: dict[int, ObjectiveRow] = {od.pk: ObjectiveRow(objective=od) for od in ods}
    overdue: list[Step] = []
    for action in actions:
        mine = [readings[i.pk] for i in action.indicators.all()]
        progress = action_progress(action, mine, today)
        overdue.extend(progress.overdue)
        od_rows[action.objective_id].actions.append(
            ActionRow(action=action, readings=mine, progress=progress)
        )
    sd_rows = []
    for sd in sds:
        row = ObjectiveRow(objective=sd, children=[od_rows[od.pk] for od in ods if od.strategic_id == sd.pk])
        if action_ids is not None:
            row.children = [c for c in row.children if c.actions]
            if not row.children:
                continue
        sd_rows.append(row)
    chapters = (
        list(PlanChapter.objects.for_zone(zone).filter(plan=plan).order_by("parent_id", "order", "pk"))
        if full
        else []
    )
    return Overview(
        plan=plan,
        objectives=sd_rows,
        chapters=chapters,
        overdue=sorted(overdue, key=lambda s: s.due_date or today),
    )


def action_overview(*, zone: Any, action: Action, today: dt.date | None = None) -> ActionRow:
    plan = action.objective.strategic.plan
    overview = plan_overview(zone=zone, plan=plan, today=today, full=True, action_ids=[action.pk])
    return overview.action_rows[0]


def overdue_milestones(*, zone: Any, today: dt.date | None = None, limit: int = 10) -> list[Step]:
    today = today or timezone.localdate()
    return list(
        Step.objects.for_zone(zone)
        .filter(is_milestone=True, due_date__lt=today)
        .exclude(status__in=[StepStatus.DONE, StepStatus.DROPPED])
        .select_related("action__objective__strategic__plan")
        .order_by("due_date", "pk")[:limit]
    )


def compare_plans(*, zone: Any, left: YearPlan, right: YearPlan) -> list[dict[str, Any]]:
    """Two years side by side: rows of (SD label, OD label, action title) with each year's action."""

    def index(plan: YearPlan) -> dict[tuple[str, str, str], Action]:
        rows = (
            Action.objects.for_zone(zone)
            .filter(objective__strategic__plan=plan)
            .select_related("objective__strategic")
            .prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.for_zone(zone).order_by("order", "pk"))
            )
            .order_by("objective__strategic__order", "objective__order", "order", "pk")
        )
        return {(a.objective.strategic.label, a.objective.label, a.title): a for a in rows}

    a, b = index(left), index(right)
    keys = list(a) + [k for k in b if k not in a]
    out = []
    for key in keys:
        la, rb = a.get(key), b.get(key)
        out.append(
            {
                "sd": key[0],
                "od": key[1],
                "title": key[2],
                "left": la,
                "right": rb,
                "left_targets": [f"{i.name}: {target_label(i)}".rstrip(": ") for i in la.indicators.all()]
                if la
                else [],
                "right_targets": [f"{i.name}: {target_label(i)}".rstrip(": ") for i in rb.indicators.all()]
                if rb
                else [],
            }
        )
    return out
