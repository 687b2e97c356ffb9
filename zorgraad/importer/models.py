"""Imported documents: the original file, who brought it in, the extraction as confirmed, what it created.

What is kept, and for how long (the least the job needs; see importer/privacy.py for erasure):

- `rows` (a spreadsheet's cells as read) serve only to apply a changed column mapping while the
  import is pending: they are emptied when the import is confirmed or cancelled.
- A cancelled import keeps nothing of the file: original, extraction and rows are dropped; its file
  name, kind, who and when stay in the import history.
- A confirmed import keeps its original file (the provenance every imported record links back to)
  and the extraction as confirmed, until a person in it is erased: then the person's name, e-mail
  and phone are replaced in the extraction (and in the rows of a pending import), and the original
  file is deleted (a .docx, .pdf or .xlsx cannot be redacted safely), `original_removed_at` says when.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class ImportKind(models.TextChoices):
    MINUTES = "minutes", _("verslag of agenda van een vergadering")
    PLAN = "plan", _("actieplan")
    CONTACTS = "contacts", _("contactenlijst")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("wacht op bevestiging")
    IMPORTED = "imported", _("geïmporteerd")
    DISCARDED = "discarded", _("geannuleerd")


class ImportedDocument(ZoneOwned):
    """One uploaded file. While pending, `extraction` holds what the preview shows (server-side);
    once confirmed, it holds exactly what was confirmed and saved."""

    kind = models.CharField(_("soort"), max_length=10, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    content = models.BinaryField(_("origineel bestand"))
    size = models.PositiveIntegerField(_("grootte"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    extraction = models.JSONField(_("extractie"), default=dict, blank=True)
    # Spreadsheets: the rows as read, so a changed column mapping can be applied again server-side.
    rows = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(_("kolommen"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # the original file was deleted (import cancelled, or a person in it erased): `content` is empty
    original_removed_at = models.DateTimeField(_("origineel verwijderd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("geïmporteerd document")
        verbose_name_plural = _("geïmporteerde documenten")

    def __str__(self) -> str:
        return self.filename


class ImportedRecord(ZoneOwned):
    """A record created (or linked) by an import, pointing back at its source document."""

    document = models.ForeignKey(ImportedDocument, on_delete=models.CASCADE, related_name="records")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    created = models.BooleanField(default=True, help_text="False: an existing record the import linked to")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="importedrecord_target")]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"
