"""Schemathesis against the API's own OpenAPI document (/api/v1/openapi.json), in-process (WSGI).

Every operation gets generated requests, valid and invalid, with the zone fixed to the demo zone
AMALO (with its demo organisations, offers and people): once anonymously and once as AMALO staff
who logged in with password and TOTP, with MFA required. Passing means: no server error, every
answer's status code is documented and its body matches the documented schema. Deterministic
(derandomized, no example database) and bounded: at most MAX_EXAMPLES generated cases per operation.
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, settings
from ninja.responses import Response

from config.api import api
from zorgraad.accounts import demo as accounts_demo
from zorgraad.network import demo as network_demo
from zorgraad.zones import demo as zones_demo

ZONE = "amalo"
STAFF = "staf@amalo.zorgraad.test"  # demo staff of AMALO, with the demo TOTP secret
MAX_EXAMPLES = 40
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
]


def staff_session_cookie() -> str:
    """Log the demo staff member in as a person would: password, then the TOTP code."""
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": STAFF, "password": accounts_demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302, response
    if response["Location"] == reverse("mfa_authenticate"):
        secret = accounts_demo.DEMO_TOTP_SECRET
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 302, response
    assert client.get(f"/api/v1/zones/{ZONE}/people").status_code == 200
    return str(client.cookies["sessionid"].value)


def in_test_transaction(app: Any) -> Any:
    """The WSGI app without closing the database connection at the start and end of a request, as
    Django's test client does: the test's transaction (PostgreSQL) must stay open across requests."""

    def wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = app(environ, start_response)
            try:
                return list(response)
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return wsgi


# The document as /api/v1/openapi.json serves it (the same function and encoder), built when the
# module is collected, where no request and no database may be used; the last test compares it with
# the served one.
DOCUMENT = json.loads(Response(api.get_openapi_schema()).content)
schema = schemathesis.openapi.from_dict(copy.deepcopy(DOCUMENT))
schema.app = in_test_transaction(get_wsgi_application())
schema.config.update(parameters={"path.zone": ZONE})
schema.config.checks.update(included_check_names=CHECKS)
schema.config.generation.update(deterministic=True, max_examples=MAX_EXAMPLES)


@pytest.fixture(scope="module")
def demo_data(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo zones, accounts and directory, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        zones = zones_demo.load()
        network_demo.load(zones, accounts_demo.load(zones))
        yield
        transaction.set_rollback(True)


@pytest.fixture(params=["anonymous", "staff"])
def session_cookies(
    request: pytest.FixtureRequest, demo_data: None, db: Any, settings: Any
) -> dict[str, str]:
    """MFA required, and the cookies of an anonymous visitor (none) or of AMALO staff."""
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True
    return {"sessionid": staff_session_cookie()} if request.param == "staff" else {}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case: Any, session_cookies: dict[str, str]) -> None:
    if session_cookies:  # instead of the generated value of the `sessionid` cookie
        case.cookies = {**(case.cookies or {}), **session_cookies}
    response = case.call_and_validate()
    if case.method.upper() == "GET" and case.operation.path.startswith("/api/v1/zones/{zone}/people"):
        # The session is what it should be: staff are never refused, anonymous visitors always.
        staff = bool(session_cookies)
        assert (response.status_code == 403) is not staff, (response.status_code, response.text)


def test_the_tested_document_is_the_served_one(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == DOCUMENT
