"""Staff screens of the directory: organisations, people, affiliations and offers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgraad.core import once
from zorgraad.core.audit import history_for
from zorgraad.core.forms import add_service_error
from zorgraad.core.fragments import covered, panels_extra
from zorgraad.core.lists import paginate
from zorgraad.core.registry import (
    organisation_panels,
    organisation_panels_for,
    person_panels,
    person_panels_for,
)
from zorgraad.core.rows import url_maker
from zorgraad.core.staffcache import cache_staff_page, dont_store
from zorgraad.zones.models import Zone

from .. import duplicates, exporters, pickers, selectors, services
from ..forms.directory import (
    AffiliationForm,
    MergeForm,
    OfferForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonCreateForm,
    PersonFilterForm,
    PersonForm,
)
from ..models import Organisation, Person
from ..services import merge

HISTORY_ROWS = 50


# --- helpers -------------------------------------------------------------------------------------


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _initial_organisation(request: HttpRequest) -> dict[str, str]:
    """The organisation of ?organisation=<pk> as the form's initial choice (GET only)."""
    if request.method == "GET" and request.GET.get("organisation", "").isdigit():
        return {"organisation": request.GET["organisation"]}
    return {}


def _create_page(
    request: HttpRequest,
    form: forms.BaseForm,
    template: str,
    context: dict[str, Any],
    *,
    create: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], tuple[str, str]],
    candidates: Callable[[dict[str, Any]], list[Any]] | None = None,
) -> HttpResponse:
    """The create flow shared by the directory's "new" pages.

    A POST whose one-time form token was used already goes to the record it made (see core/once.py).
    A valid form is first checked for likely duplicates with `candidates`, unless the user confirmed
    that the record is new (`confirm_new`); the page then shows them. Otherwise `create(cleaned_data)`
    calls the service and `done(record)` gives the record's address and the success message: the
    token is marked as used with that address and the user is sent there. Errors of the service are
    shown on the form, which keeps its token.
    """
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    pickers.use_search(request, form)
    found: list[Any] = []
    if request.method == "POST" and form.is_valid():
        if candidates is not None and request.POST.get("confirm_new") != "1":
            found = candidates(form.cleaned_data)
        if not found:
            try:
                record = create(form.cleaned_data)
            except services.ServiceError as exc:
                add_service_error(form, exc)
            else:
                url, message = done(record)
                once.mark_used(request, token, url)
                messages.success(request, message)
                return redirect(url)
    if candidates is not None:
        context = {**context, "candidates": found}
    return render(request, template, {**context, "form": form, "form_token": token})


def org_url(zone_slug: str, pk: int) -> str:
    return reverse("network:organisation_detail", kwargs={"zone": zone_slug, "pk": pk})


def person_url(zone_slug: str, pk: int) -> str:
    return reverse("network:person_detail", kwargs={"zone": zone_slug, "pk": pk})


def _organisation_filters(
    request: HttpRequest, current: Zone
) -> tuple[OrganisationFilterForm, selectors.OrganisationFilters]:
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
    return form, filters


def _person_filters(request: HttpRequest, current: Zone) -> tuple[PersonFilterForm, selectors.PersonFilters]:
    form = PersonFilterForm(request.GET or None, zone=current)
    pickers.use_search(request, form)
    filters = selectors.PersonFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.PersonFilters(
            q=d["q"],
            organisation=d["organisation"].pk if d["organisation"] else None,
            sector=d["sector"].pk if d["sector"] else None,
            municipality=d["municipality"].pk if d["municipality"] else None,
            without_function=d["without_function"],
            archived=d["archived"],
        )
    return form, filters


# --- organisations -------------------------------------------------------------------------------


@cache_staff_page
def organisation_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form, filters = _organisation_filters(request, current)
    page, query = paginate(request, selectors.organisation_list_values(zone=current, filters=filters))
    page.object_list = selectors.organisation_rows(
        page.object_list, url_maker("network:organisation_detail", zone=current.slug)
    )
    return render(request, "network/organisation_list.html", {"form": form, "page": page, "query": query})


def organisation_export(request: HttpRequest, zone: str, fmt: str) -> HttpResponse:
    current = _zone(request)
    if fmt not in exporters.FORMATS:
        raise Http404(_("Onbekend exportformaat."))
    _form, filters = _organisation_filters(request, current)
    exporter = exporters.OrganisationExporter(
        selectors.organisation_export_list(zone=current, filters=filters)
    )
    return exporter.response(fmt, current.slug)


