"""Sending an edition: the recipients, the queue, the send itself, a test mail, counted clicks.

Sending makes one Delivery row per subscriber per edition (unique): a row is claimed before its mail
goes out and marked after, so a worker that restarts after a crash sends only what was never claimed.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from functools import partial
from typing import Any

from django.conf import settings
from django.core import mail as django_mail
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit, pagecache
from zorgraad.core.errors import ServiceError
from zorgraad.zones.models import Zone

from .. import render, tasks
from ..models import (
    Block,
    Delivery,
    DeliveryStatus,
    Edition,
    EditionStatus,
    Interest,
    Link,
    Status,
    Subscriber,
)
from .editions import _editable
from .subscribing import _address

BATCH_SIZE = 200
HARD_BOUNCES_MAKE_INACTIVE = 3
# a claim older than this, left by a worker that died, is not sent again (it may have gone out)
STALE_CLAIM = dt.timedelta(minutes=10)


def recipients(zone: Zone, edition: Edition) -> Any:
    """Active subscribers who want the newsletter, of the edition's audience."""
    wants = Interest.objects.filter(subscriber=OuterRef("pk"), body__isnull=True)
    qs = Subscriber.objects.for_zone(zone).filter(Exists(wants), status=Status.ACTIVE)
    if edition.audience:
        qs = qs.filter(Q(audience=edition.audience) | Q(audience=""))
    return qs


@transaction.atomic
def edition_queue(*, zone: Zone, actor: Any, edition: Edition, when: dt.datetime | None = None) -> Edition:
    """Freeze the edition (links rewritten to the counting redirect), make one Delivery row per
    recipient and hand the sending to the task queue — now, or at `when`."""
    edition = Edition.objects.for_zone(zone).select_for_update().get(pk=edition.pk)
    _editable(edition)
    blocks = list(Block.objects.for_zone(zone).filter(edition=edition))
    if not blocks:
        raise ServiceError(
            _("Deze editie heeft nog geen blokken. Voeg minstens één blok toe voor je ze verstuurt.")
        )
    now = timezone.now()
    if when is not None and when <= now:
        raise ServiceError({"when": _("Kies een moment in de toekomst.")})
    edition.html, edition.text = render.freeze(zone=zone, edition=edition, blocks=blocks)
    edition.queued_at = now
    edition.status = EditionStatus.SCHEDULED if when else EditionStatus.SENDING
    edition.scheduled_for = when
    edition.save(update_fields=["html", "text", "queued_at", "status", "scheduled_for"])
    ids = list(recipients(zone, edition).values_list("pk", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(zone=zone, edition=edition, subscriber_id=pk) for pk in ids],
        batch_size=2000,
        ignore_conflicts=True,
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="queued",
        instance=edition,
        changes={"ontvangers": [None, len(ids)], "gepland": [None, when.isoformat() if when else _("nu")]},
    )
    transaction.on_commit(partial(_enqueue_send, edition.pk, when))
    return edition


def _enqueue_send(edition_id: int, when: dt.datetime | None) -> None:
    if when is None:
        tasks.send_edition.enqueue(edition_id)
    elif tasks.send_edition.get_backend().supports_defer:
        tasks.send_edition.using(run_after=when).enqueue(edition_id)
    # else: `manage.py newsletter_send_due` (run by cron) sends it once it is due


def editions_due(*, now: dt.datetime | None = None) -> list[int]:
    """Editions to (re)start: scheduled ones whose moment has come, and sends a crash interrupted."""
    now = now or timezone.now()
    due = Edition.objects.unscoped().filter(
        Q(status=EditionStatus.SCHEDULED, scheduled_for__lte=now) | Q(status=EditionStatus.SENDING)
    )
    return list(due.order_by("pk").values_list("pk", flat=True))


def _next_batch(zone: Zone, edition: Edition, size: int) -> list[Delivery]:
    return list(
        Delivery.objects.for_zone(zone)
        .filter(edition=edition, status=DeliveryStatus.QUEUED)
        .select_related("subscriber")
        .order_by("pk")[:size]
    )


def _claim(zone: Zone, delivery: Delivery) -> bool:
    """Take one delivery for this worker; False when another worker took it first."""
    return bool(
        Delivery.objects.for_zone(zone)
        .filter(pk=delivery.pk, status=DeliveryStatus.QUEUED)
        .update(status=DeliveryStatus.CLAIMED, claimed_at=timezone.now())
    )


def _mark(zone: Zone, delivery: Delivery, status: str, error: str = "") -> None:
    Delivery.objects.for_zone(zone).filter(pk=delivery.pk).update(
        status=status, error=error[:300], sent_at=timezone.now() if status == DeliveryStatus.SENT else None
    )


