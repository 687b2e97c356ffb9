"""The meetings panels of the staff home page: what to prepare, write and follow up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from zorgraad.zones.models import Zone

from ..models import FollowUp, Meeting, MeetingStatus


@dataclass
class MeetingWork:
    to_prepare: list[Meeting]
    to_close: list[Meeting]
    to_report: list[Meeting]
    overdue_follow_ups: list[FollowUp]


def _meetings(zone: Zone, body_ids: list[int] | None) -> QuerySet[Meeting]:
    qs = Meeting.objects.for_zone(zone).select_related("body")
    if body_ids is not None:
        qs = qs.filter(body_id__in=body_ids)
    return qs


def meeting_work(
    *, zone: Zone, body_ids: list[int] | None = None, today: dt.date | None = None
) -> MeetingWork:
    """Meetings in the next 6 weeks not yet invited; held meetings whose minutes are not approved; overdue follow-ups."""
    today = today or dt.date.today()
    to_prepare = list(
        _meetings(zone, body_ids)
        .filter(status=MeetingStatus.PLANNED, date__gte=today, date__lte=today + dt.timedelta(days=42))
        .order_by("date", "start_time")[:10]
    )
    # Planned or invited meetings whose date has passed: mark them held (or cancelled).
    to_close = list(
        _meetings(zone, body_ids)
        .filter(status__in=[MeetingStatus.PLANNED, MeetingStatus.INVITED], date__lt=today)
        .order_by("-date")[:10]
    )
    to_report = list(
        _meetings(zone, body_ids)
        .filter(status__in=[MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED])
        .order_by("date")[:10]
    )
    follow_ups = FollowUp.objects.for_zone(zone).filter(done=False, due_date__lt=today)
    if body_ids is not None:
        follow_ups = follow_ups.filter(meeting__body_id__in=body_ids)
    overdue = list(follow_ups.select_related("meeting__body", "owner").order_by("due_date")[:10])
    return MeetingWork(
        to_prepare=to_prepare, to_close=to_close, to_report=to_report, overdue_follow_ups=overdue
    )
