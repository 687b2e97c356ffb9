"""Finding every row about a person, shared by the export and the erasure.

Every relation from another model to Person is walked generically, hidden ones included; then the
registered `by_person` and `by_address` finders add the rows tied to the person some other way.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import ForeignObjectRel, Q
from django.utils.translation import gettext as _

from zorgraad.core.models import AuditEntry
from zorgraad.zones.models import Zone

from ...models import ConfirmationRound, Person
from ..directory import ServiceError
from .registry import BY_ADDRESS, BY_PERSON, ERASED_FIRST_NAME, ERASED_LAST_NAME, SELECT_RELATED

# --- the relations ------------------------------------------------------------------------------


def person_relations() -> list[ForeignObjectRel]:
    """Every relation from another model to Person, hidden ones included."""
    found: list[ForeignObjectRel] = []
    for candidate in Person._meta.get_fields(include_hidden=True):
        if not isinstance(candidate, ForeignObjectRel):
            continue
        related: Any = candidate.related_model
        if related._meta.auto_created:
            continue  # the table behind a many-to-many field
        found.append(candidate)
    return found


def relation_key(rel: ForeignObjectRel) -> str:
    """The export key of a relation: the related model's label, e.g. 'meetings.attendance'."""
    related: Any = rel.related_model
    return str(related._meta.label_lower)


def row_key(row: models.Model) -> str:
    return str(row._meta.label_lower)


def _related_rows(zone: Zone, person: Person, rel: ForeignObjectRel) -> models.QuerySet[Any]:
    related: Any = rel.related_model
    manager = related._default_manager
    rows = manager.for_zone(zone) if hasattr(manager, "for_zone") else manager.all()
    rows = rows.filter(**{rel.field.name: person})
    key = relation_key(rel)
    if key in SELECT_RELATED:
        rows = rows.select_related(*SELECT_RELATED[key])
    return rows.order_by("pk")


# --- helpers shared by export and erasure --------------------------------------------------------


def _check_zone(zone: Zone, person: Person) -> None:
    if person.zone_id != zone.pk:
        raise ServiceError(_("Deze persoon hoort niet bij deze eerstelijnszone."))


def _addresses(person: Person) -> set[str]:
    """The e-mail addresses of the person: on the record and on the linked account."""
    found = {person.email.strip().lower()} if person.email else set()
    if person.user_id and person.user and person.user.email:
        found.add(person.user.email.strip().lower())
    return found


def _add_rows(found: list[models.Model], key: str, query: models.QuerySet[Any]) -> None:
    seen = {(type(r), r.pk) for r in found}
    if key in SELECT_RELATED:
        query = query.select_related(*SELECT_RELATED[key])
    found.extend(r for r in query.order_by("pk") if (type(r), r.pk) not in seen)


def person_rows(zone: Zone, person: Person) -> dict[str, list[models.Model]]:
    """Every row about the person per export key: through a relation to Person, then (without
    doubles) the registered rows tied to the person otherwise or holding one of their addresses."""
    rows: dict[str, list[models.Model]] = {}
    for rel in person_relations():
        rows.setdefault(relation_key(rel), []).extend(_related_rows(zone, person, rel))
    for key, by_person in BY_PERSON.items():
        _add_rows(rows.setdefault(key, []), key, by_person(zone, person))
    addresses = _addresses(person)
    for key, by_address in BY_ADDRESS.items():
        found = rows.setdefault(key, [])
        if addresses:
            _add_rows(found, key, by_address(zone, addresses))
    return rows


def _failures_about(zone: Zone, person: Person) -> list[tuple[ConfirmationRound, dict[str, Any]]]:
    """Delivery failures of yearly confirmation rounds that name this person."""
    return [
        (confirmation_round, failure)
        for confirmation_round in ConfirmationRound.objects.for_zone(zone).order_by("pk")
        for failure in confirmation_round.failures
        if isinstance(failure, dict) and failure.get("person") == person.pk
    ]


def _own_history(
    zone: Zone, person: Person, rows: dict[str, list[models.Model]]
) -> models.QuerySet[AuditEntry]:
    """Audit entries about the person and about the person's own rows (functions, links, ...)."""
    query = Q(model=Person._meta.model_name, object_id=person.pk)
    for found in rows.values():
        if found:
            query |= Q(model=found[0]._meta.model_name, object_id__in=[row.pk for row in found])
    return AuditEntry.objects.for_zone(zone).filter(query).select_related("actor")


def is_erased(*, zone: Zone, person: Person) -> bool:
    """Erased and not filled in again since: the anonymous values and an 'erased' audit entry."""
    anonymous = (
        person.first_name == ERASED_FIRST_NAME
        and person.last_name == ERASED_LAST_NAME
        and not person.email
        and not person.phone
        and person.user_id is None
    )
    return (
        anonymous
        and AuditEntry.objects.for_zone(zone)
        .filter(model=Person._meta.model_name, object_id=person.pk, action="erased")
        .exists()
    )
