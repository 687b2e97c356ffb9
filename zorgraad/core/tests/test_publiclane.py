"""The public lane (core/publiclane.py) answers a cached public page exactly as the whole stack does,
and only then: never to a session, never a page the stack would not serve from its cache, never an
unknown zone, never a page after a committed write that changed it."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse
from django.views.decorators.vary import vary_on_headers

from zorgraad.core import pagecache, permissions, publiclane, zonequery
from zorgraad.core.models import PageGeneration
from zorgraad.governance.models import Body
from zorgraad.meetings.models import Meeting, MeetingStatus
from zorgraad.network.models import Offer, Organisation

LANE = "zorgraad.core.publiclane.PublicLaneMiddleware"


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def stack_client() -> Client:
    """A client whose handler has the project's middleware without the lane (loaded on its first request)."""
    client = Client()
    with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != LANE]):
        assert client.get("/healthz/").status_code == 200
    return client


def lane_served(response: Any) -> bool:
    return bool(getattr(response, "public_lane", False))


@pytest.fixture
def world(zones: dict[str, Any]) -> dict[str, Any]:
    zone = zones["amalo"]
    org = Organisation.objects.create(zone=zone, name="Dienstencentrum De Linde", phone="053 11 22 33")
    offer = Offer.objects.create(
        zone=zone, organisation=org, title="Wandelclub", description="Samen wandelen"
    )
    body = Body.objects.create(zone=zone, name="Forum Zorg", slug="forum-zorg", kind="forum", is_open=True)
    meeting = Meeting.objects.create(
        zone=zone,
        body=body,
        date=dt.date(2030, 3, 14),
        start_time=dt.time(13, 30),
        end_time=dt.time(16),
        status=MeetingStatus.PLANNED,
    )
    z = {"zone": "amalo"}
    return {
        "offer": offer,
        "urls": [
            "/",
            reverse("zones:home", kwargs=z),
            reverse("network:socialmap", kwargs=z),
            reverse("network:socialmap", kwargs=z) + "?q=wandelen&utm_source=nieuwsbrief",
            reverse("network:socialmap_offer", kwargs={**z, "pk": offer.pk}),
            reverse("network:socialmap_offer_card", kwargs={**z, "pk": offer.pk}),
            reverse("meetings:body_index", kwargs=z),
            reverse("meetings:body_public", kwargs={**z, "body": body.slug}),
            reverse("meetings:meeting_public", kwargs={**z, "body": body.slug, "pk": meeting.pk}),
            reverse("meetings:zone_ics", kwargs=z),
            reverse("events:agenda", kwargs=z),
            reverse("events:agenda", kwargs=z) + "?weergave=maand",
        ],
    }


