"""What the import steps share: ImportFailed, the pending check, reading a confirmed value (a field or
a plain value), a date, an hour, an id, an e-mail address, and a service error as one Dutch sentence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import ImportedDocument, ImportStatus


class ImportFailed(ServiceError):
    """An import that cannot go on, with the reason in Dutch. Nothing was saved."""


def _pending(zone: Zone, document: ImportedDocument) -> None:
    if document.zone_id != zone.pk:
        raise ImportFailed("Dit document hoort niet bij deze eerstelijnszone.")
    if document.status != ImportStatus.PENDING:
        raise ImportFailed("Dit document werd al geïmporteerd of geannuleerd.")


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise ImportFailed("Ongeldige keuze.") from exc


def _valid_email(value: str) -> str:
    value = (value or "").strip().lower()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        return ""  # an invalid address is shown in the preview, never stored
    return value


def _v(data: dict[str, Any], key: str) -> Any:
    value = data.get(key)
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def _date(value: Any, label: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or ""))
    except ValueError as exc:
        raise ImportFailed(
            f"{label}: geen geldige datum (‘{value or ''}’). Vul een bestaande datum in."
        ) from exc


def _time(value: Any, label: str) -> dt.time:
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value or ""))
    except ValueError as exc:
        raise ImportFailed(f"{label}: geen geldig uur (‘{value or ''}’). Gebruik de vorm 13:30.") from exc


def _service_message(exc: ServiceError | ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(str(m) for m in getattr(exc, "messages", [str(exc)]))
