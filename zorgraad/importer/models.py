"""Imported documents: the original file, who brought it in, the extraction as confirmed, what it created."""

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
