"""Saving a confirmed action plan through the planning app's services."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from .common import ImportFailed, _v
from .saver import _Saver


def _save_plan(saver: _Saver, data: dict[str, Any]) -> None:
    from zorgraad.planning import services as plan_services
    from zorgraad.planning.models import YearPlan

    zone, actor = saver.zone, saver.actor
    year = _v(data, "year")
    try:
        year = int(year)
    except (TypeError, ValueError) as exc:
        raise ImportFailed("Vul het jaar van het actieplan in.") from exc
    if YearPlan.objects.for_zone(zone).filter(year=year).exists():
        raise ImportFailed(f"Er bestaat al een actieplan voor {year} in deze zone.")
    plan = plan_services.plan_create(
        zone=zone, actor=actor, year=year, title=(_v(data, "title") or f"Acties {year}")[:200]
    )
    saver.add(plan)
    sds: dict[str, Any] = {}
    ods: dict[tuple[str, str], Any] = {}
    for s in data.get("strategic", []):
        sd = plan_services.objective_create(
            zone=zone, actor=actor, plan=plan, label=s["label"], text=s.get("text") or s["label"]
        )
        saver.add(sd)
        sds[s["label"]] = sd
        for o in s.get("operational", []):
            od = plan_services.operational_objective_create(
                zone=zone, actor=actor, strategic=sd, label=o["label"], text=o.get("text") or o["label"]
            )
            saver.add(od)
            ods[(s["label"], o["label"])] = od
    for a in data.get("actions", []):
        if a.get("skip"):
            continue
        parent = ods.get((a.get("sd_label", ""), a.get("od_label", "")))
        if parent is None:
            raise ImportFailed(f"Actie ‘{_v(a, 'title')}’ hangt niet onder een operationele doelstelling.")
        title = (_v(a, "title") or "").strip()[:300]
        if not title:
            raise ImportFailed("Elke actie heeft een titel nodig.")
        lead_kind = a.get("lead_kind", "zone")
        lead_text = (a.get("lead_text") or "").strip()
        lead_org = None
        if lead_kind == "organisation":
            # A short name is the organisation (matched or added); a sentence is a partnership.
            if lead_text and len(lead_text.split()) <= 8 and not lead_text.rstrip(".").count("."):
                lead_org = saver.organisation(lead_text.rstrip(". "), a.get("lead_organisation_id"))
            else:
                lead_kind = "consortium"
        action = plan_services.action_create(
            zone=zone,
            actor=actor,
            objective=parent,
            title=title,
            lead_organisation=lead_org,
            description=a.get("description", ""),
            scope_do=a.get("scope_do", []),
            scope_dont=a.get("scope_dont", []),
            why=a.get("why", ""),
            target_text=a.get("target_text", ""),
            lead_kind=lead_kind,
            lead_text=lead_text,
            zone_role=a.get("zone_role", "trekker"),
            zone_role_text=a.get("zone_role_text", ""),
            partners_text=a.get("partners_text", ""),
            evaluates_process=bool(a.get("evaluates_process")),
            evaluates_output=bool(a.get("evaluates_output")),
        )
        saver.add(action)
        for step in a.get("steps", []):
            saver.add(
                plan_services.step_create(
                    zone=zone,
                    actor=actor,
                    action=action,
                    text=step["text"],
                    number=(step.get("number") or "")[:10],
                    condition=step.get("condition", ""),
                    due_text=(step.get("due_text") or "")[:80],
                )
            )
        for p in a.get("process_items", []):
            saver.add(
                plan_services.process_item_create(
                    zone=zone,
                    actor=actor,
                    action=action,
                    text=p["text"],
                    group=(p.get("group") or "")[:120],
                    kind=p.get("kind", "statement"),
                )
            )
        for ind in a.get("indicators", []):
            target = ind.get("target") or {}
            extra: dict[str, Any] = {}
            if target.get("comparator"):
                extra = {
                    "comparator": target["comparator"],
                    "target": _decimal(target.get("number")),
                    "target_max": _decimal(target.get("number_max")),
                    "unit": (target.get("unit") or "")[:60],
                    "scope": target.get("scope") or "period",
                    "target_text": (target.get("text") or "")[:200],
                }
                per = (target.get("per") or "")[:60]
                if extra["scope"] == "instance":
                    extra["instance_label"] = per
                elif per:
                    extra["period_label"] = per
            saver.add(
                plan_services.indicator_create(
                    zone=zone,
                    actor=actor,
                    action=action,
                    name=ind["name"][:300],
                    group=(ind.get("group") or "")[:120],
                    kind=ind.get("kind", "number"),
                    **extra,
                )
            )
    saver.result.summary.append(f"Actieplan {year}")


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
