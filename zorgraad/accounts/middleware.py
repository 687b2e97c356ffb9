from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def needs_mfa(user: Any) -> bool:
    """Staff (of any zone) and platform admins must have a TOTP authenticator."""
    from allauth.mfa.models import Authenticator

    from .models import Role, ZoneRole

    is_staffish = (
        getattr(user, "is_superuser", False)
        or ZoneRole.objects.filter(user_id=user.pk, role=Role.STAFF).exists()
    )
    if not is_staffish:
        return False
    return not Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


class StaffMfaMiddleware:
    """With ZORGRAAD_REQUIRE_STAFF_MFA on, staff without TOTP are sent to set it up first."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.ZORGRAAD_REQUIRE_STAFF_MFA
            and request.user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not request.session.get("zorgraad_mfa_ok")
        ):
            if needs_mfa(request.user):
                return redirect("mfa_activate_totp")
            request.session["zorgraad_mfa_ok"] = True
        return self.get_response(request)
