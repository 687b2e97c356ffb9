"""Record kinds (core/pagerecords.py): a partner's new phone number renders again only the public pages
that show that partner (issue 17: public pages while a zone is edited), never a stale page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zorgraad.core import pagecache, pagerecords
from zorgraad.core.models import PageGeneration, RecordChange
from zorgraad.network.models import Offer, Organisation
from zorgraad.network.services import directory

pytestmark = pytest.mark.django_db(transaction=True)  # the generations are raised after commit


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    pagerecords.forget()
    yield
    cache.clear()
    pagerecords.forget()


def get(path: str, **headers: Any) -> tuple[str, str, Any]:
    response = Client().get(path, **headers)
    assert response.status_code in (200, 304), path
    return str(response.get("X-Zorgraad-Cache", "")), response.content.decode(errors="replace"), response


def state(path: str) -> str:
    return get(path)[0]


@pytest.fixture
def world(zone: Any) -> dict[str, Any]:
    walk = Organisation.objects.create(zone=zone, name="Wandelvereniging De Stapper", phone="053 11 11 11")
    talk = Organisation.objects.create(zone=zone, name="Praathuis Het Anker", phone="053 22 22 22")
    parent = Organisation.objects.create(zone=zone, name="Huis van het Kind Aalst", phone="053 33 33 33")
    child = Organisation.objects.create(zone=zone, name="Speelotheek Tuimel", parent=parent)
    offers = {
        "walk": Offer.objects.create(
            zone=zone, organisation=walk, title="Wandelclub voor senioren", description="Samen wandelen"
        ),
        "talk": Offer.objects.create(
            zone=zone, organisation=talk, title="Praatcafé dementie", description="Lotgenoten praten"
        ),
        "toys": Offer.objects.create(
            zone=zone, organisation=child, title="Speelgoed lenen", description="Speelotheek voor gezinnen"
        ),
    }
    z = {"zone": zone.slug}
    socialmap = reverse("network:socialmap", kwargs=z)
    pages = {name: reverse("network:socialmap_offer", kwargs={**z, "pk": o.pk}) for name, o in offers.items()}
    pages |= {
        "search walk": socialmap + "?q=wandelclub",
        "search talk": socialmap + "?q=praatcafe",
        "card talk": reverse("network:socialmap_offer_card", kwargs={**z, "pk": offers["talk"].pk}),
        "social map": socialmap,
    }
    for name, path in pages.items():
        get(path)
        assert state(path) == "hit", name
    assert (
        "053 11 11 11" in get(pages["search walk"])[1] and "053 11 11 11" not in get(pages["search talk"])[1]
    )
    return {"zone": zone, "walk": walk, "talk": talk, "parent": parent, "child": child, "pages": pages}


def states(world: dict[str, Any]) -> dict[str, str]:
    return {name: state(path) for name, path in world["pages"].items()}


def test_a_phone_change_renders_again_only_the_pages_that_show_that_partner(world: dict[str, Any]) -> None:
    walk = world["walk"]
    walk.phone = "053 99 99 99"
    walk.save(update_fields=["phone"])
    pages = world["pages"]
    seen = states(world)
    assert seen["walk"] == "miss" and seen["search walk"] == "miss" and seen["social map"] == "miss"
    assert seen["talk"] == "hit" and seen["search talk"] == "hit" and seen["card talk"] == "hit"
    assert seen["toys"] == "hit"
    for name in ("walk", "search walk", "social map"):
        page = get(pages[name])[1]
        assert "053 99 99 99" in page and "053 11 11 11" not in page, name


@pytest.mark.parametrize("field,value", [("email", "nieuw@stapper.be"), ("website", "https://stapper.be")])
def test_an_email_or_website_change_too(world: dict[str, Any], field: str, value: str) -> None:
    walk = world["walk"]
    setattr(walk, field, value)
    walk.save(update_fields=[field, "updated_at"])
    assert state(world["pages"]["talk"]) == "hit"
    assert state(world["pages"]["walk"]) == "miss"
    assert value.removeprefix("https://") in get(world["pages"]["walk"])[1]


def test_a_parents_phone_reaches_the_pages_of_its_childrens_offers(world: dict[str, Any]) -> None:
    """An offer without contact details shows its organisation's, else the parent's: the page read it."""
    assert "053 33 33 33" in get(world["pages"]["toys"])[1]
    parent = world["parent"]
    parent.phone = "053 44 44 44"
    parent.save(update_fields=["phone"])
    assert state(world["pages"]["talk"]) == "hit"
    assert "053 44 44 44" in get(world["pages"]["toys"])[1]


def test_a_partner_confirming_its_details_clears_only_its_own_pages(world: dict[str, Any]) -> None:
    talk = world["talk"]
    talk.last_confirmed_at = timezone.now()
    talk.save(update_fields=["last_confirmed_at", "updated_at"])  # as self-service does
    seen = states(world)
    assert seen["walk"] == "hit" and seen["talk"] == "miss" and seen["card talk"] == "miss"


def test_every_other_write_of_an_organisation_clears_the_whole_social_map(world: dict[str, Any]) -> None:
    zone, walk = world["zone"], world["walk"]
    writes = [
        lambda: walk.save(),  # a full save: which fields changed is not known
        lambda: walk.save(update_fields=["phone", "name"]),  # the name decides what a search finds
        lambda: Organisation.objects.for_zone(zone).filter(pk=walk.pk).update(phone="053 00 00 00"),
        lambda: Organisation.objects.for_zone(zone).bulk_update([walk], ["phone"]),
        lambda: Organisation.objects.create(zone=zone, name="Nieuwe partner"),
        lambda: Organisation.objects.for_zone(zone).filter(name="Nieuwe partner").delete(),
        lambda: walk.municipalities.add(*zone.municipalities_on()[:1]),
    ]
    for i, write in enumerate(writes):
        write()
        assert state(world["pages"]["talk"]) == "miss", i
        assert state(world["pages"]["talk"]) == "hit", i


def test_the_staff_form_writes_only_what_changed(world: dict[str, Any], users: dict[str, Any]) -> None:
    """The organisation form saves every field; the service writes only those that differ."""
    zone, walk, staff_user = world["zone"], world["walk"], users["staff"]
    fresh = Organisation.objects.for_zone(zone).get(pk=walk.pk)
    data = {f: getattr(fresh, f) for f in directory.ORGANISATION_FIELDS}
    data |= {"phone": "053 12 34 56", "clusters": list(fresh.clusters.all())}
    data["municipalities"] = list(fresh.municipalities.all())
    directory.organisation_update(zone=zone, actor=staff_user, organisation=fresh, data=data)
    assert state(world["pages"]["talk"]) == "hit"
    assert "053 12 34 56" in get(world["pages"]["walk"])[1]
    stored = Organisation.objects.for_zone(zone).get(pk=walk.pk)
    assert stored.phone == "053 12 34 56" and stored.name == walk.name and stored.updated_at > walk.updated_at
    from zorgraad.core.models import AuditEntry

    entry = AuditEntry.objects.for_zone(zone).filter(object_id=walk.pk, action="updated").latest("pk")
    assert entry.changes == {"phone": ["053 11 11 11", "053 12 34 56"]}
    # a new name is more than contact details: the whole social map again
    data |= {"phone": "053 12 34 56", "name": "Wandelvereniging De Stapvoet"}
    directory.organisation_update(zone=zone, actor=staff_user, organisation=fresh, data=data)
    assert state(world["pages"]["talk"]) == "miss"
    assert Organisation.objects.for_zone(zone).get(pk=walk.pk).name == "Wandelvereniging De Stapvoet"


def test_a_write_in_another_zone_clears_nothing_here(world: dict[str, Any], zones: dict[str, Any]) -> None:
    other = Organisation.objects.create(zone=zones["zennevallei"], name="Elders", phone="02 111 11 11")
    assert state(world["pages"]["talk"]) == "hit"  # a coarse write of that zone only
    other.phone = "02 222 22 22"
    other.save(update_fields=["phone"])
    # the same organisation id logged for another zone does not touch this zone's pages
    assert RecordChange.objects.filter(zone=zones["zennevallei"], record_id=other.pk).exists()
    assert not RecordChange.objects.filter(zone=world["zone"]).exists()
    assert states(world)["talk"] == "hit"


def test_a_rolled_back_write_raises_and_logs_nothing(world: dict[str, Any]) -> None:
    walk = world["walk"]
    before = PageGeneration.objects.filter(kind=pagecache.CONTACTS).count()
    with pytest.raises(RuntimeError), transaction.atomic():
        walk.phone = "053 55 55 55"
        walk.save(update_fields=["phone"])
        raise RuntimeError("rolled back")
    assert PageGeneration.objects.filter(kind=pagecache.CONTACTS).count() == before
    assert not RecordChange.objects.exists()
    assert states(world)["walk"] == "hit"
    walk.refresh_from_db()
    walk.phone = "053 66 66 66"  # and the next committed write is seen
    walk.save(update_fields=["phone"])
    assert "053 66 66 66" in get(world["pages"]["walk"])[1]


def test_a_process_that_cannot_tell_what_changed_renders_again(world: dict[str, Any]) -> None:
    """Another process reads the log itself; a pruned log or a generation that went back (a restored
    database) means unknown: every tracked page is rendered again, none is stale."""
    walk = world["walk"]
    walk.phone = "053 77 77 77"
    walk.save(update_fields=["phone"])
    RecordChange.objects.all().delete()  # pruned before this process read it
    pagerecords.forget()
    assert state(world["pages"]["talk"]) == "miss"
    assert state(world["pages"]["talk"]) == "hit"
    # the generation goes back: unknown as well
    PageGeneration.objects.filter(zone=world["zone"], kind=pagecache.CONTACTS).update(value=0)
    assert state(world["pages"]["talk"]) == "miss"
    # a raise without ids (a service that bumps the kind itself): every record counts as changed
    pagerecords.raise_with_log(world["zone"].pk, pagecache.CONTACTS, [None])
    assert state(world["pages"]["talk"]) == "miss"


def test_the_log_is_read_once_per_process_and_generation(world: dict[str, Any]) -> None:
    walk = world["walk"]
    walk.phone = "053 88 88 88"
    walk.save(update_fields=["phone"])
    with CaptureQueriesContext(connection) as first:
        assert state(world["pages"]["talk"]) == "hit"
    with CaptureQueriesContext(connection) as second:
        assert state(world["pages"]["search talk"]) == "hit"
    assert len(first) == 2 and "recordchange" in first[1]["sql"].lower()  # the zone, then the log
    assert len(second) == 1  # the zone (and its generations) only


def test_conditional_requests_never_get_a_304_for_a_changed_page(world: dict[str, Any]) -> None:
    pages = world["pages"]
    walk_tag, talk_tag = get(pages["walk"])[2]["ETag"], get(pages["talk"])[2]["ETag"]
    assert get(pages["walk"], HTTP_IF_NONE_MATCH=walk_tag)[2].status_code == 304
    walk = world["walk"]
    walk.phone = "053 10 10 10"
    walk.save(update_fields=["phone"])
    _, page, response = get(pages["walk"], HTTP_IF_NONE_MATCH=walk_tag)
    assert response.status_code == 200 and "053 10 10 10" in page
    _, _, response = get(pages["talk"], HTTP_IF_NONE_MATCH=talk_tag)  # a new ETag: sent again
    assert response.status_code == 200 and response["X-Zorgraad-Cache"] == "hit"
    assert get(pages["talk"], HTTP_IF_NONE_MATCH=response["ETag"])[2].status_code == 304


def test_the_public_api_is_cleared_by_any_contact_write(world: dict[str, Any]) -> None:
    """The API searches the staff search text (it holds the e-mail address): it keeps the kind in its key."""
    path = f"/api/v1/zones/{world['zone'].slug}/organisations"
    get(path)
    assert state(path) == "hit"
    talk = world["talk"]
    talk.email = "info@anker.be"
    talk.search_text = talk.build_search_text()
    talk.save(update_fields=["email", "search_text"])
    found, body, _ = get(path + "?q=anker.be")
    assert "info@anker.be" in body
    assert state(path) == "miss"


def test_the_log_is_pruned_after_an_hour(world: dict[str, Any], monkeypatch: Any) -> None:
    zone = world["zone"]
    RecordChange.objects.create(zone=zone, kind=pagecache.CONTACTS, value=1, record_id=1)
    RecordChange.objects.filter(value=1).update(created_at=timezone.now() - dt.timedelta(hours=2))
    monkeypatch.setattr(pagerecords, "PRUNE_EVERY", 1)
    pagerecords.raise_with_log(zone.pk, pagecache.CONTACTS, [world["walk"].pk])
    assert list(RecordChange.objects.values_list("record_id", flat=True)) == [world["walk"].pk]


def test_a_page_that_tracks_records_must_name_its_kinds() -> None:
    with pytest.raises(ValueError):
        pagecache.cache_public_page(records=(pagecache.CONTACTS,))
    with pytest.raises(ValueError):
        pagecache.register_record_kind("socialmap", "network.Organisation", fields={"phone"}, covers=())
    with pytest.raises(ValueError):
        pagecache.register_record_kind(
            "x-contacts", "network.Organisation", fields={"phone"}, covers=("nope",)
        )
