from __future__ import annotations

import datetime as dt
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgraad.core.pagerecords import ReadTracked
from zorgraad.core.scoping import ZoneOwned


def normalise(text: str) -> str:
    """Lower case without accents: 'Oncologïe' -> 'oncologie'. Used for search on any database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class TargetGroup(models.Model):
    """Doelgroep, e.g. 'kwetsbare ouderen', 'gezinnen met jonge kinderen'."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """Thema, e.g. 'armoede', 'mentaal welzijn', 'wonen'."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name


class Confirmable(ZoneOwned):
    """Fields shared by records that partners confirm themselves once a year."""

    is_archived = models.BooleanField(_("gearchiveerd"), default=False, db_index=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    last_confirmed_at = models.DateTimeField(_("laatst bevestigd"), null=True, blank=True, db_index=True)
    email_bounced = models.BooleanField(_("e-mail onbestelbaar"), default=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_stale(self) -> bool:
        limit = timezone.now() - dt.timedelta(days=365)
        return self.last_confirmed_at is None or self.last_confirmed_at < limit


class Organisation(ReadTracked, Confirmable):
    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("afkorting"), max_length=60, blank=True)
    sector = models.ForeignKey(
        "zones.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    clusters = models.ManyToManyField(
        "zones.Cluster", verbose_name=_("clusters"), blank=True, related_name="+"
    )
    municipalities = models.ManyToManyField(
        "zones.Municipality", verbose_name=_("werkt in"), blank=True, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("maakt deel uit van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    street = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("gemeente"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["zone", "is_archived", "name"], name="org_zone_list")]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.street, place) if p)

    def build_search_text(self) -> str:
        return normalise(" ".join([self.name, self.short_name, self.city, self.email, self.description]))


class Person(Confirmable):
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("familienaam"), max_length=100)
    email = models.EmailField(_("e-mailadres"), blank=True, db_index=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["zone", "is_archived", "last_name"], name="person_zone_list")]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def full_name(self) -> str:
        return str(self)

    def build_search_text(self) -> str:
        return normalise(" ".join([self.first_name, self.last_name, self.email]))


class Affiliation(ZoneOwned):
    """A person works for an organisation in a function, from a date, until a date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    function = models.CharField(_("functie"), max_length=150, blank=True)
    start = models.DateField(_("vanaf"), null=True, blank=True)
    end = models.DateField(_("tot"), null=True, blank=True)

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("functie bij organisatie")
        verbose_name_plural = _("functies bij organisaties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="affiliation_end_after_start",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.function or _('medewerker')} ({self.organisation})"

    @property
    def is_current(self) -> bool:
        return self.end is None or self.end >= dt.date.today()


class Referral(models.TextChoices):
    FREE = "free", _("vrij toegankelijk: je kan zelf aankloppen")
    NEEDED = "needed", _("enkel na doorverwijzing")


class Offer(ZoneOwned):
    """Aanbod on the social map: what an organisation offers, for whom, where, and how to refer."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"))
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("doelgroepen"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True)
    municipalities = models.ManyToManyField(
        "zones.Municipality", verbose_name=_("gemeenten"), blank=True, related_name="+"
    )
    how_to_refer = models.TextField(_("hoe doorverwijzen"), blank=True)
    contact_email = models.EmailField(_("e-mail voor contact"), blank=True)
    contact_phone = models.CharField(_("telefoon voor contact"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    # How to get there, as a citizen asks it: where, when, what it costs, in which language, and
    # whether you can just go. Empty means "not known" and is not shown.
    site_address = models.CharField(
        _("adres waar het aanbod doorgaat"),
        max_length=300,
        blank=True,
        help_text=_("Alleen invullen als het niet het adres van de organisatie is."),
    )
    opening_hours = models.TextField(_("openingsuren"), blank=True)
    cost = models.CharField(_("kostprijs"), max_length=200, blank=True)
    languages = models.CharField(_("talen"), max_length=200, blank=True)
    accessibility = models.CharField(_("toegankelijkheid"), max_length=300, blank=True)
    referral = models.CharField(
        _("doorverwijzing nodig?"), max_length=10, choices=Referral.choices, blank=True
    )
    is_archived = models.BooleanField(_("gearchiveerd"), default=False, db_index=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["zone", "is_archived", "title"], name="offer_zone_list")]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")

    def __str__(self) -> str:
        return self.title

    def build_search_text(self) -> str:
        return normalise(" ".join([self.title, self.description, self.how_to_refer, self.organisation.name]))


class SelfServiceLink(ZoneOwned):
    """A one-time link that lets a person check and correct their own details without an account."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="selfservice_links")
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=20, default="manual")  # manual | yearly
    confirmation_round = models.ForeignKey(
        "ConfirmationRound", null=True, blank=True, on_delete=models.SET_NULL, related_name="links"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["zone", "person", "created_at"], name="selfservice_link_recent")]

    def __str__(self) -> str:
        return f"link for {self.person}"


class ConfirmationRound(ZoneOwned):
    """One yearly 'is this still correct?' round: who started it, how many were mailed, what failed."""

    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.PositiveIntegerField(_("te mailen"), default=0)
    sent = models.PositiveIntegerField(_("verstuurd"), default=0)
    failed = models.PositiveIntegerField(_("mislukt"), default=0)
    skipped = models.PositiveIntegerField(_("overgeslagen"), default=0)
    batches = models.PositiveIntegerField(default=0)
    batches_done = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    # One entry per address that failed: {"person": pk, "name": ..., "email": ..., "reason": ..., "bounced": bool}
    failures = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("bevestigingsronde")
        verbose_name_plural = _("bevestigingsrondes")

    def __str__(self) -> str:
        return f"bevestigingsronde {self.started_at:%Y-%m-%d}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class OfferSearchTerm(ZoneOwned):
    """One term of a live offer in the search index of the social map, with its weight.

    Kept up to date by the network receivers from the offer, its organisation, themes and target
    groups (see services/search.py); read with plain indexed lookups, so the search gives the same
    results on SQLite and PostgreSQL. `word` is one spelling of the term, shown in "bedoelde je".
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=40)
    word = models.CharField(max_length=40)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["zone", "term", "offer", "weight"], name="offer_search_lookup")]
        constraints = [models.UniqueConstraint(fields=["offer", "term"], name="offer_search_term_once")]

    def __str__(self) -> str:
        return f"{self.term} ({self.weight})"


