"""One-time form tokens: a create form posted twice (double click, back button, reload) makes one record.

The GET issues a token (hidden input `form_token`): a random value signed with the site's secret key,
so the server knows it issued it without writing it down. Showing a form therefore writes nothing to
the session (a cached staff page, core/staffcache.py, issues a fresh token on every hit for the cost of
one HMAC). When the POST has created its record, the view marks the token as used together with the
address of that record, in the session. A second POST with the same token is answered with a redirect
to that record and a message, before anything is validated or saved. A form re-shown with errors
keeps its token.

    def thing_create(request, zone):
        if (again := once.replay(request)) is not None:
            return again
        token = once.token(request)
        ...
        thing = services.thing_create(...)
        url = reverse(...)
        once.mark_used(request, token, url)
        return redirect(url)
        ...
        return render(request, "...", {"form": form, "form_token": token})

The session is the memory of used tokens, so it works across processes; it does not protect two POSTs
that run at exactly the same moment (the session is written when each response ends). A posted value
that this site did not sign (typed, or of an older format) is not accepted as a token: the view gets a
new one, as for a form without one.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

FIELD = "form_token"
SESSION_KEY = "zorgraad_form_tokens"
KEEP = 50  # used tokens remembered per session; the oldest are forgotten first
ISSUED = "_zorgraad_form_tokens_issued"  # request attribute: the tokens this request issued (staffcache)
MAX_LENGTH = 200
_signer = signing.Signer(salt="zorgraad.core.once")


def _store(request: HttpRequest) -> dict[str, str]:
    store = request.session.get(SESSION_KEY)
    if not isinstance(store, dict):
        store = {}
    return store


def _save(request: HttpRequest, store: dict[str, str]) -> None:
    while len(store) > KEEP:
        del store[next(iter(store))]
    request.session[SESSION_KEY] = store
    request.session.modified = True


def issue(request: HttpRequest) -> str:
    """A new token for a form that is about to be shown (the session is not touched)."""
    value = _signer.sign(secrets.token_urlsafe(16))
    request.__dict__.setdefault(ISSUED, []).append(value)
    return value


def issued(request: HttpRequest) -> list[str]:
    """The tokens issued while handling this request (the staff page cache keeps a page with one)."""
    return list(request.__dict__.get(ISSUED, ()))


def is_valid(value: str) -> bool:
    """Whether this site issued the token (a signature check, no lookup)."""
    if not value or len(value) > MAX_LENGTH:
        return False
    try:
        _signer.unsign(value)
    except signing.BadSignature:
        return False
    return True


def token(request: HttpRequest) -> str:
    """The token of the posted form if this site issued it, else a new one."""
    posted = request.POST.get(FIELD, "") if request.method == "POST" else ""
    if is_valid(posted):
        return posted
    return issue(request)


def used_url(request: HttpRequest, value: str) -> str | None:
    """Where the record made with this token lives, or None if the token was not used yet."""
    if not value:
        return None
    return _store(request).get(value) or None


def mark_used(request: HttpRequest, value: str, url: str) -> None:
    """The form with this token created the record at `url`."""
    if not value:
        return
    store = _store(request)
    store.pop(value, None)  # re-insert: recently used tokens are forgotten last
    store[value] = url
    _save(request, store)


def replay(request: HttpRequest) -> HttpResponse | None:
    """For a POST whose token was already used: the redirect to the first record, else None."""
    if request.method != "POST":
        return None
    url = used_url(request, request.POST.get(FIELD, ""))
    if url is None:
        return None
    messages.warning(request, _("Dit formulier werd al verstuurd; er is niets dubbel aangemaakt."))
    return HttpResponseRedirect(url)
