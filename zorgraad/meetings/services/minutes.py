"""Writing the minutes: text per agenda item (with revisions), decisions, follow-ups, the partner
round, next meeting dates, and the approval of the minutes at a later meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.network.models import Organisation, Person, normalise
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import (
    AgendaItem,
    Decision,
    FollowUp,
    Meeting,
    MeetingStatus,
    MinutesRevision,
    PartnerRoundEntry,
)
from .publication import day_label, refresh_search_text
from .status import meeting_transition


@dataclass(frozen=True)
class MinutesSaveResult:
    changed: int
    after_publication: bool


def _clean_text(text: str | None) -> str:
    """One kind of line ending, no trailing spaces: a save without real changes is no change."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _check_zone(zone: Zone, meeting: Meeting) -> None:
    if meeting.zone_id != zone.pk:
        raise ServiceError(_("Deze vergadering hoort niet bij deze eerstelijnszone."))


def _check_writable(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError(_("Deze vergadering is geannuleerd: er kan geen verslag bij geschreven worden."))


def _locked(zone: Zone, meeting: Meeting) -> Meeting:
    _check_zone(zone, meeting)
    locked = Meeting.objects.for_zone(zone).select_for_update().select_related("body").get(pk=meeting.pk)
    _check_writable(locked)
    return locked


def _after_change(zone: Zone, meeting: Meeting) -> bool:
    """Published minutes keep their search text current. Returns whether the minutes were published."""
    if meeting.status == MeetingStatus.PUBLISHED:
        refresh_search_text(zone=zone, meeting=meeting)
        return True
    return False


# --- text per item -------------------------------------------------------------------------------


@transaction.atomic
def minutes_save(
    *,
    zone: Zone,
    actor: Any,
    meeting: Meeting,
    items: dict[int, str],
    intro: str | None = None,
) -> MinutesSaveResult:
    """Store the minutes of the given agenda items (id -> text) and the optional intro.

    Each item whose text really changed gets a MinutesRevision with its author. A change to
    published minutes is kept as a revision marked `after_publication` and refreshes the search text.
    """
    meeting = _locked(zone, meeting)
    published = meeting.status == MeetingStatus.PUBLISHED
    rows = {i.pk: i for i in AgendaItem.objects.for_zone(zone).filter(meeting=meeting, pk__in=list(items))}
    unknown = [pk for pk in items if pk not in rows]
    if unknown:
        raise ServiceError(_("Een agendapunt hoort niet bij deze vergadering. Laad de pagina opnieuw."))
    author = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    changed = 0
    for pk, raw in items.items():
        item = rows[pk]
        text = _clean_text(raw)
        if text == _clean_text(item.minutes):
            continue
        before = item.minutes
        item.minutes = text
        item.minutes_updated_at = now
        item.save(update_fields=["minutes", "minutes_updated_at"])
        MinutesRevision.objects.create(
            zone=zone, item=item, text=text, author=author, after_publication=published
        )
        audit.record(
            zone=zone,
            actor=actor,
            action="minutes_after_publication" if published else "minutes",
            instance=item,
            changes={"minutes": [before[:200], text[:200]]},
        )
        changed += 1
    if intro is not None:
        text = _clean_text(intro)
        if text != _clean_text(meeting.intro):
            before = meeting.intro
            meeting.intro = text
            meeting.save(update_fields=["intro", "updated_at"])
            audit.record(
                zone=zone,
                actor=actor,
                action="minutes_after_publication" if published else "minutes",
                instance=meeting,
                changes={"intro": [before[:200], text[:200]]},
            )
            changed += 1
    if changed and published:
        refresh_search_text(zone=zone, meeting=meeting)
    return MinutesSaveResult(changed=changed, after_publication=published and changed > 0)


# --- decisions, follow-ups, partner round --------------------------------------------------------


def _check_item(meeting: Meeting, item: AgendaItem | None) -> None:
    if item is not None and item.meeting_id != meeting.pk:
        raise ServiceError({"item": _("Kies een agendapunt van deze vergadering.")})


@transaction.atomic
def decision_add(
    *, zone: Zone, actor: Any, meeting: Meeting, text: str, item: AgendaItem | None = None
) -> Decision:
    meeting = _locked(zone, meeting)
    _check_item(meeting, item)
    text = _clean_text(text)
    if not text:
        raise ServiceError({"text": _("Schrijf de beslissing op.")})
    decision = Decision.objects.create(zone=zone, meeting=meeting, item=item, text=text)
    audit.record(zone=zone, actor=actor, action="created", instance=decision, changes={"text": [None, text]})
    _after_change(zone, meeting)
    return decision


@transaction.atomic
def followup_add(
    *,
    zone: Zone,
    actor: Any,
    meeting: Meeting,
    description: str,
    owner: Person | None = None,
    owner_text: str = "",
    due_date: dt.date | None = None,
    item: AgendaItem | None = None,
) -> FollowUp:
    meeting = _locked(zone, meeting)
    _check_item(meeting, item)
    if owner is not None and owner.zone_id != zone.pk:
        raise ServiceError({"owner": _("Deze persoon hoort niet bij deze eerstelijnszone.")})
    description = _clean_text(description)
    if not description:
        raise ServiceError({"description": _("Beschrijf wat er opgevolgd moet worden.")})
    if due_date is not None and due_date < meeting.date:
        raise ServiceError(
            {
                "due_date": _("De deadline ligt vóór de vergadering (%(date)s).")
                % {"date": day_label(meeting.date)}
            }
        )
    follow_up = FollowUp.objects.create(
        zone=zone,
        meeting=meeting,
        item=item,
        description=description,
        owner=owner,
        owner_text="" if owner is not None else owner_text.strip(),
        due_date=due_date,
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=follow_up,
        changes=audit.diff({}, audit.snapshot(follow_up, ["description", "owner", "owner_text", "due_date"])),
    )
    return follow_up


@transaction.atomic
def followup_done(*, zone: Zone, actor: Any, follow_up: FollowUp) -> FollowUp:
    if follow_up.zone_id != zone.pk:
        raise ServiceError(_("Dit opvolgpunt hoort niet bij deze eerstelijnszone."))
    follow_up = FollowUp.objects.for_zone(zone).select_for_update().get(pk=follow_up.pk)
    if follow_up.done:
        raise ServiceError(
            _("Dit opvolgpunt werd al afgewerkt op %(date)s.")
            % {"date": day_label(timezone.localtime(follow_up.done_at).date() if follow_up.done_at else None)}
        )
    follow_up.done = True
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["done", "done_at"])
    audit.record(zone=zone, actor=actor, action="done", instance=follow_up, changes={"done": [False, True]})
    return follow_up


