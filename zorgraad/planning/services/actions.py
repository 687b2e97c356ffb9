"""Actions under an operational objective, their links and their partner organisations."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone

from ..models import Action, ActionPartner, LeadKind, OperationalObjective, ZoneRole
from .common import ACTION_FIELDS, ACTION_M2M, OTHER_ZONE, _apply, _full_clean, _next_order, _snap


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
