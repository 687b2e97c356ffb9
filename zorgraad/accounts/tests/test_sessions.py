"""When an account's roles change, its sessions end (issue 14, finding 4): the next request logs in anew."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.urls import reverse

from zorgraad.accounts import sessions
from zorgraad.accounts.models import Role, User, ZoneRole
from zorgraad.network.models import Person


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    assert logged_in(client)
    return client


def logged_in(client: Client) -> bool:
    response = client.get(reverse("home_redirect"))
    return not (response.status_code == 302 and response["Location"].startswith(reverse("account_login")))


def access_url(zone: Any, person: Person) -> str:
    return reverse("accounts:person_access", kwargs={"zone": zone.slug, "pk": person.pk})


@pytest.fixture
def linked(zone: Any, users: dict[str, Any]) -> Person:
    """AMALO's partner user, linked to their person record."""
    return Person.objects.create(
        zone=zone, first_name="Par", last_name="Tner", email="partner@amalo.test", user=users["partner"]
    )


@pytest.mark.django_db
def test_revoking_a_role_ends_every_session_of_the_user(
    zone: Any, users: dict[str, Any], linked: Person, staff_client: Client
) -> None:
    laptop, phone = browser(users["partner"]), browser(users["partner"])
    bystander = browser(users["member"])
    response = staff_client.post(access_url(zone, linked), {"revoke": Role.PARTNER})
    assert response.status_code == 302
    assert not logged_in(laptop) and not logged_in(phone)
    assert logged_in(bystander) and logged_in(staff_client)


@pytest.mark.django_db
def test_granting_a_role_ends_the_sessions_of_the_users_own_account(
    zone: Any, users: dict[str, Any], linked: Person, staff_client: Client, mailoutbox: list[Any]
) -> None:
    """A partner's session must not keep what was decided for a partner (e.g. "no MFA needed")."""
    laptop = browser(users["partner"])
    response = staff_client.post(access_url(zone, linked), {"role": Role.STAFF})
    assert response.status_code == 302
    assert ZoneRole.objects.filter(zone=zone, user=users["partner"], role=Role.STAFF).exists()
    assert not logged_in(laptop)


@pytest.mark.django_db
def test_staff_changing_their_own_roles_stay_logged_in_here_only(
    zone: Any, users: dict[str, Any], staff_client: Client
) -> None:
    staff = users["staff"]
    ZoneRole.objects.create(zone=zone, user=staff, role=Role.PARTNER)
    me = Person.objects.create(zone=zone, first_name="Sta", last_name="F", email=staff.email, user=staff)
    other_tab = browser(staff)
    response = staff_client.post(access_url(zone, me), {"revoke": Role.PARTNER})
    assert response.status_code == 302
    assert logged_in(staff_client)
    assert not logged_in(other_tab)


@pytest.mark.django_db
def test_sessions_survive_until_the_first_change(users: dict[str, Any]) -> None:
    """The version is mixed into Django's session hash only once raised: adding it logged no one out."""
    user = users["partner"]
    assert user.session_version == 0
    assert user.get_session_auth_hash() == AbstractBaseUser._get_session_auth_hash(user)
    before = user.get_session_auth_hash()
    sessions.end_sessions(user.pk)
    user.refresh_from_db()
    assert user.session_version == 1 and user.get_session_auth_hash() != before
