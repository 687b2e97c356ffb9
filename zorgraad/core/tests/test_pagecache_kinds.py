"""The page cache survives writes (issue 17): generations per kind of public data, keys from the
parameters a page reads, a bound in bytes, every write path raising the right kind, another process's
write seen at once, and conditional feeds."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from zorgraad.core import pagecache
from zorgraad.core.cache import BoundedLocMemCache
from zorgraad.governance.models import Body, Membership
from zorgraad.meetings.models import AgendaItem, Attendance, Meeting, MeetingStatus
from zorgraad.network.models import Affiliation, Offer, Organisation, Person, Theme


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def url(name: str, zone: str = "amalo", **kwargs: Any) -> str:
    return reverse(name, kwargs={"zone": zone, **kwargs})


def state(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return str(response["X-Zorgraad-Cache"])


@pytest.fixture
def world(zones: dict[str, Any]) -> dict[str, Any]:
    zone = zones["amalo"]
    org = Organisation.objects.create(zone=zone, name="Dienstencentrum De Linde")
    offer = Offer.objects.create(
        zone=zone, organisation=org, title="Wandelclub", description="Samen wandelen"
    )
    person = Person.objects.create(zone=zone, first_name="Ariane", last_name="Vleminckx")
    body = Body.objects.create(zone=zone, name="Forum Zorg", slug="forum-zorg", kind="forum", is_open=True)
    meeting = Meeting.objects.create(
        zone=zone,
        body=body,
        date=dt.date(2030, 3, 14),
        start_time=dt.time(13, 30),
        end_time=dt.time(16),
        status=MeetingStatus.PLANNED,
    )
    pages = {
        "socialmap": url("network:socialmap"),
        "offer_page": url("network:socialmap_offer", pk=offer.pk),
        "bodies": url("meetings:body_index"),
        "meeting_page": url("meetings:meeting_public", body=body.slug, pk=meeting.pk),
        "ics": url("meetings:zone_ics"),
        "home": url("zones:home"),
    }
    return {
        "zone": zone,
        "org": org,
        "offer": offer,
        "person": person,
        "body": body,
        "meeting": meeting,
        **pages,
    }


def warm(client: Client, world: dict[str, Any], *names: str) -> None:
    for name in names:
        client.get(world[name])
        assert state(client, world[name]) == "hit", name


PUBLIC = ("socialmap", "offer_page", "bodies", "meeting_page", "ics", "home")


@pytest.mark.django_db(transaction=True)
def test_writes_to_staff_only_data_clear_nothing_public(world: dict[str, Any], users: dict[str, Any]) -> None:
    client = Client()
    zone, person, org = world["zone"], world["person"], world["org"]
    warm(client, world, *PUBLIC)
    person.phone = "02 123 45 67"
    person.save(update_fields=["phone"])  # a phone number is on no public page
    Affiliation.objects.create(zone=zone, person=person, organisation=org, function="coördinator")
    Person.objects.for_zone(zone).update(email_bounced=True)  # a bulk write of a staff-only field
    from zorgraad.governance.models import MandateCall

    MandateCall.objects.create(
        zone=zone,
        body=world["body"],
        title="Oproep",
        deadline=dt.date(2030, 1, 1),
        mandate_start=dt.date(2030, 2, 1),
    )
    assert {name: state(client, world[name]) for name in PUBLIC} == dict.fromkeys(PUBLIC, "hit")


@pytest.mark.django_db(transaction=True)
def test_a_write_clears_the_kinds_it_changes_and_no_others(world: dict[str, Any]) -> None:
    client = Client()
    warm(client, world, *PUBLIC)
    offer = world["offer"]
    offer.title = "Wandelgroep"
    offer.save()
    assert state(client, world["socialmap"]) == "miss" and state(client, world["offer_page"]) == "miss"
    assert "Wandelgroep" in client.get(world["offer_page"]).content.decode()
    assert state(client, world["meeting_page"]) == "hit" and state(client, world["ics"]) == "hit"
    meeting = world["meeting"]
    meeting.title = "Forum in de lente"
    meeting.save()
    assert state(client, world["meeting_page"]) == "miss" and state(client, world["ics"]) == "miss"
    assert state(client, world["socialmap"]) == "hit"
    # A person's name is on public meeting pages: renaming raises "meetings", not the social map.
    person = world["person"]
    person.last_name = "Vleminckx-Aerts"
    person.save()
    assert state(client, world["meeting_page"]) == "miss" and state(client, world["socialmap"]) == "hit"


@pytest.mark.django_db(transaction=True)
def test_bulk_writes_of_agendas_and_attendance_raise_meetings(world: dict[str, Any]) -> None:
    """Building an agenda and adding members to the attendance list are bulk_creates: no post_save."""
    client = Client()
    zone, meeting, person = world["zone"], world["meeting"], world["person"]
    warm(client, world, "meeting_page", "ics", "socialmap")
    AgendaItem.objects.bulk_create(
        [AgendaItem(zone=zone, meeting=meeting, order=1, title="Vast punt: welkom")]
    )
    assert state(client, world["meeting_page"]) == "miss" and state(client, world["ics"]) == "miss"
    warm(client, world, "meeting_page")
    Attendance.objects.bulk_create([Attendance(zone=zone, meeting=meeting, person=person)])
    assert state(client, world["meeting_page"]) == "miss"
    warm(client, world, "meeting_page")
    Membership.objects.bulk_create([Membership(zone=zone, body=world["body"], person=person)])
    assert state(client, world["meeting_page"]) == "miss"
    assert state(client, world["socialmap"]) == "hit"


@pytest.mark.django_db(transaction=True)
def test_reference_tables_raise_every_zones_pages(world: dict[str, Any], zones: dict[str, Any]) -> None:
    client = Client()
    theirs = url("network:socialmap", zone="zennevallei")
    warm(client, world, "socialmap")
    client.get(theirs)
    Theme.objects.create(name="Levensbeschouwing", slug="levensbeschouwing")
    assert state(client, world["socialmap"]) == "miss" and state(client, theirs) == "miss"
    # the shared search words are written in bulk (no post_save) and raise it too
    from zorgraad.network.models import SearchSynonym
    from zorgraad.network.services.search import search_synonym_defaults_sync

    warm(client, world, "socialmap")
    SearchSynonym.objects.filter(zone__isnull=True).delete()  # one post_delete per row: raised here
    warm(client, world, "socialmap")
    assert search_synonym_defaults_sync() > 0
    assert state(client, world["socialmap"]) == "miss"


@pytest.mark.django_db(transaction=True)
def test_key_holds_only_the_parameters_the_page_reads(world: dict[str, Any]) -> None:
    client = Client()
    base = world["socialmap"]
    assert state(client, base + "?q=wandel&utm_source=nieuwsbrief") == "miss"
    assert state(client, base + "?utm_source=x&q=wandel&fbclid=123") == "hit"
    assert state(client, base + "?q=wandel") == "hit"
    assert state(client, base + "?q=koffie") == "miss"
    # junk parameters on a page that reads none all land on one entry
    assert state(client, world["bodies"] + "?a=1") == "miss"
    for junk in ("?a=2", "?b=3", "?zzz=%3Cscript%3E"):
        assert state(client, world["bodies"] + junk) == "hit"


@pytest.mark.django_db(transaction=True)
def test_pages_larger_than_the_bound_are_not_stored(world: dict[str, Any], monkeypatch: Any) -> None:
    client = Client()
    monkeypatch.setattr(pagecache, "MAX_PAGE_BYTES", 100)
    assert state(client, world["socialmap"]) == "miss"
    assert state(client, world["socialmap"]) == "miss"


def test_local_memory_cache_is_bounded_in_bytes() -> None:
    store = BoundedLocMemCache("bounded-test", {"OPTIONS": {"MAX_BYTES": 10_000, "MAX_ENTRIES": 100_000}})
    store.clear()
    for n in range(100):
        store.set(f"page-{n}", b"x" * 1000)
    assert store.total_bytes <= 10_000
    assert store.get("page-99") is not None and store.get("page-0") is None
    store.get("page-91")  # used lately: kept when newer pages push the oldest out
    for n in range(100, 105):
        store.set(f"page-{n}", b"y" * 1000)
    assert store.get("page-91") is not None
    store.clear()
    assert store.total_bytes == 0


@pytest.mark.django_db(transaction=True)
def test_no_stale_public_page_after_a_write_in_another_process(
    world: dict[str, Any], monkeypatch: Any
) -> None:
    """Process A caches the page; process B (its own database connection and its own cache client on
    the same backend: LocMem of one location, or the Redis server with REDIS_URL) commits a write;
    A's next request shows it."""
    client = Client()
    warm(client, world, "socialmap", "offer_page")
    errors: list[BaseException] = []

    def other_process() -> None:
        try:
            offer = Offer.objects.for_zone(world["zone"]).get(pk=world["offer"].pk)
            offer.title = "Wandelclub op zondag"
            offer.save()
        except BaseException as exc:  # noqa: BLE001 - reported in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=other_process)
    worker.start()
    worker.join()
    assert not errors
    # another cache client on the same backend, as in another process
    other_client = caches.create_connection("default")
    monkeypatch.setattr(pagecache, "cache", other_client)
    response = client.get(world["offer_page"])
    assert response["X-Zorgraad-Cache"] == "miss"
    assert "Wandelclub op zondag" in response.content.decode()
    assert state(client, world["offer_page"]) == "hit"


