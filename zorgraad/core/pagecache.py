"""Cache for public pages, invalidated by a per-zone generation counter.

Every committed write to a zone-owned record raises `Zone.generation` (see receivers.py). The
cache key holds the zone's current generation, which ZoneAccessMiddleware reads anyway when it
resolves `/<zone>/`, so a page is never served after a write that changed it, in any process,
without any explicit purge. Only anonymous GETs without a session or pending messages are cached:
those pages carry no CSRF token and nothing personal.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

PAGE_TIMEOUT = 600


def bump_zone(zone_id: int | None) -> None:
    """Raise the zone's generation once, after the current transaction commits."""
    if not zone_id:
        return
    connection = transaction.get_connection()
    pending: set[int] = connection.__dict__.setdefault("_zorgraad_bumps", set())
    if pending and not any(getattr(func, "func", None) is _flush for _, func, _ in connection.run_on_commit):
        # The transaction that was to flush them was rolled back: its flush is gone, so start over
        # (else this zone's writes would never raise its generation again on this connection).
        pending.clear()
    if zone_id in pending:
        return
    pending.add(zone_id)
    transaction.on_commit(functools.partial(_flush, pending))


def _flush(pending: set[int]) -> None:
    from zorgraad.zones.models import Zone

    ids = set(pending)
    pending.clear()
    if ids:
        Zone.objects.filter(pk__in=ids).update(generation=F("generation") + 1)


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and "sessionid" not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        zone = getattr(request, "zone", None)
        if zone is not None:
            scope = f"{zone.pk}:{zone.generation}"
        else:  # a page about all zones (the start page): one cheap query for all generations
            from django.db.models import Count, Sum

            from zorgraad.zones.models import Zone

            totals = Zone.objects.aggregate(g=Sum("generation"), n=Count("id"))
            scope = f"all:{totals['g'] or 0}:{totals['n']}"
        path = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        key = f"page:{scope}:{get_language()}:{path}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Zorgraad-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
            response["X-Zorgraad-Cache"] = "miss"
        return response

    return wrapped


class PublicApiCacheMiddleware:
    """The same cache for the public read API (`/api/v1/zones/<zone>/organisations|offers...`).

    The API resolves its zone itself, so this middleware reads the zone's generation by slug (one
    query) and serves anonymous GETs of the public endpoints from the cache.
    """

    PATTERN = re.compile(r"^/api/v1/zones/(?P<zone>[-\w]+)/(organisations|offers)(/\d+)?/?$")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = self.PATTERN.match(request.path)
        if match is None or not _cacheable(request):
            return self.get_response(request)
        from zorgraad.zones.models import Zone

        generation = (
            Zone.objects.filter(slug=match["zone"], is_active=True).values_list("pk", "generation").first()
        )
        if generation is None:
            return self.get_response(request)
        path = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        key = f"api:{generation[0]}:{generation[1]}:{path}"
        hit = cache.get(key)
        if hit is not None:
            response = HttpResponse(hit[0], content_type=hit[1])
            response["X-Zorgraad-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
            response["X-Zorgraad-Cache"] = "miss"
        return response
