"""What the importer app adds to what core gathers (core/registry.py) and to the URL table."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from zorgraad.core import permissions

URL_ROLES: dict[str, str] = {
    "importer:upload": permissions.STAFF,
    "importer:preview": permissions.STAFF,
    "importer:mapping": permissions.STAFF,
    "importer:original": permissions.STAFF,
}


def _document_row(document: Any) -> dict[str, Any]:
    """An imported document that created or linked the person (the original file is not exported)."""
    return {
        "id": document.pk,
        "filename": document.filename,
        "kind": document.kind,
        "status": document.status,
        "created_at": document.created_at.isoformat() if document.created_at else None,
        "confirmed_at": document.confirmed_at.isoformat() if document.confirmed_at else None,
    }


def _documents_of(zone: Any, person: Any) -> Any:
    """The documents whose import created or linked this person (ImportedRecord is generic)."""
    from django.contrib.contenttypes.models import ContentType

    from .models import ImportedDocument, ImportedRecord

    records = ImportedRecord.objects.for_zone(zone).filter(
        content_type=ContentType.objects.get_for_model(type(person)), object_id=person.pk
    )
    return ImportedDocument.objects.for_zone(zone).filter(pk__in=records.values("document_id"))


def _privacy() -> None:
    """Erasure keeps the document (the provenance of other records) but scrubs the person's name,
    address and phone from what was read and confirmed; the original file itself stays."""
    from zorgraad.network.services import privacy

    privacy.register(
        privacy.PersonData(
            key="importer.importeddocument",
            label=gettext_lazy("geïmporteerde documenten"),
            row=_document_row,
            text_copies=("extraction", "rows"),
            by_person=_documents_of,
        )
    )


AUDIT_ACTIONS = {
    "import_uploaded": gettext_lazy("document opgeladen"),
    "import_confirmed": gettext_lazy("import bevestigd"),
    "import_discarded": gettext_lazy("import geannuleerd"),
}


def connect() -> None:
    from zorgraad.core import audit

    audit.register_actions(AUDIT_ACTIONS)
    permissions.register(URL_ROLES)
    _privacy()
