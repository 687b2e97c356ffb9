"""Staff give a person of the directory an account with a role, and take it back."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.accounts.models import Role, User, ZoneRole
from zorgraad.core.models import AuditEntry
from zorgraad.network.models import Person


def url(pk: int, zone: str = "amalo") -> str:
    return reverse("accounts:person_access", kwargs={"zone": zone, "pk": pk})


@pytest.mark.django_db
def test_staff_grants_access_and_the_person_logs_in_with_a_code(
    zone: Any, staff_client: Client, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    person = Person.objects.create(zone=zone, first_name="Ella", last_name="Verbeke", email="Ella@Example.be")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url(person.pk), {"role": Role.PARTNER})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user is not None and person.user.email == "ella@example.be"
    assert not person.user.has_usable_password()
    assert ZoneRole.objects.filter(zone=zone, user=person.user, role=Role.PARTNER).exists()
    assert len(mailoutbox) == 1 and "toegang" in mailoutbox[0].subject
    assert AuditEntry.objects.for_zone(zone).filter(action="access_granted", object_id=person.pk).exists()

    # The new user asks for a code and lands on their own profile.
    client = Client()
    client.post(reverse("account_request_login_code"), {"email": "ella@example.be"})
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", mailoutbox[1].body, re.M)
    assert code
    client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})
    response = client.get(reverse("home_redirect"))
    assert response["Location"] == reverse("network:my_profile", kwargs={"zone": "amalo"})


@pytest.mark.django_db
def test_grant_without_email_or_twice_is_refused_in_dutch(zone: Any, staff_client: Client) -> None:
    nomail = Person.objects.create(zone=zone, first_name="Zonder", last_name="Mail")
    response = staff_client.post(url(nomail.pk), {"role": Role.PARTNER})
    assert "Vul eerst een e-mailadres in" in response.content.decode()
    assert User.objects.filter(first_name="Zonder").count() == 0

    person = Person.objects.create(zone=zone, first_name="Twee", last_name="Keer", email="tk@example.be")
    staff_client.post(url(person.pk), {"role": Role.MEMBER})
    response = staff_client.post(url(person.pk), {"role": Role.MEMBER})
    assert "heeft deze rol al" in response.content.decode()
    assert ZoneRole.objects.filter(user__email="tk@example.be").count() == 1


@pytest.mark.django_db
def test_revoke_removes_the_role_only_in_this_zone(
    zone: Any, other_zone: Any, staff_client: Client, mailoutbox: list[Any]
) -> None:
    person = Person.objects.create(zone=zone, first_name="Rol", last_name="Weg", email="rw@example.be")
    staff_client.post(url(person.pk), {"role": Role.PARTNER})
    person.refresh_from_db()
    ZoneRole.objects.create(zone=other_zone, user=person.user, role=Role.PARTNER)
    staff_client.post(url(person.pk), {"revoke": Role.PARTNER})
    assert list(ZoneRole.objects.filter(user=person.user).values_list("zone__slug", flat=True)) == [
        "zennevallei"
    ]


@pytest.mark.django_db
def test_another_zones_person_is_not_found_and_other_roles_are_refused(
    zone: Any, other_zone: Any, client_as: Any
) -> None:
    theirs = Person.objects.create(
        zone=other_zone, first_name="Ander", last_name="Zone", email="az@example.be"
    )
    assert client_as("staff").post(url(theirs.pk), {"role": Role.STAFF}).status_code == 404
    ours = Person.objects.create(zone=zone, first_name="Onze", last_name="Zone", email="oz@example.be")
    for role in ("partner", "member", "secretary", "other_staff"):
        assert client_as(role).post(url(ours.pk), {"role": Role.STAFF}).status_code == 403
    assert not ZoneRole.objects.filter(user__email="oz@example.be").exists()
