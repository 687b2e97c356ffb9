"""Reads for bodies. Shared by the governance and meetings screens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zorgraad.core.lists import search_words
from zorgraad.meetings.models import Meeting, MeetingStatus
from zorgraad.zones.models import Sector, Zone

from .models import Body, Candidacy, FixedAgendaItem, MandateCall, Membership, MembershipRole

ROLE_ORDER = [
    MembershipRole.CHAIR,
    MembershipRole.SECRETARY,
    MembershipRole.MEMBER,
    MembershipRole.DEPUTY,
    MembershipRole.OBSERVER,
]
# Meetings whose minutes a member may read (approved or published).
MINUTES_READY = [MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED]


def body_get(*, zone: Zone, slug: str) -> Body:
    return get_object_or_404(
        Body.objects.for_zone(zone).select_related("cluster").prefetch_related("required_sectors"),
        slug=slug,
        is_archived=False,
    )


def body_list(*, zone: Zone, ids: list[int] | None = None) -> QuerySet[Body]:
    qs = Body.objects.for_zone(zone).filter(is_archived=False).select_related("cluster")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("name")


# --- memberships that run on a day --------------------------------------------------------------


def active_q(prefix: str = "", day: dt.date | None = None) -> Q:
    """Memberships that run on `day` (today): started (or no start) and not yet ended."""
    day = day or timezone.localdate()
    return (Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": day})) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


@dataclass(frozen=True)
class PersonMemberships:
    current: list[Membership]
    past: list[Membership]
    coming: list[Membership]


def person_memberships(*, zone: Zone, person: Any, day: dt.date | None = None) -> PersonMemberships:
    """A person's mandates in the zone's bodies: running, still to start and ended (one query)."""
    day = day or timezone.localdate()
    rows = list(
        Membership.objects.for_zone(zone)
        .filter(person=person, body__is_archived=False)
        .select_related("body", "organisation", "represents_sector", "represents_municipality")
        .order_by("body__name", "-start", "id")
    )
    coming = [m for m in rows if m.start is not None and m.start > day]
    past = [m for m in rows if m.end is not None and m.end < day]
    current = [m for m in rows if m not in coming and m not in past]
    return PersonMemberships(current=current, past=past, coming=coming)


def _role_rank() -> Case:
    return Case(
        *[When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)],
        default=Value(len(ROLE_ORDER)),
        output_field=IntegerField(),
    )


def represented_sector_id(membership: Membership) -> int | None:
    """The sector a member stands for: the one chosen explicitly, else their organisation's sector."""
    if membership.represents_sector_id:
        return membership.represents_sector_id
    if membership.organisation_id and membership.organisation:
        return membership.organisation.sector_id
    return None


# --- the list of bodies -------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyFilters:
    q: str = ""
    kind: str = ""
    cluster: int | None = None


def body_overview(
    *,
    zone: Zone,
    ids: list[int] | None = None,
    filters: BodyFilters | None = None,
    today: dt.date | None = None,
) -> QuerySet[Body]:
    """Bodies with `member_count` (running mandates) and `next_meeting_date` (not cancelled, from today)."""
    f = filters or BodyFilters()
    today = today or timezone.localdate()
    qs = body_list(zone=zone, ids=ids)
    if f.q:
        for word in search_words(f.q):
            qs = qs.filter(Q(name__icontains=word) | Q(slug__icontains=word))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.cluster:
        qs = qs.filter(cluster_id=f.cluster)
    members = (
        Membership.objects.for_zone(zone)
        .filter(active_q(day=today), body=OuterRef("pk"))
        .order_by()
        .values("body")
        .annotate(n=Count("person", distinct=True))
        .values("n")
    )
    next_meeting = (
        Meeting.objects.for_zone(zone)
        .filter(body=OuterRef("pk"), date__gte=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time")
        .values("date")[:1]
    )
    return qs.annotate(
        member_count=Subquery(members, output_field=IntegerField()),
        next_meeting_date=Subquery(next_meeting),
    )


# --- one body -----------------------------------------------------------------------------------


def current_memberships(*, zone: Zone, body: Body, day: dt.date | None = None) -> QuerySet[Membership]:
    """The members of the body today, chair first, with everything the members table shows."""
    return (
        Membership.objects.for_zone(zone)
        .filter(active_q(day=day), body=body)
        .select_related("person", "organisation", "represents_sector", "represents_municipality")
        .annotate(role_rank=_role_rank())
        .order_by("role_rank", "person__last_name", "person__first_name", "id")
    )


def future_memberships(*, zone: Zone, body: Body, day: dt.date | None = None) -> QuerySet[Membership]:
    """Mandates that start later (e.g. decided by a mandate call)."""
    day = day or timezone.localdate()
    return (
        Membership.objects.for_zone(zone)
        .filter(body=body, start__gt=day)
        .select_related("person", "organisation", "represents_sector", "represents_municipality")
        .order_by("start", "person__last_name", "id")
    )


@dataclass
class SectorCoverage:
    sector: Sector
    members: list[Membership] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.members)


