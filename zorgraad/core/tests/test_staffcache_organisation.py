"""An organisation's staff page, cached whole like a person's (network/views/manage.py,
core/staffcache.py): a hit calls no card receiver, every committed write to what it shows renders it
again (the organisation, an affiliation, a signal ambassador card), and no other zone's staff or
lower level is ever served it; a card its receiver does not declare leaves the page uncached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.registry import Panel, organisation_panels
from zorgraad.network.models import Affiliation, Organisation, Person
from zorgraad.signals.models import SignalAmbassador

from .test_staffcache_panels import Counting, fresh, same_page, state, warm

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def org(zone: Any) -> Organisation:
    return Organisation.objects.create(zone=zone, name="Dienstencentrum Proefhuis")


@pytest.fixture
def connect() -> Iterator[Any]:
    done: list[str] = []

    def do(receiver: Any, uid: str) -> None:
        organisation_panels.connect(receiver, dispatch_uid=uid, weak=False)
        done.append(uid)

    yield do
    for uid in done:
        organisation_panels.disconnect(dispatch_uid=uid)


def page_of(org: Organisation) -> str:
    return reverse("network:organisation_detail", kwargs={"zone": "amalo", "pk": org.pk})


def test_the_organisation_page_is_cached_and_a_hit_calls_no_receiver(
    staff_client: Client, org: Organisation, connect: Any
) -> None:
    counting = Counting()
    connect(counting.receiver, "test-org-counting")
    url = page_of(org)
    staff_client.get(url)
    miss = staff_client.get(url)
    calls = counting.calls
    with CaptureQueriesContext(connection) as ctx:
        hit = staff_client.get(url)
    assert (state(miss), state(hit)) == ("staff-miss", "staff-hit")
    assert counting.calls == calls
    assert hit.content == miss.content and b"Proefhuis" in hit.content
    assert len(ctx.captured_queries) <= 3, [q["sql"] for q in ctx.captured_queries]
    assert same_page(hit.content, fresh(staff_client, url))


def test_the_organisation_page_follows_its_affiliations_and_ambassadors(
    staff_client: Client, zone: Any, org: Organisation
) -> None:
    url = page_of(org)
    warm(staff_client, url)
    person = Person.objects.create(zone=zone, first_name="Ilse", last_name="Kaartmans")
    affiliation = Affiliation.objects.create(zone=zone, person=person, organisation=org, function="Onthaal")
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"Kaartmans" in response.content
    assert "Signaalambassadeurs</h2>" not in response.content.decode()
    warm(staff_client, url)
    SignalAmbassador.objects.create(
        zone=zone, affiliation=affiliation, trained_on=dt.date(2025, 11, 27), active_from=dt.date(2025, 12, 1)
    )
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and "Signaalambassadeurs</h2>" in response.content.decode()
    warm(staff_client, url)
    SignalAmbassador.objects.for_zone(zone).update(active_to=timezone.localdate() - dt.timedelta(days=1))
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and "beëindigd" in response.content.decode()
    assert same_page(response.content, fresh(staff_client, url))
    warm(staff_client, url)
    Organisation.objects.for_zone(zone).filter(pk=org.pk).update(name="Dienstencentrum Nieuwe Naam")
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"Nieuwe Naam" in response.content


@pytest.mark.parametrize("other", ["other_staff", "secretary", "partner", "anonymous"])
def test_no_other_zones_staff_or_lower_level_gets_the_organisation_page(
    client_as: Any, users: Any, org: Organisation, other: str
) -> None:
    url = page_of(org)
    warm(client_as("staff"), url)
    client = client_as(other)
    for _ in range(2):
        response = client.get(url)
        assert state(response) != "staff-hit"
        assert b"Proefhuis" not in response.content
        assert response.status_code in (302, 403, 404)


def test_an_organisation_page_with_an_undeclared_card_is_not_cached(
    staff_client: Client, org: Organisation, connect: Any
) -> None:
    connect(
        lambda **kw: Panel("test-undeclared", "network/_dashboard_directory.html", 999, kinds=()),
        "test-org-undeclared",
    )
    for _ in range(3):
        response = staff_client.get(page_of(org))
        assert response.status_code == 200 and state(response) is None


def test_a_declared_card_that_breaks_its_declaration_is_never_stored(
    staff_client: Client, org: Organisation, connect: Any
) -> None:
    counting = Counting(lambda: Panel("test-no-kinds", "network/_dashboard_directory.html", 999))
    connect(counting.receiver, "test-org-broken")
    for _ in range(3):
        response = staff_client.get(page_of(org))
        assert response.status_code == 200 and state(response) is None
    assert counting.calls == 3  # rendered every time
