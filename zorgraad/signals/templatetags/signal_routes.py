"""`{% signals_waiting_for meeting %}`: on a meeting's agenda page, the signals that wait
"te agenderen" for its body in the zone's route of signals, each with a button that puts it on this
meeting's agenda (signals:route_schedule). Renders nothing when none wait. One query."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from ..selectors.routes import OPEN_MEETING, waiting_for_meeting

register = template.Library()


@register.inclusion_tag("signals/_waiting_for_meeting.html", takes_context=True)
def signals_waiting_for(context: Any, meeting: Any) -> dict[str, Any]:
    zone = context.get("zone")
    rows = waiting_for_meeting(zone=zone, meeting=meeting) if zone is not None and meeting is not None else []
    request = context.get("request")
    return {
        "rows": rows,
        "meeting": meeting,
        "zone": zone,
        "is_zone_staff": context.get("is_zone_staff"),
        "csrf_token": context.get("csrf_token"),
        "here": request.get_full_path() if request is not None else "",
        "can_add": meeting is not None
        and meeting.status in OPEN_MEETING
        and meeting.date >= timezone.localdate(),
    }
