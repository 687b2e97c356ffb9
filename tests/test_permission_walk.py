"""Walk every URL of the project as every role and check it against core.permissions.URL_ROLES.

A view without an entry in the table fails here. Roles: anonymous, partner user, member, body
secretary, staff of the zone, staff of ANOTHER zone and platform admin; all zone URLs are walked
in AMALO, so `other_staff` (staff of Zennevallei) must be treated as a mere logged-in user.

The walk runs as production does: MFA required, every role logged in through allauth's own forms,
staff and the admin with their TOTP code. It covers Django admin, allauth and the API too.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zorgraad.accounts.demo import ensure_totp
from zorgraad.accounts.tests.helpers import login_through_allauth
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
# The cross-zone test skips them; the walk covers them with the levels below.
SKIP_PREFIXES = ("admin:", "account_", "mfa_", "api:")

# What the walk expects of the URLs that guard themselves (core.permissions lists them as PUBLIC
# because ZoneAccessMiddleware leaves them to their own checks). Django admin: platform admin only.
SELF_GUARDED: dict[str, str] = {
    # allauth pages for a logged-in user: anonymous visitors are sent to the login page
    "account_email": permissions.LOGIN,
    "account_change_password": permissions.LOGIN,
    "account_set_password": permissions.LOGIN,
    "account_reauthenticate": permissions.LOGIN,
    "mfa_index": permissions.LOGIN,
    "mfa_activate_totp": permissions.LOGIN,
    "mfa_deactivate_totp": permissions.LOGIN,
    "mfa_reauthenticate": permissions.LOGIN,
    "mfa_view_recovery_codes": permissions.LOGIN,
    "mfa_generate_recovery_codes": permissions.LOGIN,
    "mfa_download_recovery_codes": permissions.LOGIN,
    # steps of a login in progress: without one, anonymous visitors go back to the login page
    # (logged-in users to their start page)
    "account_confirm_login_code": permissions.LOGIN,
    "account_email_verification_sent": permissions.LOGIN,
    "mfa_authenticate": permissions.LOGIN,
    # the API: people only for staff of the zone, 403 in JSON for everyone else
    "api:person_list": permissions.STAFF,
    "api:person_detail": permissions.STAFF,
}
# Django admin's own refusals of a request without the right parameters or of a read-only model:
# a 403 there is not the access check failing.
ADMIN_OWN_403 = {
    "admin:autocomplete",
    "admin:django_tasks_database_dbtaskresult_add",
    "admin:django_tasks_database_dbtaskresult_delete",
}


def walk_level(name: str) -> str | None:
    if name.startswith("admin:"):
        return permissions.ADMIN
    return SELF_GUARDED.get(name) or permissions.level_for(name)


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
    objects = {
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
    for walk in app_walks():
        objects.update(walk.make_objects(zone, users, objects))
    return objects


def app_walks() -> list[Any]:
    """What each app adds to the walk, in its own `zorgraad/<app>/tests/walk.py`.

    Such a module defines `make_objects(zone, users, objects) -> dict` (one record of each kind its
    URLs take; `users` is None when the objects are made in another zone), `PK_BY_NAME` (URL name
    prefix -> key of those objects, for `<int:pk>`) and optionally `kwargs(name, route, objects) ->
    dict` for its other URL parameters. Adding an app touches that app, not this file.
    """
    import importlib

    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("zorgraad."):
            continue
        module = f"{config.name}.tests.walk"
        try:
            found.append(importlib.import_module(module))
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return found


def pk_by_name() -> list[tuple[str, str]]:
    extra: list[tuple[str, str]] = []
    for walk in app_walks():
        extra.extend(getattr(walk, "PK_BY_NAME", []))
    return extra + PK_BY_NAME


# Which object's pk a URL with <int:pk> takes: first matching name prefix wins.
PK_BY_NAME = [
    ("accounts:person_access", "person"),
    ("network:affiliation_end", "affiliation"),
    ("network:person", "person"),
    ("network:selfservice", "person"),
    ("network:affiliation_add", "person"),
    ("network:offer_create", "organisation"),
    ("network:organisation_offer_propose", "organisation"),
    ("network:offer", "offer"),
    ("network:socialmap_offer", "offer"),
    ("network:", "organisation"),
    ("governance:membership", "membership"),
    ("governance:", "mandatecall"),
    ("meetings:agenda_item", "agendaitem"),
    ("meetings:followup", "followup"),
    ("meetings:", "meeting"),
    ("api:organisation", "organisation"),
    ("api:offer", "offer"),
    ("api:person", "person"),
]


def kwargs_for(name: str, route: str, objects: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if "<slug:zone>" in route:
        kwargs["zone"] = "amalo"
    if "<slug:body>" in route:
        kwargs["body"] = objects["body"]
    if "<int:pk>" in route:
        kwargs["pk"] = next(objects[kind] for prefix, kind in pk_by_name() if name.startswith(prefix))
    if "<int:year>" in route:
        kwargs["year"] = 2026
    if "<str:fmt>" in route:
        kwargs["fmt"] = "csv" if name.startswith("network:") else "docx"
    if "<str:token>" in route:
        kwargs["token"] = "not-a-valid-token"
    # the API's own routes
    if "<zone>" in route:
        kwargs["zone"] = "amalo"
    if "<id>" in route and name.startswith("api:"):
        kwargs["id"] = next(objects[kind] for prefix, kind in pk_by_name() if name.startswith(prefix))
    # Django admin: the platform admin's own user record
    if "<id>" in route and name.startswith("admin:"):
        kwargs["id"] = objects.get("user", 1)
    if "<path:object_id>" in route:
        kwargs["object_id"] = objects.get("user", 1)
    if "<path:content_type_id>" in route:
        kwargs["content_type_id"] = objects.get("user_content_type", 1)
    if "(?P<app_label>" in route:
        kwargs["app_label"] = "accounts"
    # allauth's links from mails
    if "(?P<uidb36>" in route:
        kwargs.update(uidb36="1", key="set-password")
    elif "(?P<key>" in route:
        kwargs["key"] = "not-a-valid-key"
    for walk in app_walks():
        if hasattr(walk, "kwargs"):
            kwargs.update(walk.kwargs(name, route, objects))
    return kwargs


@pytest.fixture
def logged_in_as(users: dict[str, Any], settings: Any) -> Any:
    """A client per role that logged in through allauth, with MFA required: staff and the admin
    have TOTP and gave their code, the others their password."""
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True

    def make(role: str) -> Any:
        from django.test import Client

        user = users.get(role)
        if user is None:
            return Client()
        if role in ("staff", "other_staff", "admin"):
            ensure_totp(user)
        return login_through_allauth(user)

    return make


def refused(response: Any, login_urls: tuple[str, ...]) -> bool:
    return response.status_code in (401, 403) or (
        response.status_code == 302 and response["Location"].startswith(login_urls)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLE_LEVEL))
def test_walk_every_url_as_every_role(
    role: str, logged_in_as: Any, objects: dict[str, Any], users: dict[str, Any]
) -> None:
    from django.contrib.contenttypes.models import ContentType

    objects = {
        **objects,
        "user": users["admin"].pk,
        "user_content_type": ContentType.objects.get_for_model(users["admin"]).pk,
    }
    client = logged_in_as(role)
    client.raise_request_exception = False
    have = ROLE_LEVEL[role]
    login_urls = (reverse("account_login"), reverse("admin:login"))
    admin_index = reverse("admin:index")
    problems = []
    walked = set()
    for name, route in all_url_names():
        need = walk_level(name)
        assert need is not None
        walked.add(name.split(":")[0] + ":" if ":" in name else name.split("_")[0] + "_")
        url = reverse(name, kwargs=kwargs_for(name, route, objects))
        response = client.get(url)
        if name.startswith("admin:") and response.status_code == 302 and response["Location"] == admin_index:
            response = client.get(admin_index)  # admin's logout and missing records send to its index
        denied = refused(response, login_urls)
        if name in ADMIN_OWN_403 and role == "admin" and response.status_code == 403:
            denied = False
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        elif permissions.allows(have, need) and denied:
            problems.append(f"{url}: {role} should be let in, got {response.status_code}")
        elif not permissions.allows(have, need) and not denied:
            problems.append(f"{url}: {role} should be refused, got {response.status_code}")
        elif (
            not permissions.allows(have, need)
            and role == "anonymous"
            and not name.startswith("api:")
            and response.status_code != 302
        ):
            problems.append(f"{url}: anonymous should be sent to the login page")
    assert problems == []
    assert {"admin:", "account_", "mfa_", "api:"} <= walked
    # The walk did not log anyone out on its way.
    if role != "anonymous":
        assert client.session.get("_auth_user_id") == str(users[role].pk)


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
