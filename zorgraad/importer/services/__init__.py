"""Importing documents: read and parse (nothing saved), keep the pending extraction server-side,
then save exactly what the user confirmed in ONE transaction, every record linked to its document.

Writes go through the owning apps' services (meetings, network, planning), so their checks,
audit entries and zone rules apply to imported records as to typed ones.

Keeping no more than the job needs (importer/models.py): a confirmed import drops the spreadsheet
rows it read, a cancelled one drops its original file, extraction and rows; erasing a person
redacts the documents that hold them and deletes their original file (importer/privacy.py).

The package, by step (callers import from here, `zorgraad.importer.services`):

- common.py: `ImportFailed`, the pending check and the small readers of confirmed values;
- reading.py: what kind a document is, reading and parsing it, remapping a spreadsheet's columns;
- matching.py: the directory records a person or organisation of an extraction matches;
- documents.py: upload, discard and confirm of a pending import;
- saver.py: `ImportResult` and the saver that links every created record to its document;
- minutes.py, contacts.py, plan.py: saving a confirmed meeting, contact list or action plan.
"""

from __future__ import annotations

from zorgraad.network.services import ServiceError

from .common import ImportFailed
from .documents import document_confirm, document_discard, document_upload
from .reading import (
    bodies_for,
    default_mapping,
    detect_kind,
    organisation_names,
    read_document,
    remap_contacts,
)
from .saver import PLURAL_LABELS, ImportResult, record_label

__all__ = [
    "ImportFailed",
    "ImportResult",
    "PLURAL_LABELS",
    "ServiceError",
    "bodies_for",
    "default_mapping",
    "detect_kind",
    "document_confirm",
    "document_discard",
    "document_upload",
    "organisation_names",
    "read_document",
    "record_label",
    "remap_contacts",
]
