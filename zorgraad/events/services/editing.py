"""Events themselves: create, change (capacity, waiting list), propose, decide, cancel; series,
co-organisers, partner promotion, and the parts of an event (sessions, programme, questions)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone
from zorgraad.network.models import Organisation

from ..models import (
    Event,
    EventStatus,
    PartnerPromotion,
    Question,
    Registration,
    RegistrationStatus,
)
from .registrations import _fill_from_waitlist, _mail_after_commit

EVENT_FIELDS = (
    "kind",
    "audience",
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "capacity",
    "registration_required",
    "status",
)


def _check_links(zone: Any, event: Event) -> None:
    for field in ("organiser", "venue_organisation"):
        same_zone(zone, getattr(event, field), _("Deze organisatie hoort niet bij deze zorgraad."), field)
    for field in ("plan_action", "series"):
        same_zone(zone, getattr(event, field), _("Dit record hoort niet bij deze zorgraad."), field)
    if event.ends_at and event.starts_at and event.ends_at <= event.starts_at:
        raise ServiceError({"ends_at": _("Een activiteit moet eindigen na het begin.")})
    if (
        event.registration_opens_at
        and event.registration_closes_at
        and event.registration_closes_at <= event.registration_opens_at
    ):
        raise ServiceError(
            {"registration_closes_at": _("Het einde van de inschrijvingen moet na het begin ervan liggen.")}
        )


def _check_m2m(zone: Any, m2m: dict[str, Any]) -> None:
    for name in ("challenges", "co_organisers"):
        for obj in m2m.get(name) or ():
            same_zone(zone, obj, _("Een gekozen record hoort niet bij deze zorgraad."), name)


def event_create(*, zone: Any, actor: Any, data: dict[str, Any], m2m: dict[str, Any] | None = None) -> Event:
    m2m = m2m or {}
    event = Event(zone=zone, **data)
    _check_links(zone, event)
    _check_m2m(zone, m2m)
    with transaction.atomic():
        event.save()
        for name, values in m2m.items():
            getattr(event, name).set(values)
        audit.record(zone=zone, actor=actor, action="created", instance=event)
    return event


def event_update(
    *, zone: Any, actor: Any, event: Event, data: dict[str, Any], m2m: dict[str, Any] | None = None
) -> Event:
    """Change an event. Capacity below the confirmed count is refused with the numbers; raised capacity
    promotes people from the waiting list."""
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    m2m = m2m or {}
    before = audit.snapshot(event, EVENT_FIELDS)
    for key, value in data.items():
        setattr(event, key, value)
    _check_links(zone, event)
    _check_m2m(zone, m2m)
    with transaction.atomic():
        # the capacity changes only if the seats already taken still fit: one conditional write
        cap = event.capacity
        rows = Event.objects.for_zone(zone).filter(pk=event.pk)
        if cap is not None:
            rows = rows.filter(seats_taken__lte=cap)
        if not rows.update(capacity=cap):
            taken = (
                Event.objects.for_zone(zone).filter(pk=event.pk).values_list("seats_taken", flat=True).first()
            )
            raise ServiceError(
                {
                    "capacity": _(
                        "Er zijn al %(taken)d bevestigde inschrijvingen: de capaciteit kan niet naar %(cap)d. "
                        "Annuleer eerst %(diff)d inschrijving(en) of kies minstens %(taken)d plaatsen."
                    )
                    % {"taken": taken or 0, "cap": cap, "diff": (taken or 0) - (cap or 0)}
                }
            )
        changes = audit.diff(before, audit.snapshot(event, EVENT_FIELDS))
        if {"starts_at", "ends_at", "venue", "status"} & set(changes):
            event.sequence = F("sequence") + 1
        event.save(update_fields=[f for f in _editable_fields() if f not in ("seats_taken",)] + ["sequence"])
        event.refresh_from_db()
        for name, values in m2m.items():
            getattr(event, name).set(values)
        promoted = _fill_from_waitlist(zone, event)
        audit.record(zone=zone, actor=actor, action="updated", instance=event, changes=changes)
    for reg in promoted:
        _mail_after_commit(reg, "promoted")
    return event


def _editable_fields() -> list[str]:
    return [
        f.attname
        for f in Event._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in ("zone", "uid", "created_at")
    ] + ["updated_at"]


def series_create(*, zone: Any, actor: Any, title: str, description: str = "") -> Any:
    from ..models import EventSeries

    title = " ".join((title or "").split())
    if not title:
        raise ServiceError({"new_series": _("Geef de reeks een titel.")})
    with transaction.atomic():
        series = EventSeries.objects.create(zone=zone, title=title[:200], description=description)
        audit.record(zone=zone, actor=actor, action="created", instance=series)
    return series


def co_organiser_add(*, zone: Any, actor: Any, event: Event, organisation: Organisation) -> None:
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze zorgraad."), "co_organiser")
    with transaction.atomic():
        event.co_organisers.add(organisation)
        audit.record(
            zone=zone, actor=actor, action="co_organiser", instance=event, changes={"add": organisation.name}
        )


def event_propose(*, zone: Any, actor: Any, data: dict[str, Any], m2m: dict[str, Any] | None = None) -> Event:
    """A partner proposes an event for the agenda: nothing public until staff approve it."""
    data = {**data, "status": EventStatus.PROPOSED, "proposed_by": actor, "organised_by_zone": False}
    return event_create(zone=zone, actor=actor, data=data, m2m=m2m)


def event_decide(*, zone: Any, actor: Any, event: Event, approve: bool, reason: str = "") -> Event:
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    if event.status != EventStatus.PROPOSED:
        raise ServiceError(_("Over dit voorstel is al beslist."))
    if not approve and not reason.strip():
        raise ServiceError({"reason": _("Geef een reden waarom de activiteit niet opgenomen wordt.")})
    with transaction.atomic():
        event.status = EventStatus.PUBLISHED if approve else EventStatus.REJECTED
        event.decided_by = actor
        event.decided_at = timezone.now()
        event.decision_reason = reason.strip()
        event.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
        audit.record(zone=zone, actor=actor, action="approve" if approve else "reject", instance=event)
    return event


def event_cancel(*, zone: Any, actor: Any, event: Event) -> Event:
    """Call the event off: everyone registered gets a METHOD:CANCEL."""
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    if event.status == EventStatus.CANCELLED:
        raise ServiceError(_("Deze activiteit is al geannuleerd."))
    with transaction.atomic():
        Event.objects.for_zone(zone).filter(pk=event.pk).update(
            status=EventStatus.CANCELLED, sequence=F("sequence") + 1
        )
        event.refresh_from_db()
        people = list(
            Registration.objects.for_zone(zone).filter(
                event=event, status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
            )
        )
        audit.record(zone=zone, actor=actor, action="cancel", instance=event)
    for reg in people:
        if reg.email:
            _mail_after_commit(reg, "event_cancelled")
    return event


def promotion_record(
    *, zone: Any, actor: Any, event: Event, organisation: Organisation, promoted: bool, channels: str = ""
) -> PartnerPromotion:
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze zorgraad."), "organisation")
    with transaction.atomic():
        row, _created = PartnerPromotion.objects.for_zone(zone).update_or_create(
            zone=zone,
            event=event,
            organisation=organisation,
            defaults={"promoted": promoted, "channels": channels.strip()[:300], "noted_by": actor},
        )
        audit.record(zone=zone, actor=actor, action="promotion", instance=row)
    return row


def question_add(
    *, zone: Any, actor: Any, event: Event, text: str, kind: str, choices: str = "", required: bool = False
) -> Question:
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    order = event.questions.count() + 1
    with transaction.atomic():
        q = Question.objects.create(
            zone=zone, event=event, text=text, kind=kind, choices=choices, required=required, order=order
        )
        audit.record(zone=zone, actor=actor, action="created", instance=q)
    return q


def event_part_add(*, zone: Any, actor: Any, event: Event, part: str, data: dict[str, Any]) -> Any:
    """Add a session ('sessie'), programme slot ('programma'), registration question ('vraag') or
    evaluation question ('evaluatie') to an event."""
    from ..models import EvaluationQuestion, EventSession, ProgrammeSlot

    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    if part == "vraag":
        return question_add(
            zone=zone,
            actor=actor,
            event=event,
            text=data["text"],
            kind=data["kind"],
            choices=data.get("choices", ""),
            required=data.get("required", False),
        )
    with transaction.atomic():
        obj: Any
        if part == "sessie":
            if data["ends_at"] <= data["starts_at"]:
                raise ServiceError(_("Een sessie moet eindigen na het begin."))
            obj = EventSession.objects.create(
                zone=zone,
                event=event,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                venue=data.get("venue", ""),
            )
        elif part == "programma":
            obj = ProgrammeSlot.objects.create(
                zone=zone,
                event=event,
                start_time=data["start_time"],
                end_time=data.get("end_time"),
                title=data["title"],
                speaker=data.get("speaker", ""),
                order=event.programme.count() + 1,
            )
        elif part == "evaluatie":
            obj = EvaluationQuestion.objects.create(
                zone=zone,
                event=event,
                text=data["text"],
                kind=data["kind"],
                choices=data.get("choices", ""),
                order=event.evaluation_questions.count() + 1,
            )
        else:
            raise ServiceError(_("Onbekend onderdeel."))
        audit.record(zone=zone, actor=actor, action="created", instance=obj)
    return obj
