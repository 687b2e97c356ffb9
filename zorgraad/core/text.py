"""Text that is safe to store and to write into documents: no invisible control characters.

A vertical tab (what a Word soft return becomes when pasted), a form feed or a backspace is
invisible on screen, but .xlsx, .docx and strict .ics readers refuse it. Input is refused with
`validate_no_control_characters` (every form gets it through `zorgraad.core.forms`); the
exporters pass everything they write through `strip_control_characters`, for text that was
stored before the validator existed.

Allowed are tab, newline and carriage return. Refused: the other C0 controls (U+0000-U+001F),
DEL (U+007F), lone surrogates and the non-characters U+FFFE and U+FFFF (not allowed in XML).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# A Word soft return and a page break become a line break; every other control is dropped.
LINE_BREAKS = re.compile("[\x0b\x0c]")
CONTROL_CHARACTER_MESSAGE = _(
    "Dit veld bevat een onzichtbaar stuurteken (bv. uit Word geplakt). Verwijder het en probeer opnieuw."
)

T = TypeVar("T")


def has_control_characters(value: str) -> bool:
    return CONTROL_CHARACTERS.search(value) is not None


def strip_control_characters(value: str) -> str:
    """The text without control characters: vertical tab and form feed become a newline."""
    if not CONTROL_CHARACTERS.search(value):
        return value
    return CONTROL_CHARACTERS.sub("", LINE_BREAKS.sub("\n", value))


def clean_text(value: T) -> T:
    """`strip_control_characters` on a str; any other value is returned as it is."""
    if isinstance(value, str):
        return strip_control_characters(value)  # type: ignore[return-value]
    return value


def clean_texts(value: T) -> T:
    """Strip control characters from every str in a dataclass, list, tuple or dict, in place where mutable."""
    if isinstance(value, str):
        return strip_control_characters(value)  # type: ignore[return-value]
    if isinstance(value, list):
        value[:] = [clean_texts(v) for v in value]
        return value
    if isinstance(value, tuple):
        return type(value)(clean_texts(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = clean_texts(item)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            setattr(value, f.name, clean_texts(getattr(value, f.name)))
        return value
    return value


@deconstructible
class NoControlCharactersValidator:
    """Refuse text with a control character other than tab, newline or carriage return."""

    message = CONTROL_CHARACTER_MESSAGE
    code = "control_characters"

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and has_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharactersValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_no_control_characters = NoControlCharactersValidator()
