"""Action plan pages (staff): plans, the overview with progress, actions in the template, exports.

The package (urls.py and callers use `zorgraad.planning.views`):

- common.py: the zone, plan and action addresses, lookups, the form page, an export's response;
- plans.py: plans (list, create, overview, edit, chapters, copy, compare, export) and objectives;
- actions.py: actions (create, show, edit, export) and their partners;
- children.py: an action's steps, process items and indicators, an indicator's values.
"""

from __future__ import annotations

from .actions import action_create, action_detail, action_edit, action_export, partner_add, partner_remove
from .children import (
    _child_form,
    indicator_create,
    indicator_edit,
    process_create,
    process_edit,
    step_create,
    step_edit,
    value_add,
)
from .common import _action_url, _export_response, _form_page, _get, _plan_url, _zone
from .plans import (
    chapter_create,
    objective_create,
    objective_edit,
    operational_create,
    plan_compare,
    plan_copy,
    plan_create,
    plan_detail,
    plan_edit,
    plan_export,
    plan_list,
)

__all__ = [
    "_action_url",
    "_child_form",
    "_export_response",
    "_form_page",
    "_get",
    "_plan_url",
    "_zone",
    "action_create",
    "action_detail",
    "action_edit",
    "action_export",
    "chapter_create",
    "indicator_create",
    "indicator_edit",
    "objective_create",
    "objective_edit",
    "operational_create",
    "partner_add",
    "partner_remove",
    "plan_compare",
    "plan_copy",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_export",
    "plan_list",
    "process_create",
    "process_edit",
    "step_create",
    "step_edit",
    "value_add",
]
