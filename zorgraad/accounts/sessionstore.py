"""Sessions: Django's `cached_db` (the database is the truth, the cache saves the read), made safe for
a cache that each process keeps for itself.

With a shared cache (REDIS_URL) every process sees a logout, a flush or a change at once, as
Django's own backend expects. Without one, the page cache is a local-memory cache per gunicorn
worker, and Django's `cached_db` would keep a session in each worker for as long as the session
lives (two weeks): a session logged out, flushed or changed in one worker would go on being read, as
it was, in the others — a stolen cookie would outlive the logout. So with a per-process cache a
session is kept at most `LOCAL_SECONDS`; after that the worker reads it from the database again (one
query per session per worker per half minute, not per request).

Ending every session of an account (a role revoked, erasure) does not depend on this: it raises the
account's `session_version`, read with the user on every request (accounts/sessions.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import cached_db
from django.core.cache.backends.locmem import LocMemCache

LOCAL_SECONDS = 30


class _Capped:
    """The cache as cached_db uses it, with every timeout at most `seconds`."""

    def __init__(self, cache: Any, seconds: int) -> None:
        self._inner = cache
        self._seconds = seconds

    def _timeout(self, timeout: Any) -> int:
        if timeout is None or timeout > self._seconds:
            return self._seconds
        return int(timeout)

    def set(self, key: str, value: Any, timeout: Any = None, **kwargs: Any) -> None:
        self._inner.set(key, value, self._timeout(timeout), **kwargs)

    async def aset(self, key: str, value: Any, timeout: Any = None, **kwargs: Any) -> None:
        await self._inner.aset(key, value, self._timeout(timeout), **kwargs)

    def __contains__(self, key: str) -> bool:
        return key in self._inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def is_local(cache: Any) -> bool:
    """A cache that only this process sees (Django's local memory, ours bounded in bytes)."""
    return isinstance(cache, LocMemCache)


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        cache: Any = self.__dict__["_cache"]  # set by cached_db's __init__ (untyped there)
        if is_local(cache):
            self._cache = _Capped(cache, LOCAL_SECONDS)
