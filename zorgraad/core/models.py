from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoping import ZoneOwned

ACTION_LABELS = {
    "created": _("aangemaakt"),
    "updated": _("gewijzigd"),
    "archived": _("gearchiveerd"),
    "deleted": _("verwijderd"),
    "merged": _("samengevoegd"),
    "confirmed": _("bevestigd"),
    "email_bounced": _("e-mail onbestelbaar"),
    "selfservice_link_sent": _("zelfservicelink verstuurd"),
    "confirmation_round_started": _("bevestigingsronde gestart"),
    "affiliation_added": _("functie toegevoegd"),
    "affiliation_ended": _("functie beëindigd"),
    "membership_added": _("lid toegevoegd"),
    "membership_ended": _("mandaat beëindigd"),
    "mandate_call_opened": _("oproep kandidaten geopend"),
    "mandate_call_decided": _("mandaten beslist"),
    "candidacy_submitted": _("kandidatuur ingediend"),
    "subscribed": _("ingeschreven"),
    "fixed_item_added": _("vast agendapunt toegevoegd"),
    "fixed_item_moved": _("vast agendapunt verplaatst"),
    "fixed_item_deleted": _("vast agendapunt verwijderd"),
    "status": _("status gewijzigd"),
    "agenda_built": _("agenda opgesteld"),
    "moved": _("verplaatst"),
    "invitation_resent": _("uitnodiging opnieuw verstuurd"),
    "invitation_failed": _("uitnodiging niet afgeleverd"),
    "attendance": _("aanwezigheden"),
    "attendance_members": _("leden uitgenodigd"),
    "guest_added": _("gast toegevoegd"),
    "approved": _("verslag goedgekeurd"),
    "published": _("gepubliceerd"),
    "minutes_after_publication": _("verslag gewijzigd na publicatie"),
    "done": _("afgewerkt"),
    "access_granted": _("toegang gegeven"),
    "access_revoked": _("toegang ingetrokken"),
    "access_invited": _("uitgenodigd voor toegang"),
    "access_accepted": _("uitnodiging voor toegang aanvaard"),
    "access_invitation_withdrawn": _("uitnodiging voor toegang ingetrokken"),
    "exported": _("gegevens geëxporteerd"),
    "erased": _("gegevens gewist"),
    "decision": _("beslissing genoteerd"),
    "minutes": _("verslag geschreven"),
    "invitation_sent": _("uitnodiging verstuurd"),
    "invitation_reply": _("antwoord op de uitnodiging"),
    "cancellation_sent": _("annulering verstuurd"),
    "unsubscribed": _("uitgeschreven"),
    "proposal_submitted": _("voorstel ingediend"),
    "proposal_accepted": _("voorstel aanvaard"),
    "proposal_rejected": _("voorstel niet aanvaard"),
}


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
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action.replace("_", " ")))

    @property
    def change_rows(self) -> list[Any]:
        """The changes with Dutch labels and values, for the history tables."""
        from .audit import change_rows

        return change_rows(self)

    @property
    def who(self) -> str:
        if self.actor_id and self.actor:
            # e.g. a staff member who accepted a partner's proposal: "An Staf (voorstel van …)"
            return f"{self.actor} ({self.actor_label})" if self.actor_label else str(self.actor)
        return self.actor_label or str(_("systeem"))


class RateBucket(models.Model):
    """Hits of one client on one public form in one time window (shared by all web processes)."""

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_end = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class DemoLoad(models.Model):
    """A part of the demo that `load_demo` loaded (per zone slug, or '' for a part of all zones).

    A part is loaded once and never again, so a restart does not undo what users changed.
    """

    part = models.CharField(max_length=50)
    zone_slug = models.CharField(max_length=50, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["part", "zone_slug"], name="demo_part_once")]

    def __str__(self) -> str:
        return f"{self.part} {self.zone_slug}".strip()


class PageGeneration(models.Model):
    """A generation counter of one kind of public data of one zone (zone NULL: shared reference data).

    Raised after every committed write that changes that kind (core/pagecache.py); the public page
    cache keys hold the generations of the kinds a page shows.
    """

    zone = models.ForeignKey("zones.Zone", null=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["zone", "kind"], name="page_generation_once"),
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(zone__isnull=True), name="page_generation_global_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone_id or '*'}:{self.kind}={self.value}"

    @classmethod
    def raise_(cls, zone_id: int | None, kind: str) -> None:
        """value + 1, creating the row at 1; safe against a concurrent first raise."""
        from django.db import IntegrityError, transaction
        from django.db.models import F

        rows = (
            cls.objects.filter(zone_id=zone_id, kind=kind)
            if zone_id
            else cls.objects.filter(zone__isnull=True, kind=kind)
        )
        if rows.update(value=F("value") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(zone_id=zone_id, kind=kind, value=1)
        except IntegrityError:  # another process created it meanwhile
            rows.update(value=F("value") + 1)


class RecordChange(models.Model):
    """Which record a raise of a record kind's generation changed (core/pagerecords.py).

    Written in the transaction that raises the generation, so a process that reads the new
    generation also finds these rows; kept an hour (a cached page lives ten minutes at most).
    `record_id` NULL: every record of the kind counts as changed.
    """

    zone = models.ForeignKey("zones.Zone", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    value = models.PositiveBigIntegerField()
    record_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["zone", "kind", "value"], name="record_change_span")]

    def __str__(self) -> str:
        return f"{self.zone_id}:{self.kind}={self.value} #{self.record_id}"