class SearchSynonym(models.Model):
    """An everyday word and the words of the field it also searches for: rusthuis -> woonzorgcentrum.

    Rows without a zone are the defaults of the installation; a zone's staff add their own.
    """

    zone = models.ForeignKey(
        "zones.Zone", null=True, blank=True, on_delete=models.CASCADE, related_name="search_synonyms"
    )
    term = models.CharField(_("zoekwoord"), max_length=100)
    expands_to = models.CharField(_("zoekt ook naar"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term", "id"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "term"], name="search_synonym_once_per_zone"),
            models.UniqueConstraint(
                fields=["term"], condition=models.Q(zone__isnull=True), name="search_synonym_once_default"
            ),
        ]
        verbose_name = _("zoekwoord")
        verbose_name_plural = _("zoekwoorden")

    def __str__(self) -> str:
        return f"{self.term} → {self.expands_to}"

    @property
    def expansions(self) -> list[str]:
        return [p.strip() for p in self.expands_to.replace(";", ",").split(",") if p.strip()]


class SearchIndexState(models.Model):
    """A token that changes with every write to a zone's search index or everyday words.

    The search caches what it derives from the index (vocabulary, places, words) under this token,
    so a cached copy is never used after a change, committed or not, in any process.
    """

    zone = models.OneToOneField("zones.Zone", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.zone_id}: {self.token}"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("wacht op de zone")
    ACCEPTED = "accepted", _("aanvaard")
    REJECTED = "rejected", _("niet aanvaard")


class OfferProposal(ZoneOwned):
    """A partner's proposed change to an offer of their organisation (or a new offer), until staff decide.

    `changes` holds only what the partner changed, as stored values (text, or lists of ids for
    target groups, themes and municipalities); `before` the offer's values when it was proposed.
    Accepting applies `changes` through the offer service; the public social map changes only then.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="offer_proposals"
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("aanbod"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    is_new = models.BooleanField(_("nieuw aanbod"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The partner's person record: the privacy export and erasure find the proposal through it.
    proposer = models.ForeignKey(
        Person,
        verbose_name=_("indiener"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offer_proposals",
    )
    proposer_name = models.CharField(_("voorgesteld door"), max_length=200)
    proposer_email = models.EmailField(_("e-mailadres van de indiener"), blank=True)
    changes = models.JSONField(default=dict)
    before = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    reason = models.TextField(_("reden"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["zone", "status", "created_at"], name="offer_proposal_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["offer"],
                condition=models.Q(status="pending"),
                name="offer_proposal_one_pending",
                violation_error_message=_("Voor dit aanbod wacht al een voorstel op de zone."),
            )
        ]
        verbose_name = _("voorstel voor aanbod")
        verbose_name_plural = _("voorstellen voor aanbod")

    def __str__(self) -> str:
        title = self.changes.get("title") or (self.offer.title if self.offer_id and self.offer else "")
        return f"voorstel: {title}"
