"""Staff screens of the directory: organisations, people, affiliations and offers."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgraad.core.audit import history_for

from .. import selectors, services
from ..forms.directory import OrganisationFilterForm, OrganisationForm

PAGE_SIZE = 25


def organisation_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    form = OrganisationFilterForm(request.GET or None, zone=current)
    filters = selectors.OrganisationFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.OrganisationFilters(
            q=d["q"],
            sector=d["sector"].pk if d["sector"] else None,
            cluster=d["cluster"].pk if d["cluster"] else None,
            municipality=d["municipality"].pk if d["municipality"] else None,
            archived=d["archived"],
        )
    page = Paginator(selectors.organisation_list(zone=current, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/organisation_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def organisation_create(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    form = OrganisationForm(request.POST or None, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(zone=current, actor=request.user, data=form.cleaned_data)
        except services.ServiceError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Organisatie %(name)s is aangemaakt.") % {"name": org.name})
            return redirect("network:organisation_detail", zone=current.slug, pk=org.pk)
    return render(request, "network/organisation_form.html", {"form": form, "creating": True})


def organisation_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    org = selectors.organisation_get(zone=current, pk=pk)
    return render(
        request,
        "network/organisation_detail.html",
        {"org": org, "history": history_for(zone=current, instance=org)[:50]},
    )


def organisation_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    org = selectors.organisation_get(zone=current, pk=pk)
    form = OrganisationForm(request.POST or None, instance=org, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                zone=current, actor=request.user, organisation=org, data=form.cleaned_data
            )
        except services.ServiceError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect("network:organisation_detail", zone=current.slug, pk=org.pk)
    return render(request, "network/organisation_form.html", {"form": form, "org": org})


def organisation_archive(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    org = selectors.organisation_get(zone=current, pk=pk)
    if request.method == "POST":
        try:
            services.organisation_archive(zone=current, actor=request.user, organisation=org)
        except services.ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Organisatie %(name)s is gearchiveerd.") % {"name": org.name})
        return redirect("network:organisation_detail", zone=current.slug, pk=org.pk)
    return render(
        request,
        "network/confirm.html",
        {
            "title": _("Organisatie archiveren"),
            "question": _(
                "Wil je %(name)s archiveren? De organisatie verdwijnt uit de lijsten en de sociale kaart; "
                "haar geschiedenis blijft bewaard."
            )
            % {"name": org.name},
            "confirm_label": _("Archiveren"),
            "cancel_url": org_url(current.slug, org.pk),
        },
    )


def org_url(zone_slug: str, pk: int) -> str:
    from django.urls import reverse

    return reverse("network:organisation_detail", kwargs={"zone": zone_slug, "pk": pk})


# --- built by the directory slice (people, affiliations, offers, exports, merge) ---------------


def organisation_export(request: HttpRequest, zone: str, fmt: str) -> HttpResponse:
    raise NotImplementedError


def organisation_merge(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def person_list(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def person_export(request: HttpRequest, zone: str, fmt: str) -> HttpResponse:
    raise NotImplementedError


def person_create(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def person_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def person_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def person_archive(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def person_merge(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def affiliation_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


@require_POST
def affiliation_end(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def offer_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def offer_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def offer_archive(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError
