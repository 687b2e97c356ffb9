"""Writes of the route of signals through the zone's bodies (models_route.py).

- The route: add a body as the last step, move a step up or down, remove a step. Only the zone's own
  bodies (another zone's id gets a Dutch error), each body once, positions kept 1..n.
- A signal along the route: `signal_forward` puts it before the next body of the route. When that
  body has a planned meeting, the signal becomes an agenda item of it (the meetings app's own
  `agenda_item_add`) and its status moves to "besproken" with body, meeting and agenda item
  (`signal_transition`); otherwise it waits "te agenderen" for that body, recorded in its trail
  too. `referral_schedule` later puts a waiting signal on the body's (next) meeting.

Every write runs in one transaction, refuses with a Dutch message and changes nothing then, and
leaves an audit entry.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone
from zorgraad.zones.models import Zone

from ..models import Signal, SignalReferral, SignalRouteStep, SignalStatus, SignalTransition
from ..selectors import routes as sel
from . import NOTE_MAX, _refuse_move, _text, signal_transition

PURPOSE_MAX = 300
COMMENT_MAX = 2_000
AGENDA_DESCRIPTION_MAX = 5_000


def _lock_route(zone: Zone) -> list[SignalRouteStep]:
    """The zone's steps, locked (the zone row too: two edits of the route at once are serialised)."""
    Zone.objects.select_for_update().filter(pk=zone.pk).first()
    return list(
        SignalRouteStep.objects.for_zone(zone)
        .select_for_update()
        .select_related("body")
        .order_by("position", "id")
    )


def _renumber(zone: Zone, steps: list[SignalRouteStep]) -> None:
    changed = []
    for n, step in enumerate(steps, start=1):
        if step.position != n:
            step.position = n
            changed.append(step)
    if changed:
        SignalRouteStep.objects.for_zone(zone).bulk_update(changed, ["position"])


@transaction.atomic
def route_step_add(*, zone: Zone, actor: Any, body: Any, purpose: str = "") -> SignalRouteStep:
    """Add `body` as the last step of the zone's route."""
    if body is None:
        raise ServiceError({"body": _("Kies een overleg.")})
    same_zone(zone, body, _("Kies een overleg van deze eerstelijnszone."), "body")
    errors: dict[str, list[str]] = {}
    purpose = _text(purpose, "purpose", limit=PURPOSE_MAX, errors=errors)
    if errors:
        raise ServiceError(errors)
    if body.is_archived:
        raise ServiceError(
            {"body": _("%(body)s is gearchiveerd en kan geen stap meer zijn.") % {"body": body}}
        )
    steps = _lock_route(zone)
    already = next((s for s in steps if s.body_id == body.pk), None)
    if already is not None:
        raise ServiceError(
            {
                "body": _("%(body)s staat al in de route (stap %(n)d). Elk overleg komt er één keer in voor.")
                % {"body": body, "n": already.position}
            }
        )
    step = SignalRouteStep(
        zone=zone,
        body=body,
        position=len(steps) + 1,
        purpose=purpose,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            step.save()
    except IntegrityError as exc:  # a second request with the same body at the same moment
        raise ServiceError({"body": _("%(body)s staat al in de route.") % {"body": body}}) from exc
    _renumber(zone, [*steps, step])
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=step,
        changes={
            "body": [None, body.name],
            "position": [None, step.position],
            "purpose": [None, purpose or None],
        },
    )
    return step


def _locked_step(zone: Zone, step: SignalRouteStep) -> tuple[list[SignalRouteStep], int]:
    same_zone(zone, step, _("Deze stap hoort niet bij deze eerstelijnszone."))
    steps = _lock_route(zone)
    index = next((n for n, s in enumerate(steps) if s.pk == step.pk), None)
    if index is None:
        raise ServiceError(_("Deze stap staat niet meer in de route."))
    return steps, index


@transaction.atomic
def route_step_move(
    *, zone: Zone, actor: Any, step: SignalRouteStep, direction: str
) -> list[SignalRouteStep]:
    """Swap the step with the one above ('up') or below ('down'); returns the new order."""
    if direction not in ("up", "down"):
        raise ServiceError(_("Kies omhoog of omlaag."))
    steps, index = _locked_step(zone, step)
    other = index - 1 if direction == "up" else index + 1
    if other < 0:
        raise ServiceError(_("%(body)s is al de eerste stap.") % {"body": steps[index].body})
    if other >= len(steps):
        raise ServiceError(_("%(body)s is al de laatste stap.") % {"body": steps[index].body})
    steps[index], steps[other] = steps[other], steps[index]
    _renumber(zone, steps)
    audit.record(
        zone=zone,
        actor=actor,
        action="moved",
        instance=steps[other],
        changes={"position": [index + 1, other + 1]},
    )
    return steps


