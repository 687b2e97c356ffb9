"""The action plan's records for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

from typing import Any

PK_BY_NAME = [
    ("planning:plan", "plan"),
    ("planning:chapter", "plan"),
    ("planning:objective_edit", "sd"),
    ("planning:objective", "plan"),
    ("planning:operational", "sd"),
    ("planning:action_create", "od"),
    ("planning:action", "action"),
    ("planning:partner", "action"),
    ("planning:step_create", "action"),
    ("planning:step", "step"),
    ("planning:process_create", "action"),
    ("planning:process", "processitem"),
    ("planning:indicator_create", "action"),
    ("planning:indicator", "indicator"),
    ("planning:value", "indicator"),
]


def make_objects(zone: Any, users: Any, objects: dict[str, Any]) -> dict[str, Any]:
    import datetime as dt

    from zorgraad.planning import services

    year = 2025 if users is not None else 2024
    plan = services.plan_create(zone=zone, actor=None, year=year)
    sd = services.objective_create(
        zone=zone, actor=None, plan=plan, label="Strategische doelstelling 1", text="Toegankelijk"
    )
    od = services.operational_objective_create(
        zone=zone, actor=None, strategic=sd, label="Operationele doelstelling 1", text="Buurtgericht"
    )
    action = services.action_create(zone=zone, actor=None, objective=od, title="Buurtgerichte zorg")
    step = services.step_create(
        zone=zone, actor=None, action=action, text="Forum", due_date=dt.date(year, 3, 1)
    )
    item = services.process_item_create(
        zone=zone, actor=None, action=action, text="Evaluatie door deelnemers"
    )
    ind = services.indicator_create(
        zone=zone, actor=None, action=action, name="Aantal overleggen", comparator="gte", target=2
    )
    from zorgraad.planning.models import ActionPartner

    # The walk's own organisation (a new one would shift the ids the other URLs take).
    link = ActionPartner.objects.create(zone=zone, action=action, organisation_id=objects["organisation"])
    return {
        "plan": plan.pk,
        "sd": sd.pk,
        "od": od.pk,
        "action": action.pk,
        "step": step.pk,
        "processitem": item.pk,
        "indicator": ind.pk,
        "partner_link": link.pk,
    }


def kwargs(name: str, route: str, objects: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if name.startswith("planning:") and "<int:link>" in route:
        out["link"] = objects["partner_link"]
    if name.startswith("planning:") and "<str:kind>" in route:
        out["kind"] = "sd"
    return out
