"""One-time form tokens: a create form posted twice (double click, back button, reload) makes one record.

The GET issues a token (hidden input `form_token`) and remembers it in the session. When the POST has
created its record, the view marks the token as used together with the address of that record. A second
POST with the same token is answered with a redirect to that record and a message, before anything is
validated or saved. A form re-shown with errors keeps its token.

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

The session is the memory, so it works across processes; it does not protect two POSTs that run at
exactly the same moment (the session is written when each response ends).
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

FIELD = "form_token"
SESSION_KEY = "zorgraad_form_tokens"
KEEP = 50  # tokens remembered per session; the oldest are forgotten first


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
    """A new token for a form that is about to be shown."""
    token = secrets.token_urlsafe(16)
    store = _store(request)
    store[token] = ""
    _save(request, store)
    return token


def token(request: HttpRequest) -> str:
    """The token of the posted form if this session issued it, else a new one."""
    posted = request.POST.get(FIELD, "") if request.method == "POST" else ""
    if posted and posted in _store(request):
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
