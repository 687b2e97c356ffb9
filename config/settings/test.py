"""Settings for pytest: SQLite in memory unless DATABASE_URL points at PostgreSQL."""

import os

os.environ.setdefault("ZORGRAAD_REQUIRE_STAFF_MFA", "0")

from .base import *  # noqa: E402,F403
from .base import CACHES, DATABASES  # noqa: E402

DEBUG = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ZORGRAAD_BASE_URL = "http://testserver"
# A real cache, as in production: allauth's rate limits and the page cache run in every test
# (conftest.py empties it around each test). Tests in one rolled-back transaction never commit, so
# a test that reads a public page after a write captures the on-commit invalidation itself.
# With REDIS_URL (the PostgreSQL leg of `make test`, through bin/with-redis) the suite runs against a
# real Redis server: a throwaway one, each test process's own keys emptied around each test.
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
else:
    # Every test process has keys of its own on the server (REDIS_URL as given, database included):
    # a prefix of the run and the pytest-xdist worker, and a clear() that deletes only those keys
    # (config/testcache.py), never a FLUSHDB. Ids, users and page-cache generations repeat from one
    # test database to the next, so keys shared by two workers (or two runs on one server) are hits
    # on another process's pages, sessions and rate limits, and one's cache.clear() empties the
    # other's mid-test. Child processes inherit the run's id.
    import re
    import uuid

    _run = os.environ.setdefault("ZORGRAAD_TEST_CACHE_RUN", uuid.uuid4().hex[:12])
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    CACHES["default"]["BACKEND"] = "config.testcache.PrefixClearingRedisCache"
    CACHES["default"]["KEY_PREFIX"] = re.sub(r"[^A-Za-z0-9-]", "-", f"zorgraad-test-{_run}-{_worker}")
