"""Partners propose changes to their organisation's offers; staff accept or reject them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zorgraad.core.forms import add_service_error

from ..forms.proposals import OfferProposalForm, ProposalRejectForm
from ..models import Offer, OfferProposal, Organisation, ProposalStatus
from ..selectors import proposals as selectors
from ..services import proposals as services
from ..services.directory import ServiceError

# --- partners -----------------------------------------------------------------------------------


def my_offers(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    organisations = selectors.own_offers_overview(zone=current, user=request.user)
    return render(request, "network/my_offers.html", {"organisations": organisations})


def _propose(request: HttpRequest, *, offer: Offer | None, organisation: Organisation) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    pending = None
    if offer is not None:
        pending = (
            OfferProposal.objects.for_zone(current).filter(offer=offer, status=ProposalStatus.PENDING).first()
        )
    title = offer.title if offer is not None else ""
    instance = offer if offer is not None else Offer(zone=current, organisation=organisation)
    form = OfferProposalForm(
        request.POST if request.method == "POST" else None, instance=instance, zone=current
    )
    if request.method == "POST" and pending is None and form.is_valid():
        try:
            services.offer_proposal_submit(
                zone=current,
                actor=request.user,
                organisation=organisation,
                offer=offer,
                data=form.cleaned_data,
                note=form.cleaned_data.get("note", ""),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Bedankt! Je voorstel is verstuurd naar de medewerkers van de zone. Op de sociale kaart "
                    "verandert niets tot zij het aanvaarden; je krijgt een e-mail met hun beslissing."
                ),
            )
            return redirect("network:my_offers", zone=current.slug)
    return render(
        request,
        "network/offer_propose.html",
        {"form": form, "offer": offer, "title": title, "org": organisation, "pending": pending},
    )


def offer_propose(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    offer = selectors.own_offer_get(zone=current, user=request.user, pk=pk)
    return _propose(request, offer=offer, organisation=offer.organisation)


def organisation_offer_propose(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    organisation = selectors.own_organisation_get(zone=current, user=request.user, pk=pk)
    return _propose(request, offer=None, organisation=organisation)


# --- staff --------------------------------------------------------------------------------------


def offer_proposal_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    return render(
        request,
        "network/offer_proposal_list.html",
        {
            "proposals": selectors.pending_proposals(zone=current),
            "decided": selectors.recent_decisions(zone=current),
        },
    )


def offer_proposal_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    proposal = selectors.proposal_get(zone=current, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    reject_form = ProposalRejectForm(request.POST if action == "reject" else None)
    if action == "accept":
        try:
            services.offer_proposal_accept(zone=current, actor=request.user, proposal=proposal)
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("network:offer_proposal_detail", zone=current.slug, pk=proposal.pk)
        messages.success(
            request,
            _(
                "Het voorstel is aanvaard: de sociale kaart toont nu de nieuwe gegevens. %(name)s krijgt een e-mail."
            )
            % {"name": proposal.proposer_name},
        )
        return redirect("network:offer_proposal_list", zone=current.slug)
    if action == "reject" and reject_form.is_valid():
        try:
            services.offer_proposal_reject(
                zone=current, actor=request.user, proposal=proposal, reason=reject_form.cleaned_data["reason"]
            )
        except ServiceError as exc:
            add_service_error(reject_form, exc)
        else:
            messages.success(
                request,
                _("Het voorstel is niet aanvaard. %(name)s krijgt een e-mail met je uitleg.")
                % {"name": proposal.proposer_name},
            )
            return redirect("network:offer_proposal_list", zone=current.slug)
    return render(
        request, "network/offer_proposal_detail.html", {"proposal": proposal, "reject_form": reject_form}
    )
