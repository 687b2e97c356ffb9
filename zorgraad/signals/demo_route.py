"""Demo of the route of signals (seed: "Zennevallei flow: working group → sounding board → policy").

Zennevallei's route: Werkgroep signalen (bundelt en analyseert) → Klankbordgroep (de kijk van de
inwoners) → Bestuursorgaan (beslist wat naar het beleid gaat), with three invented signals
underway, relative to the day the demo is loaded:

- one the working group discussed four weeks ago (its decision in the minutes) and that now stands
  on the agenda of the sounding board's next meeting;
- one put before the working group, on the agenda of its next meeting;
- one that went through the working group and the sounding board and waits "te agenderen" for the
  board, which has no meeting planned yet.

What lies in the past is written as it would have been recorded then (agenda item, "besproken",
meeting held, decision); the steps of today go through the services (`signal_forward`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zorgraad.zones.models import Zone

WORKING_GROUP = "werkgroep-signalen"
SOUNDING_BOARD = "klankbordgroep"
POLICY = "bestuursorgaan"

ROUTE: list[tuple[str, str]] = [
    (WORKING_GROUP, "Bundelt en analyseert de signalen"),
    (SOUNDING_BOARD, "Toetst het signaal aan de ervaring van inwoners"),
    (POLICY, "Beslist wat als structureel signaal naar het beleid gaat"),
]

# (title, description, days ago received)
SIGNALS: list[tuple[str, str, int]] = [
    (
        "Geen vervoer naar de dagopvang voor wie niet meer zelf kan rijden",
        "Ouderen in Pepingen en Beersel haken af bij de dagopvang omdat er geen betaalbaar vervoer is; "
        "de minder-mobielencentrale heeft wachttijden van meer dan een week.",
        70,
    ),
    (
        "Lange wachttijd voor een eerste gesprek bij het CGG voor jongeren",
        "Huisartsen en CLB melden dat jongeren met angst- of stemmingsklachten maanden wachten op een "
        "eerste gesprek; intussen lopen de klachten op.",
        30,
    ),
    (
        "Mantelzorgers vinden de premie en de aanvraag niet",
        "Mantelzorgers weten niet dat hun gemeente een mantelzorgpremie heeft of geraken niet door "
        "het digitale aanvraagformulier.",
        110,
    ),
]


def load(zones: dict[str, Zone], users: dict[str, Any]) -> None:
    if "zennevallei" in zones:
        load_zennevallei(zones["zennevallei"])


def _meeting(zone: Zone, body: Any, day: dt.date) -> Any:
    from zorgraad.meetings.models import Meeting
    from zorgraad.meetings.services.schedule import meeting_create

    found = Meeting.objects.for_zone(zone).filter(body=body, date=day).first()
    return found or meeting_create(zone=zone, actor=None, body=body, data={"date": day})


def _discussed_earlier(zone: Zone, signal: Any, step: Any, meeting: Any, decision: str) -> Any:
    """A step of the past: the signal was on `meeting`'s agenda, the meeting was held, the minutes
    have the body's decision on that item."""
    from zorgraad.meetings.models import MeetingStatus
    from zorgraad.meetings.services.agenda import agenda_item_add
    from zorgraad.meetings.services.minutes import decision_add
    from zorgraad.meetings.services.schedule import meeting_status_set

    from .models import SignalReferral, SignalStatus
    from .services import signal_transition

    SignalReferral.objects.for_zone(zone).filter(signal=signal, is_current=True).update(is_current=False)
    item = agenda_item_add(
        zone=zone,
        actor=None,
        meeting=meeting,
        data={
            "title": f"Signaal {signal.reference}: {signal.title}"[:250],
            "description": signal.description,
        },
    )
    referral = SignalReferral.objects.create(
        zone=zone, signal=signal, body=step.body, step=step, meeting=meeting, agenda_item=item
    )
    signal_transition(
        zone=zone,
        actor=None,
        signal=signal,
        to_status=SignalStatus.DISCUSSED,
        comment=f"Voorgelegd aan {step.body}: op de agenda van {meeting}.",
        body=step.body,
        meeting=meeting,
        agenda_item=item,
    )
    meeting.refresh_from_db(fields=["status"])
    if meeting.status != MeetingStatus.HELD:
        meeting_status_set(zone=zone, actor=None, meeting=meeting, to=MeetingStatus.HELD)
    decision_add(zone=zone, actor=None, meeting=meeting, text=decision, item=item)
    return referral


def load_zennevallei(zone: Zone) -> None:
    from zorgraad.governance import demo as governance_demo
    from zorgraad.governance.models import Body

    from .models import SignalRouteStep, SignalSource
    from .services import routes, signal_create

    if SignalRouteStep.objects.for_zone(zone).exists():
        return
    governance_demo.load_more_bodies(zone)  # the working group, for a demo loaded before it existed
    bodies = {b.slug: b for b in Body.objects.for_zone(zone).filter(slug__in=[s for s, _p in ROUTE])}
    if len(bodies) < len(ROUTE):
        return
    steps = [
        routes.route_step_add(zone=zone, actor=None, body=bodies[slug], purpose=purpose)
        for slug, purpose in ROUTE
    ]
    today = timezone.localdate()
    group_held = _meeting(zone, bodies[WORKING_GROUP], today - dt.timedelta(days=28))
    board_held = _meeting(zone, bodies[SOUNDING_BOARD], today - dt.timedelta(days=14))
    _meeting(zone, bodies[WORKING_GROUP], today + dt.timedelta(days=21))
    _meeting(zone, bodies[SOUNDING_BOARD], today + dt.timedelta(days=35))

    made = [
        signal_create(
            zone=zone,
            actor=None,
            data={"title": title, "description": text},
            source=SignalSource.PARTNER_ROUND,
            received_on=today - dt.timedelta(days=days),
        )
        for title, text, days in SIGNALS
    ]
    transport, youth, carers = made
    # 1. discussed by the working group, now before the sounding board (its next meeting)
    _discussed_earlier(
        zone,
        transport,
        steps[0],
        group_held,
        "De werkgroep bundelt de meldingen over vervoer en legt het signaal voor aan de klankbordgroep.",
    )
    routes.signal_forward(
        zone=zone,
        actor=None,
        signal=transport,
        step=steps[1],
        comment="Graag de ervaring van inwoners uit de landelijke gemeenten.",
    )
    # 2. before the working group, on the agenda of its next meeting
    routes.signal_forward(zone=zone, actor=None, signal=youth, step=steps[0])
    # 3. through the working group and the sounding board; the board has no meeting planned yet
    _discussed_earlier(
        zone, carers, steps[0], group_held, "De werkgroep legt het signaal voor aan de klankbordgroep."
    )
    _discussed_earlier(
        zone,
        carers,
        steps[1],
        board_held,
        "De klankbordgroep herkent het signaal: ook wie de premie kent, haakt af bij het formulier.",
    )
    routes.signal_forward(zone=zone, actor=None, signal=carers, step=steps[2])
