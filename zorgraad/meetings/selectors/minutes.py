"""Reads for the screens during and after a meeting: attendance, minutes, approval, publication."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zorgraad.governance.models import Membership
from zorgraad.network import duplicates
from zorgraad.network.models import Affiliation, Organisation, Person
from zorgraad.zones.models import Sector, Zone

from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    FollowUp,
    Meeting,
    MeetingStatus,
    MinutesRevision,
    PartnerRoundEntry,
)

# A guest whose name scores at least this (rapidfuzz token_sort_ratio on normalised names) is offered
# as "maybe the same person".
GUEST_NAME_THRESHOLD = 90
GUEST_CANDIDATES_LIMIT = 5
NEXT_MEETINGS_LIMIT = 5


def _active_on(day: dt.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": day})) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


def active_memberships(*, zone: Zone, meeting: Meeting) -> QuerySet[Membership]:
    """The memberships of the meeting's body that run on the day of the meeting."""
    return (
        Membership.objects.for_zone(zone)
        .filter(body_id=meeting.body_id)
        .filter(_active_on(meeting.date))
        .select_related("person", "organisation", "represents_sector")
        .order_by("person__last_name", "person__first_name", "id")
    )


# --- attendance ----------------------------------------------------------------------------------


def attendance_list(*, zone: Zone, meeting: Meeting) -> list[Attendance]:
    """Everyone on the attendance list of the meeting, guests last, by name."""
    rows = (
        Attendance.objects.for_zone(zone)
        .filter(meeting=meeting)
        .select_related("person", "organisation")
        .order_by("is_guest", "person__last_name", "person__first_name", "id")
    )
    return list(rows)


def missing_sectors(zone: Zone, meeting: Meeting, rows: list[Attendance] | None = None) -> list[Sector]:
    """The body's required sectors that nobody present represents.

    A present person covers a sector through their active membership of the body
    (`represents_sector`), through the organisation recorded on their attendance, or, when the
    attendance names no organisation, through the organisations of their current affiliations.
    `rows`: the meeting's attendance list when the caller has read it already (one query fewer).
    """
    required = list(meeting.body.required_sectors.all().order_by("name"))
    if not required:
        return []
    if rows is not None:  # the attendance list read already (attendance_list): no second query
        present = [a for a in rows if a.status == AttendanceStatus.PRESENT]
    else:
        present = list(
            Attendance.objects.for_zone(zone)
            .filter(meeting=meeting, status=AttendanceStatus.PRESENT)
            .select_related("organisation")
        )
    if not present:
        return required
    person_ids = [a.person_id for a in present]
    covered: set[int] = set(
        Membership.objects.for_zone(zone)
        .filter(body_id=meeting.body_id, person_id__in=person_ids, represents_sector__isnull=False)
        .filter(_active_on(meeting.date))
        .values_list("represents_sector_id", flat=True)
    )
    covered |= {a.organisation.sector_id for a in present if a.organisation and a.organisation.sector_id}
    without_org = [a.person_id for a in present if a.organisation_id is None]
    if without_org:
        covered |= set(
            Affiliation.objects.for_zone(zone)
            .filter(person_id__in=without_org, organisation__sector__isnull=False)
            .filter(Q(end__isnull=True) | Q(end__gte=meeting.date))
            .filter(Q(start__isnull=True) | Q(start__lte=meeting.date))
            .values_list("organisation__sector_id", flat=True)
        )
    return [s for s in required if s.pk not in covered]


def guest_candidates(*, zone: Zone, first_name: str, last_name: str, email: str) -> list[Person]:
    """People of the zone who may be this guest: same e-mail (any case) first, then look-alike names
    (network/duplicates.py, with this threshold and limit; its prepared records of the zone)."""
    today = timezone.localdate()

    def load(pks: list[int]) -> dict[int, Person]:
        functions = (
            Affiliation.objects.for_zone(zone)
            .filter(Q(end__isnull=True) | Q(end__gte=today))
            .select_related("organisation")
            .order_by("organisation__name")
        )
        return {
            p.pk: p
            for p in Person.objects.for_zone(zone)
            .filter(pk__in=pks)
            .prefetch_related(Prefetch("affiliations", queryset=functions, to_attr="current_affiliations"))
        }

    return duplicates.people_like(
        zone,
        first_name,
        last_name,
        email,
        load=load,
        threshold=GUEST_NAME_THRESHOLD,
        limit=GUEST_CANDIDATES_LIMIT,
    )


