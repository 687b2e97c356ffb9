"""The Zennevallei 2025 demo plan: labels as written, the eight actions, computed counts from the demo's meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from zorgraad.planning import demo, selectors
from zorgraad.planning.models import Action, OperationalObjective, PlanChapter, StrategicObjective, YearPlan

pytestmark = pytest.mark.django_db

EIGHT = [
    "Geïntegreerd Breed Onthaal (GBO)",
    "Buurtgerichte zorg",
    "Preventiewerking Zennevallei",
    "Palliatief netwerk",
    "Huisartsentekort",
    "Veerkracht",
    "Zennevallei verbindt en inspireert",
    "Perinatale zorg",
]


@pytest.fixture
def loaded(zones: dict[str, Any]) -> Any:
    from zorgraad.governance import demo as governance_demo

    zone = zones["zennevallei"]
    governance_demo.load_more_bodies(zone)
    demo.load({"zennevallei": zone})
    demo.load({"zennevallei": zone})  # a second run adds nothing
    return zone


def test_demo_plan_as_written(loaded: Any) -> None:
    zone = loaded
    plan = YearPlan.objects.for_zone(zone).get(year=2025)
    assert YearPlan.objects.for_zone(zone).count() == 1
    sds = list(StrategicObjective.objects.for_zone(zone).filter(plan=plan).values_list("label", flat=True))
    assert sds == [f"Strategische doelstelling {n}" for n in (1, 2, 3, 5)]
    ods = list(
        OperationalObjective.objects.for_zone(zone)
        .filter(strategic__plan=plan)
        .order_by("strategic__order", "order")
        .values_list("label", flat=True)
    )
    assert [o.rsplit(" ", 1)[1] for o in ods] == ["1", "2", "1", "2", "3", "4"]
    titles = list(
        Action.objects.for_zone(zone)
        .filter(objective__strategic__plan=plan)
        .order_by("objective__strategic__order", "objective__order", "order")
        .values_list("title", flat=True)
    )
    assert titles == EIGHT
    network = PlanChapter.objects.for_zone(zone).get(plan=plan, kind="network")
    assert network.time_total_percent == 60 and sum(i["percent"] for i in network.items) == 60
    perinatal = Action.objects.for_zone(zone).get(title="Perinatale zorg")
    assert perinatal.lead_kind == "tbd" and perinatal.zone_role == "faciliterend"


def test_demo_computed_indicators_and_progress(loaded: Any) -> None:
    zone = loaded
    plan = YearPlan.objects.for_zone(zone).get(year=2025)
    overview = selectors.plan_overview(zone=zone, plan=plan, today=dt.date(2026, 1, 15))
    rows = {r.action.title: r for r in overview.action_rows}
    forum = next(r for r in rows["Buurtgerichte zorg"].readings if r.computed)
    assert forum.value == 2 and forum.status == selectors.MET and forum.target == "≥ 2 overleggen per jaar"
    piek = next(
        r for r in rows["Zennevallei verbindt en inspireert"].readings if "piekuurtje" in r.indicator.name
    )
    assert piek.summary == "4 van 5 piekuurtjes haalden 20"
    kern = next(r for r in rows["Perinatale zorg"].readings if r.computed)
    assert kern.value == 3 and kern.target == "3 à 4 keer per jaar" and kern.status == selectors.MET
    assert rows["Perinatale zorg"].progress.status == selectors.AT_RISK  # kick-off milestone overdue
    assert {r.progress.status for r in overview.action_rows} >= {selectors.AT_RISK}
