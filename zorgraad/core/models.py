from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoping import ZoneOwned


class AuditEntry(ZoneOwned):
    """One change to one record: who, when, what, and the old and new value of each field."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Free text for changes made without an account, e.g. "via zelfservicelink (An Peeters)".
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=60)
    model = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=250, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["zone", "model", "object_id"], name="audit_zone_object")]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")

    def __str__(self) -> str:
        return f"{self.action} {self.model}#{self.object_id}"

    @property
    def who(self) -> str:
        if self.actor_id and self.actor:
            return str(self.actor)
        return self.actor_label or str(_("systeem"))