def sector_coverage(*, body: Body, memberships: list[Membership]) -> list[SectorCoverage]:
    """For each required sector of the body, the current members who represent it (maybe none)."""
    rows = [SectorCoverage(sector=s) for s in body.required_sectors.all()]
    by_sector = {row.sector.pk: row for row in rows}
    for membership in memberships:
        row = by_sector.get(represented_sector_id(membership) or 0)
        if row is not None:
            row.members.append(membership)
    return rows


def fixed_item_list(*, zone: Zone, body: Body) -> QuerySet[FixedAgendaItem]:
    return FixedAgendaItem.objects.for_zone(zone).filter(body=body).order_by("at_end", "order", "id")


def fixed_item_get(*, zone: Zone, body: Body, pk: int) -> FixedAgendaItem:
    return get_object_or_404(FixedAgendaItem.objects.for_zone(zone).select_related("body"), body=body, pk=pk)


def body_meetings(*, zone: Zone, body: Body) -> QuerySet[Meeting]:
    return (
        Meeting.objects.for_zone(zone)
        .filter(body=body)
        .select_related("venue_organisation")
        .order_by("date", "start_time", "id")
    )


def mandate_call_list(*, zone: Zone, body: Body) -> QuerySet[MandateCall]:
    return (
        MandateCall.objects.for_zone(zone)
        .filter(body=body)
        .annotate(candidacy_count=Count("candidacies"))
        .order_by("-deadline", "-id")
    )


def mandate_call_get(*, zone: Zone, pk: int) -> MandateCall:
    candidacies = (
        Candidacy.objects.for_zone(zone).select_related("person", "organisation").order_by("created_at", "id")
    )
    return get_object_or_404(
        MandateCall.objects.for_zone(zone)
        .select_related("body")
        .prefetch_related(Prefetch("candidacies", queryset=candidacies)),
        pk=pk,
        body__is_archived=False,
    )


def membership_get(*, zone: Zone, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.for_zone(zone).select_related("body", "person", "organisation"), pk=pk
    )


# --- the member's own bodies --------------------------------------------------------------------


@dataclass
class MyBody:
    body: Body
    roles: list[str]
    upcoming: list[Meeting]
    past: list[Meeting]


def my_bodies(*, zone: Zone, user: Any, today: dt.date | None = None, past_limit: int = 10) -> list[MyBody]:
    """The bodies where the user's person (in this zone) holds a running mandate, with their meetings."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    memberships = list(
        Membership.objects.for_zone(zone)
        .filter(active_q(day=today), person__user_id=user.pk, body__is_archived=False)
        .annotate(role_rank=_role_rank())
        .order_by("role_rank")
        .values_list("body_id", "role")
    )
    roles: dict[int, list[str]] = {}
    for body_id, role in memberships:
        label = str(MembershipRole(role).label)
        if label not in roles.setdefault(body_id, []):
            roles[body_id].append(label)
    if not roles:
        return []
    upcoming = (
        Meeting.objects.for_zone(zone)
        .filter(date__gte=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time", "id")
    )
    past = (
        Meeting.objects.for_zone(zone)
        .filter(date__lt=today, status__in=MINUTES_READY)
        .order_by("-date", "-start_time", "-id")
    )
    bodies = (
        body_list(zone=zone, ids=list(roles))
        .select_related(None)
        .prefetch_related(
            Prefetch("meetings", queryset=upcoming[:5], to_attr="upcoming_meetings"),
            Prefetch("meetings", queryset=past[:past_limit], to_attr="past_meetings"),
        )
    )
    return [
        MyBody(body=b, roles=roles[b.pk], upcoming=b.upcoming_meetings, past=b.past_meetings)  # type: ignore[attr-defined]
        for b in bodies
    ]


# --- for the staff dashboard --------------------------------------------------------------------


@dataclass
class BodyAttention:
    body: Body
    missing_sectors: list[Sector]


def bodies_needing_attention(zone: Zone, today: dt.date | None = None) -> list[BodyAttention]:
    """Bodies with a required sector that no current member represents, and which sectors those are.

    A member represents the sector chosen on their membership, else the sector of the organisation
    they sit for. Constant number of queries, whatever the number of bodies.
    """
    today = today or timezone.localdate()
    through = Body.required_sectors.through
    covering = (
        Membership.objects.for_zone(zone)
        .filter(active_q(day=today), body_id=OuterRef("body_id"))
        .filter(
            Q(represents_sector_id=OuterRef("sector_id"))
            | Q(represents_sector__isnull=True, organisation__sector_id=OuterRef("sector_id"))
        )
    )
    uncovered = through.objects.filter(body_id=OuterRef("pk")).exclude(Exists(covering))
    members = Membership.objects.for_zone(zone).filter(active_q(day=today)).select_related("organisation")
    bodies = (
        body_list(zone=zone)
        .filter(Exists(uncovered))
        .prefetch_related(
            "required_sectors", Prefetch("memberships", queryset=members, to_attr="current_members")
        )
    )
    result = []
    for body in bodies:
        rows = sector_coverage(body=body, memberships=body.current_members)  # type: ignore[attr-defined]
        missing = [row.sector for row in rows if not row.covered]
        if missing:
            result.append(BodyAttention(body=body, missing_sectors=missing))
    return result
