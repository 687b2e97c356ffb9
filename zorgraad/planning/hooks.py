"""What the planning app adds to what core gathers (core/registry.py), the URL table and the indicator sources."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from zorgraad.core import permissions
from zorgraad.core.registry import (
    DemoContext,
    DemoPart,
    LazyContext,
    Panel,
    cacheable_panels,
    challenge_panels,
    dashboard_panels,
    demo_parts,
)

URL_ROLES: dict[str, str] = {
    "planning:plan_list": permissions.STAFF,
    "planning:plan_create": permissions.STAFF,
    "planning:plan_detail": permissions.STAFF,
    "planning:plan_copy": permissions.STAFF,
    "planning:plan_edit": permissions.STAFF,
    "planning:objective_edit": permissions.STAFF,
    "planning:chapter_create": permissions.STAFF,
    "planning:plan_compare": permissions.STAFF,
    "planning:plan_export": permissions.STAFF,
    "planning:objective_create": permissions.STAFF,
    "planning:operational_create": permissions.STAFF,
    "planning:action_create": permissions.STAFF,
    "planning:action_detail": permissions.STAFF,
    "planning:action_edit": permissions.STAFF,
    "planning:action_export": permissions.STAFF,
    "planning:partner_add": permissions.STAFF,
    "planning:partner_remove": permissions.STAFF,
    "planning:step_create": permissions.STAFF,
    "planning:step_edit": permissions.STAFF,
    "planning:process_create": permissions.STAFF,
    "planning:process_edit": permissions.STAFF,
    "planning:indicator_create": permissions.STAFF,
    "planning:indicator_edit": permissions.STAFF,
    "planning:value_add": permissions.STAFF,
}


STAFF_PLAN = "staff-plan"  # steps and actions, for the cached fragment (core/fragments.py)


@cacheable_panels()
def overdue_panel(zone: Any, request: Any, **kwargs: Any) -> Panel | None:
    """Overdue milestones: a cached fragment of the plan's steps and actions and the day."""
    from django.utils import timezone

    from .selectors import overdue_milestones

    today = timezone.localdate()
    return Panel(
        "planning-overdue",
        "planning/_dashboard_overdue.html",
        40,
        kinds=(STAFF_PLAN,),
        day=today,
        context=LazyContext(lambda: {"overdue_steps": overdue_milestones(zone=zone, today=today)}),
    )


def challenge_actions_panel(zone: Any, challenge: Any, public: bool = False, **kwargs: Any) -> Panel | None:
    if public:
        return None
    from .models import Action

    actions = list(
        Action.objects.for_zone(zone)
        .filter(challenges=challenge)
        .select_related("objective__strategic__plan")
        .order_by("-objective__strategic__plan__year", "order")
    )
    return Panel("planning-actions", "planning/_challenge_actions.html", 30, {"plan_actions": actions})


def _load(ctx: DemoContext) -> None:
    from . import demo

    demo.load(ctx.zones)


def demo_part(**kwargs: Any) -> DemoPart:
    return DemoPart(
        name="planning", label="actieplan", load=_load, after=("governance", "meetings", "challenges")
    )


AUDIT_ACTIONS = {
    "partner_added": gettext_lazy("partner toegevoegd"),
    "partner_removed": gettext_lazy("partner verwijderd"),
}


def connect() -> None:
    from zorgraad.core import audit

    audit.register_actions(AUDIT_ACTIONS)
    from . import builtin_sources, exporters

    permissions.register(URL_ROLES)
    builtin_sources.register()
    exporters.register_builtin()
    from zorgraad.core import pagecache

    pagecache.register_staff_kind(STAFF_PLAN, "planning.Step", "planning.Action")
    dashboard_panels.connect(overdue_panel, dispatch_uid="planning-overdue")
    challenge_panels.connect(challenge_actions_panel, dispatch_uid="planning-challenge-actions")
    demo_parts.connect(demo_part, dispatch_uid="planning-demo")
