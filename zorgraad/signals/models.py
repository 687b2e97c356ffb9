"""Signals (signalen): bottlenecks that partners and citizens report, from intake to an answer from policy.

A signal hangs on zero, one or more challenges (many-to-many, zero allowed: Waasland's "andere
structurele signalen" belong to none). Its status moves only along `Signal.TRANSITIONS`; the
service `signal_transition` performs each move and records it as a `SignalTransition` (who, when,
comment and what the move carries: to whom it was passed on, the answer, the reason). A duplicate
is bundled into a parent (`parent`), which counts its reporters and keeps every text. A body
"stands behind" a signal by a decision in its minutes (`SignalEndorsement`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned

if TYPE_CHECKING:
    from zorgraad.network.models import TargetGroup


class SignalStatus(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    RECEIVED = "received", _("ontvangen")
    ANALYSIS = "analysis", _("in analyse")
    MERGED = "merged", _("gebundeld")
    DISCUSSED = "discussed", _("besproken")
    STRUCTURAL = "structural", _("structureel")
    PASSED_ON = "passed_on", _("doorgegeven")
    ANSWERED = "answered", _("antwoord ontvangen")
    CLOSED = "closed", _("teruggekoppeld en gesloten")
    NOT_RETAINED = "not_retained", _("niet weerhouden")


# Statuses staff still have to look at (the triage list shows these first, oldest first).
UNTREATED = (SignalStatus.RECEIVED, SignalStatus.DRAFT)


class SignalKind(models.TextChoices):
    SIGNAL = "signal", _("signaal (knelpunt)")
    IDEA = "idea", _("idee of voorstel")


class SignalSource(models.TextChoices):
    PUBLIC_FORM = "public_form", _("publiek formulier")
    PARTNER_ACCOUNT = "partner_account", _("account van een partner")
    AGENDA_ITEM = "agenda_item", _("agendapunt van een vergadering")
    PARTNER_ROUND = "partner_round", _("partnerronde van een vergadering")
    NETWORK_EVENT = "network_event", _("netwerkevent")
    SURVEY = "survey", _("bevraging")
    INTERVISION = "intervision", _("intervisie")
    CASE_CONSULTATION = "case_consultation", _("casusoverleg")
    DREMPELSCAN = "drempelscan", _("drempelscan")
    PHONE = "phone", _("telefoon")
    MAIL = "mail", _("e-mail of brief")
    STAFF = "staff", _("geregistreerd door de medewerkers")


class AddresseeLevel(models.TextChoices):
    ORGANISATION = "organisation", _("organisatie")
    LOCAL = "local", _("lokaal bestuur")
    FLEMISH = "flemish", _("Vlaamse overheid (Departement Zorg)")
    VIVEL = "vivel", _("VIVEL")
    FEDERAL = "federal", _("federale overheid (RIZIV, ziekenfondsen)")
    THIRD_PARTY = "third_party", _("derden (woonmaatschappijen, private verhuurders, …)")


S = SignalStatus


class Signal(ZoneOwned):
    # The workflow: which status may follow which. `services.signal_transition` refuses any other move.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        S.DRAFT: (S.RECEIVED, S.NOT_RETAINED, S.MERGED),
        S.RECEIVED: (S.ANALYSIS, S.DISCUSSED, S.STRUCTURAL, S.NOT_RETAINED, S.MERGED),
        S.ANALYSIS: (S.DISCUSSED, S.STRUCTURAL, S.NOT_RETAINED, S.MERGED),
        # besproken → besproken: the next body of the zone's route takes it up (models_route.py)
        S.DISCUSSED: (S.DISCUSSED, S.STRUCTURAL, S.CLOSED, S.NOT_RETAINED, S.MERGED),
        S.STRUCTURAL: (S.DISCUSSED, S.PASSED_ON, S.CLOSED),
        S.PASSED_ON: (S.ANSWERED, S.CLOSED),
        S.ANSWERED: (S.CLOSED,),
        S.CLOSED: (),
        S.NOT_RETAINED: (S.ANALYSIS,),
        S.MERGED: (),
    }

    reference = models.CharField(_("referentie"), max_length=20, editable=False)
    # the number within the zone and year of the reference ("SIG-2026-0042": year 2026, sequence 42)
    year = models.PositiveSmallIntegerField(editable=False, default=0)
    sequence = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=SignalKind.choices, default=SignalKind.SIGNAL)
    status = models.CharField(
        _("status"), max_length=14, choices=SignalStatus.choices, default=SignalStatus.RECEIVED
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # reporter: a person of the directory, a partner user, or anonymous with an optional contact
    reporter_person = models.ForeignKey(
        "network.Person",
        verbose_name=_("melder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_name = models.CharField(_("naam melder"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mailadres voor terugkoppeling"), blank=True)
    follow_up = models.BooleanField(_("wil op de hoogte blijven"), default=False)
    follow_up_consent_at = models.DateTimeField(null=True, blank=True)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    organisation_text = models.CharField(_("organisatie (vrij)"), max_length=200, blank=True)
    sector = models.ForeignKey(
        "zones.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cluster = models.ForeignKey(
        "zones.Cluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("bron"), max_length=20, choices=SignalSource.choices)
    noticed_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    received_on = models.DateField(_("ontvangen op"), db_index=True)
    municipalities = models.ManyToManyField(
        "zones.Municipality", verbose_name=_("gemeenten"), blank=True, related_name="+"
    )
    # Target groups are shared by every zone: the link rows carry the zone, so the dashboard counts
    # one zone's links through an index instead of reading every zone's (SignalTargetGroup).
    target_groups: models.ManyToManyField[TargetGroup, SignalTargetGroup] = models.ManyToManyField(
        "network.TargetGroup",
        verbose_name=_("doelgroepen"),
        blank=True,
        related_name="+",
        through="SignalTargetGroup",
    )
    challenges = models.ManyToManyField(
        "challenges.Challenge", verbose_name=_("uitdagingen"), blank=True, related_name="signals"
    )
    addressee_level = models.CharField(
        _("gericht aan"), max_length=14, choices=AddresseeLevel.choices, blank=True
    )
    is_structural = models.BooleanField(_("structureel signaal"), default=False)
    internal_notes = models.TextField(_("interne nota (nooit publiek)"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("gebundeld in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    # where it was heard or discussed
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("vergadering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agendapunt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    partner_round_entry = models.ForeignKey(
        "meetings.PartnerRoundEntry",
        verbose_name=_("partnerronde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    # what the workflow filled in (the trail keeps each step)
    passed_on_to = models.CharField(_("doorgegeven aan"), max_length=300, blank=True)
    passed_on_at = models.DateField(_("doorgegeven op"), null=True, blank=True)
    passed_on_text = models.TextField(_("verstuurde tekst"), blank=True)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_on = models.DateField(_("antwoord op"), null=True, blank=True)
    not_retained_reason = models.TextField(_("reden niet weerhouden"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["zone", "status", "received_on"], name="signal_zone_status"),
            models.Index(fields=["zone", "received_on"], name="signal_zone_received"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["zone", "reference"], name="signal_reference_per_zone"),
        ]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())

    @property
    def allowed_moves(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.status, ())

    @property
    def is_untreated(self) -> bool:
        return self.status in UNTREATED

    @property
    def reporter_label(self) -> str:
        """For staff only: who reported it."""
        if self.reporter_person_id and self.reporter_person:
            return str(self.reporter_person)
        if self.reporter_name:
            return self.reporter_name
        if self.reporter_user_id and self.reporter_user:
            return str(self.reporter_user)
        return str(_("anoniem"))

    @property
    def organisation_label(self) -> str:
        if self.organisation_id and self.organisation:
            return self.organisation.name
        return self.organisation_text


class SignalTargetGroup(models.Model):
    """A signal's target group, with the signal's zone copied for the counts of one zone."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="+")
    targetgroup = models.ForeignKey("network.TargetGroup", on_delete=models.CASCADE, related_name="+")
    zone = models.ForeignKey("zones.Zone", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["signal", "targetgroup"], name="signal_target_group_once")
        ]
        indexes = [models.Index(fields=["zone", "targetgroup"], name="signal_tg_zone")]

    def __str__(self) -> str:
        return f"{self.signal_id} – {self.targetgroup_id}"


