"""Walk every URL of the project as every role and check it against core.permissions.URL_ROLES.

A view without an entry in the table fails here. Roles: anonymous, partner user, member, body
secretary, staff of the zone, staff of ANOTHER zone and platform admin; all zone URLs are walked
in AMALO, so `other_staff` (staff of Zennevallei) must be treated as a mere logged-in user.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zorgraad.core import permissions

ROLE_LEVEL = {
    "anonymous": permissions.PUBLIC,
    "other_staff": permissions.LOGIN,
    "partner": permissions.PARTNER,
    "member": permissions.MEMBER,
    "secretary": permissions.SECRETARY,
    "staff": permissions.STAFF,
    "admin": permissions.ADMIN,
}
# Handled by their own machinery: Django admin (is_staff), allauth pages, the API (own checks, JSON).
SKIP_PREFIXES = ("admin:", "account_", "mfa_", "api:")


def all_url_names() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name:
                found.append((f"{namespace}{p.name}", prefix + str(p.pattern)))

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_url_has_an_entry_in_the_table() -> None:
    missing = [name for name, _ in all_url_names() if permissions.level_for(name) is None]
    assert missing == [], f"URL names without an entry in core.permissions.URL_ROLES: {missing}"


def test_table_has_no_entries_for_urls_that_do_not_exist() -> None:
    names = {name for name, _ in all_url_names()}
    stale = [name for name in permissions.URL_ROLES if name not in names]
    assert stale == []


@pytest.fixture
def objects(zone: Any, users: dict[str, Any]) -> dict[str, Any]:
    """One record of every kind in AMALO. The secretary and the member sit in the (open) body."""
    return make_objects(zone, users)


def make_objects(zone: Any, users: dict[str, Any] | None, slug: str = "welzijn") -> dict[str, Any]:
    import datetime as dt

    from zorgraad.governance.models import Body, BodyKind, MandateCall, Membership, MembershipRole
    from zorgraad.meetings.models import AgendaItem, FollowUp, Meeting, MeetingStatus
    from zorgraad.network.models import Affiliation, Offer, Organisation, Person

    org = Organisation.objects.create(zone=zone, name="Lokaal dienstencentrum De Linde")
    person = Person.objects.create(
        zone=zone, first_name="Mira", last_name="Voorbeeld", email="mira@example.be"
    )
    aff = Affiliation.objects.create(zone=zone, person=person, organisation=org, function="Coördinator")
    offer = Offer.objects.create(
        zone=zone, organisation=org, title="Ontmoetingsnamiddag", description="Koffie"
    )
    body = Body.objects.create(
        zone=zone, name="Clusteroverleg welzijn", slug=slug, kind=BodyKind.CLUSTER, is_open=True
    )
    secretary = Person.objects.create(
        zone=zone, first_name="Sec", last_name="Retaris", user=users["secretary"] if users else None
    )
    member = Person.objects.create(
        zone=zone, first_name="Lid", last_name="Van", user=users["member"] if users else None
    )
    membership = Membership.objects.create(
        zone=zone, body=body, person=secretary, role=MembershipRole.SECRETARY
    )
    Membership.objects.create(zone=zone, body=body, person=member, role=MembershipRole.MEMBER)
    meeting = Meeting.objects.create(
        zone=zone,
        body=body,
        date=dt.date(2026, 3, 12),
        start_time=dt.time(13, 30),
        end_time=dt.time(16),
        status=MeetingStatus.PUBLISHED,
    )
    item = AgendaItem.objects.create(zone=zone, meeting=meeting, order=1, title="Varia")
    follow_up = FollowUp.objects.create(zone=zone, meeting=meeting, description="Flyer rondsturen")
    call = MandateCall.objects.create(
        zone=zone,
        body=body,
        title="Vernieuwing",
        deadline=dt.date(2030, 1, 1),
        mandate_start=dt.date(2030, 2, 1),
    )
    return {
        "organisation": org.pk,
        "person": person.pk,
        "affiliation": aff.pk,
        "offer": offer.pk,
        "body": body.slug,
        "membership": membership.pk,
        "meeting": meeting.pk,
        "agendaitem": item.pk,
        "followup": follow_up.pk,
        "mandatecall": call.pk,
    }


# Which object's pk a URL with <int:pk> takes: first matching name prefix wins.
PK_BY_NAME = [
    ("accounts:person_access", "person"),
    ("network:affiliation_end", "affiliation"),
    ("network:person", "person"),
    ("network:selfservice", "person"),
    ("network:affiliation_add", "person"),
    ("network:offer", "offer"),
    ("network:socialmap_offer", "offer"),
    ("network:", "organisation"),
    ("governance:membership", "membership"),
    ("governance:", "mandatecall"),
    ("meetings:agenda_item", "agendaitem"),
    ("meetings:followup", "followup"),
    ("meetings:", "meeting"),
]


def kwargs_for(name: str, route: str, objects: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if "<slug:zone>" in route:
        kwargs["zone"] = "amalo"
    if "<slug:body>" in route:
        kwargs["body"] = objects["body"]
    if "<int:pk>" in route:
        kwargs["pk"] = next(objects[kind] for prefix, kind in PK_BY_NAME if name.startswith(prefix))
    if "<int:year>" in route:
        kwargs["year"] = 2026
    if "<str:fmt>" in route:
        kwargs["fmt"] = "csv" if name.startswith("network:") else "docx"
    if "<str:token>" in route:
        kwargs["token"] = "not-a-valid-token"
    return kwargs


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLE_LEVEL))
def test_walk_every_url_as_every_role(role: str, client_as: Any, objects: dict[str, int]) -> None:
    client = client_as(role)
    client.raise_request_exception = False
    have = ROLE_LEVEL[role]
    login_url = reverse("account_login")
    problems = []
    for name, route in all_url_names():
        if name.startswith(SKIP_PREFIXES):
            continue
        need = permissions.level_for(name)
        assert need is not None
        url = reverse(name, kwargs=kwargs_for(name, route, objects))
        response = client.get(url)
        denied = response.status_code == 403 or (
            response.status_code == 302 and response["Location"].startswith(login_url)
        )
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        elif permissions.allows(have, need) and denied:
            problems.append(f"{url}: {role} should be let in, got {response.status_code}")
        elif not permissions.allows(have, need) and not denied:
            problems.append(f"{url}: {role} should be refused, got {response.status_code}")
        elif not permissions.allows(have, need) and role == "anonymous" and response.status_code != 302:
            problems.append(f"{url}: anonymous should be sent to the login page")
    assert problems == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "admin"])
def test_another_zones_records_are_not_found_through_this_zones_urls(
    role: str, client_as: Any, objects: dict[str, Any], other_zone: Any
) -> None:
    """AMALO URLs with the ids and slugs of Zennevallei's records: 404, never the record."""
    theirs = make_objects(other_zone, None, slug="welzijn-elders")
    client = client_as(role)
    client.raise_request_exception = False
    problems = []
    for name, route in all_url_names():
        if name.startswith(SKIP_PREFIXES) or not ("<int:pk>" in route or "<slug:body>" in route):
            continue
        if name in ("network:selfservice",):
            continue
        kwargs = kwargs_for(name, route, theirs)
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        if response.status_code not in (404, 405):
            problems.append(f"{url}: {response.status_code}")
        if response.status_code == 405:  # POST-only: the POST must not find it either
            response = client.post(url)
            if response.status_code != 404:
                problems.append(f"POST {url}: {response.status_code}")
    assert problems == []
