"""The account linked to an erased person: its roles in the zone go, and it is anonymised and
deactivated unless it still serves elsewhere (a platform admin, roles in another zone)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from zorgraad.accounts import sessions
from zorgraad.accounts.models import User, ZoneRole
from zorgraad.zones.models import Zone

from ...models import Person

ERASED_ACCOUNT_DOMAIN = "gewist.invalid"
ACCOUNT_DEACTIVATED = "deactivated"
ACCOUNT_DETACHED = "detached"


def _account_used_elsewhere(zone: Zone, user: User) -> bool:
    """The account still serves outside this zone: a platform admin, or roles in another zone."""
    return bool(
        user.is_superuser or user.is_staff or ZoneRole.objects.filter(user=user).exclude(zone=zone).exists()
    )


def _account_preview(zone: Zone, person: Person) -> dict[str, Any] | None:
    user = person.user if person.user_id else None
    if user is None:
        return None
    roles = ZoneRole.objects.filter(zone=zone, user=user).order_by("role")
    return {
        "email": user.email,
        "roles": [str(r.get_role_display()) for r in roles],
        "kept_elsewhere": _account_used_elsewhere(zone, user),
    }


def _erase_account(zone: Zone, person: Person) -> str | None:
    """Take the account's roles in this zone away; anonymise and deactivate it unless it serves elsewhere.

    Either way every session of the account ends. The person record is detached by the caller.
    """
    if not person.user_id:
        return None
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    user = User.objects.select_for_update().get(pk=person.user_id)
    ZoneRole.objects.filter(zone=zone, user=user).delete()
    if _account_used_elsewhere(zone, user):
        outcome = ACCOUNT_DETACHED
    else:
        user.email = f"gewist-{user.pk}@{ERASED_ACCOUNT_DOMAIN}"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "first_name", "last_name", "is_active", "password"])
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        # Person records elsewhere that still point at the account (without a role) let go of it:
        # it can no longer log in, and its address is free for a new account.
        Person.objects.unscoped().filter(user=user).exclude(pk=person.pk).update(user=None)
        outcome = ACCOUNT_DEACTIVATED
    sessions.end_sessions(user.pk)
    return outcome


ACCOUNT_OUTCOMES = {
    ACCOUNT_DEACTIVATED: gettext_lazy(
        "rollen in deze zone verwijderd, account uitgeschakeld en geanonimiseerd"
    ),
    ACCOUNT_DETACHED: gettext_lazy(
        "rollen in deze zone verwijderd en account losgekoppeld; het account blijft bestaan voor "
        "zijn rollen elders"
    ),
}
