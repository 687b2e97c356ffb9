"""Reads of signal ambassadors: the staff list, one ambassador, and which ambassador collected a signal.

A signal counts as collected by an ambassador when its reporter (a person of the directory) held the
role on the day the signal was received. The triage list asks once per page, the dashboard counts
in two small grouped queries and the ambassador list counts per row in a subquery, so each keeps a
constant number of queries whatever the number of ambassadors or signals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Count,
    DateField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core.lists import search_words
from zorgraad.network.models import normalise
from zorgraad.zones.models import Cluster, Zone

from ..models import Signal, SignalAmbassador, SignalStatus

CURRENT = "huidig"
ENDED = "beeindigd"
ALL = "alle"
STATES = (CURRENT, ENDED, ALL)
_LAST_DAY = Value(dt.date(9999, 12, 31), output_field=DateField())


def _counted_signals(zone: Zone) -> QuerySet[Signal]:
    """The signals that count (not bundled into another, not drafts), as in the dashboard."""
    return Signal.objects.for_zone(zone).filter(parent__isnull=True).exclude(status=SignalStatus.DRAFT)


def _collected(zone: Zone) -> Any:
    """How many counted signals the ambassador of the outer row reported while holding the role."""
    signals = (
        _counted_signals(zone)
        .filter(
            reporter_person_id=OuterRef("affiliation__person_id"),
            received_on__gte=OuterRef("active_from"),
            received_on__lte=Coalesce(OuterRef("active_to"), _LAST_DAY),
        )
        .order_by()
        .values("reporter_person_id")
        .annotate(c=Count("pk"))
        .values("c")
    )
    return Coalesce(Subquery(signals, output_field=IntegerField()), Value(0))


def ambassador_list(*, zone: Zone, q: str = "", state: str = CURRENT) -> QuerySet[SignalAmbassador]:
    """The zone's ambassadors per organisation (with its sector and clusters), then by name.

    `state`: current (not ended today: active now or starting later), ended, or all. `q`: words in
    the person's or the organisation's name. Three queries for a page whatever its length: the rows
    (joined), the organisations' clusters, and the count for the paginator.
    """
    today = timezone.localdate()
    qs = (
        SignalAmbassador.objects.for_zone(zone)
        .select_related(
            "affiliation__person",
            "affiliation__organisation__sector",
            "training_event",
        )
        .prefetch_related(
            Prefetch("affiliation__organisation__clusters", queryset=Cluster.objects.order_by("name"))
        )
        .annotate(collected=_collected(zone))
    )
    if state == CURRENT:
        qs = qs.filter(Q(active_to__isnull=True) | Q(active_to__gte=today))
    elif state == ENDED:
        qs = qs.filter(active_to__lt=today)
    for word in search_words(q or ""):
        plain = normalise(word)  # search_text is without accents; the names as typed also match
        qs = qs.filter(
            Q(affiliation__person__search_text__icontains=plain)
            | Q(affiliation__organisation__search_text__icontains=plain)
            | Q(affiliation__person__first_name__icontains=word)
            | Q(affiliation__person__last_name__icontains=word)
            | Q(affiliation__organisation__name__icontains=word)
            | Q(affiliation__organisation__short_name__icontains=word)
        )
    return qs.order_by(
        "affiliation__organisation__name",
        "affiliation__organisation_id",
        "affiliation__person__last_name",
        "affiliation__person__first_name",
        "-active_from",
        "id",
    )


def ambassador_get(*, zone: Zone, pk: int) -> SignalAmbassador:
    found = (
        SignalAmbassador.objects.for_zone(zone)
        .select_related("affiliation__person", "affiliation__organisation__sector", "training_event")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(_("Deze signaalambassadeur bestaat niet in deze eerstelijnszone."))
    return found


# --- which signals ambassadors collected -----------------------------------------------------------


def mark_collected(*, zone: Zone, signals: Iterable[Signal]) -> None:
    """Give each signal of a page `ambassador_org`: the organisation where its reporter was a signal
    ambassador on the day it was received, or None. One query for the page, for its reporters only
    (a subquery in the list's query ran for every signal of the zone before the page was cut)."""
    rows = list(signals)
    people = {s.reporter_person_id for s in rows if s.reporter_person_id}
    roles = (
        list(
            SignalAmbassador.objects.for_zone(zone)
            .filter(affiliation__person_id__in=people)
            .order_by("-active_from", "id")
            .values_list(
                "affiliation__person_id", "affiliation__organisation__name", "active_from", "active_to"
            )
        )
        if people
        else []
    )
    for signal in rows:
        day = signal.received_on
        signal.ambassador_org = next(  # type: ignore[attr-defined]
            (
                name
                for person_id, name, start, end in roles
                if person_id == signal.reporter_person_id and start <= day and (end is None or end >= day)
            ),
            None,
        )


def signal_ambassador(*, zone: Zone, signal: Signal) -> SignalAmbassador | None:
    """The role through which `signal` was collected, if its reporter was an ambassador then."""
    if not signal.reporter_person_id:
        return None
    return (
        SignalAmbassador.objects.for_zone(zone)
        .filter(affiliation__person_id=signal.reporter_person_id, active_from__lte=signal.received_on)
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=signal.received_on))
        .select_related("affiliation__person", "affiliation__organisation")
        .order_by("-active_from", "id")
        .first()
    )


