"""The cheap floor of a cached public page: the zone lookup and the cache hit do only what they must.

- the zone query's SQL and converters are worked out once per connection, the zone it gives equals
  the ORM's, and every call reads the committed generations (no cache between requests);
- a hit carries the same headers as the miss that stored it, without working them out again;
- a request without a query string builds no filtered copy of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from zorgraad.core import pagecache, zonequery
from zorgraad.core.models import PageGeneration
from zorgraad.zones.models import Zone


@pytest.fixture(autouse=True)
def _real_cache(settings: Any) -> Iterator[None]:
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_zone_lookup_equals_the_orm_and_reads_every_generation(zones: dict[str, Any]) -> None:
    zone = zones["amalo"]
    PageGeneration.raise_(zone.pk, "socialmap")
    PageGeneration.raise_(None, "reference")
    PageGeneration.raise_(zones["amalo"].pk, "reference")
    found = pagecache.zone_with_generations("amalo")
    orm = Zone.objects.get(pk=zone.pk)
    for field in Zone._meta.concrete_fields:
        mine, theirs = getattr(found, field.attname), getattr(orm, field.attname)
        assert mine == theirs and type(mine) is type(theirs), field.name
    assert found.page_generations == {"socialmap": 1, "reference": 2}
    assert found._state.adding is False and found._state.db == "default"
    assert pagecache.zone_with_generations("bestaat-niet") is None
    Zone.objects.filter(pk=zone.pk).update(is_active=False)
    assert pagecache.zone_with_generations("amalo") is None


@pytest.mark.django_db
def test_zone_query_is_planned_once_per_connection(zones: dict[str, Any], monkeypatch: Any) -> None:
    connections["default"].__dict__.pop("_zorgraad_zone_plan", None)
    planned: list[Any] = []
    real = zonequery._zone_plan
    monkeypatch.setattr(zonequery, "_zone_plan", lambda conn: planned.append(conn) or real(conn))
    for _ in range(3):
        assert pagecache.zone_with_generations("amalo").slug == "amalo"
    assert planned == [connections["default"]]


@pytest.mark.django_db
def test_every_lookup_reads_the_committed_generations(zones: dict[str, Any]) -> None:
    """No cache between lookups: a raise written by another process (plain SQL here) shows at once."""
    zone = zones["amalo"]
    PageGeneration.raise_(zone.pk, "directory")
    assert pagecache.zone_with_generations("amalo").page_generations["directory"] == 1
    table = connection.ops.quote_name(PageGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = 41 WHERE zone_id = %s AND kind = 'directory'", [zone.pk])
    assert pagecache.zone_with_generations("amalo").page_generations["directory"] == 41


@pytest.mark.django_db(transaction=True)
def test_a_hit_has_the_headers_of_the_miss_without_working_them_out(
    zones: dict[str, Any], monkeypatch: Any
) -> None:
    client = Client()
    page = reverse("network:socialmap", kwargs={"zone": "amalo"})
    miss = client.get(page)
    assert miss["X-Zorgraad-Cache"] == "miss"

    def no_dates(*args: Any) -> str:
        raise AssertionError("a hit works out no dates")

    monkeypatch.setattr(pagecache, "http_date", no_dates)
    hit = client.get(page)
    assert hit["X-Zorgraad-Cache"] == "hit"
    assert hit.content == miss.content
    same = {k: v for k, v in miss.headers.items() if k != "X-Zorgraad-Cache"}
    assert {k: v for k, v in hit.headers.items() if k != "X-Zorgraad-Cache"} == same
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type"):
        assert hit[header] == miss[header]
    monkeypatch.undo()
    # conditional requests still answer 304
    assert client.get(page, HTTP_IF_NONE_MATCH=miss["ETag"]).status_code == 304
    assert client.get(page, HTTP_IF_MODIFIED_SINCE=miss["Last-Modified"]).status_code == 304


@pytest.mark.django_db(transaction=True)
def test_an_entry_stored_before_the_headers_were_kept_is_still_served(zones: dict[str, Any]) -> None:
    from django.core.cache import cache

    client = Client()
    page = reverse("meetings:body_index", kwargs={"zone": "amalo"})  # a page that tracks no records
    miss = client.get(page)
    (key,) = [k for k in cache._cache if "page:" in k]  # type: ignore[attr-defined]
    raw_key = key.split(":", 2)[2]  # LocMemCache stores ':1:<key>'
    content, content_type, _extra, stamp, _records = cache.get(raw_key)
    cache.set(raw_key, (content, content_type, {}, stamp))  # the old layout: no headers kept
    hit = client.get(page)
    assert hit["X-Zorgraad-Cache"] == "hit"
    for header in ("ETag", "Last-Modified", "Cache-Control"):
        assert hit[header] == miss[header]


@pytest.mark.django_db(transaction=True)
def test_no_query_string_builds_no_filtered_copy(zones: dict[str, Any], monkeypatch: Any) -> None:
    client = Client()
    page = reverse("events:agenda", kwargs={"zone": "amalo"})
    assert client.get(page).status_code == 200

    class NoCopies:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise AssertionError("no query string: nothing to filter")

    monkeypatch.setattr(pagecache, "QueryDict", NoCopies)
    assert client.get(page)["X-Zorgraad-Cache"] == "hit"
    monkeypatch.undo()
    # with one, only the parameters the page reads are kept (and key the page)
    a = client.get(page + "?weergave=maand&utm_source=x")
    b = client.get(page + "?weergave=maand")
    assert a.content == b.content and b["X-Zorgraad-Cache"] == "hit"


def _generation(zone: Any, kind: str) -> int:
    row = PageGeneration.objects.filter(zone=zone, kind=kind).first()
    return row.value if row else 0


@pytest.mark.django_db(transaction=True)
def test_an_organisations_phone_leaves_meeting_pages_cached(zones: dict[str, Any]) -> None:
    """Meeting pages show an organisation's name and address, not its phone (the bench's public write)."""
    from zorgraad.network.models import Organisation

    zone = zones["amalo"]
    org = Organisation.objects.create(zone=zone, name="Wijkgezondheidscentrum De Brug")
    before = {k: _generation(zone, k) for k in ("meetings", "socialmap", "directory", "contacts")}
    org.phone = "053 11 22 33"  # autocommit: raised after the save's own commit
    org.save(update_fields=["phone"])
    assert _generation(zone, "meetings") == before["meetings"]  # bodies, meetings, feeds stay cached
    # the social map shows the phone, on the pages that show this organisation: a record kind
    # (core/pagerecords.py) raised with its id, instead of the whole social map and directory
    assert _generation(zone, "contacts") == before["contacts"] + 1
    assert _generation(zone, "socialmap") == before["socialmap"]
    assert _generation(zone, "directory") == before["directory"]
    for change in (["name"], ["street"], ["city"], None):
        org.name, org.street, org.city = org.name + "!", "Markt 1", "Aalst"
        org.save(update_fields=change)
        assert _generation(zone, "meetings") > before["meetings"], change
        before["meetings"] = _generation(zone, "meetings")
    # a queryset update raises it for the fields it sets
    Organisation.objects.for_zone(zone).filter(pk=org.pk).update(phone="053 00 00 00")
    assert _generation(zone, "meetings") == before["meetings"]
    Organisation.objects.for_zone(zone).filter(pk=org.pk).update(name="Wijkgezondheidscentrum Het Veer")
    assert _generation(zone, "meetings") > before["meetings"]


@pytest.mark.django_db
def test_a_page_of_every_kind_ignores_staff_only_kinds(zones: dict[str, Any]) -> None:
    zone = zones["amalo"]
    if "h2-staff-test" not in pagecache.STAFF_KINDS:
        pagecache.STAFF_KINDS.append("h2-staff-test")
    PageGeneration.raise_(zone.pk, "socialmap")
    found = pagecache.zone_with_generations("amalo")
    key = pagecache._scope(found, (pagecache.ALL,))
    PageGeneration.raise_(zone.pk, "h2-staff-test")
    assert pagecache._scope(pagecache.zone_with_generations("amalo"), (pagecache.ALL,)) == key
    PageGeneration.raise_(zone.pk, "socialmap")
    assert pagecache._scope(pagecache.zone_with_generations("amalo"), (pagecache.ALL,)) != key
