# mypy: disable-error-code="attr-defined"
"""Forms of the screens during and after a meeting. They validate input only; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form
from zorgraad.governance.models import Body
from zorgraad.network.models import Organisation, Person
from zorgraad.network.pickers import ORGANISATION, PickerField
from zorgraad.zones.models import Zone

from .forms.schedule import MeetingTimePlaceForm
from .models import AgendaItem, Attendance, AttendanceStatus, Meeting

RECORDED_CHOICES = [
    (AttendanceStatus.PRESENT.value, _("aanwezig")),
    (AttendanceStatus.EXCUSED.value, _("verontschuldigd")),
    (AttendanceStatus.ABSENT.value, _("afwezig")),
]
DATE_INVALID = _("Geef een geldige datum, bijvoorbeeld 17/03/2026.")
TIME_INVALID = _("Geef een geldig uur, bijvoorbeeld 13:30.")
EMAIL_INVALID = _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def _date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput(), error_messages={"invalid": DATE_INVALID}
    )


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(label=label, widget=TimeInput(), error_messages={"invalid": TIME_INVALID})


# --- attendance ----------------------------------------------------------------------------------


class AttendanceForm(Form):
    """One radio group per person on the list: aanwezig / verontschuldigd / afwezig."""

    def __init__(self, *args: Any, rows: list[Attendance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        recorded = {value for value, _label in RECORDED_CHOICES}
        for row in rows:
            self.fields[self.key(row)] = forms.ChoiceField(
                label=row.person.full_name,
                choices=RECORDED_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status if row.status in recorded else None,
                error_messages={"invalid_choice": _("Kies aanwezig, verontschuldigd of afwezig.")},
            )

    @staticmethod
    def key(row: Attendance) -> str:
        return f"status_{row.person_id}"

    def table(self) -> list[tuple[Attendance, forms.BoundField]]:
        return [(row, self[self.key(row)]) for row in self.rows]

    def statuses(self) -> dict[int, str]:
        """Person id -> chosen status, for the rows that got one."""
        return {
            row.person_id: self.cleaned_data[self.key(row)]
            for row in self.rows
            if self.cleaned_data.get(self.key(row))
        }


class GuestForm(Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Familienaam"), max_length=100)
    email = forms.EmailField(
        label=_("E-mailadres"), required=False, error_messages={"invalid": EMAIL_INVALID}
    )
    organisation = PickerField(
        kind=ORGANISATION,
        label=_("Organisatie"),
        required=False,
        empty_label=_("Geen of onbekend"),
        error_messages={"invalid_choice": _("Kies een organisatie van deze eerstelijnszone.")},
    )

    def __init__(self, *args: Any, zone: Zone, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].for_zone(zone, organisations)
        self.fields["first_name"].error_messages["required"] = _("Vul de voornaam in.")
        self.fields["last_name"].error_messages["required"] = _("Vul de familienaam in.")


# --- minutes -------------------------------------------------------------------------------------


class MinutesForm(Form):
    """The intro and one text area per agenda item."""

    intro = forms.CharField(
        label=_("Inleiding (optioneel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld wie zich verontschuldigde en waarom."),
    )

    def __init__(self, *args: Any, meeting: Meeting, items: list[AgendaItem], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("intro", meeting.intro)
        super().__init__(*args, **kwargs)
        self.items = items
        for number, item in enumerate(items, start=1):
            self.fields[self.key(item)] = forms.CharField(
                label=f"{number}. {item.title}",
                required=False,
                initial=item.minutes,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    @staticmethod
    def key(item: AgendaItem) -> str:
        return f"item_{item.pk}"

    def item_fields(self) -> list[tuple[AgendaItem, forms.BoundField]]:
        return [(item, self[self.key(item)]) for item in self.items]

    def texts(self) -> dict[int, str]:
        """Agenda item id -> text, for the items whose field was posted (a missing field is no
        reason to empty an item's minutes)."""
        return {
            item.pk: self.cleaned_data.get(self.key(item), "")
            for item in self.items
            if self.add_prefix(self.key(item)) in self.data
        }

    def intro_text(self) -> str | None:
        """The intro when it was posted, else None (left as it is)."""
        return self.cleaned_data.get("intro", "") if self.add_prefix("intro") in self.data else None


def show_choices(field: forms.Field, objects: list[Any] | None) -> None:
    """Show `objects` (read already by the view) as the options of a ModelChoiceField: the same
    HTML as its queryset would give, without a query (a server-side cursor on PostgreSQL) each time
    the form is rendered. The queryset still validates what is posted."""
    if objects is None or not isinstance(field, forms.ModelChoiceField):
        return
    choices: list[tuple[Any, Any]] = [(o.pk, field.label_from_instance(o)) for o in objects]
    if field.empty_label is not None:
        choices.insert(0, ("", field.empty_label))
    field.choices = choices


class DecisionForm(Form):
    text = forms.CharField(
        label=_("Beslissing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf de beslissing op.")},
    )
    item = forms.ModelChoiceField(
        label=_("Bij agendapunt"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("Geen specifiek agendapunt"),
    )

    def __init__(
        self,
        *args: Any,
        items: QuerySet[AgendaItem],
        item_choices: list[AgendaItem] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        show_choices(self.fields["item"], item_choices)


class FollowUpForm(Form):
    description = forms.CharField(
        label=_("Wat moet er gebeuren?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Beschrijf wat er opgevolgd moet worden.")},
    )
    owner = forms.ModelChoiceField(
        label=_("Wie (uit de lijst)"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Niemand uit de lijst"),
    )
    owner_text = forms.CharField(
        label=_("Of wie (vrij)"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld ‘alle partners’ of ‘het secretariaat’."),
    )
    due_date = _date_field(_("Tegen"), required=False)
    item = forms.ModelChoiceField(
        label=_("Bij agendapunt"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("Geen specifiek agendapunt"),
    )

    def __init__(
        self,
        *args: Any,
        items: QuerySet[AgendaItem],
        owners: QuerySet[Person],
        item_choices: list[AgendaItem] | None = None,
        owner_choices: list[Person] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["owner"].queryset = owners
        show_choices(self.fields["item"], item_choices)
        show_choices(self.fields["owner"], owner_choices)


class PartnerRoundForm(Form):
    organisation = PickerField(
        kind=ORGANISATION,
        label=_("Organisatie"),
        error_messages={
            "required": _("Kies de organisatie die iets deelde."),
            "invalid_choice": _("Kies een organisatie van deze eerstelijnszone."),
        },
    )
    text = forms.CharField(
        label=_("Wat werd gedeeld"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld een activiteit die eraan komt, met datum en plaats."),
        error_messages={"required": _("Schrijf op wat de partner deelde.")},
    )

    def __init__(self, *args: Any, zone: Zone, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].for_zone(zone, organisations)


class NextMeetingForm(MeetingTimePlaceForm):
    """A next meeting of the same body, added from the minutes."""

    def __init__(
        self, *args: Any, zone: Zone, body: Body, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("start_time", body.default_start)
        kwargs["initial"].setdefault("end_time", body.default_end)
        super().__init__(*args, **kwargs)
        self.fields["venue_organisation"].for_zone(zone, organisations)
        self.fields["date"].error_messages["required"] = _("Kies de datum van de volgende vergadering.")


# --- approval and publication --------------------------------------------------------------------


class ApproveForm(Form):
    at_meeting = forms.ModelChoiceField(
        label=_("Goedgekeurd op de vergadering van"),
        queryset=Meeting.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Kies de vergadering waarop het verslag goedgekeurd werd."),
            "invalid_choice": _("Kies een latere vergadering van hetzelfde overlegorgaan."),
        },
    )

    def __init__(self, *args: Any, candidates: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["at_meeting"]
        field.queryset = candidates
        field.label_from_instance = lambda m: (
            f"{m.date:%d/%m/%Y} {m.start_time:%H:%M} – {m.get_status_display()}"
        )


class ApproveByMailForm(Form):
    """The second way: the minutes went round by mail ("opmerkingen binnen 14 dagen, anders goedgekeurd")."""

    approved_on = _date_field(_("Goedgekeurd per mail op"))
    comments = forms.CharField(
        label=_("Ontvangen opmerkingen (optioneel)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wie reageerde en wat er in het verslag werd aangepast. Leeg: er kwamen geen opmerkingen."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approved_on"].error_messages["required"] = _(
            "Vul de datum in waarop het verslag per mail goedgekeurd werd."
        )


class PublishForm(Form):
    newsletter = forms.BooleanField(
        label=_("Opnemen in de volgende nieuwsbrief"), required=False, initial=True
    )


# --- public search -------------------------------------------------------------------------------


class MinutesSearchForm(Form):
    q = forms.CharField(label=_("Zoekwoorden"), required=False, max_length=200)
    orgaan = forms.ChoiceField(label=_("Overlegorgaan"), required=False)
    van = _date_field(_("Van"), required=False)
    tot = _date_field(_("Tot en met"), required=False)

    def __init__(self, *args: Any, bodies: list[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["orgaan"]
        field.choices = [("", _("Alle overlegorganen")), *[(b.slug, b.name) for b in bodies]]
        field.error_messages["invalid_choice"] = _("Kies een overlegorgaan uit de lijst.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("van"), data.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data
