"""Reads of the action plan: the plan tree, indicator readings (computed on read) and progress.

`plan_overview` reads a whole yearly plan with a fixed number of queries, whatever the number of
objectives, actions and indicators: the tree in a few queries, the hand values, steps and process
items prefetched, and each source's indicators computed together (`sources.compute_many`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import sources
from .models import (
    Action,
    Comparator,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    OperationalObjective,
    PlanChapter,
    ProcessItem,
    Step,
    StepStatus,
    StrategicObjective,
    TargetScope,
    YearPlan,
)

# Progress of an action
NOT_STARTED = "not_started"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
ACHIEVED = "achieved"
PROGRESS_LABELS = {
    NOT_STARTED: _("nog niet gestart"),
    ON_TRACK: _("op schema"),
    AT_RISK: _("risico"),
    ACHIEVED: _("bereikt"),
}
PROGRESS_ORDER = [NOT_STARTED, ON_TRACK, AT_RISK, ACHIEVED]

# Status of one indicator
NONE = "none"  # no value yet
INFO = "info"  # a value, no target
MET = "met"
PENDING = "pending"  # below target, period still running
PARTIAL = "partial"  # per instance: some instances below target
NOT_MET = "not_met"
STATUS_LABELS = {
    NONE: _("nog geen waarde"),
    INFO: _("gemeten"),
    MET: _("streefdoel gehaald"),
    PENDING: _("onderweg"),
    PARTIAL: _("deels gehaald"),
    NOT_MET: _("niet gehaald"),
}


def _num(value: Any) -> str:
    if value is None:
        return ""
    d = Decimal(value)
    text = format(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize(), "f")
    return text.replace(".", ",")


def _english_plural(word: str) -> str:
    """'session' -> 'sessions', 'class' -> 'classes', 'activity' -> 'activities' (the regular rules)."""
    lower = word.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(lower) > 1 and lower.endswith("y") and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def instance_names(label: str) -> tuple[str, str]:
    """('piekuurtje', 'piekuurtjes') from 'piekuurtje'; 'beurs|beurzen' names both forms.

    The plural ending follows the interface's language: Dutch endings ('sessie' -> 'sessies',
    'bijeenkomst' -> 'bijeenkomsten'), English ones when the page is in English ('session' ->
    'sessions', 'activity' -> 'activities'). A label is written by the zone, in either language:
    'one|many' names both forms whatever the language. Without a singular ('', '|') the label is the
    default ('keer' / 'time').
    """
    label = (label or "").strip() or str(_("keer"))
    if "|" in label:
        one, _sep, many = label.partition("|")
        one, many = one.strip(), many.strip()
        if one or many:
            return one or many, many or one
        label = str(_("keer"))
    if label == "keer":
        return label, label
    if (translation.get_language() or "").startswith("en"):
        return label, _english_plural(label)
    if label.endswith(("je", "e", "el", "er", "em", "en", "ie")):
        return label, label + "s"
    return label, label + "en"


def target_label(ind: Indicator) -> str:
    """'≥ 20 deelnemers per piekuurtje', '3 à 4 keer per jaar', or the target as written."""
    if ind.target_text:
        return ind.target_text
    if ind.kind != IndicatorKind.NUMBER or not ind.comparator or ind.target is None:
        return ""
    unit = f" {ind.unit}" if ind.unit else ""
    if ind.comparator == Comparator.RANGE:
        text = f"{_num(ind.target)} à {_num(ind.target_max)}{unit}"
    else:
        symbol = {"gte": "≥", "lte": "≤", "eq": "="}[ind.comparator]
        text = f"{symbol} {_num(ind.target)}{unit}"
    if ind.scope == TargetScope.INSTANCE:
        text += " " + _("per %(what)s") % {"what": instance_names(ind.instance_label)[0]}
    elif ind.period_label:
        text += f" {ind.period_label}"
    return text


def meets(ind: Indicator, value: Any) -> bool:
    if value is None or ind.target is None:
        return False
    v = Decimal(value)
    if ind.comparator == Comparator.LTE:
        return v <= ind.target
    if ind.comparator == Comparator.EQ:
        return v == ind.target
    if ind.comparator == Comparator.RANGE:
        return ind.target <= v <= (ind.target_max if ind.target_max is not None else v)
    return v >= ind.target


@dataclass
class Reading:
    indicator: Indicator
    value: Decimal | None = None
    instances: list[dict[str, Any]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    status: str = NONE
    summary: str = ""
    warning: str = ""
    computed: bool = False
    source_label: str = ""
    last_entry: IndicatorValue | None = None

    @property
    def target(self) -> str:
        return target_label(self.indicator)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def value_label(self) -> str:
        ind = self.indicator
        if ind.kind == IndicatorKind.QUALITATIVE:
            return "; ".join(self.texts)
        if ind.kind == IndicatorKind.YESNO:
            return "" if self.value is None else (_("ja") if self.value else _("nee"))
        return _num(self.value)


def _period(ind: Indicator, plan: YearPlan) -> tuple[dt.date, dt.date]:
    return ind.period_start or plan.start, ind.period_end or plan.end


def _judge(reading: Reading, plan: YearPlan, today: dt.date) -> None:
    ind = reading.indicator
    if ind.kind == IndicatorKind.QUALITATIVE:
        reading.status = INFO if reading.texts else NONE
        return
    if ind.kind == IndicatorKind.YESNO:
        reading.status = NONE if reading.value is None else (MET if reading.value else PENDING)
        if reading.value is not None and not reading.value and today > _period(ind, plan)[1]:
            reading.status = NOT_MET
        return
    has_target = bool(ind.comparator) and ind.target is not None
    if ind.scope == TargetScope.INSTANCE:
        if not reading.instances:
            reading.status = NONE
            return
        if not has_target:
            reading.status = INFO
            return
        reached = 0
        for inst in reading.instances:
            inst["met"] = meets(ind, inst["value"])
            reached += inst["met"]
        total = len(reading.instances)
        what = instance_names(ind.instance_label)[1]
        reading.summary = _("%(n)s van %(total)s %(what)s haalden %(target)s") % {
            "n": reached,
            "total": total,
            "what": what,
            "target": _num(ind.target),
        }
        reading.status = MET if reached == total else PARTIAL
        return
    if reading.value is None:
        reading.status = NONE
        return
    if not has_target:
        reading.status = INFO
        return
    if meets(ind, reading.value):
        reading.status = MET
    elif today > _period(ind, plan)[1] or (
        ind.comparator in (Comparator.LTE, Comparator.RANGE)
        and ind.target_max is not None
        and reading.value > ind.target_max
    ):
        reading.status = NOT_MET
    else:
        reading.status = PENDING


def _hand_reading(reading: Reading, values: list[IndicatorValue]) -> None:
    ind = reading.indicator
    if ind.kind == IndicatorKind.QUALITATIVE:
        reading.texts = [v.text for v in values if v.text]
        return
    numbers = [v for v in values if v.value is not None]
    if ind.scope == TargetScope.INSTANCE:
        reading.instances = [
            {"label": v.text or v.date.strftime("%d/%m/%Y"), "date": v.date, "value": v.value, "met": False}
            for v in numbers
        ]
        reading.value = sum((v.value or Decimal(0) for v in numbers), Decimal(0)) if numbers else None
    elif numbers:
        latest = max(numbers, key=lambda v: (v.date, v.pk))
        reading.value = latest.value
        reading.last_entry = latest


def _instances(result: sources.SourceResult) -> list[dict[str, Any]]:
    return [
        {"label": i.label, "date": i.date, "value": Decimal(i.value), "url": i.url, "met": False}
        for i in result.instances
    ]


def _stored_instances(ind: Indicator) -> list[dict[str, Any]]:
    out = []
    for row in ind.last_instances or []:
        day = row.get("date")
        out.append(
            {
                "label": row.get("label", ""),
                "date": dt.date.fromisoformat(day) if day else None,
                "value": Decimal(str(row.get("value", 0))),
                "url": row.get("url", ""),
                "met": False,
            }
        )
    return out


def _keep_last(reading: Reading, warning: str) -> None:
    ind = reading.indicator
    reading.warning = warning
    reading.value = ind.last_value
    reading.instances = _stored_instances(ind)


def readings_for(
    zone: Any, plan: YearPlan, indicators: list[Indicator], *, today: dt.date | None = None, save: bool = True
) -> dict[int, Reading]:
    """Readings of the indicators (their `values` prefetched as `hand_values`).

    Computed indicators are asked of their sources, one batch per source. The last value a source
    gave is kept on the indicator (one bulk update, only when something changed); when a linked
    record was deleted, or the source is gone, the reading shows the last value with a warning.
    """
    today = today or timezone.localdate()
    readings: dict[int, Reading] = {}
    by_source: dict[str, list[Reading]] = defaultdict(list)
    for ind in indicators:
        reading = Reading(indicator=ind)
        readings[ind.pk] = reading
        if ind.source_key:
            reading.computed = True
            by_source[ind.source_key].append(reading)
        else:
            _hand_reading(reading, list(getattr(ind, "hand_values", None) or ind.values.all()))
    changed: list[Indicator] = []
    now = timezone.now()
    for key, group in by_source.items():
        source = sources.get(key)
        if source is None:
            for reading in group:
                _keep_last(
                    reading,
                    _("De bron van deze indicator bestaat niet meer; de laatste waarde blijft staan."),
                )
            continue
        queries = []
        for reading in group:
            start, end = _period(reading.indicator, plan)
            queries.append(
                sources.SourceQuery(
                    zone=zone,
                    start=start,
                    end=end,
                    object_ids=tuple(reading.indicator.object_ids or ()),
                    action_id=reading.indicator.action_id,
                )
            )
        results = sources.compute_many(key, queries)
        for reading, result in zip(group, results, strict=True):
            ind = reading.indicator
            reading.source_label = source.label
            if result.missing_ids:
                _keep_last(
                    reading,
                    _(
                        "Een gekoppeld record werd verwijderd; de laatst berekende waarde blijft staan. "
                        "Koppel de indicator opnieuw."
                    ),
                )
                continue
            reading.value = Decimal(result.total)
            reading.instances = _instances(result)
            stored = [
                {
                    "label": i["label"],
                    "date": i["date"].isoformat() if i["date"] else None,
                    "value": str(i["value"]),
                    "url": i["url"],
                }
                for i in reading.instances
            ]
            if ind.last_value != reading.value or ind.last_instances != stored:
                ind.last_value, ind.last_instances, ind.last_computed_at = reading.value, stored, now
                changed.append(ind)
    if save and changed:
        Indicator.objects.bulk_update(changed, ["last_value", "last_instances", "last_computed_at"])
    for reading in readings.values():
        _judge(reading, plan, today)
    return readings


# --- progress -----------------------------------------------------------------------------------


@dataclass
class Progress:
    status: str
    overdue: list[Step] = field(default_factory=list)
    targets_met: int = 0
    targets: int = 0
    process_done: int = 0
    process_total: int = 0
    milestones_done: int = 0
    milestones: int = 0

    @property
    def label(self) -> str:
        return str(PROGRESS_LABELS[self.status])


def action_progress(action: Action, readings: list[Reading], today: dt.date) -> Progress:
    steps = list(action.steps.all())
    items = list(action.process_items.all())
    milestones = [s for s in steps if s.is_milestone and s.status != StepStatus.DROPPED]
    overdue = [s for s in milestones if s.due_date and s.due_date < today and s.status != StepStatus.DONE]
    targeted = [
        r
        for r in readings
        if r.status not in (INFO,) and (r.indicator.comparator or r.indicator.kind == IndicatorKind.YESNO)
    ]
    p = Progress(
        status=ON_TRACK,
        overdue=overdue,
        targets_met=sum(r.status == MET for r in targeted),
        targets=len(targeted),
        process_done=sum(i.done for i in items),
        process_total=len(items),
        milestones_done=sum(s.status == StepStatus.DONE for s in milestones),
        milestones=len(milestones),
    )
    started = (
        any(r.status != NONE for r in readings)
        or p.process_done > 0
        or any(s.status in (StepStatus.DOING, StepStatus.DONE) for s in steps)
    )
    anything = p.targets + p.process_total + p.milestones
    if (
        anything
        and p.targets_met == p.targets
        and p.process_done == p.process_total
        and p.milestones_done == p.milestones
    ):
        p.status = ACHIEVED
    elif overdue or any(r.status in (PARTIAL, NOT_MET) for r in readings):
        p.status = AT_RISK
    elif not started:
        p.status = NOT_STARTED
    return p


# --- the plan -----------------------------------------------------------------------------------


def plan_list(*, zone: Any) -> list[YearPlan]:
    return list(YearPlan.objects.for_zone(zone).select_related("multi_year_plan").order_by("-year"))


def plan_get(*, zone: Any, pk: int) -> YearPlan:
    plan = YearPlan.objects.for_zone(zone).select_related("multi_year_plan").filter(pk=pk).first()
    if plan is None:
        raise Http404(_("Dit actieplan bestaat niet."))
    return plan


def action_get(*, zone: Any, pk: int) -> Action:
    action = (
        Action.objects.for_zone(zone)
        .select_related("objective__strategic__plan", "lead_organisation")
        .filter(pk=pk)
        .first()
    )
    if action is None:
        raise Http404(_("Deze actie bestaat niet."))
    return action


def _action_queryset(zone: Any) -> Any:
    return (
        Action.objects.for_zone(zone)
        .select_related("objective__strategic", "lead_organisation")
        .prefetch_related(
            Prefetch("steps", queryset=Step.objects.for_zone(zone).order_by("order", "pk")),
            Prefetch("process_items", queryset=ProcessItem.objects.for_zone(zone).order_by("order", "pk")),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.for_zone(zone)
                .order_by("order", "pk")
                .prefetch_related(
                    Prefetch(
                        "values",
                        queryset=IndicatorValue.objects.for_zone(zone).order_by("date", "pk"),
                        to_attr="hand_values",
                    )
                ),
            ),
        )
    )


def _full_action_queryset(zone: Any) -> Any:
    from .models import ActionPartner

    return _action_queryset(zone).prefetch_related(
        "target_groups",
        "challenges",
        "bodies",
        Prefetch(
            "partner_links",
            queryset=ActionPartner.objects.for_zone(zone)
            .select_related("organisation")
            .order_by("order", "pk"),
        ),
    )


@dataclass
class ActionRow:
    action: Action
    readings: list[Reading]
    progress: Progress


@dataclass
class ObjectiveRow:
    objective: Any
    actions: list[ActionRow] = field(default_factory=list)
    children: list[ObjectiveRow] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        rows = [a for child in self.children for a in child.actions] if self.children else self.actions
        c = Counter(r.progress.status for r in rows)
        return [(s, str(PROGRESS_LABELS[s]), c[s]) for s in PROGRESS_ORDER if c[s]]


@dataclass
class Overview:
    plan: YearPlan
    objectives: list[ObjectiveRow]
    chapters: list[PlanChapter]
    overdue: list[Step]

    @property
    def action_rows(self) -> list[ActionRow]:
        return [a for sd in self.objectives for od in sd.children for a in od.actions]


def plan_overview(
    *,
    zone: Any,
    plan: YearPlan,
    today: dt.date | None = None,
    full: bool = False,
    action_ids: list[int] | None = None,
) -> Overview:
    """The plan's tree with every action's readings and progress, rolled up per objective.

    A fixed number of queries: objectives (2), actions with their steps, process items,
    indicators and hand values (5, or 9 with `full`), chapters (1), and per indicator source one
    batch (the built-in sources: 3 to 5 queries each).
    """
    today = today or timezone.localdate()
    sds = list(StrategicObjective.objects.for_zone(zone).filter(plan=plan).order_by("order", "pk"))
    ods = list(
        OperationalObjective.objects.for_zone(zone).filter(strategic__plan=plan).order_by("order", "pk")
    )
    qs = _full_action_queryset(zone) if full else _action_queryset(zone)
    qs = qs.filter(objective__strategic__plan=plan).order_by(
        "objective__strategic__order", "objective__order", "order", "pk"
    )
    if action_ids is not None:
        qs = qs.filter(pk__in=action_ids)
    actions = list(qs)
    indicators = [ind for a in actions for ind in a.indicators.all()]
    readings = readings_for(zone, plan, indicators, today=today)
    od_rows: dict[int, ObjectiveRow] = {od.pk: ObjectiveRow(objective=od) for od in ods}
    overdue: list[Step] = []
    for action in actions:
        mine = [readings[i.pk] for i in action.indicators.all()]
        progress = action_progress(action, mine, today)
        overdue.extend(progress.overdue)
        od_rows[action.objective_id].actions.append(
            ActionRow(action=action, readings=mine, progress=progress)
        )
    sd_rows = []
    for sd in sds:
        row = ObjectiveRow(objective=sd, children=[od_rows[od.pk] for od in ods if od.strategic_id == sd.pk])
        if action_ids is not None:
            row.children = [c for c in row.children if c.actions]
            if not row.children:
                continue
        sd_rows.append(row)
    chapters = (
        list(PlanChapter.objects.for_zone(zone).filter(plan=plan).order_by("parent_id", "order", "pk"))
        if full
        else []
    )
    return Overview(
        plan=plan,
        objectives=sd_rows,
        chapters=chapters,
        overdue=sorted(overdue, key=lambda s: s.due_date or today),
    )


def action_overview(*, zone: Any, action: Action, today: dt.date | None = None) -> ActionRow:
    plan = action.objective.strategic.plan
    overview = plan_overview(zone=zone, plan=plan, today=today, full=True, action_ids=[action.pk])
    return overview.action_rows[0]


def overdue_milestones(*, zone: Any, today: dt.date | None = None, limit: int = 10) -> list[Step]:
    today = today or timezone.localdate()
    return list(
        Step.objects.for_zone(zone)
        .filter(is_milestone=True, due_date__lt=today)
        .exclude(status__in=[StepStatus.DONE, StepStatus.DROPPED])
        .select_related("action__objective__strategic__plan")
        .order_by("due_date", "pk")[:limit]
    )


def compare_plans(*, zone: Any, left: YearPlan, right: YearPlan) -> list[dict[str, Any]]:
    """Two years side by side: rows of (SD label, OD label, action title) with each year's action."""

    def index(plan: YearPlan) -> dict[tuple[str, str, str], Action]:
        rows = (
            Action.objects.for_zone(zone)
            .filter(objective__strategic__plan=plan)
            .select_related("objective__strategic")
            .prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.for_zone(zone).order_by("order", "pk"))
            )
            .order_by("objective__strategic__order", "objective__order", "order", "pk")
        )
        return {(a.objective.strategic.label, a.objective.label, a.title): a for a in rows}

    a, b = index(left), index(right)
    keys = list(a) + [k for k in b if k not in a]
    out = []
    for key in keys:
        la, rb = a.get(key), b.get(key)
        out.append(
            {
                "sd": key[0],
                "od": key[1],
                "title": key[2],
                "left": la,
                "right": rb,
                "left_targets": [f"{i.name}: {target_label(i)}".rstrip(": ") for i in la.indicators.all()]
                if la
                else [],
                "right_targets": [f"{i.name}: {target_label(i)}".rstrip(": ") for i in rb.indicators.all()]
                if rb
                else [],
            }
        )
    return out
