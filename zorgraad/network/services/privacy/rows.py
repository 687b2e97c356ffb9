"""Readable rows of the privacy export: one builder per known relation, and the fallbacks.

`ROW_BUILDERS` (registry.py) maps an export key to one of these; a relation without a builder is
exported with `_plain_row`, every plain field.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from zorgraad.core.models import AuditEntry


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
