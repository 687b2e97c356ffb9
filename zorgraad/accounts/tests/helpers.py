"""Logging in as a person does: through allauth's forms, with the TOTP step where the user has one."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from zorgraad.accounts.demo import DEMO_TOTP_SECRET

PASSWORD = "geheim-wachtwoord-1"


def totp_now(secret: str = DEMO_TOTP_SECRET, step: int = 0) -> str:
    """The TOTP code of now (`step` -1 or 1: the previous or next one, also accepted)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def login_through_allauth(user: Any, password: str = PASSWORD, step: int = 0) -> Client:
    """A client whose session went through allauth's login: password, then TOTP if the user has it.

    allauth refuses a TOTP code that was used before: a second login of the same user in one test
    passes another `step`.
    """
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    if response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_now(step=step)})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert client.session.get("_auth_user_id") == str(user.pk)
    return client


def password_only_session(user: Any) -> Client:
    """A session that gave only a password: what allauth records before the TOTP step, or what
    Django's own login form (the old admin login) left behind."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY

    client = Client()
    client.force_login(user, backend="zorgraad.accounts.backends.ModelBackend")
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client
