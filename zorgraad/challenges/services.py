"""Writes of challenges: create and update, with an audit entry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone

from .models import Challenge

FIELDS = ["number", "title", "short_label", "description", "active_from", "active_until", "order"]


def _snapshot(challenge: Challenge) -> dict[str, Any]:
    data = {f: str(getattr(challenge, f) or "") for f in FIELDS}
    if challenge.pk:
        data["bodies"] = ", ".join(sorted(b.name for b in challenge.bodies.all()))
    return data


def _check(zone: Any, challenge: Challenge, bodies: list[Any] | None) -> None:
    if not (challenge.title or "").strip():
        raise ServiceError({"title": _("Geef de uitdaging een titel.")})
    if challenge.active_from and challenge.active_until and challenge.active_until < challenge.active_from:
        raise ServiceError({"active_until": _("De einddatum ligt vóór de begindatum.")})
    for body in bodies or []:
        same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."), "bodies")
    taken = Challenge.objects.for_zone(zone).filter(number=challenge.number).exclude(pk=challenge.pk)
    if challenge.number and taken.exists():
        raise ServiceError(
            {"number": _("Er is al een uitdaging met nummer %(n)s.") % {"n": challenge.number}}
        )
    try:
        challenge.full_clean(exclude=["zone", "bodies"])
    except ValidationError as exc:
        raise ServiceError(exc.error_dict if hasattr(exc, "error_dict") else exc.messages) from exc


@transaction.atomic
def challenge_create(*, zone: Any, actor: Any, data: dict[str, Any]) -> Challenge:
    bodies = list(data.get("bodies") or [])
    challenge = Challenge(zone=zone, **{f: data[f] for f in FIELDS if f in data and data[f] is not None})
    challenge.title = challenge.title.strip()
    _check(zone, challenge, bodies)
    challenge.save()
    challenge.bodies.set(bodies)
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=challenge,
        changes=audit.diff({}, _snapshot(challenge)),
    )
    return challenge


@transaction.atomic
def challenge_update(*, zone: Any, actor: Any, challenge: Challenge, data: dict[str, Any]) -> Challenge:
    same_zone(zone, challenge, _("Deze uitdaging hoort niet bij deze eerstelijnszone."))
    stored = Challenge.objects.for_zone(zone).get(pk=challenge.pk)
    before = _snapshot(stored)
    for f in FIELDS:
        if f in data:
            setattr(
                challenge,
                f,
                data[f]
                if data[f] is not None
                else ("" if f in ("number", "short_label", "description") else None),
            )
    if challenge.order is None:
        challenge.order = 0
    challenge.title = (challenge.title or "").strip()
    bodies = list(data["bodies"]) if "bodies" in data else None
    _check(zone, challenge, bodies)
    challenge.save()
    if bodies is not None:
        challenge.bodies.set(bodies)
    changes = audit.diff(before, _snapshot(challenge))
    if changes:
        audit.record(zone=zone, actor=actor, action="updated", instance=challenge, changes=changes)
    return challenge