@transaction.atomic
def route_step_remove(*, zone: Zone, actor: Any, step: SignalRouteStep) -> list[SignalRouteStep]:
    """Take the step out of the route. Signals already put before that body keep their history, and
    those still waiting for it stay on its list; the next signals skip it."""
    steps, index = _locked_step(zone, step)
    removed = steps.pop(index)
    audit.record(
        zone=zone,
        actor=actor,
        action="deleted",
        instance=removed,
        changes={"body": [removed.body.name, None], "position": [removed.position, None]},
    )
    removed.delete()
    _renumber(zone, steps)
    return steps


# --- a signal along the route ----------------------------------------------------------------------


def _refuse_forward(signal: Signal) -> ServiceError:
    if signal.status == SignalStatus.DRAFT:
        return ServiceError(_("Dit signaal is nog een ontwerp: zet het eerst op ‘ontvangen’."))
    return _refuse_move(signal, SignalStatus.DISCUSSED)


def _agenda_text(signal: Signal, referral: SignalReferral, step_label: str) -> dict[str, str]:
    # the internal notes and the reporter stay internal: never on an agenda
    title = _("Signaal %(ref)s: %(title)s") % {"ref": signal.reference, "title": signal.title}
    lines = [signal.description.strip()] if signal.description.strip() else []
    lines.append(
        _("Voorgelegd aan %(body)s via de route van signalen (%(step)s).")
        % {"body": referral.body, "step": step_label}
    )
    if referral.comment:
        lines.append(referral.comment)
    return {"title": title[:250], "description": "\n\n".join(lines)[:AGENDA_DESCRIPTION_MAX]}


def _step_label(zone: Zone, body: Any) -> str:
    steps = sel.route_steps(zone=zone)
    n = next((i for i, s in enumerate(steps, start=1) if s.body_id == body.pk), None)
    if n is None:
        return _("niet meer in de route")
    return _("stap %(n)d van %(total)d") % {"n": n, "total": len(steps)}


def _schedule(
    zone: Zone, actor: Any, referral: SignalReferral, signal: Signal, meeting: Any
) -> SignalReferral:
    """Put the referral's signal on `meeting`'s agenda and record "besproken" with body, meeting, item."""
    from zorgraad.meetings.services.agenda import agenda_item_add

    label = _step_label(zone, referral.body)
    item = agenda_item_add(
        zone=zone, actor=actor, meeting=meeting, data=_agenda_text(signal, referral, label)
    )
    referral.meeting = meeting
    referral.agenda_item = item
    referral.scheduled_at = timezone.now()
    referral.save(update_fields=["meeting", "agenda_item", "scheduled_at"])
    comment = _("Voorgelegd aan %(body)s (%(step)s): op de agenda van %(meeting)s.") % {
        "body": referral.body,
        "step": label,
        "meeting": meeting,
    }
    if referral.comment:
        comment = f"{comment} {referral.comment}"
    signal_transition(
        zone=zone,
        actor=actor,
        signal=signal,
        to_status=SignalStatus.DISCUSSED,
        comment=comment[:NOTE_MAX],
        body=referral.body,
        meeting=meeting,
        agenda_item=item,
    )
    return referral


