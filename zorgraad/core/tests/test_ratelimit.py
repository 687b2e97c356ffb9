from __future__ import annotations

from typing import Any

import pytest
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
