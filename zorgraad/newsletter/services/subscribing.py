"""Subscribing to the newsletter and bodies' agendas (double opt-in) and unsubscribing.

Subscribing stores nothing until the address's owner clicks the signed link that was mailed; the
visitor sees the same answer whether or not the address is already subscribed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError
from zorgraad.governance.models import Body
from zorgraad.network.models import Person
from zorgraad.zones.models import Zone

from .. import render, tasks, tokens
from ..models import (
    Audience,
    Consent,
    Interest,
    Source,
    Status,
    Subscriber,
)

logger = logging.getLogger(__name__)


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
