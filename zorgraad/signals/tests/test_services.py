"""The workflow of a signal: allowed and refused moves, bundling, the reference number, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from zorgraad.core.errors import ServiceError
from zorgraad.governance.tests import factories as gov
from zorgraad.signals import services
from zorgraad.signals.models import Signal, SignalStatus, SignalTransition

from . import factories as f

pytestmark = pytest.mark.django_db


def test_reference_counts_per_zone_and_year(zone, other_zone):
    a = f.signal(zone)
    b = f.signal(zone)
    c = f.signal(other_zone)
    year = dt.date.today().year
    assert a.reference == f"SIG-{year}-0001"
    assert b.reference == f"SIG-{year}-0002"
    assert c.reference == f"SIG-{year}-0001"
    assert f.signal(zone, received_on=dt.date(2024, 11, 27)).reference == "SIG-2024-0001"


def test_allowed_path_to_answer_is_recorded(zone, users):
    staff = users["staff"]
    s = f.signal(zone)
    for to in (SignalStatus.ANALYSIS, SignalStatus.STRUCTURAL):
        s = services.signal_transition(zone=zone, actor=staff, signal=s, to_status=to)
    assert s.is_structural
    s = services.signal_transition(
        zone=zone,
        actor=staff,
        signal=s,
        to_status=SignalStatus.PASSED_ON,
        passed_on_to="Departement Zorg",
        passed_on_text="Graag aandacht voor de wachtlijsten.",
        addressee_level="flemish",
    )
    s = services.signal_transition(
        zone=zone, actor=staff, signal=s, to_status="answered", answer="Wordt bekeken."
    )
    assert (s.status, s.addressee_level, s.answer) == ("answered", "flemish", "Wordt bekeken.")
    trail = list(
        SignalTransition.objects.for_zone(zone).filter(signal=s).values_list("from_status", "to_status")
    )
    assert trail == [
        ("", "received"),
        ("received", "analysis"),
        ("analysis", "structural"),
        ("structural", "passed_on"),
        ("passed_on", "answered"),
    ]
    assert SignalTransition.objects.for_zone(zone).filter(signal=s, actor=staff).count() == 4


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("received", "answered"),
        ("received", "closed"),
        ("received", "passed_on"),
        ("closed", "analysis"),
        ("not_retained", "structural"),
        ("received", "bestaat-niet"),
    ],
)
def test_refused_moves_change_nothing(zone, users, start, to):
    s = f.signal(zone)
    Signal.objects.for_zone(zone).filter(pk=s.pk).update(status=start)
    s.refresh_from_db()
    with pytest.raises(ServiceError) as exc:
        services.signal_transition(
            zone=zone, actor=users["staff"], signal=s, to_status=to, answer="x", reason="x"
        )
    assert "kan niet naar" in exc.value.messages[0]
    s.refresh_from_db()
    assert s.status == start
    assert SignalTransition.objects.for_zone(zone).filter(signal=s).count() == 1


def test_steps_need_their_texts(zone, users):
    s = f.signal(zone)
    with pytest.raises(ServiceError) as exc:
        services.signal_transition(zone=zone, actor=users["staff"], signal=s, to_status="not_retained")
    assert "Waarom" in str(exc.value)
    s = services.signal_transition(zone=zone, actor=users["staff"], signal=s, to_status="structural")
    with pytest.raises(ServiceError) as exc:
        services.signal_transition(zone=zone, actor=users["staff"], signal=s, to_status="passed_on")
    assert "Aan wie" in str(exc.value)
    s.refresh_from_db()
    assert s.status == "structural"


def test_merge_counts_reporters_and_keeps_texts(zone, users):
    c1, c2 = f.challenge(zone), f.challenge(zone)
    parent = f.signal(zone, description="Tekst één", challenges=[c1])
    dup = f.signal(zone, description="Tekst twee", challenges=[c2], contact_email="melder@example.be")
    dup2 = f.signal(zone, description="Tekst drie")
    services.signal_merge(zone=zone, actor=users["staff"], duplicate=dup2, parent=dup)
    parent = services.signal_merge(zone=zone, actor=users["staff"], duplicate=dup, parent=parent)
    children = Signal.objects.for_zone(zone).filter(parent=parent)
    assert sorted(children.values_list("description", flat=True)) == ["Tekst drie", "Tekst twee"]
    assert set(parent.challenges.all()) == {c1, c2}
    dup.refresh_from_db()
    assert dup.status == "merged"


def test_merge_refuses_itself_and_other_zone(zone, other_zone, users):
    a = f.signal(zone)
    b = f.signal(other_zone)
    with pytest.raises(ServiceError, match="met zichzelf"):
        services.signal_merge(zone=zone, actor=users["staff"], duplicate=a, parent=a)
    with pytest.raises(ServiceError, match="verschillende eerstelijnszones"):
        services.signal_merge(zone=zone, actor=users["staff"], duplicate=a, parent=b)
    a.refresh_from_db()
    assert a.status == "received" and a.parent_id is None


def test_merge_into_a_merged_signal_is_refused(zone, users):
    a, b, c = f.signal(zone), f.signal(zone), f.signal(zone)
    services.signal_merge(zone=zone, actor=users["staff"], duplicate=b, parent=a)
    with pytest.raises(ServiceError, match="al gebundeld"):
        services.signal_merge(zone=zone, actor=users["staff"], duplicate=c, parent=b)


@pytest.mark.parametrize(
    ("description", "message"),
    [
        ("", "Beschrijf de situatie"),
        ("x" * 20_000, "te lang"),
        ("<script>alert(1)</script>", "zonder HTML"),
        ("wacht\x00lijst", "stuurteken"),
    ],
)
def test_bad_description_saves_nothing(zone, description, message):
    with pytest.raises(ValidationError) as exc:
        f.signal(zone, description=description)
    assert message in str(exc.value)
    assert not Signal.objects.for_zone(zone).exists()


def test_links_of_another_zone_are_refused(zone, other_zone):
    foreign = f.challenge(other_zone)
    with pytest.raises(ServiceError, match="uitdaging van deze eerstelijnszone"):
        f.signal(zone, challenges=[foreign])
    assert not Signal.objects.for_zone(zone).exists()


def test_follow_up_needs_an_address(zone):
    with pytest.raises(ServiceError, match="e-mailadres"):
        f.signal(zone, follow_up=True)


def test_put_on_next_meeting_adds_an_agenda_item(zone, users):
    body = gov.body(zone)
    gov.meeting(body, dt.date.today() - dt.timedelta(days=10), status="held")
    later = gov.meeting(body, dt.date.today() + dt.timedelta(days=40))
    nearer = gov.meeting(body, dt.date.today() + dt.timedelta(days=20))
    s = f.signal(zone, title="Geen tandarts")
    s = services.signal_to_meeting(zone=zone, actor=users["staff"], signal=s, body=body)
    assert s.status == "discussed"
    assert s.meeting == nearer and s.agenda_item.meeting == nearer
    assert s.reference in s.agenda_item.title
    assert not later.agenda_items.exists()


def test_put_on_meeting_without_planned_meeting(zone, users):
    body = gov.body(zone)
    s = f.signal(zone)
    with pytest.raises(ServiceError, match="geen geplande vergadering"):
        services.signal_to_meeting(zone=zone, actor=users["staff"], signal=s, body=body)
    s.refresh_from_db()
    assert s.status == "received"


def test_endorsement_once_per_body(zone, users):
    body = gov.body(zone)
    s = f.signal(zone)
    services.signal_endorse(
        zone=zone, actor=users["staff"], signal=s, body=body, decision_text="We steunen dit."
    )
    with pytest.raises(ServiceError, match="staat al achter"):
        services.signal_endorse(
            zone=zone, actor=users["staff"], signal=s, body=body, decision_text="Nog eens."
        )
