"""Forms of signal ambassadors: add (a person found with the search picker, then one of their
functions at an organisation), edit and the list's filters. The services do every write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form
from zorgraad.core.lists import SEARCH_MAX_LENGTH, validate_search_terms
from zorgraad.events.models import Event
from zorgraad.network.models import Affiliation, Person
from zorgraad.network.pickers import PERSON, PickerField
from zorgraad.zones.models import Zone

from ..selectors.ambassadors import ALL, CURRENT, ENDED
from . import _date_field

# Activities offered as the training: the zone's events of these kinds of the last years, newest first.
TRAINING_KINDS = ("netwerk", "training", "intervisie", "studiedag", "infolunch", "forum", "ander")
TRAINING_YEARS = 5


class _AmbassadorFields(Form):
    trained_on = _date_field(_("Opgeleid op (niet verplicht)"))
    training_event = forms.ModelChoiceField(
        label=_("Vorming (niet verplicht)"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("(geen of niet in de agenda)"),
        help_text=_("Bijvoorbeeld het netwerkmoment signalenbeleid."),
        error_messages={"invalid_choice": _("Kies een activiteit van deze eerstelijnszone.")},
    )
    active_from = _date_field(_("Actief vanaf"), required=True)
    active_to = _date_field(_("Actief tot en met (niet verplicht)"))
    note = forms.CharField(
        label=_("Nota (niet verplicht)"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld voor welke sector of welke diensten deze persoon signalen verzamelt."),
    )

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["active_from"].error_messages["required"] = _(
            "Vanaf wanneer is deze persoon signaalambassadeur?"
        )
        since = timezone.now() - dt.timedelta(days=365 * TRAINING_YEARS)
        self.fields["training_event"].queryset = (
            Event.objects.for_zone(zone)
            .filter(kind__in=TRAINING_KINDS, starts_at__gte=since)
            .order_by("-starts_at", "-id")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("active_from"), data.get("active_to")
        if start and end and end < start:
            self.add_error(
                "active_to",
                _("De einddatum ligt vóór de begindatum: kies een datum op of na %(start)s.")
                % {"start": start.strftime("%d/%m/%Y")},
            )
        return data


class AmbassadorForm(_AmbassadorFields):
    """Add an ambassador: first the person (search picker), then at which organisation."""

    person = PickerField(
        kind=PERSON,
        label=_("Persoon"),
        error_messages={
            "required": _("Kies een persoon."),
            "invalid_choice": _("Deze persoon bestaat niet (meer) in deze eerstelijnszone."),
        },
    )
    affiliation = forms.ModelChoiceField(
        label=_("Bij welke organisatie?"),
        queryset=Affiliation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een functie van deze persoon in deze eerstelijnszone.")},
    )

    field_order = [
        "person",
        "affiliation",
        "trained_on",
        "training_event",
        "active_from",
        "active_to",
        "note",
    ]

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, zone=zone, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, PickerField)
        field.for_zone(zone, Person.objects.for_zone(zone).filter(is_archived=False))
        raw = self.data.get("person") if self.is_bound else self.initial.get("person")
        person_id = int(str(raw)) if str(raw or "").isdigit() and len(str(raw)) < 19 else None
        self.fields["affiliation"].queryset = (
            Affiliation.objects.for_zone(zone)
            .filter(person_id=person_id or 0)
            .select_related("organisation")
            .order_by("organisation__name", "-start", "id")
        )
        self.fields["affiliation"].label_from_instance = self._affiliation_label  # type: ignore[attr-defined]
        if not self.is_bound and "active_from" not in self.initial:
            self.initial["active_from"] = timezone.localdate()

    @staticmethod
    def _affiliation_label(affiliation: Any) -> str:
        label = f"{affiliation.organisation.name}"
        if affiliation.function:
            label = f"{affiliation.function} – {label}"
        if not affiliation.is_current:
            label += " " + str(_("(tot %(end)s)") % {"end": affiliation.end.strftime("%d/%m/%Y")})
        return label

    @property
    def affiliations(self) -> list[Any]:
        """The chosen person's functions (for the page: none yet means 'add a function first')."""
        if not hasattr(self, "_affiliations"):
            self._affiliations = list(self.fields["affiliation"].queryset)
        return self._affiliations

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        person = data.get("person")
        if person is None or self.errors.get("affiliation"):
            return data
        if data.get("affiliation") is None:
            options = self.affiliations
            if len(options) == 1:
                data["affiliation"] = options[0]
            elif not options:
                self.add_error(
                    "person",
                    _(
                        "%(person)s werkt volgens de contactenlijst bij geen enkele organisatie. "
                        "Voeg eerst een functie toe op de fiche van deze persoon."
                    )
                    % {"person": person},
                )
            else:
                self.add_error(
                    "affiliation",
                    _("%(person)s werkt bij meer dan één organisatie: kies er één.") % {"person": person},
                )
        return data


class AmbassadorEditForm(_AmbassadorFields):
    field_order = ["trained_on", "training_event", "active_from", "active_to", "note"]


class AmbassadorFilterForm(Form):
    q = forms.CharField(
        label=_("Zoeken op naam of organisatie"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        validators=[validate_search_terms],
    )
    state = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[(CURRENT, _("huidige ambassadeurs")), (ENDED, _("beëindigde rollen")), (ALL, _("alle"))],
    )
