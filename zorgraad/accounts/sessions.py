"""End an account's sessions when what it may do changes (a role granted, revoked or accepted, erasure).

How: the account's `session_version` is raised. Django stores a hash of the account in every
session at login and compares it on every request (AuthenticationMiddleware → auth.get_user); our
User mixes `session_version` into that hash (User._get_session_auth_hash), so every session made
before the raise no longer matches and is flushed at its next request: the user is logged out.

Why this and not deleting rows of django_session: the database backend cannot find one user's
sessions without decoding every session of every user, a cache or signed-cookie backend cannot
list them at all, and this way needs no extra query per request and no middleware of our own.
"""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.db.models import F
from django.http import HttpRequest

from .models import User


def end_sessions(user_id: int | None) -> None:
    """Every session of the account ends at its next request."""
    if user_id:
        User.objects.filter(pk=user_id).update(session_version=F("session_version") + 1)


def keep_current_session(request: HttpRequest) -> None:
    """After `end_sessions` for the logged-in user: this request's session stays logged in."""
    user = request.user
    if not user.is_authenticated or not isinstance(user, User):
        return
    user.refresh_from_db(fields=["session_version", "password"])
    update_session_auth_hash(request, user)
