"""Events (activiteiten): infolunches, netwerkdagen, piekuurtjes, trainingen … and their registrations.

An event has one span (`starts_at` … `ends_at`) that the agenda sorts and filters on; a training on
two dates keeps each date as an `EventSession`. A series (the lokale buurtnetwerken: one title, five
evenings in five municipalities) is an `EventSeries` with one event per evening, each with its own
venue and registrations.

Never oversold: `seats_taken` counts the confirmed (and attended) registrations and a check
constraint keeps it at or below `capacity`. A registration takes its seat with one conditional
UPDATE of the event row (`seats_taken < capacity`), which both SQLite and PostgreSQL execute
atomically, so two people taking the last seat at the same moment never both get it.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class EventKind(models.TextChoices):
    INFOLUNCH = "infolunch", _("infolunch")
    NETWORK = "netwerk", _("netwerkevent / netwerkdag")
    TREFDAG = "trefdag", _("trefdag")
    PIEKUURTJE = "piekuurtje", _("piekuurtje (online)")
    FAIR = "beurs", _("beurs")
    NEIGHBOURHOOD = "buurtnetwerk", _("lokaal buurtnetwerk")
    TRAINING = "training", _("training")
    INTERVISION = "intervisie", _("intervisie")
    SYMPOSIUM = "symposium", _("symposium")
    STUDY_DAY = "studiedag", _("studiedag")
    KICK_OFF = "kickoff", _("kick-off")
    FORUM = "forum", _("forum")
    NETWORK_LUNCH = "netwerklunch", _("netwerklunch")
    TALK_GROUP = "praatgroep", _("praatgroep")
    JOB_SHADOW = "kijkstage", _("kijkstage")
    MEETING_DAY = "ontmoetingsdag", _("ontmoetingsdag")
    CAMPAIGN = "campagne", _("campagnemoment")
    OTHER = "ander", _("andere activiteit")


class Audience(models.TextChoices):
    PROFESSIONALS = "professionals", _("professionals")
    CITIZENS = "burgers", _("burgers")
    BOTH = "beide", _("professionals en burgers")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    PROPOSED = "proposed", _("voorgesteld door partner")
    SAVE_THE_DATE = "save_the_date", _("save the date")
    PUBLISHED = "published", _("gepubliceerd")
    CANCELLED = "cancelled", _("geannuleerd")
    REJECTED = "rejected", _("niet opgenomen")


PUBLIC_STATUSES = (EventStatus.SAVE_THE_DATE, EventStatus.PUBLISHED, EventStatus.CANCELLED)

# The public pages name the exact number of free seats only for the last ones ("Nog 3 plaatsen vrij");
# above it they say "more than 10". A registration then changes a public page only when it takes one
# of these last seats (services.registration_create raises the page cache only then).
SEATS_SHOWN_EXACTLY = 10


class EventSeries(ZoneOwned):
    """One title, several events in different places (the lokale buurtnetwerken)."""

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")

    def __str__(self) -> str:
        return self.title


class Event(ZoneOwned):
    kind = models.CharField(_("soort"), max_length=20, choices=EventKind.choices, default=EventKind.INFOLUNCH)
    audience = models.CharField(
        _("publiek"), max_length=20, choices=Audience.choices, default=Audience.PROFESSIONALS
    )
    members_only = models.BooleanField(
        _("enkel voor leden"), default=False, help_text=_("Leeg laten: leden en niet-leden welkom.")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    themes = models.ManyToManyField("network.Theme", verbose_name=_("thema's"), blank=True, related_name="+")
    target_groups = models.ManyToManyField(
        "network.TargetGroup", verbose_name=_("doelgroepen"), blank=True, related_name="+"
    )
    challenges = models.ManyToManyField(
        "challenges.Challenge", verbose_name=_("uitdagingen"), blank=True, related_name="events"
    )
    plan_action = models.ForeignKey(
        "planning.Action",
        verbose_name=_("actie in het actieplan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("reeks"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    # organiser: the zone itself, a partner, and co-organisers (partners and other zones)
    organised_by_zone = models.BooleanField(_("georganiseerd door de zorgraad"), default=True)
    organiser = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisator (partner)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    co_organisers = models.ManyToManyField(
        "network.Organisation",
        verbose_name=_("co-organisatoren"),
        blank=True,
        related_name="co_organised_events",
    )
    co_organising_zones = models.ManyToManyField(
        "zones.Zone", verbose_name=_("mee-organiserende zorgraden"), blank=True, related_name="+"
    )
    speakers = models.CharField(
        _("spreker(s)"), max_length=400, blank=True, help_text=_("Bv. 'onder leiding van VloCo'.")
    )
    # where: a directory organisation, a free place name, or online
    venue_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("locatie bij"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    venue = models.CharField(
        _("locatie"), max_length=300, blank=True, help_text=_("Vrije plaatsnaam of adres.")
    )
    municipality = models.ForeignKey(
        "zones.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Alleen bevestigde deelnemers krijgen deze link.")
    )
    starts_at = models.DateTimeField(_("begin"), db_index=True)
    ends_at = models.DateTimeField(_("einde"))
    practical_notes = models.TextField(
        _("praktisch"),
        blank=True,
        help_text=_("Catering ('broodjes worden voorzien'), wifi, bereikbaarheid …"),
    )
    price = models.CharField(_("prijs"), max_length=100, blank=True, help_text=_("Leeg: gratis."))
    # registration
    registration_required = models.BooleanField(_("inschrijving nodig"), default=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True)
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    waitlist_enabled = models.BooleanField(_("wachtlijst als het volzet is"), default=True)
    registration_opens_at = models.DateTimeField(_("inschrijven vanaf"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("inschrijven tot"), null=True, blank=True)
    # evaluation afterwards
    evaluation_closes_at = models.DateTimeField(_("evaluatie sluit op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reden"), blank=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["zone", "status", "starts_at"], name="event_zone_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("Een activiteit moet eindigen na het begin."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(seats_taken__lte=models.F("capacity")),
                name="event_never_oversold",
                violation_error_message=_("Er zijn meer bevestigde inschrijvingen dan plaatsen."),
            ),
        ]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def __str__(self) -> str:
        return f"{self.title} {timezone.localtime(self.starts_at):%d/%m/%Y}"

    @property
    def location(self) -> str:
        if self.venue:
            return self.venue
        if self.venue_organisation_id and self.venue_organisation:
            org = self.venue_organisation
            return ", ".join(p for p in (org.name, org.address) if p)
        return str(_("online")) if self.is_online else ""

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_taken >= self.capacity

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.seats_taken, 0)

    @property
    def seats_left_shown(self) -> int | None:
        """The free seats as the public pages name them: exactly from SEATS_SHOWN_EXACTLY down, else None
        ("more than 10"). So a registration changes what the pages show only for the last seats."""
        left = self.seats_left
        return left if left is not None and left <= SEATS_SHOWN_EXACTLY else None

    def registration_state(self, now: dt.datetime | None = None) -> str:
        """'open', 'not_yet', 'closed', 'none' (no registration) or 'save_the_date'."""
        return registration_state(self, now)


def registration_state(event: Any, now: dt.datetime | None = None) -> str:
    """The registration state of an Event or of its cached settings (selectors.RegistrationSettings):
    'open', 'not_yet', 'closed', 'none' (no registration) or 'save_the_date'."""
    now = now or timezone.now()
    if event.status == EventStatus.SAVE_THE_DATE:
        return "save_the_date"
    if event.status != EventStatus.PUBLISHED or not event.registration_required:
        return "none"
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_yet"
    closes = event.registration_closes_at or event.starts_at
    if now >= closes:
        return "closed"
    return "open"


class EventSession(ZoneOwned):
    """One date of a multi-date event (a training on 24/10 and 2/12)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("begin"))
    ends_at = models.DateTimeField(_("einde"))
    venue = models.CharField(
        _("locatie"), max_length=300, blank=True, help_text=_("Leeg: zoals de activiteit.")
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="eventsession_ends_after_start",
                violation_error_message=_("Een sessie moet eindigen na het begin."),
            )
        ]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"


