"""Subscribers to an open body's agenda.

Double opt-in: the public form calls subscription_request, which stores nothing and mails a signed
link unless the address already gets the agenda; the visitor sees the same answer either way. The
click on the link (subscription_confirm) makes the subscription, kept by the newsletter app
(see governance/subscriptions.py). Every agenda mail to a subscriber carries a signed unsubscribe
link (subscriber_remove).
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .. import mail as subscription_mail
from .. import subscriptions, tasks
from ..models import Body
from .common import _same_zone

logger = logging.getLogger(__name__)


class AlreadySubscribed(ServiceError):
    """The address already gets this body's agenda: not an error for the person who asks again."""


def _subscribable(zone: Zone, body: Body) -> None:
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    if not body.is_open or body.is_archived:
        raise ServiceError(_("Je kan je enkel inschrijven voor de agenda van een open overleg."))


def _subscriber_address(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ServiceError(
            {"email": _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")}
        ) from exc
    return email


def _consent(consent_text: str) -> str:
    consent_text = (consent_text or "").strip()
    if not consent_text:
        raise ServiceError({"consent": _("Geef je toestemming om de agenda per e-mail te krijgen.")})
    return consent_text


@transaction.atomic
def subscription_request(*, zone: Zone, body: Body, email: str, consent_text: str, name: str = "") -> bool:
    """Someone asks for the agenda by mail: send a confirmation link, unless the address already gets it.

    Stores nothing. Returns whether a mail goes out; the page the visitor sees must not depend on it,
    so that the form does not tell anyone whether an address is subscribed.
    """
    _subscribable(zone, body)
    email = _subscriber_address(email)
    consent_text = _consent(consent_text)
    if subscriptions.store().exists(zone=zone, body=body, email=email):
        return False
    token = subscription_mail.confirm_token(
        zone=zone, body=body, email=email, name=(name or "").strip()[:200], consent_text=consent_text
    )
    transaction.on_commit(partial(tasks.subscription_confirm_mail.enqueue, zone.pk, body.pk, token))
    return True


def subscription_confirm_deliver(*, zone_id: int, body_id: int, token: str) -> str:
    """Task body: mail the confirmation link."""
    zone = Zone.objects.get(pk=zone_id)
    body = Body.objects.for_zone(zone).filter(pk=body_id, is_open=True, is_archived=False).first()
    if body is None:
        return "skipped"
    try:
        request = subscription_mail.confirm_request_get(zone=zone, body=body, token=token)
    except subscription_mail.LinkRefused:
        return "skipped"
    message = subscription_mail.confirm_message(
        zone=zone, body=body, email=request.email, name=request.name, token=token
    )
    try:
        message.send()
    except Exception:  # a refused address must not crash the worker; nothing was stored
        logger.warning("Subscription confirmation for body %s could not be sent", body.pk, exc_info=True)
        return "failed"
    return "sent"


@transaction.atomic
def subscription_confirm(
    *, zone: Zone, actor: Any, body: Body, request: subscription_mail.SubscriptionRequest, consent_text: str
) -> tuple[subscriptions.BodySubscription, bool]:
    """The address's owner clicked the confirmation link: the subscription starts now.

    `consent_text` is the wording the form shows today; it must be the one the person agreed to.
    Returns the subscription and whether it is new (a second click changes nothing).
    """
    _subscribable(zone, body)
    if request.body_id != body.pk:
        raise ServiceError(_("Deze link hoort bij een ander overleg."))
    if request.wording != subscription_mail.wording_fingerprint(_consent(consent_text)):
        raise ServiceError(
            _(
                "De tekst waarmee je toestemming gaf, is intussen gewijzigd. Schrijf je opnieuw in, "
                "dan krijg je een nieuwe link."
            )
        )
    existing = next(
        (s for s in subscriptions.store().for_body(zone=zone, body=body) if s.email == request.email), None
    )
    if existing is not None:
        return existing, False
    subscriber = subscriber_add(
        zone=zone,
        actor=actor,
        body=body,
        email=request.email,
        name=request.name,
        consent_text=consent_text,
        consent_at=request.consent_at,
        confirmed_at=timezone.now(),
    )
    return subscriber, True


@transaction.atomic
def subscriber_add(
    *,
    zone: Zone,
    actor: Any,
    body: Body,
    email: str,
    consent_text: str,
    name: str = "",
    consent_at: dt.datetime | None = None,
    confirmed_at: dt.datetime | None = None,
) -> subscriptions.BodySubscription:
    """Store a subscription with the consent wording and time. The public form goes through
    subscription_request and subscription_confirm (double opt-in), never straight here."""
    _subscribable(zone, body)
    email = _subscriber_address(email)
    consent_text = _consent(consent_text)
    already = _("Dit e-mailadres krijgt de agenda van %(body)s al. Je hoeft niets meer te doen.") % {
        "body": body
    }
    store = subscriptions.store()
    if store.exists(zone=zone, body=body, email=email):
        raise AlreadySubscribed(already)
    try:
        with transaction.atomic():
            return store.add(
                zone=zone,
                actor=actor,
                body=body,
                email=email,
                name=(name or "").strip()[:200],
                consent_text=consent_text,
                consent_at=consent_at or timezone.now(),
                confirmed_at=confirmed_at,
            )
    except IntegrityError as exc:  # the same address sent twice at the same moment
        raise AlreadySubscribed(already) from exc


@transaction.atomic
def subscriber_remove(*, zone: Zone, actor: Any, body: Body, email: str) -> bool:
    """Stop sending the agenda to `email` (the unsubscribe link). Returns whether there was a subscription."""
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    return subscriptions.store().remove(zone=zone, actor=actor, body=body, email=email)
