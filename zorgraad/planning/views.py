"""Action plan pages (staff): plans, the overview with progress, actions in the template, exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgraad.core import once
from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.network import pickers

from . import exporters, selectors, services
from .forms import (
    ActionForm,
    ChapterForm,
    CopyForm,
    IndicatorForm,
    ObjectiveForm,
    PartnerForm,
    PlanForm,
    ProcessItemForm,
    StepForm,
    ValueForm,
)
from .models import Indicator, OperationalObjective, ProcessItem, Step, StrategicObjective


def _zone(request: HttpRequest) -> Any:
    return request.zone  # type: ignore[attr-defined]


def _plan_url(zone: str, pk: int) -> str:
    return reverse("planning:plan_detail", kwargs={"zone": zone, "pk": pk})


def _action_url(zone: str, pk: int) -> str:
    return reverse("planning:action_detail", kwargs={"zone": zone, "pk": pk})


def _get(model: Any, zone: Any, pk: int) -> Any:
    obj = model.objects.for_zone(zone).filter(pk=pk).first()
    if obj is None:
        raise Http404(_("Niet gevonden."))
    return obj


def _form_page(request: HttpRequest, form: Any, *, title: str, back: str, **extra: Any) -> HttpResponse:
    return render(request, "planning/form.html", {"form": form, "title": title, "back": back, **extra})


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
    from .models import PlanChapter

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


def _export_response(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exporters.EXPORTERS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


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


# --- actions --------------------------------------------------------------------------------------


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


# --- steps, process items, indicators, values -----------------------------------------------------


def _child_form(
    request: HttpRequest,
    zone: str,
    *,
    action_pk: int | None,
    model: Any,
    pk: int | None,
    form_class: Any,
    create: Any,
    update: Any,
    argname: str,
    title_new: str,
    title_edit: str,
    with_zone: bool = False,
) -> HttpResponse:
    current = _zone(request)
    instance = _get(model, current, pk) if pk is not None else None
    action = selectors.action_get(zone=current, pk=instance.action_id if instance else action_pk)  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {"zone": current} if with_zone else {}
    form = form_class(request.POST or None, instance=instance, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.service_data() if hasattr(form, "service_data") else dict(form.cleaned_data)
        try:
            if instance is None:
                create(zone=current, actor=request.user, action=action, **data)
            else:
                update(zone=current, actor=request.user, **{argname: instance}, **data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Bewaard."))
            return redirect(_action_url(zone, action.pk))
    title = (title_new if instance is None else title_edit) % {"title": action.title}
    return _form_page(request, form, title=title, back=_action_url(zone, action.pk))


def step_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    return _child_form(
        request,
        zone,
        action_pk=pk,
        model=Step,
        pk=None,
        form_class=StepForm,
        create=services.step_create,
        update=services.step_update,
        argname="step",
        title_new=_("Nieuwe stap voor %(title)s"),
        title_edit=_("Stap van %(title)s"),
    )


def step_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    return _child_form(
        request,
        zone,
        action_pk=None,
        model=Step,
        pk=pk,
        form_class=StepForm,
        create=services.step_create,
        update=services.step_update,
        argname="step",
        title_new=_("Nieuwe stap voor %(title)s"),
        title_edit=_("Stap van %(title)s"),
    )


def process_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    return _child_form(
        request,
        zone,
        action_pk=pk,
        model=ProcessItem,
        pk=None,
        form_class=ProcessItemForm,
        create=services.process_item_create,
        update=services.process_item_update,
        argname="item",
        title_new=_("Nieuw procesitem voor %(title)s"),
        title_edit=_("Procesitem van %(title)s"),
    )


def process_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    return _child_form(
        request,
        zone,
        action_pk=None,
        model=ProcessItem,
        pk=pk,
        form_class=ProcessItemForm,
        create=services.process_item_create,
        update=services.process_item_update,
        argname="item",
        title_new=_("Nieuw procesitem voor %(title)s"),
        title_edit=_("Procesitem van %(title)s"),
    )


def indicator_create(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    return _child_form(
        request,
        zone,
        action_pk=pk,
        model=Indicator,
        pk=None,
        form_class=IndicatorForm,
        create=services.indicator_create,
        update=services.indicator_update,
        argname="indicator",
        title_new=_("Nieuwe outputindicator voor %(title)s"),
        title_edit=_("Indicator van %(title)s"),
        with_zone=True,
    )


def indicator_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    return _child_form(
        request,
        zone,
        action_pk=None,
        model=Indicator,
        pk=pk,
        form_class=IndicatorForm,
        create=services.indicator_create,
        update=services.indicator_update,
        argname="indicator",
        title_new=_("Nieuwe outputindicator voor %(title)s"),
        title_edit=_("Indicator van %(title)s"),
        with_zone=True,
    )


def value_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    indicator = _get(Indicator, current, pk)
    form = ValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_value_add(
                zone=current, actor=request.user, indicator=indicator, **form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De waarde is bewaard."))
            return redirect(_action_url(zone, indicator.action_id))
    return _form_page(
        request,
        form,
        title=_("Waarde ingeven: %(name)s") % {"name": indicator.name},
        back=_action_url(zone, indicator.action_id),
    )
