"""Mandate renewal: a call for candidates, candidacies, and the decision that makes the new mandates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.network.models import Organisation, Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import Body, Candidacy, MandateCall, Membership, MembershipRole
from .common import _date, _full_clean, _same_zone, _today
from .memberships import _check_membership_parties, _membership_label, _overlapping, _record_membership

MANDATE_CALL_FIELDS = ["title", "description", "seats", "deadline", "mandate_start", "mandate_end"]


@transaction.atomic
def mandate_call_open(
    *, zone: Zone, actor: Any, body: Body, data: dict[str, Any], today: dt.date | None = None
) -> MandateCall:
    """Open a call for candidates: until `deadline`; the new mandates start on `mandate_start`."""
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    today = _today(today)
    cleaned = {f: data[f] for f in MANDATE_CALL_FIELDS if f in data}
    cleaned["title"] = (cleaned.get("title") or "").strip()
    errors: dict[str, str] = {}
    deadline: dt.date | None = cleaned.get("deadline")
    start: dt.date | None = cleaned.get("mandate_start")
    end: dt.date | None = cleaned.get("mandate_end")
    if (cleaned.get("seats") or 0) < 1:
        errors["seats"] = _("Er moet minstens één mandaat te begeven zijn.")
    if deadline and deadline < today:
        errors["deadline"] = _("De termijn voor kandidaturen kan niet in het verleden liggen.")
    if deadline and start and deadline >= start:
        errors["deadline"] = _("De termijn voor kandidaturen moet aflopen vóór de nieuwe mandaten starten.")
    if start and end and end < start:
        errors["mandate_end"] = _("De nieuwe mandaten kunnen niet eindigen vóór ze starten.")
    if errors:
        raise ServiceError(errors)
    call = MandateCall(zone=zone, body=body, status=MandateCall.Status.OPEN, **cleaned)
    _full_clean(call)
    call.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=call,
        changes=audit.diff({}, audit.snapshot(call, MANDATE_CALL_FIELDS)),
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="mandate_call_opened",
        instance=body,
        changes={"oproep": [None, call.title]},
    )
    return call


@transaction.atomic
def candidacy_submit(
    *, zone: Zone, actor: Any, call: MandateCall, data: dict[str, Any], today: dt.date | None = None
) -> Candidacy:
    """Register a candidate for an open call, up to and including its deadline."""
    _same_zone(zone, call, _("Deze oproep hoort niet bij deze eerstelijnszone."))
    call = MandateCall.objects.for_zone(zone).select_for_update().get(pk=call.pk)
    if call.status == MandateCall.Status.DECIDED:
        raise ServiceError(_("Over deze oproep is al beslist; er kunnen geen kandidaturen meer bij."))
    if _today(today) > call.deadline:
        raise ServiceError(_("De termijn voor kandidaturen is verstreken."))
    person: Person | None = data.get("person")
    organisation: Organisation | None = data.get("organisation")
    _check_membership_parties(zone, person, organisation, None)
    assert person is not None
    if Candidacy.objects.for_zone(zone).filter(call=call, person=person).exists():
        raise ServiceError({"person": _("%(person)s is al kandidaat voor deze oproep.") % {"person": person}})
    candidacy = Candidacy(
        zone=zone,
        call=call,
        person=person,
        organisation=organisation,
        role=data.get("role") or MembershipRole.MEMBER,
        motivation=(data.get("motivation") or "").strip(),
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _full_clean(candidacy, exclude=["submitted_by"])
    try:
        with transaction.atomic():
            candidacy.save()
    except IntegrityError as exc:  # the same person submitted at the same moment
        raise ServiceError(
            {"person": _("%(person)s is al kandidaat voor deze oproep.") % {"person": person}}
        ) from exc
    audit.record(
        zone=zone,
        actor=actor,
        action="candidacy_submitted",
        instance=call,
        changes={"kandidaat": [None, f"{person} ({candidacy.get_role_display()})"]},
    )
    return candidacy


@transaction.atomic
def mandate_call_decide(
    *, zone: Zone, actor: Any, call: MandateCall, accepted: Iterable[Candidacy], end_current: bool = False
) -> MandateCall:
    """Decide a call: the chosen candidacies become mandates from `mandate_start`, the others are not kept.

    With `end_current`, running mandates of the same role(s) that last beyond `mandate_start` end the day
    before it. Deciding a call twice changes nothing and says so.
    """
    _same_zone(zone, call, _("Deze oproep hoort niet bij deze eerstelijnszone."))
    call = MandateCall.objects.for_zone(zone).select_for_update().select_related("body").get(pk=call.pk)
    if call.status == MandateCall.Status.DECIDED:
        raise ServiceError(_("Over deze oproep is al beslist; er is niets gewijzigd."))
    candidacies = list(
        Candidacy.objects.for_zone(zone).filter(call=call).select_related("person", "organisation")
    )
    by_pk = {c.pk: c for c in candidacies}
    chosen_pks = {c.pk for c in accepted}
    if any(pk not in by_pk for pk in chosen_pks):
        raise ServiceError(_("Kies enkel kandidaten van deze oproep."))
    if len(chosen_pks) > call.seats:
        raise ServiceError(
            _("Je koos %(chosen)s kandidaten, maar er zijn maar %(seats)s mandaten te begeven.")
            % {"chosen": len(chosen_pks), "seats": call.seats}
        )
    chosen = [c for c in candidacies if c.pk in chosen_pks]
    body = call.body
    start = call.mandate_start
    day_before = start - dt.timedelta(days=1)
    ended: list[Membership] = []
    if end_current and chosen:
        running = (
            Membership.objects.for_zone(zone)
            .select_for_update(of=("self",))
            .filter(body=body, role__in={c.role for c in chosen})
            .filter(Q(end__isnull=True) | Q(end__gte=start))
            .filter(Q(start__isnull=True) | Q(start__lt=start))
            .select_related("person", "organisation", "body")
        )
        for membership in running:
            before = membership.end
            membership.end = day_before
            membership.save(update_fields=["end"])
            ended.append(membership)
            _record_membership(
                zone,
                actor,
                "membership_ended",
                membership,
                [_membership_label(membership), None],
            )
            audit.record(
                zone=zone,
                actor=actor,
                action="membership_ended",
                instance=call,
                changes={
                    "lopend mandaat": [_membership_label(membership), None],
                    "end": [_date(before), _date(day_before)],
                },
            )
    for candidacy in chosen:
        if _overlapping(zone, body, candidacy.person, candidacy.role, start, call.mandate_end).exists():
            raise ServiceError(
                _(
                    "%(person)s is op %(start)s nog %(role)s van %(body)s. Vink ‘lopende mandaten beëindigen’ "
                    "aan of beëindig dat mandaat eerst."
                )
                % {
                    "person": candidacy.person,
                    "start": _date(start),
                    "role": candidacy.get_role_display(),
                    "body": body,
                }
            )
        membership = Membership(
            zone=zone,
            body=body,
            person=candidacy.person,
            organisation=candidacy.organisation,
            role=candidacy.role,
            start=start,
            end=call.mandate_end,
        )
        _full_clean(membership)
        membership.save()
        _record_membership(zone, actor, "membership_added", membership, [None, _membership_label(membership)])
    for candidacy in candidacies:
        candidacy.status = (
            Candidacy.Status.ACCEPTED if candidacy.pk in chosen_pks else Candidacy.Status.REJECTED
        )
        candidacy.save(update_fields=["status"])
    call.status = MandateCall.Status.DECIDED
    call.decided_at = timezone.now()
    call.save(update_fields=["status", "decided_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="mandate_call_decided",
        instance=call,
        changes={
            "status": [str(MandateCall.Status.OPEN.label), str(MandateCall.Status.DECIDED.label)],
            "aanvaard": [None, sorted(str(c.person) for c in chosen)],
            "lopende mandaten beëindigd": [None, len(ended)],
        },
    )
    return call
