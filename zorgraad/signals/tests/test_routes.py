"""The route of signals through a zone's bodies (werkgroep → klankbordgroep → beleid): setting the
route, putting a signal before the next body, a body without a planned meeting, the body's list for
its secretary, the agenda page, access across zones, query counts and the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.errors import ServiceError
from zorgraad.core.models import AuditEntry
from zorgraad.governance.models import BodyKind, MembershipRole
from zorgraad.governance.tests import factories as gov
from zorgraad.meetings.models import AgendaItem, MeetingStatus
from zorgraad.meetings.services.minutes import decision_add
from zorgraad.signals.models import (
    Signal,
    SignalReferral,
    SignalRouteStep,
    SignalStatus,
    SignalTransition,
)
from zorgraad.signals.selectors import routes as sel
from zorgraad.signals.services import routes as services

from . import factories as f

pytestmark = pytest.mark.django_db


def url(name: str, zone: str = "amalo", **kw: Any) -> str:
    return reverse(f"signals:{name}", kwargs={"zone": zone, **kw})


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def chain(zone: Any) -> dict[str, Any]:
    """AMALO with werkgroep → klankbordgroep → bestuursorgaan; the first two have a planned meeting."""
    group = gov.body(zone, "Werkgroep signalen", slug="werkgroep-signalen")
    board = gov.body(zone, "Klankbordgroep", slug="klankbordgroep", kind=BodyKind.SOUNDING_BOARD)
    policy = gov.body(zone, "Bestuursorgaan", slug="bestuursorgaan", kind=BodyKind.BOARD)
    steps = [
        services.route_step_add(zone=zone, actor=None, body=b, purpose=p)
        for b, p in ((group, "bundelt"), (board, "toetst bij inwoners"), (policy, "beslist"))
    ]
    return {
        "group": group,
        "board": board,
        "policy": policy,
        "steps": steps,
        "group_meeting": gov.meeting(group, today() + dt.timedelta(days=10)),
        "board_meeting": gov.meeting(board, today() + dt.timedelta(days=30)),
    }


def _refused(call: Any, text: str) -> None:
    with pytest.raises(ServiceError) as exc:
        call()
    assert text in " ".join(exc.value.messages)


# --- the route -----------------------------------------------------------------------------------


def test_route_steps_in_order_with_audit(zone, users, chain):
    steps = SignalRouteStep.objects.for_zone(zone).order_by("position")
    assert [(s.position, s.body.slug, s.purpose) for s in steps] == [
        (1, "werkgroep-signalen", "bundelt"),
        (2, "klankbordgroep", "toetst bij inwoners"),
        (3, "bestuursorgaan", "beslist"),
    ]
    entry = AuditEntry.objects.for_zone(zone).filter(model="signalroutestep").order_by("id").last()
    assert entry.action == "created" and entry.changes["body"] == [None, "Bestuursorgaan"]


def test_route_refuses_another_zone_duplicate_empty_archived_and_markup(zone, other_zone, chain):
    theirs = gov.body(other_zone, "Werkgroep elders", slug="werkgroep-elders")
    archived = gov.body(zone, "Oude werkgroep", slug="oude-werkgroep", is_archived=True)
    extra = gov.body(zone, "Stuurgroep", slug="stuurgroep", kind=BodyKind.STEERING_GROUP)
    add = services.route_step_add
    _refused(lambda: add(zone=zone, actor=None, body=None), "Kies een overleg.")
    _refused(lambda: add(zone=zone, actor=None, body=theirs), "Kies een overleg van deze eerstelijnszone.")
    _refused(
        lambda: add(zone=zone, actor=None, body=chain["board"]),
        "Klankbordgroep staat al in de route (stap 2)",
    )
    _refused(lambda: add(zone=zone, actor=None, body=archived), "is gearchiveerd")
    _refused(lambda: add(zone=zone, actor=None, body=extra, purpose="<b>beslist</b>"), "zonder HTML-code")
    _refused(lambda: add(zone=zone, actor=None, body=extra, purpose="beslist\x00"), "")
    assert SignalRouteStep.objects.for_zone(zone).count() == 3
    assert not SignalRouteStep.objects.for_zone(other_zone).exists()


def test_route_page_adds_and_refuses_with_dutch_messages(zone, other_zone, staff_client, chain):
    theirs = gov.body(other_zone, "Werkgroep elders", slug="werkgroep-elders")
    extra = gov.body(zone, "Stuurgroep preventie", slug="stuurgroep", kind=BodyKind.STEERING_GROUP)
    page = staff_client.get(url("route"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Werkgroep signalen → Klankbordgroep → Bestuursorgaan" in text
    assert "Stuurgroep preventie" in text  # offered; the bodies already in the route are not
    assert page.context["form"].fields["body"].queryset.filter(pk=chain["group"].pk).count() == 0

    cases = [
        ({"body": ""}, "Kies een overleg."),
        ({"body": theirs.pk}, "Kies een overleg van deze eerstelijnszone."),
        ({"body": chain["board"].pk}, "Klankbordgroep staat al in de route"),
        (
            {"body": extra.pk, "purpose": "<script>alert(1)</script>"},
            "Gebruik gewone tekst, zonder HTML-code",
        ),
        ({"body": extra.pk, "purpose": "beslist\u200b\x07"}, "onzichtbaar stuurteken"),
    ]
    for data, message in cases:
        response = staff_client.post(url("route"), data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert SignalRouteStep.objects.for_zone(zone).count() == 3

    response = staff_client.post(url("route"), {"body": extra.pk, "purpose": "kiest de acties"})
    assert response.status_code == 302
    step = SignalRouteStep.objects.for_zone(zone).get(body=extra)
    assert step.position == 4 and step.purpose == "kiest de acties"


def test_route_move_and_remove_with_confirmation(zone, staff_client, chain):
    group, board, policy = chain["steps"]
    assert staff_client.post(url("route_step_move", pk=policy.pk), {"direction": "up"}).status_code == 302
    order = list(
        SignalRouteStep.objects.for_zone(zone).order_by("position").values_list("body__slug", flat=True)
    )
    assert order == ["werkgroep-signalen", "bestuursorgaan", "klankbordgroep"]
    # the first step cannot go up: a message, nothing changes
    response = staff_client.post(url("route_step_move", pk=group.pk), {"direction": "up"}, follow=True)
    assert "Werkgroep signalen is al de eerste stap." in response.content.decode()
    assert (
        staff_client.post(url("route_step_move", pk=group.pk), {"direction": "sideways"}).status_code == 302
    )
    assert SignalRouteStep.objects.for_zone(zone).get(pk=group.pk).position == 1

    confirm = staff_client.get(url("route_step_remove", pk=policy.pk))
    assert confirm.status_code == 200 and "Wil je Bestuursorgaan uit de route van signalen halen?" in (
        confirm.content.decode()
    )
    assert SignalRouteStep.objects.for_zone(zone).filter(pk=policy.pk).exists()  # asking removes nothing
    assert staff_client.post(url("route_step_remove", pk=policy.pk)).status_code == 302
    rows = list(
        SignalRouteStep.objects.for_zone(zone).order_by("position").values_list("body__slug", "position")
    )
    assert rows == [("werkgroep-signalen", 1), ("klankbordgroep", 2)]


def test_empty_route_page_and_signal_page_say_what_to_do(zone, staff_client):
    page = staff_client.get(url("route")).content.decode()
    assert "Nog geen route" in page
    signal = f.signal(zone)
    detail = staff_client.get(url("detail", pk=signal.pk)).content.decode()
    assert "nog geen route voor signalen" in detail
    _refused(
        lambda: services.signal_forward(zone=zone, actor=None, signal=signal),
        "heeft nog geen route voor signalen",
    )


# --- a signal along the route --------------------------------------------------------------------


def test_forward_puts_the_signal_on_the_next_meeting_as_agenda_item(zone, users, staff_client, chain):
    signal = f.signal(zone, title="Geen vervoer naar de dagopvang", internal_notes="enkel intern")
    page = staff_client.get(url("detail", pk=signal.pk)).content.decode()
    assert "Voorleggen aan Werkgroep signalen" in page
    response = staff_client.post(
        url("route_forward", pk=signal.pk), {"step": chain["steps"][0].pk, "comment": "Dringend"}
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    referral = SignalReferral.objects.for_zone(zone).get(signal=signal)
    item = AgendaItem.objects.for_zone(zone).get(meeting=chain["group_meeting"])
    assert item.title == f"Signaal {signal.reference}: Geen vervoer naar de dagopvang"
    assert "enkel intern" not in item.description and "Dringend" in item.description
    assert (referral.body, referral.meeting, referral.agenda_item) == (
        chain["group"],
        chain["group_meeting"],
        item,
    )
    assert referral.is_current and referral.actor == users["staff"]
    assert signal.status == SignalStatus.DISCUSSED and signal.agenda_item == item
    step = SignalTransition.objects.for_zone(zone).filter(signal=signal).last()
    assert (step.from_status, step.to_status, step.body, step.meeting, step.agenda_item) == (
        SignalStatus.RECEIVED,
        SignalStatus.DISCUSSED,
        chain["group"],
        chain["group_meeting"],
        item,
    )
    assert step.actor == users["staff"] and "Dringend" in step.comment and "stap 1 van 3" in step.comment


def test_moving_along_the_chain_to_the_end(zone, users, staff_client, chain):
    signal = f.signal(zone)
    first = services.signal_forward(zone=zone, actor=users["staff"], signal=signal)
    # the working group meets and decides
    meeting = chain["group_meeting"]
    meeting.date = today() - dt.timedelta(days=1)
    meeting.status = MeetingStatus.HELD
    meeting.save()
    decision_add(
        zone=zone,
        actor=None,
        meeting=meeting,
        text="Doorsturen naar de klankbordgroep",
        item=first.agenda_item,
    )

    position = sel.signal_route(zone=zone, signal=signal)
    assert [r.state for r in position.steps] == [sel.DISCUSSED, "", ""]
    assert position.steps[0].decisions == ["Doorsturen naar de klankbordgroep"]
    assert position.next_step == chain["steps"][1]

    second = services.signal_forward(zone=zone, actor=users["staff"], signal=signal, step=chain["steps"][1])
    first.refresh_from_db()
    signal.refresh_from_db()
    assert not first.is_current and second.is_current and second.meeting == chain["board_meeting"]
    assert signal.status == SignalStatus.DISCUSSED  # besproken → besproken: the next body takes it up
    assert (
        SignalTransition.objects.for_zone(zone)
        .filter(
            signal=signal,
            from_status=SignalStatus.DISCUSSED,
            to_status=SignalStatus.DISCUSSED,
            body=chain["board"],
        )
        .exists()
    )
    page = staff_client.get(url("detail", pk=signal.pk)).content.decode()
    assert "Doorsturen naar de klankbordgroep" in page and "Voorleggen aan Bestuursorgaan" in page
    # the policy body has no meeting planned: the signal waits there
    third = services.signal_forward(zone=zone, actor=users["staff"], signal=signal)
    assert third.body == chain["policy"] and third.meeting is None
    # the end of the route: no next step
    _refused(
        lambda: services.signal_forward(zone=zone, actor=users["staff"], signal=signal),
        "heeft de laatste stap van de route bereikt (Bestuursorgaan)",
    )
    response = staff_client.post(url("route_forward", pk=signal.pk), {})
    assert response.status_code == 400 and "laatste stap van de route" in response.content.decode()
    page = staff_client.get(url("detail", pk=signal.pk)).content.decode()
    assert "Voorleggen aan" not in page and "Dit signaal heeft de laatste stap van de route bereikt" in page
    assert SignalReferral.objects.for_zone(zone).filter(signal=signal).count() == 3


def test_a_body_without_planned_meeting_keeps_the_signal_te_agenderen(zone, users, staff_client, chain):
    signal = f.signal(zone, status=SignalStatus.RECEIVED)
    chain["group_meeting"].delete()
    response = staff_client.post(
        url("route_forward", pk=signal.pk), {"step": chain["steps"][0].pk}, follow=True
    )
    assert "heeft nog geen geplande vergadering" in response.content.decode()
    signal.refresh_from_db()
    referral = SignalReferral.objects.for_zone(zone).get(signal=signal)
    assert referral.meeting is None and referral.is_current and signal.status == SignalStatus.RECEIVED
    note = SignalTransition.objects.for_zone(zone).filter(signal=signal).last()
    assert note.body == chain["group"] and note.from_status == note.to_status == SignalStatus.RECEIVED
    assert "te agenderen" in note.comment and note.actor == users["staff"]
    assert not AgendaItem.objects.for_zone(zone).exists()

    overview = {s.body_id: s for s in sel.route_overview(zone=zone)}
    assert overview[chain["group"].pk].waiting == 1
    queue = staff_client.get(url("route_body", body="werkgroep-signalen")).content.decode()
    assert signal.reference in queue and "te agenderen" in queue
    assert "Er is nog geen vergadering gepland" in queue
    _refused(
        lambda: services.referral_schedule(zone=zone, actor=None, referral=referral),
        "Werkgroep signalen heeft nog geen geplande vergadering",
    )
    # a meeting is planned: the secretary (or staff) puts it on the agenda
    planned = gov.meeting(chain["group"], today() + dt.timedelta(days=5))
    assert staff_client.post(url("route_schedule", pk=referral.pk)).status_code == 302
    referral.refresh_from_db()
    signal.refresh_from_db()
    assert referral.meeting == planned and referral.agenda_item is not None
    assert signal.status == SignalStatus.DISCUSSED
    _refused(
        lambda: services.referral_schedule(zone=zone, actor=None, referral=referral),
        "staat al op de agenda van",
    )


def test_forward_refuses_stale_step_drafts_closed_and_markup(zone, users, staff_client, chain):
    signal = f.signal(zone)
    _refused(
        lambda: services.signal_forward(zone=zone, actor=None, signal=signal, step=chain["steps"][1]),
        "het volgende overleg is nu Werkgroep signalen",
    )
    draft = f.signal(zone, status=SignalStatus.DRAFT)
    _refused(lambda: services.signal_forward(zone=zone, actor=None, signal=draft), "nog een ontwerp")
    closed = f.signal(zone)
    Signal.objects.for_zone(zone).filter(pk=closed.pk).update(status=SignalStatus.CLOSED)
    closed.refresh_from_db()
    _refused(lambda: services.signal_forward(zone=zone, actor=None, signal=closed), "kan niet naar")
    for comment, message in (
        ("<img src=x onerror=alert(1)>", "zonder HTML-code"),
        ("ok\x1b[0m", "onzichtbaar stuurteken"),
    ):
        response = staff_client.post(
            url("route_forward", pk=signal.pk), {"step": chain["steps"][0].pk, "comment": comment}
        )
        assert response.status_code == 400 and message in response.content.decode()
    chain["group"].is_archived = True
    chain["group"].save()
    _refused(lambda: services.signal_forward(zone=zone, actor=None, signal=signal), "is gearchiveerd")
    assert "gearchiveerd: haal het uit de route" in staff_client.get(url("route")).content.decode()
    assert not SignalReferral.objects.for_zone(zone).exists()
    assert not AgendaItem.objects.for_zone(zone).exists()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.RECEIVED


def test_agenderen_on_a_route_body_moves_the_signal_there(zone, users, staff_client, chain):
    signal = f.signal(zone)
    response = staff_client.post(url("to_meeting", pk=signal.pk), {"body": chain["board"].pk})
    assert response.status_code == 302
    current = SignalReferral.objects.for_zone(zone).get(signal=signal, is_current=True)
    assert (current.body, current.meeting) == (chain["board"], chain["board_meeting"])
    assert current.step == chain["steps"][1] and current.actor == users["staff"]
    assert sel.signal_route(zone=zone, signal=signal).next_step == chain["steps"][2]
    # a body outside the route leaves the route alone
    other = gov.body(zone, "Forum", slug="forum", kind=BodyKind.FORUM)
    gov.meeting(other, today() + dt.timedelta(days=3))
    staff_client.post(url("to_meeting", pk=signal.pk), {"body": other.pk})
    assert SignalReferral.objects.for_zone(zone).get(signal=signal, is_current=True) == current


# --- the secretary and the agenda page -----------------------------------------------------------


def _secretary_of(zone: Any, user: Any, body: Any) -> None:
    gov.membership(body, gov.person(zone, user=user), role=MembershipRole.SECRETARY)


def test_secretary_sees_the_waiting_signals_on_the_agenda_and_adds_one(zone, users, client_as, chain):
    _secretary_of(zone, users["secretary"], chain["group"])
    meeting = chain["group_meeting"]
    meeting.status = MeetingStatus.CANCELLED  # the signal cannot go on it: it waits
    meeting.save()
    signal = f.signal(zone, title="Wachttijd CGG voor jongeren")
    referral = services.signal_forward(zone=zone, actor=None, signal=signal)
    assert referral.meeting is None
    planned = gov.meeting(chain["group"], today() + dt.timedelta(days=7))
    client = client_as("secretary")
    agenda_url = reverse("meetings:agenda", kwargs={"zone": "amalo", "pk": planned.pk})
    page = client.get(agenda_url).content.decode()
    assert "Signalen die op dit overleg wachten" in page and "Wachttijd CGG voor jongeren" in page
    assert url("detail", pk=signal.pk) not in page  # the signal's staff page is not theirs
    response = client.post(url("route_schedule", pk=referral.pk), {"meeting": planned.pk, "next": agenda_url})
    assert response.status_code == 302 and response["Location"] == agenda_url
    referral.refresh_from_db()
    assert referral.meeting == planned
    assert "Signalen die op dit overleg wachten" not in client.get(agenda_url).content.decode()
    queue = client.get(url("route_body", body="werkgroep-signalen"))
    assert queue.status_code == 200 and "op de agenda van" in queue.content.decode()
    # not the secretary of the sounding board: refused
    assert client.get(url("route_body", body="klankbordgroep")).status_code == 403
    other = services.signal_forward(zone=zone, actor=None, signal=f.signal(zone))
    assert client.post(url("route_schedule", pk=other.pk)).status_code in (302, 403)
    board_ref = SignalReferral.objects.for_zone(zone).filter(body=chain["board"]).first()
    assert board_ref is None or client.post(url("route_schedule", pk=board_ref.pk)).status_code == 403


def test_schedule_refuses_another_bodys_or_past_meeting(zone, chain):
    chain["group_meeting"].delete()
    referral = services.signal_forward(zone=zone, actor=None, signal=f.signal(zone))
    _refused(
        lambda: services.referral_schedule(
            zone=zone, actor=None, referral=referral, meeting=chain["board_meeting"]
        ),
        "Kies een vergadering van Werkgroep signalen.",
    )
    past = gov.meeting(chain["group"], today() - dt.timedelta(days=3))
    _refused(
        lambda: services.referral_schedule(zone=zone, actor=None, referral=referral, meeting=past),
        "ligt achter ons",
    )
    referral.refresh_from_db()
    assert referral.meeting is None


# --- other zones ---------------------------------------------------------------------------------


def test_other_zone_staff_and_ids_are_refused(zone, other_zone, users, client_as, staff_client, chain):
    theirs_body = gov.body(other_zone, "Werkgroep elders", slug="werkgroep-elders")
    theirs_step = services.route_step_add(zone=other_zone, actor=None, body=theirs_body)
    theirs_signal = f.signal(other_zone)
    theirs_ref = services.signal_forward(zone=other_zone, actor=None, signal=theirs_signal)
    # staff of Zennevallei in AMALO: refused everywhere
    other = client_as("other_staff")
    for target in (
        url("route"),
        url("route_body", body="werkgroep-signalen"),
        url("route_step_remove", pk=chain["steps"][0].pk),
    ):
        assert other.get(target).status_code in (302, 403), target
    assert other.post(url("route"), {"body": chain["group"].pk}).status_code in (302, 403)
    # AMALO's staff with Zennevallei's ids: 404, nothing changes there
    assert (
        staff_client.post(url("route_step_move", pk=theirs_step.pk), {"direction": "down"}).status_code == 404
    )
    assert staff_client.post(url("route_step_remove", pk=theirs_step.pk)).status_code == 404
    assert staff_client.post(url("route_forward", pk=theirs_signal.pk), {}).status_code == 404
    assert staff_client.post(url("route_schedule", pk=theirs_ref.pk)).status_code == 404
    assert staff_client.get(url("route_body", body="werkgroep-elders")).status_code == 404
    assert SignalRouteStep.objects.for_zone(other_zone).count() == 1
    assert SignalReferral.objects.for_zone(other_zone).get().meeting is None


# --- query counts --------------------------------------------------------------------------------


def test_list_pages_cost_the_same_queries_with_more_signals(
    zone, users, staff_client, chain, django_assert_max_num_queries
):
    chain["group_meeting"].delete()

    def add(n: int) -> None:
        for _i in range(n):
            services.signal_forward(zone=zone, actor=users["staff"], signal=f.signal(zone))

    add(1)
    pages = [url("route"), url("route_body", body="werkgroep-signalen")]
    for page in pages:
        staff_client.get(page)  # warm the session
    counts = []
    for page in pages:
        with django_assert_max_num_queries(20) as captured:
            assert staff_client.get(page + "?x=1").status_code == 200
        counts.append(len(captured.captured_queries))
    add(30)
    for page, before in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(20) as captured:
            response = staff_client.get(page + "?x=2")
        assert response.status_code == 200
        assert len(captured.captured_queries) == before, page
    assert "31" in staff_client.get(url("route") + "?x=3").content.decode()


def test_signal_page_costs_the_same_queries_along_the_chain(
    zone, users, staff_client, chain, django_assert_max_num_queries
):
    signal = f.signal(zone)
    staff_client.get(url("detail", pk=signal.pk))
    with django_assert_max_num_queries(40) as before:
        staff_client.get(url("detail", pk=signal.pk) + "?x=1")
    services.signal_forward(zone=zone, actor=None, signal=signal)
    services.signal_forward(zone=zone, actor=None, signal=signal)
    with django_assert_max_num_queries(40) as after:
        staff_client.get(url("detail", pk=signal.pk) + "?x=2")
    # one more: the decisions of the agenda items, read once the signal stands on an agenda
    assert len(after.captured_queries) <= len(before.captured_queries) + 1


# --- demo ----------------------------------------------------------------------------------------


def test_zennevallei_demo_has_the_chain_with_signals_underway(zones):
    from zorgraad.governance import demo as governance_demo
    from zorgraad.signals import demo_route

    zone = zones["zennevallei"]
    governance_demo.load({"zennevallei": zone}, {})
    demo_route.load(zones, {})
    demo_route.load(zones, {})  # twice: nothing doubles
    steps = sel.route_steps(zone=zone)
    assert [s.body.slug for s in steps] == ["werkgroep-signalen", "klankbordgroep", "bestuursorgaan"]
    referrals = SignalReferral.objects.for_zone(zone).filter(is_current=True).select_related("meeting")
    states = sorted((r.body.slug, sel.referral_state(r)) for r in referrals)
    assert states == [
        ("bestuursorgaan", sel.WAITING),
        ("klankbordgroep", sel.SCHEDULED),
        ("werkgroep-signalen", sel.SCHEDULED),
    ]
    transport = Signal.objects.for_zone(zone).get(title__startswith="Geen vervoer naar de dagopvang")
    position = sel.signal_route(zone=zone, signal=transport)
    assert position.steps[0].state == sel.DISCUSSED and position.steps[0].decisions
    assert position.next_step == steps[2]
    # what the coordinator of Zennevallei sees
    from django.test import Client

    from zorgraad.accounts.models import Role, User, ZoneRole

    staff = User.objects.create_user("coordinator@zennevallei.test", "geheim-wachtwoord-1")
    ZoneRole.objects.create(zone=zone, user=staff, role=Role.STAFF)
    client = Client()
    client.force_login(staff)
    page = client.get(url("detail", zone="zennevallei", pk=transport.pk)).content.decode()
    assert "Voorleggen aan Bestuursorgaan" in page and "De werkgroep bundelt de meldingen" in page
    route = client.get(url("route", zone="zennevallei")).content.decode()
    assert "Werkgroep signalen → Klankbordgroep → Bestuursorgaan" in route
    queue = client.get(url("route_body", zone="zennevallei", body="bestuursorgaan")).content.decode()
    assert "Mantelzorgers vinden de premie" in queue and "te agenderen" in queue
