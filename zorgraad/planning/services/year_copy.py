"""Year over year: a plan copied to the next year, without its values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from zorgraad.core import audit
from zorgraad.core.errors import same_zone

from ..models import (
    ActionPartner,
    Indicator,
    PlanChapter,
    ProcessItem,
    Step,
    StepStatus,
    StrategicObjective,
    YearPlan,
)
from .common import ACTION_M2M, OTHER_ZONE
from .plans import _year_free


@transaction.atomic
def plan_copy(*, zone: Any, actor: Any, plan: YearPlan, year: int | None = None) -> YearPlan:
    """Copy a plan to the next year: chapters, objectives, actions, steps, process items, indicators.

    Values are not copied (no hand values, no last computed values, process items not done, steps
    to do); dates move one year on. Refused when the zone already has a plan for that year.
    """
    same_zone(zone, plan, OTHER_ZONE)
    year = year or plan.year + 1
    _year_free(zone, year)
    shift = year - plan.year

    def move(day: dt.date | None) -> dt.date | None:
        if day is None:
            return None
        try:
            return day.replace(year=day.year + shift)
        except ValueError:  # 29 February
            return day.replace(year=day.year + shift, day=28)

    new = YearPlan(
        zone=zone,
        year=year,
        title=plan.title.replace(str(plan.year), str(year))
        if str(plan.year) in plan.title
        else f"Acties {year}",
        multi_year_plan=plan.multi_year_plan,
        copied_from=plan,
    )
    new.save()
    chapter_map: dict[int, PlanChapter] = {}
    for ch in PlanChapter.objects.for_zone(zone).filter(plan=plan).order_by("parent_id", "order", "pk"):
        old_pk = ch.pk
        parent = chapter_map.get(ch.parent_id) if ch.parent_id else None
        ch.pk = None
        ch.id = None
        ch.plan = new
        ch.parent = parent
        ch._state.adding = True
        ch.save()
        chapter_map[old_pk] = ch
    for sd in StrategicObjective.objects.for_zone(zone).filter(plan=plan):
        ods = list(sd.operational_objectives.all())
        sd.pk = sd.id = None
        sd.plan = new
        sd._state.adding = True
        sd.save()
        for od in ods:
            actions = list(
                od.actions.all().prefetch_related("target_groups", "challenges", "bodies", "partner_links")
            )
            od.pk = od.id = None
            od.strategic = sd
            od._state.adding = True
            od.save()
            for action in actions:
                m2m = {n: list(getattr(action, n).all()) for n in ACTION_M2M}
                links = list(action.partner_links.all())
                steps = list(action.steps.all())
                items = list(action.process_items.all())
                inds = list(action.indicators.all())
                action.pk = action.id = None
                action.objective = od
                action._state.adding = True
                action.save()
                for n, objs in m2m.items():
                    getattr(action, n).set(objs)
                for link in links:
                    link.pk = link.id = None
                    link.action = action
                    link._state.adding = True
                ActionPartner.objects.bulk_create(links)
                for step in steps:
                    step.pk = step.id = None
                    step.action = action
                    step.status = StepStatus.TODO
                    step.due_date = move(step.due_date)
                    step.meeting = None
                    step._state.adding = True
                Step.objects.bulk_create(steps)
                for item in items:
                    item.pk = item.id = None
                    item.action = action
                    item.done, item.done_on, item.evidence, item.count = False, None, "", None
                    item._state.adding = True
                ProcessItem.objects.bulk_create(items)
                for ind in inds:
                    ind.pk = ind.id = None
                    ind.action = action
                    ind.period_start, ind.period_end = move(ind.period_start), move(ind.period_end)
                    ind.last_value, ind.last_instances, ind.last_computed_at = None, [], None
                    ind._state.adding = True
                Indicator.objects.bulk_create(inds)
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=new,
        changes={"copied_from": [None, str(plan)]},
    )
    return new
