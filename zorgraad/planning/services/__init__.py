"""Writes of the action plan: plans, chapters, objectives, actions, steps, process items, indicators.

Every service takes plain values (keyword arguments), the zone and the actor; it runs in one
transaction, raises ServiceError with a Dutch message when a rule is broken (nothing is saved
then) and leaves an audit entry. Linked records of another zone are refused.

Typical use by the importer:

    plan = plan_create(zone=z, actor=None, year=2025, title="Acties 2025")
    sd = objective_create(zone=z, actor=None, plan=plan, label="Strategische doelstelling 1", text="...")
    od = operational_objective_create(zone=z, actor=None, strategic=sd, label="Operationele doelstelling 1", text="...")
    action = action_create(zone=z, actor=None, objective=od, title="GBO", description="...")
    step_create(zone=z, actor=None, action=action, number="1", text="...", is_milestone=True, due_date=...)
    process_item_create(zone=z, actor=None, action=action, text="Er is een overzicht van ...")
    indicator_create(zone=z, actor=None, action=action, name="Aantal deelnemers", comparator="gte", target=20,
                     unit="deelnemers", scope="instance", instance_label="bijeenkomst")

The package, by topic (callers import from here, `zorgraad.planning.services`):

- common.py: the message for another zone's record, the field lists and the shared helpers;
- plans.py: multi-year plans, year plans and their chapters;
- objectives.py: strategic and operational objectives;
- actions.py: actions and their partners;
- steps.py: steps and process items;
- indicators.py: indicators and values entered by hand;
- year_copy.py: copying a plan to the next year.
"""

from __future__ import annotations

from zorgraad.core.errors import ServiceError

from .actions import action_create, action_delete, action_partner_add, action_partner_remove, action_update
from .common import (
    ACTION_FIELDS,
    ACTION_M2M,
    INDICATOR_FIELDS,
    OTHER_ZONE,
    PROCESS_FIELDS,
    STEP_FIELDS,
    plan_of_action,
)
from .indicators import indicator_create, indicator_delete, indicator_update, indicator_value_add
from .objectives import objective_create, objective_update, operational_objective_create
from .plans import chapter_create, multi_year_plan_create, plan_create, plan_update
from .steps import process_item_create, process_item_update, step_create, step_update
from .year_copy import plan_copy

__all__ = [
    "ACTION_FIELDS",
    "ACTION_M2M",
    "INDICATOR_FIELDS",
    "OTHER_ZONE",
    "PROCESS_FIELDS",
    "STEP_FIELDS",
    "ServiceError",
    "action_create",
    "action_delete",
    "action_partner_add",
    "action_partner_remove",
    "action_update",
    "chapter_create",
    "indicator_create",
    "indicator_delete",
    "indicator_update",
    "indicator_value_add",
    "multi_year_plan_create",
    "objective_create",
    "objective_update",
    "operational_objective_create",
    "plan_copy",
    "plan_create",
    "plan_of_action",
    "plan_update",
    "process_item_create",
    "process_item_update",
    "step_create",
    "step_update",
]
