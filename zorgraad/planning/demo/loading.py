"""Loading the demo plan: the counted meetings, the plan with its chapters, objectives and actions."""

from __future__ import annotations

from typing import Any

from .. import services
from .actions import _actions
from .structure import CHAPTERS, MEETINGS, SDS, SLUG, YEAR


def _meetings(zone: Any, bodies: dict[str, Any]) -> None:
    """The 2025 meetings the plan counts, held, with the body's members present (once)."""
    from zorgraad.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus

    for slug, days in MEETINGS.items():
        body = bodies.get(slug)
        if body is None or Meeting.objects.for_zone(zone).filter(body=body, date__year=YEAR).exists():
            continue
        members = list(body.memberships.select_related("person").order_by("pk"))
        for day in days:
            meeting = Meeting.objects.create(
                zone=zone,
                body=body,
                date=day,
                start_time=body.default_start,
                end_time=body.default_end,
                status=MeetingStatus.HELD,
            )
            seen: set[int] = set()
            rows = []
            for m in members:
                if m.person_id in seen:
                    continue
                seen.add(m.person_id)
                rows.append(
                    Attendance(
                        zone=zone,
                        meeting=meeting,
                        person_id=m.person_id,
                        organisation_id=m.organisation_id,
                        status=AttendanceStatus.PRESENT,
                    )
                )
            Attendance.objects.bulk_create(rows)


def load(zones: dict[str, Any]) -> None:
    from zorgraad.governance import demo as governance_demo
    from zorgraad.governance.models import Body
    from zorgraad.network.models import Organisation, TargetGroup

    from ..models import YearPlan

    zone = zones.get(SLUG)
    if zone is None or YearPlan.objects.for_zone(zone).filter(year=YEAR).exists():
        return
    bodies = {
        b.slug: b for b in Body.objects.for_zone(zone).filter(slug__in=list(MEETINGS) + ["klankbordgroep"])
    }
    _meetings(zone, bodies)
    orgs: dict[str, Any] = {}
    for key in governance_demo.ORGANISATIONS.get(SLUG, {}):
        orgs[key] = governance_demo.organisation(zone, key)
    artsenkring = Organisation.objects.for_zone(zone).filter(name__iexact="Artsenkring Zennevallei").first()
    orgs["artsenkring"] = artsenkring or Organisation.objects.create(
        zone=zone, name="Artsenkring Zennevallei", city="Halle", postal_code="1500"
    )
    groups = {g.slug: g for g in TargetGroup.objects.all()}

    mp = services.multi_year_plan_create(
        zone=zone, actor=None, title="Beleidsplan Zorgraad Zennevallei", start_year=2021, end_year=2026
    )
    plan = services.plan_create(
        zone=zone, actor=None, year=YEAR, title="Acties 2025", multi_year_plan=mp, status="approved"
    )
    made: dict[str, Any] = {}
    for order, (kind, title, text, items, total, parent) in enumerate(CHAPTERS):
        made[title] = services.chapter_create(
            zone=zone,
            actor=None,
            plan=plan,
            kind=kind,
            title=title,
            text=text,
            items=items,
            time_total_percent=total,
            parent=made.get(parent) if parent else None,
            order=order,
        )
    specs = _actions(orgs, bodies)
    for sd_label, sd_text, ods in SDS:
        sd = services.objective_create(zone=zone, actor=None, plan=plan, label=sd_label, text=sd_text)
        for od_label, od_text, keys in ods:
            od = services.operational_objective_create(
                zone=zone, actor=None, strategic=sd, label=od_label, text=od_text
            )
            for key in keys:
                _action(zone, od, specs[key], orgs, bodies, groups)


def _action(
    zone: Any,
    od: Any,
    spec: dict[str, Any],
    orgs: dict[str, Any],
    bodies: dict[str, Any],
    groups: dict[str, Any],
) -> None:
    fields = {
        k: spec[k]
        for k in (
            "description",
            "scope_do",
            "scope_dont",
            "why",
            "why_environment_analysis",
            "why_local_policy",
            "why_flemish_objectives",
            "target_text",
            "lead_kind",
            "lead_text",
            "zone_role",
            "zone_role_text",
            "partners_text",
        )
        if k in spec
    }
    if spec.get("lead_org"):
        fields["lead_organisation"] = orgs[spec["lead_org"]]
    action = services.action_create(
        zone=zone,
        actor=None,
        objective=od,
        title=spec["title"],
        target_groups=[groups[g] for g in spec.get("target_groups", []) if g in groups],
        bodies=[bodies[b] for b in spec.get("bodies", []) if b in bodies],
        partners=[(orgs[k], group) for k, group in spec.get("partners", []) if k in orgs],
        **fields,
    )
    for row in spec.get("steps", []):
        number, text, milestone, due, status, *rest = row
        due_text = rest[0] if rest else ""
        condition = rest[1] if len(rest) > 1 else ""
        services.step_create(
            zone=zone,
            actor=None,
            action=action,
            number=number,
            text=text,
            is_milestone=milestone,
            due_date=due,
            status=status,
            due_text=due_text,
            condition=condition,
        )
    for row in spec.get("process", []):
        group, kind, text, done, *rest = row
        services.process_item_create(
            zone=zone,
            actor=None,
            action=action,
            group=group,
            kind=kind,
            text=text,
            done=done,
            count=rest[0] if rest else None,
        )
    for ind in spec.get("indicators", []):
        values = ind.pop("values", [])
        texts = ind.pop("texts", [])
        indicator = services.indicator_create(zone=zone, actor=None, action=action, **ind)
        for day, value in values:
            services.indicator_value_add(zone=zone, actor=None, indicator=indicator, date=day, value=value)
        for day, text in texts:
            services.indicator_value_add(zone=zone, actor=None, indicator=indicator, date=day, text=text)
