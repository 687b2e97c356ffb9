"""Forms of the route of signals through the zone's bodies. The services do every write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form
from zorgraad.governance.models import Body
from zorgraad.zones.models import Zone

from ..selectors.routes import route_body_choices
from ..services.routes import COMMENT_MAX, PURPOSE_MAX

OTHER_ZONE_BODY = _("Kies een overleg van deze eerstelijnszone.")


class RouteStepForm(Form):
    body = forms.ModelChoiceField(
        label=_("Overleg"),
        queryset=Body.objects.none(),
        empty_label=_("(kies een overleg)"),
        error_messages={"required": _("Kies een overleg."), "invalid_choice": OTHER_ZONE_BODY},
    )
    purpose = forms.CharField(
        label=_("Wat doet dit overleg met een signaal? (niet verplicht)"),
        max_length=PURPOSE_MAX,
        required=False,
        help_text=_("Bijvoorbeeld ‘bundelt en analyseert’, ‘geeft advies vanuit de inwoners’, ‘beslist’."),
    )

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["body"].queryset = route_body_choices(zone=zone)

    def full_clean(self) -> None:
        super().full_clean()
        # A body already in the route (or archived) is not among the choices: say why, not "kies uit de lijst".
        if self.is_bound and "body" in self.errors:
            raw = str(self.data.get("body") or "")
            if raw.isdigit() and len(raw) < 19:
                existing = Body.objects.for_zone(self.zone).filter(pk=int(raw)).first()
                if existing is not None:
                    self.errors["body"] = self.error_class(
                        [
                            _("%(body)s staat al in de route of is gearchiveerd: kies een ander overleg.")
                            % {"body": existing}
                        ]
                    )


class ForwardForm(Form):
    step = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(Form):
    direction = forms.ChoiceField(
        choices=[("up", _("omhoog")), ("down", _("omlaag"))],
        error_messages={
            "required": _("Kies omhoog of omlaag."),
            "invalid_choice": _("Kies omhoog of omlaag."),
        },
    )


class ScheduleForm(Form):
    meeting = forms.IntegerField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
