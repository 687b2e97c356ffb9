"""Bodies: creating and changing one, with the rules of its meeting schedule (quarters, months)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import Body
from .common import _full_clean, _m2m_snapshot, _same_zone

# Words that cannot be a body's slug: they are pages of their own under /overleg/ and /beheer/overleg/.
RESERVED_SLUGS = frozenset({"verslagen", "nieuw"})

BODY_FIELDS = [
    "name",
    "slug",
    "kind",
    "cluster",
    "is_open",
    "description",
    "meeting_rule",
    "meetings_per_year",
    "rule_quarters",
    "rule_months",
    "rule_excluded_months",
    "default_weekday",
    "default_start",
    "default_end",
    "rotate_venues",
]
BODY_M2M = ["required_sectors"]


def normalise_quarters(text: str) -> str:
    """'4, 1,2' -> '1,2,4'. Raises ServiceError on anything but distinct digits 1 to 4."""
    text = (text or "").replace(" ", "")
    if not text:
        return ""
    parts = text.split(",")
    if any(len(p) != 1 or p not in "1234" for p in parts):
        raise ServiceError(
            {
                "rule_quarters": _(
                    "Geef de kwartalen als cijfers van 1 tot 4, gescheiden door komma's, bijvoorbeeld 1,2,4."
                )
            }
        )
    if len(set(parts)) != len(parts):
        raise ServiceError({"rule_quarters": _("Elk kwartaal mag maar één keer voorkomen.")})
    return ",".join(sorted(parts))


def normalise_months(text: str, field: str) -> str:
    """'8, 7' -> '7,8'. Raises ServiceError on anything but distinct month numbers 1 to 12."""
    text = (text or "").replace(" ", "").strip(",")
    if not text:
        return ""
    parts = text.split(",")
    if any(not p.isdigit() or not 1 <= int(p) <= 12 for p in parts):
        raise ServiceError(
            {
                field: _(
                    "Geef de maanden als getallen van 1 tot 12, gescheiden door komma's, bijvoorbeeld 7,8."
                )
            }
        )
    numbers = sorted({int(p) for p in parts})
    if len(numbers) != len(parts):
        raise ServiceError({field: _("Elke maand mag maar één keer voorkomen.")})
    return ",".join(str(m) for m in numbers)


def _clean_body_data(zone: Zone, data: dict[str, Any], body: Body | None = None) -> dict[str, Any]:
    """The body's fields from `data`, normalised, with every broken rule reported at once."""
    cleaned = {f: data[f] for f in BODY_FIELDS if f in data}
    errors: dict[str, str] = {}
    name = (cleaned.get("name") or (body.name if body else "")).strip()
    if "name" in cleaned:
        cleaned["name"] = name
    if "slug" in cleaned or body is None:
        slug = (cleaned.get("slug") or "").strip().lower() or slugify(name)[:80]
        cleaned["slug"] = slug
        if not slug:
            errors["slug"] = _("Geef een korte naam voor in de URL, bijvoorbeeld clusteroverleg-welzijn.")
        elif slug in RESERVED_SLUGS:
            errors["slug"] = _(
                "‘%(slug)s’ kan geen korte naam zijn: dat woord is voorbehouden. Kies een andere."
            ) % {"slug": slug}
        else:
            taken = Body.objects.for_zone(zone).filter(slug=slug)
            if body is not None:
                taken = taken.exclude(pk=body.pk)
            if taken.exists():
                errors["slug"] = _(
                    "De korte naam ‘%(slug)s’ is al in gebruik voor een ander overlegorgaan in deze zone."
                ) % {"slug": slug}
    if "rule_quarters" in cleaned:
        try:
            cleaned["rule_quarters"] = normalise_quarters(cleaned["rule_quarters"])
        except ServiceError as exc:
            errors["rule_quarters"] = exc.messages[0]
    quarters = cleaned.get("rule_quarters", body.rule_quarters if body else "")
    per_year = cleaned.get("meetings_per_year", body.meetings_per_year if body else 0) or 0
    if "rule_quarters" not in errors and quarters and per_year:
        count = len(quarters.split(","))
        if count != per_year:
            errors["rule_quarters"] = _(
                "Je koos %(quarters)s kwartalen maar %(meetings)s vergaderingen per jaar; "
                "maak die gelijk of laat de kwartalen leeg."
            ) % {"quarters": count, "meetings": per_year}
    for field in ("rule_months", "rule_excluded_months"):
        if field in cleaned:
            try:
                cleaned[field] = normalise_months(cleaned[field], field)
            except ServiceError as exc:
                errors[field] = exc.messages[0]
    if "rule_months" not in errors and "rule_excluded_months" not in errors:
        allowed = set(filter(None, cleaned.get("rule_months", body.rule_months if body else "").split(",")))
        excluded = set(
            filter(
                None,
                cleaned.get("rule_excluded_months", body.rule_excluded_months if body else "").split(","),
            )
        )
        if allowed and allowed <= excluded:
            errors["rule_excluded_months"] = _(
                "Zo blijft er geen enkele maand over om te vergaderen: laat minstens één maand toe."
            )
    weekday = cleaned.get("default_weekday")
    if weekday is not None and not 0 <= weekday <= 4:
        errors["default_weekday"] = _("Kies een werkdag, van maandag tot vrijdag.")
    start = cleaned.get("default_start", body.default_start if body else None)
    end = cleaned.get("default_end", body.default_end if body else None)
    if start and end and end <= start:
        errors["default_end"] = _("Het standaard einduur moet na het beginuur liggen.")
    if errors:
        raise ServiceError(errors)
    return cleaned


def _body_snapshot(body: Body) -> dict[str, Any]:
    snap = audit.snapshot(body, BODY_FIELDS)
    for name in ("default_start", "default_end"):  # audit's JSON has no time type
        value = snap.get(name)
        snap[name] = value.strftime("%H:%M") if isinstance(value, dt.time) else value
    return {**snap, **_m2m_snapshot(body, BODY_M2M)}


@transaction.atomic
def body_create(*, zone: Zone, actor: Any, data: dict[str, Any]) -> Body:
    body = Body(zone=zone, **_clean_body_data(zone, data))
    _full_clean(body)
    body.save()
    if "required_sectors" in data:
        body.required_sectors.set(data["required_sectors"])
    audit.record(
        zone=zone, actor=actor, action="created", instance=body, changes=audit.diff({}, _body_snapshot(body))
    )
    return body


@transaction.atomic
def body_update(*, zone: Zone, actor: Any, body: Body, data: dict[str, Any]) -> Body:
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    stored = Body.objects.for_zone(zone).get(pk=body.pk)
    before = _body_snapshot(stored)
    cleaned = _clean_body_data(zone, data, body=stored)
    for field, value in cleaned.items():
        setattr(body, field, value)
    _full_clean(body)
    body.save()
    if "required_sectors" in data:
        body.required_sectors.set(data["required_sectors"])
    changes = audit.diff(before, _body_snapshot(body))
    if changes:
        audit.record(zone=zone, actor=actor, action="updated", instance=body, changes=changes)
    return body
