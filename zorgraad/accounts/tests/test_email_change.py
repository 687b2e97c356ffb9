"""Changing one's e-mail address under /accounts/email/ (allauth): only after the new one is verified.

Issue 14, finding 2: a partner could add any address, make it primary unverified, and so own that
address's login; making another account's address primary gave a 500.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from zorgraad.accounts.models import Role, User, ZoneRole
from zorgraad.network.models import Person

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", re.M)


def _add(client: Client, email: str) -> Any:
    return client.post(reverse("account_email"), {"action_add": "", "email": email})


def _make_primary(client: Client, email: str) -> Any:
    return client.post(reverse("account_email"), {"action_primary": "", "email": email})


@pytest.mark.django_db
def test_an_added_address_replaces_the_login_address_only_after_its_code(
    users: dict[str, Any], client_as: Any, mailoutbox: list[Any]
) -> None:
    partner = users["partner"]
    client = client_as("partner")
    response = _add(client, "Nieuw.Adres@example.be")
    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == ["nieuw.adres@example.be"]

    # Making it primary before the code is entered does nothing.
    response = _make_primary(client, "nieuw.adres@example.be")
    assert response.status_code < 500
    partner.refresh_from_db()
    assert partner.email == "partner@amalo.test"
    assert not EmailAddress.objects.filter(email__iexact="nieuw.adres@example.be").exists()

    # A wrong code changes nothing either; the right one does.
    response = client.post(reverse("account_email_verification_sent"), {"code": "ZZZZZZ"})
    partner.refresh_from_db()
    assert partner.email == "partner@amalo.test"
    code = CODE.search(mail.body)
    assert code
    response = client.post(reverse("account_email_verification_sent"), {"code": code.group(1)})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.email == "nieuw.adres@example.be"
    assert list(EmailAddress.objects.filter(user=partner).values_list("email", "verified", "primary")) == [
        ("nieuw.adres@example.be", True, True)
    ]


@pytest.mark.django_db
def test_takeover_by_an_unverified_address_is_refused_end_to_end(
    users: dict[str, Any],
    client_as: Any,
    other_zone: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """A partner claims an address, another zone's staff later give that address a role."""
    partner = users["partner"]
    attacker = client_as("partner")
    _add(attacker, "doelwit@example.be")
    _make_primary(attacker, "doelwit@example.be")
    partner.refresh_from_db()
    assert partner.email == "partner@amalo.test"

    target = Person.objects.create(
        zone=other_zone, first_name="Doel", last_name="Wit", email="doelwit@example.be"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("other_staff").post(
            reverse("accounts:person_access", kwargs={"zone": other_zone.slug, "pk": target.pk}),
            {"role": Role.STAFF},
        )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.user is not None and target.user.pk != partner.pk
    assert target.user.email == "doelwit@example.be"
    assert not ZoneRole.objects.filter(user=partner, zone=other_zone).exists()
    assert [m.to for m in mailoutbox][-1] == ["doelwit@example.be"]


@pytest.mark.django_db
def test_another_accounts_address_is_refused_in_dutch_and_never_a_500(
    users: dict[str, Any], client_as: Any, mailoutbox: list[Any]
) -> None:
    partner = users["partner"]
    client = client_as("partner")
    client.raise_request_exception = False
    response = _add(client, "STAFF@amalo.test")
    assert response.status_code == 200
    assert "Dit e-mailadres hoort al bij een ander account." in response.content.decode()
    assert mailoutbox == []
    response = _make_primary(client, "staff@amalo.test")
    assert response.status_code < 500
    partner.refresh_from_db()
    assert partner.email == "partner@amalo.test"
    assert User.objects.get(pk=users["staff"].pk).email == "staff@amalo.test"


@pytest.mark.django_db
def test_a_left_over_unverified_address_cannot_be_made_primary(users: dict[str, Any], client_as: Any) -> None:
    """Rows added before verification was required (or by hand) are refused too, without a 500."""
    partner = users["partner"]
    EmailAddress.objects.create(user=partner, email="staff@amalo.test", verified=False, primary=False)
    EmailAddress.objects.create(user=partner, email="vrij@example.be", verified=False, primary=False)
    client = client_as("partner")
    client.raise_request_exception = False
    for address in ("staff@amalo.test", "vrij@example.be"):
        response = _make_primary(client, address)
        assert response.status_code < 500
    partner.refresh_from_db()
    assert partner.email == "partner@amalo.test"


@pytest.mark.django_db
def test_every_account_made_by_staff_or_the_demo_has_a_verified_login_address(zones: dict[str, Any]) -> None:
    """Mandatory verification must not lock out accounts: their own address counts as verified."""
    from zorgraad.accounts import demo

    demo.load(zones)
    EmailAddress.objects.filter(email="lid@amalo.zorgraad.test").delete()  # a database from before
    accounts = demo.load(zones)  # loading again repairs it
    for user in accounts.values():
        assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True).exists()
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "lid@amalo.zorgraad.test", "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] != reverse("account_email_verification_sent")
    assert client.session.get("_auth_user_id") == str(accounts["lid@amalo.zorgraad.test"].pk)


@pytest.mark.django_db
def test_the_migration_verifies_login_addresses_and_drops_unverified_claims() -> None:
    """Accounts from before: their login address becomes verified, addresses they only claimed go."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("zorgraad.accounts.migrations.0003_verified_login_addresses")
    old = User(email="oud@example.be")
    old.save()  # not through the manager: no address row, as before
    claimer = User(email="claimer@example.be")
    claimer.save()
    EmailAddress.objects.create(user=claimer, email="claimer@example.be", verified=False, primary=True)
    EmailAddress.objects.create(user=claimer, email="doelwit@example.be", verified=False, primary=False)

    migration.verify_login_addresses(apps, None)

    rows = EmailAddress.objects.filter(user__in=[old, claimer]).order_by("email")
    assert list(rows.values_list("email", "verified", "primary")) == [
        ("claimer@example.be", True, True),
        ("oud@example.be", True, True),
    ]
