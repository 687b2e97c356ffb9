"""Whole-page cache of staff pages (core/staffcache.py, issue 17).

A staff page read twice by the same user is served from the cache; never to another user, another
level or zone, an anonymous visitor, a session without its second factor; never after a committed
write of the zone (any write path), a registration through the events fast path, a new day; never
with another CSRF secret; never for htmx requests, pending messages or uncommitted writes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from zorgraad.core import pagecache, staffcache
from zorgraad.core.registry import Panel, dashboard_panels
from zorgraad.network.models import Affiliation, Organisation, Person

pytestmark = pytest.mark.django_db(transaction=True)

ORGS = "/amalo/beheer/organisaties/"


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def state(response: Any) -> str | None:
    return response.get(staffcache.HEADER)  # type: ignore[no-any-return]


def warm(client: Client, path: str = ORGS) -> Any:
    """The first request gets the CSRF cookie, the second is stored, the third is a hit."""
    client.get(path)
    assert state(client.get(path)) == "staff-miss"
    hit = client.get(path)
    assert hit.status_code == 200 and state(hit) == "staff-hit"
    return hit


@pytest.fixture
def org(zone: Any) -> Organisation:
    return Organisation.objects.create(zone=zone, name="Dienstencentrum De Linde")


def test_the_same_user_and_page_twice_is_a_hit_with_the_same_headers(staff_client: Client, org: Any) -> None:
    staff_client.get(ORGS)
    miss = staff_client.get(ORGS)
    hit = staff_client.get(ORGS)
    assert (state(miss), state(hit)) == ("staff-miss", "staff-hit")
    assert hit.content == miss.content and b"De Linde" in hit.content
    assert hit.cookies.keys() == miss.cookies.keys()
    headers = {k: v for k, v in miss.items() if k != staffcache.HEADER}
    assert {k: v for k, v in hit.items() if k != staffcache.HEADER} == headers
    assert "Cookie" in hit["Vary"] and hit["X-Frame-Options"] == miss["X-Frame-Options"]


@override_settings(CSP_HEADER="default-src 'self'")
def test_a_hit_keeps_the_security_headers(client_as: Any, org: Any) -> None:
    from zorgraad.core.middleware import SecurityHeadersMiddleware

    assert SecurityHeadersMiddleware  # the header comes from the middleware, after the view
    client = client_as("staff")
    client.get(ORGS)
    client.get(ORGS)
    hit = client.get(ORGS)
    assert state(hit) == "staff-hit" and hit["Content-Security-Policy"] == "default-src 'self'"


@pytest.mark.parametrize("other", ["admin", "other_staff", "secretary", "partner", "anonymous"])
def test_no_other_user_level_or_zone_gets_the_page(client_as: Any, users: Any, org: Any, other: str) -> None:
    warm(client_as("staff"))
    client = client_as(other)
    client.get(ORGS)
    response = client.get(ORGS)
    assert state(response) != "staff-hit"
    if other == "admin":
        assert response.status_code == 200 and b"admin@platform.test" in response.content
        assert b"staff@amalo.test" not in response.content
    else:
        assert response.status_code in (302, 403)


def test_two_staff_of_the_zone_each_get_their_own_page(
    client_as: Any, users: Any, zone: Any, org: Any
) -> None:
    from zorgraad.accounts.models import Role, User, ZoneRole

    warm(client_as("staff"))
    second = User.objects.create_user("tweede@amalo.test", "geheim-wachtwoord-1")
    ZoneRole.objects.create(zone=zone, user=second, role=Role.STAFF)
    client = Client()
    client.force_login(second)
    client.get(ORGS)
    response = client.get(ORGS)
    assert state(response) == "staff-miss" and b"tweede@amalo.test" in response.content


def test_a_session_without_its_second_factor_gets_no_hit(staff_client: Client, users: Any, org: Any) -> None:
    warm(staff_client)
    with override_settings(ZORGRAAD_REQUIRE_STAFF_MFA=True):
        response = staff_client.get(ORGS)
    assert response.status_code == 302 and state(response) is None
    assert response["Location"] == reverse("mfa_activate_totp")


def _person(zone: Any) -> Person:
    return Person.objects.create(zone=zone, first_name="An", last_name="Peeters")


def write_cases() -> dict[str, Any]:
    """Writes of every path; each returns the text the next page must show (or "" if none)."""

    def save(zone: Any, org: Any, users: Any) -> str:
        org.name = "Dienstencentrum Het Anker"
        org.save()
        return "Het Anker"

    def update_fields_staff_only(zone: Any, org: Any, users: Any) -> str:
        # An affiliation raises no public kind at all: only the staff kind.
        aff = Affiliation.objects.for_zone(zone).get()
        aff.function = "coördinator"
        aff.save(update_fields=["function"])
        return ""

    def bulk_create(zone: Any, org: Any, users: Any) -> str:
        Organisation.objects.bulk_create([Organisation(zone=zone, name="Vzw Bulkhuis")])
        return "Bulkhuis"

    def queryset_update(zone: Any, org: Any, users: Any) -> str:
        Organisation.objects.for_zone(zone).filter(pk=org.pk).update(name="Vzw Bijgewerkt")
        return "Bijgewerkt"

    def bulk_update(zone: Any, org: Any, users: Any) -> str:
        org.name = "Vzw Bulkbijgewerkt"
        Organisation.objects.for_zone(zone).bulk_update([org], ["name"])
        return "Bulkbijgewerkt"

    def m2m(zone: Any, org: Any, users: Any) -> str:
        from zorgraad.zones.models import Cluster

        org.clusters.add(Cluster.objects.first())
        return ""

    def delete(zone: Any, org: Any, users: Any) -> str:
        Organisation.objects.create(zone=zone, name="Weg Te Doen").delete()
        return ""

    def reference_table(zone: Any, org: Any, users: Any) -> str:
        from zorgraad.zones.models import Sector

        sector = Sector.objects.first()
        sector.name = sector.name + " (nieuw)"
        sector.save()
        return ""

    def own_name(zone: Any, org: Any, users: Any) -> str:
        user = users["staff"]
        user.email = "hernoemd@amalo.test"
        user.save()
        return "hernoemd@amalo.test"

    def audit_entry(zone: Any, org: Any, users: Any) -> str:
        from zorgraad.core.models import AuditEntry

        AuditEntry.objects.create(zone=zone, action="export", model="organisation", object_id=org.pk)
        return ""

    def moved_here(zone: Any, org: Any, users: Any) -> str:
        from zorgraad.zones.models import Zone

        other = Zone.objects.get(slug="zennevallei")
        elsewhere = Organisation.objects.create(zone=other, name="Vzw Verhuisd")
        client = users["_client"]  # only the move itself must make the page fresh
        client.get(ORGS)
        assert state(client.get(ORGS)) == "staff-hit"
        Organisation.objects.for_zone(other).filter(pk=elsewhere.pk).update(zone=zone)
        return "Verhuisd"

    return {
        "save": save,
        "an audit entry": audit_entry,
        "rows moved here by a queryset update": moved_here,
        "update_fields on a staff-only model": update_fields_staff_only,
        "bulk_create": bulk_create,
        "queryset update": queryset_update,
        "bulk_update": bulk_update,
        "m2m": m2m,
        "delete": delete,
        "reference table": reference_table,
        "the user's own e-mail": own_name,
    }


@pytest.mark.parametrize("name", list(write_cases()))
def test_any_committed_write_renders_the_next_page_fresh(
    staff_client: Client, zone: Any, org: Any, users: Any, name: str
) -> None:
    Affiliation.objects.create(zone=zone, person=_person(zone), organisation=org)
    users = {**users, "_client": staff_client}
    warm(staff_client)
    before = pagecache.zone_with_generations("amalo").page_generations.get(pagecache.STAFF_ANY, 0)
    shows = write_cases()[name](zone, org, users)
    after = pagecache.zone_with_generations("amalo").page_generations.get(pagecache.STAFF_ANY, 0)
    assert after > before
    response = staff_client.get(ORGS)
    assert state(response) == "staff-miss"
    assert shows.encode() in response.content


def test_a_revoked_role_gets_no_hit(staff_client: Client, users: Any, zone: Any, org: Any) -> None:
    from zorgraad.accounts.models import ZoneRole

    warm(staff_client)
    ZoneRole.objects.filter(zone=zone, user=users["staff"]).delete()
    response = staff_client.get(ORGS)
    assert response.status_code == 403 and state(response) is None


def test_a_write_in_another_zone_leaves_the_page_cached(
    staff_client: Client, other_zone: Any, org: Any
) -> None:
    warm(staff_client)
    Organisation.objects.create(zone=other_zone, name="Elders")
    assert state(staff_client.get(ORGS)) == "staff-hit"


def test_an_uncommitted_write_renders_fresh_and_stores_nothing(
    staff_client: Client, zone: Any, org: Any
) -> None:
    warm(staff_client)
    with transaction.atomic():
        Organisation.objects.create(zone=zone, name="Vzw Nog Niet Bewaard")
        response = staff_client.get(ORGS)
        assert state(response) is None and b"Nog Niet Bewaard" in response.content
        transaction.set_rollback(True)
    assert state(staff_client.get(ORGS)) == "staff-hit"  # the rolled-back write changed nothing


def test_htmx_requests_are_not_cached(staff_client: Client, org: Any) -> None:
    warm(staff_client)
    assert state(staff_client.get(ORGS, headers={"HX-Request": "true"})) is None


def test_pending_messages_are_not_cached(staff_client: Client, org: Any) -> None:
    warm(staff_client)
    staff_client.cookies["messages"] = "iets"
    assert state(staff_client.get(ORGS)) is None
    del staff_client.cookies["messages"]
    session = staff_client.session
    session["_messages"] = "[]"
    session.save()
    assert state(staff_client.get(ORGS)) is None


def test_a_hits_csrf_token_is_valid_and_another_secret_gets_no_hit(users: Any, org: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["staff"])
    hit = warm(client)
    token = re.search(rb'name="csrfmiddlewaretoken" value="(\w+)"', hit.content)
    assert token
    other = Client(enforce_csrf_checks=True)
    other.force_login(users["staff"])
    other.cookies["sessionid"] = client.cookies["sessionid"].value
    other.cookies["csrftoken"] = "a" * 32
    response = other.get(ORGS)
    assert state(response) == "staff-miss" and token.group(1) not in response.content
    # The token of the hit is valid for its own session: the logout form accepts it.
    assert (
        client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token.group(1).decode()}).status_code
        == 302
    )


def test_a_new_day_renders_fresh(staff_client: Client, org: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    warm(staff_client)
    tomorrow = staffcache.today() + dt.timedelta(days=1)
    monkeypatch.setattr(staffcache, "today", lambda: tomorrow)
    assert state(staff_client.get(ORGS)) == "staff-miss"


def test_the_setting_off_caches_nothing(staff_client: Client, org: Any) -> None:
    with override_settings(ZORGRAAD_STAFF_PAGE_CACHE=False):
        for _ in range(3):
            assert state(staff_client.get(ORGS)) is None


def test_a_hit_issues_no_more_queries_than_the_floor(staff_client: Client, org: Any) -> None:
    warm(staff_client)
    with CaptureQueriesContext(connection) as ctx:
        assert state(staff_client.get(ORGS)) == "staff-hit"
    # user, zone with its generations, roles: the floor of every staff page
    assert len(ctx.captured_queries) <= 3, [q["sql"] for q in ctx.captured_queries]


# --- the staff home ---------------------------------------------------------------------------


HOME = "/amalo/beheer/"


def test_the_staff_home_is_cached_and_a_fast_path_registration_refreshes_it(
    staff_client: Client, zone: Any, mailoutbox: Any
) -> None:
    from zorgraad.events import services
    from zorgraad.events.tests.factories import make_event

    event = make_event(zone, capacity=None, title="Infolunch bij De Linde")
    warm(staff_client, HOME)
    gens = dict(pagecache.zone_with_generations("amalo").page_generations)
    services.registration_create(zone=zone, event=event, name="An Test", email="an@voorbeeld.be")
    # the fast path raises only its stamp kind, in its own statement: no other page's key changes,
    # the panel's stamp (which reads it) makes the page fresh
    after = dict(pagecache.zone_with_generations("amalo").page_generations)
    assert after.pop("registrations") == gens.pop("registrations", 0) + 1
    assert after == gens
    response = staff_client.get(HOME)
    assert state(response) == "staff-miss"
    assert re.search(rb"Infolunch bij De Linde</a>[^<]*: 1 ", response.content)


def test_a_staff_home_with_a_panel_without_kinds_or_stamp_is_not_cached(staff_client: Client) -> None:
    def receiver(**kwargs: Any) -> Panel:
        return Panel("test-uncached", "network/_dashboard_directory.html", 999, {})

    dashboard_panels.connect(receiver, dispatch_uid="test-staffcache")
    try:
        staff_client.get(HOME)
        assert state(staff_client.get(HOME)) is None
        assert state(staff_client.get(HOME)) is None
    finally:
        dashboard_panels.disconnect(dispatch_uid="test-staffcache")
    assert state(staff_client.get(HOME)) == "staff-miss"  # without it the home is cached
    assert state(staff_client.get(HOME)) == "staff-hit"


# --- form pages with a one-time form token (core/once.py) ---------------------------------------


NEW_PERSON = "/amalo/beheer/personen/nieuw/"


def form_token(response: Any) -> str:
    found = re.findall(rb'name="form_token" value="([\w:-]+)"', response.content)
    assert len(found) == 1, found
    return found[0].decode()


def test_every_hit_of_a_form_page_issues_its_own_one_time_token(staff_client: Client, zone: Any) -> None:
    from zorgraad.core import once

    staff_client.get(NEW_PERSON)
    miss = staff_client.get(NEW_PERSON)
    hits = [staff_client.get(NEW_PERSON) for _ in range(2)]
    assert [state(r) for r in (miss, *hits)] == ["staff-miss", "staff-hit", "staff-hit"]
    tokens = [form_token(r) for r in (miss, *hits)]
    assert len(set(tokens)) == 3
    assert all(once.is_valid(t) for t in tokens)
    # Showing the form writes nothing to the session (no session save per hit).
    assert once.SESSION_KEY not in staff_client.session
    assert hits[0].content.replace(tokens[1].encode(), b"") == miss.content.replace(tokens[0].encode(), b"")
    # The hit's token works once: the form creates the person, the same token again creates nothing.
    data = {"form_token": tokens[1], "first_name": "Jan", "last_name": "Uniek", "confirm_new": "1"}
    assert staff_client.post(NEW_PERSON, data).status_code == 302
    assert staff_client.post(NEW_PERSON, data).status_code == 302
    assert Person.objects.for_zone(zone).filter(last_name="Uniek").count() == 1


def test_a_form_page_that_changes_the_session_or_issues_two_tokens_is_not_stored(
    staff_client: Client, rf: Any
) -> None:
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.http import HttpResponse

    from zorgraad.core import once

    def page(request: Any, *tokens: str) -> HttpResponse:
        return HttpResponse(("<p>" + "".join(f'<input value="{t}">' for t in tokens) + "</p>").encode())

    request = rf.get("/x/")
    request.session = SessionStore()
    plain = staffcache._stored(request, page(request), 1)
    assert plain is not None and plain[2] is False
    one = once.issue(request)
    kept = staffcache._stored(request, page(request, one), 1)
    assert kept is not None and kept[2] is True
    assert one.encode() not in kept[0] and staffcache.TOKEN_PLACEHOLDER in kept[0]
    two = once.issue(request)
    assert staffcache._stored(request, page(request, one, two), 1) is None  # two tokens
    other = rf.get("/x/")
    other.session = SessionStore()
    other.session["something"] = 1  # the view changed the session: never stored
    assert staffcache._stored(other, page(other), 1) is None


def test_a_posted_token_the_site_did_not_sign_is_not_accepted(rf: Any) -> None:
    from zorgraad.core import once

    good = once.issue(rf.get("/"))
    assert once.is_valid(good)
    assert not once.is_valid("")
    assert not once.is_valid("abc")  # the old unsigned format, or typed
    assert not once.is_valid(good[:-1] + ("A" if good[-1] != "A" else "B"))  # tampered signature
    assert not once.is_valid(good + "x" * 300)  # huge
    assert not once.is_valid("<script>:x")
    request = rf.post("/", {"form_token": "forged:value"})
    assert once.token(request) != "forged:value"
    request = rf.post("/", {"form_token": good})
    assert once.token(request) == good
