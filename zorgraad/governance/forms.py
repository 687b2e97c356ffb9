"""Forms of the governance screens. They validate input only; the services enforce the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form, ModelForm
from zorgraad.network import reference
from zorgraad.network.models import Organisation, Person
from zorgraad.network.pickers import ORGANISATION, PERSON, PickerField
from zorgraad.zones.models import Cluster, Sector, Zone

from .models import Body, BodyKind, Candidacy, MandateCall, Membership, MembershipRole
from .services import BODY_FIELDS, BODY_M2M, MANDATE_CALL_FIELDS, MEMBERSHIP_FIELDS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DATE_INVALID = _("Geef een geldige datum, bijvoorbeeld 01/09/2026.")
TIME_INVALID = _("Geef een geldig uur, bijvoorbeeld 13:30.")
WEEKDAYS = [
    ("", _("(geen voorkeur)")),
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
]
# The exact wording a subscriber agrees to; it is stored with the subscription.
CONSENT_TEXT = _(
    "Ik wil de agenda van dit overleg per e-mail ontvangen. De eerstelijnszone bewaart daarvoor mijn naam "
    "en e-mailadres en gebruikt ze voor niets anders. Uitschrijven kan altijd."
)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _dates(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        form.fields[name].input_formats = DATE_FORMATS
        form.fields[name].error_messages["invalid"] = DATE_INVALID


PERSON_ERRORS = {
    "required": _("Kies een persoon."),
    "invalid_choice": _("Deze persoon bestaat niet (meer) in deze eerstelijnszone."),
}
ORGANISATION_ERRORS = {"invalid_choice": _("Kies een organisatie van deze eerstelijnszone.")}


def _pick_people_and_organisations(form: forms.BaseForm, zone: Zone) -> None:
    """Search pickers instead of a list of every person and organisation of the zone."""
    form.fields["person"].for_zone(zone, Person.objects.for_zone(zone).filter(is_archived=False))  # type: ignore[attr-defined]
    form.fields["organisation"].for_zone(  # type: ignore[attr-defined]
        zone, Organisation.objects.for_zone(zone).filter(is_archived=False)
    )


class BodyFilterForm(Form):
    q = forms.CharField(label=_("Zoeken op naam"), required=False)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *BodyKind.choices]
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.all(), required=False, empty_label=_("Alle clusters")
    )


class BodyForm(ModelForm):
    default_weekday = forms.TypedChoiceField(
        label=_("Voorkeursdag"), choices=WEEKDAYS, coerce=int, empty_value=None, required=False
    )

    class Meta:
        model = Body
        fields = [*BODY_FIELDS, *BODY_M2M]  # what body_create and body_update write
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "required_sectors": forms.CheckboxSelectMultiple,
            "default_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "default_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "slug": _("Kleine letters, cijfers en koppeltekens. Leeg laten om ze uit de naam te maken."),
            "meeting_rule": _(
                "Zoals de leden het afspraken, bijvoorbeeld ‘3 keer per jaar, in Q1, Q2 en Q4’."
            ),
            "meetings_per_year": _("0 als er geen vast ritme is."),
        }
        error_messages = {
            "name": {"required": _("Geef het overlegorgaan een naam.")},
            "kind": {"required": _("Kies de soort overleg.")},
            "slug": {"invalid": _("Gebruik enkel kleine letters, cijfers en koppeltekens.")},
            "default_start": {"invalid": TIME_INVALID},
            "default_end": {"invalid": TIME_INVALID},
        }

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["slug"].required = False
        self.fields["cluster"].queryset = Cluster.objects.all()
        self.fields["required_sectors"].queryset = Sector.objects.all()
        reference.show_for_zone(self, zone, cluster="clusters", required_sectors="sectors")
        self.fields["meetings_per_year"].widget.attrs.update({"min": 0, "max": 52})
        self.fields["rule_quarters"].widget.attrs.update({"placeholder": "1,2,4", "inputmode": "numeric"})
        self.fields["rule_months"].widget.attrs.update({"placeholder": "1,2,3", "inputmode": "numeric"})
        self.fields["rule_excluded_months"].widget.attrs.update(
            {"placeholder": "7,8", "inputmode": "numeric"}
        )

    def _post_clean(self) -> None:  # the service validates the instance and the rules
        return None


class MembershipForm(ModelForm):
    person = PickerField(kind=PERSON, label=_("Persoon"), error_messages=PERSON_ERRORS)
    organisation = PickerField(
        kind=ORGANISATION,
        label=_("Namens organisatie"),
        required=False,
        empty_label=_("(in eigen naam)"),
        help_text=_("Leeg laten als de persoon in eigen naam zetelt."),
        error_messages=ORGANISATION_ERRORS,
    )

    class Meta:
        model = Membership
        fields = MEMBERSHIP_FIELDS
        widgets = {"start": _date_widget(), "end": _date_widget()}
        help_texts = {"end": _("Leeg laten voor een mandaat zonder einddatum.")}

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        _pick_people_and_organisations(self, zone)
        self.fields["represents_sector"].queryset = Sector.objects.all()
        self.fields["represents_municipality"].queryset = zone.municipalities_on()
        reference.show_for_zone(
            self, zone, represents_sector="sectors", represents_municipality="municipalities"
        )
        _dates(self, "start", "end")
        if not self.is_bound and "start" not in self.initial:
            self.initial["start"] = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error(
                "end", _("Het mandaat eindigt vóór het begint: kies een einddatum na de begindatum.")
            )
        return data

    def _post_clean(self) -> None:
        return None


class FixedItemForm(Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef het vaste agendapunt een titel.")},
    )
    at_end = forms.BooleanField(
        label=_("Achteraan de agenda"),
        required=False,
        help_text=_(
            "Bijvoorbeeld ‘Rondje partners’ of ‘Varia’. Niet aangevinkt: vooraan, zoals de goedkeuring van het vorige verslag."
        ),
    )


class MandateCallForm(ModelForm):
    class Meta:
        model = MandateCall
        fields = MANDATE_CALL_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "deadline": _date_widget(),
            "mandate_start": _date_widget(),
            "mandate_end": _date_widget(),
        }
        error_messages = {
            "title": {"required": _("Geef de oproep een titel.")},
            "deadline": {"required": _("Tot wanneer kan men zich kandidaat stellen?")},
            "mandate_start": {"required": _("Wanneer starten de nieuwe mandaten?")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self, "deadline", "mandate_start", "mandate_end")
        self.fields["seats"].widget.attrs.update({"min": 1})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        deadline, start, end = data.get("deadline"), data.get("mandate_start"), data.get("mandate_end")
        if deadline and start and deadline >= start:
            self.add_error(
                "deadline", _("De termijn voor kandidaturen moet aflopen vóór de nieuwe mandaten starten.")
            )
        if start and end and end < start:
            self.add_error("mandate_end", _("De nieuwe mandaten kunnen niet eindigen vóór ze starten."))
        return data

    def _post_clean(self) -> None:
        return None


class CandidacyForm(ModelForm):
    person = PickerField(kind=PERSON, label=_("Kandidaat"), error_messages=PERSON_ERRORS)
    organisation = PickerField(
        kind=ORGANISATION,
        label=_("Namens organisatie"),
        required=False,
        empty_label=_("(in eigen naam)"),
        error_messages=ORGANISATION_ERRORS,
    )

    class Meta:
        model = Candidacy
        fields = ["person", "organisation", "role", "motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 3})}
        labels = {"role": _("Rol")}

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _pick_people_and_organisations(self, zone)
        self.fields["role"].initial = MembershipRole.MEMBER

    def _post_clean(self) -> None:
        return None


class DecideForm(Form):
    accepted = forms.ModelMultipleChoiceField(
        label=_("Aanvaarde kandidaten"),
        queryset=Candidacy.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies enkel kandidaten van deze oproep.")},
    )
    end_current = forms.BooleanField(
        label=_("lopende mandaten beëindigen"),
        required=False,
        help_text=_("Lopende mandaten met dezelfde rol eindigen dan de dag vóór de nieuwe mandaten starten."),
    )

    def __init__(self, *args: Any, call: MandateCall, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        field = self.fields["accepted"]
        field.queryset = (
            Candidacy.objects.for_zone(call.zone_id)
            .filter(call=call)
            .select_related("person", "organisation")
        )
        field.label_from_instance = lambda c: (
            f"{c.person} – {c.get_role_display()}" + (f" ({c.organisation})" if c.organisation_id else "")
        )
        field.help_text = _("Hoogstens %(seats)s.") % {"seats": call.seats}

    def clean_accepted(self) -> Any:
        chosen = self.cleaned_data.get("accepted")
        if chosen is not None and len(chosen) > self.call.seats:
            raise forms.ValidationError(
                _("Je koos %(chosen)s kandidaten, maar er zijn maar %(seats)s mandaten te begeven.")
                % {"chosen": len(chosen), "seats": self.call.seats}
            )
        return chosen


class SubscribeForm(Form):
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be."),
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Vink aan dat je akkoord gaat, anders kunnen we je niets sturen.")},
    )
    # Honeypot: people do not see it, simple robots fill it in.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    @property
    def consent_wording(self) -> str:
        return str(CONSENT_TEXT)
