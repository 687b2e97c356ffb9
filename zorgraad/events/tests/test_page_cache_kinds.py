"""Event and registration writes raise only the `events` page-cache kind (issue 17): the agenda,
event page, iCal feeds and programme follow them at once; the social map and meeting pages stay
cached. And a write elsewhere (a body) leaves the agenda cached. (Organisation and offer writes
do clear the event pages: they depend on the `directory` kind for organisers' names.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.events import services
from zorgraad.events.models import Event
from zorgraad.network.models import Offer, Organisation

from .factories import make_event

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.sends_mail]


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


@pytest.fixture
def pages(zone: Any) -> dict[str, Any]:
    event = make_event(zone, title="Infolunch mantelzorg", capacity=1)
    org = Organisation.objects.create(zone=zone, name="Dienstencentrum De Linde")
    offer = Offer.objects.create(
        zone=zone, organisation=org, title="Wandelclub", description="Samen wandelen"
    )
    month = timezone.localdate(event.starts_at).strftime("%Y-%m")
    z = {"zone": zone.slug}
    return {
        "event": event,
        "offer": offer,
        "agenda": reverse("events:agenda", kwargs=z),
        "event_page": reverse("events:event_public", kwargs={**z, "pk": event.pk}),
        "agenda_ics": reverse("events:agenda_ics", kwargs=z),
        "event_ics": reverse("events:event_ics", kwargs={**z, "pk": event.pk}),
        "pdf": reverse("events:agenda_pdf", kwargs=z) + f"?maand={month}",
        "socialmap": reverse("network:socialmap", kwargs=z),
        "bodies": reverse("meetings:body_index", kwargs=z),
    }


EVENT_PAGES = ("agenda", "event_page", "agenda_ics", "event_ics", "pdf")
OTHER_PAGES = ("socialmap", "bodies")


def _warm(pages: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        _state(pages[name])
        assert _state(pages[name]) == "hit", name


def test_a_registration_refreshes_the_event_pages_and_leaves_the_social_map_cached(
    zone: Any, pages: dict[str, Any], mailoutbox: Any
) -> None:
    _warm(pages, EVENT_PAGES + OTHER_PAGES)
    assert "Nog 1 plaats vrij" in Client().get(pages["event_page"]).content.decode()
    services.registration_create(
        zone=zone, event=pages["event"], name="An Testpersoon", email="an@voorbeeld.be"
    )
    for name in OTHER_PAGES:
        assert _state(pages[name]) == "hit", name
    for name in EVENT_PAGES:
        assert _state(pages[name]) == "miss", name
    assert "Volzet" in Client().get(pages["event_page"]).content.decode()


def test_an_event_edit_refreshes_the_agenda_and_feeds_only(zone: Any, pages: dict[str, Any]) -> None:
    _warm(pages, EVENT_PAGES + OTHER_PAGES)
    Event.objects.for_zone(zone).filter(pk=pages["event"].pk).update(title="Infolunch verplaatst")
    for name in OTHER_PAGES:
        assert _state(pages[name]) == "hit", name
    for name in EVENT_PAGES:
        assert _state(pages[name]) == "miss", name
    assert b"Infolunch verplaatst" in Client().get(pages["agenda_ics"]).content


def test_a_meeting_write_leaves_the_agenda_and_event_pages_cached(zone: Any, pages: dict[str, Any]) -> None:
    from zorgraad.governance.models import Body

    _warm(pages, EVENT_PAGES + ("bodies",))
    Body.objects.create(zone=zone, name="Forum Zorg", slug="forum-zorg", kind="forum", is_open=True)
    assert _state(pages["bodies"]) == "miss"
    for name in EVENT_PAGES:
        assert _state(pages[name]) == "hit", name


def test_feeds_are_conditional_and_never_cached_downstream(pages: dict[str, Any]) -> None:
    first = Client().get(pages["agenda_ics"])
    assert first["Cache-Control"] == "no-cache"
    again = Client().get(pages["agenda_ics"], HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
