"""Reads for meetings. Shared helpers here; screen-specific selectors in sibling modules."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from zorgraad.zones.models import Zone

from ..models import Meeting


def meeting_get(*, zone: Zone, pk: int) -> Meeting:
    """One meeting of the zone with its body and venue (404 for another zone's meeting)."""
    return get_object_or_404(
        Meeting.objects.for_zone(zone).select_related("body", "venue_organisation", "approved_at_meeting"),
        pk=pk,
    )
