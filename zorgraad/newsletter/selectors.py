"""Reads of the newsletter: editions, their progress and clicks, subscribers, the archive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from zorgraad.zones.models import Zone

from .models import (
    Block,
    BlockKind,
    Delivery,
    DeliveryStatus,
    Edition,
    EditionStatus,
    Interest,
    Link,
    Status,
    Subscriber,
)


def edition_get(*, zone: Zone, pk: int) -> Edition:
    edition = Edition.objects.for_zone(zone).filter(pk=pk).first()
    if edition is None:
        raise Http404(_("Deze editie bestaat niet."))
    return edition


def block_get(*, zone: Zone, pk: int) -> Block:
    block = Block.objects.for_zone(zone).filter(pk=pk).select_related("edition", "organisation").first()
    if block is None:
        raise Http404(_("Dit blok bestaat niet."))
    return block


def edition_list(*, zone: Zone) -> QuerySet[Edition]:
    return (
        Edition.objects.for_zone(zone)
        .annotate(n_blocks=Count("blocks", distinct=True))
        .order_by("-created_at", "-pk")
    )


def archive(*, zone: Zone) -> QuerySet[Edition]:
    return Edition.objects.for_zone(zone).filter(status=EditionStatus.SENT).order_by("-sent_at", "-pk")


def archived_edition(*, zone: Zone, pk: int) -> Edition:
    edition = archive(zone=zone).filter(pk=pk).first()
    if edition is None:
        raise Http404(_("Deze editie staat niet in het archief."))
    return edition


def blocks(*, zone: Zone, edition: Edition) -> list[Block]:
    return list(
        Block.objects.for_zone(zone)
        .filter(edition=edition)
        .select_related("organisation")
        .prefetch_related("challenges")
        .order_by("order", "pk")
    )


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    waiting: int

    @property
    def done(self) -> bool:
        return self.waiting == 0


def progress(*, zone: Zone, edition: Edition) -> Progress:
    rows = dict(
        Delivery.objects.for_zone(zone)
        .filter(edition=edition)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    sent, failed = rows.get(DeliveryStatus.SENT, 0), rows.get(DeliveryStatus.FAILED, 0)
    waiting = rows.get(DeliveryStatus.QUEUED, 0) + rows.get(DeliveryStatus.CLAIMED, 0)
    return Progress(total=sent + failed + waiting, sent=sent, failed=failed, waiting=waiting)


def failures(*, zone: Zone, edition: Edition, limit: int = 50) -> list[Delivery]:
    return list(
        Delivery.objects.for_zone(zone)
        .filter(edition=edition, status=DeliveryStatus.FAILED)
        .select_related("subscriber")
        .order_by("pk")[:limit]
    )


@dataclass(frozen=True)
class Clicks:
    total: int
    per_block: list[tuple[str, int]]
    per_link: list[Link]


def clicks(*, zone: Zone, edition: Edition) -> Clicks:
    links = list(
        Link.objects.for_zone(zone).filter(edition=edition).select_related("block").order_by("-clicks", "pk")
    )
    labels = dict(BlockKind.choices)
    per_block: dict[str, int] = {}
    for link in links:
        label = str(link.block) if link.block else str(labels.get(link.kind, link.kind))
        per_block[label] = per_block.get(label, 0) + link.clicks
    return Clicks(
        total=sum(link.clicks for link in links),
        per_block=sorted(per_block.items(), key=lambda kv: -kv[1]),
        per_link=links,
    )


def subscriber_counts(*, zone: Zone) -> dict[str, int]:
    rows = dict(
        Subscriber.objects.for_zone(zone)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    newsletter = (
        Subscriber.objects.for_zone(zone)
        .filter(
            Exists(Interest.objects.filter(subscriber=OuterRef("pk"), body__isnull=True)),
            status=Status.ACTIVE,
        )
        .count()
    )
    return {
        "active": rows.get(Status.ACTIVE, 0),
        "inactive": rows.get(Status.INACTIVE, 0),
        "unsubscribed": rows.get(Status.UNSUBSCRIBED, 0),
        "newsletter": newsletter,
    }


def subscribers(*, zone: Zone, q: str = "") -> QuerySet[Subscriber]:
    qs = (
        Subscriber.objects.for_zone(zone)
        .select_related("person")
        .annotate(
            n_bodies=Count("interests", filter=Q(interests__body__isnull=False), distinct=True),
            newsletter=Count("interests", filter=Q(interests__body__isnull=True), distinct=True),
        )
    )
    if q:
        qs = qs.filter(Q(email__icontains=q) | Q(name__icontains=q))
    return qs.order_by("email", "pk")


def dashboard(*, zone: Zone) -> dict[str, Any]:
    last = archive(zone=zone).first()
    return {
        "counts": subscriber_counts(zone=zone),
        "last": last,
        "last_clicks": clicks(zone=zone, edition=last).total if last else 0,
        "draft": Edition.objects.for_zone(zone).filter(status=EditionStatus.DRAFT).order_by("-pk").first(),
        "sending": Edition.objects.for_zone(zone)
        .filter(status=EditionStatus.SENDING)
        .order_by("-pk")
        .first(),
    }


def clicks_per_rubric(
    *, zone: Zone, start: dt.date, end: dt.date, kinds: tuple[str, ...] = ()
) -> list[tuple[Edition, int]]:
    """Clicks per edition sent in start…end, counting only links of blocks of `kinds` (all when empty)."""
    links = Link.objects.for_zone(zone).filter(
        edition__sent_at__date__gte=start, edition__sent_at__date__lte=end
    )
    if kinds:
        links = links.filter(kind__in=kinds)
    per = dict(links.order_by().values("edition").annotate(n=Sum("clicks")).values_list("edition", "n"))
    editions = Edition.objects.for_zone(zone).filter(pk__in=per).order_by("sent_at", "pk")
    return [(e, int(per[e.pk] or 0)) for e in editions]


def challenge_editions(*, zone: Zone, challenge: Any, public: bool = False) -> list[Edition]:
    """Editions tied to the challenge, themselves or through one of their blocks (newest first)."""
    qs = Edition.objects.for_zone(zone).filter(Q(challenges=challenge) | Q(blocks__challenges=challenge))
    if public:
        qs = qs.filter(status=EditionStatus.SENT)
    return list(qs.distinct().order_by("-created_at", "-pk")[:20])


def person_subscriptions(*, zone: Zone, person: Any) -> list[Subscriber]:
    """Subscribers linked to the person or with the person's address, with their interests."""
    query = Q(person=person)
    if person.email:
        query |= Q(email=person.email.strip().lower())
    return list(
        Subscriber.objects.for_zone(zone).filter(query).prefetch_related("interests__body").order_by("pk")
    )
