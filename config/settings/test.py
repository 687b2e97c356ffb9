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
# real Redis server: a throwaway one, emptied around each test.
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
else:
    # pytest-xdist: each worker its own Redis database, since emptying the cache (conftest.py) empties
    # the whole database of the server (FLUSHDB), not only the worker's own keys.
    from urllib.parse import urlsplit, urlunsplit

    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    _db = 1 + (int(_worker[2:]) % 15 if _worker[2:].isdigit() else 0)
    CACHES["default"]["LOCATION"] = urlunsplit(urlsplit(os.environ["REDIS_URL"])._replace(path=f"/{_db}"))
