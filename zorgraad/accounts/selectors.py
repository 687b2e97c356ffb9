"""Reads for access: a person's roles and open invitations, and the invitation behind a signed link."""

from __future__ import annotations

from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone

from zorgraad.network.models import Person
from zorgraad.zones.models import Zone

from .models import AccessInvitation, ZoneRole

TOKEN_SALT = "zorgraad.accounts.invitation"
# The link itself stops working after this many days, whatever the row says.
TOKEN_MAX_AGE_DAYS = 60


class InvitationInvalid(Exception):
    """Tampered, unknown or withdrawn."""


class InvitationExpired(Exception):
    """Older than its validity."""


class InvitationUsed(Exception):
    """Accepted before: a link works once."""


def invitation_token(invitation: AccessInvitation) -> str:
    """The signed part of the link: which invitation, in which zone."""
    return signing.dumps({"i": invitation.pk, "z": invitation.zone_id}, salt=TOKEN_SALT)


def invitation_get(*, zone: Zone, token: str) -> AccessInvitation:
    """The invitation behind a token, or InvitationInvalid / InvitationExpired / InvitationUsed."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE_DAYS * 24 * 3600)
    except signing.SignatureExpired as exc:
        raise InvitationExpired from exc
    except signing.BadSignature as exc:
        raise InvitationInvalid from exc
    if not isinstance(payload, dict) or payload.get("z") != zone.pk or not isinstance(payload.get("i"), int):
        raise InvitationInvalid
    invitation = (
        AccessInvitation.objects.for_zone(zone)
        .select_related("person", "created_by")
        .filter(pk=payload["i"])
        .first()
    )
    if invitation is None:
        raise InvitationInvalid
    if invitation.accepted_at is not None:
        raise InvitationUsed
    if invitation.expires_at <= timezone.now():
        raise InvitationExpired
    return invitation


def pending_invitations(*, zone: Zone, person: Person) -> QuerySet[AccessInvitation]:
    return (
        AccessInvitation.objects.for_zone(zone)
        .filter(person=person, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("created_by")
        .order_by("created_at", "pk")
    )


def person_roles(*, zone: Zone, person: Person) -> list[ZoneRole]:
    if not person.user_id:
        return []
    return list(ZoneRole.objects.filter(zone=zone, user_id=person.user_id).order_by("role"))
