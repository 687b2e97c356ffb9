"""Forms for planning, single meetings and agenda items. Validation of input only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form
from zorgraad.network import reference
from zorgraad.network.models import Organisation, Person
from zorgraad.network.pickers import ORGANISATION, PickerField
from zorgraad.zones.models import Zone

from ..models import Meeting

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_ERRORS = {
    "required": _("Vul de datum in."),
    "invalid": _("Geef een geldige datum, bijvoorbeeld 12/02/2026."),
}
START_ERRORS = {"required": _("Vul het beginuur in."), "invalid": _("Geef een uur, bijvoorbeeld 13:30.")}
END_ERRORS = {"required": _("Vul het einduur in."), "invalid": _("Geef een uur, bijvoorbeeld 16:00.")}
END_BEFORE_START = _("Het einduur moet na het beginuur liggen.")


def _check_hours(form: forms.Form, cleaned: dict[str, Any]) -> None:
    start, end = cleaned.get("start_time"), cleaned.get("end_time")
    if start and end and end <= start:
        form.add_error("end_time", END_BEFORE_START)


class MeetingTimePlaceForm(Form):
    """Date, hours and place of a meeting: shared by the meeting form and 'next meetings' in the minutes."""

    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    start_time = forms.TimeField(label=_("Beginuur"), widget=TIME_WIDGET, error_messages=START_ERRORS)
    end_time = forms.TimeField(label=_("Einduur"), widget=TIME_WIDGET, error_messages=END_ERRORS)
    venue_organisation = PickerField(
        kind=ORGANISATION,
        label=_("Locatie bij organisatie"),
        required=False,
        empty_label=_("(geen organisatie)"),
        error_messages={"invalid_choice": _("Kies een organisatie van deze eerstelijnszone.")},
    )
    venue = forms.CharField(
        label=_("Andere locatie"),
        max_length=300,
        required=False,
        help_text=_("Een adres als de vergadering niet bij een organisatie plaatsvindt."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        error_messages={
            "invalid": _("Geef een volledig webadres, bijvoorbeeld https://meet.voorbeeld.be/abc.")
        },
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_hours(self, cleaned)
        return cleaned


class MeetingForm(MeetingTimePlaceForm):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten: de naam van het overlegorgaan."),
    )
    field_order = ["title", "date", "start_time", "end_time", "venue_organisation", "venue", "online_url"]

    def __init__(self, *args: Any, zone: Zone, meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": meeting.title,
                "date": meeting.date,
                "start_time": meeting.start_time,
                "end_time": meeting.end_time,
                "venue_organisation": meeting.venue_organisation_id,
                "venue": meeting.venue,
                "online_url": meeting.online_url,
            }
        super().__init__(*args, **kwargs)
        keep = Q(is_archived=False)
        if meeting is not None and meeting.venue_organisation_id:
            keep |= Q(pk=meeting.venue_organisation_id)  # an archived venue stays selectable
        orgs = Organisation.objects.for_zone(zone).filter(keep)
        self.fields["venue_organisation"].for_zone(zone, orgs.order_by("name", "id"))  # type: ignore[attr-defined]


class ScheduleRowForm(Form):
    """One proposed date of the planning table."""

    include = forms.BooleanField(label=_("Plannen"), required=False)
    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET, required=False, error_messages=DATE_ERRORS)
    start_time = forms.TimeField(
        label=_("Beginuur"), widget=TIME_WIDGET, required=False, error_messages=START_ERRORS
    )
    end_time = forms.TimeField(
        label=_("Einduur"), widget=TIME_WIDGET, required=False, error_messages=END_ERRORS
    )
    venue_organisation = forms.TypedChoiceField(
        label=_("Locatie"), coerce=int, empty_value=None, required=False, choices=()
    )
    label = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, venue_choices: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue_organisation"].choices = venue_choices

    def full_clean(self) -> None:
        super().full_clean()
        # A row that is not ticked is not planned: its fields do not matter.
        if self.is_bound and not self.cleaned_data.get("include"):
            self.errors.clear()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("include"):
            return cleaned
        for name, errors in (("date", DATE_ERRORS), ("start_time", START_ERRORS), ("end_time", END_ERRORS)):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, errors["required"])
        _check_hours(self, cleaned)
        return cleaned


ScheduleFormSet = forms.formset_factory(ScheduleRowForm, extra=0)


class AgendaItemForm(Form):
    title = forms.CharField(
        label=_("Titel"), max_length=250, error_messages={"required": _("Geef het agendapunt een titel.")}
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    presenter = forms.ModelChoiceField(
        label=_("Wordt gebracht door"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("(iemand anders of niemand)"),
    )
    presenter_text = forms.CharField(
        label=_("Of: naam van wie het punt brengt"),
        max_length=200,
        required=False,
        help_text=_("Voor iemand die geen lid is, bijvoorbeeld een gastspreker."),
    )

    def __init__(self, *args: Any, presenters: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["presenter"]
        field.queryset = presenters
        # The options from one plain read of the list, not a server-side cursor (three round trips
        # on PostgreSQL) each time the select is rendered; the queryset validates what is posted.
        reference.show(field, [(p.pk, field.label_from_instance(p)) for p in presenters])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("presenter") and cleaned.get("presenter_text", "").strip():
            self.add_error("presenter_text", _("Kies een lid óf typ een naam, niet allebei."))
        return cleaned
