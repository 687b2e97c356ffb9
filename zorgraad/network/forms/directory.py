from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form, ModelForm
from zorgraad.network import reference
from zorgraad.network.pickers import ORGANISATION, PickerField
from zorgraad.zones.models import Cluster, Sector, Zone

from ..models import Affiliation, Offer, Organisation, Person, TargetGroup, Theme

POSTAL_CODE_INVALID = _("Een Belgische postcode heeft 4 cijfers, bijvoorbeeld 1730.")


class OrganisationForm(ModelForm):
    """Validates input only; the service does the write."""

    # A search picker, never a <select> of every organisation of the zone (network/pickers.py).
    parent = PickerField(
        kind=ORGANISATION,
        label=_("Maakt deel uit van"),
        required=False,
        empty_label=_("(geen: zelfstandige organisatie)"),
        error_messages={"invalid_choice": _("Kies een organisatie van deze eerstelijnszone.")},
    )

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
            "postal_code": {"max_length": POSTAL_CODE_INVALID},
        }

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        parents = Organisation.objects.for_zone(zone).filter(is_archived=False)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].for_zone(zone, parents)
        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["clusters"].queryset = Cluster.objects.all()
        self.fields["municipalities"].queryset = zone.municipalities_on()
        reference.show_for_zone(
            self, zone, sector="sectors", clusters="clusters", municipalities="municipalities"
        )
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "pattern": "[0-9]{4}"})

    def clean_postal_code(self) -> str:
        value: str = self.cleaned_data.get("postal_code", "").strip()
        if value and (len(value) != 4 or not value.isdigit()):
            raise forms.ValidationError(POSTAL_CODE_INVALID)
        return value

    def validate_unique(self) -> None:  # uniqueness is a service concern (duplicates are offered a merge)
        return None


class OrganisationFilterForm(Form):
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
        reference.show_for_zone(
            self, zone, sector="sectors", cluster="clusters", municipality="municipalities"
        )


EMAIL_INVALID = _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")
URL_INVALID = _("Geef een volledig webadres, bijvoorbeeld https://www.voorbeeld.be.")


class PersonForm(ModelForm):
    """Edit a person. Validates input only; the service does the write."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone", "email_bounced"]
        error_messages = {
            "first_name": {"required": _("Vul de voornaam in.")},
            "last_name": {"required": _("Vul de familienaam in.")},
            "email": {"invalid": EMAIL_INVALID},
        }
        help_texts = {
            "email_bounced": _("Aanvinken als mails naar dit adres onbestelbaar terugkomen."),
        }

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["email"].widget.attrs.update({"autocomplete": "off"})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel"})

    def validate_unique(self) -> None:  # a shared address is shown as a possible duplicate instead
        return None


class PersonCreateForm(PersonForm):
    """A new person, optionally with their current function at an organisation."""

    organisation = PickerField(
        kind=ORGANISATION,
        label=_("Werkt bij"),
        required=False,
        empty_label=_("(nog geen organisatie)"),
        error_messages={"invalid_choice": _("Kies een organisatie van deze eerstelijnszone.")},
    )
    function = forms.CharField(label=_("Functie"), max_length=150, required=False)

    class Meta(PersonForm.Meta):
        fields = ["first_name", "last_name", "email", "phone"]

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, zone=zone, **kwargs)
        self.fields["organisation"].for_zone(
            zone, Organisation.objects.for_zone(zone).filter(is_archived=False)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("function") and not data.get("organisation"):
            self.add_error("organisation", _("Kies de organisatie waar deze functie bij hoort."))
        return data


class PersonFilterForm(Form):
    q = forms.CharField(label=_("Zoeken op naam of e-mail"), required=False)
    organisation = PickerField(
        kind=ORGANISATION,
        label=_("Organisatie"),
        required=False,
        empty_label=_("Alle organisaties"),
        error_messages={"invalid_choice": _("Kies een organisatie van deze eerstelijnszone.")},
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False, empty_label=_("Alle sectoren")
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente van de organisatie"),
        queryset=Cluster.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
    )
    without_function = forms.BooleanField(label=_("Zonder functie"), required=False)
    archived = forms.BooleanField(label=_("Gearchiveerde tonen"), required=False)

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].for_zone(
            zone, Organisation.objects.for_zone(zone).filter(is_archived=False)
        )
        self.fields["municipality"].queryset = zone.municipalities_on()
        reference.show_for_zone(self, zone, sector="sectors", municipality="municipalities")


class AffiliationForm(ModelForm):
    organisation = PickerField(
        kind=ORGANISATION,
        label=_("Organisatie"),
        error_messages={
            "required": _("Kies een organisatie."),
            "invalid_choice": _("Kies een organisatie van deze eerstelijnszone."),
        },
    )

    class Meta:
        model = Affiliation
        fields = ["organisation", "function", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "organisation": {"required": _("Kies een organisatie.")},
            "start": {"invalid": _("Geef een geldige datum, bijvoorbeeld 01/09/2026.")},
            "end": {"invalid": _("Geef een geldige datum, bijvoorbeeld 30/06/2027.")},
        }
        help_texts = {"end": _("Leeg laten zolang de persoon deze functie heeft.")}
        labels = {"organisation": _("Organisatie")}

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].for_zone(
            zone, Organisation.objects.for_zone(zone).filter(is_archived=False)
        )
        for name in ("start", "end"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("De einddatum ligt vóór de begindatum."))
        return data

    def _post_clean(self) -> None:  # the dates are checked in clean(); the service checks the rest
        return None


class OfferForm(ModelForm):
    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "target_groups",
            "themes",
            "municipalities",
            "how_to_refer",
            "contact_email",
            "contact_phone",
            "website",
            "site_address",
            "opening_hours",
            "cost",
            "languages",
            "accessibility",
            "referral",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "how_to_refer": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "target_groups": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": _("Geef het aanbod een titel.")},
            "description": {"required": _("Beschrijf kort wat dit aanbod inhoudt.")},
            "website": {"invalid": URL_INVALID},
            "contact_email": {"invalid": EMAIL_INVALID},
        }
        help_texts = {
            "municipalities": _("Leeg laten als het aanbod in de hele eerstelijnszone geldt."),
            "how_to_refer": _("Hoe kan een hulpverlener of burger iemand aanmelden?"),
            "opening_hours": _("Bv. ‘ma–vr 9u–12u, woensdag ook 13u–16u; op afspraak’."),
            "cost": _("Bv. ‘gratis’, ‘€ 5 per sessie’, ‘volgens inkomen’."),
            "languages": _("Bv. ‘Nederlands, Frans, Engels; tolk op vraag’."),
            "accessibility": _("Bv. ‘rolstoeltoegankelijk, lift’ of ‘trap, geen lift’."),
        }

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["municipalities"].queryset = zone.municipalities_on()


class MergeForm(Form):
    """Pick the other record of the same zone; it is merged into the one of the page."""

    other = forms.ModelChoiceField(
        label=_("Samenvoegen met"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Kies het record dat je wil samenvoegen."),
            "invalid_choice": _("Dit record bestaat niet (meer) in deze eerstelijnszone."),
        },
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = queryset
