"""With REDIS_URL the suite runs against a real Redis server, under pytest-xdist and sometimes beside
another run of it (a second checkout, a chroot sharing the machine's network). Ids, users and
page-cache generations repeat from one test database to the next, so two test processes must never
share keys, nor empty each other's: failures seen before (query guards one query off, a TOTP lockout
gone, page-cache states flipped) came from exactly that."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache

ROOT = Path(__file__).resolve().parent.parent
needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="runs with REDIS_URL (bin/with-redis)"
)


@needs_redis
def test_each_test_process_has_its_own_keys_and_clears_only_those() -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    assert cache.key_prefix.startswith("zorgraad-test-") and cache.key_prefix.endswith(f"-{worker}")
    # another worker, or another run, on the same server and database
    other = RedisCache(settings.CACHES["default"]["LOCATION"], {"KEY_PREFIX": "zorgraad-test-anderen-gw9"})
    try:
        other.set("zone:1:pagina", "van een ander proces")
        cache.set("zone:1:pagina", "van dit proces")
        assert cache.get("zone:1:pagina") == "van dit proces"
        cache.clear()
        assert cache.get("zone:1:pagina") is None
        assert other.get("zone:1:pagina") == "van een ander proces"
    finally:
        other.delete("zone:1:pagina")


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_with_redis_refuses_a_port_where_another_server_answers() -> None:
    """bin/with-redis never lets two runs share one server: a taken port is an error, not a silent
    use of the other run's server (which it would also stop under that run at its end)."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "ZORGRAAD_REDIS_PORT"}}
    inner = "port=${REDIS_URL##*:}; REDIS_URL= ZORGRAAD_REDIS_PORT=${port%/*} bash bin/with-redis true"
    done = subprocess.run(
        ["bash", "bin/with-redis", "bash", "-c", inner], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "Could not start a private Redis server" in done.stderr
