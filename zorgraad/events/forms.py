"""Forms of the events app: the event (staff and partner proposals), registration, check-in, evaluation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form, ModelForm
from zorgraad.network.models import Organisation, TargetGroup, Theme
from zorgraad.network.pickers import ORGANISATION, PickerField
from zorgraad.zones.models import Zone

from .models import (
    Audience,
    EvaluationKind,
    EvaluationQuestion,
    Event,
    EventKind,
    EventSeries,
    EventStatus,
    Question,
    QuestionKind,
)
from .selectors import QuestionSpec
from .services import NEWSLETTER_CONSENT_TEXT

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%Hu%M", "%Hu", "%H"]
DATE_INVALID = _("Geef een geldige datum, bv. 24/10/2025.")
TIME_INVALID = _("Geef een geldig uur, bv. 12.30.")
ORGANISATION_ERRORS = {"invalid_choice": _("Deze organisatie bestaat niet (meer) in deze eerstelijnszone.")}


def _date(label: Any, required: bool = True, **kw: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID, "required": _("Kies een datum.")},
        **kw,
    )


def _time(label: Any, required: bool = True) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": TIME_INVALID, "required": _("Vul een uur in.")},
    )


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


EVENT_FIELDS = [
    "kind",
    "audience",
    "members_only",
    "title",
    "description",
    "themes",
    "target_groups",
    "challenges",
    "plan_action",
    "series",
    "organised_by_zone",
    "organiser",
    "co_organising_zones",
    "speakers",
    "venue_organisation",
    "venue",
    "municipality",
    "is_online",
    "online_url",
    "practical_notes",
    "price",
    "registration_required",
    "capacity",
    "waitlist_enabled",
    "evaluation_closes_at",
]


class EventForm(ModelForm):
    """One form for the event; date and hours as separate fields, the span is built from them."""

    day = _date(_("Datum"))
    start_time = _time(_("Van"))
    end_time = _time(_("Tot"))
    end_day = _date(
        _("Einddatum"), required=False, help_text=_("Alleen als de activiteit over meer dagen loopt.")
    )
    registration_opens = _date(_("Inschrijven vanaf"), required=False)
    registration_closes = _date(_("Inschrijven tot en met"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (EventStatus.DRAFT, _("ontwerp (niet zichtbaar)")),
            (EventStatus.SAVE_THE_DATE, _("save the date (nog geen inschrijving)")),
            (EventStatus.PUBLISHED, _("gepubliceerd")),
        ],
        initial=EventStatus.PUBLISHED,
    )
    organiser = PickerField(
        kind=ORGANISATION,
        label=_("Partner die organiseert"),
        required=False,
        error_messages=ORGANISATION_ERRORS,
    )
    venue_organisation = PickerField(
        kind=ORGANISATION,
        label=_("Locatie bij organisatie"),
        required=False,
        error_messages=ORGANISATION_ERRORS,
        help_text=_("Of vul hieronder een vrije plaats in."),
    )
    new_series = forms.CharField(
        label=_("Of een nieuwe reeks"),
        max_length=200,
        required=False,
        help_text=_("Eén titel, meer activiteiten op verschillende plaatsen (bv. 'Lokale buurtnetwerken')."),
    )
    co_organiser = PickerField(
        kind=ORGANISATION,
        label=_("Co-organisator toevoegen"),
        required=False,
        error_messages=ORGANISATION_ERRORS,
    )
    evaluation_closes_at = forms.DateTimeField(
        label=_("Evaluatie sluit op"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "practical_notes": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "challenges": forms.CheckboxSelectMultiple,
            "co_organising_zones": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, zone: Zone, partner: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        from zorgraad.challenges.models import Challenge

        orgs = Organisation.objects.for_zone(zone).filter(is_archived=False)
        self.fields["organiser"].for_zone(zone, orgs)  # type: ignore[attr-defined]
        self.fields["venue_organisation"].for_zone(zone, orgs)  # type: ignore[attr-defined]
        self.fields["co_organiser"].for_zone(zone, orgs)  # type: ignore[attr-defined]
        self.fields["challenges"].queryset = Challenge.objects.for_zone(zone)
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["series"].queryset = EventSeries.objects.for_zone(zone)
        from zorgraad.planning.models import Action

        self.fields["plan_action"].queryset = Action.objects.for_zone(zone).order_by("pk")
        self.fields["municipality"].queryset = zone.municipalities_on()
        self.fields["co_organising_zones"].queryset = Zone.objects.filter(is_active=True).exclude(pk=zone.pk)
        self.fields["capacity"].widget.attrs.update({"min": 0, "max": 100000})
        if partner:
            for name in (
                "status",
                "series",
                "organised_by_zone",
                "co_organising_zones",
                "evaluation_closes_at",
            ):
                del self.fields[name]
        instance = self.instance
        if instance.pk and not self.is_bound:
            start = timezone.localtime(instance.starts_at)
            end = timezone.localtime(instance.ends_at)
            self.initial.update(
                day=start.date(),
                start_time=start.time(),
                end_time=end.time(),
                end_day=end.date() if end.date() != start.date() else None,
                status=instance.status,
            )
            if instance.registration_opens_at:
                self.initial["registration_opens"] = timezone.localdate(instance.registration_opens_at)
            if instance.registration_closes_at:
                self.initial["registration_closes"] = timezone.localdate(instance.registration_closes_at)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            starts_at = _aware(day, start)
            ends_at = _aware(data.get("end_day") or day, end)
            if ends_at <= starts_at:
                self.add_error(
                    "end_time", _("De activiteit eindigt vóór ze begint: kies een einduur na het beginuur.")
                )
            else:
                data["starts_at"], data["ends_at"] = starts_at, ends_at
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        data["registration_opens_at"] = _aware(opens, dt.time.min) if opens else None
        data["registration_closes_at"] = _aware(closes, dt.time(23, 59)) if closes else None
        if opens and closes and closes < opens:
            self.add_error(
                "registration_closes", _("Het einde van de inschrijvingen ligt vóór het begin ervan.")
            )
        if data.get("is_online") is False and not (data.get("venue") or data.get("venue_organisation")):
            pass  # a place may follow later
        if data.get("online_url") and not data.get("is_online"):
            data["is_online"] = True
        return data

    def _post_clean(self) -> None:  # the service validates and saves
        return None

    def event_data(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(plain fields, many-to-many) for the services."""
        data = self.cleaned_data
        m2m_names = {"themes", "target_groups", "challenges", "co_organising_zones"}
        plain = {k: data[k] for k in self.fields if k in EVENT_FIELDS and k not in m2m_names and k in data}
        for key in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            plain[key] = data.get(key)
        if "status" in self.fields:
            plain["status"] = data["status"]
        m2m = {k: data[k] for k in m2m_names if k in self.fields and k in data}
        return plain, m2m


