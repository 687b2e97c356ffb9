"""Shared form bases and helpers for forms in views.

Every form of the project derives from `Form` or `ModelForm` below (a test walks all form classes
under `zorgraad.*`). Their text fields (CharField and its kinds: e-mail, URL, slug, ...) refuse
invisible control characters with a Dutch message and have a maximum length, also the fields a
form adds in its `__init__` and the text fields of models (TextField) that have none.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .text import validate_no_control_characters

# Limits for text fields without their own max_length: one line (a name, a search term) and a text
# area (a description, the minutes of one agenda item).
LINE_MAX_LENGTH = 1_000
TEXT_MAX_LENGTH = 50_000
TOO_LONG = _("Deze tekst is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d).")


def harden_text_field(field: forms.Field) -> None:
    """Give a text field the control-character check and a maximum length (idempotent)."""
    if not isinstance(field, forms.CharField):
        return
    if validate_no_control_characters not in field.validators:
        field.validators.insert(0, validate_no_control_characters)
    if field.max_length is None:
        multi_line = isinstance(field.widget, forms.Textarea)
        field.max_length = TEXT_MAX_LENGTH if multi_line else LINE_MAX_LENGTH
        field.validators.append(MaxLengthValidator(field.max_length))
        field.widget.attrs.update(field.widget_attrs(field.widget))  # maxlength in the HTML
    field.error_messages.setdefault("max_length", TOO_LONG)


class SafeTextMixin:
    """Hardens the text fields of a form: at creation, when a field is shown, and before cleaning."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.harden_text_fields()

    def harden_text_fields(self) -> None:
        for field in self.fields.values():
            harden_text_field(field)

    def __getitem__(self, name: str) -> forms.BoundField:
        # Fields added by a subclass's __init__ after this one ran are hardened here and in full_clean.
        if name in self.fields:
            harden_text_field(self.fields[name])
        return super().__getitem__(name)  # type: ignore[misc,no-any-return]

    def full_clean(self) -> None:
        self.harden_text_fields()
        super().full_clean()  # type: ignore[misc]


class Form(SafeTextMixin, forms.Form):
    """The base of every plain form of the project."""


class ModelForm(SafeTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    """The base of every model form of the project."""


def add_service_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """The errors of a service (a ServiceError) on the form: on their field when the form has it,
    the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
