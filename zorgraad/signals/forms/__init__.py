"""Forms of the signals app. They validate input; the services (services.py) do every write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.challenges.models import Challenge
from zorgraad.core.forms import Form
from zorgraad.core.lists import SEARCH_MAX_LENGTH, validate_search_terms
from zorgraad.governance.models import Body
from zorgraad.network.models import TargetGroup
from zorgraad.network.pickers import ORGANISATION, PERSON, PickerField
from zorgraad.zones.models import Cluster, Sector, Zone

from ..models import AddresseeLevel, SignalKind, SignalSource, SignalStatus
from ..services import DESCRIPTION_MAX, TITLE_MAX

EMAIL_INVALID = _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")
DATE_INVALID = _("Geef een datum als 27/11/2024.")
DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]


def _date_field(label: Any, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID},
    )


class _Topics(Form):
    """What a signal is about: municipalities and target groups of the zone."""

    municipalities = forms.ModelMultipleChoiceField(
        label=_("In welke gemeente(n)?"),
        queryset=TargetGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies gemeenten uit de lijst."),
            "invalid_pk_value": _("Kies uit de lijst."),
        },
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Over welke mensen gaat het?"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies doelgroepen uit de lijst."),
            "invalid_pk_value": _("Kies uit de lijst."),
        },
    )

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["municipalities"].queryset = zone.municipalities_on()


class PublicSignalForm(_Topics):
    """The public intake: plain Dutch, no login, anonymous allowed."""

    title = forms.CharField(
        label=_("Waarover gaat je signaal? (korte titel)"),
        max_length=TITLE_MAX,
        error_messages={"required": _("Geef je signaal een korte titel.")},
    )
    description = forms.CharField(
        label=_("Beschrijf de situatie"),
        help_text=_(
            "Wat loopt er vast? Geef een voorbeeld, maar zonder namen of andere gegevens waarmee iemand "
            "herkend kan worden."
        ),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Beschrijf de situatie: wat loopt er vast?")},
    )
    noticed_on = _date_field(_("Wanneer merkte je dit? (niet verplicht)"))
    organisation_text = forms.CharField(
        label=_("Je organisatie, als je als professional meldt (niet verplicht)"),
        max_length=200,
        required=False,
    )
    reporter_name = forms.CharField(label=_("Je naam (niet verplicht)"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Je e-mailadres (niet verplicht)"),
        help_text=_("Dan krijg je een bevestiging met het referentienummer."),
        required=False,
        max_length=254,
        error_messages={"invalid": EMAIL_INVALID},
    )
    follow_up = forms.BooleanField(
        label=_(
            "Ik wil een mail krijgen wanneer het signaal wordt doorgegeven en wanneer er een antwoord is. "
            "Mijn e-mailadres wordt daarvoor bewaard en nooit getoond."
        ),
        required=False,
    )
    # Honeypot: people do not see it, simple robots fill it in.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = [
        "title",
        "description",
        "noticed_on",
        "municipalities",
        "target_groups",
        "organisation_text",
        "reporter_name",
        "contact_email",
        "follow_up",
    ]

    @property
    def is_robot(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("follow_up") and not data.get("contact_email"):
            self.add_error(
                "contact_email", _("Geef een e-mailadres als je wil horen wat er met je signaal gebeurt.")
            )
        return data


class PartnerSignalForm(PublicSignalForm):
    """A partner user reports from their account: the reporter is known, no honeypot."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        del self.fields["reporter_name"]

    @property
    def is_robot(self) -> bool:
        return False


class StaffSignalForm(_Topics):
    """Staff register a signal (heard in a meeting) or classify one: every field but the reporter."""

    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=SignalKind.choices, initial=SignalKind.SIGNAL)
    challenges = forms.ModelMultipleChoiceField(
        label=_("Uitdagingen"),
        queryset=Challenge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Geen, één of meer."),
        error_messages={
            "invalid_choice": _("Kies uitdagingen van deze eerstelijnszone."),
            "invalid_pk_value": _("Kies uit de lijst."),
        },
    )
    organisation_text = forms.CharField(label=_("Organisatie van de melder"), max_length=200, required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all(), required=False)
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=Cluster.objects.all(), required=False)
    noticed_on = _date_field(_("Vastgesteld op"))
    addressee_level = forms.ChoiceField(
        label=_("Gericht aan"), choices=[("", "–"), *AddresseeLevel.choices], required=False
    )
    internal_notes = forms.CharField(
        label=_("Interne nota (nooit publiek)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = [
        "title",
        "description",
        "kind",
        "challenges",
        "municipalities",
        "target_groups",
        "organisation_text",
        "sector",
        "cluster",
        "noticed_on",
        "addressee_level",
        "internal_notes",
    ]

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, zone=zone, **kwargs)
        self.fields["challenges"].queryset = Challenge.objects.for_zone(zone)


class RegisterFromMeetingForm(StaffSignalForm):
    source = forms.ChoiceField(
        label=_("Bron"),
        choices=[
            (SignalSource.AGENDA_ITEM.value, SignalSource.AGENDA_ITEM.label),
            (SignalSource.PARTNER_ROUND.value, SignalSource.PARTNER_ROUND.label),
        ],
    )


STAFF_SOURCES = [
    SignalSource.PHONE,
    SignalSource.MAIL,
    SignalSource.NETWORK_EVENT,
    SignalSource.CASE_CONSULTATION,
    SignalSource.INTERVISION,
    SignalSource.SURVEY,
    SignalSource.DREMPELSCAN,
    SignalSource.STAFF,
]


