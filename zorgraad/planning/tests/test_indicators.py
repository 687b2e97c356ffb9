"""Indicator sources (counted from meetings made through the meetings services), targets and progress."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from zorgraad.governance.tests import factories as gf
from zorgraad.meetings.models import MeetingStatus
from zorgraad.meetings.services import attendance as att
from zorgraad.meetings.services.status import meeting_transition
from zorgraad.planning import builtin_sources, selectors, services, sources
from zorgraad.planning.models import Indicator
from zorgraad.planning.tests.test_services import make_tree

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 30)


def _held(body: Any, day: dt.date, guests: list[Any]) -> Any:
    """A meeting that was held, with present guests: (organisation or None) per guest."""
    meeting = gf.meeting(body, day)
    for n, org in enumerate(guests):
        att.guest_add(
            zone=body.zone,
            actor=None,
            meeting=meeting,
            first_name="Gast",
            last_name=f"Test{n}",
            organisation=org,
        )
    meeting_transition(zone=body.zone, actor=None, meeting=meeting, to=MeetingStatus.HELD)
    return meeting


def _read(zone: Any, plan: Any, ind: Indicator) -> selectors.Reading:
    ind = Indicator.objects.for_zone(zone).get(pk=ind.pk)
    return selectors.readings_for(zone, plan, [ind], today=TODAY)[ind.pk]


@pytest.fixture
def setup(zone: Any) -> dict[str, Any]:
    t = make_tree(zone)
    body = gf.body(zone, name="Forum Buurtgerichte Zorg")
    caw, ocmw, caw2 = (
        gf.organisation(zone, sector="caw"),
        gf.organisation(zone, sector="ocmw"),
        gf.organisation(zone, sector="caw"),
    )
    m1 = _held(body, dt.date(2025, 3, 10), [caw, ocmw, None])
    m2 = _held(body, dt.date(2025, 5, 12), [caw, caw2])
    gf.meeting(body, dt.date(2025, 9, 1))  # planned: not counted
    _held(body, dt.date(2024, 11, 5), [caw])  # another year: not counted
    return {**t, "body": body, "m1": m1, "m2": m2, "orgs": (caw, ocmw, caw2)}


def test_meetings_held_per_period_target(zone: Any, setup: dict[str, Any]) -> None:
    ind = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Aantal overleggen Forum",
        comparator="gte",
        target=2,
        period_label="per jaar",
        source_key=builtin_sources.MEETINGS_HELD,
        object_ids=[setup["body"].pk],
    )
    r = _read(zone, setup["plan"], ind)
    assert r.value == 2 and r.status == selectors.MET
    assert r.target == "≥ 2 per jaar"


def test_distinct_organisations_and_sectors(zone: Any, setup: dict[str, Any]) -> None:
    orgs = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Aanwezige partners",
        source_key=builtin_sources.ORGANISATIONS_PRESENT,
        object_ids=[setup["body"].pk],
    )
    sectors = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Disciplines",
        source_key=builtin_sources.SECTORS_PRESENT,
        object_ids=[setup["body"].pk],
    )
    assert _read(zone, setup["plan"], orgs).value == 3
    assert _read(zone, setup["plan"], sectors).value == 2


def test_attendees_per_instance_follow_the_attendance(zone: Any, setup: dict[str, Any]) -> None:
    """'≥ 3 per vergadering': 1 of 2 reached it; marking someone absent changes the count."""
    ind = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Aanwezigen",
        comparator="gte",
        target=3,
        unit="deelnemers",
        scope="instance",
        instance_label="vergadering",
        source_key=builtin_sources.ATTENDEES,
        object_ids=[setup["body"].pk],
    )
    r = _read(zone, setup["plan"], ind)
    assert [i["value"] for i in r.instances] == [3, 2]
    assert r.summary == "1 van 2 vergaderingen haalden 3"
    assert r.status == selectors.PARTIAL
    person_id = setup["m1"].attendances.first().person_id
    att.attendance_set(zone=zone, actor=None, meeting=setup["m1"], statuses={person_id: "absent"})
    r = _read(zone, setup["plan"], ind)
    assert [i["value"] for i in r.instances] == [2, 2] and r.summary.startswith("0 van 2")


def test_empty_links_follow_the_actions_bodies(zone: Any, setup: dict[str, Any]) -> None:
    services.action_update(zone=zone, actor=None, action=setup["action"], bodies=[setup["body"]])
    ind = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Overleggen",
        source_key=builtin_sources.MEETINGS_HELD,
    )
    assert _read(zone, setup["plan"], ind).value == 2


def test_deleted_source_record_keeps_last_value_with_warning(zone: Any, setup: dict[str, Any]) -> None:
    ind = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Overleggen",
        comparator="gte",
        target=2,
        source_key=builtin_sources.MEETINGS_HELD,
        object_ids=[setup["body"].pk],
    )
    assert _read(zone, setup["plan"], ind).value == 2
    setup["body"].delete()
    r = _read(zone, setup["plan"], ind)
    assert r.value == Decimal(2) and "verwijderd" in r.warning
    assert Indicator.objects.for_zone(zone).get(pk=ind.pk).last_value == 2


def test_other_zones_body_cannot_be_linked(zone: Any, other_zone: Any, setup: dict[str, Any]) -> None:
    foreign = gf.body(other_zone)
    with pytest.raises(services.ServiceError) as exc:
        services.indicator_create(
            zone=zone,
            actor=None,
            action=setup["action"],
            name="X",
            source_key=builtin_sources.MEETINGS_HELD,
            object_ids=[foreign.pk],
        )
    assert "hoort niet bij deze eerstelijnszone" in str(exc.value)


def test_unregistered_source_keeps_last_value(zone: Any, setup: dict[str, Any]) -> None:
    ind = services.indicator_create(
        zone=zone, actor=None, action=setup["action"], name="Kliks", source_key=builtin_sources.MEETINGS_HELD
    )
    Indicator.objects.for_zone(zone).filter(pk=ind.pk).update(source_key="newsletter.weg", last_value=7)
    r = _read(zone, setup["plan"], ind)
    assert r.value == 7 and "bestaat niet meer" in r.warning


def test_hand_values_range_and_qualitative(zone: Any, setup: dict[str, Any]) -> None:
    rng = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Samenkomsten kerngroep",
        comparator="range",
        target=3,
        target_max=4,
        unit="keer",
        period_label="per jaar",
    )
    assert selectors.target_label(rng) == "3 à 4 keer per jaar"
    services.indicator_value_add(zone=zone, actor=None, indicator=rng, date=dt.date(2025, 5, 1), value="2")
    assert _read(zone, setup["plan"], rng).status == selectors.PENDING
    services.indicator_value_add(zone=zone, actor=None, indicator=rng, date=dt.date(2025, 6, 1), value="3")
    assert _read(zone, setup["plan"], rng).status == selectors.MET
    qual = services.indicator_create(
        zone=zone, actor=None, action=setup["action"], name="Besluiten stuurgroep", kind="qualitative"
    )
    services.indicator_value_add(
        zone=zone,
        actor=None,
        indicator=qual,
        date=dt.date(2025, 5, 1),
        text="Drie gezamenlijke acties gekozen",
    )
    assert _read(zone, setup["plan"], qual).texts == ["Drie gezamenlijke acties gekozen"]
    with pytest.raises(services.ServiceError):
        services.indicator_value_add(
            zone=zone, actor=None, indicator=rng, date=dt.date(2025, 5, 1), value="veel"
        )


def test_progress_statuses(zone: Any, setup: dict[str, Any]) -> None:
    def status() -> str:
        plan = setup["plan"]
        return selectors.plan_overview(zone=zone, plan=plan, today=TODAY).action_rows[0].progress.status

    ind = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Deelnemers netwerkevent",
        comparator="gte",
        target=40,
    )
    assert status() == selectors.NOT_STARTED
    services.indicator_value_add(zone=zone, actor=None, indicator=ind, date=dt.date(2025, 3, 31), value=30)
    assert status() == selectors.ON_TRACK
    step = services.step_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        text="Netwerkevent",
        is_milestone=True,
        due_date=dt.date(2025, 3, 31),
    )
    assert status() == selectors.AT_RISK  # milestone overdue on 30 June
    services.step_update(zone=zone, actor=None, step=step, status="done")
    services.indicator_value_add(zone=zone, actor=None, indicator=ind, date=dt.date(2025, 4, 1), value=45)
    assert status() == selectors.ACHIEVED


def test_sources_registry_contract() -> None:
    keys = {s.key for s in sources.all_sources()}
    assert {builtin_sources.MEETINGS_HELD, builtin_sources.ATTENDEES} <= keys
    source = sources.get(builtin_sources.MEETINGS_HELD)
    assert source is not None and source.target_model == "governance.Body"


def test_distinct_counts_with_mixed_periods_in_one_batch(zone: Any, setup: dict[str, Any]) -> None:
    """The same source asked for two periods at once: each total counts only its own meetings."""
    body = [setup["body"].pk]
    spring = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Partners voorjaar",
        source_key=builtin_sources.ORGANISATIONS_PRESENT,
        object_ids=body,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 4, 30),
    )
    year = services.indicator_create(
        zone=zone,
        actor=None,
        action=setup["action"],
        name="Partners jaar",
        source_key=builtin_sources.ORGANISATIONS_PRESENT,
        object_ids=body,
    )
    inds = list(Indicator.objects.for_zone(zone).filter(pk__in=[spring.pk, year.pk]))
    readings = selectors.readings_for(zone, setup["plan"], inds, today=TODAY)
    assert readings[spring.pk].value == 2 and readings[year.pk].value == 3
    assert [i["value"] for i in readings[year.pk].instances] == [2, 2]
