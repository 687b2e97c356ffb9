"""Memberships: a person takes a seat in a body (for a period, a role, maybe an organisation) or ends it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.network.models import Organisation, Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Municipality, Zone

from ..models import Body, Membership, MembershipRole
from .common import _date, _full_clean, _same_zone, _today

MEMBERSHIP_FIELDS = [
    "person",
    "organisation",
    "role",
    "represents_sector",
    "represents_municipality",
    "start",
    "end",
]


def _membership_label(membership: Membership) -> str:
    label = _("%(person)s, %(role)s") % {
        "person": membership.person,
        "role": membership.get_role_display(),
    }
    if membership.organisation_id:
        label += " " + _("namens %(organisation)s") % {"organisation": membership.organisation}
    return label


def _overlapping(
    zone: Zone, body: Body, person: Person, role: str, start: dt.date | None, end: dt.date | None
) -> models.QuerySet[Membership]:
    """Memberships of this person with this role in this body whose period meets [start, end]."""
    qs = Membership.objects.for_zone(zone).filter(body=body, person=person, role=role)
    if end is not None:
        qs = qs.filter(Q(start__isnull=True) | Q(start__lte=end))
    if start is not None:
        qs = qs.filter(Q(end__isnull=True) | Q(end__gte=start))
    return qs


def _check_membership_parties(
    zone: Zone, person: Person | None, organisation: Organisation | None, municipality: Municipality | None
) -> None:
    if person is None:
        raise ServiceError({"person": _("Kies een persoon.")})
    _same_zone(zone, person, _("Deze persoon hoort niet bij deze eerstelijnszone."))
    if person.is_archived:
        raise ServiceError({"person": _("Deze persoon is gearchiveerd en kan geen mandaat opnemen.")})
    _same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze eerstelijnszone."))
    if municipality is not None and not zone.municipalities_on().filter(pk=municipality.pk).exists():
        raise ServiceError({"represents_municipality": _("Kies een gemeente van deze eerstelijnszone.")})


@transaction.atomic
def membership_add(*, zone: Zone, actor: Any, body: Body, data: dict[str, Any]) -> Membership:
    """A person takes a seat in the body, for a period, with a role, possibly for an organisation."""
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    person: Person | None = data.get("person")
    organisation: Organisation | None = data.get("organisation")
    _check_membership_parties(zone, person, organisation, data.get("represents_municipality"))
    assert person is not None
    role = data.get("role") or MembershipRole.MEMBER
    start: dt.date | None = data.get("start")
    end: dt.date | None = data.get("end")
    if start and end and end < start:
        raise ServiceError(
            {"end": _("Het mandaat eindigt vóór het begint: kies een einddatum na de begindatum.")}
        )
    # Lock the body so two simultaneous requests cannot both add the same seat.
    Body.objects.for_zone(zone).select_for_update().get(pk=body.pk)
    if _overlapping(zone, body, person, role, start, end).exists():
        raise ServiceError(
            _("%(person)s is in die periode al %(role)s van %(body)s.")
            % {"person": person, "role": MembershipRole(role).label, "body": body}
        )
    membership = Membership(
        zone=zone,
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        represents_sector=data.get("represents_sector"),
        represents_municipality=data.get("represents_municipality"),
        start=start,
        end=end,
    )
    _full_clean(membership)
    membership.save()
    _record_membership(zone, actor, "membership_added", membership, [None, _membership_label(membership)])
    return membership


def _record_membership(
    zone: Zone, actor: Any, action: str, membership: Membership, change: list[Any]
) -> None:
    changes = {
        "lidmaatschap": change,
        **audit.diff({}, audit.snapshot(membership, ["start", "end"])),
    }
    # On the body and on the person, so both histories tell the same story.
    audit.record(zone=zone, actor=actor, action=action, instance=membership.body, changes=changes)
    audit.record(zone=zone, actor=actor, action=action, instance=membership.person, changes=changes)


@transaction.atomic
def membership_end(
    *, zone: Zone, actor: Any, membership: Membership, day: dt.date | None = None
) -> Membership:
    """End a running mandate (today unless `day` is given)."""
    _same_zone(zone, membership, _("Dit lidmaatschap hoort niet bij deze eerstelijnszone."))
    day = _today(day)
    membership = Membership.objects.for_zone(zone).select_for_update().get(pk=membership.pk)
    if membership.end is not None and membership.end <= day:
        raise ServiceError(_("Dit mandaat is al beëindigd."))
    if membership.start is not None and membership.start > day:
        raise ServiceError(
            _("Dit mandaat begint pas op %(start)s; het kan niet eindigen vóór het begint.")
            % {"start": _date(membership.start)}
        )
    before = membership.end
    membership.end = day
    membership.save(update_fields=["end"])
    changes = {"lidmaatschap": [_membership_label(membership), None], "end": [_date(before), _date(day)]}
    audit.record(zone=zone, actor=actor, action="membership_ended", instance=membership.body, changes=changes)
    audit.record(
        zone=zone, actor=actor, action="membership_ended", instance=membership.person, changes=changes
    )
    return membership
