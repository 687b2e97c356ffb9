"""Signed links of the newsletter: confirmation (expires), unsubscribe and counted clicks.

All are signed with SECRET_KEY through django.core.signing (TimestampSigner for the confirmation
link, which carries when the box was ticked and is valid for CONFIRM_MAX_AGE). Nothing is stored for
an address until its owner clicks the confirmation link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "zorgraad.newsletter.confirm"
UNSUBSCRIBE_SALT = "zorgraad.newsletter.unsubscribe"
CLICK_SALT = "zorgraad.newsletter.click"
CONFIRM_MAX_AGE = dt.timedelta(days=7)


class LinkRefused(Exception):
    """The link cannot be used; `status` is the HTTP status of the page that explains why."""

    status = 400


class LinkInvalid(LinkRefused):
    status = 400


class LinkExpired(LinkRefused):
    status = 410


@dataclass(frozen=True)
class Request:
    """What a confirmation link carries."""

    zone_id: int
    email: str
    name: str
    audience: str
    newsletter: bool
    body_ids: tuple[int, ...]
    source: str
    wording: str  # fingerprint of the consent text shown
    given_at: dt.datetime


def fingerprint(text: str) -> str:
    return hashlib.sha256(str(text).strip().encode()).hexdigest()[:16]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def absolute(path: str) -> str:
    return str(settings.ZORGRAAD_BASE_URL).rstrip("/") + path


def confirm_token(
    *,
    zone_id: int,
    email: str,
    name: str,
    audience: str,
    newsletter: bool,
    body_ids: list[int] | tuple[int, ...],
    source: str,
    wording: str,
) -> str:
    payload = {
        "z": zone_id,
        "e": email,
        "n": name,
        "a": audience,
        "nl": bool(newsletter),
        "b": sorted(int(b) for b in body_ids),
        "s": source,
        "w": fingerprint(wording),
    }
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def confirm_read(*, zone_id: int, token: str, max_age: dt.timedelta = CONFIRM_MAX_AGE) -> Request:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)  # a TimestampSigner underneath
        timestamp = signing.b62_decode(token.rsplit(":", 2)[-2])
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, IndexError) as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict) or data.get("z") != zone_id:
        raise LinkInvalid
    email, name, audience, source = data.get("e"), data.get("n", ""), data.get("a", ""), data.get("s")
    bodies, wording = data.get("b", []), data.get("w")
    if not all(isinstance(v, str) for v in (email, name, audience, source, wording)):
        raise LinkInvalid
    if not isinstance(bodies, list) or not all(isinstance(b, int) for b in bodies):
        raise LinkInvalid
    return Request(
        zone_id=zone_id,
        email=str(email),
        name=str(name),
        audience=str(audience),
        newsletter=bool(data.get("nl")),
        body_ids=tuple(bodies),
        source=str(source),
        wording=str(wording),
        given_at=dt.datetime.fromtimestamp(timestamp, tz=dt.UTC),
    )


def confirm_url(*, zone_slug: str, token: str) -> str:
    return absolute(reverse("newsletter:confirm", kwargs={"zone": zone_slug, "token": token}))


# --- unsubscribe --------------------------------------------------------------------------------


def unsubscribe_token(*, zone_id: int, subscriber_id: int, body_id: int | None = None) -> str:
    return signing.dumps({"z": zone_id, "s": subscriber_id, "b": body_id}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(*, zone_id: int, token: str) -> tuple[int, int | None]:
    """(subscriber id, body id or None for the newsletter) behind an unsubscribe link, or LinkInvalid."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError) as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict) or data.get("z") != zone_id or not isinstance(data.get("s"), int):
        raise LinkInvalid
    body = data.get("b")
    if body is not None and not isinstance(body, int):
        raise LinkInvalid
    return int(data["s"]), body


def unsubscribe_url(*, zone_slug: str, zone_id: int, subscriber_id: int, body_id: int | None = None) -> str:
    token = unsubscribe_token(zone_id=zone_id, subscriber_id=subscriber_id, body_id=body_id)
    return absolute(reverse("newsletter:unsubscribe", kwargs={"zone": zone_slug, "token": token}))


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 / RFC 8058: mail programs show an "unsubscribe" button that POSTs to the link."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# --- clicks -------------------------------------------------------------------------------------


def click_token(*, zone_id: int, link_id: int) -> str:
    return signing.Signer(salt=CLICK_SALT).sign(f"{zone_id}.{link_id}")


def click_read(*, zone_id: int, token: str) -> int:
    try:
        value = signing.Signer(salt=CLICK_SALT).unsign(token)
        zone, link = (int(p) for p in value.split("."))
    except (signing.BadSignature, ValueError) as exc:
        raise LinkInvalid from exc
    if zone != zone_id:
        raise LinkInvalid
    return link


def click_url(*, zone_slug: str, zone_id: int, link_id: int) -> str:
    token = click_token(zone_id=zone_id, link_id=link_id)
    return absolute(reverse("newsletter:click", kwargs={"zone": zone_slug, "token": token}))
