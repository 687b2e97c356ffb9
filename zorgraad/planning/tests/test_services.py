"""Planning services: the plan tree with labels as written, the template's rules, copying a year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from zorgraad.core.errors import ServiceError
from zorgraad.planning import services
from zorgraad.planning.models import Action, Indicator, IndicatorValue, Step, YearPlan

pytestmark = pytest.mark.django_db


def make_tree(zone: Any, year: int = 2025) -> dict[str, Any]:
    plan = services.plan_create(zone=zone, actor=None, year=year)
    sd = services.objective_create(
        zone=zone, actor=None, plan=plan, label="Strategische doelstelling 5", text="Open netwerk"
    )
    od = services.operational_objective_create(
        zone=zone, actor=None, strategic=sd, label="Operationele doelstelling 4", text="Kennis en vertrouwen"
    )
    action = services.action_create(
        zone=zone,
        actor=None,
        objective=od,
        title="Zennevallei verbindt en inspireert",
        scope_do=[{"text": "Piekuurtjes", "group": "core"}, "  ", "Beurzen"],
        scope_dont=["Geen vormingen"],
    )
    return {"plan": plan, "sd": sd, "od": od, "action": action}


def test_labels_are_stored_as_written(zone: Any) -> None:
    t = make_tree(zone)
    assert t["sd"].label == "Strategische doelstelling 5"
    assert t["od"].label == "Operationele doelstelling 4"
    assert t["plan"].title == "Acties 2025"
    assert t["action"].scope_do == [
        {"text": "Piekuurtjes", "group": "core"},
        {"text": "Beurzen", "group": ""},
    ]


def test_no_evaluation_kind_is_refused_in_dutch(zone: Any) -> None:
    t = make_tree(zone)
    with pytest.raises(ServiceError) as exc:
        services.action_update(
            zone=zone, actor=None, action=t["action"], evaluates_process=False, evaluates_output=False
        )
    assert "minstens één manier van evaluatie" in str(exc.value)
    stored = Action.objects.for_zone(zone).get(pk=t["action"].pk)
    assert stored.evaluates_process and stored.evaluates_output


def test_target_without_number_is_refused(zone: Any) -> None:
    t = make_tree(zone)
    with pytest.raises(ServiceError) as exc:
        services.indicator_create(
            zone=zone, actor=None, action=t["action"], name="Aanwezigen", comparator="gte"
        )
    assert "streefdoel heeft een getal nodig" in str(exc.value)
    assert not Indicator.objects.for_zone(zone).exists()


def test_milestone_after_plan_end_is_refused(zone: Any) -> None:
    t = make_tree(zone)
    with pytest.raises(ServiceError) as exc:
        services.step_create(
            zone=zone,
            actor=None,
            action=t["action"],
            text="Netwerkevent",
            is_milestone=True,
            due_date=dt.date(2026, 3, 31),
        )
    assert "na het einde van het plan" in str(exc.value)
    assert not Step.objects.for_zone(zone).exists()


def test_other_zone_objective_is_refused(zone: Any, other_zone: Any) -> None:
    t = make_tree(zone)
    with pytest.raises(ServiceError):
        services.action_create(zone=other_zone, actor=None, objective=t["od"], title="Vreemd")


def test_copy_to_next_year_without_values_and_refuses_existing_year(zone: Any) -> None:
    t = make_tree(zone)
    ind = services.indicator_create(
        zone=zone, actor=None, action=t["action"], name="Aanwezigen", comparator="gte", target=40
    )
    services.indicator_value_add(zone=zone, actor=None, indicator=ind, date=dt.date(2025, 3, 31), value=45)
    services.step_create(
        zone=zone,
        actor=None,
        action=t["action"],
        text="Event",
        is_milestone=True,
        due_date=dt.date(2025, 3, 31),
        status="done",
    )
    new = services.plan_copy(zone=zone, actor=None, plan=t["plan"])
    assert new.year == 2026 and new.title == "Acties 2026"
    copied = Indicator.objects.for_zone(zone).get(action__objective__strategic__plan=new)
    assert copied.target == 40 and not IndicatorValue.objects.for_zone(zone).filter(indicator=copied).exists()
    step = Step.objects.for_zone(zone).get(action__objective__strategic__plan=new)
    assert step.due_date == dt.date(2026, 3, 31) and step.status == "todo"
    with pytest.raises(ServiceError) as exc:
        services.plan_copy(zone=zone, actor=None, plan=t["plan"])
    assert "Er bestaat al een actieplan voor 2026" in str(exc.value)
    assert YearPlan.objects.for_zone(zone).count() == 2
