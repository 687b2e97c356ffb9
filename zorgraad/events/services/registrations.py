"""Registrations: registering (seats, waiting list, the confirmation mail's outbox row), cancelling
and handing freed seats to the people waiting; the newsletter consent a registration may carry."""

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

from .. import fastpath
from ..models import (
    SEATS_SHOWN_EXACTLY,
    Answer,
    Event,
    EventStatus,
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


class AlreadyRegistered(ServiceError):
    """The e-mail address already has a registration for this event: `registration` is it."""

    def __init__(self, registration: Registration) -> None:
        super().__init__(_("Je bent al ingeschreven voor deze activiteit met dit e-mailadres."))
        self.registration = registration


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    created: bool


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
    from .. import tasks

    transaction.on_commit(partial(tasks.registration_mail.enqueue, reg.zone_id, reg.pk, kind))


def _outbox_backend() -> Any:
    """The task backend when it is django_tasks_db (its rows can join our transaction), else None
    (the immediate backend of the tests: enqueued after commit)."""
    from django_tasks_db.backend import DatabaseBackend

    from .. import tasks

    backend = tasks.registration_mail.get_backend()
    return backend if isinstance(backend, DatabaseBackend) else None


def _outbox_row(backend: Any) -> Any:
    """The registrant's mail as the task row django_tasks_db's `enqueue` writes (its args are set
    by fastpath.write once the registration has its id): a transactional outbox, the row commits
    with the registration or not at all (tests/test_registration_fast.py compares it with
    `enqueue`'s row and runs it through the real worker)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    from .. import tasks

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
