"""Writes of the events app: events, registrations, waiting list, check-in, evaluation, promotion.

Seats: `Event.seats_taken` counts the registrations with `has_seat`. Taking a seat is one
conditional UPDATE of the event row (`seats_taken < capacity`); the database runs it atomically
(SQLite serialises writers, PostgreSQL locks the row and re-checks the condition), and the check
constraint `event_never_oversold` refuses anything that would still slip past. Every path that
frees or hands on a seat (cancel, capacity raised) starts with a write on the event row too, so
two of them for one event run one after the other.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit, pagecache
from zorgraad.core.errors import ServiceError, same_zone
from zorgraad.core.models import AuditEntry
from zorgraad.network.models import Organisation, normalise

from . import fastpath
from .models import (
    SEATS_SHOWN_EXACTLY,
    Answer,
    EvaluationAnswer,
    EvaluationKind,
    EvaluationResponse,
    Event,
    EventStatus,
    PartnerPromotion,
    Question,
    Registration,
    RegistrationStatus,
    registration_state,
)

logger = logging.getLogger(__name__)

# Sent after commit when someone ticked the newsletter box with its own consent. The newsletter app
# may connect to it; the consent (wording and moment) is stored on the registration either way.
# kwargs: zone, registration, email, name, consent_text, consent_at
newsletter_consent_given = Signal()

NEWSLETTER_CONSENT_TEXT = _(
    "Ja, ik wil de nieuwsbrief van de zorgraad ontvangen. Ik kan me altijd uitschrijven via de link in elke nieuwsbrief."
)

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


class AlreadyRegistered(ServiceError):
    """The e-mail address already has a registration for this event: `registration` is it."""

    def __init__(self, registration: Registration) -> None:
        super().__init__(_("Je bent al ingeschreven voor deze activiteit met dit e-mailadres."))
        self.registration = registration


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    created: bool


# --- events ---------------------------------------------------------------------------------------


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
    from .models import EventSeries

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


# --- registration ---------------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def match_organisation(zone: Any, name: str) -> Organisation | None:
    """The directory organisation with this name (accents and case ignored), if exactly one."""
    plain = normalise(name).strip()
    if not plain:
        return None
    candidates = list(
        Organisation.objects.for_zone(zone)
        .filter(is_archived=False, name__iexact=name.strip())
        .only("pk", "name", "zone_id")[:2]
    )
    if len(candidates) == 1:
        return candidates[0]
    return None


def existing_registration(event: Any, email: str) -> Registration | None:
    email = normalise_email(email)
    if not email:
        return None
    return (
        Registration.objects.for_zone(event.zone_id)
        .filter(event_id=event.pk, email=email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def _take_seat(event: Event) -> bool:
    """One atomic conditional write: True if a seat was free and is now taken."""
    # a plain queryset: the registration row written next raises the page-cache generation itself
    rows: Any = models.QuerySet(model=Event).filter(pk=event.pk)
    if event.capacity is not None:
        rows = rows.filter(Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity")))
    return bool(rows.update(seats_taken=F("seats_taken") + 1))


_SETTLED = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
_MAIL_KIND: dict[str, str] = {
    RegistrationStatus.CONFIRMED: "confirmed",
    RegistrationStatus.WAITLISTED: "waitlisted",
}
_STATUS_LABELS = dict(RegistrationStatus.choices)


def _raise_page_cache(zone_id: int, *, public: bool) -> None:
    """What the post_save receiver would raise for a new registration (the kinds declared for
    events.Registration), but its public kinds only when what the public pages show changed
    (`public`: the event became full, or one of the last seats they name was taken). Staff-only
    kinds (cached staff fragments, if any are declared for registrations) always."""
    kinds = pagecache.kinds_for(Registration._meta.label)
    wanted = [k for k in kinds if public or k not in pagecache.PUBLIC_KINDS]
    if wanted:
        pagecache.bump(zone_id, *wanted)


def _question_ids(event: Any) -> set[int] | frozenset[int]:
    ids = getattr(event, "question_ids", None)
    if ids is not None:
        return ids  # type: ignore[no-any-return]
    return set(event.questions.values_list("pk", flat=True))


def registration_create(
    *,
    zone: Any,
    event: Any,
    name: str,
    email: str,
    organisation_name: str = "",
    organisation: Organisation | None = None,
    answers: dict[int, str] | None = None,
    newsletter_opt_in: bool = False,
    consent_text: str = "",
    actor: Any = None,
    check_window: bool = True,
    now: dt.datetime | None = None,
) -> Outcome:
    """Register someone (no account needed). Confirmed while seats are free, else on the waiting list.

    `event` is an Event or its cached `selectors.RegistrationSettings` (the public form's POST).
    Twice with one address: AlreadyRegistered (with the existing registration), nothing changes: the
    database's unique constraint `registration_one_per_email` refuses the second row (no SELECT first).

    One transaction: the seat (a conditional UPDATE), the registration, its answers, the audit entry
    and the confirmation mail's task row (a transactional outbox with the database task backend:
    the mail cannot be lost between commit and enqueue). Written with prepared SQL (rawwrite.py);
    the public pages' cache is raised only when what they show changes: the event becomes full or
    one of the last SEATS_SHOWN_EXACTLY seats is taken (a waiting-list registration changes nothing
    they show).
    """
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze zorgraad."), "organisation")
    email = normalise_email(email)
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError({"name": _("Vul je naam in.")})
    if not email:
        raise ServiceError({"email": _("Vul je e-mailadres in.")})
    if check_window:
        state = registration_state(event, now)
        if state != "open":
            raise ServiceError(_window_message(event, state))
    if organisation is None and organisation_name:
        organisation = match_organisation(zone, organisation_name)
    answers = answers or {}
    if answers:
        known = _question_ids(event)
        if any(qid not in known for qid in answers):
            raise ServiceError(_("Onbekende vraag bij deze activiteit."))
    moment = timezone.now()
    reg = Registration(
        zone=zone,
        event_id=event.pk,
        name=name[:200],
        email=email,
        organisation=organisation,
        organisation_name=(organisation.name if organisation else organisation_name.strip())[:200],
        status=RegistrationStatus.CONFIRMED,  # fastpath.write settles it: confirmed or waiting
        has_seat=True,
        confirmed_at=moment,
        newsletter_opt_in=newsletter_opt_in,
        newsletter_consent_text=(consent_text or str(NEWSLETTER_CONSENT_TEXT))[:400]
        if newsletter_opt_in
        else "",
        newsletter_consent_at=moment if newsletter_opt_in else None,
    )
    if isinstance(event, Event):
        reg.event = event
    rows = fastpath.Rows(
        registration=reg,
        # what audit.record writes: who registered when
        audit=AuditEntry(
            zone=zone,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label=name[:100],
            action="register",
            model="registration",
            object_id=0,
            object_repr="",
            changes={},
        ),
        reprs={s: f"{reg.name} ({_STATUS_LABELS[s]})"[:250] for s in _SETTLED},
    )
    outbox = _outbox_backend()
    if outbox is not None:  # the mail's task row joins the registration's transaction
        rows.task, rows.kinds = _outbox_row(outbox), {s: _MAIL_KIND[s] for s in _SETTLED}
    single = connection.vendor == "postgresql"
    kwargs = {
        "zone_id": zone.pk,
        "event_id": event.pk,
        "published_only": check_window,
        "waitlist": event.waitlist_enabled,
        "rows": rows,
    }
    try:
        if single and not answers and not connection.in_atomic_block:
            written = fastpath.write(**kwargs, single=True)  # one statement: its own transaction
        else:
            with transaction.atomic():
                written = fastpath.write(**kwargs, single=single)
                if written is not None and answers:
                    Answer.objects.bulk_create(
                        Answer(zone=zone, registration=reg, question_id=qid, value=value)
                        for qid, value in answers.items()
                    )
    except IntegrityError:
        # the address is already registered (perhaps at this very moment, from another request)
        again = existing_registration(event, email)
        if again is None:
            raise
        raise AlreadyRegistered(again) from None
    if written is None:
        raise ServiceError(_("Deze activiteit is volzet."))
    if outbox is None:
        _mail_after_commit(reg, _MAIL_KIND[reg.status])
    _raise_page_cache(zone.pk, public=written.left is not None and written.left <= SEATS_SHOWN_EXACTLY)
    if newsletter_opt_in:
        transaction.on_commit(
            partial(
                newsletter_consent_given.send,
                sender=Registration,
                zone=zone,
                registration=reg,
                email=reg.email,
                name=reg.name,
                consent_text=reg.newsletter_consent_text,
                consent_at=reg.newsletter_consent_at,
            )
        )
    return Outcome(reg, True)


def _window_message(event: Event, state: str) -> str:
    from zorgraad.core.dutch import long_date

    if state == "not_yet" and event.registration_opens_at:
        opens = timezone.localtime(event.registration_opens_at)
        return _("De inschrijvingen openen op %(day)s om %(time)s.") % {
            "day": long_date(opens.date(), capital=False),
            "time": opens.strftime("%H.%M"),
        }
    if state == "closed":
        return _("De inschrijvingen voor deze activiteit zijn afgesloten.")
    if state == "save_the_date":
        return _("Dit is een 'save the date': inschrijven kan nog niet.")
    return _("Voor deze activiteit kan je je niet inschrijven.")


def registration_cancel(*, zone: Any, registration: Registration, actor: Any = None) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the first person waiting. Returns who was promoted."""
    same_zone(zone, registration, _("Deze inschrijving hoort niet bij deze zorgraad."))
    with transaction.atomic():
        # the write lock on the event row first: cancellations of one event run one after the other
        Event.objects.unscoped().filter(pk=registration.event_id).update(sequence=F("sequence"))
        reg = Registration.objects.for_zone(zone).select_for_update().get(pk=registration.pk)
        if reg.status == RegistrationStatus.CANCELLED:
            raise ServiceError(_("Deze inschrijving is al geannuleerd."))
        held = reg.has_seat
        reg.status = RegistrationStatus.CANCELLED
        reg.has_seat = False
        reg.cancelled_at = timezone.now()
        reg.sequence += 1
        reg.save(update_fields=["status", "has_seat", "cancelled_at", "sequence"])
        if held:
            Event.objects.unscoped().filter(pk=reg.event_id).update(seats_taken=F("seats_taken") - 1)
        event = Event.objects.for_zone(zone).get(pk=reg.event_id)
        promoted = _fill_from_waitlist(zone, event) if held else []
        audit.record(zone=zone, actor=actor, action="cancel", instance=reg, actor_label=reg.name[:100])
    registration.status, registration.has_seat = reg.status, False
    if reg.email:
        _mail_after_commit(reg, "cancelled")
    for other in promoted:
        _mail_after_commit(other, "promoted")
    return promoted


