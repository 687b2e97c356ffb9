"""Small builders for the newsletter tests (invented addresses at example.org)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zorgraad.newsletter.models import Consent, Interest, Source, Status, Subscriber


def subscriber(
    zone: Any,
    email: str,
    *,
    name: str = "",
    newsletter: bool = True,
    bodies: tuple[Any, ...] = (),
    status: str = Status.ACTIVE,
) -> Subscriber:
    sub = Subscriber.objects.create(
        zone=zone, email=email, name=name, status=status, confirmed_at=timezone.now()
    )
    if newsletter:
        Interest.objects.create(zone=zone, subscriber=sub)
    for body in bodies:
        Interest.objects.create(zone=zone, subscriber=sub, body=body)
    Consent.objects.create(
        zone=zone, subscriber=sub, given_at=timezone.now(), wording="ja", source=Source.SITE
    )
    return sub


def many(zone: Any, n: int, *, prefix: str = "lezer") -> list[Subscriber]:
    now = timezone.now()
    subs = Subscriber.objects.bulk_create(
        [
            Subscriber(zone=zone, email=f"{prefix}{i}@example.org", status=Status.ACTIVE, confirmed_at=now)
            for i in range(n)
        ]
    )
    subs = list(Subscriber.objects.for_zone(zone).filter(email__startswith=prefix).order_by("pk"))
    Interest.objects.bulk_create([Interest(zone=zone, subscriber=s) for s in subs])
    return subs
