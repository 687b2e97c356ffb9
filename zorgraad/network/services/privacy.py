"""Privacy on request (GDPR art. 15 and 17): export everything about one person, or erase it.

Both walk every relation to Person generically, hidden ones (`related_name="+"`) included, so a model
that a later app adds is exported and taken into account without this module knowing it. Known
relations get a readable row (`ROW_BUILDERS`); an unknown one falls back to its plain fields, and a
test fails until someone writes a readable row for it and decides what erasure must do with it.

Other apps describe their rows with `register(PersonData(...))` from their hooks.connect(): a
readable row, a label, whether erasure deletes or scrubs the row, and (`by_address`) how to find rows
that hold the person's e-mail address without pointing at the person (an event registration made
without an account, a newsletter subscriber, a signal's contact address). Network never imports them.

Erasure keeps the records that reports count (functions, memberships, attendance, ...) but lets them
point at an anonymous person, deletes what only exists for the person (self-service links, agenda
subscriptions), and scrubs the person's name, e-mail and phone from the audit trail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import ForeignObjectRel, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgraad.accounts import sessions
from zorgraad.accounts.models import User, ZoneRole
from zorgraad.core import audit
from zorgraad.core.models import AuditEntry
from zorgraad.zones.models import Zone

from ..models import ConfirmationRound, Person
from .directory import ServiceError

EXPORT_FORMAT = "zorgraad-persoonsgegevens/1"
ERASED_FIRST_NAME = "Gewiste"
ERASED_LAST_NAME = "persoon"
SCRUBBED = "[gewist]"
# Audit keys whose old and new values are personal data of the person itself.
PERSONAL_AUDIT_KEYS = ("first_name", "last_name", "email", "phone", "merged_from")
# Shorter traces are not scrubbed as text: they would hit ordinary words.
MIN_TRACE_LENGTH = 4


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


# --- readable rows ------------------------------------------------------------------------------


def _iso(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _name(obj: Any) -> str | None:
    return None if obj is None else str(obj)


def _meeting(meeting: Any) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "date": _iso(meeting.date),
        "body": meeting.body.name,
        "title": meeting.title,
    }


def _affiliation(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "organisation": row.organisation.name,
        "function": row.function,
        "start": _iso(row.start),
        "end": _iso(row.end),
    }


def _selfservice_link(row: Any) -> dict[str, Any]:
    # The link itself (its signed token) is a credential: never part of an export.
    return {
        "id": row.pk,
        "email": row.email,
        "reason": row.reason,
        "created_at": _iso(row.created_at),
        "expires_at": _iso(row.expires_at),
        "used_at": _iso(row.used_at),
        "sent_by": _name(row.sent_by),
    }


def _membership(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "body": row.body.name,
        "role": row.role,
        "role_label": row.get_role_display(),
        "organisation": _name(row.organisation),
        "represents_sector": _name(row.represents_sector),
        "represents_municipality": _name(row.represents_municipality),
        "start": _iso(row.start),
        "end": _iso(row.end),
    }


def _candidacy(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "call": row.call.title,
        "body": row.call.body.name,
        "role": row.role,
        "role_label": row.get_role_display(),
        "organisation": _name(row.organisation),
        "motivation": row.motivation,
        "status": row.status,
        "status_label": row.get_status_display(),
        "created_at": _iso(row.created_at),
    }


def _agenda_item(row: Any) -> dict[str, Any]:
    return {"id": row.pk, "meeting": _meeting(row.meeting), "title": row.title, "order": row.order}


def _attendance(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "meeting": _meeting(row.meeting),
        "status": row.status,
        "status_label": row.get_status_display(),
        "is_guest": row.is_guest,
        "organisation": _name(row.organisation),
    }


def _follow_up(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "meeting": _meeting(row.meeting),
        "description": row.description,
        "due_date": _iso(row.due_date),
        "done": row.done,
        "done_at": _iso(row.done_at),
    }


def _access_invitation(row: Any) -> dict[str, Any]:
    # The link (its signed token) is a credential: never part of an export.
    return {
        "id": row.pk,
        "role": row.role,
        "role_label": row.get_role_display(),
        "email": row.email,
        "created_at": _iso(row.created_at),
        "expires_at": _iso(row.expires_at),
        "accepted_at": _iso(row.accepted_at),
        "created_by": _name(row.created_by),
    }


def _partner_round_entry(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "meeting": _meeting(row.meeting),
        "organisation": _name(row.organisation),
        "text": row.text,
    }


def _offer_proposal(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "organisation": _name(row.organisation),
        "offer": _name(row.offer),
        "new_offer": row.is_new,
        "proposed_at": _iso(row.created_at),
        "proposer_name": row.proposer_name,
        "proposer_email": row.proposer_email,
        "changes": row.changes,
        "note": row.note,
        "status": row.status,
        "reason": row.reason,
        "decided_at": _iso(row.decided_at),
    }


# Relation key -> readable row. A relation without an entry is exported with `_plain_row`.
ROW_BUILDERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "accounts.accessinvitation": _access_invitation,
    "network.affiliation": _affiliation,
    "network.selfservicelink": _selfservice_link,
    "governance.membership": _membership,
    "governance.candidacy": _candidacy,
    "meetings.agendaitem": _agenda_item,
    "meetings.attendance": _attendance,
    "meetings.followup": _follow_up,
    "meetings.partnerroundentry": _partner_round_entry,
    "network.offerproposal": _offer_proposal,
}
SELECT_RELATED: dict[str, list[str]] = {
    "accounts.accessinvitation": ["created_by"],
    "network.affiliation": ["organisation"],
    "network.selfservicelink": ["sent_by"],
    "governance.membership": ["body", "organisation", "represents_sector", "represents_municipality"],
    "governance.candidacy": ["call__body", "organisation"],
    "meetings.agendaitem": ["meeting__body"],
    "meetings.attendance": ["meeting__body", "organisation"],
    "meetings.followup": ["meeting__body"],
    "meetings.partnerroundentry": ["meeting__body", "organisation"],
    "network.offerproposal": ["organisation", "offer"],
}
# How the confirmation page names each relation (models without a Dutch verbose name included).
RELATION_LABELS: dict[str, Any] = {
    "accounts.accessinvitation": gettext_lazy("uitnodigingen voor toegang"),
    "network.affiliation": gettext_lazy("functies bij organisaties"),
    "network.selfservicelink": gettext_lazy("zelfservicelinks"),
    "governance.membership": gettext_lazy("lidmaatschappen van overlegorganen"),
    "governance.candidacy": gettext_lazy("kandidaturen voor een mandaat"),
    "meetings.agendaitem": gettext_lazy("agendapunten die de persoon bracht"),
    "meetings.attendance": gettext_lazy("aanwezigheden op vergaderingen"),
    "meetings.followup": gettext_lazy("opvolgpunten"),
    "meetings.partnerroundentry": gettext_lazy("bijdragen aan de partnerronde"),
    "network.offerproposal": gettext_lazy("voorstellen voor aanbod"),
}
# --- the registration API for other apps ----------------------------------------------------------


@dataclass(frozen=True)
class PersonData:
    """What an app tells the privacy export and erasure about one kind of row.

    `key` is the export key (normally the model label, e.g. 'events.registration'); `row` makes a
    readable row (default: every plain field); `delete_on_erase` deletes the rows on erasure,
    otherwise they stay, `text_copies` (free-text fields with the person's name) are scrubbed and
    `scrub(zone, rows)` may blank more. `by_address(zone, addresses)` returns the zone's rows that
    hold one of the person's e-mail addresses (lower case) without a foreign key to the person;
    `by_person(zone, person)` the rows tied to the person some other way (a generic relation).
    `release(zone, actor, rows)` runs after the rows were scrubbed, inside the erasure's transaction:
    the app ends through its own services what the person still holds (a seat at an event that has
    not started goes to the waiting list) and returns a short Dutch summary for the erasure's audit
    entry ("" when there was nothing to end). `redact(zone, person, rows)` runs before `text_copies`
    are scrubbed, for what only knowing the person finds (a spreadsheet row with the first and last
    name in cells of their own); it changes the row objects in memory too, as the scrub reads them.
    `erase_note(zone, rows)` tells the confirmation page, in one Dutch sentence, what erasure will do
    beyond keeping or deleting the rows ("" for nothing): the cancellations of `release`, say.
    """

    key: str
    label: Any
    row: Callable[[Any], dict[str, Any]] | None = None
    select_related: tuple[str, ...] = ()
    delete_on_erase: bool = False
    text_copies: tuple[str, ...] = ()
    by_address: Callable[[Zone, set[str]], models.QuerySet[Any]] | None = None
    scrub: Callable[[Zone, list[Any]], None] | None = None
    by_person: Callable[[Zone, Person], models.QuerySet[Any]] | None = None
    release: Callable[[Zone, Any, list[Any]], str] | None = None
    redact: Callable[[Zone, Person, list[Any]], None] | None = None
    erase_note: Callable[[Zone, list[Any]], str] | None = None


ERASE_NOTES: dict[str, Callable[[Zone, list[Any]], str]] = {}
RELEASERS: dict[str, Callable[[Zone, Any, list[Any]], str]] = {}
REDACTORS: dict[str, Callable[[Zone, Person, list[Any]], None]] = {}
BY_PERSON: dict[str, Callable[[Zone, Person], models.QuerySet[Any]]] = {}
BY_ADDRESS: dict[str, Callable[[Zone, set[str]], models.QuerySet[Any]]] = {}
SCRUBBERS: dict[str, Callable[[Zone, list[Any]], None]] = {}


def register(data: PersonData) -> None:
    """Describe one kind of personal row (call it from the app's hooks.connect(); idempotent)."""
    if data.row is not None:
        ROW_BUILDERS[data.key] = data.row
    RELATION_LABELS[data.key] = data.label
    if data.select_related:
        SELECT_RELATED[data.key] = list(data.select_related)
    if data.delete_on_erase:
        DELETED_ON_ERASE.add(data.key)
    else:
        DELETED_ON_ERASE.discard(data.key)
    if data.text_copies:
        TEXT_COPIES[data.key] = list(data.text_copies)
    if data.by_address is not None:
        BY_ADDRESS[data.key] = data.by_address
    if data.scrub is not None:
        SCRUBBERS[data.key] = data.scrub
    if data.by_person is not None:
        BY_PERSON[data.key] = data.by_person
    if data.release is not None:
        RELEASERS[data.key] = data.release
    if data.redact is not None:
        REDACTORS[data.key] = data.redact
    if data.erase_note is not None:
        ERASE_NOTES[data.key] = data.erase_note


def address_q(field: str, addresses: Iterable[str]) -> Q:
    """Rows whose `field` is one of these addresses, in any case (for a `by_address`)."""
    query = Q(pk__in=[])
    for address in addresses:
        if address:
            query |= Q(**{f"{field}__iexact": address})
    return query


SKIPPED_FIELDS = {"zone", "search_text"}


def _plain_row(row: models.Model) -> dict[str, Any]:
    """Every concrete field of a row of a model this module does not know yet."""
    data: dict[str, Any] = {}
    for field in row._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        if field.is_relation:
            data[field.name] = _name(getattr(row, field.name))
        else:
            data[field.name] = _iso(getattr(row, field.attname))
    return data


def _audit_row(entry: AuditEntry) -> dict[str, Any]:
    return {
        "when": _iso(entry.created_at),
        "who": entry.who,
        "action": entry.action,
        "action_label": entry.action_label,
        "record": f"{entry.model}#{entry.object_id}",
        "changes": entry.changes,
    }


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


# --- export (art. 15) ---------------------------------------------------------------------------


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


# --- erasure (art. 17) --------------------------------------------------------------------------


def _traces(zone: Zone, person: Person, extra_addresses: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern that finds the person's names (now and before), e-mail addresses and phone numbers."""
    firsts, lasts = {person.first_name}, {person.last_name}
    names: set[str] = set()
    others = {person.email, person.phone, *extra_addresses}
    own = AuditEntry.objects.for_zone(zone).filter(model=Person._meta.model_name, object_id=person.pk)
    for changes in own.values_list("changes", flat=True):
        if not isinstance(changes, dict):
            continue
        for key, target in (
            ("first_name", firsts),
            ("last_name", lasts),
            ("email", others),
            ("phone", others),
        ):
            values = changes.get(key)
            if isinstance(values, list):
                target.update(v for v in values if isinstance(v, str))
        merged = changes.get("merged_from")
        if isinstance(merged, list) and merged and isinstance(merged[0], str):
            names.add(re.sub(r"\s*\(#\d+\)$", "", merged[0]))
    names.update(f"{first} {last}" for first in firsts for last in lasts if first and last)

    def usable(texts: Iterable[str]) -> list[str]:
        found = {t.strip() for t in texts if t and len(t.strip()) >= MIN_TRACE_LENGTH}
        return sorted(found, key=len, reverse=True)

    def loose(text: str) -> str:
        return r"\s+".join(re.escape(part) for part in text.split())

    # Names as they were written (a name can be an ordinary word in another case); addresses and
    # numbers in any case.
    alternatives = [loose(n) for n in usable(names)] + [f"(?i:{loose(o)})" for o in usable(others)]
    if not alternatives:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


def _scrub(value: Any, pattern: re.Pattern[str] | None) -> Any:
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(SCRUBBED, value)
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {_scrub(k, pattern): _scrub(v, pattern) for k, v in value.items()}
    return value


def _audit_targets(person: Person, rows: Iterable[models.Model]) -> Q:
    """The person, each row about the person, and every record such a row points at (body, meeting, ...)."""
    ids: dict[str, set[int]] = {str(Person._meta.model_name): {person.pk}}
    for row in rows:
        ids.setdefault(str(row._meta.model_name), set()).add(row.pk)
        for field in row._meta.concrete_fields:
            if not field.is_relation or field.name == "zone":
                continue
            target: Any = field.related_model
            value = getattr(row, field.attname)
            if value is None or target is Person or target._meta.app_label == "accounts":
                continue
            ids.setdefault(str(target._meta.model_name), set()).add(value)
    query = Q()
    for model_name, pks in ids.items():
        query |= Q(model=model_name, object_id__in=sorted(pks))
    return query


def _scrub_history(
    zone: Zone, person: Person, rows: list[models.Model], pattern: re.Pattern[str] | None
) -> int:
    person_model = Person._meta.model_name
    changed: list[AuditEntry] = []
    for entry in AuditEntry.objects.for_zone(zone).filter(_audit_targets(person, rows)):
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        about_person = entry.model == person_model and entry.object_id == person.pk
        if about_person:
            changes = {
                key: [v if v in (None, "") else SCRUBBED for v in values]
                if key in PERSONAL_AUDIT_KEYS and isinstance(values, list)
                else values
                for key, values in changes.items()
            }
        changes = _scrub(changes, pattern)
        object_repr = (
            f"{ERASED_FIRST_NAME} {ERASED_LAST_NAME}" if about_person else _scrub(entry.object_repr, pattern)
        )
        actor_label = _scrub(entry.actor_label, pattern)
        if (changes, object_repr, actor_label) != (entry.changes, entry.object_repr, entry.actor_label):
            entry.changes, entry.object_repr, entry.actor_label = changes, object_repr, actor_label
            changed.append(entry)
    AuditEntry.objects.for_zone(zone).bulk_update(changed, ["changes", "object_repr", "actor_label"])
    return len(changed)


# Relations whose rows exist only for the person: erasure deletes them instead of keeping them.
DELETED_ON_ERASE = {"network.selfservicelink", "accounts.accessinvitation"}
# Free-text copies of a name on rows that point at the person: scrubbed, the row itself stays.
TEXT_COPIES: dict[str, list[str]] = {
    "meetings.agendaitem": ["presenter_text"],
    "meetings.followup": ["owner_text"],
    # the proposal stays (the offer's history refers to it); who proposed it does not
    "network.offerproposal": ["proposer_name"],
}


def _scrub_texts(key: str, rows: list[models.Model], pattern: re.Pattern[str] | None) -> None:
    for row in rows:
        updates: dict[str, Any] = {}
        for name in TEXT_COPIES.get(key, []):
            old = getattr(row, name)
            new = _scrub(old, pattern)
            if new != old:
                updates[name] = new
        if updates:
            type(row)._base_manager.filter(pk=row.pk).update(**updates)


def _scrub_failures(zone: Zone, person: Person) -> None:
    for confirmation_round in ConfirmationRound.objects.for_zone(zone).select_for_update().order_by("pk"):
        failures = confirmation_round.failures
        if not any(isinstance(f, dict) and f.get("person") == person.pk for f in failures):
            continue
        confirmation_round.failures = [
            {**f, "name": SCRUBBED, "email": SCRUBBED}
            if isinstance(f, dict) and f.get("person") == person.pk
            else f
            for f in failures
        ]
        confirmation_round.save(update_fields=["failures"])


# --- the linked account -----------------------------------------------------------------------------

ERASED_ACCOUNT_DOMAIN = "gewist.invalid"
ACCOUNT_DEACTIVATED = "deactivated"
ACCOUNT_DETACHED = "detached"


def _account_used_elsewhere(zone: Zone, user: User) -> bool:
    """The account still serves outside this zone: a platform admin, or roles in another zone."""
    return bool(
        user.is_superuser or user.is_staff or ZoneRole.objects.filter(user=user).exclude(zone=zone).exists()
    )


def _account_preview(zone: Zone, person: Person) -> dict[str, Any] | None:
    user = person.user if person.user_id else None
    if user is None:
        return None
    roles = ZoneRole.objects.filter(zone=zone, user=user).order_by("role")
    return {
        "email": user.email,
        "roles": [str(r.get_role_display()) for r in roles],
        "kept_elsewhere": _account_used_elsewhere(zone, user),
    }


def _erase_account(zone: Zone, person: Person) -> str | None:
    """Take the account's roles in this zone away; anonymise and deactivate it unless it serves elsewhere.

    Either way every session of the account ends. The person record is detached by the caller.
    """
    if not person.user_id:
        return None
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user = User.objects.select_for_update().get(pk=person.user_id)
    ZoneRole.objects.filter(zone=zone, user=user).delete()
    if _account_used_elsewhere(zone, user):
        outcome = ACCOUNT_DETACHED
    else:
        user.email = f"gewist-{user.pk}@{ERASED_ACCOUNT_DOMAIN}"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "first_name", "last_name", "is_active", "password"])
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        # Person records elsewhere that still point at the account (without a role) let go of it:
        # it can no longer log in, and its address is free for a new account.
        Person.objects.unscoped().filter(user=user).exclude(pk=person.pk).update(user=None)
        outcome = ACCOUNT_DEACTIVATED
    sessions.end_sessions(user.pk)
    return outcome


def person_erase_preview(*, zone: Zone, person: Person) -> dict[str, Any]:
    """What erasure would keep and delete, for the confirmation page (reads only)."""
    _check_zone(zone, person)
    kept: list[dict[str, Any]] = []
    deleted: list[dict[str, Any]] = []
    labels: dict[str, Any] = {}
    for rel in person_relations():
        related: Any = rel.related_model
        labels[relation_key(rel)] = related._meta.verbose_name_plural
    notes: list[str] = []
    for key, found in person_rows(zone, person).items():
        if found and key in ERASE_NOTES and (note := ERASE_NOTES[key](zone, found)):
            notes.append(note)
        item = {"label": str(RELATION_LABELS.get(key, labels.get(key, key))), "count": len(found)}
        if key in DELETED_ON_ERASE:
            deleted.append(item)
        elif found:
            kept.append(item)
    return {
        "kept": kept,
        "deleted": deleted,
        "notes": notes,
        "has_account": person.user_id is not None,
        "account": _account_preview(zone, person),
        "history": AuditEntry.objects.for_zone(zone)
        .filter(model=Person._meta.model_name, object_id=person.pk)
        .count(),
        "already_erased": is_erased(zone=zone, person=person),
    }


@transaction.atomic
def person_erase(*, zone: Zone, actor: Any, person: Person, reason: str) -> Person:
    """Anonymise `person` for good and scrub their traces; the records that reports count stay."""
    _check_zone(zone, person)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError({"reason": _("Geef de reden van het wissen op.")})
    person = Person.objects.for_zone(zone).select_for_update().get(pk=person.pk)
    if is_erased(zone=zone, person=person):
        raise ServiceError(_("De gegevens van deze persoon zijn al gewist."))
    if person.user_id and getattr(actor, "pk", None) == person.user_id:
        raise ServiceError(_("Je kunt je eigen gegevens niet wissen: vraag het aan een collega."))

    found = person_rows(zone, person)
    rows = [row for rows_of_key in found.values() for row in rows_of_key]
    doomed = {key: found_rows for key, found_rows in found.items() if key in DELETED_ON_ERASE and found_rows}
    kept = {
        key: found_rows for key, found_rows in found.items() if key not in DELETED_ON_ERASE and found_rows
    }
    addresses = {
        *_addresses(person),
        *(getattr(r, "email", "") for found_rows in doomed.values() for r in found_rows),
    }
    pattern = _traces(zone, person, addresses)

    # Scrub first: the history of the rows deleted below is found through those rows.
    scrubbed = _scrub_history(zone, person, rows, pattern)
    for key, found_rows in kept.items():
        if key in REDACTORS:
            REDACTORS[key](zone, person, found_rows)
        _scrub_texts(key, found_rows, pattern)
        if key in SCRUBBERS:
            SCRUBBERS[key](zone, found_rows)
    _scrub_failures(zone, person)
    # After the scrub: what the apps write while ending it (a cancellation's audit entry, the mail
    # task) sees the anonymous row, and the person's address is no longer there to mail.
    released = [
        summary
        for key, found_rows in kept.items()
        if key in RELEASERS and (summary := RELEASERS[key](zone, actor, found_rows))
    ]
    removed: list[str] = []
    for key, found_rows in doomed.items():
        model: Any = type(found_rows[0])
        # a row may already be gone with another (an agenda subscription with its subscriber)
        model._base_manager.filter(pk__in=[r.pk for r in found_rows]).delete()
        removed.append(f"{len(found_rows)} {RELATION_LABELS.get(key, key)}")
    # A candidacy's motivation is the person's own writing; the candidacy itself stays.
    person.candidacies.exclude(motivation="").update(motivation="")
    # A proposal for an offer stays, without the note the person wrote or the address to answer.
    person.offer_proposals.update(note="", proposer_email="")
    account = _erase_account(zone, person)

    person.first_name = ERASED_FIRST_NAME
    person.last_name = ERASED_LAST_NAME
    person.email = ""
    person.phone = ""
    person.user = None
    person.email_bounced = False
    if not person.is_archived:
        person.is_archived = True
        person.archived_at = timezone.now()
    person.search_text = person.build_search_text()
    person.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="erased",
        instance=person,
        changes={
            "reden": [None, reason],
            "verwijderd": [None, ", ".join(removed) or _("niets")],
            "geschiedenis": [
                None,
                _("%(count)s regel(s) ontdaan van persoonsgegevens") % {"count": scrubbed},
            ],
            **({"account": [None, str(ACCOUNT_OUTCOMES[account])]} if account else {}),
            **({"beëindigd": [None, "; ".join(released)]} if released else {}),
        },
    )
    return person


ACCOUNT_OUTCOMES = {
    ACCOUNT_DEACTIVATED: gettext_lazy(
        "rollen in deze zone verwijderd, account uitgeschakeld en geanonimiseerd"
    ),
    ACCOUNT_DETACHED: gettext_lazy(
        "rollen in deze zone verwijderd en account losgekoppeld; het account blijft bestaan voor "
        "zijn rollen elders"
    ),
}
