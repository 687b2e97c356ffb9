"""Mail of the network app. Always in Dutch: the reader is a partner, not the staff member's session."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from .models import OfferProposal, ProposalStatus, SelfServiceLink

MAIL_LANGUAGE = "nl-be"


def selfservice_url(*, link: SelfServiceLink, token: str) -> str:
    path = reverse("network:selfservice", kwargs={"zone": link.zone.slug, "token": token})
    return settings.ZORGRAAD_BASE_URL.rstrip("/") + path


def selfservice_link_message(*, link: SelfServiceLink, token: str, connection: Any = None) -> EmailMessage:
    """The mail with a person's self-service link: who sends it, for which zone, until when, once."""
    zone = link.zone
    with translation.override(MAIL_LANGUAGE):
        context = {
            "person": link.person,
            "zone": zone,
            "sender": str(link.sent_by) if link.sent_by else "",
            "yearly": link.reason == "yearly",
            "url": selfservice_url(link=link, token=token),
            "expires": formats.date_format(timezone.localtime(link.expires_at), "j F Y"),
            "expires_time": formats.time_format(timezone.localtime(link.expires_at), "H:i"),
        }
        subject = gettext("Kloppen je gegevens nog? – %(zone)s") % {"zone": zone.name}
        body = render_to_string("network/mail/selfservice_link.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[link.email],
        reply_to=[zone.email] if zone.email else None,
        connection=connection,
    )


def offer_proposal_outcome_message(*, proposal: OfferProposal, connection: Any = None) -> EmailMessage:
    """The mail to a partner: their proposal for an offer was accepted, or not and why."""
    zone = proposal.zone
    accepted = proposal.status == ProposalStatus.ACCEPTED
    # the offer's name as the partner knew it when proposing (a new offer: its proposed name)
    title = (
        proposal.before.get("title")
        or (proposal.offer.title if proposal.offer and not proposal.is_new else "")
        or proposal.changes.get("title", "")
    )
    with translation.override(MAIL_LANGUAGE):
        url = ""
        if accepted and proposal.offer_id:
            path = reverse("network:socialmap_offer", kwargs={"zone": zone.slug, "pk": proposal.offer_id})
            url = settings.ZORGRAAD_BASE_URL.rstrip("/") + path
        from .selectors.proposals import attach_changes

        attach_changes([proposal])
        context = {
            "proposal": proposal,
            "zone": zone,
            "title": title,
            "accepted": accepted,
            "url": url,
            "submitted": formats.date_format(timezone.localtime(proposal.created_at), "j F Y"),
        }
        subject = (
            gettext("Je voorstel voor %(title)s is aanvaard – %(zone)s")
            if accepted
            else gettext("Je voorstel voor %(title)s is niet aanvaard – %(zone)s")
        ) % {"title": title, "zone": zone.name}
        body = render_to_string("network/mail/offer_proposal_outcome.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[proposal.proposer_email],
        reply_to=[zone.email] if zone.email else None,
        connection=connection,
    )
