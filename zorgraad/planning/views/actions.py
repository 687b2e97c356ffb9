"""Action pages: creating, showing, editing and exporting an action, its partners."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgraad.core import once
from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.network import pickers

from .. import exporters, selectors, services
from ..forms import ActionForm, PartnerForm
from ..models import OperationalObjective
from .common import _action_url, _export_response, _form_page, _plan_url, _zone


def action_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    od = OperationalObjective.objects.for_zone(current).select_related("strategic").filter(pk=pk).first()
    if od is None:
        raise Http404(_("Niet gevonden."))
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    form = ActionForm(request.POST or None, zone=current)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            action = services.action_create(
                zone=current,
                actor=request.user,
                objective=od,
                target_groups=list(d["target_groups"]),
                challenges=list(d["challenges"]),
                bodies=list(d["bodies"]),
                **form.service_data(),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            url = _action_url(zone, action.pk)
            once.mark_used(request, token, url)
            messages.success(request, _("De actie is aangemaakt."))
            return redirect(url)
    return _form_page(
        request,
        form,
        title=_("Nieuwe actie onder %(od)s") % {"od": od.label},
        back=_plan_url(zone, od.strategic.plan_id),
        form_token=token,
        pickers=True,
    )


def action_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    action = selectors.action_get(zone=current, pk=pk)
    row = selectors.action_overview(zone=current, action=action)
    return render(
        request,
        "planning/action_detail.html",
        {
            "action": row.action,
            "row": row,
            "plan": action.objective.strategic.plan,
            "exporters": exporters.EXPORTERS.values(),
        },
    )


def action_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    action = selectors.action_get(zone=current, pk=pk)
    form = ActionForm(request.POST or None, instance=action, zone=current)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.action_update(
                zone=current,
                actor=request.user,
                action=action,
                target_groups=list(d["target_groups"]),
                challenges=list(d["challenges"]),
                bodies=list(d["bodies"]),
                **form.service_data(),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect(_action_url(zone, pk))
    return _form_page(
        request,
        form,
        title=_("%(title)s bewerken") % {"title": action.title},
        back=_action_url(zone, pk),
        pickers=True,
    )


def action_export(request: HttpRequest, zone: str, pk: int, fmt: str) -> HttpResponse:
    current = _zone(request)
    if fmt not in exporters.EXPORTERS:
        raise Http404(_("Onbekend formaat."))
    action = selectors.action_get(zone=current, pk=pk)
    plan = action.objective.strategic.plan
    content = exporters.export(zone=current, plan=plan, fmt=fmt, action=action)
    return _export_response(content, fmt, exporters.filename(plan, fmt, action))


def partner_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    action = selectors.action_get(zone=current, pk=pk)
    form = PartnerForm(request.POST or None, zone=current)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_partner_add(
                zone=current,
                actor=request.user,
                action=action,
                organisation=form.cleaned_data["organisation"],
                group=form.cleaned_data["group"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De partner is toegevoegd."))
            return redirect(_action_url(zone, pk))
    return _form_page(
        request,
        form,
        title=_("Partner toevoegen aan %(title)s") % {"title": action.title},
        back=_action_url(zone, pk),
        pickers=True,
    )


@require_POST
def partner_remove(request: HttpRequest, zone: str, pk: int, link: int) -> HttpResponse:
    current = _zone(request)
    action = selectors.action_get(zone=current, pk=pk)
    try:
        services.action_partner_remove(zone=current, actor=request.user, action=action, link_id=link)
    except ServiceError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("De partner is verwijderd."))
    return redirect(_action_url(zone, pk))
