"""Reads for planning, agenda, invitations and the iCal feeds. Every selector takes the zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zorgraad.core.models import AuditEntry
from zorgraad.governance import subscriptions
from zorgraad.governance.models import Body, Membership
from zorgraad.network.models import Organisation, Person
from zorgraad.zones.models import Zone

from ..models import AgendaItem, Attendance, AttendanceReply, Meeting, MeetingStatus

FEED_PAST_DAYS = 60


def active_memberships(*, zone: Zone, body: Body, day: dt.date | None = None) -> QuerySet[Membership]:
    """Memberships of the body that run on `day` (today by default)."""
    day = day or timezone.localdate()
    return (
        Membership.objects.for_zone(zone)
        .filter(body=body)
        .filter(Q(start__isnull=True) | Q(start__lte=day))
        .filter(Q(end__isnull=True) | Q(end__gte=day))
    )


def venue_candidates(*, zone: Zone, body: Body, day: dt.date | None = None) -> list[Organisation]:
    """The distinct organisations of the body's current members that have an address, in a stable order."""
    org_ids = (
        active_memberships(zone=zone, body=body, day=day)
        .filter(organisation__isnull=False)
        .values("organisation_id")
    )
    orgs = (
        Organisation.objects.for_zone(zone)
        .filter(pk__in=org_ids, is_archived=False)
        .exclude(street="", city="")
        .order_by("name", "id")
    )
    return [o for o in orgs if o.address]


def last_hosting_organisation_id(*, zone: Zone, body: Body) -> int | None:
    """The venue organisation of the body's latest meeting that had one (cancelled meetings left out)."""
    return (
        Meeting.objects.for_zone(zone)
        .filter(body=body, venue_organisation__isnull=False)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date", "-start_time", "-id")
        .values_list("venue_organisation_id", flat=True)
        .first()
    )


def body_meetings_between(*, zone: Zone, body: Body, start: dt.date, end: dt.date) -> QuerySet[Meeting]:
    return (
        Meeting.objects.for_zone(zone)
        .filter(body=body, date__gte=start, date__lte=end)
        .select_related("body", "venue_organisation")
        .order_by("date", "start_time", "id")
    )


def venue_bookings(
    *, zone: Zone, organisation_ids: list[int], start: dt.date, end: dt.date, exclude_pk: int | None = None
) -> QuerySet[Meeting]:
    """Meetings (any body of the zone, not cancelled) held at these organisations in a period."""
    qs = (
        Meeting.objects.for_zone(zone)
        .filter(venue_organisation_id__in=organisation_ids, date__gte=start, date__lte=end)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body", "venue_organisation")
    )
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def agenda_items(*, zone: Zone, meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.for_zone(zone)
        .filter(meeting=meeting)
        .select_related("presenter", "carried_from")
        .order_by("order", "id")
    )


def agenda_item_get(*, zone: Zone, pk: int) -> AgendaItem:
    """One agenda item with its meeting and body (404 for another zone's item)."""
    return get_object_or_404(
        AgendaItem.objects.for_zone(zone).select_related("meeting", "meeting__body", "presenter"),
        pk=pk,
    )


def meeting_detail_get(*, zone: Zone, pk: int) -> Meeting:
    """One meeting with everything its hub page shows, in a fixed number of queries."""
    items = AgendaItem.objects.for_zone(zone).select_related("presenter").order_by("order", "id")
    return get_object_or_404(
        Meeting.objects.for_zone(zone)
        .select_related("body", "venue_organisation", "approved_at_meeting")
        .prefetch_related(Prefetch("agenda_items", queryset=items)),
        pk=pk,
    )


def agenda_built(*, zone: Zone, meeting: Meeting) -> bool:
    """Whether agenda_build already ran for this meeting (it leaves an audit entry)."""
    return (
        AuditEntry.objects.for_zone(zone)
        .filter(model="meeting", object_id=meeting.pk, action="agenda_built")
        .exists()
    )


def presenter_choices(*, zone: Zone, body: Body, include: Person | None = None) -> QuerySet[Person]:
    """People who can present an item: the body's current members (and the current presenter)."""
    members = active_memberships(zone=zone, body=body).values("person_id")
    cond = Q(pk__in=members, is_archived=False)
    if include is not None:
        cond |= Q(pk=include.pk)
    return Person.objects.for_zone(zone).filter(cond).order_by("last_name", "first_name", "id")


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    person: Person | None = None
    organisation: Organisation | None = None

    @property
    def is_member(self) -> bool:
        return self.person is not None


def invitation_recipients(*, zone: Zone, meeting: Meeting) -> list[Recipient]:
    """Active members with a working e-mail address, then the subscribers; one entry per address."""
    memberships = (
        active_memberships(zone=zone, body=meeting.body, day=meeting.date)
        .filter(person__is_archived=False, person__email_bounced=False)
        .exclude(person__email="")
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "id")
    )
    found: dict[str, Recipient] = {}
    for m in memberships:
        key = m.person.email.strip().lower()
        if key not in found:
            found[key] = Recipient(
                email=m.person.email.strip(),
                name=str(m.person),
                person=m.person,
                organisation=m.organisation,
            )
    for s in subscriptions.store().for_body(zone=zone, body=meeting.body):
        key = s.email.strip().lower()
        if key and key not in found:
            found[key] = Recipient(email=s.email.strip(), name=s.name)
    return list(found.values())


def reply_counts(*, zone: Zone, meeting: Meeting) -> dict[str, int]:
    """How many invitees answered "Ik kom" and "Ik kom niet" (link in the mail or their page)."""
    rows = Attendance.objects.for_zone(zone).filter(meeting=meeting).exclude(reply="")
    counts = dict(rows.order_by().values("reply").annotate(n=Count("id")).values_list("reply", "n"))
    yes, no = counts.get(AttendanceReply.YES, 0), counts.get(AttendanceReply.NO, 0)
    return {"yes": yes, "no": no, "total": yes + no}


def feed_meetings(*, zone: Zone, body: Body | None = None, since: dt.date | None = None) -> QuerySet[Meeting]:
    """Meetings for an iCal feed: of one body, or of all open bodies of the zone from `since` on."""
    items = AgendaItem.objects.for_zone(zone).order_by("order", "id")
    qs = (
        Meeting.objects.for_zone(zone)
        .filter(body__is_archived=False)
        .select_related("zone", "body", "venue_organisation")
        .prefetch_related(Prefetch("agenda_items", queryset=items))
        .order_by("date", "start_time", "id")
    )
    qs = qs.filter(body=body) if body is not None else qs.filter(body__is_open=True)
    if since is not None:
        qs = qs.filter(date__gte=since)
    return qs


def zone_feed_meetings(*, zone: Zone) -> QuerySet[Meeting]:
    return feed_meetings(zone=zone, since=timezone.localdate() - dt.timedelta(days=FEED_PAST_DAYS))
