"""Editions while they are drafts: create, change, and their blocks (text, image, events, partner)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError
from zorgraad.network.models import Organisation
from zorgraad.zones.models import Zone

from ..models import (
    Block,
    BlockKind,
    Edition,
    EditionStatus,
)


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
    from ..sanitize import clean_html

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
