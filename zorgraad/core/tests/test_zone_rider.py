"""The user's roles ride on the zone query (pagecache.zone_with_generations `rider`,
permissions.roles_rider): one statement reads the zone, its generations and the roles; the roles are
those of this user in this zone only, read afresh on every request."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zorgraad.accounts.models import Role, ZoneRole
from zorgraad.core import pagecache, permissions

pytestmark = pytest.mark.django_db

STAFF_PAGE = "/amalo/beheer/organisaties/"


class _Request:
    def __init__(self, user: Any) -> None:
        self.user = user


def test_without_rider_the_zone_has_no_rider_values(zones: dict[str, Any]) -> None:
    zone = pagecache.zone_with_generations("amalo")
    assert zone.slug == "amalo" and zone.rider_values is None


def test_the_rider_reads_this_users_roles_in_this_zone_only(
    zones: dict[str, Any], users: dict[str, Any]
) -> None:
    staff, other = users["staff"], users["other_staff"]
    ZoneRole.objects.create(zone=zones["amalo"], user=staff, role=Role.SECRETARY)
    ZoneRole.objects.create(zone=zones["zennevallei"], user=staff, role=Role.PARTNER)
    zone = pagecache.zone_with_generations("amalo", permissions.roles_rider(_Request(staff), "amalo"))
    assert sorted(zone.rider_values) == [Role.SECRETARY, Role.STAFF]
    assert zone.page_generations == pagecache.zone_with_generations("amalo").page_generations
    zone = pagecache.zone_with_generations("amalo", permissions.roles_rider(_Request(other), "amalo"))
    assert zone.slug == "amalo" and zone.rider_values == []  # staff of another zone: nothing here
    zone = pagecache.zone_with_generations(
        "zennevallei", permissions.roles_rider(_Request(staff), "zennevallei")
    )
    assert zone.rider_values == [Role.PARTNER]


def test_an_unknown_or_inactive_zone_is_none_with_a_rider(
    zones: dict[str, Any], users: dict[str, Any]
) -> None:
    staff = users["staff"]
    assert (
        pagecache.zone_with_generations("bestaat-niet", permissions.roles_rider(_Request(staff), "x")) is None
    )
    zones["amalo"].__class__.objects.filter(pk=zones["amalo"].pk).update(is_active=False)
    assert pagecache.zone_with_generations("amalo", permissions.roles_rider(_Request(staff), "amalo")) is None


@pytest.mark.parametrize("slug", ["amalo'; DROP TABLE x; --", "<b>amalo</b>", "a" * 500, "amalo\x00"])
def test_hostile_slugs_are_parameters(zones: dict[str, Any], users: dict[str, Any], slug: str) -> None:
    rider = permissions.roles_rider(_Request(users["staff"]), slug)
    if "\x00" in slug and connection.vendor == "postgresql":
        return  # PostgreSQL refuses NUL in text before the query runs; Django's URL patterns never pass one
    assert pagecache.zone_with_generations(slug, rider) is None


def test_no_rider_for_an_anonymous_visitor() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert permissions.roles_rider(_Request(AnonymousUser()), "amalo") is None


def test_a_staff_request_reads_user_zone_and_roles_in_two_statements(
    staff_client: Any, users: dict[str, Any]
) -> None:
    staff_client.get(STAFF_PAGE)
    with CaptureQueriesContext(connection) as ctx:
        response = staff_client.get(STAFF_PAGE)
    assert response.status_code == 200
    statements = [q["sql"] for q in ctx.captured_queries]
    assert not any("accounts_zonerole" in sql and "zones_zone" not in sql for sql in statements)
    assert any("UNION ALL" in sql and "accounts_zonerole" in sql for sql in statements)


def test_a_revoked_role_counts_on_the_next_request(staff_client: Any, users: dict[str, Any]) -> None:
    assert staff_client.get(STAFF_PAGE).status_code == 200
    ZoneRole.objects.filter(user=users["staff"]).delete()
    assert staff_client.get(STAFF_PAGE).status_code == 403


@pytest.mark.parametrize("who", ["other_staff", "partner", "member", "secretary"])
def test_no_one_else_gets_the_staff_page(client_as: Any, who: str) -> None:
    assert client_as(who).get(STAFF_PAGE).status_code == 403