@transaction.atomic
def partner_round_add(
    *,
    zone: Zone,
    actor: Any,
    meeting: Meeting,
    text: str,
    organisation: Organisation | None = None,
    person: Person | None = None,
) -> PartnerRoundEntry:
    meeting = _locked(zone, meeting)
    if organisation is not None and organisation.zone_id != zone.pk:
        raise ServiceError({"organisation": _("Deze organisatie hoort niet bij deze eerstelijnszone.")})
    if person is not None and person.zone_id != zone.pk:
        raise ServiceError({"person": _("Deze persoon hoort niet bij deze eerstelijnszone.")})
    text = _clean_text(text)
    if not text:
        raise ServiceError({"text": _("Schrijf op wat de partner deelde.")})
    entry = PartnerRoundEntry.objects.create(
        zone=zone, meeting=meeting, organisation=organisation, person=person, text=text
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=entry,
        changes={"organisation": [None, str(organisation or "")], "text": [None, text[:200]]},
    )
    _after_change(zone, meeting)
    return entry


# --- next meetings -------------------------------------------------------------------------------


@transaction.atomic
def next_meeting_add(
    *,
    zone: Zone,
    actor: Any,
    meeting: Meeting,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    venue_organisation: Organisation | None = None,
    venue: str = "",
    online_url: str = "",
) -> Meeting:
    """Plan a next meeting of the same body from the minutes ("volgende vergaderingen")."""
    meeting = _locked(zone, meeting)
    if end_time <= start_time:
        raise ServiceError({"end_time": _("Het einduur moet na het beginuur liggen.")})
    if date <= meeting.date:
        raise ServiceError(
            {
                "date": _("Een volgende vergadering valt na deze vergadering van %(date)s.")
                % {"date": day_label(meeting.date)}
            }
        )
    if venue_organisation is not None and venue_organisation.zone_id != zone.pk:
        raise ServiceError({"venue_organisation": _("Deze organisatie hoort niet bij deze eerstelijnszone.")})
    venue = venue.strip()
    if meeting.body.is_archived:
        raise ServiceError(
            _("%(body)s is gearchiveerd: er kunnen geen vergaderingen meer bij.")
            % {"body": meeting.body.name}
        )
    # Meetings of the zone that day whose hours overlap with the new one.
    overlapping = (
        Meeting.objects.for_zone(zone)
        .filter(date=date, start_time__lt=end_time, end_time__gt=start_time)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
    )
    for other in overlapping:
        when = f"{other.start_time:%H:%M}–{other.end_time:%H:%M}"
        if venue_organisation is not None and other.venue_organisation_id == venue_organisation.pk:
            field, message = (
                "venue_organisation",
                _(
                    "Op %(date)s is er bij %(venue)s al een vergadering: %(body)s (%(when)s). Kies een ander uur, "
                    "een andere dag of een andere locatie."
                )
                % {
                    "date": day_label(date),
                    "venue": venue_organisation.name,
                    "body": other.body.name,
                    "when": when,
                },
            )
        elif venue and other.venue and normalise(other.venue).strip() == normalise(venue):
            field, message = (
                "venue",
                _(
                    "Op %(date)s is er op deze locatie al een vergadering: %(body)s (%(when)s). Kies een ander uur, "
                    "een andere dag of een andere locatie."
                )
                % {"date": day_label(date), "body": other.body.name, "when": when},
            )
        elif other.body_id == meeting.body_id:
            field, message = (
                "date",
                _("%(body)s vergadert op %(date)s al van %(when)s.")
                % {
                    "body": other.body.name,
                    "date": day_label(date),
                    "when": when,
                },
            )
        else:
            continue
        raise ServiceError({field: message})
    new = Meeting.objects.create(
        zone=zone,
        body=meeting.body,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue_organisation=venue_organisation,
        venue=venue,
        online_url=online_url.strip(),
        status=MeetingStatus.PLANNED,
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=new,
        changes={
            "date": [None, str(date)],
            "start_time": [None, f"{start_time:%H:%M}"],
            "end_time": [None, f"{end_time:%H:%M}"],
            "venue_organisation": [None, str(venue_organisation or "")],
            "venue": [None, venue],
            "from_minutes_of": [None, meeting.pk],
        },
    )
    return new


