"""Privacy requests for staff: download everything about a person (JSON), or erase it."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from zorgraad.core.forms import Form
from zorgraad.zones.models import Zone

from .. import selectors
from ..models import Person, normalise
from ..services import ServiceError
from ..services import privacy as services


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _comparable(name: str) -> str:
    return " ".join(normalise(name).split())


class EraseForm(Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Bijvoorbeeld: verzoek van de persoon per e-mail van 3 maart."),
        error_messages={"required": gettext_lazy("Geef de reden van het wissen op.")},
    )
    confirm_name = forms.CharField(
        label=gettext_lazy("Typ de volledige naam van de persoon om te bevestigen"),
        max_length=250,
        error_messages={"required": gettext_lazy("Typ de volledige naam van de persoon om te bevestigen.")},
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["confirm_name"].help_text = _("Typ: %(name)s") % {"name": person.full_name}

    def clean_confirm_name(self) -> str:
        typed: str = self.cleaned_data["confirm_name"]
        if _comparable(typed) != _comparable(self.person.full_name):
            raise forms.ValidationError(
                _("De naam komt niet overeen met %(name)s. Er is niets gewist.")
                % {"name": self.person.full_name}
            )
        return typed


@never_cache
def person_data_export(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    person = selectors.person_get(zone=current, pk=pk)
    data = services.person_data_export(zone=current, actor=request.user, person=person)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    filename = f"persoon-{person.pk}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def person_erase(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    person = selectors.person_get(zone=current, pk=pk)
    form = EraseForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(
                zone=current, actor=request.user, person=person, reason=form.cleaned_data["reason"]
            )
        except ServiceError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "De persoonsgegevens zijn gewist. Functies, lidmaatschappen en aanwezigheden blijven "
                    "bewaard onder ‘Gewiste persoon’."
                ),
            )
            return redirect("network:person_detail", zone=current.slug, pk=person.pk)
    return render(
        request,
        "network/privacy_erase.html",
        {
            "person": person,
            "form": form,
            "preview": services.person_erase_preview(zone=current, person=person),
        },
    )
