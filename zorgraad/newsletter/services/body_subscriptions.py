"""Body subscriptions: the agenda of an open body, what governance.Subscriber used to hold.

`BodySubscriptions` is the store governance asks (governance/subscriptions.py), registered in
hooks.connect().
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.governance.models import Body
from zorgraad.governance.subscriptions import BodySubscription
from zorgraad.zones.models import Zone

from ..models import (
    Consent,
    Interest,
    Source,
    Status,
    Subscriber,
)
from .subscribing import _link_person, interests_add, subscriber_unsubscribe


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
