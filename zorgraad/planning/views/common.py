"""Helpers of the action plan pages: the zone, plan and action addresses, lookups, the form page, exports."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import exporters


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


def _export_response(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exporters.EXPORTERS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
