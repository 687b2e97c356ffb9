from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zorgraad.core import audit
from zorgraad.zones.models import Zone

from ..models import Organisation

ORGANISATION_FIELDS = [
    "name",
    "short_name",
    "sector",
    "parent",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
    "description",
]
ORGANISATION_M2M = ["clusters", "municipalities"]


class ServiceError(ValidationError):
    """A rule of the domain was broken; the message is in Dutch and meant for the user."""


def _m2m_snapshot(instance: Any, names: list[str]) -> dict[str, list[str]]:
    return {n: sorted(str(o) for o in getattr(instance, n).all()) for n in names}


@transaction.atomic
def organisation_create(*, zone: Zone, actor: Any, data: dict[str, Any]) -> Organisation:
    parent = data.get("parent")
    if parent is not None and parent.zone_id != zone.pk:
        raise ServiceError("De bovenliggende organisatie hoort niet bij deze eerstelijnszone.")
    org = Organisation(zone=zone, **{f: data[f] for f in ORGANISATION_FIELDS if f in data})
    org.full_clean(exclude=["zone"])
    org.search_text = org.build_search_text()
    org.save()
    for name in ORGANISATION_M2M:
        if name in data:
            getattr(org, name).set(data[name])
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=org,
        changes=audit.diff(
            {}, {**audit.snapshot(org, ORGANISATION_FIELDS), **_m2m_snapshot(org, ORGANISATION_M2M)}
        ),
    )
    return org


@transaction.atomic
def organisation_update(
    *, zone: Zone, actor: Any, organisation: Organisation, data: dict[str, Any], actor_label: str = ""
) -> Organisation:
    if organisation.zone_id != zone.pk:
        raise ServiceError("Deze organisatie hoort niet bij deze eerstelijnszone.")
    parent = data.get("parent")
    if parent is not None and (parent.zone_id != zone.pk or parent.pk == organisation.pk):
        raise ServiceError("Kies een andere bovenliggende organisatie van deze eerstelijnszone.")
    before = {
        **audit.snapshot(organisation, ORGANISATION_FIELDS),
        **_m2m_snapshot(organisation, ORGANISATION_M2M),
    }
    for f in ORGANISATION_FIELDS:
        if f in data:
            setattr(organisation, f, data[f])
    organisation.full_clean(exclude=["zone"])
    organisation.search_text = organisation.build_search_text()
    organisation.save()
    for name in ORGANISATION_M2M:
        if name in data:
            getattr(organisation, name).set(data[name])
    after = {
        **audit.snapshot(organisation, ORGANISATION_FIELDS),
        **_m2m_snapshot(organisation, ORGANISATION_M2M),
    }
    changes = audit.diff(before, after)
    if changes:
        audit.record(
            zone=zone,
            actor=actor,
            action="updated",
            instance=organisation,
            changes=changes,
            actor_label=actor_label,
        )
    return organisation


@transaction.atomic
def organisation_archive(*, zone: Zone, actor: Any, organisation: Organisation) -> Organisation:
    if organisation.zone_id != zone.pk:
        raise ServiceError("Deze organisatie hoort niet bij deze eerstelijnszone.")
    if organisation.is_archived:
        raise ServiceError("Deze organisatie is al gearchiveerd.")
    organisation.is_archived = True
    organisation.archived_at = timezone.now()
    organisation.save(update_fields=["is_archived", "archived_at", "updated_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="archived",
        instance=organisation,
        changes={"is_archived": [False, True]},
    )
    return organisation
