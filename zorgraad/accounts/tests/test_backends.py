"""The lean `get_user` of the authentication backends (accounts/backends.py, core/rawrow.py): the same
user as Django's own lookup, read afresh on every request, one raw statement, and every refusal of
Django's (inactive account, changed password, a session of another backend or a bogus id) kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import backends as django_backends
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from zorgraad.accounts.backends import AuthenticationBackend, ModelBackend
from zorgraad.accounts.models import User
from zorgraad.core import rawrow

pytestmark = pytest.mark.django_db


def _fields(user: User) -> dict[str, Any]:
    return {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_it_gives_the_same_user_as_djangos_lookup(backend: type, django_user_model: Any) -> None:
    user = User.objects.create_user(
        email="Lean@Voorbeeld.be", password="geheim-wachtwoord-1", first_name="Léa"
    )
    expected = django_backends.ModelBackend().get_user(user.pk)
    found = backend().get_user(user.pk)
    assert isinstance(found, User) and expected is not None
    assert _fields(found) == _fields(expected)
    assert found.last_login == expected.last_login and found.date_joined.tzinfo is not None
    assert found._state.adding is False and found._state.db == "default"
    assert found.check_password("geheim-wachtwoord-1")


def test_one_statement_and_no_cache_between_calls() -> None:
    user = User.objects.create_user(email="vers@voorbeeld.be", password="x" * 12)
    backend = ModelBackend()
    with CaptureQueriesContext(connection) as ctx:
        assert backend.get_user(user.pk) is not None
    assert len(ctx.captured_queries) == 1
    User.objects.filter(pk=user.pk).update(first_name="Nieuw")
    assert backend.get_user(user.pk).first_name == "Nieuw"  # type: ignore[union-attr]


@pytest.mark.parametrize("value", [0, 999_999_999, "abc", "", None, "1 OR 1=1", "<b>1</b>", "\x00"])
def test_no_user_for_an_unknown_or_bogus_id(value: Any) -> None:
    User.objects.create_user(email="iemand@voorbeeld.be", password="x" * 12)
    assert ModelBackend().get_user(value) is None
    assert AuthenticationBackend().get_user(value) is None


def test_an_inactive_account_gets_no_user() -> None:
    user = User.objects.create_user(email="weg@voorbeeld.be", password="x" * 12, is_active=False)
    assert ModelBackend().get_user(user.pk) is None
    assert rawrow.one(User, "id", user.pk) is not None  # the row is there: the backend refuses it


def test_a_session_is_logged_out_when_the_account_is_deactivated_or_its_password_changes() -> None:
    user = User.objects.create_user(email="sessie@voorbeeld.be", password="x" * 12)
    client = Client()
    client.force_login(user)
    assert client.session["_auth_user_backend"] == "zorgraad.accounts.backends.ModelBackend"
    assert client.get("/").wsgi_request.user.is_authenticated
    user.set_password("een-ander-wachtwoord-2")
    user.save()
    assert not client.get("/").wsgi_request.user.is_authenticated
    client.force_login(user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_a_session_of_a_backend_no_longer_configured_is_anonymous() -> None:
    user = User.objects.create_user(email="oud@voorbeeld.be", password="x" * 12)
    client = Client()
    client.force_login(user)
    session = client.session
    session["_auth_user_backend"] = "django.contrib.auth.backends.RemoteUserBackend"
    session.save()
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_rawrow_reads_by_another_unique_column() -> None:
    user = User.objects.create_user(email="uniek@voorbeeld.be", password="x" * 12)
    assert rawrow.one(User, "email", "uniek@voorbeeld.be").pk == user.pk  # type: ignore[union-attr]
    assert rawrow.one(User, "email", "niemand@voorbeeld.be") is None
