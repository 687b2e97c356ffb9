"""Reads of the route of signals through the zone's bodies (models_route.py).

Every read costs a fixed number of queries whatever the number of signals or steps: the steps with
their bodies in one query, a signal's referrals with their meetings in one, the decisions of their
agenda items in one, a body's queue in one (plus the page count).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgraad.governance.models import Body
from zorgraad.meetings.models import Decision, Meeting, MeetingStatus
from zorgraad.zones.models import Zone

from ..models import SignalEndorsement, SignalReferral, SignalRouteStep, SignalStatus

# A signal in one of these statuses can still be put before a body (they may move to "besproken").
ROUTE_ACTIVE = (SignalStatus.RECEIVED, SignalStatus.ANALYSIS, SignalStatus.DISCUSSED, SignalStatus.STRUCTURAL)
OPEN_MEETING = (MeetingStatus.PLANNED, MeetingStatus.INVITED)

# The referral's states, as the pages show them.
WAITING = "waiting"  # te agenderen: no (live) meeting
SCHEDULED = "scheduled"  # on the agenda of a meeting still to come
DISCUSSED = "discussed"  # the meeting was held (or its day is past)

STATE_LABELS = {
    WAITING: gettext_lazy("te agenderen"),
    SCHEDULED: gettext_lazy("op de agenda"),
    DISCUSSED: gettext_lazy("besproken"),
}


def waiting_q(prefix: str = "") -> Q:
    """Referrals that wait to be put on an agenda: no meeting, a cancelled one, or the item was taken
    off the agenda of a meeting still open."""
    return (
        Q(**{f"{prefix}meeting__isnull": True})
        | Q(**{f"{prefix}meeting__status": MeetingStatus.CANCELLED})
        | Q(**{f"{prefix}agenda_item__isnull": True, f"{prefix}meeting__status__in": OPEN_MEETING})
    )


def referral_state(referral: SignalReferral, today: dt.date | None = None) -> str:
    meeting = referral.meeting if referral.meeting_id else None
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        return WAITING
    if meeting.status in OPEN_MEETING:
        if referral.agenda_item_id is None:
            return WAITING
        if meeting.date >= (today or timezone.localdate()):
            return SCHEDULED
    return DISCUSSED


def next_meeting(*, zone: Zone, body: Body, today: dt.date | None = None) -> Meeting | None:
    """The body's next meeting that can still take agenda items (planned or invited, today or later)."""
    return (
        Meeting.objects.for_zone(zone)
        .filter(body=body, date__gte=today or timezone.localdate(), status__in=OPEN_MEETING)
        .order_by("date", "start_time", "id")
        .first()
    )


# --- the zone's route ------------------------------------------------------------------------------


def route_steps(*, zone: Zone) -> list[SignalRouteStep]:
    return list(SignalRouteStep.objects.for_zone(zone).select_related("body").order_by("position", "id"))


def route_step_get(*, zone: Zone, pk: int) -> SignalRouteStep:
    step = SignalRouteStep.objects.for_zone(zone).select_related("body").filter(pk=pk).first()
    if step is None:
        raise Http404(_("Deze stap bestaat niet in de route van deze eerstelijnszone."))
    return step


def route_overview(*, zone: Zone) -> list[SignalRouteStep]:
    """The steps, each with `waiting` and `scheduled`: how many signals stand at that body now."""
    steps = route_steps(zone=zone)
    today = timezone.localdate()
    current = SignalReferral.objects.for_zone(zone).filter(
        is_current=True, signal__status__in=ROUTE_ACTIVE, body_id__in=[s.body_id for s in steps]
    )
    waiting = dict(
        current.filter(waiting_q())
        .order_by()
        .values("body_id")
        .annotate(n=Count("id"))
        .values_list("body_id", "n")
    )
    scheduled = dict(
        current.exclude(waiting_q())
        .filter(meeting__date__gte=today, meeting__status__in=OPEN_MEETING)
        .order_by()
        .values("body_id")
        .annotate(n=Count("id"))
        .values_list("body_id", "n")
    )
    for step in steps:
        step.waiting = waiting.get(step.body_id, 0)  # type: ignore[attr-defined]
        step.scheduled = scheduled.get(step.body_id, 0)  # type: ignore[attr-defined]
    return steps


def route_body_choices(*, zone: Zone) -> QuerySet[Body]:
    """The zone's bodies that are not in the route yet (archived bodies are not offered)."""
    taken = SignalRouteStep.objects.for_zone(zone).values("body_id")
    return Body.objects.for_zone(zone).filter(is_archived=False).exclude(pk__in=taken).order_by("name")


def next_step(
    steps: list[SignalRouteStep], current: SignalReferral | None, referred: set[int] | None = None
) -> SignalRouteStep | None:
    """The step after the body the signal stands at now (the first step when it stands nowhere).

    When that body has left the route meanwhile: the first step whose body the signal was never put
    before. None at the end of the route (or without a route)."""
    if not steps:
        return None
    if current is None:
        return steps[0]
    for n, step in enumerate(steps):
        if step.body_id == current.body_id:
            return steps[n + 1] if n + 1 < len(steps) else None
    seen = referred or {current.body_id}
    return next((s for s in steps if s.body_id not in seen), None)


