"""Mails to registrants and the personal signed link to view or cancel a registration.

The link carries the registration's id and its random token, signed with SECRET_KEY
(django.core.signing): a forged or altered link fails the signature, and a token that does not match
the stored one (a registration recreated) is refused too.
"""

from __future__ import annotations

import logging
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zorgraad.core.dutch import long_date
from zorgraad.meetings.services.invitations import CalendarMail
from zorgraad.zones.models import Zone

from . import ics
from .models import Registration

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "nl-be"
LINK_SALT = "zorgraad.events.registration"


class LinkInvalid(Exception):
    """The personal link is forged, altered or belongs to another zone."""


def link_token(reg: Registration) -> str:
    return signing.dumps({"r": reg.pk, "t": reg.token}, salt=LINK_SALT)


def registration_from_link(zone: Zone, token: str) -> Registration:
    try:
        data = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) or not isinstance(data.get("t"), str):
        raise LinkInvalid
    reg = (
        Registration.objects.for_zone(zone)
        .filter(pk=data["r"], token=data["t"])
        .select_related("event", "event__venue_organisation")
        .first()
    )
    if reg is None:
        raise LinkInvalid
    return reg


def personal_url(reg: Registration, zone_slug: str) -> str:
    path = reverse("events:registration_manage", kwargs={"zone": zone_slug, "token": link_token(reg)})
    return str(settings.ZORGRAAD_BASE_URL).rstrip("/") + path


def evaluation_url(reg: Registration, zone_slug: str) -> str:
    path = reverse("events:evaluation", kwargs={"zone": zone_slug, "token": link_token(reg)})
    return str(settings.ZORGRAAD_BASE_URL).rstrip("/") + path


SUBJECTS = {
    "confirmed": "Inschrijving bevestigd: %(title)s",
    "waitlisted": "Op de wachtlijst: %(title)s",
    "promoted": "Er is een plaats vrij: je bent ingeschreven voor %(title)s",
    "cancelled": "Inschrijving geannuleerd: %(title)s",
    "event_cancelled": "Geannuleerd: %(title)s",
    "evaluation": "Hoe vond je %(title)s?",
}


def _sender_address(zone: Zone) -> str:
    return zone.email or parseaddr(str(settings.DEFAULT_FROM_EMAIL))[1] or "noreply@zorgraad.localhost"


def registration_message(reg: Registration, kind: str) -> CalendarMail | Any:
    from django.core.mail import EmailMessage

    zone = reg.event.zone
    event = reg.event
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    with translation.override(MAIL_LANGUAGE):
        context = {
            "reg": reg,
            "event": event,
            "zone": zone,
            "kind": kind,
            "day": long_date(start.date()),
            "start": start.strftime("%H.%M"),
            "end": end.strftime("%H.%M"),
            "manage_url": personal_url(reg, zone.slug),
            "evaluation_url": evaluation_url(reg, zone.slug) if kind == "evaluation" else "",
            "online_url": event.online_url if event.is_online and kind in ("confirmed", "promoted") else "",
            "sessions": list(event.sessions.all()),
        }
        subject = _(SUBJECTS[kind]) % {"title": event.title}
        text = render_to_string("events/mail/registration.txt", context)
    common: dict[str, Any] = {
        "subject": subject,
        "body": text,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "to": [reg.email],
        "reply_to": [zone.email] if zone.email else None,
    }
    if kind in ("confirmed", "promoted", "cancelled", "event_cancelled"):
        method = "REQUEST" if kind in ("confirmed", "promoted") else "CANCEL"
        calendar = ics.registration_bytes(
            reg, method=method, organizer_email=_sender_address(zone), zone_slug=zone.slug
        )
        return CalendarMail(calendar=calendar, method=method, **common)
    return EmailMessage(**common)


def registration_mail_deliver(*, zone_id: int, registration_id: int, kind: str) -> str:
    if kind not in SUBJECTS:
        return "skipped"
    zone = Zone.objects.get(pk=zone_id)
    reg = (
        Registration.objects.for_zone(zone)
        .filter(pk=registration_id)
        .select_related("event", "event__zone", "event__venue_organisation")
        .first()
    )
    if reg is None or not reg.email:
        return "skipped"
    try:
        registration_message(reg, kind).send()
    except Exception:  # a refused address must not crash the worker
        logger.warning("Event mail %s for registration %s could not be sent", kind, reg.pk, exc_info=True)
        return "failed"
    return "sent"