class RegistrationForm(Form):
    """The public registration form; the event's own questions are added as fields `vraag_<id>`."""

    name = forms.CharField(label=_("Naam"), max_length=200, error_messages={"required": _("Vul je naam in.")})
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Geef een geldig e-mailadres."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten als je als burger komt."),
    )
    newsletter = forms.BooleanField(label=NEWSLETTER_CONSENT_TEXT, required=False)
    # a field people do not see: robots fill it in
    website = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, questions: Sequence[Question | QuestionSpec], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            name = f"vraag_{q.pk}"
            if q.kind == QuestionKind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=q.text, required=q.required, choices=[("", "---"), *[(c, c) for c in q.choice_list]]
                )
            elif q.kind == QuestionKind.YES_NO:
                self.fields[name] = forms.ChoiceField(
                    label=q.text,
                    required=q.required,
                    choices=[("", "---"), ("ja", _("ja")), ("nee", _("nee"))],
                )
            else:
                self.fields[name] = forms.CharField(label=q.text, required=q.required, max_length=1000)
            self.fields[name].error_messages["required"] = _("Beantwoord deze vraag.")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Vul je naam in."))
        return name

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            # the field is hidden from people; shown on top, for the rare browser that fills it in
            self.add_error(None, _("Laat het verborgen veld 'website' leeg."))
        return ""

    def answers(self) -> dict[int, str]:
        out: dict[int, str] = {}
        for q in self.questions:
            value = self.cleaned_data.get(f"vraag_{q.pk}")
            if value not in (None, ""):
                out[q.pk] = str(value)
        return out


class WalkInForm(Form):
    name = forms.CharField(label=_("Naam"), max_length=200, error_messages={"required": _("Vul de naam in.")})
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    organisation = forms.CharField(label=_("Organisatie"), max_length=200, required=False)


class CheckInSearchForm(Form):
    q = forms.CharField(label=_("Zoek op naam"), max_length=100, required=False)


