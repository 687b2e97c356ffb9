"""Writes for self-service: sending links, applying a person's own corrections, the yearly round."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.zones.models import Zone

from .. import mail, tasks
from ..models import ConfirmationRound, Person, SelfServiceLink
from ..selectors import selfservice as selectors
from .directory import ServiceError, _person_write, organisation_update

logger = logging.getLogger(__name__)

PERSON_FIELDS = ["first_name", "last_name", "email", "phone"]
ORGANISATION_FIELDS = ["phone", "email", "website", "street", "postal_code", "city"]
# Stored on audit entries as written here (data, not interface text).
ROUND_LABEL = "bevestigingsronde"
PROFILE_LABEL = "via mijn profiel"
# A round that has not finished after this long is taken to have died (worker stopped).
ROUND_STUCK_AFTER = dt.timedelta(hours=12)


class LinkUsedError(ServiceError):
    """The link was used meanwhile (e.g. the form was posted twice)."""


class LinkExpiredError(ServiceError):
    """The link expired between opening and posting the form."""


def selfservice_actor_label(person: Person) -> str:
    return f"via zelfservicelink ({person.full_name})"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _link_create(
    *,
    zone: Zone,
    person: Person,
    actor: Any,
    reason: str,
    confirmation_round: ConfirmationRound | None = None,
    actor_label: str = "",
) -> SelfServiceLink:
    link = SelfServiceLink.objects.create(
        zone=zone,
        person=person,
        email=person.email,
        expires_at=timezone.now() + selectors.link_lifetime(),
        sent_by=_user(actor),
        reason=reason,
        confirmation_round=confirmation_round,
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="selfservice_link_sent",
        instance=person,
        changes={
            "zelfservicelink": [
                None,
                f"{link.email} (geldig tot {timezone.localtime(link.expires_at):%Y-%m-%d})",
            ]
        },
        actor_label=actor_label,
    )
    return link


# --- sending one link ---------------------------------------------------------------------------


@transaction.atomic
def selfservice_link_send(*, zone: Zone, actor: Any, person: Person) -> SelfServiceLink:
    """Create a one-time link for `person` and mail it after commit (through a task)."""
    if person.zone_id != zone.pk:
        raise ServiceError(_("Deze persoon hoort niet bij deze eerstelijnszone."))
    if person.is_archived:
        raise ServiceError(
            _("%(name)s is gearchiveerd. Een zelfservicelink kan alleen naar een actieve persoon.")
            % {"name": person.full_name}
        )
    if not person.email:
        raise ServiceError(
            _("%(name)s heeft geen e-mailadres. Vul eerst een e-mailadres in en stuur dan de link.")
            % {"name": person.full_name}
        )
    link = _link_create(zone=zone, person=person, actor=actor, reason="manual")
    transaction.on_commit(partial(tasks.selfservice_link_mail.enqueue, zone.pk, link.pk))
    return link


@dataclass(frozen=True)
class DeliveryFailure:
    person: int
    name: str
    email: str
    reason: str
    bounced: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "name": self.name,
            "email": self.email,
            "reason": self.reason,
            "bounced": self.bounced,
        }


@transaction.atomic
def _link_failed(
    *, zone: Zone, link: SelfServiceLink, bounced: bool, reason: str, actor_label: str
) -> DeliveryFailure:
    """The mail did not go out: the link is withdrawn; a refused address is marked as bounced."""
    person = Person.objects.for_zone(zone).select_for_update().get(pk=link.person_id)
    SelfServiceLink.objects.for_zone(zone).filter(pk=link.pk).delete()
    if bounced and person.email == link.email and not person.email_bounced:
        person.email_bounced = True
        person.save(update_fields=["email_bounced", "updated_at"])
        audit.record(
            zone=zone,
            actor=None,
            action="email_bounced",
            instance=person,
            changes={"email_bounced": [False, True]},
            actor_label=actor_label or "mailserver",
        )
    return DeliveryFailure(person.pk, person.full_name, link.email, reason, bounced)


def _deliver(
    *, zone: Zone, link: SelfServiceLink, connection: Any, actor_label: str
) -> DeliveryFailure | None:
    """Send the mail of one link over `connection`; on failure withdraw the link and say why."""
    message = mail.selfservice_link_message(
        link=link, token=selectors.selfservice_token(link), connection=connection
    )
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()), (550, b""))
        reply = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        permanent = int(code) >= 500
        reason = (
            f"Adres geweigerd door de mailserver ({code} {reply})"
            if permanent
            else f"Tijdelijk geweigerd door de mailserver ({code} {reply}); probeer later opnieuw"
        )
        return _link_failed(zone=zone, link=link, bounced=permanent, reason=reason, actor_label=actor_label)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Self-service mail to person %s failed: %s", link.person_id, exc)
        connection.close()  # the next message opens a fresh connection
        return _link_failed(
            zone=zone,
            link=link,
            bounced=False,
            reason=f"Versturen mislukt ({exc.__class__.__name__}); probeer later opnieuw",
            actor_label=actor_label,
        )
    return None


def selfservice_link_deliver(*, zone_id: int, link_id: int) -> str:
    """Task body: mail one manually sent link."""
    zone = Zone.objects.get(pk=zone_id)
    link = (
        SelfServiceLink.objects.for_zone(zone)
        .select_related("zone", "person", "sent_by")
        .filter(pk=link_id, used_at__isnull=True)
        .first()
    )
    if link is None:
        return "skipped"
    connection = get_connection(fail_silently=False)
    try:
        failure = _deliver(zone=zone, link=link, connection=connection, actor_label="mailserver")
    finally:
        connection.close()
    if failure is None:
        return "sent"
    logger.warning("Self-service link for person %s not delivered: %s", link.person_id, failure.reason)
    return "bounced" if failure.bounced else "failed"


# --- applying a person's own corrections ---------------------------------------------------------


@transaction.atomic
def selfservice_apply(
    *,
    zone: Zone,
    actor: Any,
    person: Person,
    data: dict[str, Any],
    link: SelfServiceLink | None = None,
    actor_label: str = "",
) -> Person:
    """Save what the person corrected and mark person and organisations as confirmed now.

    `data` is SelfServiceForm.cleaned_data: {"person": {...}, "organisations": {pk: {...}},
    "functions": {affiliation_pk: str}}. With a `link`, the link is used up in the same transaction.
    """
    if person.zone_id != zone.pk:
        raise ServiceError(_("Deze persoon hoort niet bij deze eerstelijnszone."))
    now = timezone.now()
    locked_link: SelfServiceLink | None = None
    if link is not None:
        locked_link = SelfServiceLink.objects.for_zone(zone).select_for_update().filter(pk=link.pk).first()
        if locked_link is None or locked_link.person_id != person.pk:
            raise ServiceError(_("Deze link is niet geldig."))
        if locked_link.used_at is not None:
            raise LinkUsedError(_("Deze link werd al gebruikt. Je wijzigingen werden al bewaard."))
        if locked_link.expires_at <= now:
            raise LinkExpiredError(_("Deze link is verlopen."))
    person = Person.objects.for_zone(zone).select_for_update().get(pk=person.pk)
    if person.is_archived:
        raise ServiceError(_("Deze persoon is gearchiveerd; de gegevens kunnen niet meer aangepast worden."))
    affiliations = {a.pk: a for a in selectors.current_affiliations(zone=zone, person=person)}
    organisations = {a.organisation_id: a.organisation for a in affiliations.values()}
    if not set(data.get("organisations", {})) <= set(organisations) or not set(
        data.get("functions", {})
    ) <= set(affiliations):
        raise ServiceError(
            _("Je gegevens werden intussen gewijzigd. Open het formulier opnieuw en kijk alles nog eens na.")
        )

    # The person.
    values = {f: data["person"][f] for f in PERSON_FIELDS if f in data.get("person", {})}
    if values.get("email", person.email) != person.email:
        values["email_bounced"] = False  # a new address is not known to bounce
    previous_confirmation = person.last_confirmed_at
    values["last_confirmed_at"] = now
    person = _person_write(zone=zone, actor=actor, person=person, values=values, actor_label=actor_label)
    _record_confirmed(
        zone=zone, actor=actor, instance=person, previous=previous_confirmation, now=now, label=actor_label
    )

    # The organisations shown on the form.
    for org_pk, fields in data.get("organisations", {}).items():
        org = organisations[org_pk]
        org = organisation_update(
            zone=zone,
            actor=actor,
            organisation=org,
            data={f: fields[f] for f in ORGANISATION_FIELDS if f in fields},
            actor_label=actor_label,
        )
        previous_confirmation = org.last_confirmed_at
        org.last_confirmed_at = now
        org.save(update_fields=["last_confirmed_at", "updated_at"])
        _record_confirmed(
            zone=zone, actor=actor, instance=org, previous=previous_confirmation, now=now, label=actor_label
        )

    # The functions.
    for aff_pk, function in data.get("functions", {}).items():
        aff = affiliations[aff_pk]
        if aff.function != function:
            old = aff.function
            aff.function = function
            aff.save(update_fields=["function"])
            audit.record(
                zone=zone,
                actor=actor,
                action="updated",
                instance=aff,
                changes={"function": [old, function]},
                actor_label=actor_label,
            )

    if locked_link is not None:
        locked_link.used_at = now
        locked_link.save(update_fields=["used_at"])
    return person


def _record_confirmed(
    *, zone: Zone, actor: Any, instance: Any, previous: dt.datetime | None, now: dt.datetime, label: str
) -> None:
    audit.record(
        zone=zone,
        actor=actor,
        action="confirmed",
        instance=instance,
        changes={"last_confirmed_at": [str(previous) if previous else None, str(now)]},
        actor_label=label,
    )


# --- the yearly confirmation round ---------------------------------------------------------------


@transaction.atomic
def confirmation_round_start(*, zone: Zone, actor: Any) -> ConfirmationRound:
    """Record a round and, after commit, queue one task per batch of people to mail."""
    Zone.objects.select_for_update().filter(pk=zone.pk).first()  # one start at a time per zone
    now = timezone.now()
    running = (
        ConfirmationRound.objects.for_zone(zone)
        .filter(finished_at__isnull=True, started_at__gte=now - ROUND_STUCK_AFTER)
        .first()
    )
    if running is not None:
        raise ServiceError(
            _("Er loopt al een bevestigingsronde (gestart op %(when)s). Wacht tot die klaar is.")
            % {"when": formats.date_format(timezone.localtime(running.started_at), "j F Y H:i")}
        )
    ids = list(selectors.confirmation_candidates(zone=zone).values_list("pk", flat=True))
    if not ids:
        raise ServiceError(
            _(
                "Er is niemand om te mailen: iedereen met een werkend e-mailadres bevestigde zijn gegevens "
                "in de voorbije 12 maanden of kreeg de voorbije %(days)s dagen al een link."
            )
            % {"days": selectors.link_lifetime().days}
        )
    size = max(1, int(settings.ZORGRAAD_CONFIRMATION_BATCH_SIZE))
    batches = [ids[i : i + size] for i in range(0, len(ids), size)]
    confirmation_round = ConfirmationRound.objects.create(
        zone=zone, started_at=now, started_by=_user(actor), total=len(ids), batches=len(batches)
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="confirmation_round_started",
        instance=confirmation_round,
        changes={"total": [None, len(ids)]},
    )
    for batch in batches:
        transaction.on_commit(
            partial(tasks.confirmation_batch_send.enqueue, zone.pk, confirmation_round.pk, batch)
        )
    return confirmation_round


def confirmation_batch_run(*, zone_id: int, round_id: int, person_ids: list[int]) -> dict[str, int]:
    """Task body: one batch of a round. A refused address is marked and reported; the batch goes on."""
    zone = Zone.objects.get(pk=zone_id)
    confirmation_round = (
        ConfirmationRound.objects.for_zone(zone).select_related("started_by").get(pk=round_id)
    )
    actor = confirmation_round.started_by
    # Checked again now: someone may have confirmed, been archived or got a link meanwhile.
    people = list(selectors.confirmation_candidates(zone=zone).filter(pk__in=person_ids).order_by("pk"))
    skipped = len(set(person_ids)) - len(people)
    sent = 0
    failures: list[DeliveryFailure] = []
    connection = get_connection(fail_silently=False)
    try:
        for person in people:
            with transaction.atomic():
                link = _link_create(
                    zone=zone,
                    person=person,
                    actor=actor,
                    reason="yearly",
                    confirmation_round=confirmation_round,
                    actor_label=ROUND_LABEL,
                )
            link.zone = zone
            failure = _deliver(zone=zone, link=link, connection=connection, actor_label=ROUND_LABEL)
            if failure is None:
                sent += 1
            else:
                failures.append(failure)
    finally:
        connection.close()
    _round_progress(zone=zone, round_id=round_id, sent=sent, skipped=skipped, failures=failures)
    return {"sent": sent, "failed": len(failures), "skipped": skipped}


@transaction.atomic
def _round_progress(
    *, zone: Zone, round_id: int, sent: int, skipped: int, failures: list[DeliveryFailure]
) -> None:
    confirmation_round = ConfirmationRound.objects.for_zone(zone).select_for_update().get(pk=round_id)
    confirmation_round.sent += sent
    confirmation_round.skipped += skipped
    confirmation_round.failed += len(failures)
    confirmation_round.failures = [*confirmation_round.failures, *(f.as_dict() for f in failures)]
    confirmation_round.batches_done += 1
    if confirmation_round.batches_done >= confirmation_round.batches:
        confirmation_round.finished_at = timezone.now()
    confirmation_round.save()
