"""Plan pages: list, create, overview, edit, chapters, copy, compare, export; objectives."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgraad.core import once
from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error

from .. import exporters, selectors, services
from ..forms import ChapterForm, CopyForm, ObjectiveForm, PlanForm
from ..models import OperationalObjective, StrategicObjective
from .common import _export_response, _form_page, _get, _plan_url, _zone

# --- plans ----------------------------------------------------------------------------------------


def plan_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    return render(request, "planning/plan_list.html", {"plans": selectors.plan_list(zone=current)})


def plan_create(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    form = PlanForm(request.POST or None, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(zone=current, actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            url = _plan_url(zone, plan.pk)
            once.mark_used(request, token, url)
            messages.success(request, _("Het actieplan is aangemaakt."))
            return redirect(url)
    back = reverse("planning:plan_list", kwargs={"zone": zone})
    return _form_page(request, form, title=_("Nieuw actieplan"), back=back, form_token=token)


def plan_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    plan = selectors.plan_get(zone=current, pk=pk)
    overview = selectors.plan_overview(zone=current, plan=plan)
    from ..models import PlanChapter

    children: dict[int | None, list[PlanChapter]] = {}
    for ch in PlanChapter.objects.for_zone(current).filter(plan=plan).order_by("order", "pk"):
        children.setdefault(ch.parent_id, []).append(ch)
    chapters: list[tuple[PlanChapter, int]] = []

    def walk(parent: int | None, level: int) -> None:
        for ch in children.get(parent, []):
            chapters.append((ch, level))
            walk(ch.pk, level + 1)

    walk(None, 0)
    others = [p for p in selectors.plan_list(zone=current) if p.pk != plan.pk]
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "overview": overview,
            "chapters": chapters,
            "others": others,
            "exporters": exporters.EXPORTERS.values(),
            "copy_form": CopyForm(initial={"year": plan.year + 1}),
        },
    )


def plan_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    plan = selectors.plan_get(zone=current, pk=pk)
    initial = {
        "year": plan.year,
        "title": plan.title,
        "multi_year_plan": plan.multi_year_plan,
        "status": plan.status,
    }
    form = PlanForm(request.POST or None, zone=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(zone=current, actor=request.user, plan=plan, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect(_plan_url(zone, plan.pk))
    return _form_page(
        request, form, title=_("%(plan)s bewerken") % {"plan": plan.title}, back=_plan_url(zone, plan.pk)
    )


def objective_edit(request: HttpRequest, zone: str, kind: str, pk: int) -> HttpResponse:
    current = _zone(request)
    model = {"sd": StrategicObjective, "od": OperationalObjective}.get(kind)
    if model is None:
        raise Http404(_("Niet gevonden."))
    objective = _get(model, current, pk)
    plan_id = objective.plan_id if kind == "sd" else objective.strategic.plan_id
    form = ObjectiveForm(request.POST or None, initial={"label": objective.label, "text": objective.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_update(
                zone=current, actor=request.user, objective=objective, **form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect(_plan_url(zone, plan_id))
    return _form_page(
        request,
        form,
        title=_("%(label)s bewerken") % {"label": objective.label},
        back=_plan_url(zone, plan_id),
    )


def chapter_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    plan = selectors.plan_get(zone=current, pk=pk)
    form = ChapterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.chapter_create(zone=current, actor=request.user, plan=plan, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Het hoofdstuk is toegevoegd."))
            return redirect(_plan_url(zone, plan.pk))
    return _form_page(request, form, title=_("Nieuw hoofdstuk"), back=_plan_url(zone, plan.pk))


def plan_copy(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    plan = selectors.plan_get(zone=current, pk=pk)
    form = CopyForm(request.POST or None, initial={"year": plan.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.plan_copy(
                zone=current, actor=request.user, plan=plan, year=form.cleaned_data["year"]
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("Het plan is gekopieerd naar %(year)s, zonder waarden.") % {"year": new.year}
            )
            return redirect(_plan_url(zone, new.pk))
    return _form_page(
        request,
        form,
        title=_("%(plan)s kopiëren naar een ander jaar") % {"plan": plan.title},
        back=_plan_url(zone, plan.pk),
        intro=_(
            "Doelstellingen, acties, stappen, procesitems en indicatoren worden gekopieerd; waarden niet."
        ),
    )


def plan_compare(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    plan = selectors.plan_get(zone=current, pk=pk)
    other_id = request.GET.get("met", "")
    if not other_id.isdigit() or len(other_id) > 18:
        raise Http404(_("Kies een plan om mee te vergelijken."))
    other = selectors.plan_get(zone=current, pk=int(other_id))
    left, right = sorted([plan, other], key=lambda p: p.year)
    rows = selectors.compare_plans(zone=current, left=left, right=right)
    return render(
        request, "planning/plan_compare.html", {"plan": plan, "left": left, "right": right, "rows": rows}
    )


def plan_export(request: HttpRequest, zone: str, pk: int, fmt: str) -> HttpResponse:
    current = _zone(request)
    if fmt not in exporters.EXPORTERS:
        raise Http404(_("Onbekend formaat."))
    plan = selectors.plan_get(zone=current, pk=pk)
    content = exporters.export(zone=current, plan=plan, fmt=fmt)
    return _export_response(content, fmt, exporters.filename(plan, fmt))


# --- objectives -----------------------------------------------------------------------------------


def objective_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    plan = selectors.plan_get(zone=current, pk=pk)
    form = ObjectiveForm(request.POST or None, initial={"label": _("Strategische doelstelling ")})
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_create(zone=current, actor=request.user, plan=plan, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            return redirect(_plan_url(zone, plan.pk))
    return _form_page(
        request, form, title=_("Nieuwe strategische doelstelling"), back=_plan_url(zone, plan.pk)
    )


def operational_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    sd = _get(StrategicObjective, current, pk)
    form = ObjectiveForm(request.POST or None, initial={"label": _("Operationele doelstelling ")})
    if request.method == "POST" and form.is_valid():
        try:
            services.operational_objective_create(
                zone=current, actor=request.user, strategic=sd, **form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            return redirect(_plan_url(zone, sd.plan_id))
    return _form_page(
        request,
        form,
        title=_("Nieuwe operationele doelstelling onder %(sd)s") % {"sd": sd.label},
        back=_plan_url(zone, sd.plan_id),
    )
