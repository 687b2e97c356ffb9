"""Writes of the action plan: plans, chapters, objectives, actions, steps, process items, indicators.

Every service takes plain values (keyword arguments), the zone and the actor; it runs in one
transaction, raises ServiceError with a Dutch message when a rule is broken (nothing is saved
then) and leaves an audit entry. Linked records of another zone are refused.

Typical use by the importer:

    plan = plan_create(zone=z, actor=None, year=2025, title="Acties 2025")
    sd = objective_create(zone=z, actor=None, plan=plan, label="Strategische doelstelling 1", text="...")
    od = operational_objective_create(zone=z, actor=None, strategic=sd, label="Operationele doelstelling 1", text="...")
    action = action_create(zone=z, actor=None, objective=od, title="GBO", description="...")
    step_create(zone=z, actor=None, action=action, number="1", text="...", is_milestone=True, due_date=...)
    process_item_create(zone=z, actor=None, action=action, text="Er is een overzicht van ...")
    indicator_create(zone=z, actor=None, action=action, name="Aantal deelnemers", comparator="gte", target=20,
                     unit="deelnemers", scope="instance", instance_label="bijeenkomst")
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone

from . import sources
from .models import (
    Action,
    ActionPartner,
    ChapterKind,
    Comparator,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    LeadKind,
    MultiYearPlan,
    OperationalObjective,
    PlanChapter,
    ProcessItem,
    ProcessKind,
    Step,
    StepStatus,
    StrategicObjective,
    TargetScope,
    YearPlan,
    ZoneRole,
)

OTHER_ZONE = _("Dit record hoort niet bij deze eerstelijnszone.")

ACTION_FIELDS = [
    "title",
    "order",
    "description",
    "scope_do",
    "scope_dont",
    "why",
    "why_environment_analysis",
    "why_local_policy",
    "why_flemish_objectives",
    "target_text",
    "lead_kind",
    "lead_organisation",
    "lead_text",
    "zone_role",
    "zone_role_text",
    "partners_text",
    "evaluates_process",
    "evaluates_output",
]
ACTION_M2M = ["target_groups", "challenges", "bodies"]
STEP_FIELDS = [
    "number",
    "text",
    "is_milestone",
    "due_date",
    "due_text",
    "status",
    "condition",
    "meeting",
    "order",
]
PROCESS_FIELDS = ["group", "kind", "text", "done", "done_on", "evidence", "count", "order"]
INDICATOR_FIELDS = [
    "group",
    "name",
    "method",
    "kind",
    "comparator",
    "target",
    "target_max",
    "unit",
    "scope",
    "instance_label",
    "period_label",
    "period_start",
    "period_end",
    "target_text",
    "source_key",
    "object_ids",
    "order",
]


# --- helpers ------------------------------------------------------------------------------------


def _full_clean(instance: models.Model, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(
            exclude=["zone", *(exclude or [])], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise ServiceError(exc.error_dict if hasattr(exc, "error_dict") else exc.messages) from exc


def _snap(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return audit.snapshot(instance, [f for f in fields if hasattr(instance, f)])


def _apply(instance: models.Model, fields: list[str], data: dict[str, Any]) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"Unknown fields for {type(instance).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        if value is None and isinstance(instance._meta.get_field(name), models.CharField | models.TextField):
            value = ""
        setattr(instance, name, value)


def _text_list(value: Any, *, grouped: bool) -> list[dict[str, str]]:
    """Accept ["a", "b"] or [{"text": "a", "group": "core"}]; drop empty lines."""
    out: list[dict[str, str]] = []
    for item in value or []:
        if isinstance(item, str):
            item = {"text": item}
        text = str(item.get("text", "")).strip()
        if not text:
            continue
        row = {"text": text}
        if grouped:
            group = str(item.get("group", "") or "")
            if group not in ("", "core", "secondary"):
                raise ServiceError({"scope_do": _("Kies 'kernactie' of 'secundaire actie' als groep.")})
            row["group"] = group
        out.append(row)
    return out


def plan_of_action(action: Action) -> YearPlan:
    return action.objective.strategic.plan


# --- plans --------------------------------------------------------------------------------------


@transaction.atomic
def multi_year_plan_create(
    *, zone: Any, actor: Any, title: str, start_year: int, end_year: int, description: str = ""
) -> MultiYearPlan:
    if end_year < start_year:
        raise ServiceError({"end_year": _("Het eindjaar moet na het beginjaar liggen.")})
    mp = MultiYearPlan(
        zone=zone,
        title=(title or "").strip(),
        start_year=start_year,
        end_year=end_year,
        description=description,
    )
    _full_clean(mp)
    mp.save()
    audit.record(zone=zone, actor=actor, action="created", instance=mp)
    return mp


def _year_free(zone: Any, year: int, exclude_pk: int | None = None) -> None:
    taken = YearPlan.objects.for_zone(zone).filter(year=year)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ServiceError(
            {"year": _("Er bestaat al een actieplan voor %(year)s in deze zone.") % {"year": year}}
        )


@transaction.atomic
def plan_create(
    *,
    zone: Any,
    actor: Any,
    year: int,
    title: str = "",
    multi_year_plan: MultiYearPlan | None = None,
    status: str = "draft",
) -> YearPlan:
    if not year or year < 2000 or year > 2100:
        raise ServiceError({"year": _("Geef een jaar tussen 2000 en 2100.")})
    same_zone(zone, multi_year_plan, OTHER_ZONE, "multi_year_plan")
    if multi_year_plan and not (multi_year_plan.start_year <= year <= multi_year_plan.end_year):
        raise ServiceError({"year": _("Dit jaar valt buiten het meerjarenplan.")})
    _year_free(zone, year)
    plan = YearPlan(
        zone=zone,
        year=year,
        title=(title or "").strip() or f"Acties {year}",
        multi_year_plan=multi_year_plan,
        status=status,
    )
    _full_clean(plan, exclude=["copied_from"])
    plan.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=plan,
        changes=audit.diff({}, _snap(plan, ["year", "title"])),
    )
    return plan


@transaction.atomic
def plan_update(*, zone: Any, actor: Any, plan: YearPlan, **data: Any) -> YearPlan:
    same_zone(zone, plan, OTHER_ZONE)
    before = _snap(plan, ["year", "title", "status", "multi_year_plan"])
    _apply(plan, ["year", "title", "status", "multi_year_plan"], data)
    plan.title = plan.title.strip() or f"Acties {plan.year}"
    same_zone(zone, plan.multi_year_plan, OTHER_ZONE, "multi_year_plan")
    if "year" in data:
        _year_free(zone, plan.year, plan.pk)
    _full_clean(plan, exclude=["copied_from"])
    plan.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=plan,
        changes=audit.diff(before, _snap(plan, list(before))),
    )
    return plan


def _check_chapter_items(items: list[dict[str, Any]], total: int | None) -> list[dict[str, Any]]:
    clean: list[dict[str, Any]] = []
    for item in items or []:
        if isinstance(item, str):
            item = {"title": item}
        title = str(item.get("title", "")).strip()
        text = str(item.get("text", "")).strip()
        if not title and not text:
            continue
        percent = item.get("percent")
        if percent not in (None, ""):
            try:
                percent = Decimal(str(percent))
            except InvalidOperation as exc:
                raise ServiceError({"items": _("Een percentage moet een getal zijn.")}) from exc
            if percent < 0 or percent > 100:
                raise ServiceError({"items": _("Een percentage ligt tussen 0 en 100.")})
            percent = float(percent)
        else:
            percent = None
        clean.append({"title": title, "text": text, "percent": percent})
    if total is not None:
        parts = sum((Decimal(str(i["percent"])) for i in clean if i["percent"] is not None), Decimal(0))
        if parts != Decimal(total):
            raise ServiceError(
                {
                    "items": _("De delen tellen op tot %(parts)s%%, niet tot het totaal van %(total)s%%.")
                    % {"parts": format(parts.normalize(), "f").replace(".", ","), "total": total}
                }
            )
    return clean


@transaction.atomic
def chapter_create(
    *,
    zone: Any,
    actor: Any,
    plan: YearPlan,
    title: str,
    kind: str = ChapterKind.OTHER,
    text: str = "",
    items: list[Any] | None = None,
    time_total_percent: int | None = None,
    parent: PlanChapter | None = None,
    order: int = 0,
) -> PlanChapter:
    same_zone(zone, plan, OTHER_ZONE)
    same_zone(zone, parent, OTHER_ZONE, "parent")
    if parent is not None and parent.plan_id != plan.pk:
        raise ServiceError({"parent": _("Dit hoofdstuk hoort bij een ander plan.")})
    if not (title or "").strip():
        raise ServiceError({"title": _("Geef het hoofdstuk een titel.")})
    chapter = PlanChapter(
        zone=zone,
        plan=plan,
        parent=parent,
        kind=kind,
        title=title.strip(),
        text=text,
        items=_check_chapter_items(list(items or []), time_total_percent),
        time_total_percent=time_total_percent,
        order=order,
    )
    _full_clean(chapter)
    chapter.save()
    audit.record(zone=zone, actor=actor, action="created", instance=chapter)
    return chapter


# --- objectives ---------------------------------------------------------------------------------


def _next_order(qs: models.QuerySet) -> int:
    top = qs.aggregate(m=models.Max("order"))["m"]
    return 0 if top is None else top + 1


@transaction.atomic
def objective_create(
    *, zone: Any, actor: Any, plan: YearPlan, label: str, text: str, order: int | None = None
) -> StrategicObjective:
    """A strategic objective, its label stored as written ("Strategische doelstelling 5")."""
    same_zone(zone, plan, OTHER_ZONE, "plan")
    if not (label or "").strip():
        raise ServiceError({"label": _("Geef de doelstelling een label, bv. 'Strategische doelstelling 1'.")})
    if not (text or "").strip():
        raise ServiceError({"text": _("Geef de tekst van de doelstelling.")})
    if order is None:
        order = _next_order(StrategicObjective.objects.for_zone(zone).filter(plan=plan))
    sd = StrategicObjective(zone=zone, plan=plan, label=label.strip(), text=text.strip(), order=order)
    _full_clean(sd)
    sd.save()
    audit.record(zone=zone, actor=actor, action="created", instance=sd)
    return sd


@transaction.atomic
def operational_objective_create(
    *, zone: Any, actor: Any, strategic: StrategicObjective, label: str, text: str, order: int | None = None
) -> OperationalObjective:
    same_zone(zone, strategic, OTHER_ZONE, "strategic")
    if not (label or "").strip():
        raise ServiceError({"label": _("Geef de doelstelling een label, bv. 'Operationele doelstelling 1'.")})
    if not (text or "").strip():
        raise ServiceError({"text": _("Geef de tekst van de doelstelling.")})
    if order is None:
        order = _next_order(OperationalObjective.objects.for_zone(zone).filter(strategic=strategic))
    od = OperationalObjective(
        zone=zone, strategic=strategic, label=label.strip(), text=text.strip(), order=order
    )
    _full_clean(od)
    od.save()
    audit.record(zone=zone, actor=actor, action="created", instance=od)
    return od


@transaction.atomic
def objective_update(
    *, zone: Any, actor: Any, objective: StrategicObjective | OperationalObjective, **data: Any
) -> Any:
    same_zone(zone, objective, OTHER_ZONE)
    before = _snap(objective, ["label", "text", "order"])
    _apply(objective, ["label", "text", "order"], data)
    if not objective.label.strip() or not objective.text.strip():
        raise ServiceError(_("Label en tekst van een doelstelling zijn verplicht."))
    _full_clean(objective)
    objective.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=objective,
        changes=audit.diff(before, _snap(objective, list(before))),
    )
    return objective


# --- actions ------------------------------------------------------------------------------------


def _check_action(zone: Any, action: Action, m2m: dict[str, list[Any]], partners: list[Any] | None) -> None:
    if not (action.title or "").strip():
        raise ServiceError({"title": _("Geef de actie een titel.")})
    if not (action.evaluates_process or action.evaluates_output):
        raise ServiceError(
            {
                "evaluates_process": _(
                    "Selecteer minstens één manier van evaluatie: procesevaluatie of resultaatgerichte evaluatie."
                )
            }
        )
    same_zone(zone, action.objective, OTHER_ZONE, "objective")
    same_zone(
        zone,
        action.lead_organisation,
        _("Deze organisatie hoort niet bij deze eerstelijnszone."),
        "lead_organisation",
    )
    if action.lead_kind not in LeadKind.values:
        raise ServiceError({"lead_kind": _("Kies wie de actie trekt.")})
    if action.zone_role not in ZoneRole.values:
        raise ServiceError({"zone_role": _("Kies de rol van de zorgraad.")})
    if action.lead_kind == LeadKind.ORGANISATION and action.lead_organisation_id is None:
        raise ServiceError({"lead_organisation": _("Kies de organisatie die de actie trekt.")})
    if action.lead_kind != LeadKind.ORGANISATION:
        action.lead_organisation = None
    if action.lead_kind == LeadKind.CONSORTIUM and not action.lead_text.strip():
        raise ServiceError({"lead_text": _("Beschrijf het samenwerkingsverband dat de actie trekt.")})
    for name, objs in m2m.items():
        for obj in objs:
            if hasattr(obj, "zone_id"):
                same_zone(zone, obj, OTHER_ZONE, name)
    for org in partners or []:
        org = org[0] if isinstance(org, tuple) else org
        same_zone(zone, org, _("Deze organisatie hoort niet bij deze eerstelijnszone."), "partners")
    action.scope_do = _text_list(action.scope_do, grouped=True)
    action.scope_dont = _text_list(action.scope_dont, grouped=False)
    _full_clean(action, exclude=ACTION_M2M + ["partners"])


def _set_partners(zone: Any, action: Action, partners: list[Any]) -> None:
    """partners: organisations, or (organisation, group) tuples, in order."""
    ActionPartner.objects.for_zone(zone).filter(action=action).delete()
    rows = []
    seen: set[int] = set()
    for i, item in enumerate(partners):
        org, group = item if isinstance(item, tuple) else (item, "")
        if org.pk in seen:
            continue
        seen.add(org.pk)
        rows.append(
            ActionPartner(zone=zone, action=action, organisation=org, group=(group or "")[:120], order=i)
        )
    ActionPartner.objects.bulk_create(rows)


def _action_snapshot(action: Action) -> dict[str, Any]:
    data = _snap(action, ACTION_FIELDS)
    if action.pk:
        for name in ACTION_M2M:
            data[name] = sorted(str(o) for o in getattr(action, name).all())
        data["partners"] = [str(p.organisation) for p in action.partner_links.select_related("organisation")]
    return data


@transaction.atomic
def action_create(
    *,
    zone: Any,
    actor: Any,
    objective: OperationalObjective,
    title: str,
    partners: list[Any] | None = None,
    target_groups: list[Any] | None = None,
    challenges: list[Any] | None = None,
    bodies: list[Any] | None = None,
    **data: Any,
) -> Action:
    """Create an action under an operational objective. `data` takes any of ACTION_FIELDS."""
    action = Action(zone=zone, objective=objective, title=(title or "").strip())
    _apply(action, ACTION_FIELDS, data)
    if "order" not in data:
        action.order = (
            _next_order(Action.objects.for_zone(zone).filter(objective=objective))
            if objective.zone_id == zone.pk
            else 0
        )
    m2m = {
        "target_groups": list(target_groups or []),
        "challenges": list(challenges or []),
        "bodies": list(bodies or []),
    }
    _check_action(zone, action, m2m, partners)
    action.save()
    for name, objs in m2m.items():
        getattr(action, name).set(objs)
    _set_partners(zone, action, list(partners or []))
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=action,
        changes=audit.diff({}, _action_snapshot(action)),
    )
    return action


@transaction.atomic
def action_update(
    *,
    zone: Any,
    actor: Any,
    action: Action,
    partners: list[Any] | None = None,
    target_groups: list[Any] | None = None,
    challenges: list[Any] | None = None,
    bodies: list[Any] | None = None,
    **data: Any,
) -> Action:
    """Change an action. M2M arguments left at None are not touched."""
    same_zone(zone, action, OTHER_ZONE)
    action = Action.objects.for_zone(zone).get(pk=action.pk)
    before = _action_snapshot(action)
    _apply(action, ACTION_FIELDS + ["objective"], data)
    m2m = {
        name: list(objs)
        for name, objs in (("target_groups", target_groups), ("challenges", challenges), ("bodies", bodies))
        if objs is not None
    }
    _check_action(zone, action, m2m, partners)
    action.save()
    for name, objs in m2m.items():
        getattr(action, name).set(objs)
    if partners is not None:
        _set_partners(zone, action, list(partners))
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=action,
        changes=audit.diff(before, _action_snapshot(action)),
    )
    return action


@transaction.atomic
def action_delete(*, zone: Any, actor: Any, action: Action) -> None:
    same_zone(zone, action, OTHER_ZONE)
    audit.record(zone=zone, actor=actor, action="deleted", instance=action)
    Action.objects.for_zone(zone).filter(pk=action.pk).delete()


# --- steps --------------------------------------------------------------------------------------


def _check_step(zone: Any, step: Step) -> None:
    if not (step.text or "").strip():
        raise ServiceError({"text": _("Beschrijf de stap.")})
    if step.status not in StepStatus.values:
        raise ServiceError({"status": _("Kies een geldige status.")})
    same_zone(zone, step.meeting, OTHER_ZONE, "meeting")
    plan = plan_of_action(step.action)
    if step.due_date and step.due_date > plan.end:
        raise ServiceError(
            {
                "due_date": _("Deze datum ligt na het einde van het plan (%(end)s).")
                % {"end": plan.end.strftime("%d/%m/%Y")}
            }
        )
    if step.is_milestone and not step.due_date and not step.due_text.strip():
        raise ServiceError({"due_date": _("Een mijlpaal heeft een datum of een timing nodig.")})
    _full_clean(step)


@transaction.atomic
def step_create(*, zone: Any, actor: Any, action: Action, text: str, **data: Any) -> Step:
    same_zone(zone, action, OTHER_ZONE, "action")
    step = Step(zone=zone, action=action, text=(text or "").strip())
    _apply(step, STEP_FIELDS, data)
    if "order" not in data:
        step.order = _next_order(Step.objects.for_zone(zone).filter(action=action))
    _check_step(zone, step)
    step.save()
    audit.record(zone=zone, actor=actor, action="created", instance=step)
    return step


@transaction.atomic
def step_update(*, zone: Any, actor: Any, step: Step, **data: Any) -> Step:
    same_zone(zone, step, OTHER_ZONE)
    before = _snap(step, STEP_FIELDS)
    _apply(step, STEP_FIELDS, data)
    _check_step(zone, step)
    step.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=step,
        changes=audit.diff(before, _snap(step, STEP_FIELDS)),
    )
    return step


# --- process items ------------------------------------------------------------------------------


def _check_process(zone: Any, item: ProcessItem) -> None:
    if not (item.text or "").strip():
        raise ServiceError({"text": _("Beschrijf het procesitem.")})
    if item.kind not in ProcessKind.values:
        raise ServiceError({"kind": _("Kies een geldige soort.")})
    if item.count is not None and item.count < 0:
        raise ServiceError({"count": _("Een aantal kan niet negatief zijn.")})
    if item.done_on and not item.done:
        item.done = True
    _full_clean(item)


@transaction.atomic
def process_item_create(*, zone: Any, actor: Any, action: Action, text: str, **data: Any) -> ProcessItem:
    same_zone(zone, action, OTHER_ZONE, "action")
    item = ProcessItem(zone=zone, action=action, text=(text or "").strip())
    _apply(item, PROCESS_FIELDS, data)
    if "order" not in data:
        item.order = _next_order(ProcessItem.objects.for_zone(zone).filter(action=action))
    _check_process(zone, item)
    item.save()
    audit.record(zone=zone, actor=actor, action="created", instance=item)
    return item


@transaction.atomic
def process_item_update(*, zone: Any, actor: Any, item: ProcessItem, **data: Any) -> ProcessItem:
    same_zone(zone, item, OTHER_ZONE)
    before = _snap(item, PROCESS_FIELDS)
    _apply(item, PROCESS_FIELDS, data)
    _check_process(zone, item)
    item.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=item,
        changes=audit.diff(before, _snap(item, PROCESS_FIELDS)),
    )
    return item


# --- indicators ---------------------------------------------------------------------------------


def _check_indicator(zone: Any, ind: Indicator) -> None:
    if not (ind.name or "").strip():
        raise ServiceError({"name": _("Geef de indicator een naam.")})
    if ind.kind not in IndicatorKind.values:
        raise ServiceError({"kind": _("Kies een geldige soort.")})
    if ind.comparator not in Comparator.values:
        raise ServiceError({"comparator": _("Kies een geldige vergelijking.")})
    if ind.scope not in TargetScope.values:
        raise ServiceError({"scope": _("Kies of het streefdoel per keer of voor de periode geldt.")})
    if ind.kind != IndicatorKind.NUMBER:
        ind.comparator, ind.target, ind.target_max = "", None, None
    if ind.comparator and ind.target is None:
        raise ServiceError({"target": _("Een streefdoel heeft een getal nodig, bv. ≥ 20.")})
    if ind.target is not None and not ind.comparator:
        ind.comparator = Comparator.GTE
    if ind.comparator == Comparator.RANGE:
        if ind.target_max is None:
            raise ServiceError({"target_max": _("Een bereik heeft een bovengrens nodig, bv. 3 à 4.")})
        if ind.target is not None and ind.target_max < ind.target:
            raise ServiceError({"target_max": _("De bovengrens is kleiner dan de ondergrens.")})
    else:
        ind.target_max = None
    if ind.target is not None and ind.target < 0:
        raise ServiceError({"target": _("Een streefdoel kan niet negatief zijn.")})
    if ind.period_start and ind.period_end and ind.period_end < ind.period_start:
        raise ServiceError({"period_end": _("Het einde van de periode ligt vóór het begin.")})
    if ind.source_key:
        if sources.get(ind.source_key) is None:
            raise ServiceError({"source_key": _("Deze bron bestaat niet.")})
        if ind.kind != IndicatorKind.NUMBER:
            raise ServiceError({"source_key": _("Alleen een getal kan berekend worden.")})
    ids = ind.object_ids or []
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ServiceError({"object_ids": _("Ongeldige koppeling.")})
    if ids and ind.source_key:
        _check_linked_ids(zone, ind.source_key, ids)
    ind.object_ids = sorted(set(ids))
    _full_clean(ind)


def _check_linked_ids(zone: Any, key: str, ids: list[int]) -> None:
    from django.apps import apps

    source = sources.get(key)
    if source is None or not source.target_model:
        raise ServiceError({"object_ids": _("Deze bron koppelt niet aan records.")})
    model = apps.get_model(source.target_model)
    manager: Any = model._default_manager
    qs = manager.for_zone(zone) if hasattr(manager, "for_zone") else manager.all()
    found = set(qs.filter(pk__in=ids).values_list("pk", flat=True))
    if found != set(ids):
        raise ServiceError(
            {"object_ids": _("Een gekoppeld record bestaat niet of hoort niet bij deze eerstelijnszone.")}
        )


@transaction.atomic
def indicator_create(*, zone: Any, actor: Any, action: Action, name: str, **data: Any) -> Indicator:
    same_zone(zone, action, OTHER_ZONE, "action")
    ind = Indicator(zone=zone, action=action, name=(name or "").strip())
    if "target" in data and data["target"] is not None:
        data["target"] = Decimal(str(data["target"]))
    if "target_max" in data and data["target_max"] is not None:
        data["target_max"] = Decimal(str(data["target_max"]))
    _apply(ind, INDICATOR_FIELDS, data)
    if "order" not in data:
        ind.order = _next_order(Indicator.objects.for_zone(zone).filter(action=action))
    _check_indicator(zone, ind)
    ind.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=ind,
        changes=audit.diff({}, _snap(ind, INDICATOR_FIELDS)),
    )
    return ind


@transaction.atomic
def indicator_update(*, zone: Any, actor: Any, indicator: Indicator, **data: Any) -> Indicator:
    same_zone(zone, indicator, OTHER_ZONE)
    indicator = Indicator.objects.for_zone(zone).get(pk=indicator.pk)
    before = _snap(indicator, INDICATOR_FIELDS)
    for key in ("target", "target_max"):
        if key in data and data[key] is not None:
            data[key] = Decimal(str(data[key]))
    _apply(indicator, INDICATOR_FIELDS, data)
    if indicator.source_key != before.get("source_key") or indicator.object_ids != before.get("object_ids"):
        indicator.last_value, indicator.last_instances, indicator.last_computed_at = None, [], None
    _check_indicator(zone, indicator)
    indicator.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="updated",
        instance=indicator,
        changes=audit.diff(before, _snap(indicator, INDICATOR_FIELDS)),
    )
    return indicator


@transaction.atomic
def indicator_delete(*, zone: Any, actor: Any, indicator: Indicator) -> None:
    same_zone(zone, indicator, OTHER_ZONE)
    audit.record(zone=zone, actor=actor, action="deleted", instance=indicator)
    Indicator.objects.for_zone(zone).filter(pk=indicator.pk).delete()


@transaction.atomic
def indicator_value_add(
    *,
    zone: Any,
    actor: Any,
    indicator: Indicator,
    date: dt.date,
    value: Any = None,
    text: str = "",
) -> IndicatorValue:
    """A value by hand: a number (numeric indicators), yes/no as 1/0, or a line of a qualitative list."""
    same_zone(zone, indicator, OTHER_ZONE, "indicator")
    if indicator.source_key:
        raise ServiceError(_("Deze indicator wordt berekend; een waarde met de hand ingeven kan niet."))
    if date is None:
        raise ServiceError({"date": _("Geef de datum van de meting.")})
    number: Decimal | None = None
    if indicator.kind == IndicatorKind.QUALITATIVE:
        if not (text or "").strip():
            raise ServiceError({"text": _("Geef een omschrijving.")})
    else:
        if value in (None, ""):
            raise ServiceError({"value": _("Geef een getal.")})
        try:
            number = Decimal(str(value).replace(",", "."))
        except InvalidOperation as exc:
            raise ServiceError({"value": _("Geef een getal.")}) from exc
        if number < 0 or number >= Decimal("1e12") or not number.is_finite():
            raise ServiceError({"value": _("Dit getal kan niet.")})
        if indicator.kind == IndicatorKind.YESNO and number not in (0, 1):
            raise ServiceError({"value": _("Kies ja of nee.")})
    label = ""
    if getattr(actor, "is_authenticated", False):
        label = (
            (actor.get_full_name() if hasattr(actor, "get_full_name") else "")
            or getattr(actor, "email", "")
            or str(actor)
        )
    row = IndicatorValue(
        zone=zone,
        indicator=indicator,
        date=date,
        value=number,
        text=(text or "").strip(),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        entered_by_label=label[:200],
    )
    _full_clean(row, exclude=["entered_by"])
    row.save()
    audit.record(zone=zone, actor=actor, action="created", instance=row)
    return row


# --- year over year -----------------------------------------------------------------------------


@transaction.atomic
def plan_copy(*, zone: Any, actor: Any, plan: YearPlan, year: int | None = None) -> YearPlan:
    """Copy a plan to the next year: chapters, objectives, actions, steps, process items, indicators.

    Values are not copied (no hand values, no last computed values, process items not done, steps
    to do); dates move one year on. Refused when the zone already has a plan for that year.
    """
    same_zone(zone, plan, OTHER_ZONE)
    year = year or plan.year + 1
    _year_free(zone, year)
    shift = year - plan.year

    def move(day: dt.date | None) -> dt.date | None:
        if day is None:
            return None
        try:
            return day.replace(year=day.year + shift)
        except ValueError:  # 29 February
            return day.replace(year=day.year + shift, day=28)

    new = YearPlan(
        zone=zone,
        year=year,
        title=plan.title.replace(str(plan.year), str(year))
        if str(plan.year) in plan.title
        else f"Acties {year}",
        multi_year_plan=plan.multi_year_plan,
        copied_from=plan,
    )
    new.save()
    chapter_map: dict[int, PlanChapter] = {}
    for ch in PlanChapter.objects.for_zone(zone).filter(plan=plan).order_by("parent_id", "order", "pk"):
        old_pk = ch.pk
        parent = chapter_map.get(ch.parent_id) if ch.parent_id else None
        ch.pk = None
        ch.id = None
        ch.plan = new
        ch.parent = parent
        ch._state.adding = True
        ch.save()
        chapter_map[old_pk] = ch
    for sd in StrategicObjective.objects.for_zone(zone).filter(plan=plan):
        ods = list(sd.operational_objectives.all())
        sd.pk = sd.id = None
        sd.plan = new
        sd._state.adding = True
        sd.save()
        for od in ods:
            actions = list(
                od.actions.all().prefetch_related("target_groups", "challenges", "bodies", "partner_links")
            )
            od.pk = od.id = None
            od.strategic = sd
            od._state.adding = True
            od.save()
            for action in actions:
                m2m = {n: list(getattr(action, n).all()) for n in ACTION_M2M}
                links = list(action.partner_links.all())
                steps = list(action.steps.all())
                items = list(action.process_items.all())
                inds = list(action.indicators.all())
                action.pk = action.id = None
                action.objective = od
                action._state.adding = True
                action.save()
                for n, objs in m2m.items():
                    getattr(action, n).set(objs)
                for link in links:
                    link.pk = link.id = None
                    link.action = action
                    link._state.adding = True
                ActionPartner.objects.bulk_create(links)
                for step in steps:
                    step.pk = step.id = None
                    step.action = action
                    step.status = StepStatus.TODO
                    step.due_date = move(step.due_date)
                    step.meeting = None
                    step._state.adding = True
                Step.objects.bulk_create(steps)
                for item in items:
                    item.pk = item.id = None
                    item.action = action
                    item.done, item.done_on, item.evidence, item.count = False, None, "", None
                    item._state.adding = True
                ProcessItem.objects.bulk_create(items)
                for ind in inds:
                    ind.pk = ind.id = None
                    ind.action = action
                    ind.period_start, ind.period_end = move(ind.period_start), move(ind.period_end)
                    ind.last_value, ind.last_instances, ind.last_computed_at = None, [], None
                    ind._state.adding = True
                Indicator.objects.bulk_create(inds)
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=new,
        changes={"copied_from": [None, str(plan)]},
    )
    return new


@transaction.atomic
def action_partner_add(
    *, zone: Any, actor: Any, action: Action, organisation: Any, group: str = ""
) -> ActionPartner:
    same_zone(zone, action, OTHER_ZONE, "action")
    same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze eerstelijnszone."), "organisation")
    if ActionPartner.objects.for_zone(zone).filter(action=action, organisation=organisation).exists():
        raise ServiceError(
            {"organisation": _("%(name)s is al partner van deze actie.") % {"name": organisation.name}}
        )
    link = ActionPartner(
        zone=zone,
        action=action,
        organisation=organisation,
        group=(group or "").strip()[:120],
        order=_next_order(ActionPartner.objects.for_zone(zone).filter(action=action)),
    )
    _full_clean(link)
    link.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="partner_added",
        instance=action,
        changes={"partners": [None, organisation.name]},
    )
    return link


@transaction.atomic
def action_partner_remove(*, zone: Any, actor: Any, action: Action, link_id: int) -> None:
    same_zone(zone, action, OTHER_ZONE, "action")
    link = (
        ActionPartner.objects.for_zone(zone)
        .filter(action=action, pk=link_id)
        .select_related("organisation")
        .first()
    )
    if link is None:
        raise ServiceError(_("Deze partner staat niet (meer) bij deze actie."))
    name = link.organisation.name
    link.delete()
    audit.record(
        zone=zone, actor=actor, action="partner_removed", instance=action, changes={"partners": [name, None]}
    )