class SignalTransition(ZoneOwned):
    """One step of a signal's status trail, with who, when and what the step carried."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=14, choices=SignalStatus.choices)
    to_status = models.CharField(max_length=14, choices=SignalStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("toelichting"), blank=True)
    body = models.ForeignKey(
        "governance.Body", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    passed_on_to = models.CharField(_("doorgegeven aan"), max_length=300, blank=True)
    passed_on_text = models.TextField(_("verstuurde tekst"), blank=True)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_on = models.DateField(_("antwoord op"), null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    merged_into = models.ForeignKey(
        Signal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("statuswijziging van een signaal")
        verbose_name_plural = _("statuswijzigingen van signalen")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return str(SignalStatus(self.from_status).label) if self.from_status in SignalStatus.values else ""

    @property
    def to_label(self) -> str:
        return str(SignalStatus(self.to_status).label) if self.to_status in SignalStatus.values else ""


class SignalEndorsement(ZoneOwned):
    """A body stands behind a signal, by a decision in the minutes of one of its meetings."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="endorsements")
    body = models.ForeignKey("governance.Body", on_delete=models.CASCADE, related_name="signal_endorsements")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("vergadering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.ForeignKey(
        "meetings.Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_text = models.TextField(_("beslissing"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["signal", "body"], name="signal_endorsed_once_per_body")
        ]
        verbose_name = _("signaal waar een overleg achter staat")
        verbose_name_plural = _("signalen waar een overleg achter staat")

    def __str__(self) -> str:
        return f"{self.body} – {self.signal}"