class ProgrammeSlot(ZoneOwned):
    """'12 – 12.10 uur: onthaal'."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    session = models.ForeignKey(
        EventSession, null=True, blank=True, on_delete=models.CASCADE, related_name="programme"
    )
    start_time = models.TimeField(_("van"))
    end_time = models.TimeField(_("tot"), null=True, blank=True)
    title = models.CharField(_("onderdeel"), max_length=300)
    speaker = models.CharField(_("door"), max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "start_time", "pk"]
        verbose_name = _("programmaonderdeel")
        verbose_name_plural = _("programma")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", _("open tekst")
    CHOICE = "choice", _("keuze")
    YES_NO = "yesno", _("ja / nee")


class Question(ZoneOwned):
    """The event's own question on the registration form ('Dieetwensen?', 'Welke workshop?')."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("vraag"), max_length=300)
    kind = models.CharField(
        _("soort"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(_("keuzes"), blank=True, help_text=_("Eén keuze per lijn."))
    required = models.BooleanField(_("verplicht"), default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("inschrijvingsvraag")
        verbose_name_plural = _("inschrijvingsvragen")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("bevestigd")
    WAITLISTED = "waitlisted", _("wachtlijst")
    CANCELLED = "cancelled", _("geannuleerd")
    ATTENDED = "attended", _("aanwezig")
    NO_SHOW = "no_show", _("niet gekomen")


SEAT_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(ZoneOwned):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    person = models.ForeignKey(
        "network.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    walk_in = models.BooleanField(_("ter plaatse ingeschreven"), default=False)
    # holds one of the event's counted seats (Event.seats_taken counts these rows)
    has_seat = models.BooleanField(default=False, editable=False)
    token = models.CharField(max_length=64, default=_new_token, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)  # of the .ics sent to this person
    # the newsletter tick box: a separate consent, stored with its wording and moment
    newsletter_opt_in = models.BooleanField(_("wil de nieuwsbrief"), default=False)
    newsletter_consent_text = models.CharField(max_length=400, blank=True)
    newsletter_consent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    evaluated_at = models.DateTimeField(
        null=True, blank=True
    )  # answered the evaluation (answers are anonymous)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_event_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled") & ~models.Q(email=""),
                name="registration_one_per_email",
                violation_error_message=_("Dit e-mailadres is al ingeschreven voor deze activiteit."),
            )
        ]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def organisation_label(self) -> str:
        if self.organisation_id and self.organisation:
            return self.organisation.name
        return self.organisation_name

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES


class Answer(ZoneOwned):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("antwoord"), blank=True)

    class Meta:
        ordering = ["question__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["registration", "question"], name="answer_once")]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self) -> str:
        return self.value[:60]


class EvaluationKind(models.TextChoices):
    SCALE = "scale", _("schaal 1-5")
    CHOICE = "choice", _("keuze")
    TEXT = "text", _("open tekst")


class EvaluationQuestion(ZoneOwned):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evaluation_questions")
    text = models.CharField(_("vraag"), max_length=300)
    kind = models.CharField(
        _("soort"), max_length=10, choices=EvaluationKind.choices, default=EvaluationKind.SCALE
    )
    choices = models.TextField(_("keuzes"), blank=True, help_text=_("Eén keuze per lijn."))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("evaluatievraag")
        verbose_name_plural = _("evaluatievragen")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]


class EvaluationResponse(ZoneOwned):
    """One filled-in evaluation. Anonymous: it does not point at the registration."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evaluation_responses")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")

    def __str__(self) -> str:
        return f"{self.event_id} {self.submitted_at:%d/%m/%Y}"


class EvaluationAnswer(ZoneOwned):
    response = models.ForeignKey(EvaluationResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(EvaluationQuestion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="evaluation_score_1_to_5",
            ),
            models.UniqueConstraint(fields=["response", "question"], name="evaluation_answer_once"),
        ]
        verbose_name = _("evaluatieantwoord")
        verbose_name_plural = _("evaluatieantwoorden")

    def __str__(self) -> str:
        return str(self.score or self.value[:60])


class PartnerPromotion(ZoneOwned):
    """The '004 promotion check': did this partner promote the event through its channels?"""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="promotions")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.CASCADE, related_name="+")
    promoted = models.BooleanField(_("heeft gepromoot"), default=True)
    channels = models.CharField(
        _("kanalen"), max_length=300, blank=True, help_text=_("Nieuwsbrief, website, sociale media …")
    )
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    noted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "organisation"], name="promotion_once")]
        verbose_name = _("promotie door partner")
        verbose_name_plural = _("promotie door partners")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.promoted}"
