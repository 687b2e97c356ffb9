"""Members' own bodies and the public subscription to an open body's agenda."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgraad.core.forms import add_service_error
from zorgraad.core.ratelimit import limit_posts
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .. import selectors, services
from ..forms import SubscribeForm


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def my_bodies(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    return render(
        request, "governance/my_bodies.html", {"rows": selectors.my_bodies(zone=current, user=request.user)}
    )


@limit_posts("subscribe", limit=10)
def body_subscribe(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    """Get the agenda of an open body by mail. A closed body has no public page: 404."""
    current = _zone(request)
    obj = selectors.body_get(zone=current, slug=body)
    if not obj.is_open:
        raise Http404(_("Dit overleg heeft geen publieke pagina."))
    done_url = (
        reverse("governance:body_subscribe", kwargs={"zone": current.slug, "body": obj.slug}) + "?klaar=1"
    )
    if request.method == "GET" and request.GET.get("klaar"):
        return render(request, "governance/subscribe.html", {"body": obj, "done": True})
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        thanks = _("Bedankt! Je krijgt voortaan de agenda van %(body)s per e-mail.") % {"body": obj.name}
        if form.is_robot:  # the honeypot was filled in: look like success, keep nothing
            messages.success(request, thanks)
            return redirect(done_url)
        if form.is_valid():
            try:
                services.subscriber_add(
                    zone=current,
                    actor=request.user,
                    body=obj,
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    consent_text=form.consent_wording,
                )
            except services.AlreadySubscribed as exc:
                messages.info(request, exc.messages[0])
                return redirect(done_url)
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, thanks)
                return redirect(done_url)
    return render(request, "governance/subscribe.html", {"body": obj, "form": form})
