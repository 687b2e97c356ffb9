from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.zones.models import Cluster, Sector, Zone

from ..models import Organisation


class OrganisationForm(forms.ModelForm):
    """Validates input only; the service does the write."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "sector",
            "clusters",
            "municipalities",
            "parent",
            "street",
            "postal_code",
            "city",
            "website",
            "email",
            "phone",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "website": {"invalid": _("Geef een volledig webadres, bijvoorbeeld https://www.voorbeeld.be.")},
            "email": {"invalid": _("Geef een geldig e-mailadres, bijvoorbeeld info@voorbeeld.be.")},
        }

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        parents = Organisation.objects.for_zone(zone).filter(is_archived=False)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["clusters"].queryset = Cluster.objects.all()
        self.fields["municipalities"].queryset = zone.municipalities_on()
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "pattern": "[0-9]{4}"})

    def clean_postal_code(self) -> str:
        value: str = self.cleaned_data.get("postal_code", "").strip()
        if value and (len(value) != 4 or not value.isdigit()):
            raise forms.ValidationError(_("Een Belgische postcode heeft 4 cijfers, bijvoorbeeld 1730."))
        return value

    def validate_unique(self) -> None:  # uniqueness is a service concern (duplicates are offered a merge)
        return None


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False, empty_label=_("Alle sectoren")
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.all(), required=False, empty_label=_("Alle clusters")
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Cluster.objects.none(), required=False, empty_label=_("Alle gemeenten")
    )
    archived = forms.BooleanField(label=_("Gearchiveerde tonen"), required=False)

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = zone.municipalities_on()
