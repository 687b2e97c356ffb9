"""Members' own bodies and the public subscription to an open body's agenda (double opt-in)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from zorgraad.core.forms import add_service_error
from zorgraad.core.ratelimit import limit_posts
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .. import mail as subscription_mail
from .. import selectors, services
from ..forms import CONSENT_TEXT, SubscribeForm
from ..models import Body


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _open_body(request: HttpRequest, slug: str) -> Body:
    """An open body of the zone; a closed body has no public page: 404."""
    body = selectors.body_get(zone=_zone(request), slug=slug)
    if not body.is_open:
        raise Http404(_("Dit overleg heeft geen publieke pagina."))
    return body


def my_bodies(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    return render(
        request, "governance/my_bodies.html", {"rows": selectors.my_bodies(zone=current, user=request.user)}
    )


@limit_posts("subscribe", limit=10)
def body_subscribe(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    """Ask for the agenda of an open body by mail.

    Whatever the address, a valid POST gets the same answer ("if this address is not subscribed yet,
    you get a mail with a confirmation link"): the form never tells whether an address is subscribed.
    """
    current = _zone(request)
    obj = _open_body(request, body)
    done_url = (
        reverse("governance:body_subscribe", kwargs={"zone": current.slug, "body": obj.slug}) + "?klaar=1"
    )
    if request.method == "GET" and request.GET.get("klaar"):
        return render(request, "governance/subscribe.html", {"body": obj, "done": True})
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if form.is_robot:  # the honeypot was filled in: look like the others, send nothing
            return redirect(done_url)
        if form.is_valid():
            try:
                services.subscription_request(
                    zone=current,
                    body=obj,
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    consent_text=form.consent_wording,
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                return redirect(done_url)
    return render(request, "governance/subscribe.html", {"body": obj, "form": form})


def _refused(request: HttpRequest, body: Body, exc: subscription_mail.LinkRefused) -> HttpResponse:
    return render(
        request,
        "governance/subscribe_confirm.html",
        {"body": body, "refused": True, "expired": isinstance(exc, subscription_mail.LinkExpired)},
        status=exc.status,
    )


def subscribe_confirm(request: HttpRequest, zone: str, body: str, token: str) -> HttpResponse:
    """The link in the confirmation mail. The GET asks; only the POST (the button) subscribes, so a
    mail scanner that opens links cannot confirm for the owner."""
    current = _zone(request)
    obj = _open_body(request, body)
    try:
        wanted = subscription_mail.confirm_request_get(zone=current, body=obj, token=token)
    except subscription_mail.LinkRefused as exc:
        return _refused(request, obj, exc)
    context = {"body": obj, "email": wanted.email}
    if request.method == "POST":
        try:
            _subscriber, new = services.subscription_confirm(
                zone=current, actor=request.user, body=obj, request=wanted, consent_text=str(CONSENT_TEXT)
            )
        except ServiceError as exc:
            return render(
                request,
                "governance/subscribe_confirm.html",
                {**context, "refused": True, "error": exc.messages[0]},
                status=400,
            )
        return render(
            request, "governance/subscribe_confirm.html", {**context, "confirmed": True, "new": new}
        )
    return render(request, "governance/subscribe_confirm.html", context)


@csrf_exempt  # the signed link is the credential; mail programs POST to it for one-click unsubscribe
def unsubscribe(request: HttpRequest, zone: str, body: str, token: str) -> HttpResponse:
    """The unsubscribe link in every agenda mail to a subscriber. The GET asks; the POST unsubscribes."""
    current = _zone(request)
    obj = selectors.body_get(zone=current, slug=body)  # also after the body was closed
    try:
        email = subscription_mail.unsubscribe_email_get(zone=current, body=obj, token=token)
    except subscription_mail.LinkRefused as exc:
        return render(
            request, "governance/unsubscribe.html", {"body": obj, "refused": True}, status=exc.status
        )
    if request.method == "POST":
        services.subscriber_remove(zone=current, actor=request.user, body=obj, email=email)
        return render(request, "governance/unsubscribe.html", {"body": obj, "email": email, "done": True})
    return render(request, "governance/unsubscribe.html", {"body": obj, "email": email})
