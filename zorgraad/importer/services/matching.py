"""Matching an extraction against the directory: the person or organisation each entry names."""

from __future__ import annotations

from typing import Any

from zorgraad.network.models import Organisation, Person
from zorgraad.zones.models import Zone

from ..parse.common import fold


def _person_index(zone: Zone) -> tuple[dict[str, Person], dict[str, Person]]:
    by_mail: dict[str, Person] = {}
    by_name: dict[str, Person] = {}
    for p in Person.objects.for_zone(zone).filter(is_archived=False).only("first_name", "last_name", "email"):
        if p.email:
            by_mail.setdefault(p.email.lower(), p)
        by_name.setdefault(fold(f"{p.first_name} {p.last_name}"), p)
    return by_mail, by_name


def _org_index(zone: Zone) -> dict[str, Organisation]:
    out: dict[str, Organisation] = {}
    for o in Organisation.objects.for_zone(zone).filter(is_archived=False).only("name", "short_name"):
        out.setdefault(fold(o.name), o)
        if o.short_name:
            out.setdefault(fold(o.short_name), o)
    return out


def _match_person(
    name: str, email: str, by_mail: dict[str, Person], by_name: dict[str, Person]
) -> Person | None:
    if email and email.lower() in by_mail:
        return by_mail[email.lower()]
    return by_name.get(fold(name))


def _annotate(zone: Zone, data: dict[str, Any]) -> dict[str, Any]:
    """Add to each person and organisation the directory record it matches (shown, changeable)."""
    by_mail, by_name = _person_index(zone)
    orgs = _org_index(zone)
    for c in data.get("contacts", []):
        p = _match_person(c["name"]["value"] or "", c["email"]["value"] or "", by_mail, by_name)
        c["person_match"] = (
            {"id": p.pk, "label": f"{p.full_name} ({p.email})" if p.email else p.full_name} if p else None
        )
        c["action"] = "link" if p else "create"
        o = orgs.get(fold(c["organisation"]["value"] or ""))
        c["organisation_match"] = {"id": o.pk, "label": o.name} if o else None
    for key in ("participants", "excused"):
        for entry in data.get(key, []):
            p = by_name.get(fold(entry["value"] or ""))
            entry["person_match"] = {"id": p.pk, "label": p.full_name} if p else None
    for entry in data.get("partner_round", []):
        o = orgs.get(fold(entry["organisation"]["value"] or ""))
        entry["organisation_match"] = {"id": o.pk, "label": o.name} if o else None
    return data
