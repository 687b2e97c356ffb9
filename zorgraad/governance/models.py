"""Bodies (overlegorganen), their members and the renewal of mandates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = "algemene-vergadering", _("algemene vergadering")
    BOARD = "bestuursorgaan", _("bestuursorgaan")
    EXECUTIVE = "dagelijks-bestuur", _("dagelijks bestuur")
    CLUSTER = "clusteroverleg", _("clusteroverleg")
    WORKING_GROUP = "werkgroep", _("werkgroep")
    STEERING_GROUP = "stuurgroep", _("stuurgroep")
    CORE_GROUP = "kerngroep", _("kerngroep")
    FORUM = "forum", _("forum")
    SOUNDING_BOARD = "klankbordgroep", _("klankbordgroep")
    NETWORK = "netwerk", _("netwerk")


class Body(ZoneOwned):
    """A body that meets: board, general assembly, cluster meeting, working group, ..."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de URL"), max_length=80)
    kind = models.CharField(_("soort"), max_length=30, choices=BodyKind.choices)
    cluster = models.ForeignKey(
        "zones.Cluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_open = models.BooleanField(
        _("open overleg"),
        default=False,
        help_text=_("Open: iedereen mag komen en de agenda en goedgekeurde verslagen zijn publiek."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    # The meeting rule, e.g. "3 keer per jaar, in Q1, Q2 en Q4".
    meeting_rule = models.CharField(_("vergaderritme"), max_length=200, blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(_("vergaderingen per jaar"), default=0)
    rule_quarters = models.CharField(
        _("kwartalen"), max_length=20, blank=True, help_text=_("Bijvoorbeeld 1,2,4 voor Q1, Q2 en Q4.")
    )
    rule_months = models.CharField(
        _("enkel in de maanden"),
        max_length=40,
        blank=True,
        help_text=_("Leeg = elke maand. Bijvoorbeeld 1,2,3 voor januari, februari en maart."),
    )
    rule_excluded_months = models.CharField(
        _("niet in de maanden"),
        max_length=40,
        blank=True,
        help_text=_("Bijvoorbeeld 7,8 voor ‘niet in juli en augustus’."),
    )
    default_weekday = models.PositiveSmallIntegerField(
        _("voorkeursdag"), null=True, blank=True, help_text=_("0 = maandag … 4 = vrijdag.")
    )
    default_start = models.TimeField(_("standaard beginuur"), default=dt.time(13, 30))
    default_end = models.TimeField(_("standaard einduur"), default=dt.time(16, 0))
    rotate_venues = models.BooleanField(_("wisselende locatie bij de leden"), default=True)
    required_sectors = models.ManyToManyField(
        "zones.Sector",
        verbose_name=_("sectoren die vertegenwoordigd moeten zijn"),
        blank=True,
        related_name="+",
    )
    is_archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["zone", "slug"], name="body_slug_per_zone")]
        verbose_name = _("overlegorgaan")
        verbose_name_plural = _("overlegorganen")

    def __str__(self) -> str:
        return self.name

    @property
    def quarters(self) -> list[int]:
        return [
            int(q) for q in self.rule_quarters.replace(" ", "").split(",") if q.isdigit() and 1 <= int(q) <= 4
        ]

    @property
    def months(self) -> list[int]:
        """The months the body may meet in: its months (or quarters), without the excluded ones."""
        allowed = set(_month_list(self.rule_months)) or set(range(1, 13))
        if self.quarters:
            allowed &= {m for q in self.quarters for m in range(3 * q - 2, 3 * q + 1)}
        return sorted(allowed - set(_month_list(self.rule_excluded_months)))

    @property
    def months_description(self) -> str:
        """'enkel in januari, februari; niet in juli, augustus' ('' without a month rule)."""
        from zorgraad.core.dutch import month_name

        parts = []
        if only := _month_list(self.rule_months):
            parts.append(str(_("enkel in")) + " " + ", ".join(month_name(m) for m in only))
        if excluded := _month_list(self.rule_excluded_months):
            parts.append(str(_("niet in")) + " " + ", ".join(month_name(m) for m in excluded))
        return "; ".join(parts)


def _month_list(text: str) -> list[int]:
    return [int(m) for m in (text or "").replace(" ", "").split(",") if m.isdigit() and 1 <= int(m) <= 12]


class FixedAgendaItem(ZoneOwned):
    """An item that every meeting of the body starts with (approval of minutes, partner round, varia)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="fixed_items")
    title = models.CharField(_("titel"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    at_end = models.BooleanField(_("achteraan de agenda"), default=False)

    class Meta:
        ordering = ["at_end", "order", "id"]

    def __str__(self) -> str:
        return self.title


class MembershipRole(models.TextChoices):
    CHAIR = "voorzitter", _("voorzitter")
    SECRETARY = "secretaris", _("secretaris")
    MEMBER = "lid", _("lid")
    DEPUTY = "plaatsvervanger", _("plaatsvervanger")
    OBSERVER = "waarnemer", _("waarnemer")


class Membership(ZoneOwned):
    """A person sits in a body, possibly for an organisation, representing a sector or municipality."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("network.Person", on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("namens organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    represents_sector = models.ForeignKey(
        "zones.Sector",
        verbose_name=_("vertegenwoordigt sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    represents_municipality = models.ForeignKey(
        "zones.Municipality",
        verbose_name=_("vertegenwoordigt gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start = models.DateField(_("mandaat vanaf"), null=True, blank=True)
    end = models.DateField(_("mandaat tot"), null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="membership_end_after_start",
                violation_error_message=_("Het mandaat eindigt vóór het begint."),
            )
        ]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.body})"

    def is_active_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or self.end >= day)


class MandateCall(ZoneOwned):
    """A call for candidates to renew the mandates of a body."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("afgesloten")
        DECIDED = "decided", _("beslist")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="mandate_calls")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    seats = models.PositiveSmallIntegerField(_("aantal mandaten"), default=1)
    deadline = models.DateField(_("kandidaturen tot"))
    mandate_start = models.DateField(_("nieuwe mandaten starten op"))
    mandate_end = models.DateField(_("nieuwe mandaten lopen tot"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return self.title


class Candidacy(ZoneOwned):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("ingediend")
        ACCEPTED = "accepted", _("aanvaard")
        REJECTED = "rejected", _("niet weerhouden")

    call = models.ForeignKey(MandateCall, on_delete=models.CASCADE, related_name="candidacies")
    person = models.ForeignKey("network.Person", on_delete=models.CASCADE, related_name="candidacies")
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    motivation = models.TextField(_("motivatie"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["call", "person"], name="candidacy_once_per_call")]

    def __str__(self) -> str:
        return f"{self.person} ({self.call})"
