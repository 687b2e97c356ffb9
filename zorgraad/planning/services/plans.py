"""Multi-year plans, year plans (one per year and zone) and their chapters."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone

from ..models import ChapterKind, MultiYearPlan, PlanChapter, YearPlan
from .common import OTHER_ZONE, _apply, _full_clean, _snap


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
