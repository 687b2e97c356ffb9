"""The indicator sources planning brings itself: counts from bodies and their meetings.

Each source links to bodies (`governance.Body`); with no bodies chosen it counts the bodies linked
to the indicator's action. A meeting counts when it was held (held, minutes approved, published)
in the period; attendance counts people marked present. Every source answers a whole batch of
queries in a fixed number of database queries (`compute_many`), whatever the number of
indicators, bodies or meetings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import sources
from .sources import Instance, SourceQuery, SourceResult

HELD = ("held", "approved", "published")

MEETINGS_HELD = "meetings.held"
ORGANISATIONS_PRESENT = "meetings.organisations_present"
SECTORS_PRESENT = "meetings.sectors_present"
ATTENDEES = "meetings.attendees"
ORGANISATION_FIELD = "organisation_id"
SECTOR_FIELD = "organisation__sector_id"


def _body_ids(queries: list[SourceQuery]) -> tuple[dict[int, list[int]], set[int]]:
    """Bodies per query (the chosen ones, or the action's) and the chosen ids that no longer exist."""
    from zorgraad.governance.models import Body

    from .models import Action

    zone = queries[0].zone
    chosen = {i for q in queries for i in q.object_ids}
    action_ids = {q.action_id for q in queries if not q.object_ids and q.action_id}
    by_action: dict[int, list[int]] = defaultdict(list)
    if action_ids:
        through = Action.bodies.through
        for action_id, body_id in through.objects.filter(
            action_id__in=action_ids, action__zone=zone, body__zone=zone
        ).values_list("action_id", "body_id"):
            by_action[action_id].append(body_id)
    existing: set[int] = set()
    if chosen:
        existing = set(Body.objects.for_zone(zone).filter(pk__in=chosen).values_list("pk", flat=True))
    per_query: dict[int, list[int]] = {}
    for n, q in enumerate(queries):
        per_query[n] = (
            [i for i in q.object_ids if i in existing]
            if q.object_ids
            else by_action.get(q.action_id or 0, [])
        )
    return per_query, chosen - existing


def _meetings(zone: Any, body_ids: set[int], start: Any, end: Any) -> list[dict[str, Any]]:
    from zorgraad.meetings.models import Meeting

    if not body_ids:
        return []
    return list(
        Meeting.objects.for_zone(zone)
        .filter(body_id__in=body_ids, status__in=HELD, date__gte=start, date__lte=end)
        .order_by("date", "start_time", "pk")
        .values("pk", "body_id", "date", "title", "body__name")
    )


def _batch(
    queries: list[SourceQuery],
    per_meeting: Callable[[Any, Any], dict[int, set[Any] | int]] | None,
    distinct_field: str = "",
) -> list[SourceResult]:
    """The common frame: which meetings each query covers, and what each meeting counts.

    `per_meeting` answers a number per meeting. With `distinct_field` the total of a query is the
    number of distinct values over its meetings: when every query has the same period (the usual
    case, the plan's year), from the distinct (body, value) pairs; otherwise from the (meeting,
    value) pairs.
    """
    if not queries:
        return []
    zone = queries[0].zone
    bodies, missing = _body_ids(queries)
    all_bodies = {b for ids in bodies.values() for b in ids}
    start = min(q.start for q in queries)
    end = max(q.end for q in queries)
    meetings = _meetings(zone, all_bodies, start, end)
    where = {"body_ids": all_bodies, "start": start, "end": end}
    counts: dict[int, set[Any] | int] = {}
    body_sets: dict[int, set[Any]] = {}
    one_period = len({(q.start, q.end) for q in queries}) == 1
    if per_meeting is not None and meetings:
        # The meetings by their bodies and period (a join), not by a list of thousands of ids.
        if distinct_field and not one_period:
            counts = _distinct_pairs(zone, where, "meeting_id", distinct_field)  # type: ignore[assignment]
        else:
            counts = per_meeting(zone, where)
        if distinct_field and one_period:
            body_sets = _distinct_pairs(zone, where, "meeting__body_id", distinct_field)
    by_body: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in meetings:
        m["label"] = f"{m['title'] or m['body__name']} {m['date']:%d/%m/%Y}"
        by_body[m["body_id"]].append(m)
    results = []
    for n, q in enumerate(queries):
        mine = set(bodies[n])
        rows = [m for b in mine for m in by_body.get(b, ()) if q.start <= m["date"] <= q.end]
        if len(mine) > 1:
            rows.sort(key=lambda m: (m["date"], m["pk"]))
        instances = []
        union: set[Any] = set()
        for m in rows:
            if per_meeting is None:
                value: int = 1
            else:
                found = counts.get(m["pk"], 0)
                if isinstance(found, set):
                    union |= found
                    value = len(found)
                else:
                    value = found
            instances.append(Instance(label=m["label"], date=m["date"], value=value))
        if per_meeting is None:
            total: int = len(rows)
        elif distinct_field:
            if one_period:
                union = set().union(*(body_sets.get(b, set()) for b in mine)) if rows else set()
            total = len(union)
        else:
            total = sum(int(i.value) for i in instances)
        results.append(
            SourceResult(
                total=total,
                instances=tuple(instances),
                missing_ids=tuple(sorted(i for i in q.object_ids if i in missing)),
            )
        )
    return results


def _distinct_pairs(zone: Any, where: dict[str, Any], key: str, field: str) -> dict[int, set[Any]]:
    out: dict[int, set[Any]] = defaultdict(set)
    rows = (
        _present(zone, where)
        .filter(**{f"{field}__isnull": False})
        .order_by()
        .values_list(key, field)
        .distinct()
    )
    for k, value in rows:
        out[k].add(value)
    return out


def _present(zone: Any, where: dict[str, Any]) -> Any:
    from zorgraad.meetings.models import Attendance

    return Attendance.objects.for_zone(zone).filter(
        status="present",
        meeting__body_id__in=where["body_ids"],
        meeting__status__in=HELD,
        meeting__date__gte=where["start"],
        meeting__date__lte=where["end"],
    )


def _attendees(zone: Any, meeting_ids: dict[str, Any]) -> dict[int, set[Any] | int]:
    from django.db.models import Count

    rows = _present(zone, meeting_ids).order_by().values("meeting_id").annotate(n=Count("pk"))
    return {r["meeting_id"]: int(r["n"]) for r in rows}


def _distinct_per_meeting(zone: Any, where: dict[str, Any], field: str) -> dict[int, set[Any] | int]:
    from django.db.models import Count

    rows = (
        _present(zone, where)
        .filter(**{f"{field}__isnull": False})
        .order_by()
        .values("meeting_id")
        .annotate(n=Count(field, distinct=True))
    )
    return {r["meeting_id"]: int(r["n"]) for r in rows}


def _organisations(zone: Any, where: dict[str, Any]) -> dict[int, set[Any] | int]:
    return _distinct_per_meeting(zone, where, ORGANISATION_FIELD)


def _sectors(zone: Any, where: dict[str, Any]) -> dict[int, set[Any] | int]:
    return _distinct_per_meeting(zone, where, SECTOR_FIELD)


def held_many(queries: list[SourceQuery]) -> list[SourceResult]:
    return _batch(queries, None)


def organisations_many(queries: list[SourceQuery]) -> list[SourceResult]:
    return _batch(queries, _organisations, ORGANISATION_FIELD)


def sectors_many(queries: list[SourceQuery]) -> list[SourceResult]:
    return _batch(queries, _sectors, SECTOR_FIELD)


def attendees_many(queries: list[SourceQuery]) -> list[SourceResult]:
    return _batch(queries, _attendees)


def _one(many: Callable[[list[SourceQuery]], list[SourceResult]]) -> Callable[[SourceQuery], SourceResult]:
    def compute(query: SourceQuery) -> SourceResult:
        return many([query])[0]

    return compute


_SINGLE = {many: _one(many) for many in (held_many, organisations_many, sectors_many, attendees_many)}


def register() -> None:
    for key, label, many, instance_label, help_text in (
        (
            MEETINGS_HELD,
            _("gehouden vergaderingen van een overlegorgaan"),
            held_many,
            _("vergadering"),
            _("Telt de vergaderingen die in de periode gehouden zijn."),
        ),
        (
            ORGANISATIONS_PRESENT,
            _("verschillende organisaties aanwezig op de vergaderingen"),
            organisations_many,
            _("vergadering"),
            _("Telt elke organisatie één keer, over alle vergaderingen van de periode."),
        ),
        (
            SECTORS_PRESENT,
            _("verschillende sectoren aanwezig op de vergaderingen"),
            sectors_many,
            _("vergadering"),
            _("Telt de sectoren van de aanwezige organisaties, elk één keer."),
        ),
        (
            ATTENDEES,
            _("aanwezigen per vergadering"),
            attendees_many,
            _("vergadering"),
            _("Aanwezigen per vergadering (per keer) of samen (in de periode)."),
        ),
    ):
        sources.register(
            sources.IndicatorSource(
                key=key,
                label=str(label),
                target_model="governance.Body",
                compute=_SINGLE[many],
                compute_many=many,
                instance_label=str(instance_label),
                help_text=str(help_text),
            )
        )