def organisation_create(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    return _create_page(
        request,
        OrganisationForm(request.POST or None, zone=current),
        "network/organisation_form.html",
        {"creating": True},
        candidates=lambda d: duplicates.organisation_candidates(current, d["name"]),
        create=lambda d: services.organisation_create(zone=current, actor=request.user, data=d),
        done=lambda org: (
            org_url(current.slug, org.pk),
            _("Organisatie %(name)s is aangemaakt.") % {"name": org.name},
        ),
    )


@cache_staff_page(extra=panels_extra(organisation_panels, Organisation))
def organisation_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """An organisation's staff page, cached whole as a person's page is (see person_detail): the
    organisation, its affiliations, offers and history are written through the ORM; the cards of
    other apps only when their receivers declare them (core/registry.cacheable_panels)."""
    current = _zone(request)
    org = selectors.organisation_get(zone=current, pk=pk)
    panels = organisation_panels_for(current, org, request)
    if not covered(panels, organisation_panels, Organisation):
        dont_store(request)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "org": org,
            "history": history_for(zone=current, instance=org)[:HISTORY_ROWS],
            # cards of other apps (signal ambassadors, ...): core/registry.py organisation_panels
            "panels": panels,
        },
    )


@cache_staff_page
def organisation_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    org = selectors.organisation_edit_get(zone=current, pk=pk)
    form = OrganisationForm(request.POST or None, instance=org, zone=current)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                zone=current, actor=request.user, organisation=org, data=form.cleaned_data
            )
        except services.ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect("network:organisation_detail", zone=current.slug, pk=org.pk)
    return render(request, "network/organisation_form.html", {"form": form, "org": org})