@transaction.atomic
def signal_forward(
    *, zone: Zone, actor: Any, signal: Signal, step: SignalRouteStep | None = None, comment: str = ""
) -> SignalReferral:
    """Put the signal before the next body of the zone's route ("voorleggen aan …").

    `step` is the step the user saw as the next one: when the route or the signal moved on in the
    meantime, the call is refused rather than skipping a body. Returns the referral; its `meeting`
    is None when the body had no planned meeting (the signal then waits "te agenderen")."""
    same_zone(zone, signal, _("Dit signaal hoort niet bij deze eerstelijnszone."))
    same_zone(zone, step, _("Deze stap hoort niet bij deze eerstelijnszone."), "step")
    stored = Signal.objects.for_zone(zone).select_for_update().get(pk=signal.pk)
    if not stored.can_move_to(SignalStatus.DISCUSSED):
        raise _refuse_forward(stored)
    errors: dict[str, list[str]] = {}
    comment = _text(comment, "comment", limit=COMMENT_MAX, errors=errors)
    if errors:
        raise ServiceError(errors)
    steps = sel.route_steps(zone=zone)
    if not steps:
        raise ServiceError(
            _(
                "Deze eerstelijnszone heeft nog geen route voor signalen. Stel de route eerst in bij Signalen › Route."
            )
        )
    referrals = list(SignalReferral.objects.for_zone(zone).select_for_update().filter(signal=stored))
    current = next((r for r in referrals if r.is_current), None)
    nxt = sel.next_step(steps, current, {r.body_id for r in referrals})
    if nxt is None:
        last = steps[-1].body
        raise ServiceError(
            _(
                "%(ref)s heeft de laatste stap van de route bereikt (%(body)s). Geef het signaal door "
                "aan wie het beleid maakt, of sluit het af."
            )
            % {"ref": stored.reference, "body": current.body if current else last}
        )
    if nxt.body.is_archived:
        raise ServiceError(
            _("Het volgende overleg in de route, %(body)s, is gearchiveerd. Haal het eerst uit de route.")
            % {"body": nxt.body}
        )
    if step is not None and step.pk != nxt.pk:
        raise ServiceError(
            _(
                "De route van dit signaal is intussen veranderd: het volgende overleg is nu %(body)s. Kijk het na en probeer opnieuw."
            )
            % {"body": nxt.body}
        )
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    user = actor if getattr(actor, "is_authenticated", False) else None
    referral = SignalReferral.objects.create(
        zone=zone, signal=stored, body=nxt.body, step=nxt, comment=comment, actor=user
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=referral,
        changes={
            "body": [current.body.name if current else None, nxt.body.name],
            "comment": [None, comment or None],
        },
    )
    meeting = sel.next_meeting(zone=zone, body=nxt.body)
    if meeting is not None:
        return _schedule(zone, actor, referral, stored, meeting)
    # no planned meeting: the signal waits for this body; its trail says so (the status stays)
    note = _(
        "Voorgelegd aan %(body)s (%(step)s): te agenderen, %(body)s heeft nog geen geplande vergadering."
    ) % {
        "body": nxt.body,
        "step": _step_label(zone, nxt.body),
    }
    SignalTransition.objects.create(
        zone=zone,
        signal=stored,
        from_status=stored.status,
        to_status=stored.status,
        actor=user,
        comment=f"{note} {comment}".strip()[:NOTE_MAX],
        body=nxt.body,
    )
    return referral


def referral_record(*, zone: Zone, actor: Any, signal: Signal, body: Any, meeting: Any, item: Any) -> None:
    """The signal was put on `body`'s agenda another way ("Agenderen" on its page): when that body is
    a step of the route, the signal now stands there (so the route and the body's list agree)."""
    step = SignalRouteStep.objects.for_zone(zone).filter(body=body).first()
    if step is None:
        return
    SignalReferral.objects.for_zone(zone).filter(signal=signal, is_current=True).update(is_current=False)
    referral = SignalReferral.objects.create(
        zone=zone,
        signal=signal,
        body=body,
        step=step,
        meeting=meeting,
        agenda_item=item,
        scheduled_at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        zone=zone, actor=actor, action="created", instance=referral, changes={"body": [None, body.name]}
    )


@transaction.atomic
def referral_schedule(
    *, zone: Zone, actor: Any, referral: SignalReferral, meeting: Any = None
) -> SignalReferral:
    """Put a signal that waits for a body on that body's agenda: `meeting` when given (one of the
    body's meetings still to come), else its next planned meeting."""
    same_zone(zone, referral, _("Deze voorlegging hoort niet bij deze eerstelijnszone."))
    same_zone(zone, meeting, _("Kies een vergadering van deze eerstelijnszone."), "meeting")
    locked = (
        SignalReferral.objects.for_zone(zone)
        .select_for_update(of=("self",))  # PostgreSQL: not the meeting, the nullable side of a join
        .select_related("body", "meeting")
        .get(pk=referral.pk)
    )
    signal = Signal.objects.for_zone(zone).select_for_update().get(pk=locked.signal_id)
    if not locked.is_current:
        raise ServiceError(_("%(ref)s staat intussen al verder in de route.") % {"ref": signal.reference})
    if sel.referral_state(locked) != sel.WAITING:
        raise ServiceError(
            _("%(ref)s staat al op de agenda van %(meeting)s.")
            % {"ref": signal.reference, "meeting": locked.meeting}
        )
    if not signal.can_move_to(SignalStatus.DISCUSSED):
        raise _refuse_forward(signal)
    today = timezone.localdate()
    if meeting is not None:
        if meeting.body_id != locked.body_id:
            raise ServiceError({"meeting": _("Kies een vergadering van %(body)s.") % {"body": locked.body}})
        if meeting.status not in sel.OPEN_MEETING or meeting.date < today:
            raise ServiceError(
                {
                    "meeting": _(
                        "Deze vergadering ligt achter ons of is afgesloten: kies een geplande vergadering."
                    )
                }
            )
    else:
        meeting = sel.next_meeting(zone=zone, body=locked.body, today=today)
        if meeting is None:
            raise ServiceError(
                _(
                    "%(body)s heeft nog geen geplande vergadering. Plan eerst een vergadering; "
                    "het signaal blijft te agenderen."
                )
                % {"body": locked.body}
            )
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=locked,
        changes={"meeting": [str(locked.meeting) if locked.meeting_id else None, str(meeting)]},
    )
    return _schedule(zone, actor, locked, signal, meeting)
