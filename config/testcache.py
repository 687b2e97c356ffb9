"""The Redis cache the test suite uses with REDIS_URL (config/settings/test.py): Django's own
RedisCache, except that `clear()` deletes only this cache's own keys (its KEY_PREFIX) instead of
emptying the whole Redis database (FLUSHDB).

Each test process gets a prefix of its own (run and pytest-xdist worker), so that conftest.py and the
tests that empty the cache around a test never empty, or read, the keys of another worker or of
another run on the same server: ids, users and page-cache generations repeat from one test database
to the next, so shared keys would be hits on another process's pages, sessions and rate limits.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.cache.backends.redis import RedisCache


class PrefixClearingRedisCache(RedisCache):
    def clear(self) -> None:
        if not self.key_prefix:
            raise RuntimeError("The test cache needs a KEY_PREFIX: clear() would empty the whole database")
        client = cast(Any, self)._cache.get_client(None, write=True)  # the raw redis-py client
        batch: list[bytes] = []
        # The prefix holds letters, digits and dashes only (test settings), so it is a literal pattern.
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 500:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
