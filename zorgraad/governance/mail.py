"""Mail and signed links of the agenda subscription (double opt-in and unsubscribe).

Nothing is stored for an address until its owner clicks the confirmation link: the link itself
carries the body, the address, the name, when the box was ticked and a fingerprint of the consent
wording, signed with SECRET_KEY (django.core.signing, a TimestampSigner) and valid for
CONFIRM_MAX_AGE. The unsubscribe link is signed too and does not expire.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

if TYPE_CHECKING:
    from zorgraad.zones.models import Zone

    from .models import Body

MAIL_LANGUAGE = "nl-be"
CONFIRM_SALT = "zorgraad.governance.subscribe"
UNSUBSCRIBE_SALT = "zorgraad.governance.unsubscribe"
CONFIRM_MAX_AGE = dt.timedelta(days=7)


class LinkRefused(Exception):
    """The link cannot be used; `status` is the HTTP status of the page that explains why."""

    status = 400


class LinkInvalid(LinkRefused):
    status = 400


class LinkExpired(LinkRefused):
    status = 410


@dataclass(frozen=True)
class SubscriptionRequest:
    """What the confirmation link carries."""

    body_id: int
    email: str
    name: str
    consent_at: dt.datetime
    wording: str  # fingerprint of the consent text that was shown


def wording_fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


def _absolute(path: str) -> str:
    return str(settings.ZORGRAAD_BASE_URL).rstrip("/") + path


# --- confirmation -------------------------------------------------------------------------------


def confirm_token(*, zone: Zone, body: Body, email: str, name: str, consent_text: str) -> str:
    payload = {
        "z": zone.pk,
        "b": body.pk,
        "e": email,
        "n": name,
        "t": int(timezone.now().timestamp()),
        "w": wording_fingerprint(consent_text),
    }
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def confirm_request_get(*, zone: Zone, body: Body, token: str) -> SubscriptionRequest:
    """The request behind a confirmation link, or LinkInvalid / LinkExpired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict) or data.get("z") != zone.pk or data.get("b") != body.pk:
        raise LinkInvalid
    email, name, moment, wording = data.get("e"), data.get("n", ""), data.get("t"), data.get("w")
    if not (isinstance(email, str) and isinstance(name, str) and isinstance(moment, int)):
        raise LinkInvalid
    if not isinstance(wording, str):
        raise LinkInvalid
    return SubscriptionRequest(
        body_id=body.pk,
        email=email,
        name=name,
        consent_at=dt.datetime.fromtimestamp(moment, tz=dt.UTC),
        wording=wording,
    )


def confirm_url(*, zone: Zone, body: Body, token: str) -> str:
    path = reverse(
        "governance:subscribe_confirm", kwargs={"zone": zone.slug, "body": body.slug, "token": token}
    )
    return _absolute(path)


def confirm_message(*, zone: Zone, body: Body, email: str, name: str, token: str) -> EmailMessage:
    expires = timezone.localtime(timezone.now() + CONFIRM_MAX_AGE)
    with translation.override(MAIL_LANGUAGE):
        context: dict[str, Any] = {
            "zone": zone,
            "body": body,
            "name": name,
            "url": confirm_url(zone=zone, body=body, token=token),
            "expires": formats.date_format(expires, "j F Y"),
            "expires_time": formats.time_format(expires, "H:i"),
        }
        subject = gettext("Bevestig je inschrijving: agenda van %(body)s") % {"body": body.name}
        text = render_to_string("governance/mail/subscribe_confirm.txt", context)
    return EmailMessage(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        reply_to=[zone.email] if zone.email else None,
    )


# --- unsubscribe --------------------------------------------------------------------------------


def unsubscribe_token(*, zone: Zone | int, body: Body | int, email: str) -> str:
    zone_id = zone if isinstance(zone, int) else zone.pk
    body_id = body if isinstance(body, int) else body.pk
    return signing.dumps({"z": zone_id, "b": body_id, "e": email.strip().lower()}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_email_get(*, zone: Zone, body: Body, token: str) -> str:
    """The address behind an unsubscribe link, or LinkInvalid."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict) or data.get("z") != zone.pk or data.get("b") != body.pk:
        raise LinkInvalid
    email = data.get("e")
    if not isinstance(email, str) or not email:
        raise LinkInvalid
    return email


def unsubscribe_url(*, zone: Zone, body: Body, email: str) -> str:
    token = unsubscribe_token(zone=zone, body=body, email=email)
    path = reverse("governance:unsubscribe", kwargs={"zone": zone.slug, "body": body.slug, "token": token})
    return _absolute(path)


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 / RFC 8058: mail programs show an "unsubscribe" button that POSTs to the link."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