class StaffIntakeForm(StaffSignalForm):
    """Staff register a signal heard outside a meeting (by phone, by mail, ...): the reporter from the
    directory (search pickers) or as free text, how it came in, and everything staff classify."""

    source = forms.ChoiceField(
        label=_("Hoe kwam het signaal binnen?"),
        choices=[(s.value, s.label) for s in STAFF_SOURCES],
        initial=SignalSource.PHONE,
        error_messages={"invalid_choice": _("Kies hoe het signaal binnenkwam.")},
    )
    reporter_person = PickerField(
        kind=PERSON,
        label=_("Melder uit de contactenlijst"),
        required=False,
        empty_label=_("(niet in de contactenlijst)"),
        error_messages={"invalid_choice": _("Deze persoon bestaat niet (meer) in deze eerstelijnszone.")},
    )
    reporter_name = forms.CharField(
        label=_("of naam van de melder"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten als de melder anoniem wil blijven."),
    )
    organisation = PickerField(
        kind=ORGANISATION,
        label=_("Organisatie uit de contactenlijst"),
        required=False,
        empty_label=_("(niet in de contactenlijst)"),
        error_messages={"invalid_choice": _("Kies een organisatie van deze eerstelijnszone.")},
    )
    is_structural = forms.BooleanField(label=_("Structureel signaal"), required=False)
    contact_email = forms.EmailField(
        label=_("E-mailadres van de melder (niet verplicht)"),
        required=False,
        max_length=254,
        help_text=_("De melder krijgt dan een bevestiging met het referentienummer."),
        error_messages={"invalid": EMAIL_INVALID},
    )
    follow_up = forms.BooleanField(
        label=_(
            "De melder wil een mail wanneer het signaal doorgegeven en beantwoord wordt (toestemming gevraagd)"
        ),
        required=False,
    )

    field_order = [
        "title",
        "description",
        "source",
        "noticed_on",
        "reporter_person",
        "reporter_name",
        "organisation",
        "organisation_text",
        "sector",
        "cluster",
        "contact_email",
        "follow_up",
        "kind",
        "challenges",
        "municipalities",
        "target_groups",
        "addressee_level",
        "is_structural",
        "internal_notes",
    ]

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        from zorgraad.network.models import Organisation, Person

        super().__init__(*args, zone=zone, **kwargs)
        self.fields["organisation_text"].label = _("of naam van de organisatie")
        self.fields["description"].required = True
        self.fields["description"].error_messages["required"] = _("Beschrijf de situatie: wat loopt er vast?")
        self.fields["title"].error_messages["required"] = _("Geef het signaal een korte titel.")
        people = self.fields["reporter_person"]
        organisations = self.fields["organisation"]
        assert isinstance(people, PickerField) and isinstance(organisations, PickerField)
        people.for_zone(zone, Person.objects.for_zone(zone).filter(is_archived=False))
        organisations.for_zone(zone, Organisation.objects.for_zone(zone).filter(is_archived=False))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reporter_person") and data.get("reporter_name"):
            self.add_error(
                "reporter_name", _("Kies de melder in de contactenlijst óf schrijf een naam, niet allebei.")
            )
        if data.get("organisation") and data.get("organisation_text"):
            self.add_error(
                "organisation_text",
                _("Kies de organisatie in de contactenlijst óf schrijf een naam, niet allebei."),
            )
        if data.get("follow_up") and not data.get("contact_email"):
            self.add_error(
                "contact_email",
                _("Geef een e-mailadres als de melder wil horen wat er met het signaal gebeurt."),
            )
        return data


class TransitionForm(Form):
    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=SignalStatus.choices)
    comment = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    passed_on_to = forms.CharField(label=_("Doorgegeven aan"), max_length=300, required=False)
    addressee_level = forms.ChoiceField(
        label=_("Niveau"), choices=[("", "–"), *AddresseeLevel.choices], required=False
    )
    passed_on_text = forms.CharField(
        label=_("Verstuurde tekst"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    passed_on_at = _date_field(_("Doorgegeven op"))
    answer = forms.CharField(label=_("Antwoord"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    answered_on = _date_field(_("Antwoord ontvangen op"))
    reason = forms.CharField(
        label=_("Reden (niet weerhouden)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ToMeetingForm(Form):
    body = forms.ModelChoiceField(label=_("Overleg"), queryset=Body.objects.none(), empty_label=None)

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.for_zone(zone).filter(is_archived=False).order_by("name")


class EndorseForm(ToMeetingForm):
    decision_text = forms.CharField(
        label=_("Beslissing (zoals in het verslag)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(Form):
    parent = forms.IntegerField(
        label=_("Hoofdsignaal"), widget=forms.HiddenInput, error_messages={"required": _("Kies een signaal.")}
    )
    comment = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)


class TriageFilterForm(Form):
    q = forms.CharField(
        label=_("Zoeken"), required=False, max_length=SEARCH_MAX_LENGTH, validators=[validate_search_terms]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle statussen")), *SignalStatus.choices]
    )
    challenge = forms.ChoiceField(label=_("Uitdaging"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Sector.objects.none(), required=False, empty_label=_("Alle gemeenten")
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False, empty_label=_("Alle sectoren")
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.all(), required=False, empty_label=_("Alle clusters")
    )
    structural = forms.BooleanField(label=_("Enkel structurele"), required=False)

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = zone.municipalities_on()
        challenges = Challenge.objects.for_zone(zone).values_list("pk", "number", "short_label", "title")
        self.fields["challenge"].choices = [
            ("", _("Alle uitdagingen")),
            ("none", _("Zonder uitdaging")),
            *[
                (str(pk), f"{num}. {short or title}" if num else (short or title))
                for pk, num, short, title in challenges
            ],
        ]