def _hard_bounce(zone: Zone, subscriber: Subscriber) -> None:
    Subscriber.objects.for_zone(zone).filter(pk=subscriber.pk).update(bounces=F("bounces") + 1)
    Subscriber.objects.for_zone(zone).filter(
        pk=subscriber.pk, bounces__gte=HARD_BOUNCES_MAKE_INACTIVE
    ).update(status=Status.INACTIVE)


def edition_send(
    *, edition_id: int, batch_size: int = BATCH_SIZE, limit: int | None = None
) -> dict[str, int]:
    """Task body: send what is still queued, in batches over one SMTP connection each.

    Each row is claimed just before its mail goes out and marked right after. A worker that dies
    leaves the rows it never reached queued (a restart sends them) and at most the one it was
    sending claimed: after STALE_CLAIM that one is marked failed with a note, never sent again (the
    mail may have gone out), so nobody is mailed twice. `limit` stops
    after that many mails (tests and benchmarks).
    """
    edition = Edition.objects.unscoped().select_related("zone").get(pk=edition_id)
    zone = edition.zone
    if edition.status == EditionStatus.SCHEDULED:
        Edition.objects.for_zone(zone).filter(pk=edition.pk).update(status=EditionStatus.SENDING)
    elif edition.status != EditionStatus.SENDING:
        return {"sent": 0, "failed": 0}
    Delivery.objects.for_zone(zone).filter(
        edition=edition, status=DeliveryStatus.CLAIMED, claimed_at__lt=timezone.now() - STALE_CLAIM
    ).update(
        status=DeliveryStatus.FAILED, error=_("onderbroken tijdens het versturen; niet opnieuw verstuurd")
    )
    sent = failed = 0
    while limit is None or sent + failed < limit:
        size = batch_size if limit is None else min(batch_size, limit - sent - failed)
        batch = _next_batch(zone, edition, size)
        if not batch:
            break
        connection = django_mail.get_connection()
        try:
            connection.open()
            for delivery in batch:
                message = render.edition_message(
                    zone=zone, edition=edition, subscriber=delivery.subscriber, connection=connection
                )
                if not _claim(zone, delivery):
                    continue
                try:
                    message.send()
                except smtplib.SMTPRecipientsRefused as exc:
                    failed += 1
                    code, text = next(iter(exc.recipients.values()), (550, b""))
                    reason = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
                    _mark(
                        zone,
                        delivery,
                        DeliveryStatus.FAILED,
                        _("geweigerd: %(code)s %(text)s") % {"code": code, "text": reason},
                    )
                    _hard_bounce(zone, delivery.subscriber)
                    continue
                except (smtplib.SMTPException, OSError) as exc:
                    failed += 1
                    _mark(zone, delivery, DeliveryStatus.FAILED, str(exc) or exc.__class__.__name__)
                    continue
                sent += 1
                _mark(zone, delivery, DeliveryStatus.SENT)
        finally:
            connection.close()
    if (
        not Delivery.objects.for_zone(zone)
        .filter(edition=edition, status__in=[DeliveryStatus.QUEUED, DeliveryStatus.CLAIMED])
        .exists()
    ):
        finished = (
            Edition.objects.for_zone(zone)
            .filter(pk=edition.pk, status=EditionStatus.SENDING)
            .update(status=EditionStatus.SENT, sent_at=timezone.now())
        )
        if finished:
            _archive_changed(zone)
    return {"sent": sent, "failed": failed}


def _archive_changed(zone: Zone) -> None:
    """A queryset update sends no signal: tell the page cache the archive changed."""
    bump = getattr(pagecache, "bump", None)
    if bump is not None:
        bump(zone.pk, "newsletter")
    else:
        pagecache.bump_zone(zone.pk)


def edition_test_send(*, zone: Zone, actor: Any, edition: Edition, email: str) -> None:
    """The edition as it will look, to one address (links not counted, no Delivery row)."""
    email = _address(email)
    blocks = list(Block.objects.for_zone(zone).filter(edition=edition))
    if not blocks:
        raise ServiceError(
            _("Deze editie heeft nog geen blokken. Voeg minstens één blok toe voor je ze verstuurt.")
        )
    message = render.test_message(zone=zone, edition=edition, blocks=blocks, email=email)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        raise ServiceError(_("De mailserver weigerde de testmail: %(error)s") % {"error": exc}) from exc


def link_click(*, zone: Zone, link_id: int) -> Link | None:
    """Count one click on a link of a sent edition; None for a link that is not in an edition."""
    link = Link.objects.for_zone(zone).filter(pk=link_id).first()
    if link is None:
        return None
    Link.objects.for_zone(zone).filter(pk=link.pk).update(clicks=F("clicks") + 1)
    return link


def from_email() -> str:
    return str(settings.DEFAULT_FROM_EMAIL)
