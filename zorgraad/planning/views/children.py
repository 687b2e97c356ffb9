"""An action's steps, process items and indicators, and an indicator's values."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error

from .. import selectors, services
from ..forms import IndicatorForm, ProcessItemForm, StepForm, ValueForm
from ..models import Indicator, ProcessItem, Step
from .common import _action_url, _form_page, _get, _zone


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
