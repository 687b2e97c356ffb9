"""Reads of the action plan: the plan tree, indicator readings (computed on read) and progress.

`plan_overview` reads a whole yearly plan with a fixed number of queries, whatever the number of
objectives, actions and indicators: the tree in a few queries, the hand values, steps and process
items prefetched, and each source's indicators computed together (`sources.compute_many`).

The package (callers import from here, `zorgraad.planning.selectors`):

- targets.py: an indicator's statuses, its target as text, what one instance is called, `meets`;
- readings.py: `Reading` and `readings_for` (hand values and computed sources);
- progress.py: an action's progress (`Progress`, `action_progress`);
- plans.py: the plans, an action, the plan overview, overdue milestones, comparing two years.
"""

from __future__ import annotations

from .plans import (
    ActionRow,
    ObjectiveRow,
    Overview,
    action_get,
    action_overview,
    compare_plans,
    overdue_milestones,
    plan_get,
    plan_list,
    plan_overview,
)
from .progress import (
    ACHIEVED,
    AT_RISK,
    NOT_STARTED,
    ON_TRACK,
    PROGRESS_LABELS,
    PROGRESS_ORDER,
    Progress,
    action_progress,
)
from .readings import Reading, readings_for
from .targets import (
    INFO,
    MET,
    NONE,
    NOT_MET,
    PARTIAL,
    PENDING,
    STATUS_LABELS,
    _num,
    instance_names,
    meets,
    target_label,
)

__all__ = [
    "ACHIEVED",
    "AT_RISK",
    "ActionRow",
    "INFO",
    "MET",
    "NONE",
    "NOT_MET",
    "NOT_STARTED",
    "ON_TRACK",
    "ObjectiveRow",
    "Overview",
    "PARTIAL",
    "PENDING",
    "PROGRESS_LABELS",
    "PROGRESS_ORDER",
    "Progress",
    "Reading",
    "STATUS_LABELS",
    "_num",
    "action_get",
    "action_overview",
    "action_progress",
    "compare_plans",
    "instance_names",
    "meets",
    "overdue_milestones",
    "plan_get",
    "plan_list",
    "plan_overview",
    "readings_for",
    "target_label",
]
