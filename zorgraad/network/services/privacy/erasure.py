"""The privacy erasure (GDPR art. 17): anonymise a person for good and scrub their traces.

The records that reports count (functions, memberships, attendance, ...) stay but point at an
anonymous person; what only exists for the person (`DELETED_ON_ERASE`) is deleted; the person's
names, addresses and phone numbers are scrubbed from the audit trail and the registered text copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.models import AuditEntry
from zorgraad.zones.models import Zone

from ...models import ConfirmationRound, Person
from ..directory import ServiceError
from .account import ACCOUNT_OUTCOMES, _account_preview, _erase_account
from .collect import _addresses, _check_zone, is_erased, person_relations, person_rows, relation_key
from .registry import (
    DELETED_ON_ERASE,
    ERASE_NOTES,
    ERASED_FIRST_NAME,
    ERASED_LAST_NAME,
    MIN_TRACE_LENGTH,
    PERSONAL_AUDIT_KEYS,
    REDACTORS,
    RELATION_LABELS,
    RELEASERS,
    SCRUBBED,
    SCRUBBERS,
    TEXT_COPIES,
)


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
