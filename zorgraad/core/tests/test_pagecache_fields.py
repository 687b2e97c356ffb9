"""Which writes of an organisation clear which public pages (issue 17, pagecache.register_field_kind).

The events agenda, event page and feeds show an organisation's name and address (organiser,
co-organisers, venue), not its phone, e-mail, website or description: they are keyed on the
`organisation-names` kind (network/hooks.py), raised only by writes that may touch those fields.
The social map shows everything of an organisation — its phone too, on the offer page AND on every
list and search page (the contact of each offer falls back to its organisation's) — so any write of
an organisation clears it. Each test shows that a page showing the changed field IS refreshed and
one that does not show it stays cached."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.events.models import Event
from zorgraad.events.tests.factories import make_event
from zorgraad.network.hooks import ORGANISATION_NAME_FIELDS, ORGANISATION_NAMES
from zorgraad.network.models import Offer, Organisation

pytestmark = pytest.mark.django_db(transaction=True)  # the generations are raised after commit


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def get(path: str) -> tuple[str, str]:
    response = Client().get(path)
    assert response.status_code == 200, path
    return str(response["X-Zorgraad-Cache"]), response.content.decode()


@pytest.fixture
def world(zone: Any) -> dict[str, Any]:
    org = Organisation.objects.create(
        zone=zone,
        name="Dienstencentrum De Linde",
        street="Lindestraat 4",
        postal_code="9300",
        city="Aalst",
        phone="053 11 22 33",
        email="info@delinde.be",
        website="https://delinde.be",
    )
    host = Organisation.objects.create(zone=zone, name="Ontmoetingshuis 't Pleintje", street="Markt 2")
    offer = Offer.objects.create(
        zone=zone, organisation=org, title="Wandelclub", description="Samen wandelen"
    )
    event = make_event(zone, title="Infolunch mantelzorg", organiser=org, venue="", venue_organisation=host)
    z = {"zone": zone.slug}
    return {
        "org": org,
        "host": host,
        "event": event,
        "event_pages": {
            "agenda": reverse("events:agenda", kwargs=z),
            "event page": reverse("events:event_public", kwargs={**z, "pk": event.pk}),
            "agenda feed": reverse("events:agenda_ics", kwargs=z),
            "event feed": reverse("events:event_ics", kwargs={**z, "pk": event.pk}),
        },
        "socialmap_pages": {
            "social map": reverse("network:socialmap", kwargs=z),
            "search": reverse("network:socialmap", kwargs=z) + "?q=wandelen",
            "offer page": reverse("network:socialmap_offer", kwargs={**z, "pk": offer.pk}),
        },
    }


def warm(pages: dict[str, str]) -> None:
    for name, path in pages.items():
        get(path)
        assert get(path)[0] == "hit", name


def test_event_pages_show_the_organisers_name_and_the_venues_address(world: dict[str, Any]) -> None:
    _, page = get(world["event_pages"]["event page"])
    assert "Dienstencentrum De Linde" in page and "Ontmoetingshuis" in page and "Markt 2" in page
    _, feed = get(world["event_pages"]["event feed"])
    assert "Markt 2" in feed
    # and the social map shows the phone on every one of its pages (list, search, offer)
    for name, path in world["socialmap_pages"].items():
        assert "053 11 22 33" in get(path)[1], name


@pytest.mark.parametrize(
    "field,value",
    [
        ("phone", "053 99 88 77"),
        ("email", "nieuw@delinde.be"),
        ("website", "https://linde.be"),
        ("description", "x"),
    ],
)
def test_a_contact_write_refreshes_the_social_map_and_leaves_event_pages_cached(
    world: dict[str, Any], field: str, value: str
) -> None:
    """The bench's public write (an organisation's phone) and its kin: not on the event pages."""
    warm(world["event_pages"] | world["socialmap_pages"])
    org = world["org"]
    setattr(org, field, value)
    org.save(update_fields=[field])
    for name, path in world["event_pages"].items():
        assert get(path)[0] == "hit", name
    for name, path in world["socialmap_pages"].items():
        state, page = get(path)
        assert state == "miss", name
        if field != "description":
            assert value in page, name


WRITES: dict[str, Callable[[dict[str, Any]], str]] = {}


def write(name: str) -> Callable[[Callable[[dict[str, Any]], str]], Callable[[dict[str, Any]], str]]:
    def register(func: Callable[[dict[str, Any]], str]) -> Callable[[dict[str, Any]], str]:
        WRITES[name] = func
        return func

    return register


@write("name, update_fields")
def _name(w: dict[str, Any]) -> str:
    w["org"].name = "Dienstencentrum De Eik"
    w["org"].save(update_fields=["name"])
    return "Dienstencentrum De Eik"


@write("venue street, update_fields")
def _street(w: dict[str, Any]) -> str:
    w["host"].street = "Kerkplein 9"
    w["host"].save(update_fields=["street"])
    return "Kerkplein 9"


@write("venue postal code and city, update_fields")
def _city(w: dict[str, Any]) -> str:
    w["host"].postal_code, w["host"].city = "9200", "Dendermonde"
    w["host"].save(update_fields=["postal_code", "city"])
    return "9200 Dendermonde"


@write("full save")
def _full(w: dict[str, Any]) -> str:
    w["org"].name = "Dienstencentrum Den Olm"
    w["org"].save()
    return "Dienstencentrum Den Olm"


@write("queryset update of the name")
def _update(w: dict[str, Any]) -> str:
    Organisation.objects.for_zone(w["org"].zone).filter(pk=w["org"].pk).update(name="Dienstencentrum Het Hof")
    return "Dienstencentrum Het Hof"


@write("delete of the venue")
def _delete(w: dict[str, Any]) -> str:
    w["host"].delete()  # the event keeps no venue: the page says so
    return "volgt nog"


@pytest.mark.parametrize("name", list(WRITES))
def test_a_name_or_address_write_refreshes_the_event_pages(world: dict[str, Any], name: str) -> None:
    pages = world["event_pages"]
    warm(pages)
    shown = WRITES[name](world)
    for page, path in pages.items():
        assert get(path)[0] == "miss", (name, page)
    assert shown in get(pages["event page"])[1]


def test_a_queryset_update_of_the_phone_leaves_event_pages_cached(world: dict[str, Any]) -> None:
    warm(world["event_pages"])
    Organisation.objects.for_zone(world["org"].zone).filter(pk=world["org"].pk).update(phone="053 00 00 00")
    for name, path in world["event_pages"].items():
        assert get(path)[0] == "hit", name
    assert "053 00 00 00" in get(world["socialmap_pages"]["offer page"])[1]


def test_an_event_write_still_refreshes_its_pages(world: dict[str, Any]) -> None:
    warm(world["event_pages"])
    Event.objects.for_zone(world["event"].zone).filter(pk=world["event"].pk).update(
        title="Infolunch verplaatst"
    )
    for name, path in world["event_pages"].items():
        assert get(path)[0] == "miss", name


def test_the_kind_is_declared_for_the_name_and_address_fields_only() -> None:
    from zorgraad.core import pagecache

    assert ORGANISATION_NAMES in pagecache.PUBLIC_KINDS
    assert pagecache.FIELD_KINDS["network.Organisation"][ORGANISATION_NAMES] == ORGANISATION_NAME_FIELDS
    for field in ("phone", "email", "website", "description", "last_confirmed_at"):
        assert ORGANISATION_NAMES not in pagecache.kinds_for("network.Organisation", [field]), field
    for field in ("name", "street", "city", "postal_code", "is_archived"):
        assert ORGANISATION_NAMES in pagecache.kinds_for("network.Organisation", [field]), field
    assert ORGANISATION_NAMES in pagecache.kinds_for("network.Organisation", None)
