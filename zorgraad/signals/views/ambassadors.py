"""Staff pages of signal ambassadors: the list per organisation, add, edit, end (with confirmation).

Access levels are in hooks.URL_ROLES (staff of the zone); every lookup is zone-scoped, so an id of
another zone is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.core.lists import paginate
from zorgraad.network import pickers
from zorgraad.zones.models import Zone

from ..forms.ambassadors import AmbassadorEditForm, AmbassadorFilterForm, AmbassadorForm
from ..selectors import ambassadors as selectors
from ..services import ambassadors as services

PER_PAGE = 25


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _list_url(zone: Zone) -> str:
    return reverse("signals:ambassador_list", kwargs={"zone": zone.slug})


def ambassador_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form = AmbassadorFilterForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    state = filters.get("state") or selectors.CURRENT
    rows = selectors.ambassador_list(zone=current, q=filters.get("q") or "", state=state)
    page, query = paginate(request, rows, per_page=PER_PAGE)
    return render(
        request,
        "signals/ambassador_list.html",
        {"form": form, "page": page, "query": query, "state": state, "filtered": bool(filters.get("q"))},
    )


def ambassador_create(request: HttpRequest, zone: str) -> HttpResponse:
    """Choose the person with the search picker; their functions at organisations then show as choices."""
    current = _zone(request)
    initial: dict[str, Any] = {}
    if request.GET.get("person", "").isdigit():
        initial["person"] = request.GET["person"]
    form = AmbassadorForm(request.POST or None, zone=current, initial=initial)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            ambassador = services.ambassador_create(
                zone=current, actor=request.user, affiliation=data.pop("affiliation"), data=data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s is signaalambassadeur bij %(org)s.")
                % {"person": ambassador.affiliation.person, "org": ambassador.affiliation.organisation},
            )
            return redirect(_list_url(current))
    return render(request, "signals/ambassador_form.html", {"form": form, "ambassador": None})


def ambassador_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    ambassador = selectors.ambassador_get(zone=current, pk=pk)
    initial = {f: getattr(ambassador, f) for f in services.FIELDS}
    form = AmbassadorEditForm(request.POST or None, zone=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.ambassador_update(
                zone=current, actor=request.user, ambassador=ambassador, data=dict(form.cleaned_data)
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De gegevens van de signaalambassadeur zijn bewaard."))
            return redirect(_list_url(current))
    return render(request, "signals/ambassador_form.html", {"form": form, "ambassador": ambassador})


def ambassador_end(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """Ask first (a destructive action), then end the role today."""
    current = _zone(request)
    ambassador = selectors.ambassador_get(zone=current, pk=pk)
    back = _list_url(current)
    person, org = ambassador.affiliation.person, ambassador.affiliation.organisation
    if request.method == "POST":
        try:
            services.ambassador_end(zone=current, actor=request.user, ambassador=ambassador)
        except ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("%(person)s is vanaf morgen geen signaalambassadeur meer bij %(org)s.")
                % {"person": person, "org": org},
            )
        return redirect(back)
    return render(
        request,
        "network/confirm.html",
        {
            "back_label": _("Signaalambassadeurs"),
            "title": _("Rol van signaalambassadeur beëindigen"),
            "question": _(
                "Wil je de rol van %(person)s als signaalambassadeur bij %(org)s vandaag beëindigen? "
                "De rol blijft in de geschiedenis bewaard en de signalen die %(person)s al verzamelde, "
                "blijven meetellen."
            )
            % {"person": person, "org": org},
            "confirm_label": _("Rol beëindigen"),
            "cancel_url": back,
        },
    )
