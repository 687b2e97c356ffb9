"""Writes of the newsletter: subscribing (double opt-in), unsubscribing, editions and sending.

Subscribing stores nothing until the address's owner clicks the signed link that was mailed; the
visitor sees the same answer whether or not the address is already subscribed. Sending makes one
Delivery row per subscriber per edition (unique): a row is claimed before its mail goes out and
marked after, so a worker that restarts after a crash sends only what was never claimed.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit, pagecache
from zorgraad.core.errors import ServiceError
from zorgraad.governance.models import Body
from zorgraad.governance.subscriptions import BodySubscription
from zorgraad.network.models import Organisation, Person
from zorgraad.zones.models import Zone

from . import render, tasks, tokens
from .models import (
    Audience,
    Block,
    BlockKind,
    Consent,
    Delivery,
    DeliveryStatus,
    Edition,
    EditionStatus,
    Interest,
    Link,
    Source,
    Status,
    Subscriber,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
HARD_BOUNCES_MAKE_INACTIVE = 3
# a claim older than this, left by a worker that died, is not sent again (it may have gone out)
STALE_CLAIM = dt.timedelta(minutes=10)


class LinkUsed(ServiceError):
    """The confirmation link was used before."""


def _address(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ServiceError(
            {"email": _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")}
        ) from exc
    return email


def _open_bodies(zone: Zone, body_ids: Iterable[int]) -> list[Body]:
    ids = sorted({int(b) for b in body_ids})
    if not ids:
        return []
    bodies = list(Body.objects.for_zone(zone).filter(pk__in=ids, is_open=True, is_archived=False))
    if len(bodies) != len(ids):
        raise ServiceError(
            {"bodies": _("Je kan je enkel inschrijven voor de agenda van een open overleg van deze zone.")}
        )
    return bodies


def _has_all(subscriber: Subscriber | None, newsletter: bool, body_ids: Iterable[int]) -> bool:
    if subscriber is None or subscriber.status != Status.ACTIVE:
        return False
    rows = list(Interest.objects.for_zone(subscriber.zone_id).filter(subscriber=subscriber))
    have_newsletter = any(r.body_id is None for r in rows)
    have_bodies = {r.body_id for r in rows if r.body_id}
    return (have_newsletter or not newsletter) and set(body_ids) <= have_bodies


# --- subscribing --------------------------------------------------------------------------------


@transaction.atomic
def subscription_request(
    *,
    zone: Zone,
    email: str,
    consent_text: str,
    name: str = "",
    audience: str = "",
    newsletter: bool = True,
    body_ids: Iterable[int] = (),
    source: str = Source.SITE,
) -> bool:
    """Someone asks for the newsletter and/or a body's agenda: mail a confirmation link, unless the
    address already gets all of it. Stores nothing. Returns whether a mail goes out; the page the
    visitor sees must not depend on it."""
    email = _address(email)
    if not (consent_text or "").strip():
        raise ServiceError({"consent": _("Geef je toestemming, anders kunnen we je niets sturen.")})
    if audience not in Audience.values:
        raise ServiceError({"audience": _("Kies professionals of burgers.")})
    if source not in Source.values:
        raise ServiceError(_("Onbekende bron van de inschrijving."))
    bodies = _open_bodies(zone, body_ids)
    if not newsletter and not bodies:
        raise ServiceError(_("Kies waarvoor je je inschrijft: de nieuwsbrief of de agenda van een overleg."))
    existing = Subscriber.objects.for_zone(zone).filter(email=email).first()
    if _has_all(existing, newsletter, [b.pk for b in bodies]):
        return False
    token = tokens.confirm_token(
        zone_id=zone.pk,
        email=email,
        name=(name or "").strip()[:200],
        audience=audience,
        newsletter=newsletter,
        body_ids=[b.pk for b in bodies],
        source=source,
        wording=consent_text,
    )
    transaction.on_commit(partial(tasks.confirm_mail.enqueue, zone.pk, token))
    return True


def confirm_mail_deliver(*, zone_id: int, token: str) -> str:
    """Task body: mail the confirmation link. A refused address stores nothing and does not crash."""
    zone = Zone.objects.get(pk=zone_id)
    try:
        request = tokens.confirm_read(zone_id=zone.pk, token=token)
    except tokens.LinkRefused:
        return "skipped"
    message = render.confirm_message(zone=zone, request=request, token=token)
    try:
        message.send()
    except Exception:
        logger.warning("Newsletter confirmation for zone %s could not be sent", zone.pk, exc_info=True)
        return "failed"
    return "sent"


def _link_person(zone: Zone, subscriber: Subscriber) -> None:
    if subscriber.person_id:
        return
    person = (
        Person.objects.for_zone(zone)
        .filter(email__iexact=subscriber.email, is_archived=False)
        .order_by("pk")
        .first()
    )
    if person is not None:
        subscriber.person = person


@transaction.atomic
def subscription_confirm(
    *, zone: Zone, actor: Any, token: str, consent_text: str, request: tokens.Request | None = None
) -> tuple[Subscriber, bool]:
    """The owner clicked the confirmation link. Returns the subscriber and whether something was added.

    A link confirms once (LinkUsed); the consent wording shown today must be the one agreed to.
    """
    request = request or tokens.confirm_read(zone_id=zone.pk, token=token)
    digest = tokens.token_hash(token)
    if Consent.objects.for_zone(zone).filter(token_hash=digest).exists():
        raise LinkUsed(_("Deze bevestigingslink is al gebruikt. Je inschrijving staat al genoteerd."))
    if request.wording != tokens.fingerprint(consent_text):
        raise ServiceError(
            _(
                "De tekst waarmee je toestemming gaf, is intussen gewijzigd. Schrijf je opnieuw in, dan krijg je een nieuwe link."
            )
        )
    bodies = _open_bodies(zone, request.body_ids)
    now = timezone.now()
    subscriber = Subscriber.objects.for_zone(zone).select_for_update().filter(email=request.email).first()
    created = subscriber is None
    if subscriber is None:
        subscriber = Subscriber(zone=zone, email=request.email)
    subscriber.name = subscriber.name or request.name
    subscriber.audience = request.audience or subscriber.audience
    was_active = subscriber.status == Status.ACTIVE
    subscriber.status = Status.ACTIVE
    subscriber.confirmed_at = subscriber.confirmed_at or now
    subscriber.unsubscribed_at = None
    subscriber.bounces = 0
    _link_person(zone, subscriber)
    subscriber.save()
    added = interests_add(zone=zone, subscriber=subscriber, newsletter=request.newsletter, bodies=bodies)
    try:
        with transaction.atomic():
            Consent.objects.create(
                zone=zone,
                subscriber=subscriber,
                given_at=request.given_at,
                confirmed_at=now,
                wording=str(consent_text).strip(),
                source=request.source,
                body=bodies[0] if bodies else None,
                token_hash=digest,
            )
    except IntegrityError as exc:  # the same link clicked twice at the same moment
        raise LinkUsed(
            _("Deze bevestigingslink is al gebruikt. Je inschrijving staat al genoteerd.")
        ) from exc
    audit.record(
        zone=zone,
        actor=actor,
        action="subscribed",
        instance=subscriber,
        changes={"interesses": [None, [str(i) for i in added]], "bron": [None, request.source]},
        actor_label=_("inschrijving via de website"),
    )
    return subscriber, bool(created or added or not was_active)


def interests_add(
    *, zone: Zone, subscriber: Subscriber, newsletter: bool, bodies: Iterable[Body]
) -> list[Interest]:
    have = set(
        Interest.objects.for_zone(zone).filter(subscriber=subscriber).values_list("body_id", flat=True)
    )
    new: list[Interest] = []
    if newsletter and None not in have:
        new.append(Interest(zone=zone, subscriber=subscriber, body=None))
    for body in bodies:
        if body.zone_id != zone.pk:
            raise ServiceError(_("Dit overleg hoort niet bij deze eerstelijnszone."))
        if body.pk not in have:
            new.append(Interest(zone=zone, subscriber=subscriber, body=body))
    for interest in new:
        interest.save()
    return new


@transaction.atomic
def subscriber_unsubscribe(
    *, zone: Zone, actor: Any, subscriber_id: int, body_id: int | None
) -> Subscriber | None:
    """One click: stop the newsletter (body_id None) or one body's agenda. When nothing is left, the
    subscriber is 'unsubscribed'. Returns None when the subscriber no longer exists."""
    subscriber = Subscriber.objects.for_zone(zone).select_for_update().filter(pk=subscriber_id).first()
    if subscriber is None:
        return None
    interests = Interest.objects.for_zone(zone).filter(subscriber=subscriber)
    gone = interests.filter(body_id=body_id) if body_id else interests.filter(body__isnull=True)
    removed = gone.delete()[0]
    if not interests.exists() and subscriber.status != Status.UNSUBSCRIBED:
        subscriber.status = Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    if removed:
        audit.record(
            zone=zone,
            actor=actor,
            action="unsubscribed",
            instance=subscriber,
            changes={"interesse": [str(body_id or _("nieuwsbrief")), None]},
            actor_label=_("uitschrijflink in een mail"),
        )
    return subscriber


# --- body subscriptions (the agenda of an open body; what governance.Subscriber used to hold) -----


def _body_row(interest: Interest, consent: Consent | None) -> BodySubscription:
    sub = interest.subscriber
    return BodySubscription(
        id=sub.pk,
        body_id=interest.body_id or 0,
        body_name=interest.body.name if interest.body_id and interest.body else "",
        email=sub.email,
        name=sub.name,
        consent_at=consent.given_at if consent else None,
        consent_text=consent.wording if consent else "",
        confirmed_at=(consent.confirmed_at if consent else None) or sub.confirmed_at,
    )


class BodySubscriptions:
    """The store governance asks "who gets this body's agenda" (registered in hooks.connect)."""

    def exists(self, *, zone: Zone, body: Body, email: str) -> bool:
        return (
            Interest.objects.for_zone(zone)
            .filter(body=body, subscriber__email=email.strip().lower(), subscriber__status=Status.ACTIVE)
            .exists()
        )

    @transaction.atomic
    def add(
        self,
        *,
        zone: Zone,
        actor: Any,
        body: Body,
        email: str,
        name: str,
        consent_text: str,
        consent_at: dt.datetime,
        confirmed_at: dt.datetime | None,
    ) -> BodySubscription:
        email = email.strip().lower()
        subscriber = Subscriber.objects.for_zone(zone).select_for_update().filter(email=email).first()
        if subscriber is None:
            subscriber = Subscriber(zone=zone, email=email, name=name)
        subscriber.status = Status.ACTIVE
        subscriber.confirmed_at = subscriber.confirmed_at or confirmed_at or timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.name = subscriber.name or name
        _link_person(zone, subscriber)
        subscriber.save()
        [interest] = interests_add(zone=zone, subscriber=subscriber, newsletter=False, bodies=[body]) or [
            Interest.objects.for_zone(zone).get(subscriber=subscriber, body=body)
        ]
        consent = Consent.objects.create(
            zone=zone,
            subscriber=subscriber,
            given_at=consent_at,
            confirmed_at=confirmed_at,
            wording=consent_text,
            source=Source.BODY,
            body=body,
        )
        audit.record(
            zone=zone,
            actor=actor,
            action="subscribed",
            instance=subscriber,
            changes={"overleg": [None, body.name]},
            actor_label=_("inschrijving via de website"),
        )
        interest.subscriber = subscriber
        return _body_row(interest, consent)

    def remove(self, *, zone: Zone, actor: Any, body: Body, email: str) -> bool:
        subscriber = Subscriber.objects.for_zone(zone).filter(email=(email or "").strip().lower()).first()
        if (
            subscriber is None
            or not Interest.objects.for_zone(zone).filter(subscriber=subscriber, body=body).exists()
        ):
            return False
        subscriber_unsubscribe(zone=zone, actor=actor, subscriber_id=subscriber.pk, body_id=body.pk)
        return True

    def _rows(self, zone: Zone, interests: Any) -> list[BodySubscription]:
        found = list(interests.select_related("subscriber", "body").order_by("subscriber__email", "pk"))
        consents: dict[tuple[int, int | None], Consent] = {}
        for c in (
            Consent.objects.for_zone(zone)
            .filter(subscriber__in=[i.subscriber_id for i in found])
            .order_by("given_at", "pk")
        ):
            consents[(c.subscriber_id, c.body_id)] = c
        return [
            _body_row(i, consents.get((i.subscriber_id, i.body_id)) or consents.get((i.subscriber_id, None)))
            for i in found
        ]

    def for_body(self, *, zone: Zone, body: Body) -> list[BodySubscription]:
        return self._rows(
            zone, Interest.objects.for_zone(zone).filter(body=body, subscriber__status=Status.ACTIVE)
        )

    def for_addresses(self, *, zone: Zone, addresses: set[str]) -> list[BodySubscription]:
        if not addresses:
            return []
        return self._rows(
            zone,
            Interest.objects.for_zone(zone).filter(
                body__isnull=False, subscriber__email__in=sorted(a.strip().lower() for a in addresses)
            ),
        )

    def records(self, *, zone: Zone, addresses: set[str]) -> list[Any]:
        if not addresses:
            return []
        emails = sorted(a.strip().lower() for a in addresses)
        return list(Subscriber.objects.for_zone(zone).filter(email__in=emails).order_by("pk"))

    def erase(self, *, zone: Zone, addresses: set[str]) -> int:
        """Delete the subscriptions of these addresses (privacy erasure): returns how many body subscriptions went."""
        if not addresses:
            return 0
        emails = sorted(a.strip().lower() for a in addresses)
        count = (
            Interest.objects.for_zone(zone).filter(body__isnull=False, subscriber__email__in=emails).count()
        )
        Subscriber.objects.for_zone(zone).filter(email__in=emails).delete()
        return count


# --- editions -----------------------------------------------------------------------------------


def _challenges(zone: Zone, challenges: Iterable[Any]) -> list[Any]:
    items = list(challenges)
    for c in items:
        if c.zone_id != zone.pk:
            raise ServiceError({"challenges": _("Een gekozen uitdaging hoort niet bij deze zone.")})
    return items


def _editable(edition: Edition) -> None:
    if edition.status != EditionStatus.DRAFT:
        raise ServiceError(_("Deze editie is al verstuurd of gepland en kan niet meer gewijzigd worden."))


@transaction.atomic
def edition_create(
    *,
    zone: Zone,
    actor: Any,
    subject: str,
    intro: str = "",
    audience: str = "",
    challenges: Iterable[Any] = (),
) -> Edition:
    subject = (subject or "").strip()
    if not subject:
        raise ServiceError({"subject": _("Geef de editie een onderwerp.")})
    edition = Edition(zone=zone, subject=subject[:200], intro=intro or "", audience=audience or "")
    edition.full_clean(exclude=["zone", "html", "text"])
    edition.save()
    edition.challenges.set(_challenges(zone, challenges))
    audit.record(
        zone=zone, actor=actor, action="created", instance=edition, changes={"onderwerp": [None, subject]}
    )
    return edition


@transaction.atomic
def edition_update(
    *,
    zone: Zone,
    actor: Any,
    edition: Edition,
    subject: str,
    intro: str,
    audience: str,
    challenges: Iterable[Any] = (),
) -> Edition:
    _editable(edition)
    subject = (subject or "").strip()
    if not subject:
        raise ServiceError({"subject": _("Geef de editie een onderwerp.")})
    old = edition.subject
    edition.subject, edition.intro, edition.audience = subject[:200], intro or "", audience or ""
    edition.save(update_fields=["subject", "intro", "audience"])
    edition.challenges.set(_challenges(zone, challenges))
    audit.record(
        zone=zone, actor=actor, action="updated", instance=edition, changes={"onderwerp": [old, subject]}
    )
    return edition


IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
MAX_IMAGE_BYTES = 2 * 1024 * 1024


def _check_image(image: Any) -> None:
    if image is None:
        return
    if image.size > MAX_IMAGE_BYTES:
        raise ServiceError({"image": _("De afbeelding is te groot: hoogstens 2 MB.")})
    head = image.read(8)
    image.seek(0)
    if not head.startswith(IMAGE_SIGNATURES):
        raise ServiceError({"image": _("Enkel afbeeldingen in PNG, JPEG of GIF zijn toegelaten.")})


@transaction.atomic
def block_save(
    *,
    zone: Zone,
    actor: Any,
    edition: Edition,
    kind: str,
    block: Block | None = None,
    title: str = "",
    text: str = "",
    weeks: int = 6,
    event_ids: Iterable[int] = (),
    organisation: Organisation | None = None,
    image: Any = None,
    challenges: Iterable[Any] = (),
) -> Block:
    """Add a block to a draft edition, or change one."""
    from .sanitize import clean_html

    _editable(edition)
    if edition.zone_id != zone.pk:
        raise ServiceError(_("Deze editie hoort niet bij deze zone."))
    if kind not in BlockKind.values:
        raise ServiceError({"kind": _("Kies een soort blok.")})
    if kind == BlockKind.PARTNER:
        if organisation is None:
            raise ServiceError({"organisation": _("Kies de partner die in de kijker staat.")})
        if organisation.zone_id != zone.pk:
            raise ServiceError({"organisation": _("Deze organisatie hoort niet bij deze zone.")})
    if kind in (BlockKind.TEXT, BlockKind.EVALUATION) and not clean_html(text).strip() and not image:
        raise ServiceError({"text": _("Schrijf de tekst van dit blok.")})
    if not 1 <= int(weeks or 0) <= 52:
        raise ServiceError({"weeks": _("Kies tussen 1 en 52 weken.")})
    _check_image(image)
    if block is None:
        last = Block.objects.for_zone(zone).filter(edition=edition).order_by("-order").first()
        block = Block(zone=zone, edition=edition, order=(last.order + 1) if last else 1)
    elif block.edition_id != edition.pk:
        raise ServiceError(_("Dit blok hoort bij een andere editie."))
    block.kind, block.title, block.text = kind, (title or "").strip()[:200], clean_html(text)
    block.weeks, block.event_ids = int(weeks), sorted({int(i) for i in event_ids})
    block.organisation = organisation if kind == BlockKind.PARTNER else None
    if image:
        block.image = image
    block.save()
    block.challenges.set(_challenges(zone, challenges))
    audit.record(
        zone=zone, actor=actor, action="updated", instance=edition, changes={"blok": [None, str(block)]}
    )
    return block


@transaction.atomic
def block_delete(*, zone: Zone, actor: Any, block: Block) -> None:
    edition = Edition.objects.for_zone(zone).get(pk=block.edition_id)
    _editable(edition)
    label = str(block)
    block.delete()
    audit.record(zone=zone, actor=actor, action="updated", instance=edition, changes={"blok": [label, None]})


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
