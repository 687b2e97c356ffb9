"""The action plan's indicator sources for events (registered in hooks.connect, read by planning
through planning/sources.py; planning never imports this app).

- events.count: the number of events held in the period (per instance: 1 each);
- events.registrations: registrations that kept their seat (confirmed, attended, no-show);
- events.attendees: people present ("≥ 20 aanwezigen per piekuurtje" is a per-instance target).

An indicator links to events (`object_ids`), or to none: then the events linked to its plan action
count. Cancelled, rejected and proposed events never count. Every batch of queries costs one
database query.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgraad.planning import sources
from zorgraad.planning.sources import Instance, SourceQuery, SourceResult

COUNT = "events.count"
REGISTRATIONS = "events.registrations"
ATTENDEES = "events.attendees"
FIELDS = {COUNT: None, REGISTRATIONS: "registrations_n", ATTENDEES: "attendees_n"}


def _rows(queries: list[SourceQuery]) -> list[dict[str, Any]]:
    from django.db.models import Q

    from .selectors import counts_for

    zone = queries[0].zone
    start = min(q.start for q in queries)
    end = max(q.end for q in queries)
    ids = tuple({i for q in queries for i in q.object_ids})
    actions = {q.action_id for q in queries if not q.object_ids and q.action_id}
    if not ids and not actions:
        return []
    return counts_for(zone, start=start, end=end, extra=Q(pk__in=ids) | Q(plan_action_id__in=actions))


def _answer(key: str, query: SourceQuery, rows: list[dict[str, Any]]) -> SourceResult:
    field = FIELDS[key]
    mine = []
    for row in rows:
        day = timezone.localdate(row["starts_at"])
        if not (query.start <= day <= query.end):
            continue
        if query.object_ids:
            if row["pk"] not in query.object_ids:
                continue
        elif row["plan_action_id"] != query.action_id or query.action_id is None:
            continue
        mine.append((row, day))
    zone_slug = getattr(query.zone, "slug", "")
    instances = tuple(
        Instance(
            label=row["title"],
            date=day,
            value=1 if field is None else row[field],
            url=reverse("events:event_detail", kwargs={"zone": zone_slug, "pk": row["pk"]})
            if zone_slug
            else "",
        )
        for row, day in mine
    )
    found = {row["pk"] for row in rows}
    missing = tuple(i for i in query.object_ids if i not in found and _gone(query.zone, i))
    return SourceResult(total=sum(i.value for i in instances), instances=instances, missing_ids=missing)


def _gone(zone: Any, pk: int) -> bool:
    from .models import Event

    return not Event.objects.for_zone(zone).filter(pk=pk).exists()


def _many(key: str) -> Any:
    def compute_many(queries: list[SourceQuery]) -> list[SourceResult]:
        if not queries:
            return []
        rows = _rows(queries)
        return [_answer(key, q, rows) for q in queries]

    def compute(query: SourceQuery) -> SourceResult:
        return compute_many([query])[0]

    return compute, compute_many


_FUNCS = {key: _many(key) for key in FIELDS}


def register() -> None:
    for key, label, help_text in (
        (COUNT, _("aantal activiteiten"), _("Telt de activiteiten in de periode (niet geannuleerd).")),
        (
            REGISTRATIONS,
            _("inschrijvingen op activiteiten"),
            _("Bevestigde inschrijvingen (ook wie aanwezig of niet gekomen was); de wachtlijst telt niet."),
        ),
        (
            ATTENDEES,
            _("aanwezigen op activiteiten"),
            _("Wie aangevinkt is als aanwezig, ook wie ter plaatse kwam."),
        ),
    ):
        compute, compute_many = _FUNCS[key]
        sources.register(
            sources.IndicatorSource(
                key=key,
                label=str(label),
                target_model="events.Event",
                compute=compute,
                compute_many=compute_many,
                instance_label=str(_("activiteit")),
                help_text=str(help_text),
            )
        )