class SignalAmbassador(ZoneOwned):
    """A signal ambassador (signaalambassadeur, seed 003): a person who collects signals in their
    organisation or sector. A role on an affiliation (the person at an organisation), with the date
    they were trained and the training (the event "Netwerkmoment signalenbeleid"), active from a
    date until an optional last day. A signal whose reporter held the role on the day it was
    received counts as collected by the ambassador (selectors.ambassadors)."""

    affiliation = models.ForeignKey(
        "network.Affiliation",
        verbose_name=_("persoon bij organisatie"),
        on_delete=models.CASCADE,
        related_name="signal_ambassador_roles",
    )
    trained_on = models.DateField(_("opgeleid op"), null=True, blank=True)
    training_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("vorming"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active_from = models.DateField(_("actief vanaf"))
    active_to = models.DateField(_("actief tot en met"), null=True, blank=True)
    note = models.TextField(_("nota"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-active_from", "id"]
        indexes = [models.Index(fields=["zone", "active_to"], name="signal_ambassador_zone")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True) | models.Q(active_to__gte=models.F("active_from")),
                name="signal_ambassador_end_after_start",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
            # one open role per affiliation (the service also refuses overlapping periods)
            models.UniqueConstraint(
                fields=["affiliation"],
                condition=models.Q(active_to__isnull=True),
                name="signal_ambassador_open_once",
            ),
        ]
        verbose_name = _("signaalambassadeur")
        verbose_name_plural = _("signaalambassadeurs")

    def __str__(self) -> str:
        return f"{self.affiliation.person} ({self.affiliation.organisation})"

    def is_active_on(self, day: dt.date) -> bool:
        return self.active_from <= day and (self.active_to is None or self.active_to >= day)

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        return self.is_active_on(timezone.localdate())


# The route of signals through the zone's bodies lives in its own module (kept under ~500 lines).
from .models_route import SignalReferral, SignalRouteStep  # noqa: E402, F401
