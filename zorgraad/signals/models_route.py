"""The route of signals through a zone's bodies (seed: "Zennevallei flow: working group → sounding
board → policy, as a configurable chain of bodies").

- `SignalRouteStep`: one step of the zone's route, an ordered chain of the zone's own bodies
  (werkgroep → klankbordgroep → bestuursorgaan; another zone cluster → stuurgroep, or none). Each
  body once; `position` 1..n, kept dense by the services.
- `SignalReferral` (voorlegging): a signal put before one body of the route, by whom, when and with
  what comment. With a meeting and agenda item it is on that meeting's agenda ("besproken" once the
  meeting is held); without one (the body had no planned meeting, the meeting was cancelled or the
  item taken off the agenda) it waits "te agenderen" for that body. Only the latest referral of a
  signal is current (one per signal, a constraint): it says where the signal stands in the chain.

Both are imported into `models.py`, so Django finds them in the signals app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class SignalRouteStep(ZoneOwned):
    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("overleg"),
        on_delete=models.CASCADE,
        related_name="signal_route_steps",
    )
    position = models.PositiveSmallIntegerField(_("plaats in de route"), default=1)
    purpose = models.CharField(
        _("wat doet dit overleg met een signaal?"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld ‘bundelt en analyseert’, ‘geeft advies vanuit de inwoners’, ‘beslist’."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "body"], name="signal_route_body_once"),
        ]
        indexes = [models.Index(fields=["zone", "position"], name="signal_route_zone_pos")]
        verbose_name = _("stap in de route van signalen")
        verbose_name_plural = _("stappen in de route van signalen")

    def __str__(self) -> str:
        return f"{self.position}. {self.body}"


class SignalReferral(ZoneOwned):
    signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE, related_name="referrals")
    body = models.ForeignKey(
        "governance.Body", verbose_name=_("overleg"), on_delete=models.CASCADE, related_name="+"
    )
    # the step it was made for (kept as history when the step is later removed from the route)
    step = models.ForeignKey(
        SignalRouteStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("vergadering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agendapunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_current = models.BooleanField(default=True)
    comment = models.TextField(_("toelichting"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["signal"], condition=models.Q(is_current=True), name="signal_referral_current_once"
            ),
        ]
        indexes = [models.Index(fields=["zone", "body", "is_current"], name="signal_referral_body")]
        verbose_name = _("voorlegging van een signaal aan een overleg")
        verbose_name_plural = _("voorleggingen van signalen aan een overleg")

    def __str__(self) -> str:
        return f"{self.signal_id} → {self.body_id}"