# --- one signal's place in the route ---------------------------------------------------------------


@dataclass
class StepState:
    step: SignalRouteStep
    referral: SignalReferral | None = None
    state: str = ""
    decisions: list[str] = field(default_factory=list)
    is_current: bool = False
    is_next: bool = False

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.state, _("nog niet voorgelegd")))


@dataclass
class RoutePosition:
    steps: list[StepState]
    current: SignalReferral | None
    next_step: SignalRouteStep | None
    # referrals to bodies that are no longer in the route (history)
    off_route: list[SignalReferral] = field(default_factory=list)
    current_state: str = ""

    @property
    def has_route(self) -> bool:
        return bool(self.steps)

    @property
    def at_end(self) -> bool:
        return bool(self.steps) and self.next_step is None

    @property
    def current_waiting(self) -> bool:
        return self.current is not None and self.current_state == WAITING


def signal_referrals(*, zone: Zone, signal: Any) -> list[SignalReferral]:
    return list(
        SignalReferral.objects.for_zone(zone)
        .filter(signal=signal)
        .select_related("body", "meeting", "agenda_item", "actor")
        .order_by("created_at", "id")
    )


def signal_route(
    *, zone: Zone, signal: Any, endorsements: list[SignalEndorsement] | None = None
) -> RoutePosition:
    """Where the signal stands in the zone's route: per step the latest referral to its body (when,
    which meeting, the decisions of its agenda item and the body's endorsement), and the next step."""
    steps = route_steps(zone=zone)
    referrals = signal_referrals(zone=zone, signal=signal)
    today = timezone.localdate()
    items = [r.agenda_item_id for r in referrals if r.agenda_item_id]
    decisions: dict[int, list[str]] = {}
    if items:
        for item_id, text in (
            Decision.objects.for_zone(zone)
            .filter(item_id__in=items)
            .order_by("id")
            .values_list("item_id", "text")
        ):
            decisions.setdefault(item_id, []).append(text)
    if endorsements is None:
        endorsements = list(SignalEndorsement.objects.for_zone(zone).filter(signal=signal))
    endorsed = {e.body_id: e.decision_text for e in endorsements}
    latest = {r.body_id: r for r in referrals}
    current = next((r for r in referrals if r.is_current), None)
    nxt = next_step(steps, current, {r.body_id for r in referrals})
    rows = []
    for step in steps:
        ref = latest.get(step.body_id)
        row = StepState(step=step, referral=ref, is_next=nxt is not None and nxt.pk == step.pk)
        if ref is not None:
            row.state = referral_state(ref, today)
            row.is_current = ref.is_current
            row.decisions = list(decisions.get(ref.agenda_item_id or 0, []))
        if step.body_id in endorsed and endorsed[step.body_id] not in row.decisions:
            row.decisions.append(endorsed[step.body_id])
        rows.append(row)
    in_route = {s.body_id for s in steps}
    return RoutePosition(
        steps=rows,
        current=current,
        next_step=nxt,
        off_route=[r for r in referrals if r.body_id not in in_route],
        current_state=referral_state(current, today) if current is not None else "",
    )


# --- a body's queue --------------------------------------------------------------------------------


def body_queue(*, zone: Zone, body: Body) -> QuerySet[SignalReferral]:
    """The signals that stand at this body now: waiting to be put on an agenda first (oldest first),
    then those on the agenda of a meeting still to come (by meeting date). Each row has `waiting`."""
    today = timezone.localdate()
    return (
        SignalReferral.objects.for_zone(zone)
        .filter(body=body, is_current=True, signal__status__in=ROUTE_ACTIVE)
        .filter(waiting_q() | Q(meeting__date__gte=today, meeting__status__in=OPEN_MEETING))
        .select_related("signal", "meeting", "actor")
        .annotate(waiting=waiting_q())
        .order_by("-waiting", "meeting__date", "created_at", "id")
    )


def waiting_for_meeting(*, zone: Zone, meeting: Meeting, limit: int = 20) -> list[SignalReferral]:
    """For the agenda page of a meeting: the signals that wait to be put on an agenda of its body."""
    return list(
        SignalReferral.objects.for_zone(zone)
        .filter(body_id=meeting.body_id, is_current=True, signal__status__in=ROUTE_ACTIVE)
        .filter(waiting_q())
        .select_related("signal")
        .order_by("created_at", "id")[:limit]
    )


def referral_get(*, zone: Zone, pk: int) -> SignalReferral:
    found = (
        SignalReferral.objects.for_zone(zone)
        .select_related("signal", "body", "meeting", "agenda_item")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(_("Deze voorlegging bestaat niet in deze eerstelijnszone."))
    return found
