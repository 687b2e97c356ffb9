"""The action plan: a multi-year plan, yearly plans, objectives, actions in the department's template.

Labels of objectives are stored as the zone writes them ("Strategische doelstelling 5",
"Operationele doelstelling 3"): the numbering in the seeds is not derivable (SD4 is absent in
2025; the operational objectives run 1, 2 / 1, 2 / 3 / 4), so nothing here renumbers.

An action holds every field of the template in its order: Wat, Waarom, Voor wie, Met wie, Hoe
(steps), Evaluatie (process items and output indicators). Indicators get their numbers by hand
(`IndicatorValue`) or from a source of `planning.sources`, computed on read; the last computed
value is kept on the indicator for when a source record is deleted.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    SUBMITTED = "submitted", _("ingediend")
    APPROVED = "approved", _("goedgekeurd door het departement")
    SENT = "sent", _("bezorgd aan de lokale besturen")


class MultiYearPlan(ZoneOwned):
    title = models.CharField(_("titel"), max_length=200)
    start_year = models.PositiveIntegerField(_("van jaar"))
    end_year = models.PositiveIntegerField(_("tot en met jaar"))
    description = models.TextField(_("omschrijving"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_year", "pk"]
        verbose_name = _("meerjarenplan")
        verbose_name_plural = _("meerjarenplannen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="multiyearplan_years_in_order",
                violation_error_message=_("Het eindjaar moet na het beginjaar liggen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_year}-{self.end_year})"


class YearPlan(ZoneOwned):
    multi_year_plan = models.ForeignKey(
        MultiYearPlan,
        verbose_name=_("meerjarenplan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="year_plans",
    )
    year = models.PositiveIntegerField(_("jaar"))
    title = models.CharField(_("titel"), max_length=200, help_text=_("Bv. 'Acties 2025'."))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("jaarplan")
        verbose_name_plural = _("jaarplannen")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "year"],
                name="yearplan_one_per_zone_year",
                violation_error_message=_("Deze zone heeft al een actieplan voor dat jaar."),
            )
        ]

    def __str__(self) -> str:
        return self.title or f"Acties {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)


class ChapterKind(models.TextChoices):
    GENERAL = "general", _("Algemeen")
    COMMUNICATION = "communication", _("Communicatie naar specifieke doelgroepen")
    NETWORK = "network", _("Functioneren als netwerkorganisatie")
    EXPLANATION = "explanation", _("Aanvullende toelichting")
    OTHER = "other", _("Ander hoofdstuk")


class PlanChapter(ZoneOwned):
    """A plan-level chapter before the actions.

    `items` is a list of {"title": str, "text": str, "percent": number|null}: the bullets of a
    chapter, the focus points of the explanation, or the parts of the time allocation (then
    `time_total_percent` holds the stated total, e.g. 60, and the parts must add up to it).
    """

    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="chapters")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="subchapters"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ChapterKind.choices, default=ChapterKind.OTHER)
    title = models.CharField(_("titel"), max_length=300)
    text = models.TextField(_("tekst"), blank=True)
    items = models.JSONField(_("punten"), default=list, blank=True)
    time_total_percent = models.PositiveSmallIntegerField(
        _("tijdsbesteding totaal (%)"), null=True, blank=True
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")

    def __str__(self) -> str:
        return self.title


class StrategicObjective(ZoneOwned):
    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="strategic_objectives")
    label = models.CharField(
        _("label"), max_length=80, help_text=_("Zoals geschreven, bv. 'Strategische doelstelling 5'.")
    )
    text = models.TextField(_("tekst"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("strategische doelstelling")
        verbose_name_plural = _("strategische doelstellingen")

    def __str__(self) -> str:
        return self.label


class OperationalObjective(ZoneOwned):
    strategic = models.ForeignKey(
        StrategicObjective, on_delete=models.CASCADE, related_name="operational_objectives"
    )
    label = models.CharField(
        _("label"), max_length=80, help_text=_("Zoals geschreven, bv. 'Operationele doelstelling 3'.")
    )
    text = models.TextField(_("tekst"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("operationele doelstelling")
        verbose_name_plural = _("operationele doelstellingen")

    def __str__(self) -> str:
        return self.label


class LeadKind(models.TextChoices):
    ZONE = "zone", _("de zorgraad")
    ORGANISATION = "organisation", _("een organisatie")
    CONSORTIUM = "consortium", _("een samenwerkingsverband")
    TBD = "tbd", _("nog te bepalen")


class ZoneRole(models.TextChoices):
    LEAD = "trekker", _("trekker")
    CO_LEAD = "co_trekker", _("co-trekker (in tandem)")
    COORDINATING = "coordinerend", _("coördinerend")
    FACILITATING = "faciliterend", _("faciliterend")
    SUPPORTING = "ondersteunend", _("ondersteunend")


class Action(ZoneOwned):
    """One action in the template's order.

    `scope_do` is a list of {"text": str, "group": "core"|"secondary"|""} (Kernacties and
    Secundaire acties are optional), `scope_dont` a list of {"text": str}.
    """

    objective = models.ForeignKey(
        OperationalObjective,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("operationele doelstelling"),
    )
    title = models.CharField(_("titel"), max_length=300)
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    # Wat?
    description = models.TextField(_("wat"), blank=True)
    scope_do = models.JSONField(_("wat ga je wel doen"), default=list, blank=True)
    scope_dont = models.JSONField(_("wat ga je niet doen"), default=list, blank=True)
    # Waarom?
    why = models.TextField(_("waarom"), blank=True)
    why_environment_analysis = models.TextField(_("link met de omgevingsanalyse"), blank=True)
    why_local_policy = models.TextField(_("link met het lokaal sociaal beleid"), blank=True)
    why_flemish_objectives = models.TextField(_("link met Vlaamse doelstellingen"), blank=True)
    # Voor wie?
    target_groups = models.ManyToManyField(
        "network.TargetGroup", verbose_name=_("doelgroepen"), blank=True, related_name="+"
    )
    target_text = models.TextField(_("doelgroepen (toelichting)"), blank=True)
    # Met wie?
    lead_kind = models.CharField(_("trekker"), max_length=14, choices=LeadKind.choices, default=LeadKind.ZONE)
    lead_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("trekkende organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_text = models.TextField(_("trekker (toelichting)"), blank=True)
    zone_role = models.CharField(
        _("rol van de zorgraad"), max_length=14, choices=ZoneRole.choices, default=ZoneRole.LEAD
    )
    zone_role_text = models.TextField(_("rol van de zorgraad (toelichting)"), blank=True)
    partners: models.ManyToManyField = models.ManyToManyField(
        "network.Organisation",
        through="ActionPartner",
        verbose_name=_("partners"),
        blank=True,
        related_name="+",
    )
    partners_text = models.TextField(_("partners (toelichting)"), blank=True)
    # Links to the rest of the workplace
    challenges = models.ManyToManyField(
        "challenges.Challenge", verbose_name=_("uitdagingen"), blank=True, related_name="plan_actions"
    )
    bodies = models.ManyToManyField(
        "governance.Body", verbose_name=_("overlegorganen"), blank=True, related_name="plan_actions"
    )
    # Evaluatie: at least one kind
    evaluates_process = models.BooleanField(_("procesevaluatie"), default=True)
    evaluates_output = models.BooleanField(_("resultaatgerichte evaluatie (output)"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(evaluates_process=True) | models.Q(evaluates_output=True),
                name="action_one_evaluation_kind",
                violation_error_message=_("Selecteer minstens één manier van evaluatie."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class ActionPartner(ZoneOwned):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.CASCADE, related_name="+")
    group = models.CharField(_("groep"), max_length=120, blank=True, help_text=_("Bv. 'kernpartners'."))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["action", "organisation"], name="actionpartner_once")]

    def __str__(self) -> str:
        return f"{self.action} – {self.organisation}"


class StepStatus(models.TextChoices):
    TODO = "todo", _("nog te doen")
    DOING = "doing", _("bezig")
    DONE = "done", _("klaar")
    DROPPED = "dropped", _("vervallen")


class Step(ZoneOwned):
    """Hoe: a numbered step ("1", "3a"); milestones are the template's yellow highlight."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="steps")
    number = models.CharField(_("nummer"), max_length=10, blank=True)
    text = models.TextField(_("stap"))
    is_milestone = models.BooleanField(_("mijlpaal"), default=False)
    due_date = models.DateField(_("tegen"), null=True, blank=True)
    due_text = models.CharField(_("timing (zoals geschreven)"), max_length=80, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=StepStatus.choices, default=StepStatus.TODO)
    condition = models.TextField(_("voorwaarde"), blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("vergadering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}".strip()


class ProcessKind(models.TextChoices):
    STATEMENT = "statement", _("vaststelling")
    COUNT = "count", _("telling")
    MOMENT = "moment", _("evaluatiemoment")


class ProcessItem(ZoneOwned):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="process_items")
    group = models.CharField(_("tussentitel"), max_length=120, blank=True)
    kind = models.CharField(
        _("soort"), max_length=10, choices=ProcessKind.choices, default=ProcessKind.STATEMENT
    )
    text = models.TextField(_("omschrijving"))
    done = models.BooleanField(_("gebeurd"), default=False)
    done_on = models.DateField(_("op"), null=True, blank=True)
    evidence = models.TextField(_("bewijs"), blank=True)
    count = models.IntegerField(_("aantal"), null=True, blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("procesitem")
        verbose_name_plural = _("procesitems")

    def __str__(self) -> str:
        return self.text[:80]


class IndicatorKind(models.TextChoices):
    NUMBER = "number", _("getal")
    QUALITATIVE = "qualitative", _("kwalitatief (lijst)")
    YESNO = "yesno", _("ja/nee")


class Comparator(models.TextChoices):
    NONE = "", _("geen streefdoel")
    GTE = "gte", "≥"
    LTE = "lte", "≤"
    EQ = "eq", "="
    RANGE = "range", _("tussen")


class TargetScope(models.TextChoices):
    PERIOD = "period", _("in de periode")
    INSTANCE = "instance", _("per keer")


class Indicator(ZoneOwned):
    """An output indicator: name, method, target, source.

    `source_key` empty = values entered by hand (`IndicatorValue`). Otherwise a key of
    `planning.sources` with `object_ids` of its target model. The last value a source gave is kept
    in `last_value`/`last_instances` (shown with a warning when a linked record was deleted).
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    group = models.CharField(_("tussentitel"), max_length=120, blank=True)
    name = models.CharField(_("naam"), max_length=300)
    method = models.TextField(_("meetmethode"), blank=True)
    kind = models.CharField(
        _("soort"), max_length=12, choices=IndicatorKind.choices, default=IndicatorKind.NUMBER
    )
    comparator = models.CharField(
        _("vergelijking"), max_length=5, choices=Comparator.choices, blank=True, default=""
    )
    target = models.DecimalField(_("streefdoel"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_max = models.DecimalField(
        _("streefdoel tot"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("eenheid"), max_length=60, blank=True, help_text=_("Bv. 'deelnemers'."))
    scope = models.CharField(
        _("geldt"), max_length=8, choices=TargetScope.choices, default=TargetScope.PERIOD
    )
    instance_label = models.CharField(
        _("één keer heet"),
        max_length=60,
        blank=True,
        help_text=_("Bv. 'piekuurtje', voor '4 van 5 piekuurtjes'."),
    )
    period_label = models.CharField(
        _("periode (zoals geschreven)"), max_length=60, blank=True, help_text=_("Bv. 'per jaar'.")
    )
    period_start = models.DateField(_("periode van"), null=True, blank=True)
    period_end = models.DateField(_("periode tot"), null=True, blank=True)
    target_text = models.CharField(_("streefdoel zoals geschreven"), max_length=200, blank=True)
    source_key = models.CharField(_("bron"), max_length=60, blank=True)
    object_ids = models.JSONField(_("gekoppelde records"), default=list, blank=True)
    last_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True, editable=False)
    last_instances = models.JSONField(default=list, blank=True, editable=False)
    last_computed_at = models.DateTimeField(null=True, blank=True, editable=False)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(ZoneOwned):
    """A value entered by hand: a number, or a line of a qualitative list; with date and who."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("datum"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("tekst"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by_label = models.CharField(_("ingevoerd door"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("waarde")
        verbose_name_plural = _("waarden")

    def __str__(self) -> str:
        return f"{self.indicator} {self.date}: {self.value if self.value is not None else self.text}"
