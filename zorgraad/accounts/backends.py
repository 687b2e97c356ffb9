"""The authentication backends: Django's and allauth's, with a lean `get_user`.

`get_user` runs on every request of a logged-in user (AuthenticationMiddleware's lazy `request.user`).
Django's builds an ORM query each time (`User.objects.get(pk=...)`, about 0.5 ms of CPU, a quarter
of a cached staff page: issue 17); these read the same row with a raw statement planned once per
database connection (core/rawrow.py) and give the same User object. Everything else — checking a
password, the session hash, `is_active` (`user_can_authenticate`), permissions — is Django's and
allauth's own code, unchanged.

Sessions keep the path of the backend that logged them in; a session made before these paths were
configured (Django's or allauth's own path) is logged out once (Django drops a session whose backend
is no longer in AUTHENTICATION_BACKENDS).
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends

from zorgraad.core import rawrow


class LeanGetUser:
    def get_user(self, user_id: Any) -> Any:
        from .models import User

        try:
            pk = User._meta.pk.to_python(user_id)  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - a session value that is no id: no user, as Django's own
            return None
        user = rawrow.one(User, "id", pk)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(LeanGetUser, backends.ModelBackend):
    """Django's ModelBackend (e-mail and password), lean `get_user`."""


class AuthenticationBackend(LeanGetUser, AllauthBackend):
    """allauth's backend (login by e-mail), lean `get_user`."""
