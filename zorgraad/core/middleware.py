from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from . import pagecache, permissions


class ZoneAccessMiddleware:
    """Resolve `/<zone>/` to request.zone (404 if unknown) and enforce the URL → level table."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.zone = None  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None:
            return None
        view_name = match.view_name
        # Django admin guards itself (staff flag; the MFA middleware checks the session's second
        # factor); the API resolves its zone and answers errors in JSON itself. Nothing else is
        # skipped: every other view, named or not, needs an entry in the permission table.
        if view_name.startswith(("admin:", "api:")):
            return None
        need = permissions.level_for(view_name)
        if need is None:
            if settings.DEBUG or getattr(settings, "ZORGRAAD_STRICT_SCOPING", False):
                raise ImproperlyConfigured(f"URL '{view_name}' has no entry in core.permissions.URL_ROLES.")
            raise PermissionDenied
        zone = None
        slug = kwargs.get("zone")
        if slug is not None:
            # One raw query for the zone, its page-cache generations and the user's roles in it (no
            # ORM query built).
            rider = permissions.roles_rider(request, slug)
            zone = pagecache.zone_with_generations(slug, rider)
            if zone is None:
                raise Http404("Deze eerstelijnszone bestaat niet.")
            request.zone = zone  # type: ignore[attr-defined]
            if rider is not None and zone.rider_values is not None:
                permissions.remember_roles(request, zone, zone.rider_values)
        have = permissions.user_level(request, zone)
        request.zone_level = have  # type: ignore[attr-defined]
        if permissions.allows(have, need):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy of settings.CSP_HEADER (set in production settings)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = getattr(settings, "CSP_HEADER", "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.csp and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.csp
        return response