def _fill_from_waitlist(zone: Any, event: Event) -> list[Registration]:
    """Give free seats to the people waiting, first come first served. Call inside a transaction
    that already wrote the event row (so it holds the row's lock)."""
    if event.status != EventStatus.PUBLISHED:
        return []
    promoted: list[Registration] = []
    waiting = list(
        Registration.objects.for_zone(zone)
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")[:50]
    )
    now = timezone.now()
    for reg in waiting:
        if not _take_seat(event):
            break
        reg.status = RegistrationStatus.CONFIRMED
        reg.has_seat = True
        reg.promoted_at = reg.confirmed_at = now
        reg.sequence += 1
        reg.save(update_fields=["status", "has_seat", "promoted_at", "confirmed_at", "sequence"])
        audit.record(zone=zone, actor=None, action="promote", instance=reg, actor_label="wachtlijst")
        promoted.append(reg)
    return promoted


def _mail_after_commit(reg: Registration, kind: str) -> None:
    from . import tasks

    transaction.on_commit(partial(tasks.registration_mail.enqueue, reg.zone_id, reg.pk, kind))


def _outbox_backend() -> Any:
    """The task backend when it is django_tasks_db (its rows can join our transaction), else None
    (the immediate backend of the tests: enqueued after commit)."""
    from django_tasks_db.backend import DatabaseBackend

    from . import tasks

    backend = tasks.registration_mail.get_backend()
    return backend if isinstance(backend, DatabaseBackend) else None


