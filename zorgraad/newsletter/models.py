"""The zone's newsletter: subscribers with their consent and interests, editions built from blocks,
one delivery row per subscriber per edition, and click counts per link.

One subscriber per address per zone. Interests say what the address gets: the zone's newsletter
and/or the agenda and minutes of open bodies (the former `governance.Subscriber` rows live here now).
Every consent is kept: when, the exact wording shown, and where (the site, an event registration, a
body's page).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class Status(models.TextChoices):
    PENDING = "pending", _("wacht op bevestiging")
    ACTIVE = "active", _("actief")
    UNSUBSCRIBED = "unsubscribed", _("uitgeschreven")
    INACTIVE = "inactive", _("inactief (adres onbereikbaar)")


class Audience(models.TextChoices):
    ALL = "", _("professionals en burgers")
    PROFESSIONALS = "professionals", _("professionals")
    CITIZENS = "citizens", _("burgers")


class Source(models.TextChoices):
    SITE = "site", _("de website")
    EVENT = "event", _("inschrijving voor een activiteit")
    BODY = "body", _("de pagina van een overleg")
    IMPORT = "import", _("overgenomen uit de agenda-inschrijvingen")


class Subscriber(ZoneOwned):
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=200, blank=True)
    person = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletter_subscriptions",
        verbose_name=_("persoon in de sociale kaart"),
    )
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.PENDING)
    audience = models.CharField(_("doelgroep"), max_length=14, choices=Audience.choices, blank=True)
    bounces = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        constraints = [models.UniqueConstraint(fields=["zone", "email"], name="newsletter_subscriber_once")]

    def __str__(self) -> str:
        return self.email


class Interest(ZoneOwned):
    """What a subscriber gets: the newsletter (body empty) or the agenda and minutes of one body."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="interests")
    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="newsletter_interests",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "body"], condition=Q(body__isnull=False), name="interest_body_once"
            ),
            models.UniqueConstraint(
                fields=["subscriber"], condition=Q(body__isnull=True), name="interest_newsletter_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.body) if self.body_id else str(_("nieuwsbrief"))


class Consent(ZoneOwned):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    given_at = models.DateTimeField(_("toestemming gegeven op"))
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    wording = models.TextField(_("tekst die getoond werd"))
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices)
    body = models.ForeignKey(
        "governance.Body", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # sha256 of the confirmation link: a link confirms once
    token_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["given_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["token_hash"], condition=~Q(token_hash=""), name="consent_token_used_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} ({self.get_source_display()})"


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    SCHEDULED = "scheduled", _("gepland")
    SENDING = "sending", _("wordt verstuurd")
    SENT = "sent", _("verstuurd")


class Edition(ZoneOwned):
    subject = models.CharField(_("onderwerp"), max_length=200)
    intro = models.TextField(_("inleiding"), blank=True)
    audience = models.CharField(_("voor"), max_length=14, choices=Audience.choices, blank=True)
    status = models.CharField(max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    scheduled_for = models.DateTimeField(_("versturen op"), null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # the mail as it went out: frozen at queueing, with the counted links in it
    html = models.TextField(blank=True, editable=False)
    text = models.TextField(blank=True, editable=False)
    challenges = models.ManyToManyField(
        "challenges.Challenge", blank=True, related_name="newsletter_editions", verbose_name=_("uitdagingen")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("editie")
        verbose_name_plural = _("edities")

    def __str__(self) -> str:
        return self.subject


class BlockKind(models.TextChoices):
    EVENTS = "events", _("Activiteiten die eraan komen")
    MEETINGS = "meetings", _("Vergaderingen van open overleg")
    NEXT_YEAR = "next_year", _("Data voor volgend jaar")
    MINUTES = "minutes", _("Nieuwe verslagen")
    PARTNER = "partner", _("Partner in de kijker")
    TEXT = "text", _("Vrije tekst")
    EVALUATION = "evaluation", _("Evaluatie van het jaar")


class Block(ZoneOwned):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(_("soort"), max_length=12, choices=BlockKind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    text = models.TextField(_("tekst"), blank=True)  # sanitised HTML
    weeks = models.PositiveSmallIntegerField(_("aantal weken vooruit"), default=6)
    event_ids = models.JSONField(default=list, blank=True)  # chosen events; empty = automatic
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    image = models.FileField(_("afbeelding"), upload_to="newsletter/%Y/", blank=True)
    challenges = models.ManyToManyField(
        "challenges.Challenge", blank=True, related_name="newsletter_blocks", verbose_name=_("uitdagingen")
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class Link(ZoneOwned):
    """A link in a sent edition; the mail points at the counting redirect, never straight here."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="links")
    block = models.ForeignKey(Block, on_delete=models.SET_NULL, null=True, blank=True, related_name="links")
    kind = models.CharField(max_length=12, blank=True)  # the block's rubric, kept if the block goes
    url = models.URLField(max_length=2000)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    CLAIMED = "claimed", _("wordt verstuurd")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")


class Delivery(ZoneOwned):
    """One subscriber's copy of one edition: claimed before sending, marked after, never twice."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "subscriber"], name="delivery_once_per_subscriber")
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.edition} → {self.subscriber}"
