"""Pending imports: upload (read and keep), discard, and confirm (save all of it in one transaction)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from zorgraad.core import audit
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import ImportedDocument, ImportKind, ImportStatus
from .common import ImportFailed, _pending, _service_message
from .contacts import _save_contacts
from .minutes import _save_minutes
from .plan import _save_plan
from .reading import read_document
from .saver import ImportResult, _Saver


@transaction.atomic
def document_upload(
    *,
    zone: Zone,
    actor: Any,
    filename: str,
    data: bytes,
    kind: str | None = None,
    today: dt.date | None = None,
) -> ImportedDocument:
    """Read the file and keep it with its extraction as a pending import (nothing else is saved)."""
    kind, extraction, rows = read_document(zone=zone, filename=filename, data=data, kind=kind, today=today)
    doc = ImportedDocument.objects.create(
        zone=zone,
        kind=kind,
        filename=(filename or "document")[-255:],
        content=data,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        extraction=extraction,
        rows=rows[:5000],
        mapping=extraction.get("columns", {}) if kind == ImportKind.CONTACTS else {},
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        zone=zone, actor=actor, action="import_uploaded", instance=doc, changes={"kind": [None, kind]}
    )
    return doc


@transaction.atomic
def document_discard(*, zone: Zone, actor: Any, document: ImportedDocument) -> ImportedDocument:
    _pending(zone, document)
    # nothing was imported: nothing of the file is kept, only that it was read and cancelled
    document.status = ImportStatus.DISCARDED
    document.content = b""
    document.extraction = {}
    document.rows = []
    document.original_removed_at = timezone.now()
    document.save(update_fields=["status", "content", "extraction", "rows", "original_removed_at"])
    audit.record(zone=zone, actor=actor, action="import_discarded", instance=document)
    return document


@transaction.atomic
def document_confirm(
    *, zone: Zone, actor: Any, document: ImportedDocument, extraction: dict[str, Any] | None = None
) -> ImportResult:
    """Save the confirmed extraction (default: the pending one) whole, or nothing at all."""
    _pending(zone, document)
    document = ImportedDocument.objects.for_zone(zone).select_for_update().get(pk=document.pk)
    _pending(zone, document)
    data = extraction if extraction is not None else document.extraction
    saver = _Saver(zone, actor)
    try:
        with transaction.atomic():
            if document.kind == ImportKind.MINUTES:
                _save_minutes(saver, data)
            elif document.kind == ImportKind.CONTACTS:
                _save_contacts(saver, data)
            else:
                _save_plan(saver, data)
    except ImportFailed:
        raise
    except (ServiceError, ValidationError) as exc:
        raise ImportFailed(_service_message(exc)) from exc
    except (IntegrityError, DataError) as exc:
        raise ImportFailed(
            "Het document kon niet opgeslagen worden: een waarde past niet (te lang of dubbel). "
            "Verbeter de gemarkeerde velden en probeer opnieuw."
        ) from exc
    document.status = ImportStatus.IMPORTED
    document.extraction = data
    document.rows = []  # read again only to remap columns, which a confirmed import no longer does
    document.confirmed_at = timezone.now()
    document.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    document.save(update_fields=["status", "extraction", "rows", "confirmed_at", "confirmed_by"])
    saver.link_all(document)
    audit.record(
        zone=zone,
        actor=actor,
        action="import_confirmed",
        instance=document,
        changes={"created": [None, saver.result.created], "linked": [None, saver.result.linked]},
    )
    saver.result.document = document
    return saver.result
