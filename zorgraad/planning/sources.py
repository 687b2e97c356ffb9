"""Where computed indicators get their numbers: one registry, filled by the apps that own the records.

The action plan never imports the apps it counts from (events, newsletter, …). Each app registers
its sources in its `hooks.connect()`:

    from zorgraad.planning import sources
    sources.register(sources.IndicatorSource(
        key="events.attendees", label=_("aanwezigen op activiteiten"), target_model="events.Event",
        compute=attendees_for,
    ))

An indicator stores the source `key`, the ids of the records it is linked to (`object_ids`, of
`target_model`; empty = every record of that kind linked to the indicator's action) and a period.
`compute(query)` answers with the total and, for targets "per instance" ("≥ 20 per piekuurtje"),
the value of each instance. It must count in the database (one or a few queries, never one per
record) and scope everything to `query.zone`. Computation happens on read, so a computed value
always follows its records; the indicator keeps the last value it saw, for when a source record is
deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Number = int | Decimal


@dataclass(frozen=True)
class SourceQuery:
    zone: Any
    start: dt.date
    end: dt.date  # inclusive
    object_ids: tuple[int, ...] = ()
    # the plan action the indicator belongs to (for sources that follow "linked to this action")
    action_id: int | None = None


@dataclass(frozen=True)
class Instance:
    """One counted thing for a per-instance target: a meeting, an event, an edition."""

    label: str
    date: dt.date | None
    value: Number
    url: str = ""


@dataclass(frozen=True)
class SourceResult:
    total: Number
    instances: tuple[Instance, ...] = ()
    # ids from `object_ids` that no longer exist (deleted): the indicator warns and keeps its last value
    missing_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class IndicatorSource:
    key: str
    label: str
    # "app_label.Model" the indicator links to (picked in the indicator form), or "" for none
    target_model: str
    compute: Callable[[SourceQuery], SourceResult]
    # what one instance is called, for "4 van 5 piekuurtjes"
    instance_label: str = ""
    help_text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # Optional: answer many queries at once in a constant number of queries (the plan overview
    # computes every indicator of a plan). Same order as the queries. Without it, `compute` is
    # called once per query.
    compute_many: Callable[[list[SourceQuery]], list[SourceResult]] | None = None


_SOURCES: dict[str, IndicatorSource] = {}


def register(source: IndicatorSource) -> None:
    existing = _SOURCES.get(source.key)
    if existing is not None and existing.compute is not source.compute:
        raise ValueError(f"Indicator source '{source.key}' is registered twice.")
    _SOURCES[source.key] = source


def get(key: str) -> IndicatorSource | None:
    return _SOURCES.get(key)


def all_sources() -> list[IndicatorSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.key)


def compute_many(key: str, queries: list[SourceQuery]) -> list[SourceResult]:
    """Answers for many queries of one source: through its `compute_many` when it has one."""
    source = _SOURCES[key]
    if not queries:
        return []
    if source.compute_many is not None:
        return list(source.compute_many(queries))
    return [source.compute(q) for q in queries]
