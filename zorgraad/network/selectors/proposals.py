"""Reads for partners' proposals to change their organisation's offers, and for staff who decide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zorgraad.zones.models import Municipality, Zone

from ..models import Affiliation, Offer, OfferProposal, Organisation, ProposalStatus, TargetGroup, Theme

TEXT_FIELDS = ["title", "description", "how_to_refer", "contact_email", "contact_phone", "website"]
LIST_FIELDS = ["target_groups", "themes", "municipalities"]
FIELDS = [*TEXT_FIELDS, *LIST_FIELDS]
RECENT_OUTCOMES = 10


# --- the partner's side -------------------------------------------------------------------------


def own_organisations(*, zone: Zone, user: Any) -> QuerySet[Organisation]:
    """Active organisations of the zone where one of the user's people currently works."""
    today = timezone.localdate()
    affiliated = (
        Affiliation.objects.for_zone(zone)
        .filter(person__user=user, person__is_archived=False)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .values("organisation_id")
    )
    return Organisation.objects.for_zone(zone).filter(is_archived=False, pk__in=affiliated).order_by("name")


def own_organisation_get(*, zone: Zone, user: Any, pk: int) -> Organisation:
    """One of the user's organisations, or 404 (another organisation, another zone, archived)."""
    return get_object_or_404(own_organisations(zone=zone, user=user), pk=pk)


def own_offer_get(*, zone: Zone, user: Any, pk: int) -> Offer:
    """A live offer of one of the user's organisations, or 404."""
    return get_object_or_404(
        Offer.objects.for_zone(zone)
        .filter(is_archived=False, organisation__in=own_organisations(zone=zone, user=user))
        .select_related("organisation")
        .prefetch_related("target_groups", "themes", "municipalities"),
        pk=pk,
    )


def own_offers_overview(*, zone: Zone, user: Any) -> list[Organisation]:
    """The user's organisations with `live_offers` and `recent_proposals` (pending first)."""
    offers = (
        Offer.objects.for_zone(zone)
        .filter(is_archived=False)
        .prefetch_related("target_groups", "themes", "municipalities")
        .order_by("title")
    )
    proposals = OfferProposal.objects.for_zone(zone).select_related("offer").order_by("-created_at", "-id")
    organisations: list[Organisation] = list(
        own_organisations(zone=zone, user=user).prefetch_related(
            Prefetch("offers", queryset=offers, to_attr="live_offers"),
            Prefetch("offer_proposals", queryset=proposals, to_attr="all_proposals"),
        )
    )
    for org in organisations:
        pending = {p.offer_id for p in org.all_proposals if p.status == ProposalStatus.PENDING}  # type: ignore[attr-defined]
        for offer in org.live_offers:  # type: ignore[attr-defined]
            offer.has_pending_proposal = offer.pk in pending
        org.recent_proposals = org.all_proposals[:RECENT_OUTCOMES]  # type: ignore[attr-defined]
    return organisations


# --- values and differences ---------------------------------------------------------------------


def offer_values(offer: Offer) -> dict[str, Any]:
    """The proposable values of an offer as stored on a proposal (lists as sorted ids)."""
    values: dict[str, Any] = {f: getattr(offer, f) for f in TEXT_FIELDS}
    for name in LIST_FIELDS:
        values[name] = sorted(o.pk for o in getattr(offer, name).all())
    return values


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str
    outdated: bool  # the offer changed since the proposal: `before` is what it is now


def _names(ids: list[int], lookup: dict[str, dict[int, str]], kind: str) -> str:
    names = sorted(lookup[kind].get(i, "?") for i in ids)
    return ", ".join(names) if names else "–"


def _labels() -> dict[str, str]:
    return {f: str(getattr(Offer._meta.get_field(f), "verbose_name", f)) for f in FIELDS}


def attach_changes(proposals: list[OfferProposal]) -> list[OfferProposal]:
    """Give each proposal `change_rows`: old → new per changed field, names for ids.

    The old value is the offer's value now (what accepting replaces), so it is read from offers
    loaded with their lists; one query per kind of name for the whole page.
    """
    ids: dict[str, set[int]] = {name: set() for name in LIST_FIELDS}
    for p in proposals:
        for name in LIST_FIELDS:
            ids[name].update(p.changes.get(name) or [])
            ids[name].update(p.before.get(name) or [])
    models_by_kind = {"target_groups": TargetGroup, "themes": Theme, "municipalities": Municipality}
    lookup: dict[str, dict[int, str]] = {
        name: dict(models_by_kind[name].objects.filter(pk__in=ids[name]).values_list("pk", "name"))  # type: ignore[attr-defined]
        if ids[name]
        else {}
        for name in LIST_FIELDS
    }
    labels = _labels()
    for p in proposals:
        pending = p.status == ProposalStatus.PENDING
        current = offer_values(p.offer) if pending and p.offer is not None and not p.is_new else {}
        rows = []
        for name in FIELDS:
            if name not in p.changes:
                continue
            now = current.get(name, p.before.get(name, [] if name in LIST_FIELDS else ""))
            new = p.changes[name]
            outdated = bool(current) and name in p.before and p.before[name] != current.get(name)
            if name in LIST_FIELDS:
                rows.append(
                    ChangeRow(labels[name], _names(now, lookup, name), _names(new, lookup, name), outdated)
                )
            else:
                rows.append(ChangeRow(labels[name], now or "–", new or "–", outdated))
        p.change_rows = rows  # type: ignore[attr-defined]
    return proposals


# --- the staff's side ---------------------------------------------------------------------------


def _with_offer(qs: QuerySet[OfferProposal]) -> QuerySet[OfferProposal]:
    return qs.select_related("organisation", "offer", "decided_by").prefetch_related(
        "offer__target_groups", "offer__themes", "offer__municipalities"
    )


def pending_proposals(*, zone: Zone) -> list[OfferProposal]:
    qs = (
        OfferProposal.objects.for_zone(zone)
        .filter(status=ProposalStatus.PENDING)
        .order_by("created_at", "id")
    )
    return attach_changes(list(_with_offer(qs)))


def pending_count(*, zone: Zone) -> int:
    return OfferProposal.objects.for_zone(zone).filter(status=ProposalStatus.PENDING).count()


def recent_decisions(*, zone: Zone, limit: int = RECENT_OUTCOMES) -> list[OfferProposal]:
    qs = (
        OfferProposal.objects.for_zone(zone)
        .exclude(status=ProposalStatus.PENDING)
        .select_related("organisation", "offer", "decided_by")
        .order_by("-decided_at", "-id")
    )
    return list(qs[:limit])


def proposal_get(*, zone: Zone, pk: int) -> OfferProposal:
    proposal = _with_offer(OfferProposal.objects.for_zone(zone)).filter(pk=pk).first()
    if proposal is None:
        raise Http404("Dit voorstel bestaat niet in deze eerstelijnszone.")
    attach_changes([proposal])
    return proposal
