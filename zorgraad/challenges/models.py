"""Challenges (uitdagingen): the zone's themes that signals, events, bodies and plan actions hang on.

A challenge is a hub. Other apps link *to* it (signals, events, plan actions, newsletter blocks)
and show their part on its page through `core.registry.challenge_panels`, so this app knows none
of them. Numbers and labels are stored as the zone writes them (Waasland has 11 challenges, its
voting list uses 10 short labels).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class Challenge(ZoneOwned):
    number = models.CharField(_("nummer"), max_length=20, blank=True, help_text=_("Zoals de zone nummert."))
    title = models.CharField(_("titel"), max_length=300)
    short_label = models.CharField(
        _("korte naam"), max_length=80, blank=True, help_text=_("Zoals in stemlijsten en overzichten.")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    active_from = models.DateField(_("actief vanaf"), null=True, blank=True)
    active_until = models.DateField(_("actief tot"), null=True, blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    bodies = models.ManyToManyField(
        "governance.Body", verbose_name=_("stuurgroepen"), blank=True, related_name="challenges"
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("uitdaging")
        verbose_name_plural = _("uitdagingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_until__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_until__gte=models.F("active_from")),
                name="challenge_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        name = self.short_label or self.title
        return f"{self.number}. {name}" if self.number else name
