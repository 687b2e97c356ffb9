"""Reads for the public pages: bodies, their upcoming meeting and agenda, minutes and their search.

Who sees what: the public reads published minutes of open bodies; members of a body (and its
managers) also read its approved minutes and, for a closed body, its meetings at all. Callers pass
`member` (governance.permissions.is_body_member) so these functions stay free of requests.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zorgraad.core.lists import search_words
from zorgraad.governance.models import Body
from zorgraad.network.models import normalise
from zorgraad.zones.models import Zone

from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    FollowUp,
    Meeting,
    MeetingStatus,
    PartnerRoundEntry,
)

UPCOMING = (MeetingStatus.PLANNED, MeetingStatus.INVITED)
PUBLIC_STATUSES = (MeetingStatus.PUBLISHED,)
MEMBER_STATUSES = (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED)
UPCOMING_LIMIT = 5
SNIPPET_BEFORE = 80
SNIPPET_AFTER = 180


def minutes_statuses(*, member: bool) -> tuple[str, ...]:
    return MEMBER_STATUSES if member else PUBLIC_STATUSES


def can_see_meetings(*, body: Body, member: bool) -> bool:
    """Open bodies show their meetings to everyone; closed bodies only to their members."""
    return body.is_open or member


# --- bodies --------------------------------------------------------------------------------------


def _upcoming_q(today: dt.date) -> Q:
    return Q(date__gte=today, status__in=UPCOMING)


def open_body_list(*, zone: Zone) -> list[Body]:
    """Open bodies of the zone, each with `upcoming` (its planned meetings from today, first = next)."""
    today = timezone.localdate()
    upcoming = (
        Meeting.objects.for_zone(zone)
        .filter(_upcoming_q(today))
        .select_related("venue_organisation")
        .order_by("date", "start_time", "id")
    )
    return list(
        Body.objects.for_zone(zone)
        .filter(is_open=True, is_archived=False)
        .select_related("cluster")
        .prefetch_related(Prefetch("meetings", queryset=upcoming, to_attr="upcoming"))
        .order_by("name")
    )


def open_bodies(*, zone: Zone) -> QuerySet[Body]:
    return Body.objects.for_zone(zone).filter(is_open=True, is_archived=False).order_by("name")


def closed_body_list(*, zone: Zone) -> QuerySet[Body]:
    return Body.objects.for_zone(zone).filter(is_open=False, is_archived=False).order_by("name")


def upcoming_meetings(*, zone: Zone, body: Body, limit: int = UPCOMING_LIMIT) -> list[Meeting]:
    """The body's next meetings (planned or invited, from today), each with its agenda."""
    items = AgendaItem.objects.for_zone(zone).select_related("presenter").order_by("order", "id")
    return list(
        Meeting.objects.for_zone(zone)
        .filter(body=body)
        .filter(_upcoming_q(timezone.localdate()))
        .select_related("venue_organisation")
        .prefetch_related(Prefetch("agenda_items", queryset=items))
        .order_by("date", "start_time", "id")[:limit]
    )


def minutes_list(*, zone: Zone, body: Body, member: bool) -> QuerySet[Meeting]:
    """Minutes of the body the reader may open, newest first."""
    return (
        Meeting.objects.for_zone(zone)
        .filter(body=body, status__in=minutes_statuses(member=member))
        .select_related("venue_organisation")
        .order_by("-date", "-start_time", "-id")
    )


# --- one meeting's minutes -----------------------------------------------------------------------


def meeting_minutes_get(*, zone: Zone, body: Body, pk: int, member: bool) -> Meeting:
    """The minutes of one meeting as the seeds lay them out, or 404 when the reader may not see them.

    404 rather than 403: a closed body's or an unpublished meeting must not even be confirmed to exist.
    """
    if not can_see_meetings(body=body, member=member):
        raise Http404
    follow_ups = FollowUp.objects.for_zone(zone).select_related("owner").order_by("due_date", "id")
    decisions = Decision.objects.for_zone(zone).order_by("id")
    items = (
        AgendaItem.objects.for_zone(zone)
        .select_related("presenter")
        .prefetch_related(
            Prefetch("decisions", queryset=decisions), Prefetch("follow_ups", queryset=follow_ups)
        )
        .order_by("order", "id")
    )
    people = (
        Attendance.objects.for_zone(zone)
        .filter(status__in=(AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED))
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "id")
    )
    meeting = (
        Meeting.objects.for_zone(zone)
        .filter(body=body, pk=pk, status__in=minutes_statuses(member=member))
        .select_related("venue_organisation", "approved_at_meeting")
        .prefetch_related(
            Prefetch("agenda_items", queryset=items),
            Prefetch("attendances", queryset=people),
            Prefetch("decisions", queryset=decisions.filter(item__isnull=True), to_attr="loose_decisions"),
            Prefetch("follow_ups", queryset=follow_ups.filter(item__isnull=True), to_attr="loose_follow_ups"),
            Prefetch(
                "partner_round",
                queryset=PartnerRoundEntry.objects.for_zone(zone).select_related("organisation"),
            ),
        )
        .first()
    )
    if meeting is None:
        raise Http404
    meeting.body = body
    return meeting


