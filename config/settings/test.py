"""Settings for pytest: SQLite in memory unless DATABASE_URL points at PostgreSQL."""

import os

os.environ.setdefault("ZORGRAAD_REQUIRE_STAFF_MFA", "0")

from .base import *  # noqa: E402,F403
from .base import DATABASES  # noqa: E402

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
# Tests write inside one rolled-back transaction, where the cache's on-commit invalidation never
# runs: no page cache by default. tests of the cache switch LocMem on (core/tests/test_pagecache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
