"""Shared pytest fixtures: demo zones, a user for every role, guards against stray mail and network."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import mail
from django.test import Client

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright runs an event loop

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ROLES = ["anonymous", "partner", "member", "secretary", "staff", "other_staff", "admin"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-BE", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Ids and generations repeat across rolled-back tests: start every test with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """A request in English leaves English active in the test's thread (LocaleMiddleware activates
    the request's language and nothing resets it): every test starts in the site's own language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test may talk to this machine only (databases, live server, local SMTP)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and address:
            host = address[0]
            try:
                ok = ipaddress.ip_address(host).is_loopback
            except ValueError:
                ok = host in {"localhost", "testserver"}
            if not ok:
                raise RuntimeError(f"Test tried to open a network connection to {host!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _no_unexpected_mail(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that sends mail unless it asks for `mailoutbox` or is marked `sends_mail`."""
    yield
    if "mailoutbox" in request.fixturenames or request.node.get_closest_marker("sends_mail"):
        return
    sent = getattr(mail, "outbox", [])
    if sent:
        pytest.fail(f"Unexpected mail sent: {[m.subject for m in sent]}")


_zone_writes = {"count": 0}


def _note_zone_write(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    from zorgraad.core.scoping import ZoneOwned

    if isinstance(instance, ZoneOwned):
        _zone_writes["count"] += 1


@pytest.fixture(autouse=True)
def _zones_stay_apart(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every test that wrote a zone-owned row: no FK or M2M link crosses two zones."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if not uses_db:
        yield
        return
    from django.db.models.signals import m2m_changed, post_save

    request.getfixturevalue("_django_db_helper")  # set up first, so rolled back after this check
    post_save.connect(_note_zone_write, dispatch_uid="zones-stay-apart")
    m2m_changed.connect(_note_zone_write, dispatch_uid="zones-stay-apart-m2m")
    _zone_writes["count"] = 0
    yield
    post_save.disconnect(dispatch_uid="zones-stay-apart")
    m2m_changed.disconnect(dispatch_uid="zones-stay-apart-m2m")
    if _zone_writes["count"]:
        from zorgraad.core.invariants import cross_zone_links

        problems = cross_zone_links()
        if problems:
            pytest.fail("Links across zones: " + "; ".join(str(p) for p in problems))


@pytest.fixture
def zones(db: Any) -> dict[str, Any]:
    from zorgraad.zones import demo

    return demo.load()


@pytest.fixture
def zone(zones: dict[str, Any]) -> Any:
    return zones["amalo"]


@pytest.fixture
def other_zone(zones: dict[str, Any]) -> Any:
    return zones["zennevallei"]


@pytest.fixture
def users(zones: dict[str, Any]) -> dict[str, Any]:
    """One user per role, all in AMALO, plus staff of Zennevallei (`other_staff`) and a platform admin."""
    from zorgraad.accounts.models import Role, User, ZoneRole

    made: dict[str, Any] = {"anonymous": None}
    for role in (Role.PARTNER, Role.MEMBER, Role.SECRETARY, Role.STAFF):
        user = User.objects.create_user(f"{role}@amalo.test", "geheim-wachtwoord-1")
        ZoneRole.objects.create(zone=zones["amalo"], user=user, role=role)
        made[str(role)] = user
    other = User.objects.create_user("staff@zennevallei.test", "geheim-wachtwoord-1")
    ZoneRole.objects.create(zone=zones["zennevallei"], user=other, role=Role.STAFF)
    made["other_staff"] = other
    made["admin"] = User.objects.create_superuser("admin@platform.test", "geheim-wachtwoord-1")
    return made


@pytest.fixture
def client_as(users: dict[str, Any]) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        c = Client()
        if users.get(role) is not None:
            c.force_login(users[role])
        return c

    return make


@pytest.fixture
def staff_client(client_as: Callable[[str], Client]) -> Client:
    return client_as("staff")


class ReceivedMail:
    """One message as the local SMTP server received it: the envelope and the parsed message."""

    def __init__(self, mail_from: str, rcpt_tos: list[str], message: Any) -> None:
        self.mail_from = mail_from
        self.rcpt_tos = rcpt_tos
        self.message = message  # email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain", "html"))
        return str(part.get_content()) if part is not None else ""


class LocalSmtp:
    """A real SMTP server on 127.0.0.1 (aiosmtpd). Add an address to `refuse` to answer it with 550."""

    def __init__(self) -> None:
        self.messages: list[ReceivedMail] = []
        self.refuse: set[str] = set()
        self.host = "127.0.0.1"
        self.port = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address.lower() in {a.lower() for a in self.refuse}:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import email
        import email.policy

        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        self.messages.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[LocalSmtp]:
    """Mail goes over a real SMTP conversation to a server in this process; `.messages` holds it."""
    from aiosmtpd.controller import Controller

    server = LocalSmtp()
    server.port = _free_port()
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield server
    finally:
        controller.stop()
