"""Mails to the reporter of a signal: the confirmation with the reference number, and (for who asked
to follow the signal) a mail when it is passed on and when it is answered, each with a signed
unsubscribe link that does not expire."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

if TYPE_CHECKING:
    from zorgraad.zones.models import Zone

    from .models import Signal

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "nl-be"
UNFOLLOW_SALT = "zorgraad.signals.unfollow"
KINDS = ("received", "passed_on", "answered")


class LinkInvalid(Exception):
    status = 400


def _absolute(path: str) -> str:
    return str(settings.ZORGRAAD_BASE_URL).rstrip("/") + path


def unfollow_token(signal: Signal) -> str:
    return signing.dumps({"z": signal.zone_id, "s": signal.pk}, salt=UNFOLLOW_SALT)


def unfollow_signal_id(*, zone: Zone, token: str) -> int:
    try:
        data = signing.loads(token, salt=UNFOLLOW_SALT)
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict) or data.get("z") != zone.pk or not isinstance(data.get("s"), int):
        raise LinkInvalid
    return int(data["s"])


def unfollow_url(signal: Signal) -> str:
    path = reverse("signals:unfollow", kwargs={"zone": signal.zone.slug, "token": unfollow_token(signal)})
    return _absolute(path)


def message(*, signal: Signal, kind: str, about: Signal) -> EmailMessage:
    zone = signal.zone
    with translation.override(MAIL_LANGUAGE):
        context: dict[str, Any] = {
            "zone": zone,
            "signal": signal,
            "about": about,
            "kind": kind,
            "public_url": _absolute(reverse("signals:public_list", kwargs={"zone": zone.slug})),
            "unfollow_url": unfollow_url(signal) if signal.follow_up else "",
        }
        subjects = {
            "received": gettext("We ontvingen je signaal %(ref)s"),
            "passed_on": gettext("Je signaal %(ref)s werd doorgegeven"),
            "answered": gettext("Antwoord op je signaal %(ref)s"),
        }
        subject = subjects[kind] % {"ref": signal.reference}
        text = render_to_string("signals/mail/reporter.txt", context)
    headers = {}
    if context["unfollow_url"]:
        headers = {
            "List-Unsubscribe": f"<{context['unfollow_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return EmailMessage(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[signal.contact_email],
        reply_to=[zone.email] if zone.email else None,
        headers=headers,
    )


def deliver(*, zone_id: int, signal_id: int, kind: str, about_id: int | None = None) -> str:
    """Task body: send one mail to a reporter, if they still want it."""
    from .models import Signal

    if kind not in KINDS:
        return "skipped"
    signal = Signal.objects.unscoped().select_related("zone").filter(pk=signal_id, zone_id=zone_id).first()
    if signal is None or not signal.contact_email:
        return "skipped"
    if kind != "received" and not signal.follow_up:
        return "skipped"
    about = signal
    if about_id and about_id != signal.pk:
        about = Signal.objects.for_zone(zone_id).filter(pk=about_id).first() or signal
    try:
        message(signal=signal, kind=kind, about=about).send()
    except Exception:  # a refused address must not crash the worker
        logger.warning("Signal mail %s for signal %s could not be sent", kind, signal.pk, exc_info=True)
        return "failed"
    return "sent"
