"""Demo newsletter: a few invented subscribers (example.org) and one sent edition with clicks.

Run after the governance and meetings demos. Twice changes nothing: subscribers are found again by
address, the edition by its subject.
"""

from __future__ import annotations

from django.utils import timezone

from zorgraad.governance.models import Body
from zorgraad.network.models import Organisation
from zorgraad.zones.models import Zone

from .models import (
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
from .render import freeze

SUBSCRIBERS = [
    ("an.devos@example.org", "An De Vos", "professionals"),
    ("jonas.peeters@example.org", "Jonas Peeters", "professionals"),
    ("mila.claes@example.org", "Mila Claes", "citizens"),
    ("lucas.willems@example.org", "Lucas Willems", "citizens"),
    ("nora.maes@example.org", "Nora Maes", ""),
]
SUBJECT = "Nieuwsbrief oktober: data voor volgend jaar"
WORDING = (
    "Ik wil de nieuwsbrief en/of de agenda van de gekozen overleggen per e-mail ontvangen. De eerstelijnszone "
    "bewaart daarvoor mijn naam en e-mailadres en gebruikt ze voor niets anders. Uitschrijven kan altijd, "
    "met één klik onderaan elke mail."
)


def load(zones: dict[str, Zone]) -> None:
    for zone in zones.values():
        _load_zone(zone)


def _load_zone(zone: Zone) -> None:
    now = timezone.now()
    body = Body.objects.for_zone(zone).filter(is_open=True, is_archived=False).order_by("pk").first()
    subs = []
    for i, (email, name, audience) in enumerate(SUBSCRIBERS):
        sub, created = Subscriber.objects.for_zone(zone).get_or_create(
            zone=zone,
            email=email,
            defaults={"name": name, "audience": audience, "status": Status.ACTIVE, "confirmed_at": now},
        )
        subs.append(sub)
        if created:
            Interest.objects.create(zone=zone, subscriber=sub)
            if body is not None and i % 2 == 0:
                Interest.objects.create(zone=zone, subscriber=sub, body=body)
            Consent.objects.create(
                zone=zone, subscriber=sub, given_at=now, confirmed_at=now, wording=WORDING, source=Source.SITE
            )
    if Edition.objects.for_zone(zone).filter(subject=SUBJECT).exists():
        return
    edition = Edition.objects.create(
        zone=zone, subject=SUBJECT, intro="Welkom bij de nieuwsbrief van de eerstelijnszone."
    )
    order = 0
    for kind in (BlockKind.MEETINGS, BlockKind.NEXT_YEAR, BlockKind.MINUTES):
        order += 1
        Block.objects.create(zone=zone, edition=edition, kind=kind, order=order, weeks=8)
    partner = Organisation.objects.for_zone(zone).filter(offers__is_archived=False).order_by("pk").first()
    if partner is not None:
        order += 1
        Block.objects.create(
            zone=zone, edition=edition, kind=BlockKind.PARTNER, order=order, organisation=partner
        )
    order += 1
    Block.objects.create(
        zone=zone,
        edition=edition,
        kind=BlockKind.TEXT,
        order=order,
        title="Netwerkdag",
        text='<p>Noteer alvast onze netwerkdag. <a href="https://www.example.org/netwerkdag">Meer info</a></p>',
    )
    blocks = list(Block.objects.for_zone(zone).filter(edition=edition))
    edition.html, edition.text = freeze(zone=zone, edition=edition, blocks=blocks)
    edition.status, edition.queued_at, edition.sent_at = EditionStatus.SENT, now, now
    edition.save()
    Delivery.objects.bulk_create(
        [
            Delivery(zone=zone, edition=edition, subscriber=s, status=DeliveryStatus.SENT, sent_at=now)
            for s in subs
        ]
    )
    for n, link in enumerate(Link.objects.for_zone(zone).filter(edition=edition).order_by("pk")):
        Link.objects.for_zone(zone).filter(pk=link.pk).update(
            clicks=(n * 3) % 7 + (5 if link.kind == BlockKind.PARTNER else 1)
        )
