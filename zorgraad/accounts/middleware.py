"""MFA for staff: every request of a staff or admin session must come from a session that passed TOTP.

allauth records in the session how it was authenticated (`get_authentication_records`): a login
with password or code, then the TOTP step ("mfa"). A session without an "mfa" record is checked on
every request with one query (is the user staff now, does the user have TOTP now), so a role
granted after login counts at the next request. Sessions that passed TOTP need no query at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

# What a staff session without its second factor may still open: logging in and out, the TOTP
# step and its setup, and a password reset. Nothing else — not the e-mail or password pages of
# allauth, not Django admin, not the API, no zone page.
MFA_EXEMPT_VIEWS = frozenset(
    {
        "account_login",
        "account_logout",
        "account_request_login_code",
        "account_confirm_login_code",
        "account_reauthenticate",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "account_confirm_password_reset_code",
        "account_complete_password_reset",
        "account_password_reset_completed",
        "mfa_authenticate",
        "mfa_activate_totp",
        "mfa_reauthenticate",
        "set_language",
        "switch_language",
    }
)

RELOGIN_MESSAGE = (
    "Meld je opnieuw aan: medewerkers bevestigen hun aanmelding met de code uit hun authenticator-app."
)
API_MESSAGE = "Bevestig je aanmelding eerst met de code uit je authenticator-app."


def session_passed_mfa(request: HttpRequest) -> bool:
    """Did THIS session pass a second factor for its current user (allauth's records)?"""
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(record.get("method") == "mfa" for record in records)


def mfa_status(user: Any) -> tuple[bool, bool]:
    """(must use TOTP, has TOTP) for `user`, as the database says now: one query."""
    from allauth.mfa.models import Authenticator

    from .models import Role, User, ZoneRole

    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            zone_staff=Exists(ZoneRole.objects.filter(user_id=OuterRef("pk"), role=Role.STAFF)),
            has_totp=Exists(
                Authenticator.objects.filter(user_id=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        )
        .values_list("is_superuser", "is_staff", "zone_staff", "has_totp")
        .first()
    )
    if row is None:
        return False, False
    is_superuser, is_staff, zone_staff, has_totp = row
    return bool(is_superuser or is_staff or zone_staff), bool(has_totp)


def needs_mfa(user: Any) -> bool:
    """Staff (of any zone) and platform admins must have a TOTP authenticator; True if they lack one."""
    must, has = mfa_status(user)
    return must and not has


def record_totp_activation(
    sender: Any, request: HttpRequest | None, user: Any, authenticator: Any, **kw: Any
) -> None:
    """Setting up TOTP means entering a valid code: the session that did it has passed TOTP."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    if getattr(request, "user", None) is None or request.user.pk != user.pk:
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)


class StaffMfaMiddleware:
    """With ZORGRAAD_REQUIRE_STAFF_MFA on, a staff or admin session opens nothing without TOTP.

    Staff without an authenticator are sent to set one up; staff with one whose session did not
    pass it (a password-only session, or a partner's session whose user became staff) are logged
    out and sent to the login page, where allauth asks for password and TOTP.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if not settings.ZORGRAAD_REQUIRE_STAFF_MFA or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in MFA_EXEMPT_VIEWS:
            return None
        if session_passed_mfa(request):
            return None
        must, has_totp = mfa_status(request.user)
        if not must:
            return None
        is_api = match is not None and match.view_name.startswith("api:")
        if has_totp:
            logout(request)
        if is_api:
            return JsonResponse({"detail": API_MESSAGE}, status=403)
        if not has_totp:
            target = reverse("mfa_activate_totp")
        else:
            messages.warning(request, RELOGIN_MESSAGE)
            target = redirect_to_login(request.get_full_path(), reverse("account_login"))["Location"]
        if getattr(request, "htmx", False):  # a fragment request: the whole page goes there
            return HttpResponseClientRedirect(target)
        return redirect(target)