# --- approval ------------------------------------------------------------------------------------


@transaction.atomic
def minutes_approve(*, zone: Zone, actor: Any, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """The minutes of `meeting` are approved at the later meeting `at_meeting` of the same body."""
    _check_zone(zone, meeting)
    if at_meeting.zone_id != zone.pk:
        raise ServiceError({"at_meeting": _("Deze vergadering hoort niet bij deze eerstelijnszone.")})
    meeting = (
        Meeting.objects.for_zone(zone)
        .select_for_update(of=("self",))
        .select_related("body", "approved_at_meeting")
        .get(pk=meeting.pk)
    )
    if meeting.approved_at_meeting_id is not None or meeting.status in (
        MeetingStatus.MINUTES_APPROVED,
        MeetingStatus.PUBLISHED,
    ):
        if meeting.approved_at_meeting is not None:
            raise ServiceError(
                _("Dit verslag werd al goedgekeurd op %(date)s.")
                % {"date": day_label(meeting.approved_at_meeting.date)}
            )
        raise ServiceError(_("Dit verslag werd al goedgekeurd."))
    if meeting.status != MeetingStatus.HELD:
        raise ServiceError(
            _(
                "Enkel het verslag van een gehouden vergadering kan goedgekeurd worden. Zet de vergadering "
                "eerst op ‘gehouden’."
            )
        )
    if at_meeting.body_id != meeting.body_id:
        raise ServiceError(
            {
                "at_meeting": _("Kies een vergadering van hetzelfde overlegorgaan (%(body)s).")
                % {"body": meeting.body.name}
            }
        )
    later = at_meeting.date > meeting.date or (
        at_meeting.date == meeting.date and at_meeting.start_time > meeting.start_time
    )
    if at_meeting.pk == meeting.pk or not later:
        raise ServiceError(
            {
                "at_meeting": _(
                    "Een verslag wordt goedgekeurd op een latere vergadering. Kies een vergadering na %(date)s."
                )
                % {"date": day_label(meeting.date)}
            }
        )
    if at_meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError({"at_meeting": _("Die vergadering is geannuleerd. Kies een andere vergadering.")})
    meeting = meeting_transition(zone=zone, actor=actor, meeting=meeting, to=MeetingStatus.MINUTES_APPROVED)
    meeting.approved_at_meeting = at_meeting
    meeting.save(update_fields=["approved_at_meeting", "updated_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="approved",
        instance=meeting,
        changes={"approved_at_meeting": [None, str(at_meeting)]},
    )
    return meeting