LANGUAGES: dict[str, dict[str, Any]] = {
    "default": {},
    "accept-language en": {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"},
    "accept-language fr then nl": {"HTTP_ACCEPT_LANGUAGE": "fr-BE, nl;q=0.8"},
    "language cookie en": {"HTTP_COOKIE": "django_language=en"},
    "bad language cookie": {"HTTP_COOKIE": "django_language=xx; _ga=GA1.2.3"},
}


def same(lane: Any, stack: Any, what: str) -> None:
    assert lane_served(lane), what
    assert not lane_served(stack), what
    assert (lane.status_code, lane.reason_phrase) == (stack.status_code, stack.reason_phrase), what
    assert dict(lane.headers) == dict(stack.headers), what
    assert lane.content == stack.content, what


def test_the_lane_is_on_with_the_projects_middleware() -> None:
    assert publiclane.lane_possible()
    after = settings.MIDDLEWARE[settings.MIDDLEWARE.index(LANE) + 1 :]
    assert tuple(after) == publiclane.MIRRORED


@pytest.mark.django_db
def test_a_hit_from_the_lane_equals_the_stacks_for_every_language_and_condition(
    world: dict[str, Any],
) -> None:
    lane, stack = Client(), stack_client()
    for url in world["urls"]:
        for language, extra in LANGUAGES.items():
            what = f"{url} ({language})"
            first = stack.get(url, **extra)
            assert first.status_code == 200 and first["X-Zorgraad-Cache"] in ("miss", "hit"), what
            same(lane.get(url, **extra), stack.get(url, **extra), what)
            conditions: list[dict[str, Any]] = [
                {"HTTP_IF_NONE_MATCH": first["ETag"]},
                {"HTTP_IF_NONE_MATCH": f'"nope", W/{first["ETag"]}'},
                {"HTTP_IF_NONE_MATCH": '"another-page"'},
                {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
                {"HTTP_IF_MODIFIED_SINCE": "Thu, 01 Jan 2015 00:00:00 GMT"},
            ]
            for condition in conditions:
                lane_response = lane.get(url, **extra, **condition)
                same(lane_response, stack.get(url, **extra, **condition), f"{what} {condition}")
    # the languages did give different pages (else this test compares one page five times)
    home = world["urls"][1]
    assert lane.get(home, HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"
    assert lane.get(home)["Content-Language"] == settings.LANGUAGE_CODE


@pytest.mark.django_db
def test_a_logged_in_user_never_gets_the_lanes_page(
    world: dict[str, Any], client_as: Callable[[str], Client]
) -> None:
    url = reverse("network:socialmap", kwargs={"zone": "amalo"})
    assert lane_served(Client().get(url)) is False  # the miss: the stack renders and stores it
    assert lane_served(Client().get(url))
    for role in ("staff", "partner"):
        client = client_as(role)
        response = client.get(url)
        assert response.status_code == 200 and not lane_served(response), role
        assert "X-Zorgraad-Cache" not in response, role  # rendered for them, not from the cache
        assert response.wsgi_request.user.is_authenticated
        assert b"csrfmiddlewaretoken" in response.content or b"csrf" in response.content.lower(), role
    staff = client_as("staff")
    home = staff.get(reverse("zones:dashboard", kwargs={"zone": "amalo"}))
    assert home.status_code == 200 and not lane_served(home)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie",
    [
        "sessionid=abc",  # a session, even one the server does not know
        "messages=W10:1tFake:sig",  # messages waiting
        "csrftoken=not-a-valid-token",  # the stack renews a malformed CSRF cookie
    ],
)
def test_a_personal_cookie_goes_to_the_stack(world: dict[str, Any], cookie: str) -> None:
    url = reverse("network:socialmap", kwargs={"zone": "amalo"})
    Client().get(url)
    assert lane_served(Client().get(url))
    response = Client().get(url, HTTP_COOKIE=cookie)
    assert response.status_code == 200 and not lane_served(response)


@pytest.mark.django_db
def test_what_the_stack_must_answer_goes_to_the_stack(world: dict[str, Any], monkeypatch: Any) -> None:
    client = Client()
    url = reverse("network:socialmap", kwargs={"zone": "amalo"})
    client.get(url)
    assert lane_served(client.get(url))
    # an unknown or inactive zone: the stack's 404
    unknown = client.get(url.replace("/amalo/", "/bestaat-niet/"))
    assert unknown.status_code == 404 and not lane_served(unknown)
    # not GET, htmx, another host, a path that resolves to nothing, a page that is not cached
    assert not lane_served(client.head(url))
    assert not lane_served(client.post(url))
    assert not lane_served(client.get(url, HTTP_HX_REQUEST="true"))
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400
    assert not lane_served(client.get("/amalo/bestaat-niet/"))
    assert not lane_served(client.get("/healthz/"))
    # a cached page whose URL is not public any more: the stack sends to the login page
    monkeypatch.setitem(permissions.URL_ROLES, "network:socialmap", permissions.STAFF)
    refused = client.get(url)
    assert refused.status_code == 302 and not lane_served(refused)


@pytest.mark.django_db(transaction=True)
def test_after_a_committed_write_the_lane_serves_the_new_page(world: dict[str, Any]) -> None:
    client = Client()
    url = reverse("network:socialmap_offer", kwargs={"zone": "amalo", "pk": world["offer"].pk})
    client.get(url)
    old = client.get(url)
    assert lane_served(old) and b"Wandelclub" in old.content
    offer = world["offer"]
    offer.title = "Fietsclub"
    offer.save()  # autocommit: the social map's generation is raised after the commit
    fresh = client.get(url)
    assert not lane_served(fresh) and fresh["X-Zorgraad-Cache"] == "miss"  # the stack renders it
    assert b"Fietsclub" in fresh.content
    again = client.get(url)
    assert lane_served(again) and again.content == fresh.content
    # the organisation's phone is on the page: its write clears it too
    Organisation.objects.for_zone(offer.zone).filter(pk=offer.organisation_id).update(phone="053 99 99 99")
    assert b"053 99 99 99" in client.get(url).content


def _plain(request: HttpRequest, zone: str) -> HttpResponse:
    return HttpResponse(f"pagina van {zone}")


urlpatterns = [
    path(
        "<slug:zone>/lane-plain/",
        pagecache.cache_public_page(kinds=(pagecache.ZONE,))(_plain),
        name="lane_plain",
    ),
    path(
        "<slug:zone>/lane-wrapped/",
        vary_on_headers("X-Proef")(pagecache.cache_public_page(kinds=(pagecache.ZONE,))(_plain)),
        name="lane_wrapped",
    ),
]


@pytest.mark.django_db
def test_a_cached_view_wrapped_once_more_goes_to_the_stack(zones: dict[str, Any], monkeypatch: Any) -> None:
    """Another decorator around the cache may add headers or refuse: the lane cannot know, so it leaves it."""
    module = types.ModuleType("lane_test_urls")
    module.urlpatterns = urlpatterns  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "lane_test_urls", module)
    monkeypatch.setitem(permissions.URL_ROLES, "lane_plain", permissions.PUBLIC)
    monkeypatch.setitem(permissions.URL_ROLES, "lane_wrapped", permissions.PUBLIC)
    with override_settings(ROOT_URLCONF="lane_test_urls"):
        client = Client()
        for name in ("lane_plain", "lane_wrapped"):
            client.get(f"/amalo/{name.replace('_', '-')}/")
        plain = client.get("/amalo/lane-plain/")
        assert lane_served(plain) and plain.content == b"pagina van amalo"
        wrapped = client.get("/amalo/lane-wrapped/")
        assert wrapped["X-Zorgraad-Cache"] == "hit" and not lane_served(wrapped)
        assert "X-Proef" in wrapped["Vary"]


def test_the_lane_switches_itself_off_for_a_stack_it_does_not_mirror() -> None:
    extra = [*settings.MIDDLEWARE, "django.middleware.gzip.GZipMiddleware"]
    with override_settings(MIDDLEWARE=extra):
        assert not publiclane.lane_possible()
    with override_settings(PREPEND_WWW=True):
        assert not publiclane.lane_possible()
    with override_settings(SESSION_SAVE_EVERY_REQUEST=True):
        assert not publiclane.lane_possible()
    with override_settings(ZORGRAAD_PUBLIC_LANE=False):
        assert not publiclane.lane_possible()
    without = [m for m in settings.MIDDLEWARE if m != LANE]
    with override_settings(MIDDLEWARE=without):
        assert not publiclane.lane_possible()


@pytest.mark.django_db
def test_a_miss_costs_the_queries_of_the_stack_alone(world: dict[str, Any]) -> None:
    """On a miss the lane has read the zone already: the stack takes it instead of reading it again."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("network:socialmap", kwargs={"zone": "amalo"}) + "?q=wandelen"
    counts = {}
    for name, client in (("stack", stack_client()), ("lane", Client())):
        cache.clear()
        client.get(url)  # the search's own first-time reads (vocabulary, places) are cached now
        PageGeneration.raise_(world["offer"].zone_id, pagecache.SOCIALMAP)  # the page: a miss again
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response["X-Zorgraad-Cache"] == "miss" and not lane_served(response)
        counts[name] = len(captured.captured_queries)
    assert counts["lane"] == counts["stack"]
    assert zonequery._read_ahead.get() is None  # nothing left for the next request


@pytest.mark.django_db
def test_a_zone_read_ahead_serves_one_call_for_its_slug_only(zones: dict[str, Any]) -> None:
    amalo = pagecache.zone_with_generations("amalo")
    with pagecache.zone_read_ahead("amalo", amalo):
        assert pagecache.zone_with_generations("amalo") is amalo
        assert pagecache.zone_with_generations("amalo") is not amalo  # the next one reads again
    with pagecache.zone_read_ahead("amalo", amalo):
        assert pagecache.zone_with_generations("zennevallei").slug == "zennevallei"
        assert pagecache.zone_with_generations("amalo") is not amalo  # used up by the other slug
    with pagecache.zone_read_ahead("amalo", amalo):
        pass
    assert pagecache.zone_with_generations("amalo") is not amalo