class SessionForm(Form):
    day = _date(_("Datum"))
    start_time = _time(_("Van"))
    end_time = _time(_("Tot"))
    venue = forms.CharField(label=_("Locatie"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("day") and data.get("start_time") and data.get("end_time"):
            if data["end_time"] <= data["start_time"]:
                self.add_error(
                    "end_time", _("De sessie eindigt vóór ze begint: kies een einduur na het beginuur.")
                )
            else:
                data["starts_at"] = _aware(data["day"], data["start_time"])
                data["ends_at"] = _aware(data["day"], data["end_time"])
        return data


class ProgrammeSlotForm(Form):
    start_time = _time(_("Van"))
    end_time = _time(_("Tot"), required=False)
    title = forms.CharField(label=_("Onderdeel"), max_length=300)
    speaker = forms.CharField(label=_("Door"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("Het einduur ligt vóór het beginuur."))
        return data


class QuestionForm(Form):
    text = forms.CharField(label=_("Vraag"), max_length=300)
    kind = forms.ChoiceField(label=_("Soort"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Keuzes (één per lijn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    required = forms.BooleanField(label=_("Verplicht"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == QuestionKind.CHOICE and not (data.get("choices") or "").strip():
            self.add_error("choices", _("Geef minstens één keuze."))
        return data


class EvaluationQuestionForm(Form):
    text = forms.CharField(label=_("Vraag"), max_length=300)
    kind = forms.ChoiceField(label=_("Soort"), choices=EvaluationKind.choices)
    choices = forms.CharField(
        label=_("Keuzes (één per lijn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == EvaluationKind.CHOICE and not (data.get("choices") or "").strip():
            self.add_error("choices", _("Geef minstens één keuze."))
        return data


class EvaluationForm(Form):
    """The anonymous evaluation: one field per question of the event."""

    def __init__(self, *args: Any, questions: list[EvaluationQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            name = f"q_{q.pk}"
            if q.kind == EvaluationKind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=q.text,
                    required=False,
                    coerce=int,
                    choices=[(str(n), str(n)) for n in range(1, 6)],
                    widget=forms.RadioSelect,
                )
            elif q.kind == EvaluationKind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=q.text,
                    required=False,
                    choices=[(c, c) for c in q.choice_list],
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=q.text, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
                )

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}") for q in self.questions}


class PromotionForm(Form):
    organisation = PickerField(kind=ORGANISATION, label=_("Partner"), error_messages=ORGANISATION_ERRORS)
    promoted = forms.BooleanField(label=_("Heeft de activiteit gepromoot"), required=False, initial=True)
    channels = forms.CharField(label=_("Via welke kanalen"), max_length=300, required=False)

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].for_zone(
            zone, Organisation.objects.for_zone(zone).filter(is_archived=False)
        )  # type: ignore[attr-defined]


class DecisionForm(Form):
    reason = forms.CharField(
        label=_("Reden (bij niet opnemen)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


MONTH_INVALID = _("Kies een maand als 2026-03.")


class AgendaFilterForm(Form):
    """Filters of the public agenda (GET). A wrong value is left out, with a message."""

    doelpubliek = forms.ChoiceField(
        label=_("Voor"), required=False, choices=[("", _("iedereen")), *Audience.choices]
    )
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("alle soorten")), *EventKind.choices]
    )
    thema = forms.SlugField(label=_("Thema"), required=False, max_length=120)
    doelgroep = forms.SlugField(label=_("Doelgroep"), required=False, max_length=120)
    gemeente = forms.CharField(label=_("Gemeente"), required=False, max_length=5)
    maand = forms.RegexField(
        label=_("Maand"),
        required=False,
        regex=r"^\d{4}-\d{2}$",
        max_length=7,
        error_messages={"invalid": MONTH_INVALID},
    )

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thema"].widget = forms.Select(
            choices=[("", _("alle thema's")), *Theme.objects.values_list("slug", "name")]
        )
        self.fields["doelgroep"].widget = forms.Select(
            choices=[("", _("alle doelgroepen")), *TargetGroup.objects.values_list("slug", "name")]
        )
        self.fields["gemeente"].widget = forms.Select(
            choices=[("", _("alle gemeenten")), *[(m.nis_code, m.name) for m in zone.municipalities_on()]]
        )

    def clean_maand(self) -> dt.date | None:
        value = self.cleaned_data.get("maand")
        if not value:
            return None
        year, month = (int(p) for p in value.split("-"))
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise forms.ValidationError(MONTH_INVALID)
        return dt.date(year, month, 1)
