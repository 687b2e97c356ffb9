"""Writes for partners' proposals to change their organisation's offers: submit, accept, reject.

A proposal never changes the social map by itself; staff accept it (the offer service applies it,
with an audit entry that names the partner) or reject it with a reason. The partner gets a mail
with the outcome.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.zones.models import Zone

from .. import tasks
from ..models import Offer, OfferProposal, Organisation, Person, ProposalStatus, TargetGroup, Theme
from ..selectors import proposals as selectors
from .directory import ServiceError, offer_create, offer_update


def proposal_actor_label(proposal: OfferProposal) -> str:
    """Stored on the offer's audit entry: whose proposal the staff member accepted."""
    return f"voorstel van {proposal.proposer_name} (partner)"


def _stored(data: dict[str, Any]) -> dict[str, Any]:
    """Form values as a proposal stores them: text stripped, lists as sorted ids."""
    values: dict[str, Any] = {}
    for name in selectors.TEXT_FIELDS:
        if name in data:
            values[name] = (data[name] or "").strip()
    for name in selectors.LIST_FIELDS:
        if name in data:
            values[name] = sorted(o.pk for o in data[name] or [])
    return values


def _proposer(*, zone: Zone, user: Any, organisation: Organisation) -> tuple[Person | None, str, str]:
    """The user's person record (one working at `organisation` first), name and address to mail."""
    people = list(Person.objects.for_zone(zone).filter(user=user, is_archived=False).order_by("pk"))
    working = {a.person_id for a in organisation.affiliations.filter(person__in=people)}
    person = next((p for p in people if p.pk in working), people[0] if people else None)
    name = person.full_name if person is not None else ""
    return person, (name or str(user)), (user.email or (person.email if person else ""))


@transaction.atomic
def offer_proposal_submit(
    *,
    zone: Zone,
    actor: Any,
    organisation: Organisation,
    offer: Offer | None,
    data: dict[str, Any],
    note: str = "",
) -> OfferProposal:
    """Store what the partner proposes for `offer` (or a new offer of `organisation`)."""
    if organisation.zone_id != zone.pk or (offer is not None and offer.organisation_id != organisation.pk):
        raise ServiceError(_("Dit aanbod hoort niet bij jouw organisatie."))
    if organisation.is_archived:
        raise ServiceError(_("Deze organisatie is gearchiveerd; voorstellen zijn niet meer mogelijk."))
    proposed = _stored(data)
    note = note.strip()
    if offer is None:
        before: dict[str, Any] = {}
        changes = {k: v for k, v in proposed.items() if v not in ("", [])}
    else:
        offer = Offer.objects.for_zone(zone).select_for_update().get(pk=offer.pk)
        if offer.is_archived:
            raise ServiceError(_("Dit aanbod is intussen gearchiveerd; voorstellen zijn niet meer mogelijk."))
        before = selectors.offer_values(offer)
        changes = {k: v for k, v in proposed.items() if v != before.get(k)}
        if not changes:
            raise ServiceError(
                _("Je hebt niets gewijzigd. Pas aan wat niet meer klopt en stuur dan je voorstel.")
            )
        if OfferProposal.objects.for_zone(zone).filter(offer=offer, status=ProposalStatus.PENDING).exists():
            raise ServiceError(
                _(
                    "Voor dit aanbod wacht al een voorstel op de zone. Wacht tot de medewerkers het bekeken hebben."
                )
            )
    person, name, email = _proposer(zone=zone, user=actor, organisation=organisation)
    try:
        with transaction.atomic():
            proposal = OfferProposal.objects.create(
                zone=zone,
                organisation=organisation,
                offer=offer,
                is_new=offer is None,
                proposed_by=actor,
                proposer=person,
                proposer_name=name[:200],
                proposer_email=email,
                changes=changes,
                before={k: before[k] for k in changes if k in before},
                note=note,
            )
    except IntegrityError as exc:  # a second proposal for the same offer at the same moment
        raise ServiceError(_("Voor dit aanbod wacht al een voorstel op de zone.")) from exc
    audit.record(
        zone=zone,
        actor=actor,
        action="proposal_submitted",
        instance=proposal,
        changes={"offer": [None, changes.get("title") or (offer.title if offer else "")]},
    )
    return proposal


