"""Indicator readings, computed on read: hand values, or a source's values computed together."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import sources
from ..models import Comparator, Indicator, IndicatorKind, IndicatorValue, TargetScope, YearPlan
from .targets import (
    INFO,
    MET,
    NONE,
    NOT_MET,
    PARTIAL,
    PENDING,
    STATUS_LABELS,
    _num,
    instance_names,
    meets,
    target_label,
)


@dataclass
class Reading:
    indicator: Indicator
    value: Decimal | None = None
    instances: list[dict[str, Any]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    status: str = NONE
    summary: str = ""
    warning: str = ""
    computed: bool = False
    source_label: str = ""
    last_entry: IndicatorValue | None = None

    @property
    def target(self) -> str:
        return target_label(self.indicator)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def value_label(self) -> str:
        ind = self.indicator
        if ind.kind == IndicatorKind.QUALITATIVE:
            return "; ".join(self.texts)
        if ind.kind == IndicatorKind.YESNO:
            return "" if self.value is None else (_("ja") if self.value else _("nee"))
        return _num(self.value)


def _period(ind: Indicator, plan: YearPlan) -> tuple[dt.date, dt.date]:
    return ind.period_start or plan.start, ind.period_end or plan.end


def _judge(reading: Reading, plan: YearPlan, today: dt.date) -> None:
    ind = reading.indicator
    if ind.kind == IndicatorKind.QUALITATIVE:
        reading.status = INFO if reading.texts else NONE
        return
    if ind.kind == IndicatorKind.YESNO:
        reading.status = NONE if reading.value is None else (MET if reading.value else PENDING)
        if reading.value is not None and not reading.value and today > _period(ind, plan)[1]:
            reading.status = NOT_MET
        return
    has_target = bool(ind.comparator) and ind.target is not None
    if ind.scope == TargetScope.INSTANCE:
        if not reading.instances:
            reading.status = NONE
            return
        if not has_target:
            reading.status = INFO
            return
        reached = 0
        for inst in reading.instances:
            inst["met"] = meets(ind, inst["value"])
            reached += inst["met"]
        total = len(reading.instances)
        what = instance_names(ind.instance_label)[1]
        reading.summary = _("%(n)s van %(total)s %(what)s haalden %(target)s") % {
            "n": reached,
            "total": total,
            "what": what,
            "target": _num(ind.target),
        }
        reading.status = MET if reached == total else PARTIAL
        return
    if reading.value is None:
        reading.status = NONE
        return
    if not has_target:
        reading.status = INFO
        return
    if meets(ind, reading.value):
        reading.status = MET
    elif today > _period(ind, plan)[1] or (
        ind.comparator in (Comparator.LTE, Comparator.RANGE)
        and ind.target_max is not None
        and reading.value > ind.target_max
    ):
        reading.status = NOT_MET
    else:
        reading.status = PENDING


def _hand_reading(reading: Reading, values: list[IndicatorValue]) -> None:
    ind = reading.indicator
    if ind.kind == IndicatorKind.QUALITATIVE:
        reading.texts = [v.text for v in values if v.text]
        return
    numbers = [v for v in values if v.value is not None]
    if ind.scope == TargetScope.INSTANCE:
        reading.instances = [
            {"label": v.text or v.date.strftime("%d/%m/%Y"), "date": v.date, "value": v.value, "met": False}
            for v in numbers
        ]
        reading.value = sum((v.value or Decimal(0) for v in numbers), Decimal(0)) if numbers else None
    elif numbers:
        latest = max(numbers, key=lambda v: (v.date, v.pk))
        reading.value = latest.value
        reading.last_entry = latest


def _instances(result: sources.SourceResult) -> list[dict[str, Any]]:
    return [
        {"label": i.label, "date": i.date, "value": Decimal(i.value), "url": i.url, "met": False}
        for i in result.instances
    ]


def _stored_instances(ind: Indicator) -> list[dict[str, Any]]:
    out = []
    for row in ind.last_instances or []:
        day = row.get("date")
        out.append(
            {
                "label": row.get("label", ""),
                "date": dt.date.fromisoformat(day) if day else None,
                "value": Decimal(str(row.get("value", 0))),
                "url": row.get("url", ""),
                "met": False,
            }
        )
    return out


def _keep_last(reading: Reading, warning: str) -> None:
    ind = reading.indicator
    reading.warning = warning
    reading.value = ind.last_value
    reading.instances = _stored_instances(ind)


def readings_for(
    zone: Any, plan: YearPlan, indicators: list[Indicator], *, today: dt.date | None = None, save: bool = True
) -> dict[int, Reading]:
    """Readings of the indicators (their `values` prefetched as `hand_values`).

    Computed indicators are asked of their sources, one batch per source. The last value a source
    gave is kept on the indicator (one bulk update, only when something changed); when a linked
    record was deleted, or the source is gone, the reading shows the last value with a warning.
    """
    today = today or timezone.localdate()
    readings: dict[int, Reading] = {}
    by_source: dict[str, list[Reading]] = defaultdict(list)
    for ind in indicators:
        reading = Reading(indicator=ind)
        readings[ind.pk] = reading
        if ind.source_key:
            reading.computed = True
            by_source[ind.source_key].append(reading)
        else:
            _hand_reading(reading, list(getattr(ind, "hand_values", None) or ind.values.all()))
    changed: list[Indicator] = []
    now = timezone.now()
    for key, group in by_source.items():
        source = sources.get(key)
        if source is None:
            for reading in group:
                _keep_last(
                    reading,
                    _("De bron van deze indicator bestaat niet meer; de laatste waarde blijft staan."),
                )
            continue
        queries = []
        for reading in group:
            start, end = _period(reading.indicator, plan)
            queries.append(
                sources.SourceQuery(
                    zone=zone,
                    start=start,
                    end=end,
                    object_ids=tuple(reading.indicator.object_ids or ()),
                    action_id=reading.indicator.action_id,
                )
            )
        results = sources.compute_many(key, queries)
        for reading, result in zip(group, results, strict=True):
            ind = reading.indicator
            reading.source_label = source.label
            if result.missing_ids:
                _keep_last(
                    reading,
                    _(
                        "Een gekoppeld record werd verwijderd; de laatst berekende waarde blijft staan. "
                        "Koppel de indicator opnieuw."
                    ),
                )
                continue
            reading.value = Decimal(result.total)
            reading.instances = _instances(result)
            stored = [
                {
                    "label": i["label"],
                    "date": i["date"].isoformat() if i["date"] else None,
                    "value": str(i["value"]),
                    "url": i["url"],
                }
                for i in reading.instances
            ]
            if ind.last_value != reading.value or ind.last_instances != stored:
                ind.last_value, ind.last_instances, ind.last_computed_at = reading.value, stored, now
                changed.append(ind)
    if save and changed:
        Indicator.objects.bulk_update(changed, ["last_value", "last_instances", "last_computed_at"])
    for reading in readings.values():
        _judge(reading, plan, today)
    return readings
