from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import ModelForm

from .models import Challenge


class ChallengeForm(ModelForm):
    class Meta:
        model = Challenge
        fields = [
            "number",
            "title",
            "short_label",
            "description",
            "active_from",
            "active_until",
            "order",
            "bodies",
        ]
        widgets = {
            "active_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "active_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "bodies": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"bodies": _("Stuurgroepen en andere overlegorganen")}

    def __init__(self, *args: Any, zone: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zorgraad.governance.models import Body

        # Bodies are a handful per zone (tens at most): a checkbox list, not a picker.
        self.fields["bodies"].queryset = Body.objects.for_zone(zone).order_by("name")  # type: ignore[attr-defined]
        self.fields["order"].required = False

    def _post_clean(self) -> None:
        """No model validation here: the service checks the challenge with its zone (the form cannot)."""