def meeting_get(*, zone: Zone, body: Body, pk: int, member: bool) -> Meeting:
    """A meeting whose minutes are not (yet) readable for this reader: date, place and agenda, from
    the moment it is planned, for whoever may see the body's meetings; 404 otherwise."""
    if not can_see_meetings(body=body, member=member):
        raise Http404
    items = AgendaItem.objects.for_zone(zone).select_related("presenter").order_by("order", "id")
    meeting = (
        Meeting.objects.for_zone(zone)
        .filter(body=body, pk=pk)
        .select_related("venue_organisation")
        .prefetch_related(Prefetch("agenda_items", queryset=items))
        .first()
    )
    if meeting is None:
        raise Http404
    meeting.body = body
    return meeting


def has_readable_minutes(meeting: Meeting, *, member: bool) -> bool:
    return meeting.status in minutes_statuses(member=member)


# --- search --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MinutesFilters:
    q: str = ""
    body: str = ""  # slug
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def words(self) -> list[str]:
        return search_words(normalise(self.q))

    @property
    def active(self) -> bool:
        return bool(self.q.strip() or self.body or self.date_from or self.date_to)


def minutes_search(*, zone: Zone, filters: MinutesFilters) -> QuerySet[Meeting]:
    """Published minutes of the zone's open bodies, every word matched accent- and case-insensitively."""
    qs = Meeting.objects.for_zone(zone).filter(
        status=MeetingStatus.PUBLISHED, body__is_open=True, body__is_archived=False
    )
    for word in filters.words:
        qs = qs.filter(search_text__contains=word)
    if filters.body:
        qs = qs.filter(body__slug=filters.body)
    if filters.date_from:
        qs = qs.filter(date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(date__lte=filters.date_to)
    items = AgendaItem.objects.for_zone(zone).only("id", "meeting_id", "title", "minutes", "order")
    return (
        qs.select_related("body", "venue_organisation")
        .prefetch_related(
            Prefetch("agenda_items", queryset=items.order_by("order", "id")),
            Prefetch("decisions", queryset=Decision.objects.for_zone(zone).order_by("id")),
            Prefetch(
                "partner_round",
                queryset=PartnerRoundEntry.objects.for_zone(zone)
                .select_related("organisation")
                .order_by("id"),
            ),
        )
        .order_by("-date", "-start_time", "-id")
    )


@dataclass(frozen=True)
class Snippet:
    before: str = ""
    match: str = ""
    after: str = ""
    starts_inside: bool = False
    ends_inside: bool = False


_SPACES = re.compile(r"\s+")


def _pieces(meeting: Meeting) -> list[str]:
    """The texts of the minutes in reading order, from what the search query prefetched."""
    found: list[str] = [meeting.intro]
    for item in meeting.agenda_items.all():
        found.append(f"{item.title}: {item.minutes}" if item.minutes else item.title)
    found += [decision.text for decision in meeting.decisions.all()]
    for entry in meeting.partner_round.all():
        org = entry.organisation.name if entry.organisation else ""
        found.append(f"{org}: {entry.text}" if org else entry.text)
    return [_SPACES.sub(" ", text).strip() for text in found if text and text.strip()]


def _find(text: str, words: list[str]) -> tuple[int, int] | None:
    """Start and end (in `text`) of the earliest match of any of the normalised words."""
    mapped: list[int] = []
    flat: list[str] = []
    for i, ch in enumerate(text):
        n = normalise(ch)
        flat.append(n)
        mapped.extend([i] * len(n))
    haystack = "".join(flat)
    best: tuple[int, int] | None = None
    for word in words:
        at = haystack.find(word)
        if at < 0:
            continue
        start, end = mapped[at], mapped[at + len(word) - 1] + 1
        if best is None or start < best[0]:
            best = (start, end)
    return best


def _cut_left(text: str, start: int) -> tuple[str, bool]:
    if start <= SNIPPET_BEFORE:
        return text[:start], False
    part = text[start - SNIPPET_BEFORE : start]
    space = part.find(" ")
    return (part[space + 1 :] if 0 <= space < 20 else part), True


def _cut_right(text: str, end: int) -> tuple[str, bool]:
    if len(text) - end <= SNIPPET_AFTER:
        return text[end:], False
    part = text[end : end + SNIPPET_AFTER]
    space = part.rfind(" ")
    return (part[:space] if space > SNIPPET_AFTER - 20 else part), True


def snippet(meeting: Meeting, words: list[str]) -> Snippet:
    """A short piece of the minutes around the first match (the match itself kept apart to mark it)."""
    pieces = _pieces(meeting)
    for text in pieces:
        if words and any(w in normalise(text) for w in words):
            hit = _find(text, words)
            if hit is None:  # pragma: no cover - normalise is per character, so this cannot happen
                continue
            before, cut_before = _cut_left(text, hit[0])
            after, cut_after = _cut_right(text, hit[1])
            return Snippet(
                before=before,
                match=text[hit[0] : hit[1]],
                after=after,
                starts_inside=cut_before,
                ends_inside=cut_after,
            )
    if not pieces:
        return Snippet()
    after, cut = _cut_right(pieces[0], 0)
    return Snippet(after=after, ends_inside=cut)
