from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError

from . import services
from .forms import AccessForm
from .models import Role, ZoneRole


def home_redirect(request: HttpRequest) -> HttpResponse:  # noqa: D103
    """After login: staff to their zone's work page, partners to their profile, others to the start."""
    roles = list(
        ZoneRole.objects.filter(user_id=request.user.pk or 0).select_related("zone").order_by("role")
    )
    for zr in roles:
        if zr.role == Role.STAFF:
            return redirect("zones:dashboard", zone=zr.zone.slug)
    if roles:
        return redirect("network:my_profile", zone=roles[0].zone.slug)
    return redirect("zone_list")


def person_access(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """Staff give a person of the directory an account with a role in this zone, or take it back."""
    current = request.zone  # type: ignore[attr-defined]
    person = get_object_or_404(Person.objects.for_zone(current).select_related("user"), pk=pk)
    form = AccessForm(request.POST or None)
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                services.access_revoke(
                    zone=current, actor=request.user, person=person, role=request.POST["revoke"]
                )
                messages.success(request, _("De rol is ingetrokken."))
                return redirect("accounts:person_access", zone=current.slug, pk=person.pk)
            if form.is_valid():
                services.access_grant(
                    zone=current, actor=request.user, person=person, role=form.cleaned_data["role"]
                )
                messages.success(
                    request,
                    _("%(name)s heeft nu toegang en kreeg een mail om zich aan te melden.")
                    % {"name": person},
                )
                return redirect("accounts:person_access", zone=current.slug, pk=person.pk)
        except ServiceError as exc:
            form.add_error(None, exc.messages[0])
    roles = (
        list(ZoneRole.objects.filter(zone=current, user_id=person.user_id).order_by("role"))
        if person.user_id
        else []
    )
    return render(request, "accounts/person_access.html", {"person": person, "form": form, "roles": roles})
