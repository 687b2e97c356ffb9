"""The public lane: a cached public page served right after the security middlewares (issue 17).

A cache hit of a public page went through the whole stack — sessions, locale, CSRF, auth, messages,
clickjacking, htmx, allauth, the API cache, MFA, the zone and permission check — only for the page
cache to answer from memory. This middleware, placed right after SecurityMiddleware,
SecurityHeadersMiddleware and WhiteNoise, answers such a hit itself and leaves every other request
to the stack, untouched.

It answers only when ALL of these hold, and otherwise falls through:
- a GET without a session, messages or CSRF cookie and without htmx headers (a visitor, never a
  logged-in user: staff get their own page with its CSRF token and menu from the stack);
- the path resolves to a view that IS a `cache_public_page` wrapper (not a view wrapped once more
  by another decorator) whose URL name is PUBLIC in the permission table;
- the zone exists and is active (an unknown zone falls through to the stack's 404);
- the cache holds the page (a miss falls through: the stack renders and stores it), or the request's
  If-None-Match names it (304);
- the stack behind it is exactly `MIRRORED` and the project uses no i18n URL prefixes, no
  PREPEND_WWW, no DISALLOWED_USER_AGENTS, no CSRF in sessions and no SESSION_SAVE_EVERY_REQUEST:
  else it switches itself off (as does ZORGRAAD_PUBLIC_LANE=0, for measuring with and without).

What it answers is the stack's own answer: the zone and its generations read in this request (one
raw query, so a committed write in any process is seen at once), the key built by
`pagecache.page_key` in the language LocaleMiddleware would choose (`get_language_from_request`:
cookie, Accept-Language, default) and the response of `pagecache.cached_response`, with the headers
the skipped middlewares add to such a response: Content-Length (CommonMiddleware), Vary:
Accept-Language and Content-Language (LocaleMiddleware), Vary: Cookie (SessionMiddleware: the
decorator reads request.user) and X-Frame-Options (XFrameOptionsMiddleware). The middlewares before
it add theirs (CSP, HSTS, nosniff, referrer policy) as for any response.
zorgraad/core/tests/test_publiclane.py compares its answers with the stack's, header by header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, get_resolver
from django.utils import translation
from django.utils.cache import patch_vary_headers

from . import pagecache, permissions

# The middlewares behind the lane whose work on a cached hit it does itself (see the docstring).
MIRRORED = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "zorgraad.core.pagecache.PublicApiCacheMiddleware",
    "zorgraad.accounts.middleware.StaffMfaMiddleware",
    "zorgraad.core.middleware.ZoneAccessMiddleware",
)
# Cookies that make a request someone's: a session (logged in, or a login in progress), messages
# waiting to be shown, a CSRF cookie (the stack may renew it).
PERSONAL_COOKIES = ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME")


def lane_possible() -> bool:
    """Is the stack behind the lane the one it mirrors, with the settings it assumes?"""
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    if not getattr(settings, "ZORGRAAD_PUBLIC_LANE", True):
        return False
    middleware = list(settings.MIDDLEWARE)
    here = "zorgraad.core.publiclane.PublicLaneMiddleware"
    if here not in middleware or tuple(middleware[middleware.index(here) + 1 :]) != MIRRORED:
        return False
    if getattr(settings, "PREPEND_WWW", False) or getattr(settings, "DISALLOWED_USER_AGENTS", ()):
        return False
    if getattr(settings, "CSRF_USE_SESSIONS", False) or getattr(
        settings, "SESSION_SAVE_EVERY_REQUEST", False
    ):
        return False
    i18n_patterns_used, _ = is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    return not i18n_patterns_used


class PublicLaneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.on = lane_possible()
        self.cookies = {"messages", "sessionid", *(getattr(settings, name) for name in PERSONAL_COOKIES)}
        self.frame_options = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.on:
            response = self.serve(request)
            if response is not None:
                return response
            read = getattr(request, "_lane_zone", None)
            if read is not None:  # a miss: the stack renders it, without reading the zone again
                with pagecache.zone_read_ahead(*read):
                    return self.get_response(request)
        return self.get_response(request)

    def serve(self, request: HttpRequest) -> HttpResponse | None:
        """The cached page the stack would answer, or None (the stack answers)."""
        if request.method != "GET" or "HTTP_HX_REQUEST" in request.META:
            return None
        if request.COOKIES and not self.cookies.isdisjoint(request.COOKIES):
            return None
        if hasattr(request, "urlconf"):
            return None
        try:
            request.get_host()  # CommonMiddleware's check of ALLOWED_HOSTS: the stack answers 400
        except DisallowedHost:
            return None
        try:
            match = get_resolver().resolve(request.path_info)
        except Resolver404:
            return None
        view: Any = match.func
        if getattr(view, "page_cache_view", None) is not view:
            return None  # not a cached page, or one wrapped once more: the stack knows what to do
        if permissions.level_for(match.view_name) != permissions.PUBLIC:
            return None
        zone = None
        slug = match.kwargs.get("zone")
        if slug is not None:
            zone = pagecache.zone_with_generations(slug)
            if zone is None:
                return None  # the stack's 404 page
        # The language LocaleMiddleware would choose and activate (no URL prefixes: see above).
        translation.activate(translation.get_language_from_request(request, check_path=False))
        language = translation.get_language()
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        query = pagecache.page_query(request, view.page_cache_params)
        records = view.page_cache_records
        key = pagecache.page_key(request, zone, view.page_cache_kinds, query, records)
        etag = pagecache.page_etag(key, zone, records)
        response = pagecache.cached_response(key, request, etag, zone)
        if response is None:
            if zone is not None:
                request._lane_zone = (slug, zone)  # type: ignore[attr-defined]
            return None  # a miss: the stack renders the page and stores it
        request.resolver_match = match
        request.zone = zone  # type: ignore[attr-defined]
        # What the skipped middlewares add to a cached page, in the order they run on the way out.
        if response.get("X-Frame-Options") is None:  # XFrameOptionsMiddleware
            response.headers["X-Frame-Options"] = self.frame_options
        if not response.has_header("Content-Length"):  # CommonMiddleware
            response.headers["Content-Length"] = str(len(response.content))
        patch_vary_headers(response, ("Accept-Language",))  # LocaleMiddleware
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))  # SessionMiddleware: the decorator read request.user
        response.public_lane = True  # type: ignore[attr-defined]  # for the tests; not a header
        return response
