"""Writes of signal ambassadors (signaalambassadeurs): add, edit and end the role.

The role sits on an affiliation (a person at an organisation) of the zone. Every write checks that
the affiliation and the training event belong to the zone (another zone's id gets a Dutch error),
that the end is not before the start, that the person does not already hold the role at that
organisation in an overlapping period, runs in one transaction and leaves an audit entry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone
from zorgraad.zones.models import Zone

from ..models import SignalAmbassador
from . import _text

NOTE_MAX = 2_000
FIELDS = ["trained_on", "training_event", "active_from", "active_to", "note"]
END_BEFORE_START = _("De einddatum ligt vóór de begindatum: kies een datum op of na %(start)s.")


def _snapshot(ambassador: SignalAmbassador) -> dict[str, Any]:
    return audit.snapshot(ambassador, ["affiliation", *FIELDS])


def _clean(zone: Zone, data: dict[str, Any], *, affiliation: Any) -> dict[str, Any]:
    """The ambassador's fields checked, or a ServiceError with a Dutch message per field."""
    errors: dict[str, list[str]] = {}
    values = {k: data.get(k) for k in FIELDS}
    values["note"] = _text(data.get("note"), "note", limit=NOTE_MAX, errors=errors)
    today = timezone.localdate()
    start, end, trained = values["active_from"], values["active_to"], values["trained_on"]
    for field, day in (("active_from", start), ("active_to", end), ("trained_on", trained)):
        if day is not None and not isinstance(day, dt.date):
            errors.setdefault(field, []).append(_("Geef een datum als 27/11/2025."))
    if errors:
        raise ServiceError(errors)
    if start is None:
        errors.setdefault("active_from", []).append(_("Vanaf wanneer is deze persoon signaalambassadeur?"))
    if start is not None and end is not None and end < start:
        errors.setdefault("active_to", []).append(END_BEFORE_START % {"start": start.strftime("%d/%m/%Y")})
    if trained is not None and trained > today:
        errors.setdefault("trained_on", []).append(
            _("Deze datum ligt in de toekomst: vul de opleidingsdatum in nadat de vorming gevolgd is.")
        )
    if start is not None and affiliation.end is not None and start > affiliation.end:
        errors.setdefault("active_from", []).append(
            _("%(person)s werkt sinds %(end)s niet meer bij %(org)s.")
            % {
                "person": affiliation.person,
                "end": affiliation.end.strftime("%d/%m/%Y"),
                "org": affiliation.organisation,
            }
        )
    if errors:
        raise ServiceError(errors)
    same_zone(
        zone, values["training_event"], _("Kies een activiteit van deze eerstelijnszone."), "training_event"
    )
    return values


def _refuse_overlap(zone: Zone, affiliation: Any, values: dict[str, Any], exclude: int | None = None) -> None:
    """One role per affiliation at a time: refuse a period that overlaps another."""
    start, end = values["active_from"], values["active_to"]
    others = SignalAmbassador.objects.for_zone(zone).filter(affiliation=affiliation)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if end is not None:
        others = others.filter(active_from__lte=end)
    overlapping = [o for o in others if o.active_to is None or o.active_to >= start]
    if overlapping:
        raise ServiceError(
            {
                "affiliation": _(
                    "%(person)s is in die periode al signaalambassadeur bij %(org)s. "
                    "Pas die rol aan of beëindig hem eerst."
                )
                % {"person": affiliation.person, "org": affiliation.organisation}
            }
        )


def _save(ambassador: SignalAmbassador) -> None:
    # the constraints are the last guard against two requests at the same moment
    try:
        with transaction.atomic():
            ambassador.save()
    except IntegrityError as exc:
        raise ServiceError(
            _(
                "Deze persoon is al signaalambassadeur bij deze organisatie, of de einddatum ligt vóór de begindatum."
            )
        ) from exc


@transaction.atomic
def ambassador_create(*, zone: Zone, actor: Any, affiliation: Any, data: dict[str, Any]) -> SignalAmbassador:
    """Make the person at this organisation a signal ambassador."""
    from zorgraad.network.models import Affiliation

    if affiliation is None:
        raise ServiceError(
            {"affiliation": _("Kies bij welke organisatie deze persoon signaalambassadeur is.")}
        )
    same_zone(
        zone, affiliation, _("Kies een persoon en organisatie van deze eerstelijnszone."), "affiliation"
    )
    affiliation = (
        Affiliation.objects.for_zone(zone).select_related("person", "organisation").get(pk=affiliation.pk)
    )
    if affiliation.person.is_archived:
        raise ServiceError({"affiliation": _("Deze persoon is gearchiveerd.")})
    values = _clean(zone, data, affiliation=affiliation)
    _refuse_overlap(zone, affiliation, values)
    ambassador = SignalAmbassador(
        zone=zone,
        affiliation=affiliation,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    _save(ambassador)
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=ambassador,
        changes=audit.diff({}, _snapshot(ambassador)),
    )
    return ambassador


def _locked(zone: Zone, ambassador: SignalAmbassador) -> SignalAmbassador:
    same_zone(zone, ambassador, _("Deze signaalambassadeur hoort niet bij deze eerstelijnszone."))
    return (
        SignalAmbassador.objects.for_zone(zone)
        .select_for_update()
        .select_related("affiliation__person", "affiliation__organisation")
        .get(pk=ambassador.pk)
    )


@transaction.atomic
def ambassador_update(
    *, zone: Zone, actor: Any, ambassador: SignalAmbassador, data: dict[str, Any]
) -> SignalAmbassador:
    """Change the training, the period or the note (the affiliation stays: end the role and add a new one)."""
    stored = _locked(zone, ambassador)
    before = _snapshot(stored)
    merged = {f: getattr(stored, f) for f in FIELDS}
    merged.update({k: v for k, v in data.items() if k in FIELDS})
    values = _clean(zone, merged, affiliation=stored.affiliation)
    _refuse_overlap(zone, stored.affiliation, values, exclude=stored.pk)
    for field, value in values.items():
        setattr(stored, field, value)
    _save(stored)
    changes = audit.diff(before, _snapshot(stored))
    if changes:
        audit.record(zone=zone, actor=actor, action="updated", instance=stored, changes=changes)
    return stored


@transaction.atomic
def ambassador_end(
    *, zone: Zone, actor: Any, ambassador: SignalAmbassador, on: dt.date | None = None
) -> SignalAmbassador:
    """End the role: `on` (default today) is the last day. The role stays in the history, and the
    signals collected before still count as collected by the ambassador."""
    stored = _locked(zone, ambassador)
    day = on or timezone.localdate()
    today = timezone.localdate()
    if stored.active_to is not None and stored.active_to <= today:
        raise ServiceError(
            _("%(who)s is sinds %(end)s geen signaalambassadeur meer.")
            % {"who": stored.affiliation.person, "end": stored.active_to.strftime("%d/%m/%Y")}
        )
    if day < stored.active_from:
        raise ServiceError(
            {"active_to": END_BEFORE_START % {"start": stored.active_from.strftime("%d/%m/%Y")}}
        )
    before = _snapshot(stored)
    stored.active_to = day
    _save(stored)
    audit.record(
        zone=zone,
        actor=actor,
        action="ambassador_ended",
        instance=stored,
        changes=audit.diff(before, _snapshot(stored)),
    )
    return stored
