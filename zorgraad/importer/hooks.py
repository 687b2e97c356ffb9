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
        "original_removed_at": (
            document.original_removed_at.isoformat() if document.original_removed_at else None
        ),
    }


def _privacy() -> None:
    """Erasure keeps the document (the provenance of other records) but replaces the person's name,
    address and phone in what was read (extraction, and the rows of a pending import) and deletes the
    original file (importer/privacy.py)."""
    from zorgraad.network.services import privacy

    from . import privacy as importer_privacy

    privacy.register(
        privacy.PersonData(
            key="importer.importeddocument",
            label=gettext_lazy("geïmporteerde documenten"),
            row=_document_row,
            text_copies=("filename", "extraction", "rows"),
            by_person=importer_privacy.documents_of,
            redact=importer_privacy.redact,
            scrub=importer_privacy.remove_originals,
            erase_note=importer_privacy.erase_note,
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