@pytest.mark.django_db(transaction=True)
def test_feeds_are_cached_and_conditional(world: dict[str, Any]) -> None:
    client = Client()
    first = client.get(world["ics"])
    assert first.status_code == 200 and first["Content-Type"].startswith("text/calendar")
    assert first["ETag"] and first["Last-Modified"] and first["Cache-Control"] == "no-cache"
    again = client.get(world["ics"])
    assert again["X-Zorgraad-Cache"] == "hit" and again["Content-Disposition"] == first["Content-Disposition"]
    assert again.content == first.content
    assert client.get(world["ics"], HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(world["ics"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(world["ics"], HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200
    meeting = world["meeting"]
    meeting.title = "Verplaatst forum"
    meeting.save()
    changed = client.get(world["ics"], HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Verplaatst forum" in changed.content.decode()
    for name in ("meetings:body_ics",):
        feed = url(name, body=world["body"].slug)
        tag = client.get(feed)["ETag"]
        assert client.get(feed, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_apps_declare_their_own_kinds() -> None:
    pagecache.register_kind("testkind")
    pagecache.register_model("tests.Thing", "testkind", fields={"title"})
    assert pagecache.kinds_for("tests.Thing") == ("testkind",)
    assert pagecache.kinds_for("tests.Thing", ["title"]) == ("testkind",)
    assert pagecache.kinds_for("tests.Thing", ["note"]) == ()
    assert pagecache.kinds_for("tests.Undeclared") == (pagecache.ZONE,)
    with pytest.raises(ValueError):
        pagecache.register_model("tests.Other", "no-such-kind")
    with pytest.raises(ValueError):
        pagecache.cache_public_page(kinds=("no-such-kind",))
