"""Login by e-mail and password, by an e-mailed code, and TOTP for staff."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from zorgraad.accounts.demo import DEMO_TOTP_SECRET, ensure_totp

PASSWORD = "geheim-wachtwoord-1"


def totp_now(secret: str = DEMO_TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.django_db
def test_password_login_sends_staff_to_their_zone(users: dict[str, Any]) -> None:
    client = Client()
    response = client.post(reverse("account_login"), {"login": "staff@amalo.test", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(reverse("home_redirect"))
    assert response["Location"] == reverse("zones:dashboard", kwargs={"zone": "amalo"})


@pytest.mark.django_db
def test_wrong_password_gives_a_dutch_error_and_no_session(users: dict[str, Any]) -> None:
    client = Client()
    response = client.post(reverse("account_login"), {"login": "staff@amalo.test", "password": "fout"})
    assert response.status_code == 200
    assert "wachtwoord" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_without_totp_must_set_it_up_when_mfa_is_required(
    users: dict[str, Any], client_as: Any, settings: Any
) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True
    response = client_as("staff").get(reverse("zones:dashboard", kwargs={"zone": "amalo"}))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # A partner user is not asked for TOTP.
    response = client_as("partner").get(reverse("zones:home", kwargs={"zone": "amalo"}))
    assert response.status_code == 200


@pytest.mark.django_db
def test_mfa_can_be_switched_off_for_the_demo(users: dict[str, Any], client_as: Any, settings: Any) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    response = client_as("staff").get(reverse("zones:dashboard", kwargs={"zone": "amalo"}))
    assert response.status_code == 200


@pytest.mark.django_db
def test_staff_login_with_totp_in_two_steps(users: dict[str, Any], settings: Any) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True
    ensure_totp(users["staff"])
    client = Client()
    response = client.post(reverse("account_login"), {"login": "staff@amalo.test", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if totp_now() != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["staff"].pk)
    response = client.get(reverse("zones:dashboard", kwargs={"zone": "amalo"}))
    assert response.status_code == 200
    assert Authenticator.objects.filter(user=users["staff"]).count() == 1


@pytest.mark.django_db
def test_login_by_mailed_code(users: dict[str, Any], mailoutbox: list[Any]) -> None:
    client = Client()
    response = client.post(reverse("account_request_login_code"), {"email": "partner@amalo.test"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", mailoutbox[0].body, re.M)
    assert code, mailoutbox[0].body
    response = client.post(reverse("account_confirm_login_code"), {"code": "ZZZZ-ZZZZ"})
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})
    assert client.session.get("_auth_user_id") == str(users["partner"].pk)
