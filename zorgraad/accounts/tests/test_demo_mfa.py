"""The demo asks staff for TOTP as production does, and tells how to get the code; production never does.

The README said the demo switches MFA off, while the demo staff have an authenticator, so their
login stopped at a TOTP prompt nobody had explained.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from zorgraad.accounts.demo import DEMO_TOTP_SECRET

from .helpers import PASSWORD, totp_now

ROOT = Path(django_settings.BASE_DIR)
HINT = "Demo: de code van nu"


def settings_value(module: str, *names: str, **env: str) -> list[str]:
    """The values of `names` in a settings module, imported fresh with `env` (no demo variables)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZORGRAAD_", "DEBUG", "DJANGO_"))}
    code = f"import {module} as s; print(' '.join(repr(getattr(s, n)) for n in {names!r}))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": "x" * 60, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def test_the_demo_requires_totp_for_staff_as_production_does() -> None:
    assert settings_value("config.settings.dev", "ZORGRAAD_REQUIRE_STAFF_MFA", "ZORGRAAD_DEMO_MFA_HINT") == [
        "True",
        "True",
    ]


def test_production_never_shows_the_demo_code_whatever_the_environment_says() -> None:
    values = settings_value(
        "config.settings.prod",
        "DEBUG",
        "ZORGRAAD_DEMO_MFA_HINT",
        "ZORGRAAD_ALLOW_DEMO_DATA",
        ZORGRAAD_DEMO_MFA_HINT="1",
        DEBUG="1",
    )
    assert values == ["False", "False", "False"]


def test_readme_tells_the_demo_asks_for_totp_and_how_to_get_the_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    mfa = readme[readme.index("**MFA.**") :].split("\n\n", 1)[0]
    assert "switches that off" not in mfa
    assert "in the demo as in production" in mfa
    assert f"oathtool --totp -b {DEMO_TOTP_SECRET}" in mfa
    assert "ZORGRAAD_DEMO_MFA_HINT" in mfa and "forces it" in mfa


@pytest.fixture
def demo_staff(users: Any) -> Any:
    staff = users["staff"]
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": DEMO_TOTP_SECRET})
    return staff


def totp_step(user: Any) -> tuple[Client, str]:
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_authenticate")
    return client, response.content.decode()


@pytest.mark.django_db
def test_demo_totp_step_shows_the_code_of_now_and_it_logs_in(demo_staff: Any, settings: Any) -> None:
    settings.DEBUG = True
    settings.ZORGRAAD_DEMO_MFA_HINT = True
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True
    client, page = totp_step(demo_staff)
    assert HINT in page and f"oathtool --totp -b {DEMO_TOTP_SECRET}" in page
    shown = re.search(r"<code>(\d{6})</code>", page)
    assert shown is not None and shown.group(1) in {totp_now(step=s) for s in (-1, 0, 1)}
    response = client.post(reverse("mfa_authenticate"), {"code": shown.group(1)})
    assert response.status_code == 302
    assert client.get(reverse("zones:dashboard", kwargs={"zone": "amalo"})).status_code == 200
    # the same code does not work twice: the next login is shown the next code
    again, page = totp_step(demo_staff)
    second = re.search(r"<code>(\d{6})</code>", page)
    assert second is not None and second.group(1) != shown.group(1)
    assert again.post(reverse("mfa_authenticate"), {"code": second.group(1)}).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("debug,flag", [(False, True), (True, False), (False, False)])
def test_no_demo_code_without_debug_and_the_demo_flag(
    demo_staff: Any, settings: Any, debug: bool, flag: bool
) -> None:
    settings.DEBUG = debug
    settings.ZORGRAAD_DEMO_MFA_HINT = flag
    _client, page = totp_step(demo_staff)
    assert "Bevestig je aanmelding" in page
    assert HINT not in page and DEMO_TOTP_SECRET not in page and totp_now() not in page


@pytest.mark.django_db
def test_no_code_is_ever_shown_for_a_secret_other_than_the_demos(users: Any, settings: Any) -> None:
    settings.DEBUG = True
    settings.ZORGRAAD_DEMO_MFA_HINT = True
    own_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    staff = users["staff"]
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": own_secret})
    _client, page = totp_step(staff)
    assert HINT not in page and own_secret not in page and DEMO_TOTP_SECRET not in page
    assert totp_now(own_secret) not in page
