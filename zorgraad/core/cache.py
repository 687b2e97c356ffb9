# mypy: disable-error-code="attr-defined,misc"
"""A local-memory cache bounded in bytes, not only in entries (issue 17: 282 MB per worker after
14,000 distinct query strings of public pages).

`OPTIONS: {"MAX_BYTES": ...}`: when the pickled values together pass the bound, the least recently
used entries go first. Used when no shared cache (REDIS_URL) is configured; Redis is bounded by its
own `maxmemory` with `allkeys-lru` (bin/with-redis).
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

_sizes: dict[str, dict[str, int]] = {}
_totals: dict[str, list[int]] = {}


class BoundedLocMemCache(LocMemCache):  # type: ignore[misc]  # LocMemCache's private parts are untyped
    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        options = params.get("OPTIONS") or {}
        self.max_bytes = int(options.get("MAX_BYTES", 64 * 1024 * 1024))
        self._sizes = _sizes.setdefault(name, {})
        self._total = _totals.setdefault(name, [0])  # shared by the instances of one LOCATION

    @property
    def total_bytes(self) -> int:
        return self._total[0]

    def _set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT) -> None:
        super()._set(key, value, timeout)
        size = len(value)
        self._total[0] += size - self._sizes.get(key, 0)
        self._sizes[key] = size
        while self._total[0] > self.max_bytes and len(self._cache) > 1:
            oldest, _ = self._cache.popitem()  # the end of the OrderedDict: least recently used
            self._expire_info.pop(oldest, None)
            self._total[0] -= self._sizes.pop(oldest, 0)

    def incr(self, key: str, delta: int = 1, version: Any = None) -> Any:
        value = super().incr(key, delta, version)
        with self._lock:
            internal = self.make_and_validate_key(key, version=version)
            if internal in self._cache:
                size = len(self._cache[internal])
                self._total[0] += size - self._sizes.get(internal, 0)
                self._sizes[internal] = size
        return value

    def _delete(self, key: str) -> bool:
        self._total[0] -= self._sizes.pop(key, 0)
        return bool(super()._delete(key))

    def _cull(self) -> None:
        before = set(self._cache)
        super()._cull()
        for key in before - set(self._cache):
            self._total[0] -= self._sizes.pop(key, 0)

    def clear(self) -> None:
        with self._lock:
            self._sizes.clear()
            self._total[0] = 0
        super().clear()
