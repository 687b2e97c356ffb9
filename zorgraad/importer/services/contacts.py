"""Saving a confirmed contact list (and a meeting's contact block): people, their organisations and functions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError

from .common import ImportFailed, _service_message, _v
from .saver import _Saver


def _save_contact(saver: _Saver, c: dict[str, Any]) -> Person | None:
    action = c.get("action") or "create"
    if action == "skip":
        return None
    org_match = c.get("organisation_match") if isinstance(c.get("organisation_match"), dict) else None
    org = saver.organisation(_v(c, "organisation") or "", (org_match or {}).get("id"))
    match = c.get("person_match") if isinstance(c.get("person_match"), dict) else None
    match_id = (match or {}).get("id") if action == "link" else None
    name = (_v(c, "name") or "").strip()
    if not name and not match_id:
        return None
    return saver.person(
        name,
        first=(_v(c, "first_name") or "").strip(),
        last=(_v(c, "last_name") or "").strip(),
        email=_v(c, "email") or "",
        organisation=org,
        function=(_v(c, "function") or "").strip(),
        match_id=match_id,
    )


def _save_contacts(saver: _Saver, data: dict[str, Any]) -> None:
    contacts = data.get("contacts", [])
    if not contacts:
        raise ImportFailed("Er zijn geen contacten om te importeren.")
    for number, c in enumerate(contacts, start=1):
        try:
            _save_contact(saver, c)
        except (ImportFailed, ServiceError, ValidationError) as exc:
            # say which row: a list has hundreds
            name = str(_v(c, "name") or "").strip()[:80] or "?"
            raise ImportFailed(f"Contact {number} ({name}): {_service_message(exc)}") from exc
    saver.result.summary.append(f"{len(contacts)} contacten verwerkt")
