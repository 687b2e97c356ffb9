"""Public pages are cached until a write in the zone raises its generation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.network.models import Offer, Organisation


def socialmap_generation(zone: Any) -> int:
    from zorgraad.core.models import PageGeneration

    row = PageGeneration.objects.filter(zone=zone, kind="socialmap").first()
    return row.value if row else 0


@pytest.fixture(autouse=True)
def _real_cache(settings: Any) -> Iterator[None]:
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()  # LocMem instances of one LOCATION share their store
    yield
    cache.clear()


def socialmap(zone: str = "amalo") -> str:
    return reverse("network:socialmap", kwargs={"zone": zone})


@pytest.mark.django_db(transaction=True)
def test_second_visit_is_served_from_cache_with_one_query(
    zones: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = Client()
    first = client.get(socialmap())
    assert first["X-Zorgraad-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the zone row, which carries the generation
        second = client.get(socialmap())
    assert second["X-Zorgraad-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.django_db(transaction=True)
def test_a_write_in_the_zone_shows_at_once(zones: dict[str, Any]) -> None:
    client = Client()
    zone = zones["amalo"]
    org = Organisation.objects.create(zone=zone, name="Dienstencentrum Het Anker")
    assert "Wandelclub" not in client.get(socialmap()).content.decode()
    generation = socialmap_generation(zone)
    Offer.objects.create(
        zone=zone,
        organisation=org,
        title="Wandelclub",
        description="Samen wandelen",
        search_text="wandelclub",
    )
    assert socialmap_generation(zone) == generation + 1
    response = client.get(socialmap())
    assert response["X-Zorgraad-Cache"] == "miss"
    assert "Wandelclub" in response.content.decode()
    # a bulk update bumps too
    Offer.objects.for_zone(zone).update(title="Wandelgroep")
    assert "Wandelgroep" in client.get(socialmap()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_write_in_another_zone_keeps_the_cache(zones: dict[str, Any]) -> None:
    client = Client()
    client.get(socialmap())
    Organisation.objects.create(zone=zones["zennevallei"], name="Elders")
    assert client.get(socialmap())["X-Zorgraad-Cache"] == "hit"


@pytest.mark.django_db
def test_logged_in_users_and_visitors_with_messages_are_not_cached(client_as: Any) -> None:
    staff = client_as("staff")
    staff.get(socialmap())
    assert "X-Zorgraad-Cache" not in staff.get(socialmap())
    anon = Client()
    anon.cookies["messages"] = "x"
    assert "X-Zorgraad-Cache" not in anon.get(socialmap())


@pytest.mark.django_db
def test_public_pages_carry_no_csrf_token_and_language_switch_is_a_link(
    client: Any, zones: dict[str, Any]
) -> None:
    html = client.get(socialmap()).content.decode()
    assert "csrfmiddlewaretoken" not in html
    response = client.get(reverse("switch_language") + "?taal=en&next=/amalo/")
    assert response.status_code == 302 and response["Location"] == "/amalo/"
    assert "Social map" in client.get("/amalo/").content.decode()
    # no open redirect
    assert client.get(reverse("switch_language") + "?taal=en&next=https://evil.example/")["Location"] == "/"


@pytest.mark.django_db(transaction=True)
def test_start_page_is_cached_until_a_zone_changes(zones: dict[str, Any]) -> None:
    client = Client()
    client.get("/")
    assert client.get("/")["X-Zorgraad-Cache"] == "hit"
    zone = zones["waasland"]
    zone.name = "Waasland en Durme"
    zone.save()
    response = client.get("/")
    assert response["X-Zorgraad-Cache"] == "miss"
    assert "Waasland en Durme" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_public_api_is_cached_and_invalidated_but_people_never(zones: dict[str, Any], client_as: Any) -> None:
    client = Client()
    zone = zones["amalo"]
    org = Organisation.objects.create(zone=zone, name="Dienstencentrum Het Anker")
    url = "/api/v1/zones/amalo/offers"
    assert client.get(url).json()["count"] == 0
    assert client.get(url)["X-Zorgraad-Cache"] == "hit"
    Offer.objects.create(zone=zone, organisation=org, title="Wandelclub", description="Samen wandelen")
    assert client.get(url).json()["count"] == 1
    # people are for staff only and never cached
    staff = client_as("staff")
    response = staff.get("/api/v1/zones/amalo/people")
    assert response.status_code == 200 and "X-Zorgraad-Cache" not in response
    assert "X-Zorgraad-Cache" not in client.get("/api/v1/zones/amalo/people")


@pytest.mark.django_db(transaction=True)
def test_bulk_create_and_bulk_update_raise_the_generation(zones: dict[str, Any]) -> None:
    client = Client()
    zone = zones["amalo"]
    org = Organisation.objects.create(zone=zone, name="Dienstencentrum De Brug")
    assert client.get(socialmap())["X-Zorgraad-Cache"] == "miss"
    generation = socialmap_generation(zone)
    elsewhere = socialmap_generation(zones["waasland"])
    offers = Offer.objects.bulk_create(
        [
            Offer(zone=zone, organisation=org, title="Bulkwandeling", description="x", search_text="bulk"),
            Offer(zone=zone, organisation=org, title="Bulkcafé", description="x", search_text="bulk"),
        ]
    )
    assert socialmap_generation(zone) == generation + 1
    assert socialmap_generation(zones["waasland"]) == elsewhere
    assert "Bulkwandeling" in client.get(socialmap()).content.decode()
    for offer in offers:
        offer.title = offer.title.replace("Bulk", "Massa")
    Offer.objects.bulk_update(offers, ["title"])
    assert "Massawandeling" in client.get(socialmap()).content.decode()
