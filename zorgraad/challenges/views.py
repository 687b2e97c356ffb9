"""Challenge pages: the staff list and form, and the hub page (staff and public).

The hub shows what other apps link to the challenge (events, plan actions, signals, newsletter
blocks) through `core.registry.challenge_panels`; this app only knows its bodies.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.core.registry import challenge_panels_for

from . import selectors, services
from .forms import ChallengeForm


def _url(zone: str, pk: int) -> str:
    return reverse("challenges:detail", kwargs={"zone": zone, "pk": pk})


def challenge_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    return render(
        request,
        "challenges/list.html",
        {"challenges": list(selectors.challenge_list(zone=current)), "today": timezone.localdate()},
    )


def challenge_create(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    form = ChallengeForm(request.POST or None, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.challenge_create(zone=current, actor=request.user, data=form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De uitdaging is aangemaakt."))
            return redirect(_url(zone, challenge.pk))
    return render(request, "challenges/form.html", {"form": form, "creating": True})


def challenge_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    challenge = selectors.challenge_get(zone=current, pk=pk)
    form = ChallengeForm(request.POST or None, instance=challenge, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_update(
                zone=current, actor=request.user, challenge=challenge, data=form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            challenge = selectors.challenge_get(zone=current, pk=pk)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect(_url(zone, pk))
    return render(request, "challenges/form.html", {"form": form, "challenge": challenge})


def _hub(request: HttpRequest, pk: int, template: str, public: bool) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    challenge = selectors.challenge_get(zone=current, pk=pk)
    return render(
        request,
        template,
        {
            "challenge": challenge,
            "bodies": selectors.challenge_bodies(zone=current, challenge=challenge),
            "panels": challenge_panels_for(current, challenge, request, public=public),
        },
    )


def challenge_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    return _hub(request, pk, "challenges/detail.html", public=False)


def public_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    today = timezone.localdate()
    return render(
        request,
        "challenges/public_list.html",
        {"challenges": list(selectors.challenge_list(zone=current, active_on=today))},
    )


def public_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    return _hub(request, pk, "challenges/public_detail.html", public=True)
