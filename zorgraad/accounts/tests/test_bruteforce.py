"""Guessing is stopped: after a few wrong passwords, login codes or TOTP codes, even the right one
is refused for a while (allauth's rate limits, settings.ACCOUNT_RATE_LIMITS, on a real cache)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.accounts.demo import ensure_totp
from zorgraad.accounts.tests.helpers import PASSWORD, totp_now

TOO_MANY = "te veel"  # allauth: "Te veel inlogpogingen. Probeer het later nogmaals."


def refused(response: Any) -> bool:
    return response.status_code == 429 or TOO_MANY in response.content.decode().lower()


def test_login_rate_limits_are_set() -> None:
    from allauth.account import app_settings

    limits = app_settings.RATE_LIMITS
    assert "5/5m/key" in limits["login_failed"]
    assert "/m/ip" in limits["login_failed"]
    assert "3/m/key" in limits["request_login_code"]
    assert app_settings.LOGIN_BY_CODE_MAX_ATTEMPTS == 3


@pytest.mark.django_db
def test_password_login_refuses_the_right_password_after_five_wrong_ones(users: dict[str, Any]) -> None:
    client = Client()
    for attempt in range(5):
        response = client.post(
            reverse("account_login"), {"login": "staff@amalo.test", "password": f"fout-{attempt}"}
        )
        assert response.status_code == 200
        assert not refused(response), attempt
    response = client.post(reverse("account_login"), {"login": "staff@amalo.test", "password": PASSWORD})
    assert refused(response)
    assert "_auth_user_id" not in client.session
    # Another browser (same address, new session) is refused too: the limit is on the account.
    other = Client()
    response = other.post(reverse("account_login"), {"login": "staff@amalo.test", "password": PASSWORD})
    assert refused(response)
    assert "_auth_user_id" not in other.session
    # Another account still logs in.
    response = other.post(reverse("account_login"), {"login": "partner@amalo.test", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_many_accounts_from_one_address_are_refused_after_ten_wrong_passwords(users: dict[str, Any]) -> None:
    client = Client()
    accounts = ["partner@amalo.test", "member@amalo.test", "secretary@amalo.test"]
    for attempt in range(10):
        login = accounts[attempt % len(accounts)]
        response = client.post(reverse("account_login"), {"login": login, "password": f"fout-{attempt}"})
        assert not refused(response), attempt
    response = client.post(reverse("account_login"), {"login": "staff@amalo.test", "password": "nog-fout"})
    assert refused(response)


@pytest.mark.django_db
def test_login_code_requests_are_limited_per_address(users: dict[str, Any], mailoutbox: list[Any]) -> None:
    for attempt in range(3):
        client = Client()
        response = client.post(reverse("account_request_login_code"), {"email": "partner@amalo.test"})
        assert response.status_code == 302, attempt
    client = Client()
    response = client.post(reverse("account_request_login_code"), {"email": "partner@amalo.test"})
    assert refused(response)
    assert len(mailoutbox) == 3


@pytest.mark.django_db
def test_a_login_code_is_dead_after_three_wrong_tries(users: dict[str, Any], mailoutbox: list[Any]) -> None:
    client = Client()
    client.post(reverse("account_request_login_code"), {"email": "partner@amalo.test"})
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", mailoutbox[0].body, re.M)
    assert code
    for attempt in range(3):
        wrong = "ZZZZ-ZZZZ" if code.group(1) != "ZZZZ-ZZZZ" else "YYYY-YYYY"
        client.post(reverse("account_confirm_login_code"), {"code": wrong})
        assert "_auth_user_id" not in client.session, attempt
    response = client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_form_takes_no_password_and_the_admin_account_is_rate_limited(
    users: dict[str, Any], settings: Any
) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True
    ensure_totp(users["admin"])
    client = Client()
    # Django admin's own form no longer checks passwords: every post is sent to allauth's login.
    for attempt in range(10):
        response = client.post(
            reverse("admin:login"), {"username": "admin@platform.test", "password": f"fout-{attempt}"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("admin:login"), {"username": "admin@platform.test", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    # Where it leads, wrong passwords count: after five, the right one is refused.
    login = response["Location"]
    for attempt in range(5):
        response = client.post(login, {"login": "admin@platform.test", "password": f"fout-{attempt}"})
        assert not refused(response), attempt
    response = client.post(login, {"login": "admin@platform.test", "password": PASSWORD})
    assert refused(response)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_totp_step_refuses_the_right_code_after_five_wrong_ones(users: dict[str, Any], settings: Any) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True
    ensure_totp(users["admin"])
    client = Client()
    response = client.post(reverse("account_login"), {"login": "admin@platform.test", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    right = totp_now()
    accepted = {totp_now(step=step) for step in (-1, 0, 1)}
    wrong = [
        c
        for c in ("000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777")
        if c not in accepted
    ][:5]
    for code in wrong:
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": right})
    assert refused(response)
    assert "_auth_user_id" not in client.session