def collected_by_organisation(zone: Zone, base: QuerySet[Signal]) -> dict[str, int]:
    """{organisation name: count} of the counted signals collected by ambassadors.

    Two queries that stay small: the zone's roles (few), then the counted signals of those people
    grouped by reporter and day in the database (read through the index on the reporter); each
    group is then given to the role its reporter held that day. A join or a subquery per signal of
    the zone cost 3-4 times the whole dashboard on 3,000 signals.
    """
    roles = list(
        SignalAmbassador.objects.for_zone(zone).values_list(
            "affiliation__person_id", "affiliation__organisation__name", "active_from", "active_to"
        )
    )
    if not roles:
        return {}
    by_person: dict[int, list[tuple[str, dt.date, dt.date | None]]] = {}
    for person_id, name, start, end in roles:
        by_person.setdefault(person_id, []).append((name, start, end))
    groups = (
        base.filter(reporter_person_id__in=list(by_person))
        .order_by()
        .values_list("reporter_person_id", "received_on")
        .annotate(n=Count("id"))
    )
    counts: dict[str, int] = {}
    for person_id, day, n in groups:
        for name in {
            name for name, start, end in by_person[person_id] if start <= day and (end is None or end >= day)
        }:
            counts[name] = counts.get(name, 0) + n
    return counts


def ambassadors_of_person(*, zone: Zone, person: Any) -> QuerySet[SignalAmbassador]:
    return (
        SignalAmbassador.objects.for_zone(zone)
        .filter(affiliation__person=person)
        .select_related("affiliation__organisation", "training_event")
        .order_by("active_from", "id")
    )


def ambassador_card(
    *, zone: Zone, day: dt.date, person: Any = None, organisation: Any = None
) -> dict[str, list[SignalAmbassador]]:
    """The signal ambassador roles of a person (or at an organisation) for a card on its staff page,
    in ONE query: `current` (active on `day`), `coming` (starting after it) and `ended` (last day
    before it), each by organisation, then by name, the latest period first."""
    rows = SignalAmbassador.objects.for_zone(zone).select_related(
        "affiliation__person", "affiliation__organisation", "training_event"
    )
    if person is not None:
        rows = rows.filter(affiliation__person=person)
    elif organisation is not None:
        rows = rows.filter(affiliation__organisation=organisation)
    else:
        raise ValueError("ambassador_card needs a person or an organisation")
    card: dict[str, list[SignalAmbassador]] = {"current": [], "coming": [], "ended": []}
    for role in rows.order_by(
        "affiliation__organisation__name",
        "affiliation__person__last_name",
        "affiliation__person__first_name",
        "-active_from",
        "id",
    ):
        if role.active_to is not None and role.active_to < day:
            card["ended"].append(role)
        elif role.active_from > day:
            card["coming"].append(role)
        else:
            card["current"].append(role)
    return card
