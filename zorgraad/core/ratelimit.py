"""Rate limits for public forms (sign-ups, self-service posts), shared across web processes.

Counts are kept in the database per client and window; the client is a keyed hash of its IP
address, so no address is stored. A hit is ONE statement (an upsert that returns the new count:
atomic, so two processes counting at once both count), not a read, an update and a read again. Behind a proxy, set ZORGRAAD_TRUSTED_PROXY_HEADER (for example
HTTP_X_REAL_IP) to the header the proxy sets.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import random
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import RateBucket


def client_key(request: HttpRequest) -> str:
    header = getattr(settings, "ZORGRAAD_TRUSTED_PROXY_HEADER", "")
    address = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def hit(*, scope: str, client: str, limit: int, window_seconds: int) -> bool:
    """Count one hit; return True when the client is over `limit` in the current window."""
    now = timezone.now()
    window = int(now.timestamp()) // window_seconds
    key = f"{scope}:{client}:{window}"[:120]
    window_end = dt.datetime.fromtimestamp((window + 1) * window_seconds, tz=dt.UTC)
    count = _count(key, window_end)
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security
        RateBucket.objects.filter(window_end__lt=now).delete()
    return count > limit


_UPSERT: dict[str, str] = {}
UPSERT_VENDORS = ("postgresql", "sqlite")  # INSERT ... ON CONFLICT DO UPDATE ... RETURNING (SQLite ≥ 3.35)


def _count(key: str, window_end: dt.datetime) -> int:
    """The bucket's count after this hit."""
    if connection.vendor not in UPSERT_VENDORS:
        with transaction.atomic():
            bucket, _ = RateBucket.objects.get_or_create(key=key, defaults={"window_end": window_end})
            RateBucket.objects.filter(pk=bucket.pk).update(count=F("count") + 1)
            bucket.refresh_from_db(fields=["count"])
        return bucket.count
    sql = _UPSERT.get(connection.vendor)
    if sql is None:
        q = connection.ops.quote_name
        table, count = q(RateBucket._meta.db_table), q("count")
        sql = (
            f"INSERT INTO {table} ({q('key')}, {count}, {q('window_end')}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({q('key')}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}"
        )
        _UPSERT[connection.vendor] = sql
    end = RateBucket._meta.get_field("window_end").get_db_prep_save(window_end, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, end])
        return int(cursor.fetchone()[0])


def limit_posts(scope: str, *, limit: int, window_seconds: int = 3600) -> Callable[..., Any]:
    """View decorator: at most `limit` POSTs per client per window; answers 429 in Dutch after that."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and hit(
                scope=scope, client=client_key(request), limit=limit, window_seconds=window_seconds
            ):
                return render(request, "core/rate_limited.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