def organisation_archive(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
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


def organisation_merge(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    keep = selectors.organisation_get(zone=current, pk=pk)
    choices = selectors.organisation_merge_choices(zone=current, exclude_pk=keep.pk)
    if request.method == "POST":
        form = MergeForm(request.POST, queryset=choices)
        if form.is_valid():
            remove = form.cleaned_data["other"]
            name = remove.name
            try:
                merge.organisation_merge(zone=current, actor=request.user, keep=keep, remove=remove)
            except services.ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _("%(other)s is samengevoegd met %(name)s.") % {"other": name, "name": keep.name},
                )
                return redirect("network:organisation_detail", zone=current.slug, pk=keep.pk)
        return _merge_page(request, "organisation", keep, None, [], [], form)
    q = request.GET.get("q", "").strip()
    results = (
        list(
            selectors.organisation_list(zone=current, filters=selectors.OrganisationFilters(q=q)).exclude(
                pk=keep.pk
            )[:10]
        )
        if q
        else []
    )
    candidates = duplicates.organisation_candidates(current, keep.name, exclude_pk=keep.pk)
    other = _merge_other(request, candidates, q, keep.pk, selectors.organisation_get)
    form = MergeForm(initial={"other": other.pk if other else None}, queryset=choices)
    return _merge_page(request, "organisation", keep, other, candidates, results, form, q)


# --- people --------------------------------------------------------------------------------------


@cache_staff_page
def person_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form, filters = _person_filters(request, current)
    page, query = paginate(request, selectors.person_list_page(zone=current, filters=filters))
    # The rows evaluated here with their addresses (reversed once), not per row in the template.
    people = list(page.object_list)
    person_at = url_maker("network:person_detail", zone=current.slug)
    org_at = url_maker("network:organisation_detail", zone=current.slug)
    for person in people:
        person.url = person_at(person.pk)
        for affiliation in person.current_affiliations:
            affiliation.organisation_url = org_at(affiliation.organisation_id)
    page.object_list = people
    return render(request, "network/person_list.html", {"form": form, "page": page, "query": query})


def person_export(request: HttpRequest, zone: str, fmt: str) -> HttpResponse:
    current = _zone(request)
    if fmt not in exporters.FORMATS:
        raise Http404(_("Onbekend exportformaat."))
    _form, filters = _person_filters(request, current)
    exporter = exporters.PersonExporter(selectors.person_export_list(zone=current, filters=filters))
    return exporter.response(fmt, current.slug)


@cache_staff_page
def person_create(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    return _create_page(
        request,
        PersonCreateForm(request.POST or None, zone=current, initial=_initial_organisation(request)),
        "network/person_form.html",
        {"creating": True},
        candidates=lambda d: duplicates.person_candidates(
            current, d["first_name"], d["last_name"], d["email"]
        ),
        create=lambda d: services.person_create(
            zone=current,
            actor=request.user,
            data=d,
            organisation=d.get("organisation"),
            function=d.get("function", ""),
        ),
        done=lambda person: (
            person_url(current.slug, person.pk),
            _("%(name)s is toegevoegd.") % {"name": person.full_name},
        ),
    )


@cache_staff_page(extra=panels_extra(person_panels, Person))
def person_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """A person's staff page, cached whole (core/staffcache.py) when every card of another app
    (person_panels) is declared cacheable: a hit calls no receiver and runs no selector; a render
    whose cards do not match their declarations is not stored. Everything else it shows (the
    person, affiliations, the account, the history) is written through the ORM, which raises the
    zone's staff generation; "te bevestigen" follows the day in the key (and the entry's lifetime)."""
    current = _zone(request)
    person = selectors.person_get(zone=current, pk=pk)
    panels = person_panels_for(current, person, request)
    if not covered(panels, person_panels, Person):
        dont_store(request)
    affiliations = list(person.affiliations.all())
    return render(
        request,
        "network/person_detail.html",
        {
            "person": person,
            "current_affiliations": [a for a in affiliations if a.is_current],
            "past_affiliations": [a for a in affiliations if not a.is_current],
            # cards of other apps: the bodies the person sits in (governance), …
            "panels": panels,
            "history": history_for(zone=current, instance=person)[:HISTORY_ROWS],
        },
    )


def person_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    person = selectors.person_get(zone=current, pk=pk)
    form = PersonForm(request.POST or None, instance=person, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(zone=current, actor=request.user, person=person, data=form.cleaned_data)
        except services.ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect("network:person_detail", zone=current.slug, pk=person.pk)
    return render(request, "network/person_form.html", {"form": form, "person": person})


def person_archive(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    person = selectors.person_get(zone=current, pk=pk)
    if request.method == "POST":
        try:
            services.person_archive(zone=current, actor=request.user, person=person)
        except services.ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("%(name)s is gearchiveerd.") % {"name": person.full_name})
        return redirect("network:person_detail", zone=current.slug, pk=person.pk)
    return render(
        request,
        "network/confirm.html",
        {
            "title": _("Persoon archiveren"),
            "question": _(
                "Wil je %(name)s archiveren? De persoon verdwijnt uit de lijsten en krijgt geen "
                "bevestigingsvragen meer; de functies en de geschiedenis blijven bewaard."
            )
            % {"name": person.full_name},
            "confirm_label": _("Archiveren"),
            "cancel_url": person_url(current.slug, person.pk),
        },
    )


def person_merge(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    keep = selectors.person_get(zone=current, pk=pk)
    choices = selectors.person_merge_choices(zone=current, exclude_pk=keep.pk)
    if request.method == "POST":
        form = MergeForm(request.POST, queryset=choices)
        if form.is_valid():
            remove = form.cleaned_data["other"]
            name = remove.full_name
            try:
                merge.person_merge(zone=current, actor=request.user, keep=keep, remove=remove)
            except services.ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _("%(other)s is samengevoegd met %(name)s.") % {"other": name, "name": keep.full_name},
                )
                return redirect("network:person_detail", zone=current.slug, pk=keep.pk)
        return _merge_page(request, "person", keep, None, [], [], form)
    q = request.GET.get("q", "").strip()
    results = (
        list(
            selectors.person_list(zone=current, filters=selectors.PersonFilters(q=q)).exclude(pk=keep.pk)[:10]
        )
        if q
        else []
    )
    candidates = duplicates.person_candidates(
        current, keep.first_name, keep.last_name, keep.email, exclude_pk=keep.pk
    )
    other = _merge_other(request, candidates, q, keep.pk, selectors.person_get)
    form = MergeForm(initial={"other": other.pk if other else None}, queryset=choices)
    return _merge_page(request, "person", keep, other, candidates, results, form, q)


def _merge_other(
    request: HttpRequest, candidates: list[Any], q: str, keep_pk: int, get: Callable[..., Any]
) -> Any:
    """The record chosen in ?other=, else the best candidate (unless the user is searching)."""
    other_pk = request.GET.get("other") or (str(candidates[0].pk) if candidates and not q else "")
    if not other_pk.isdigit() or int(other_pk) == keep_pk:
        return None
    try:
        return get(zone=_zone(request), pk=int(other_pk))
    except Http404:
        messages.error(request, _("Dit record bestaat niet (meer) in deze eerstelijnszone."))
        return None


def _merge_page(
    request: HttpRequest,
    kind: str,
    keep: Any,
    other: Any,
    candidates: list[Any],
    results: list[Any],
    form: MergeForm,
    q: str = "",
) -> HttpResponse:
    current = _zone(request)
    if kind == "person":
        rows = merge.person_merge_preview(keep, other) if other else []
        keep_url = person_url(current.slug, keep.pk)
        url_name = "network:person_merge"
    else:
        rows = merge.organisation_merge_preview(keep, other) if other else []
        keep_url = org_url(current.slug, keep.pk)
        url_name = "network:organisation_merge"
    return render(
        request,
        "network/merge.html",
        {
            "kind": kind,
            "keep": keep,
            "other": other,
            "rows": rows,
            "candidates": candidates,
            "results": results,
            "q": q,
            "form": form,
            "keep_url": keep_url,
            "merge_url": reverse(url_name, kwargs={"zone": current.slug, "pk": keep.pk}),
            "swap_url": reverse(url_name, kwargs={"zone": current.slug, "pk": other.pk}) + f"?other={keep.pk}"
            if other
            else "",
        },
    )


# --- affiliations --------------------------------------------------------------------------------


@cache_staff_page
def affiliation_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    person = selectors.person_get(zone=current, pk=pk)
    return _create_page(
        request,
        AffiliationForm(request.POST or None, zone=current, initial=_initial_organisation(request)),
        "network/affiliation_form.html",
        {"person": person},
        create=lambda d: services.affiliation_add(zone=current, actor=request.user, person=person, data=d),
        done=lambda affiliation: (
            person_url(current.slug, person.pk),
            _("%(name)s werkt nu bij %(organisation)s.")
            % {"name": person.full_name, "organisation": affiliation.organisation.name},
        ),
    )


@require_POST
def affiliation_end(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    affiliation = selectors.affiliation_get(zone=current, pk=pk)
    try:
        services.affiliation_end(zone=current, actor=request.user, affiliation=affiliation)
    except services.ServiceError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("De functie van %(name)s bij %(organisation)s is beëindigd.")
            % {"name": affiliation.person.full_name, "organisation": affiliation.organisation.name},
        )
    return redirect("network:person_detail", zone=current.slug, pk=affiliation.person_id)


# --- offers (aanbod) -----------------------------------------------------------------------------


def offer_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    org = selectors.organisation_get(zone=current, pk=pk)
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    form = OfferForm(request.POST or None, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(
                zone=current, actor=request.user, organisation=org, data=form.cleaned_data
            )
        except services.ServiceError as exc:
            add_service_error(form, exc)
        else:
            once.mark_used(
                request, token, reverse("network:offer_edit", kwargs={"zone": current.slug, "pk": offer.pk})
            )
            messages.success(request, _("Aanbod %(title)s is toegevoegd.") % {"title": offer.title})
            return redirect("network:organisation_detail", zone=current.slug, pk=org.pk)
    return render(
        request,
        "network/offer_form.html",
        {"form": form, "org": org, "creating": True, "form_token": token},
    )


def offer_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    offer = selectors.offer_get(zone=current, pk=pk)
    form = OfferForm(request.POST or None, instance=offer, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(zone=current, actor=request.user, offer=offer, data=form.cleaned_data)
        except services.ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect("network:organisation_detail", zone=current.slug, pk=offer.organisation_id)
    return render(
        request,
        "network/offer_form.html",
        {
            "form": form,
            "offer": offer,
            "org": offer.organisation,
            "history": history_for(zone=current, instance=offer)[:HISTORY_ROWS],
        },
    )


def offer_archive(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    offer = selectors.offer_get(zone=current, pk=pk)
    if request.method == "POST":
        try:
            services.offer_archive(zone=current, actor=request.user, offer=offer)
        except services.ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Aanbod %(title)s is gearchiveerd.") % {"title": offer.title})
        return redirect("network:organisation_detail", zone=current.slug, pk=offer.organisation_id)
    return render(
        request,
        "network/confirm.html",
        {
            "title": _("Aanbod archiveren"),
            "question": _(
                "Wil je het aanbod %(title)s archiveren? Het verdwijnt van de sociale kaart; "
                "de geschiedenis blijft bewaard."
            )
            % {"title": offer.title},
            "confirm_label": _("Archiveren"),
            "cancel_url": reverse("network:offer_edit", kwargs={"zone": current.slug, "pk": offer.pk}),
        },
    )
