"""The Python form renderer (core/formrender.py) gives exactly what Django's templates give."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgraad.core.formrender import FAST, FastRenderer

ODD = "A <b>\"quoted\"</b> & 'single' café\n  two lines "
CHOICES = [("", "---"), ("a", "Eerste <keuze>"), (3, 1234), ("Groep & co", [("x", "X"), ("y", ODD)])]


class Everything(forms.Form):
    text = forms.CharField(label="Naam & <voornaam>", help_text="hulp", max_length=20)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, widget=forms.URLInput(attrs={"class": "wide", "data-x": ODD}))
    number = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"min": 0, "step": 1.5}))
    decimal = forms.DecimalField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    moment = forms.TimeField(required=False, widget=forms.TimeInput(format="%H:%M"))
    stamp = forms.DateTimeField(required=False)
    flag = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"autofocus": True, "x": False})
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    pick = forms.ChoiceField(choices=CHOICES, required=False, label=gettext_lazy("Kies"))
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    radio = forms.ChoiceField(choices=CHOICES[1:3], widget=forms.RadioSelect, required=False)
    radio_groups = forms.ChoiceField(
        choices=CHOICES, widget=forms.RadioSelect(attrs={"class": "r"}), required=False
    )
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False
    )
    yesno = forms.NullBooleanField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("text") == "fout":
            raise forms.ValidationError(["Iets <mis>", mark_safe("<em>veilig</em>")])
        return data


def _pieces(form: forms.Form) -> list[str]:
    out = [str(form.non_field_errors()), str(form.errors.get("__all__", ""))]
    for bf in form:
        out += [str(bf), bf.label_tag(), bf.label_tag(label_suffix=":"), str(bf.errors), bf.legend_tag()]
        out += [bf.label_tag(attrs={"class": "c", "data-on": True}), bf.label_tag(contents=ODD)]
        if hasattr(bf.field.widget, "optgroups"):
            out += [w.tag() for w in bf] + [w.tag(wrap_label=True) for w in bf] + [str(w) for w in bf]
    return out


def _both(data: dict[str, Any] | None = None, **kwargs: Any) -> tuple[list[str], list[str]]:
    class Slow(Everything):
        default_renderer = DjangoTemplates()

    class Fast(Everything):
        default_renderer = FastRenderer()

    return _pieces(Slow(data, **kwargs)), _pieces(Fast(data, **kwargs))


CASES = [
    None,
    {},
    {"text": ODD, "email": "geen-adres", "url": "x", "number": "abc", "day": "31/02", "note": ODD},
    {
        "text": "fout",
        "pick": "y",
        "many": ["a", "3"],
        "radio": "3",
        "boxes": ["y"],
        "flag": "on",
        "yesno": "true",
    },
    {"text": "ok", "pick": "nope", "radio_groups": "x", "number": "12345", "decimal": "1.5", "secret": ODD},
    {"text": "x" * 30, "hidden": ODD, "search": "<script>", "moment": "25:00", "stamp": "2026-12-02 10:00"},
]


@pytest.mark.parametrize("data", CASES)
@pytest.mark.parametrize("auto_id", ["id_%s", False, "f-%s"])
def test_fast_renderer_matches_django_templates(data: dict[str, Any] | None, auto_id: Any) -> None:
    slow, fast = _both(data, auto_id=auto_id)
    assert fast == slow


def test_fast_renderer_matches_with_initial_values_and_localisation(settings: Any) -> None:
    settings.USE_THOUSAND_SEPARATOR = True
    initial = {
        "text": mark_safe("<i>veilig</i>"),
        "number": 1234567,
        "decimal": 1234.5,
        "day": dt.date(2026, 3, 17),
        "moment": dt.time(13, 30),
        "stamp": dt.datetime(2026, 3, 17, 13, 30),
        "note": ODD,
        "pick": 3,
        "many": ["a", 3],
        "boxes": ["x", "y"],
        "flag": True,
        "yesno": False,
        "hidden": 0,
    }
    slow, fast = _both(None, initial=initial)
    assert fast == slow


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_fast_renderer_matches_for_any_text(text: str, note: str) -> None:
    slow, fast = _both({"text": text, "note": note, "search": note, "pick": text})
    assert fast == slow


def test_fast_renderer_answers_the_common_templates_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text inputs, selects, labels and error lists never reach the template engine."""
    calls: list[str] = []
    original = DjangoTemplates.render

    def spy(self: Any, template_name: str, context: Any, request: Any = None) -> str:
        calls.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", spy)

    class Fast(Everything):
        default_renderer = FastRenderer()

    form = Fast({"text": "", "pick": "a", "radio": "a"})
    _pieces(form)
    assert "django/forms/widgets/select.html" in FAST
    assert calls == []
