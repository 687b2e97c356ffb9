"""Publishing approved minutes: the search text, the status and the newsletter queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.network.models import normalise
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import AgendaItem, Decision, Meeting, MeetingStatus, PartnerRoundEntry
from .status import meeting_transition


def day_label(day: dt.date | None) -> str:
    """A date as people write it: '7 mei 2026'."""
    return date_format(day, "j F Y") if day else "–"


def build_search_text(*, zone: Zone, meeting: Meeting) -> str:
    """Everything the public search looks in, accent-free and in lower case."""
    parts: list[str] = [meeting.body.name, meeting.title, meeting.intro]
    for title, minutes in (
        AgendaItem.objects.for_zone(zone)
        .filter(meeting=meeting)
        .order_by("order", "id")
        .values_list("title", "minutes")
    ):
        parts += [title, minutes]
    parts += (
        Decision.objects.for_zone(zone).filter(meeting=meeting).order_by("id").values_list("text", flat=True)
    )
    for org_name, text in (
        PartnerRoundEntry.objects.for_zone(zone)
        .filter(meeting=meeting)
        .order_by("id")
        .values_list("organisation__name", "text")
    ):
        parts += [org_name or "", text]
    return normalise(" ".join(p for p in parts if p))


def refresh_search_text(*, zone: Zone, meeting: Meeting) -> None:
    """Keep the search text of published minutes in step with a change made after publication."""
    text = build_search_text(zone=zone, meeting=meeting)
    Meeting.objects.for_zone(zone).filter(pk=meeting.pk).update(search_text=text)
    meeting.search_text = text


@transaction.atomic
def minutes_publish(*, zone: Zone, actor: Any, meeting: Meeting, newsletter: bool = False) -> Meeting:
    """Publish approved minutes on the body page (and the search); optionally queue them for the newsletter."""
    if meeting.zone_id != zone.pk:
        raise ServiceError(_("Deze vergadering hoort niet bij deze eerstelijnszone."))
    meeting = Meeting.objects.for_zone(zone).select_for_update().select_related("body").get(pk=meeting.pk)
    if meeting.status == MeetingStatus.PUBLISHED:
        raise ServiceError(
            _("Dit verslag is al gepubliceerd op %(date)s.")
            % {
                "date": day_label(
                    timezone.localtime(meeting.published_at).date() if meeting.published_at else None
                )
            }
        )
    if meeting.status != MeetingStatus.MINUTES_APPROVED:
        raise ServiceError(
            _(
                "Enkel een goedgekeurd verslag kan gepubliceerd worden. Laat het verslag eerst goedkeuren "
                "op een volgende vergadering."
            )
        )
    if newsletter and not meeting.body.is_open:
        raise ServiceError(
            {
                "newsletter": _(
                    "%(body)s is een besloten overleg: het verslag kan niet in de nieuwsbrief. Vink de "
                    "nieuwsbrief uit om het voor de leden te publiceren."
                )
                % {"body": meeting.body.name}
            }
        )
    meeting.search_text = build_search_text(zone=zone, meeting=meeting)
    fields = ["search_text", "updated_at"]
    if newsletter:
        meeting.newsletter_queued_at = timezone.now()
        fields.append("newsletter_queued_at")
    meeting.save(update_fields=fields)
    meeting = meeting_transition(zone=zone, actor=actor, meeting=meeting, to=MeetingStatus.PUBLISHED)
    audit.record(
        zone=zone,
        actor=actor,
        action="published",
        instance=meeting,
        changes={"newsletter": [None, bool(newsletter)]},
    )
    return meeting
