"""The privacy export (GDPR art. 15): everything about one person in one zone, as JSON-ready data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zorgraad.accounts.models import ZoneRole
from zorgraad.core import audit
from zorgraad.zones.models import Zone

from ...models import Person
from .collect import _check_zone, _failures_about, _own_history, person_rows
from .registry import EXPORT_FORMAT, ROW_BUILDERS
from .rows import _audit_row, _iso, _plain_row


def _account(zone: Zone, person: Person) -> dict[str, Any] | None:
    """What the zone itself holds about the linked account: its address and this zone's roles.

    Nothing the account does elsewhere (when it joined, when it last logged in, other zones' roles):
    that is not the zone's to hand out, and the account may be shared with other zones.
    """
    user = person.user if person.user_id else None
    if user is None:
        return None
    roles = ZoneRole.objects.filter(zone=zone, user=user).order_by("role")
    return {
        "email": user.email,
        "roles": [
            {"role": r.role, "label": r.get_role_display(), "since": _iso(r.created_at)} for r in roles
        ],
    }


def person_data_export(*, zone: Zone, actor: Any, person: Person) -> dict[str, Any]:
    """Everything Zorgraad holds about `person` in `zone`, as plain JSON-ready data.

    `records` has one key per relation to Person (its model label, e.g. 'meetings.attendance') and per
    registered `PersonData` (rows found by the person's e-mail address included), plus the
    confirmation-round failures that name the person. An 'exported' audit entry records who asked for it.
    """
    _check_zone(zone, person)
    rows = person_rows(zone, person)
    records: dict[str, list[dict[str, Any]]] = {
        key: [ROW_BUILDERS.get(key, _plain_row)(row) for row in found] for key, found in rows.items()
    }
    records["network.confirmationround"] = [
        {"round": str(r), "started_at": _iso(r.started_at), **failure}
        for r, failure in _failures_about(zone, person)
    ]
    data = {
        "format": EXPORT_FORMAT,
        "generated_at": _iso(timezone.now()),
        "zone": {"slug": zone.slug, "name": zone.name},
        "person": {
            "id": person.pk,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "email_bounced": person.email_bounced,
            "is_archived": person.is_archived,
            "archived_at": _iso(person.archived_at),
            "last_confirmed_at": _iso(person.last_confirmed_at),
            "created_at": _iso(person.created_at),
            "updated_at": _iso(person.updated_at),
        },
        "account": _account(zone, person),
        "records": records,
        "history": [_audit_row(e) for e in _own_history(zone, person, rows).order_by("created_at", "id")],
    }
    audit.record(
        zone=zone, actor=actor, action="exported", instance=person, changes={"formaat": [None, "JSON"]}
    )
    return data
