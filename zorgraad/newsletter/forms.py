"""Forms of the newsletter: the public subscription and the staff's edition and block forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.challenges.models import Challenge
from zorgraad.core.forms import Form
from zorgraad.governance.models import Body
from zorgraad.network.models import Organisation
from zorgraad.network.pickers import ORGANISATION, PickerField
from zorgraad.zones.models import Zone

from .models import Audience, BlockKind

# The exact wording a subscriber agrees to; it is stored with the consent.
CONSENT_TEXT = _(
    "Ik wil de nieuwsbrief en/of de agenda van de gekozen overleggen per e-mail ontvangen. De eerstelijnszone "
    "bewaart daarvoor mijn naam en e-mailadres en gebruikt ze voor niets anders. Uitschrijven kan altijd, "
    "met één klik onderaan elke mail."
)


class SubscribeForm(Form):
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be."),
        },
    )
    audience = forms.ChoiceField(label=_("Ik ben"), choices=Audience.choices, required=False)
    newsletter = forms.BooleanField(label=_("De maandelijkse nieuwsbrief"), required=False, initial=True)
    bodies = forms.ModelMultipleChoiceField(
        label=_("De agenda en verslagen van"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies een open overleg van deze zone.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Vink aan dat je akkoord gaat, anders kunnen we je niets sturen.")},
    )
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = (
            Body.objects.for_zone(zone).filter(is_open=True, is_archived=False).order_by("name")
        )
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "bodies" in data and not data.get("newsletter") and not data.get("bodies"):
            raise forms.ValidationError(
                _("Kies waarvoor je je inschrijft: de nieuwsbrief of de agenda van een overleg.")
            )
        return data


def _challenge_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Uitdagingen"),
        queryset=Challenge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies een uitdaging van deze zone.")},
    )


class EditionForm(Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    intro = forms.CharField(label=_("Inleiding"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    audience = forms.ChoiceField(label=_("Voor"), choices=Audience.choices, required=False)
    challenges = _challenge_field()

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["challenges"].queryset = Challenge.objects.for_zone(zone)


class BlockForm(Form):
    kind = forms.ChoiceField(label=_("Soort blok"), choices=BlockKind.choices)
    title = forms.CharField(
        label=_("Titel"), max_length=200, required=False, help_text=_("Leeg: de naam van de rubriek.")
    )
    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Voor vrije tekst en de evaluatie. Eenvoudige opmaak (vet, lijsten, links) blijft behouden."
        ),
    )
    weeks = forms.IntegerField(label=_("Aantal weken vooruit"), min_value=1, max_value=52, initial=6)
    event_ids = forms.CharField(
        label=_("Gekozen activiteiten (nummers)"),
        required=False,
        max_length=500,
        help_text=_("Leeg: automatisch alle publieke activiteiten van de komende weken."),
    )
    organisation = PickerField(kind=ORGANISATION, label=_("Partner in de kijker"), required=False)
    image = forms.FileField(label=_("Afbeelding"), required=False)
    challenges = _challenge_field()

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["challenges"].queryset = Challenge.objects.for_zone(zone)
        self.fields["organisation"].for_zone(zone, Organisation.objects.for_zone(zone))  # type: ignore[attr-defined]

    def clean_event_ids(self) -> list[int]:
        raw = (self.cleaned_data.get("event_ids") or "").replace(";", ",")
        try:
            return sorted({int(p) for p in raw.replace(" ", ",").split(",") if p.strip()})
        except ValueError as exc:
            raise forms.ValidationError(
                _("Geef de nummers van de activiteiten, gescheiden door komma's.")
            ) from exc


class ScheduleForm(Form):
    when = forms.DateTimeField(
        label=_("Versturen op"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leeg: nu versturen."),
    )


class PreviewMailForm(Form):
    email = forms.EmailField(label=_("Testmail naar"), max_length=254)