def _outbox_row(backend: Any) -> Any:
    """The registrant's mail as the task row django_tasks_db's `enqueue` writes (its args are set
    by fastpath.write once the registration has its id): a transactional outbox, the row commits
    with the registration or not at all (tests/test_registration_fast.py compares it with
    `enqueue`'s row and runs it through the real worker)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    from . import tasks

    task = tasks.registration_mail  # validated against its backend when it was declared
    return DBTaskResult(
        id=backend._get_id(),
        args_kwargs={},
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after or get_date_max(),
        backend_name=backend.alias,
    )


# --- the day itself ------------------------------------------------------------------------------


def registration_check_in(
    *, zone: Any, actor: Any, registration: Registration, present: bool = True
) -> Registration:
    """Tick someone present (or undo it). Someone from the waiting list who shows up is let in
    without a seat of the registration count."""
    same_zone(zone, registration, _("Deze inschrijving hoort niet bij deze zorgraad."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise ServiceError(_("Deze inschrijving is geannuleerd."))
    with transaction.atomic():
        if present:
            registration.status = RegistrationStatus.ATTENDED
            registration.checked_in_at = timezone.now()
        else:
            registration.status = (
                RegistrationStatus.CONFIRMED if registration.has_seat else RegistrationStatus.WAITLISTED
            )
            registration.checked_in_at = None
        registration.save(update_fields=["status", "checked_in_at"])
        audit.record(
            zone=zone, actor=actor, action="check_in" if present else "check_in_undo", instance=registration
        )
    return registration


def walk_in_add(
    *, zone: Any, actor: Any, event: Event, name: str, email: str = "", organisation_name: str = ""
) -> Registration:
    """Someone who comes without registering: present at once; walk-ins take no seat of the count."""
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError({"name": _("Vul de naam in.")})
    email = normalise_email(email)
    if email and existing_registration(event, email) is not None:
        raise ServiceError({"email": _("Dit e-mailadres is al ingeschreven: zoek de persoon in de lijst.")})
    with transaction.atomic():
        reg = Registration.objects.create(
            zone=zone,
            event=event,
            name=name[:200],
            email=email,
            organisation=match_organisation(zone, organisation_name) if organisation_name else None,
            organisation_name=organisation_name.strip()[:200],
            status=RegistrationStatus.ATTENDED,
            walk_in=True,
            checked_in_at=timezone.now(),
        )
        audit.record(zone=zone, actor=actor, action="walk_in", instance=reg)
    return reg


def attendance_close(*, zone: Any, actor: Any, event: Event) -> int:
    """After the event: everyone confirmed who was not ticked present is a no-show. Returns how many."""
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    with transaction.atomic():
        count = (
            Registration.objects.for_zone(zone)
            .filter(event=event, status=RegistrationStatus.CONFIRMED)
            .update(status=RegistrationStatus.NO_SHOW)
        )
        audit.record(
            zone=zone, actor=actor, action="attendance_close", instance=event, changes={"no_show": count}
        )
    return count


# --- evaluation ----------------------------------------------------------------------------------


def evaluation_open(event: Event, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    if now < event.ends_at - dt.timedelta(hours=1):
        return False
    return event.evaluation_closes_at is None or now < event.evaluation_closes_at


def evaluation_submit(
    *, zone: Any, registration: Registration, answers: dict[int, Any], now: dt.datetime | None = None
) -> EvaluationResponse:
    """Store an anonymous evaluation: the response does not point at the registration; the
    registration only remembers that it answered (once)."""
    event = registration.event
    same_zone(zone, registration, _("Deze inschrijving hoort niet bij deze zorgraad."))
    if registration.status != RegistrationStatus.ATTENDED:
        raise ServiceError(_("Alleen wie aanwezig was, kan de activiteit evalueren."))
    if not evaluation_open(event, now):
        raise ServiceError(_("De evaluatie van deze activiteit is gesloten."))
    questions = {q.pk: q for q in event.evaluation_questions.all()}
    rows: list[EvaluationAnswer] = []
    for qid, value in answers.items():
        q = questions.get(qid)
        if q is None:
            raise ServiceError(_("Onbekende vraag in de evaluatie."))
        if value in (None, ""):
            continue
        if q.kind == EvaluationKind.SCALE:
            score = int(value)
            if not 1 <= score <= 5:
                raise ServiceError(_("Kies een score van 1 tot 5."))
            rows.append(EvaluationAnswer(zone=zone, question=q, score=score))
        else:
            if q.kind == EvaluationKind.CHOICE and value not in q.choice_list:
                raise ServiceError(_("Kies een van de mogelijke antwoorden."))
            rows.append(EvaluationAnswer(zone=zone, question=q, value=str(value)[:5000]))
    with transaction.atomic():
        done = (
            Registration.objects.for_zone(zone)
            .filter(pk=registration.pk, evaluated_at__isnull=True)
            .update(evaluated_at=timezone.now())
        )
        if not done:
            raise ServiceError(_("Je hebt deze activiteit al geëvalueerd. Bedankt!"))
        # the moment is rounded to the day, so the response cannot be matched to a check-in time
        day = timezone.localdate()
        response = EvaluationResponse.objects.create(
            zone=zone, event=event, submitted_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        )
        for row in rows:
            row.response = response
        EvaluationAnswer.objects.bulk_create(rows)
    return response


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
    from .models import EvaluationQuestion, EventSession, ProgrammeSlot

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
