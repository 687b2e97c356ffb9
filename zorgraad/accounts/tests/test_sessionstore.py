"""Sessions with a per-process cache (accounts/sessionstore.py): a session is kept at most
LOCAL_SECONDS in a worker's own memory, so a logout in another worker (the database row gone) ends it
there too; with a shared cache nothing changes."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.test import Client

from zorgraad.accounts import sessionstore
from zorgraad.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_cache(settings: Any) -> Any:
    settings.CACHES = {
        "default": {"BACKEND": "zorgraad.core.cache.BoundedLocMemCache", "LOCATION": "sessions-test"}
    }
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


def test_the_project_uses_it() -> None:
    assert settings.SESSION_ENGINE == "zorgraad.accounts.sessionstore"


def test_a_session_is_kept_at_most_half_a_minute_in_a_local_cache(local_cache: Any) -> None:
    store = sessionstore.SessionStore()
    store["iets"] = "waarde"
    store.create()
    key = local_cache.make_key(store.cache_key)
    left = local_cache._expire_info[key] - time.time()
    assert 0 < left <= sessionstore.LOCAL_SECONDS
    loaded = sessionstore.SessionStore(store.session_key)
    assert loaded["iets"] == "waarde"
    assert local_cache._expire_info[key] - time.time() <= sessionstore.LOCAL_SECONDS


def test_a_logout_in_another_worker_ends_the_session_here_within_the_bound(local_cache: Any) -> None:
    user = User.objects.create_user(email="sessie@voorbeeld.be", password="x" * 12)
    client = Client()
    client.force_login(user)
    assert client.get("/").wsgi_request.user.is_authenticated
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=session_key).delete()  # another worker's logout: its row gone
    assert client.get("/").wsgi_request.user.is_authenticated  # this worker's copy, for a moment
    cache_key = local_cache.make_key(sessionstore.SessionStore(session_key).cache_key)
    local_cache._expire_info[cache_key] = time.time() - 1  # the bound has passed
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_a_shared_cache_keeps_djangos_timeout() -> None:
    shared = DummyCache("shared", {})
    assert not sessionstore.is_local(shared)
    assert sessionstore.is_local(caches["default"]) == (
        "LocMem" in settings.CACHES["default"]["BACKEND"]
        or "BoundedLocMem" in settings.CACHES["default"]["BACKEND"]
    )
    seen: list[Any] = []

    class Recording(DummyCache):
        def set(self, key: str, value: Any, timeout: Any = None, version: Any = None) -> None:
            seen.append(timeout)

    capped = sessionstore._Capped(Recording("r", {}), 30)
    capped.set("k", "v", 1209600)
    capped.set("k", "v", 5)
    capped.set("k", "v", None)
    assert seen == [30, 5, 30]
