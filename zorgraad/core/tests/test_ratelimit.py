from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zorgraad.core.models import RateBucket
from zorgraad.core.ratelimit import hit
from zorgraad.governance.models import Body, BodyKind
from zorgraad.newsletter.models import Subscriber


@pytest.mark.django_db
def test_hits_over_the_limit_are_refused_per_client() -> None:
    results = [hit(scope="t", client="a", limit=3, window_seconds=3600) for _ in range(5)]
    assert results == [False, False, False, True, True]
    assert hit(scope="t", client="b", limit=3, window_seconds=3600) is False
    assert RateBucket.objects.count() == 2


@pytest.mark.django_db
def test_a_hit_is_one_statement_and_the_bucket_ends_with_its_window(monkeypatch: Any) -> None:
    import datetime as dt

    from zorgraad.core import ratelimit

    monkeypatch.setattr(ratelimit.random, "random", lambda: 1.0)  # no housekeeping in this count
    hit(scope="t", client="a", limit=3, window_seconds=3600)
    with CaptureQueriesContext(connection) as queries:
        assert hit(scope="t", client="a", limit=3, window_seconds=3600) is False
    assert len(queries.captured_queries) == 1, queries.captured_queries
    bucket = RateBucket.objects.get()
    assert bucket.count == 2
    end = bucket.window_end.timestamp()
    assert end % 3600 == 0 and 0 < end - dt.datetime.now(dt.UTC).timestamp() <= 3600


@pytest.mark.django_db
def test_without_an_upsert_the_orm_counts_the_same(monkeypatch: Any) -> None:
    from zorgraad.core import ratelimit

    monkeypatch.setattr(ratelimit, "UPSERT_VENDORS", ())
    results = [hit(scope="t", client="a", limit=2, window_seconds=60) for _ in range(4)]
    assert results == [False, False, True, True] and RateBucket.objects.get().count == 4


@pytest.mark.django_db(transaction=True)
def test_hits_at_the_same_moment_from_several_processes_all_count() -> None:
    from concurrent.futures import ThreadPoolExecutor

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite serialises them)")

    def one(_: int) -> bool:
        try:
            return hit(scope="t", client="a", limit=15, window_seconds=3600)
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        over = list(pool.map(one, range(20)))
    assert over.count(True) == 5 and RateBucket.objects.get().count == 20


@pytest.mark.django_db
def test_public_subscribe_form_is_rate_limited(client: Any, zone: Any) -> None:
    Body.objects.create(zone=zone, name="Forum", slug="forum", kind=BodyKind.FORUM, is_open=True)
    url = reverse("governance:body_subscribe", kwargs={"zone": "amalo", "body": "forum"})
    for i in range(10):
        client.post(url, {"email": f"p{i}@example.be", "consent": "on"})
    response = client.post(url, {"email": "elfde@example.be", "consent": "on"})
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert not Subscriber.objects.for_zone(zone).filter(email="elfde@example.be").exists()
    # the IP address itself is not stored
    assert all("127.0.0.1" not in b.key for b in RateBucket.objects.all())
