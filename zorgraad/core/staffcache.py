"""Whole-page cache of staff pages (issue 17): a staff page read twice is rendered once.

A hello world costs ~0.2 ms in-process and the bare staff layout alone ~1.1-1.5 ms: no staff page
rendered from templates and the ORM reaches 20 % of a hello world's throughput. So the key staff GET
views (opt-in, `@cache_staff_page`) keep their whole HTML in the cache (the same backend as the
public pages) and a hit costs the request floor (session, user, zone with its generations, roles)
plus one cache read.

Never stale: the key holds EVERY generation of the zone (public and staff-only kinds, the rows
without a zone included; pagecache.py), and every write raises the staff kind `STAFF_ANY` for its
zone after commit, whatever the model declared (receivers.py, scoping.py for the bulk paths and
m2m); writes to tables without a zone that staff pages show (the user, e-mail addresses,
authenticators, reference tables) raise it for every zone. Data written outside the ORM is covered
by a panel's `stamp` (the events registration fast path raises a stamp kind, pagecache.STAMP_KINDS,
in its own statement; kept out of this key, read by the stamp of the staff home's events panel): a page of panels
from other apps (the staff home, a person's page) is cached only when every receiver declared its
panels (registry.cacheable_panels: each has `kinds` or a declared `stamp`); its `extra` puts the
declared stamps in the key without calling a receiver, and a view whose panels do not match their
declarations calls `dont_store` (core/fragments.covered). A request whose own writes are not
committed yet renders fresh and stores nothing; so does a request that wrote during the render.

Never another user's or zone's page: the key holds the zone, the user's id and level in the zone,
the language and time zone, the date in Europe/Brussels (pages say "today", "overdue"), the scheme
and host, the path and the exact query string, and a hash of the CSRF secret (the page embeds a
token valid for that secret only; a request without a valid secret cookie is neither served nor
stored). Only staff and admins of the zone are served (secretaries open body and meeting pages
through object checks in the view: they always render fresh); the middleware (session, user,
TOTP, zone access) has run before the decorator, and the object checks in the views only refuse
what staff may not see, which depends on the user, level and data in the key.

Not cached: other methods, htmx requests (HX-Request), requests with pending messages (cookie or
session), responses that are not 200, stream, set cookies, change the session or add messages, pages over
`MAX_PAGE_BYTES`. A form page that issues a one-time form token (core/once.py: new person, add
affiliation) is kept with a placeholder in its place, and every hit issues its own token.
`ZORGRAAD_STAFF_PAGE_CACHE = False` (env `ZORGRAAD_STAFF_PAGE_CACHE=0`) turns it off.

Relative times: the entries live `PAGE_TIMEOUT` (10 minutes) at most; staff templates use no
`timesince`/`naturaltime`/`{% now %}` (checked on 3 December 2026), dates are by day (in the key).
The header `X-Zorgraad-Cache: staff-hit` / `staff-miss` says what happened (tests, the bench).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from . import once, permissions

PAGE_TIMEOUT = 600
TOKEN_PLACEHOLDER = b"\x00zorgraad-form-token\x00"
MAX_PAGE_BYTES = 1024 * 1024
LEVELS = frozenset({permissions.STAFF, permissions.ADMIN})
BRUSSELS = ZoneInfo("Europe/Brussels")
HEADER = "X-Zorgraad-Cache"
# What a page's key may add: a string (stamps of data written outside the ORM), or None: not cached.
Extra = Callable[[HttpRequest, Any], "str | None"]


def enabled() -> bool:
    return bool(getattr(settings, "ZORGRAAD_STAFF_PAGE_CACHE", True))


def today() -> dt.date:
    """The date in Brussels (the day the pages' "today" and "overdue" are computed for)."""
    return dt.datetime.now(BRUSSELS).date()


def _dirty(zone_id: int) -> bool:
    """Writes of the current transaction to this zone (or to every zone) that are not committed yet.

    Outside a transaction a bump is flushed at once; pending bumps outside one are the leftovers of
    a rolled-back transaction (pagecache.bump starts over then) and change nothing.
    """
    conn = transaction.get_connection()
    pending = conn.__dict__.get("_zorgraad_bumps")
    if not pending or not conn.in_atomic_block:
        return False
    return any(row[0] == zone_id or row[0] is None for row in pending)


def _csrf_secret(request: HttpRequest) -> str | None:
    """The CSRF secret the page's token will be made from, if the browser sent it as it is kept."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return None  # no cookie, or a new one is being made: the response sets it
    if request.COOKIES.get(settings.CSRF_COOKIE_NAME) != secret:
        return None  # an old masked cookie, converted by the middleware: it sends a new one
    return str(secret)


def _has_messages(request: HttpRequest) -> bool:
    if getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return session is not None and "_messages" in session


def key_for(request: HttpRequest, zone: Any, extra: str = "") -> str | None:
    """The cache key of this request's page, or None when it may not be served from the cache."""
    from . import pagecache

    if request.method != "GET" or "HTTP_HX_REQUEST" in request.META:
        return None
    level = getattr(request, "zone_level", None)
    user = request.user
    if level not in LEVELS or not user.is_authenticated:
        return None
    secret = _csrf_secret(request)
    if secret is None or _has_messages(request) or _dirty(zone.pk):
        return None
    stamped = pagecache.STAMP_KINDS  # only in the keys of the pages that declare a stamp reading them
    gens = ",".join(f"{k}{v}" for k, v in sorted(pagecache.generations_of(zone).items()) if k not in stamped)
    raw = "\n".join(
        (
            gens,
            f"u{user.pk}:{level}",
            get_language() or "",
            timezone.get_current_timezone_name(),
            today().isoformat(),
            request.scheme or "",
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            hashlib.sha256(secret.encode()).hexdigest(),
            extra,
        )
    )
    return f"staffpage:{zone.pk}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _stored(
    request: HttpRequest, response: HttpResponse, zone_id: int
) -> tuple[bytes, list[tuple[str, str]], bool] | None:
    """What to keep of a rendered page, or None when it may not be served to the next request.

    A page that issued a one-time form token is kept with a placeholder in its place: each hit
    issues its own token (core/once.py, signed: no session write), so a form is never posted twice
    with the same one."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    content = response.content
    if len(content) > MAX_PAGE_BYTES:
        return None
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "_queued_messages", None):
        return None
    if _dirty(zone_id):
        return None  # the view wrote something: render the next one fresh
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return None  # the view changed the session: the next request must run it too
    tokens = once.issued(request)
    if len(tokens) > 1:
        return None
    token = tokens[0] if tokens else ""
    if token:
        if content.count(token.encode()) != 1 or TOKEN_PLACEHOLDER in content:
            return None
        content = content.replace(token.encode(), TOKEN_PLACEHOLDER)
    return content, list(response.items()), bool(token)


def _hit(request: HttpRequest, found: tuple[bytes, list[tuple[str, str]], bool]) -> HttpResponse:
    content, headers, form_token = found
    if form_token:
        content = content.replace(TOKEN_PLACEHOLDER, once.issue(request).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    # As rendering {% csrf_token %} did (get_token): the middleware sends the cookie again to renew
    # its expiry. Only the flag: the page already holds a token masked from this secret.
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    response[HEADER] = "staff-hit"
    return response


NO_STORE = "_zorgraad_staff_no_store"


def dont_store(request: HttpRequest) -> None:
    """The view found that this page must not be kept (it renders fresh; the next request too)."""
    request.__dict__[NO_STORE] = True


def cache_staff_page(view: Callable[..., HttpResponse] | None = None, *, extra: Extra | None = None) -> Any:
    """Cache a staff GET view's whole page (see the module docstring).

    `extra(request, zone)` adds to the key what the page shows that no generation covers (the
    declared stamps of its panels: fragments.declared_page_stamps), or returns None: the page is
    then not cached for this request. The view may still refuse to be stored (`dont_store`).
    """

    def decorate(func: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            zone = getattr(request, "zone", None)
            if zone is None or not enabled():
                return func(request, *args, **kwargs)
            more = ""
            if extra is not None and request.method == "GET":
                found_extra = extra(request, zone)
                if found_extra is None:
                    return func(request, *args, **kwargs)
                more = found_extra
            key = key_for(request, zone, more)
            if key is None:
                return func(request, *args, **kwargs)
            found = cache.get(key)
            if found is not None:
                return _hit(request, found)
            response = func(request, *args, **kwargs)
            if request.__dict__.get(NO_STORE):
                return response
            stored = _stored(request, response, zone.pk)
            if stored is not None:
                cache.set(key, stored, PAGE_TIMEOUT)
                response[HEADER] = "staff-miss"
            return response

        wrapped.staff_page_cache = True  # type: ignore[attr-defined]
        return wrapped

    if view is not None:
        return decorate(view)
    return decorate
