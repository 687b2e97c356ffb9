"""Forms of the action plan. The services check every rule again; forms give the first Dutch message."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form, ModelForm
from zorgraad.network.pickers import ORGANISATION, PickerField

from . import sources
from .models import (
    Action,
    ChapterKind,
    Indicator,
    MultiYearPlan,
    PlanStatus,
    ProcessItem,
    Step,
)

DATE = {"type": "date"}
NO_EVALUATION = _(
    "Selecteer minstens één manier van evaluatie: procesevaluatie of resultaatgerichte evaluatie."
)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")


def _lines(text: str) -> list[str]:
    return [
        line.strip().lstrip("-•").strip()
        for line in (text or "").splitlines()
        if line.strip().lstrip("-•").strip()
    ]


class PlanForm(Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("Titel"), max_length=200, required=False, help_text=_("Leeg: 'Acties <jaar>'.")
    )
    multi_year_plan = forms.ModelChoiceField(
        label=_("Meerjarenplan"), queryset=MultiYearPlan.objects.none(), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices, initial=PlanStatus.DRAFT)

    def __init__(self, *args: Any, zone: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["multi_year_plan"].queryset = MultiYearPlan.objects.for_zone(zone)  # type: ignore[attr-defined]


class CopyForm(Form):
    year = forms.IntegerField(label=_("Naar jaar"), min_value=2000, max_value=2100)


class ObjectiveForm(Form):
    label = forms.CharField(
        label=_("Label"), max_length=80, help_text=_("Zoals geschreven, bv. 'Strategische doelstelling 5'.")
    )
    text = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 3}))


class ChapterForm(Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    kind = forms.ChoiceField(label=_("Soort"), choices=ChapterKind.choices, initial=ChapterKind.OTHER)
    text = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    items = forms.CharField(
        label=_("Punten"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Eén per regel: 'titel: tekst', of 'titel | 30' voor een deel van de tijdsbesteding."),
    )
    time_total_percent = forms.IntegerField(
        label=_("Tijdsbesteding totaal (%)"), min_value=0, max_value=100, required=False
    )

    def clean_items(self) -> list[dict[str, Any]]:
        out = []
        for line in _lines(self.cleaned_data.get("items", "")):
            percent: Any = None
            if "|" in line:
                line, raw = line.rsplit("|", 1)
                try:
                    percent = Decimal(raw.strip().rstrip("%").replace(",", "."))
                except InvalidOperation as exc:
                    raise forms.ValidationError(
                        _("Na '|' staat een percentage, bv. 'Netwerkopbouw | 30'.")
                    ) from exc
            title, _sep, text = line.partition(":")
            out.append({"title": title.strip(), "text": text.strip(), "percent": percent})
        return out


class ActionForm(ModelForm):
    scope_do_lines = forms.CharField(
        label=_("1) Wat ga je wel doen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén per regel. Met secundaire acties hieronder worden deze de kernacties."),
    )
    scope_secondary_lines = forms.CharField(
        label=_("Secundaire acties"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    scope_dont_lines = forms.CharField(
        label=_("2) Wat ga je niet doen?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_organisation = PickerField(
        kind=ORGANISATION, label=_("Trekkende organisatie"), required=False, empty_label=_("(geen)")
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "why",
            "why_environment_analysis",
            "why_local_policy",
            "why_flemish_objectives",
            "target_groups",
            "target_text",
            "lead_kind",
            "lead_organisation",
            "lead_text",
            "zone_role",
            "zone_role_text",
            "partners_text",
            "challenges",
            "bodies",
            "evaluates_process",
            "evaluates_output",
        ]
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "challenges": forms.CheckboxSelectMultiple,
            "bodies": forms.CheckboxSelectMultiple,
            "lead_kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "why": forms.Textarea(attrs={"rows": 4}),
        }
        for name in (
            "why_environment_analysis",
            "why_local_policy",
            "why_flemish_objectives",
            "target_text",
            "lead_text",
            "zone_role_text",
            "partners_text",
        ):
            widgets[name] = forms.Textarea(attrs={"rows": 2})

    field_order = [
        "title",
        "description",
        "scope_do_lines",
        "scope_secondary_lines",
        "scope_dont_lines",
    ]

    def __init__(self, *args: Any, zone: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zorgraad.challenges.models import Challenge
        from zorgraad.governance.models import Body
        from zorgraad.network.models import Organisation, TargetGroup

        self.zone = zone
        self.fields["target_groups"].queryset = TargetGroup.objects.all()  # type: ignore[attr-defined]
        self.fields["challenges"].queryset = Challenge.objects.for_zone(zone)  # type: ignore[attr-defined]
        self.fields["bodies"].queryset = Body.objects.for_zone(zone).filter(is_archived=False)  # type: ignore[attr-defined]
        field = self.fields["lead_organisation"]
        assert isinstance(field, PickerField)
        field.for_zone(zone, Organisation.objects.for_zone(zone).filter(is_archived=False))
        if self.instance.pk and not self.is_bound:
            do = self.instance.scope_do or []
            self.initial["scope_do_lines"] = "\n".join(i["text"] for i in do if i.get("group") != "secondary")
            self.initial["scope_secondary_lines"] = "\n".join(
                i["text"] for i in do if i.get("group") == "secondary"
            )
            self.initial["scope_dont_lines"] = "\n".join(i["text"] for i in self.instance.scope_dont or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("evaluates_process") and not data.get("evaluates_output"):
            self.add_error("evaluates_process", NO_EVALUATION)
        core = _lines(data.get("scope_do_lines", ""))
        secondary = _lines(data.get("scope_secondary_lines", ""))
        group = "core" if secondary else ""
        data["scope_do"] = [{"text": t, "group": group} for t in core] + [
            {"text": t, "group": "secondary"} for t in secondary
        ]
        data["scope_dont"] = [{"text": t} for t in _lines(data.get("scope_dont_lines", ""))]
        return data

    def _post_clean(self) -> None:  # the service validates
        return None

    def service_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        data = {
            k: d[k] for k in self.Meta.fields if k not in ("target_groups", "challenges", "bodies") and k in d
        }
        data["scope_do"], data["scope_dont"] = d["scope_do"], d["scope_dont"]
        return data


class PartnerForm(Form):
    organisation = PickerField(kind=ORGANISATION, label=_("Organisatie"))
    group = forms.CharField(
        label=_("Groep"), max_length=120, required=False, help_text=_("Bv. 'kernpartners'.")
    )

    def __init__(self, *args: Any, zone: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zorgraad.network.models import Organisation

        field = self.fields["organisation"]
        assert isinstance(field, PickerField)
        field.for_zone(zone, Organisation.objects.for_zone(zone).filter(is_archived=False))


class StepForm(ModelForm):
    class Meta:
        model = Step
        fields = ["number", "text", "is_milestone", "due_date", "due_text", "status", "condition"]
        widgets = {
            "due_date": _date_widget(),
            "text": forms.Textarea(attrs={"rows": 2}),
            "condition": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        return None


class ProcessItemForm(ModelForm):
    class Meta:
        model = ProcessItem
        fields = ["group", "kind", "text", "done", "done_on", "evidence", "count"]
        widgets = {
            "done_on": _date_widget(),
            "text": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        return None


def _linkable(zone: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """Records the registered sources can link to, grouped by model: ('Overlegorganen', [('governance.Body:3', 'Forum'), …])."""
    groups = []
    for target in sorted({s.target_model for s in sources.all_sources() if s.target_model}):
        try:
            model = apps.get_model(target)
        except LookupError:
            continue
        manager: Any = model._default_manager
        qs = manager.for_zone(zone) if hasattr(manager, "for_zone") else manager.none()
        if target == "governance.Body":
            qs = qs.filter(is_archived=False)
        rows = [(f"{target}:{obj.pk}", str(obj)) for obj in qs.order_by("-pk")[:200]]
        groups.append((str(model._meta.verbose_name_plural).capitalize(), rows))
    return groups


class IndicatorForm(ModelForm):
    source_key = forms.ChoiceField(label=_("Bron"), required=False)
    linked = forms.MultipleChoiceField(
        label=_("Gekoppelde records"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leeg: de records die aan de actie gekoppeld zijn (bv. haar overlegorganen)."),
    )

    class Meta:
        model = Indicator
        fields = [
            "group",
            "name",
            "method",
            "kind",
            "comparator",
            "target",
            "target_max",
            "unit",
            "scope",
            "instance_label",
            "period_label",
            "period_start",
            "period_end",
            "target_text",
        ]
        widgets = {
            "period_start": _date_widget(),
            "period_end": _date_widget(),
            "method": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, zone: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["source_key"].choices = [("", _("met de hand ingeven"))] + [
            (s.key, s.label) for s in sources.all_sources()
        ]
        self.fields["linked"].choices = _linkable(zone)
        if self.instance.pk and not self.is_bound:
            self.initial["source_key"] = self.instance.source_key
            source = sources.get(self.instance.source_key)
            if source is not None:
                self.initial["linked"] = [f"{source.target_model}:{i}" for i in self.instance.object_ids]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key = data.get("source_key") or ""
        source = sources.get(key) if key else None
        ids: list[int] = []
        for value in data.get("linked") or []:
            target, _sep, pk = value.rpartition(":")
            if source is None or target != source.target_model:
                self.add_error("linked", _("Deze records passen niet bij de gekozen bron."))
                break
            ids.append(int(pk))
        data["object_ids"] = ids
        if data.get("comparator") and data.get("target") is None:
            self.add_error("target", _("Een streefdoel heeft een getal nodig, bv. ≥ 20."))
        return data

    def _post_clean(self) -> None:
        return None

    def service_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        data = {k: d.get(k) for k in self.Meta.fields}
        data["source_key"] = d.get("source_key") or ""
        data["object_ids"] = d.get("object_ids", [])
        return data


class ValueForm(Form):
    date = forms.DateField(label=_("Datum"), widget=_date_widget())
    value = forms.CharField(label=_("Waarde"), max_length=30, required=False)
    text = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
