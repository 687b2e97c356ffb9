"""Staff register a signal they heard by phone, by mail or elsewhere outside a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgraad.core import once
from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.network import pickers
from zorgraad.zones.models import Zone

from ..forms import StaffIntakeForm
from ..services import intake


def staff_create(request: HttpRequest, zone: str) -> HttpResponse:
    current: Zone = request.zone  # type: ignore[attr-defined]
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    form = StaffIntakeForm(request.POST or None, zone=current)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        source = data.pop("source")
        try:
            signal = intake.signal_register(zone=current, actor=request.user, data=data, source=source)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            url = reverse("signals:detail", kwargs={"zone": current.slug, "pk": signal.pk})
            once.mark_used(request, token, url)
            messages.success(request, _("Signaal %(ref)s geregistreerd.") % {"ref": signal.reference})
            return redirect(url)
    return render(request, "signals/staff_form.html", {"form": form, "form_token": token})