def _locked_pending(*, zone: Zone, proposal: OfferProposal) -> OfferProposal:
    locked = (
        OfferProposal.objects.for_zone(zone)
        .select_for_update(of=("self",))  # PostgreSQL locks no nullable side of an outer join
        .select_related("organisation", "offer")
        .filter(pk=proposal.pk)
        .first()
    )
    if locked is None:
        raise ServiceError(_("Dit voorstel bestaat niet (meer)."))
    if locked.status != ProposalStatus.PENDING:
        raise ServiceError(_("Over dit voorstel werd al beslist."))
    return locked


def _offer_data(*, zone: Zone, changes: dict[str, Any]) -> dict[str, Any]:
    """The proposal's values as the offer service takes them (objects for the lists)."""
    data: dict[str, Any] = {k: v for k, v in changes.items() if k in selectors.TEXT_FIELDS}
    kinds = {
        "target_groups": TargetGroup.objects.all(),
        "themes": Theme.objects.all(),
        "municipalities": zone.municipalities_on(),
    }
    for name, qs in kinds.items():
        if name in changes:
            data[name] = list(qs.filter(pk__in=changes[name]))
    return data


def _mail_outcome(zone: Zone, proposal: OfferProposal) -> None:
    if proposal.proposer_email:
        transaction.on_commit(partial(tasks.offer_proposal_outcome_mail.enqueue, zone.pk, proposal.pk))


@transaction.atomic
def offer_proposal_accept(*, zone: Zone, actor: Any, proposal: OfferProposal) -> OfferProposal:
    """Apply the proposal through the offer service; the offer's history names the partner."""
    proposal = _locked_pending(zone=zone, proposal=proposal)
    data = _offer_data(zone=zone, changes=proposal.changes)
    label = proposal_actor_label(proposal)
    if proposal.is_new:
        offer = offer_create(
            zone=zone, actor=actor, organisation=proposal.organisation, data=data, actor_label=label
        )
    else:
        offer = Offer.objects.for_zone(zone).select_for_update().get(pk=proposal.offer_id)
        if offer.is_archived:
            raise ServiceError(_("Dit aanbod werd intussen gearchiveerd. Weiger het voorstel met die reden."))
        offer = offer_update(zone=zone, actor=actor, offer=offer, data=data, actor_label=label)
    proposal.offer = offer
    proposal.status = ProposalStatus.ACCEPTED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["offer", "status", "decided_by", "decided_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="proposal_accepted",
        instance=proposal,
        changes={"status": [str(ProposalStatus.PENDING), str(ProposalStatus.ACCEPTED)]},
    )
    _mail_outcome(zone, proposal)
    return proposal


@transaction.atomic
def offer_proposal_reject(*, zone: Zone, actor: Any, proposal: OfferProposal, reason: str) -> OfferProposal:
    """Close the proposal without changing the offer; the partner is mailed the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            {
                "reason": _(
                    "Schrijf kort waarom het voorstel niet aanvaard wordt; de partner krijgt die uitleg."
                )
            }
        )
    proposal = _locked_pending(zone=zone, proposal=proposal)
    proposal.status = ProposalStatus.REJECTED
    proposal.reason = reason
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="proposal_rejected",
        instance=proposal,
        changes={
            "status": [str(ProposalStatus.PENDING), str(ProposalStatus.REJECTED)],
            "reason": [None, reason],
        },
    )
    _mail_outcome(zone, proposal)
    return proposal


def offer_proposal_outcome_deliver(*, zone_id: int, proposal_id: int) -> str:
    """Task body: mail the partner whether their proposal was accepted, or why not."""
    from .. import mail

    zone = Zone.objects.get(pk=zone_id)
    proposal = (
        OfferProposal.objects.for_zone(zone)
        .select_related("zone", "organisation", "offer")
        .filter(pk=proposal_id)
        .exclude(status=ProposalStatus.PENDING)
        .first()
    )
    if proposal is None or not proposal.proposer_email:
        return "skipped"
    mail.offer_proposal_outcome_message(proposal=proposal).send()
    return "sent"
