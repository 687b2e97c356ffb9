"""A signal write raises only the `signals` page-cache kind (issue 17): the public list of structural
signals follows it at once, the zone's social map and meeting pages stay cached."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.core import pagecache
from zorgraad.signals.models import Signal

from .factories import signal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _state(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return str(response["X-Zorgraad-Cache"])


def test_signal_writes_refresh_the_public_list_and_leave_the_social_map_cached(zone: Any) -> None:
    z = {"zone": zone.slug}
    public_list = reverse("signals:public_list", kwargs=z)
    others = [reverse("network:socialmap", kwargs=z), reverse("meetings:body_index", kwargs=z)]
    for path in [public_list, *others]:
        _state(path)
        assert _state(path) == "hit", path
    made = signal(zone, title="Lange wachtlijst thuisverpleging", is_structural=True)
    for path in others:
        assert _state(path) == "hit", path
    assert _state(public_list) == "miss"
    assert "Lange wachtlijst thuisverpleging" in Client().get(public_list).content.decode()
    Signal.objects.for_zone(zone).filter(pk=made.pk).update(title="Wachtlijst opgelost")
    assert _state(public_list) == "miss"
    assert all(_state(path) == "hit" for path in others)


def test_signals_declare_their_kind() -> None:
    assert pagecache.kinds_for("signals.Signal") == ("signals",)
    assert pagecache.kinds_for("signals.SignalTransition") == ("signals",)
    assert pagecache.kinds_for("signals.SignalEndorsement") == ("signals",)


def test_the_dashboard_follows_signal_writes_and_not_event_registrations(zone: Any, monkeypatch: Any) -> None:
    """Kept per generations of the zone; a registration (a stamp kind, raised in its own statement)
    leaves it cached, a new signal is counted at once."""
    from django.db import connection

    from zorgraad.core.models import PageGeneration
    from zorgraad.signals import selectors

    def totals() -> list[int]:
        zone.page_generations = None  # as a new request: the generations are read again
        return [c.total for c in selectors.dashboard_cached(zone=zone)]

    assert "registrations" in pagecache.STAMP_KINDS
    signal(zone, title="Geen tolk in de huisartspraktijk")
    before = totals()
    with connection.cursor() as cursor:  # what the registration fast path runs in its statement
        cursor.execute(pagecache.raise_in_statement_sql(connection), [zone.pk, "registrations"])
    assert PageGeneration.objects.get(zone=zone, kind="registrations").value >= 1
    calls: list[Any] = []
    real = selectors.dashboard
    monkeypatch.setattr(selectors, "dashboard", lambda **kw: calls.append(kw) or real(**kw))
    assert totals() == before and calls == []  # still cached
    signal(zone, title="Wachtlijst kinderopvang")
    after = totals()
    assert len(calls) == 1 and after != before  # counted at once
    assert after == [c.total for c in real(zone=zone)]
