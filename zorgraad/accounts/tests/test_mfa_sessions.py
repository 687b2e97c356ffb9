"""MFA is a property of the session: staff and admin sessions open nothing until THIS session gave
its TOTP code, checked on every request (issue 14, findings 1 and 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_permission_walk import all_url_names, kwargs_for, make_objects
from zorgraad.accounts.demo import ensure_totp
from zorgraad.accounts.models import Role, ZoneRole
from zorgraad.accounts.tests.helpers import (
    PASSWORD,
    login_through_allauth,
    password_only_session,
    totp_now,
)

# All a staff session without its second factor may open: log in or out (password, code, reset)
# and pass or set up TOTP. allauth's e-mail and password pages are not among them.
MFA_EXEMPT_VIEWS = {
    "account_login",
    "account_logout",
    "account_request_login_code",
    "account_confirm_login_code",
    "account_reauthenticate",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "mfa_authenticate",
    "mfa_activate_totp",
    "mfa_reauthenticate",
    "set_language",
    "switch_language",
}
PEOPLE_EXPORT = "/amalo/beheer/personen/export.csv"
PEOPLE_API = "/api/v1/zones/amalo/people"


@pytest.fixture
def mfa_required(settings: Any) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True


def walked_urls(objects: dict[str, Any]) -> list[tuple[str, str]]:
    """Every URL of the project except the few a session may use to log in and set up TOTP."""
    urls = []
    for name, route in all_url_names():
        if name in MFA_EXEMPT_VIEWS:
            continue
        urls.append((name, reverse(name, kwargs=kwargs_for(name, route, objects))))
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "admin"])
def test_a_password_only_session_opens_no_zone_admin_or_api_url(
    role: str, users: dict[str, Any], zone: Any, mfa_required: None
) -> None:
    """Staff and the admin have TOTP; a session that gave only the password is logged out at its
    first request, whatever the URL (zone pages, Django admin, the API, allauth's account pages)."""
    user = users[role]
    ensure_totp(user)
    objects = {**make_objects(zone, users), "user": users["admin"].pk}
    login = reverse("account_login")
    problems = []
    for name, url in walked_urls(objects):
        client = password_only_session(user)
        client.raise_request_exception = False
        response = client.get(url)
        if name.startswith("api:"):
            ok = response.status_code == 403
        else:
            ok = response.status_code == 302 and response["Location"].startswith(login)
        if not ok:
            problems.append(f"{url}: {response.status_code} {response.get('Location', '')}")
        if client.session.get("_auth_user_id"):
            problems.append(f"{url}: the password-only session is still logged in")
    assert problems == []


@pytest.mark.django_db
def test_the_old_django_admin_password_form_logs_no_one_in(users: dict[str, Any], mfa_required: None) -> None:
    ensure_totp(users["admin"])
    client = Client()
    response = client.post(reverse("admin:login"), {"username": "admin@platform.test", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert "_auth_user_id" not in client.session
    for url in (PEOPLE_EXPORT, PEOPLE_API, reverse("admin:index")):
        assert client.get(url).status_code in (302, 403)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_logs_in_through_allauth_with_totp_and_comes_back_to_the_admin(
    users: dict[str, Any], mfa_required: None
) -> None:
    ensure_totp(users["admin"])
    client = Client()
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("admin:login"))
    response = client.get(response["Location"])
    assert response["Location"] == reverse("account_login") + "?next=/platform/admin/"
    response = client.post(
        response["Location"],
        {"login": "admin@platform.test", "password": PASSWORD, "next": "/platform/admin/"},
    )
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert client.get(reverse("admin:index")).status_code == 302  # not before the TOTP step
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert response["Location"] == "/platform/admin/"
    assert client.get("/platform/admin/").status_code == 200
    assert client.get(PEOPLE_API).status_code == 200


@pytest.mark.django_db
def test_admin_logout_is_allauths_logout(users: dict[str, Any], mfa_required: None) -> None:
    ensure_totp(users["admin"])
    client = login_through_allauth(users["admin"])
    response = client.get(reverse("admin:logout"))
    assert response.status_code == 200  # asks to confirm, does not log out on GET
    assert client.session.get("_auth_user_id") == str(users["admin"].pk)
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_without_totp_can_only_set_it_up(
    role: str, users: dict[str, Any], zone: Any, mfa_required: None
) -> None:
    """No authenticator yet: every URL but the login and TOTP steps leads to setting one up,
    allauth's account pages (e-mail, password) included; the API answers 403."""
    objects = {**make_objects(zone, users), "user": users["admin"].pk}
    client = password_only_session(users[role])
    client.raise_request_exception = False
    activate = reverse("mfa_activate_totp")
    problems = []
    for name, url in walked_urls(objects):
        response = client.get(url)
        expected = 403 if name.startswith("api:") else 302
        if response.status_code != expected or (expected == 302 and response["Location"] != activate):
            problems.append(f"{url}: {response.status_code} {response.get('Location', '')}")
    assert problems == []
    assert client.session.get("_auth_user_id") == str(users[role].pk)  # still logged in, to set it up


@pytest.mark.django_db
def test_the_steps_to_log_in_and_set_up_totp_stay_open(users: dict[str, Any], mfa_required: None) -> None:
    client = password_only_session(users["staff"])
    for name in ("account_logout", "account_reauthenticate", "account_reset_password", "mfa_activate_totp"):
        response = client.get(reverse(name))
        assert response.status_code in (200, 302), name
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_reauthenticate")), name


@pytest.mark.django_db(transaction=True)
def test_setting_up_totp_counts_as_this_sessions_second_factor(
    users: dict[str, Any], mfa_required: None
) -> None:
    """A staff member without TOTP logs in, sets it up (enters a valid code) and goes on working."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    client = login_through_allauth(users["staff"])
    dashboard = reverse("zones:dashboard", kwargs={"zone": "amalo"})
    assert client.get(dashboard)["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before TOTP is changed
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    import time

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200  # the recovery codes
    assert client.get(dashboard).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("has_totp", [True, False])
def test_a_partner_session_turned_staff_needs_totp_at_the_next_request(
    has_totp: bool, users: dict[str, Any], zone: Any, mfa_required: None
) -> None:
    partner = users["partner"]
    client = login_through_allauth(partner)  # a partner: password only, no TOTP asked
    assert client.get(reverse("zones:home", kwargs={"zone": "amalo"})).status_code == 200
    assert client.get(PEOPLE_API).status_code == 403
    # Staff of the zone make the partner staff; the partner may have set up TOTP meanwhile, or not.
    if has_totp:
        ensure_totp(partner)
    ZoneRole.objects.create(zone=zone, user=partner, role=Role.STAFF)
    client.raise_request_exception = False
    response = client.get(PEOPLE_EXPORT)
    assert response.status_code == 302
    if has_totp:
        assert response["Location"].startswith(reverse("account_login"))
        assert "_auth_user_id" not in client.session
    else:
        assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(PEOPLE_API).status_code == 403
    assert client.get(reverse("network:person_list", kwargs={"zone": "amalo"})).status_code == 302
    if has_totp:  # a new login asks for the code, and then the staff pages open
        client = login_through_allauth(partner)
        assert client.get(PEOPLE_EXPORT).status_code == 200


@pytest.mark.django_db
def test_a_session_that_passed_totp_costs_no_query_per_request(
    users: dict[str, Any], mfa_required: None, django_assert_max_num_queries: Any
) -> None:
    """The check is cheap: a staff session that passed TOTP needs no query; any other, one."""
    from zorgraad.accounts.middleware import StaffMfaMiddleware

    ensure_totp(users["staff"])
    staff = login_through_allauth(users["staff"])
    partner = login_through_allauth(users["partner"])
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.urls import resolve

    middleware = StaffMfaMiddleware(lambda request: HttpResponse())
    for client, budget in ((staff, 0), (partner, 1)):
        request = RequestFactory().get("/amalo/")
        request.session = client.session
        request.user = users["staff"] if client is staff else users["partner"]
        request.resolver_match = resolve("/amalo/")
        request.session.get("_auth_user_id")  # the session middleware loaded it already
        with django_assert_max_num_queries(budget):
            assert middleware.process_view(request, lambda r: HttpResponse(), (), {}) is None


@pytest.mark.django_db
def test_an_htmx_request_of_a_password_only_session_sends_the_whole_page_to_login(
    users: dict[str, Any], mfa_required: None
) -> None:
    ensure_totp(users["staff"])
    client = password_only_session(users["staff"])
    response = client.get(reverse("network:person_list", kwargs={"zone": "amalo"}), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("account_login") + "?next=")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_by_code_asks_staff_for_totp_too(
    users: dict[str, Any], mfa_required: None, mailoutbox: list[Any]
) -> None:
    import re

    ensure_totp(users["staff"])
    client = Client()
    client.post(reverse("account_request_login_code"), {"email": "staff@amalo.test"})
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", mailoutbox[0].body, re.M)
    assert code
    response = client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert client.session.get("_auth_user_id") == str(users["staff"].pk)
    assert client.get(PEOPLE_EXPORT).status_code == 200
