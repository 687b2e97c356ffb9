"""The meeting status pipeline: planned > invited > held > minutes approved > published."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from zorgraad.core import audit
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import Meeting, MeetingStatus, MeetingStatusChange


@transaction.atomic
def meeting_transition(*, zone: Zone, actor: Any, meeting: Meeting, to: str) -> Meeting:
    """Move a meeting to status `to` if the pipeline allows it; record the change."""
    if meeting.zone_id != zone.pk:
        raise ServiceError("Deze vergadering hoort niet bij deze eerstelijnszone.")
    meeting = Meeting.objects.for_zone(zone).select_for_update().get(pk=meeting.pk)
    if not meeting.can_move_to(to):
        raise ServiceError(
            f"Een vergadering met status ‘{meeting.get_status_display()}’ kan niet naar "
            f"‘{MeetingStatus(to).label}’."
        )
    old = meeting.status
    meeting.status = to
    fields = ["status", "updated_at"]
    now = timezone.now()
    if to == MeetingStatus.INVITED:
        meeting.invited_at = now
        fields.append("invited_at")
    if to == MeetingStatus.PUBLISHED:
        meeting.published_at = now
        fields.append("published_at")
    meeting.save(update_fields=fields)
    MeetingStatusChange.objects.create(
        zone=zone,
        meeting=meeting,
        from_status=old,
        to_status=to,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(zone=zone, actor=actor, action="status", instance=meeting, changes={"status": [old, to]})
    if to in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED):
        from ..exporters import minutes_freeze

        minutes_freeze(meeting)  # what is approved does not change in later exports
    return meeting