def zone_organisations(*, zone: Zone) -> QuerySet[Organisation]:
    return Organisation.objects.for_zone(zone).filter(is_archived=False).order_by("name")


# --- minutes -------------------------------------------------------------------------------------


def minutes_meeting_get(*, zone: Zone, pk: int) -> Meeting:
    """A meeting with everything the minutes screens show, in a fixed number of queries."""
    revisions = MinutesRevision.objects.for_zone(zone).select_related("author")
    decisions = Decision.objects.for_zone(zone).order_by("id")
    follow_ups = FollowUp.objects.for_zone(zone).select_related("owner").order_by("done", "due_date", "id")
    # The page shows the decisions and follow-ups of the meeting (below), not per item: no
    # prefetch of them per item (two queries fewer).
    items = (
        AgendaItem.objects.for_zone(zone)
        .select_related("presenter")
        .prefetch_related(Prefetch("revisions", queryset=revisions))
        .order_by("order", "id")
    )
    return get_object_or_404(
        Meeting.objects.for_zone(zone)
        .select_related("body", "venue_organisation", "approved_at_meeting")
        .prefetch_related(
            Prefetch("agenda_items", queryset=items),
            Prefetch("decisions", queryset=decisions.select_related("item")),
            Prefetch("follow_ups", queryset=follow_ups.select_related("item")),
            Prefetch(
                "partner_round",
                queryset=PartnerRoundEntry.objects.for_zone(zone).select_related("organisation", "person"),
            ),
        ),
        pk=pk,
    )


def meeting_items(*, zone: Zone, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The meeting's agenda items, for the "bij agendapunt" choices."""
    return AgendaItem.objects.for_zone(zone).filter(meeting=meeting).order_by("order", "id")


def next_meetings(*, zone: Zone, meeting: Meeting, limit: int = NEXT_MEETINGS_LIMIT) -> list[Meeting]:
    """The body's meetings after this one (not cancelled): the "volgende vergaderingen"."""
    return list(
        Meeting.objects.for_zone(zone)
        .filter(body_id=meeting.body_id)
        .filter(Q(date__gt=meeting.date) | Q(date=meeting.date, start_time__gt=meeting.start_time))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("venue_organisation")
        .order_by("date", "start_time", "id")[:limit]
    )


def followup_get(*, zone: Zone, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.for_zone(zone).select_related("meeting", "meeting__body"),
        pk=pk,
    )


def decision_get(*, zone: Zone, pk: int) -> Decision:
    return get_object_or_404(
        Decision.objects.for_zone(zone).select_related("meeting", "meeting__body", "item"), pk=pk
    )


def partner_round_get(*, zone: Zone, pk: int) -> PartnerRoundEntry:
    return get_object_or_404(
        PartnerRoundEntry.objects.for_zone(zone).select_related("meeting", "meeting__body", "organisation"),
        pk=pk,
    )


def followup_owner_choices(*, zone: Zone, meeting: Meeting) -> QuerySet[Person]:
    """Owners to pick from: the people on the attendance list and the body's active members.

    One IN over the UNION of both lists: with `IN (attendance) OR IN (members)` PostgreSQL could not
    use the primary key and read every person of the zone (3.4 ms for 12 owners among the 20,000
    people of bench/staff_pages.py's `schaal-groot`, 0.08 ms on AMALO)."""
    members = (
        Membership.objects.for_zone(zone).filter(body_id=meeting.body_id).filter(_active_on(meeting.date))
    )
    attending = Attendance.objects.for_zone(zone).filter(meeting=meeting).order_by().values("person_id")
    return (
        Person.objects.for_zone(zone)
        .filter(pk__in=attending.union(members.order_by().values("person_id")))
        .order_by("last_name", "first_name")
    )


# --- approval and publication --------------------------------------------------------------------


def approval_candidates(*, zone: Zone, meeting: Meeting) -> QuerySet[Meeting]:
    """Later meetings of the same body where these minutes can be approved (the next one first)."""
    return (
        Meeting.objects.for_zone(zone)
        .filter(body_id=meeting.body_id)
        .filter(Q(date__gt=meeting.date) | Q(date=meeting.date, start_time__gt=meeting.start_time))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("date", "start_time", "id")
    )


def newsletter_queue(zone: Zone) -> QuerySet[Meeting]:
    """Published minutes queued for the next newsletter edition, oldest publication first."""
    return (
        Meeting.objects.for_zone(zone)
        .filter(status=MeetingStatus.PUBLISHED, newsletter_queued_at__isnull=False)
        .select_related("body")
        .order_by("published_at", "id")
    )
