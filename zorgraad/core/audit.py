"""The audit trail: services call `record` after each write; records show `history_for`."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dutch import long_date
from .models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time | decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {f: _plain(getattr(instance, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def record(
    *,
    zone: Any,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        zone=zone,
        actor=user,
        actor_label=actor_label,
        action=action,
        model=instance._meta.model_name or "",
        object_id=instance.pk,
        object_repr=str(instance)[:250],
        changes=changes or {},
    )


def history_for(*, zone: Any, instance: models.Model) -> models.QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.for_zone(zone)
        .filter(model=instance._meta.model_name, object_id=instance.pk)
        .select_related("actor")
    )


# --- Reading the trail: Dutch labels and values -----------------------------------------------------

# Keys that services record but that are no field of the audited model (fields use their verbose_name).
FIELD_LABELS: dict[str, Any] = {
    "affiliation": gettext_lazy("functie"),
    "agenda": gettext_lazy("agenda"),
    "attendance": gettext_lazy("aanwezigheden"),
    "done": gettext_lazy("afgewerkt"),
    "end": gettext_lazy("einde"),
    "expands_to": gettext_lazy("betekent ook"),
    "formaat": gettext_lazy("formaat"),
    "function": gettext_lazy("functie"),
    "intro": gettext_lazy("inleiding"),
    "is_archived": gettext_lazy("gearchiveerd"),
    "merged_from": gettext_lazy("samengevoegd uit"),
    "minutes": gettext_lazy("verslag"),
    "newsletter": gettext_lazy("in de nieuwsbrief"),
    "order": gettext_lazy("volgorde"),
    "organisation": gettext_lazy("organisatie"),
    "sequence": gettext_lazy("versie van de uitnodiging"),
    "start": gettext_lazy("begin"),
    "status": gettext_lazy("status"),
    "term": gettext_lazy("zoekterm"),
    "text": gettext_lazy("tekst"),
    "total": gettext_lazy("aantal"),
    "via": gettext_lazy("via"),
    "body": gettext_lazy("overlegorgaan"),
    "item": gettext_lazy("agendapunt"),
    "meeting": gettext_lazy("vergadering"),
    "owner": gettext_lazy("verantwoordelijke"),
    "person": gettext_lazy("persoon"),
    "presenter": gettext_lazy("wordt gebracht door"),
}
# Actions whose keys are names (a person) and whose values are choices of another model; apps
# register theirs (register_value_choices) in their hooks.connect().
VALUE_CHOICES_BY_ACTION: dict[str, Any] = {}
VALUE_WORDS: dict[str, Any] = {"planning": gettext_lazy("de jaarplanning")}
EMPTY = "–"


def register_actions(labels: dict[str, Any]) -> None:
    """An app's own audit actions with their Dutch labels (call from the app's hooks.connect())."""
    from .models import ACTION_LABELS

    for action, label in labels.items():
        ACTION_LABELS.setdefault(action, label)


def register_value_choices(action: str, choices: Any) -> None:
    """The choices (a TextChoices class) in which the values of `action`'s changes are written."""
    VALUE_CHOICES_BY_ACTION[action] = choices


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


@functools.cache
def _model_for(name: str) -> type[models.Model] | None:
    for model in apps.get_models():
        if model._meta.model_name == name:
            return model
    return None


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a reverse relation
        return None
    return field if isinstance(field, models.Field) else None


def _date_text(value: str) -> str | None:
    """An ISO date or date-time as stored by `snapshot` to '9 oktober 2025' or '9 oktober 2025 om 14u05'."""
    if len(value) < 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        if len(value) == 10:
            return long_date(dt.date.fromisoformat(value), weekday=False)
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return _("%(date)s om %(time)s") % {
        "date": long_date(moment.date(), weekday=False),
        "time": moment.strftime("%H:%M"),
    }


def display_value(value: Any, choices: dict[str, str] | None = None) -> str:
    """A recorded value as people read it: choice labels, ja/nee, Dutch dates, lists joined."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list | tuple):
        return ", ".join(display_value(v, choices) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {display_value(v, choices)}" for k, v in value.items())
    if isinstance(value, dt.datetime | dt.date):
        return _date_text(value.isoformat()) or str(value)
    text = str(value)
    if choices and text in choices:
        return str(choices[text])
    if text in VALUE_WORDS:
        return str(VALUE_WORDS[text])
    return _date_text(text) or text


def change_rows(entry: AuditEntry) -> list[ChangeRow]:
    """The changes of one audit entry with Dutch labels and values, in the order they were recorded."""
    model = _model_for(entry.model)
    action_choices: dict[str, str] | None = None
    if entry.action in VALUE_CHOICES_BY_ACTION:
        action_choices = dict(VALUE_CHOICES_BY_ACTION[entry.action].choices)
    rows = []
    for key, values in (entry.changes or {}).items():
        field = _field(model, key)
        if field is not None:
            label = str(field.verbose_name)
            if label == key.replace("_", " ") and key in FIELD_LABELS:  # no verbose_name given
                label = str(FIELD_LABELS[key])
            choices = {str(k): str(v) for k, v in field.flatchoices} if field.choices else None
        else:
            label = str(FIELD_LABELS.get(key, key.replace("_", " ")))
            choices = action_choices
        pair = values if isinstance(values, list | tuple) and len(values) == 2 else [None, values]
        rows.append(
            ChangeRow(
                label=label[:1].upper() + label[1:],
                before=display_value(pair[0], choices),
                after=display_value(pair[1], choices),
            )
        )
    return rows
