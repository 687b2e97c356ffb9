"""What the rows of a staff list show, computed once per list instead of once per row in a template.

Why (issue 17): `{% url %}` in a `{% for %}` over 25-50 rows was 5-10 % of a staff list page (each
one resolves the pattern again), and `{{ row.get_status_display }}` another 5-8 % (each call hashes
every translated label of the field's choices). `url_maker(name, zone=slug)` reverses the URL once
with a marker for `pk` and gives a function pk -> address, the same string `reverse` gives;
`choice_labels(Model, "field")` gives value -> the label `get_<field>_display()` shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.urls import reverse

MARKER = 987654321


def url_maker(name: str, key: str = "pk", **kwargs: Any) -> Callable[[int], str]:
    """pk -> reverse(name, kwargs={**kwargs, key: pk}), for an integer pk."""
    template = reverse(name, kwargs={**kwargs, key: MARKER})
    before, after = template.split(str(MARKER), 1)
    return lambda pk: f"{before}{int(pk)}{after}"


def choice_labels(model: type[models.Model], field_name: str) -> dict[Any, Any]:
    """value -> label of a field with choices, in the active language (as get_FOO_display)."""
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}  # type: ignore[union-attr]


def label_of(labels: dict[Any, Any], value: Any) -> Any:
    """What get_FOO_display() gives: the label, or the value itself when it is not a choice."""
    return labels.get(value, value)
