"""Reads of the signals app: the triage list, a signal's page, the dashboard counts, the public list.

Lists cost a constant number of queries (related rows are joined or prefetched); the dashboard
counts in the database (GROUP BY), never in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.challenges.models import Challenge
from zorgraad.core.dutch import month_name
from zorgraad.core.lists import search_words
from zorgraad.network.models import TargetGroup, normalise
from zorgraad.zones.models import Municipality, Sector, Zone

from ..models import UNTREATED, Signal, SignalEndorsement, SignalStatus, SignalTargetGroup, SignalTransition
from .ambassadors import collected_by_organisation

ChallengeLink = Signal.challenges.through
MunicipalityLink = Signal.municipalities.through
TargetGroupLink = SignalTargetGroup

# What never shows publicly: who reported, their contact, their organisation, the internal notes.
PUBLIC_HIDDEN = ("reporter_person", "reporter_name", "contact_email", "organisation", "internal_notes")
PUBLIC_STATUSES_HIDDEN = (SignalStatus.DRAFT, SignalStatus.MERGED, SignalStatus.NOT_RETAINED)


def _bundled_count(zone: Zone) -> Any:
    """How many signals are bundled into each row: a subquery the database runs only for the rows
    it returns (a GROUP BY over the whole zone would count every signal before the page is cut)."""
    children = (
        Signal.objects.for_zone(zone)
        .filter(parent=OuterRef("pk"))
        .order_by()
        .values("parent")
        .annotate(c=Count("pk"))
        .values("c")
    )
    return Coalesce(Subquery(children), Value(0))


def counted(zone: Zone) -> QuerySet[Signal]:
    """The signals that count in overviews: not bundled into another, not drafts."""
    return Signal.objects.for_zone(zone).filter(parent__isnull=True).exclude(status=SignalStatus.DRAFT)


# --- triage list --------------------------------------------------------------------------------


def triage_list(*, zone: Zone, filters: dict[str, Any]) -> QuerySet[Signal]:
    """Oldest untreated first, then the rest by date received (oldest first). The page's rows are
    marked with the ambassador who collected them by `ambassadors.mark_collected`."""
    qs = (
        Signal.objects.for_zone(zone)
        .filter(parent__isnull=True)
        .select_related("sector", "organisation", "reporter_person")
        .prefetch_related(
            Prefetch("challenges", queryset=Challenge.objects.for_zone(zone).order_by("order", "pk")),
        )
        .annotate(
            untreated=Q(status__in=UNTREATED),
            bundled=_bundled_count(zone),
        )
    )
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    challenge = filters.get("challenge")
    if challenge == "none":
        qs = qs.filter(~Exists(ChallengeLink.objects.filter(signal_id=OuterRef("pk"))))
    elif challenge:
        qs = qs.filter(Exists(ChallengeLink.objects.filter(signal_id=OuterRef("pk"), challenge_id=challenge)))
    if municipality := filters.get("municipality"):
        qs = qs.filter(
            Exists(MunicipalityLink.objects.filter(signal_id=OuterRef("pk"), municipality=municipality))
        )
    if sector := filters.get("sector"):
        qs = qs.filter(sector=sector)
    if cluster := filters.get("cluster"):
        qs = qs.filter(cluster=cluster)
    if filters.get("structural"):
        qs = qs.filter(is_structural=True)
    for word in search_words(normalise(filters.get("q") or "")):
        qs = qs.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(reference__icontains=word)
        )
    return qs.order_by("-untreated", "received_on", "id")


def untreated_count(zone: Zone) -> int:
    return Signal.objects.for_zone(zone).filter(parent__isnull=True, status__in=UNTREATED).count()


# --- one signal ---------------------------------------------------------------------------------


def signal_get(*, zone: Zone, pk: int) -> Signal:
    signal = (
        Signal.objects.for_zone(zone)
        .select_related(
            "sector",
            "cluster",
            "organisation",
            "reporter_person",
            "reporter_user",
            "parent",
            "meeting__body",
            "agenda_item",
            "partner_round_entry",
        )
        .prefetch_related("challenges", "municipalities", "target_groups")
        .filter(pk=pk)
        .first()
    )
    if signal is None:
        raise Http404(_("Dit signaal bestaat niet in deze eerstelijnszone."))
    return signal


def signal_trail(*, zone: Zone, signal: Signal) -> QuerySet[SignalTransition]:
    return (
        SignalTransition.objects.for_zone(zone)
        .filter(signal=signal)
        .select_related("actor", "body", "meeting", "merged_into")
        .order_by("at", "id")
    )


def bundled(*, zone: Zone, signal: Signal) -> QuerySet[Signal]:
    return (
        Signal.objects.for_zone(zone)
        .filter(parent=signal)
        .select_related("organisation", "reporter_person")
        .order_by("received_on", "id")
    )


def endorsements(*, zone: Zone, signal: Signal) -> QuerySet[SignalEndorsement]:
    return SignalEndorsement.objects.for_zone(zone).filter(signal=signal).select_related("body", "meeting")


def merge_candidates(*, zone: Zone, signal: Signal, q: str, limit: int = 20) -> list[Signal]:
    """Signals `signal` may be bundled into: same zone, not itself, not bundled themselves."""
    qs = (
        Signal.objects.for_zone(zone)
        .filter(parent__isnull=True)
        .exclude(pk=signal.pk)
        .exclude(status=SignalStatus.MERGED)
    )
    words = search_words(normalise(q or ""))
    if not words:
        return []
    for word in words:
        qs = qs.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(reference__icontains=word)
        )
    return list(qs.order_by("-received_on", "-id")[:limit])


# --- dashboard ----------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    count: int
    percent: float = 0.0


@dataclass
class Chart:
    key: str
    title: str
    column: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)

    @property
    def height(self) -> int:
        return 24 * len(self.bars) + 4


def _chart(key: str, title: str, column: str, bars: list[Bar]) -> Chart:
    top = max((b.count for b in bars), default=0)
    for b in bars:
        b.percent = round(100 * b.count / top, 1) if top else 0.0
    return Chart(key, title, column, bars)


def _grouped(qs: Any, key: str) -> dict[Any, int]:
    """{value of `key`: count} for a GROUP BY on `key`, counted in the database."""
    return {row[key]: row["n"] for row in qs.order_by().values(key).annotate(n=Count("id"))}


def dashboard(*, zone: Zone) -> list[Chart]:
    """Counts by challenge (with 'zonder uitdaging'), municipality, sector, target group and month.

    Every count starts from the zone's signals (index on zone) and joins the link table by signal,
    grouped in the database: seven small queries whatever the number of signals, plus the labels.
    """
    base = counted(zone)

    def links(qs: Any) -> Any:
        """Link rows of counted signals. Each is read through the index on its other end (the zone's
        challenges, the zone's municipalities, the zone column of target-group links), never by
        scanning every zone's links."""
        return qs.filter(signal__zone=zone, signal__parent__isnull=True).exclude(
            signal__status=SignalStatus.DRAFT
        )

    labels = {c.pk: c.label for c in Challenge.objects.for_zone(zone).order_by("order", "pk")}
    by_challenge = _grouped(
        links(ChallengeLink.objects.filter(challenge_id__in=list(labels))), "challenge_id"
    )
    without = base.filter(~Exists(ChallengeLink.objects.filter(signal_id=OuterRef("pk")))).count()
    challenge_bars = [Bar(label, by_challenge.get(pk, 0)) for pk, label in labels.items()]
    challenge_bars.append(Bar(_("Zonder uitdaging"), without))

    own = list(zone.municipality_links.values_list("municipality_id", flat=True))
    counts = _grouped(links(MunicipalityLink.objects.filter(municipality_id__in=own)), "municipality_id")
    names = dict(Municipality.objects.filter(pk__in=list(counts)).values_list("pk", "name"))
    municipality_bars = sorted((Bar(names[pk], n) for pk, n in counts.items()), key=lambda b: b.label)

    by_sector = _grouped(base, "sector_id")
    sector_names = dict(Sector.objects.filter(pk__in=[k for k in by_sector if k]).values_list("pk", "name"))
    sector_bars = [Bar(sector_names.get(pk) or _("Geen sector"), n) for pk, n in by_sector.items()]
    sector_bars.sort(key=lambda b: (-b.count, b.label))

    tg_counts = _grouped(links(SignalTargetGroup.objects.filter(zone=zone)), "targetgroup_id")
    tg_names = dict(TargetGroup.objects.filter(pk__in=list(tg_counts)).values_list("pk", "name"))
    tg_bars = sorted((Bar(tg_names[pk], n) for pk, n in tg_counts.items()), key=lambda b: (-b.count, b.label))

    since = (timezone.localdate().replace(day=1) - dt.timedelta(days=365)).replace(day=1)
    month_rows = _grouped(
        base.filter(received_on__gte=since).annotate(month=TruncMonth("received_on")), "month"
    )
    by_month = {(m.year, m.month): n for m, n in month_rows.items() if m is not None}
    month_bars = []
    day = since
    for _i in range(13):
        month_bars.append(Bar(f"{month_name(day.month)} {day.year}", by_month.get((day.year, day.month), 0)))
        day = (day + dt.timedelta(days=32)).replace(day=1)

    by_ambassador = collected_by_organisation(zone, base)
    ambassador_bars = sorted(
        (Bar(name, n) for name, n in by_ambassador.items()), key=lambda b: (-b.count, b.label)
    )

    return [
        _chart("challenge", _("Per uitdaging"), _("Uitdaging"), challenge_bars),
        _chart("municipality", _("Per gemeente"), _("Gemeente"), municipality_bars),
        _chart("sector", _("Per sector van de melder"), _("Sector"), sector_bars),
        _chart("target_group", _("Per doelgroep"), _("Doelgroep"), tg_bars),
        _chart("month", _("Per maand (ontvangen)"), _("Maand"), month_bars),
        _chart(
            "ambassador",
            _("Verzameld door signaalambassadeurs"),
            _("Organisatie van de signaalambassadeur"),
            ambassador_bars,
        ),
    ]


DASHBOARD_TIMEOUT = 600


def dashboard_cached(*, zone: Zone) -> list[Chart]:
    """`dashboard`, kept per page-cache generations of the zone: every committed write raises a
    generation of the zone (signals, transitions and endorsements raise the `signals` kind,
    see pagekinds.py; undeclared models such as challenges raise the `zone` kind) or of the shared reference data (sectors, target groups), see
    core/pagecache.py; the key holds all of them, so a cached answer is never older than the data.
    Except the stamp kinds (event registrations, raised in their own statement, hundreds a minute
    when an event opens): the dashboard shows none of them."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from zorgraad.core import pagecache

    gens = pagecache.generations_of(zone)
    scope = ",".join(f"{k}{v}" for k, v in sorted(gens.items()) if k not in pagecache.STAMP_KINDS)
    key = f"signals-dashboard:{zone.pk}:{scope}:{get_language()}:{timezone.localdate().isoformat()}"
    charts = cache.get(key)
    if charts is None:
        charts = dashboard(zone=zone)
        cache.set(key, charts, DASHBOARD_TIMEOUT)
    return charts  # type: ignore[no-any-return]


# --- cluster follow-up list, public list, exports ---------------------------------------------


def cluster_follow_up(*, zone: Zone, cluster: Any) -> QuerySet[Signal]:
    """'Opvolging signalen': the cluster's open signals, for its agenda."""
    return (
        counted(zone)
        .filter(cluster=cluster)
        .exclude(status__in=[SignalStatus.CLOSED, SignalStatus.NOT_RETAINED])
        .select_related("sector")
        .prefetch_related("challenges")
        .annotate(bundled=_bundled_count(zone))
        .order_by("received_on", "id")
    )


def public_structural(*, zone: Zone, challenge: Challenge | None = None) -> QuerySet[Signal]:
    """The zone's structural signals as the public sees them (callers show only public fields)."""
    qs = (
        Signal.objects.for_zone(zone)
        .filter(is_structural=True, parent__isnull=True)
        .exclude(status__in=PUBLIC_STATUSES_HIDDEN)
        .prefetch_related(
            Prefetch("challenges", queryset=Challenge.objects.for_zone(zone).order_by("order", "pk"))
        )
        .only(
            "pk",
            "zone_id",
            "reference",
            "title",
            "description",
            "status",
            "addressee_level",
            "passed_on_to",
            "passed_on_at",
            "answer",
            "answered_on",
            "received_on",
        )
        .order_by("title", "id")
    )
    if challenge is not None:
        qs = qs.filter(challenges=challenge)
    return qs


def export_list(*, zone: Zone, filters: dict[str, Any]) -> QuerySet[Signal]:
    return (
        triage_list(zone=zone, filters=filters)
        .select_related("cluster", "reporter_person")
        .prefetch_related("municipalities", "target_groups")
    )


def body_endorsements(*, zone: Zone, body: Any) -> QuerySet[SignalEndorsement]:
    return (
        SignalEndorsement.objects.for_zone(zone)
        .filter(body=body)
        .select_related("signal", "meeting")
        .order_by("created_at", "id")
    )


def challenge_signals(*, zone: Zone, challenge: Challenge) -> QuerySet[Signal]:
    return public_structural(zone=zone, challenge=challenge)


# --- action plan indicator --------------------------------------------------------------------


def indicator_count(query: Any) -> Any:
    """'signals.count': signals received in the period, per linked challenge (one query each for
    the counts and the labels; bundled duplicates are not counted twice)."""
    from zorgraad.planning.sources import Instance, SourceResult

    zone = query.zone
    challenges = Challenge.objects.for_zone(zone)
    if query.object_ids:
        challenges = challenges.filter(pk__in=query.object_ids)
    labels = {c.pk: c.label for c in challenges.order_by("order", "pk")}
    missing = tuple(i for i in query.object_ids if i not in labels)
    counts = _grouped(
        ChallengeLink.objects.filter(
            challenge_id__in=list(labels),
            signal__in=counted(zone)
            .filter(received_on__gte=query.start, received_on__lte=query.end)
            .values("pk"),
        ),
        "challenge_id",
    )
    if not query.object_ids:
        total = (
            counted(zone)
            .filter(received_on__gte=query.start, received_on__lte=query.end)
            .filter(Exists(ChallengeLink.objects.filter(signal_id=OuterRef("pk"))))
            .count()
        )
    else:
        total = (
            counted(zone)
            .filter(received_on__gte=query.start, received_on__lte=query.end)
            .filter(
                Exists(ChallengeLink.objects.filter(signal_id=OuterRef("pk"), challenge_id__in=list(labels)))
            )
            .count()
        )
    instances = tuple(
        Instance(label=label, date=None, value=counts.get(pk, 0)) for pk, label in labels.items()
    )
    return SourceResult(total=total, instances=instances, missing_ids=missing)
