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


# --- correcting and removing decisions, follow-ups and partner-round entries ---------------------

DECISION_FIELDS = ["text", "item"]
FOLLOWUP_FIELDS = ["description", "owner", "owner_text", "due_date", "item"]
PARTNER_FIELDS = ["organisation", "text"]


def _removed(instance: Any, fields: list[str]) -> dict[str, list[Any]]:
    """The audit changes of a removal: every filled-in field from its value to nothing."""
    return {k: [v, None] for k, v in audit.snapshot(instance, fields).items() if v not in (None, "")}


def _entry_meeting(zone: Zone, entry: Decision | FollowUp | PartnerRoundEntry) -> Meeting:
    if entry.zone_id != zone.pk:
        raise ServiceError(_("Dit hoort niet bij deze eerstelijnszone."))
    return _locked(zone, entry.meeting)


def _entry_delete(
    zone: Zone,
    actor: Any,
    entry: Decision | FollowUp | PartnerRoundEntry,
    fields: list[str],
    *,
    refresh: bool,
) -> None:
    """Remove a decision, follow-up or partner-round entry, with its values kept in the history."""
    meeting = _entry_meeting(zone, entry)
    audit.record(zone=zone, actor=actor, action="deleted", instance=entry, changes=_removed(entry, fields))
    entry.delete()
    if refresh:  # what the published minutes' search text holds
        _after_change(zone, meeting)


@transaction.atomic
def decision_update(
    *, zone: Zone, actor: Any, decision: Decision, text: str, item: AgendaItem | None = None
) -> Decision:
    meeting = _entry_meeting(zone, decision)
    decision = Decision.objects.for_zone(zone).select_for_update().get(pk=decision.pk)
    _check_item(meeting, item)
    text = _clean_text(text)
    if not text:
        raise ServiceError({"text": _("Schrijf de beslissing op.")})
    before = audit.snapshot(decision, DECISION_FIELDS)
    decision.text, decision.item = text, item
    decision.save(update_fields=["text", "item"])
    changes = audit.diff(before, audit.snapshot(decision, DECISION_FIELDS))
    if changes:
        audit.record(zone=zone, actor=actor, action="updated", instance=decision, changes=changes)
        _after_change(zone, meeting)
    return decision


@transaction.atomic
def decision_delete(*, zone: Zone, actor: Any, decision: Decision) -> None:
    _entry_delete(zone, actor, decision, DECISION_FIELDS, refresh=True)


@transaction.atomic
def followup_update(
    *,
    zone: Zone,
    actor: Any,
    follow_up: FollowUp,
    description: str,
    owner: Person | None = None,
    owner_text: str = "",
    due_date: dt.date | None = None,
    item: AgendaItem | None = None,
) -> FollowUp:
    meeting = _entry_meeting(zone, follow_up)
    follow_up = FollowUp.objects.for_zone(zone).select_for_update().get(pk=follow_up.pk)
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
    before = audit.snapshot(follow_up, FOLLOWUP_FIELDS)
    follow_up.description = description
    follow_up.owner = owner
    follow_up.owner_text = "" if owner is not None else owner_text.strip()
    follow_up.due_date = due_date
    follow_up.item = item
    follow_up.save(update_fields=["description", "owner", "owner_text", "due_date", "item"])
    changes = audit.diff(before, audit.snapshot(follow_up, FOLLOWUP_FIELDS))
    if changes:
        audit.record(zone=zone, actor=actor, action="updated", instance=follow_up, changes=changes)
    return follow_up


@transaction.atomic
def followup_delete(*, zone: Zone, actor: Any, follow_up: FollowUp) -> None:
    _entry_delete(zone, actor, follow_up, FOLLOWUP_FIELDS, refresh=False)


@transaction.atomic
def partner_round_update(
    *,
    zone: Zone,
    actor: Any,
    entry: PartnerRoundEntry,
    text: str,
    organisation: Organisation | None = None,
) -> PartnerRoundEntry:
    meeting = _entry_meeting(zone, entry)
    entry = PartnerRoundEntry.objects.for_zone(zone).select_for_update().get(pk=entry.pk)
    if organisation is not None and organisation.zone_id != zone.pk:
        raise ServiceError({"organisation": _("Deze organisatie hoort niet bij deze eerstelijnszone.")})
    text = _clean_text(text)
    if not text:
        raise ServiceError({"text": _("Schrijf op wat de partner deelde.")})
    before = audit.snapshot(entry, PARTNER_FIELDS)
    entry.organisation, entry.text = organisation, text
    entry.save(update_fields=["organisation", "text"])
    changes = audit.diff(before, audit.snapshot(entry, PARTNER_FIELDS))
    if changes:
        audit.record(zone=zone, actor=actor, action="updated", instance=entry, changes=changes)
        _after_change(zone, meeting)
    return entry


@transaction.atomic
def partner_round_delete(*, zone: Zone, actor: Any, entry: PartnerRoundEntry) -> None:
    _entry_delete(zone, actor, entry, PARTNER_FIELDS, refresh=True)


# --- the whole minutes page in one save ---------------------------------------------------------


class MinutesPartError(ServiceError):
    """A ServiceError of one part of the minutes page (`part`: text, decision, followup, partner,
    next or done); the whole save was rolled back."""

    def __init__(self, part: str, error: ServiceError) -> None:
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.messages)
        self.part = part


@dataclass
class MinutesPageResult:
    text: MinutesSaveResult
    decision: Decision | None = None
    follow_up: FollowUp | None = None
    partner: PartnerRoundEntry | None = None
    next_meeting: Meeting | None = None
    done: FollowUp | None = None


@transaction.atomic
def minutes_page_save(
    *,
    zone: Zone,
    actor: Any,
    meeting: Meeting,
    items: dict[int, str],
    intro: str | None = None,
    decision: dict[str, Any] | None = None,
    follow_up: dict[str, Any] | None = None,
    partner: dict[str, Any] | None = None,
    next_meeting: dict[str, Any] | None = None,
    done: FollowUp | None = None,
) -> MinutesPageResult:
    """Everything the secretary typed on the minutes page, saved at once: the text per item, and the
    new decision, follow-up, partner-round entry and next meeting when they were filled in (and a
    follow-up marked done). One part refused (MinutesPartError) rolls back all the others, so the
    page comes back with everything still typed and nothing half-saved."""

    def part(name: str, call: Any, **kwargs: Any) -> Any:
        try:
            return call(zone=zone, actor=actor, meeting=meeting, **kwargs)
        except MinutesPartError:
            raise
        except ServiceError as exc:
            raise MinutesPartError(name, exc) from exc

    result = MinutesPageResult(text=part("text", minutes_save, items=items, intro=intro))
    if decision is not None:
        result.decision = part("decision", decision_add, **decision)
    if follow_up is not None:
        result.follow_up = part("followup", followup_add, **follow_up)
    if partner is not None:
        result.partner = part("partner", partner_round_add, **partner)
    if next_meeting is not None:
        result.next_meeting = part("next", next_meeting_add, **next_meeting)
    if done is not None:
        if done.meeting_id != meeting.pk:
            raise MinutesPartError("done", ServiceError(_("Dit opvolgpunt hoort niet bij deze vergadering.")))
        try:
            result.done = followup_done(zone=zone, actor=actor, follow_up=done)
        except ServiceError as exc:
            raise MinutesPartError("done", exc) from exc
    return result


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


def _approvable(zone: Zone, meeting: Meeting) -> Meeting:
    """The meeting, locked, whose minutes are not approved yet and were held."""
    meeting = (
        Meeting.objects.for_zone(zone)
        .select_for_update(of=("self",))
        .select_related("body", "approved_at_meeting")
        .get(pk=meeting.pk)
    )
    if (
        meeting.approved_at_meeting_id is not None
        or meeting.approved_by_mail_on is not None
        or meeting.status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED)
    ):
        if meeting.approved_at_meeting is not None:
            raise ServiceError(
                _("Dit verslag werd al goedgekeurd op %(date)s.")
                % {"date": day_label(meeting.approved_at_meeting.date)}
            )
        if meeting.approved_by_mail_on is not None:
            raise ServiceError(
                _("Dit verslag werd al per mail goedgekeurd op %(date)s.")
                % {"date": day_label(meeting.approved_by_mail_on)}
            )
        raise ServiceError(_("Dit verslag werd al goedgekeurd."))
    if meeting.status != MeetingStatus.HELD:
        raise ServiceError(
            _(
                "Enkel het verslag van een gehouden vergadering kan goedgekeurd worden. Zet de vergadering "
                "eerst op ‘gehouden’."
            )
        )
    return meeting


@transaction.atomic
def minutes_approve(*, zone: Zone, actor: Any, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """The minutes of `meeting` are approved at the later meeting `at_meeting` of the same body,
    which must have taken place (a meeting in the future cannot have approved anything yet)."""
    _check_zone(zone, meeting)
    if at_meeting.zone_id != zone.pk:
        raise ServiceError({"at_meeting": _("Deze vergadering hoort niet bij deze eerstelijnszone.")})
    meeting = _approvable(zone, meeting)
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
    if at_meeting.date > timezone.localdate():
        raise ServiceError(
            {
                "at_meeting": _(
                    "De vergadering van %(date)s moet nog plaatsvinden: een verslag kan pas goedgekeurd worden "
                    "op een vergadering die al gehouden werd. Registreer de goedkeuring na die vergadering, of "
                    "kies ‘per mail’ als het verslag per mail werd goedgekeurd."
                )
                % {"date": day_label(at_meeting.date)}
            }
        )
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


@transaction.atomic
def minutes_approve_by_mail(
    *, zone: Zone, actor: Any, meeting: Meeting, approved_on: dt.date, comments: str = ""
) -> Meeting:
    """The minutes were sent round and approved by mail (e.g. "opmerkingen binnen 14 dagen, anders
    goedgekeurd") on `approved_on`; the comments that came in are kept as text."""
    _check_zone(zone, meeting)
    meeting = _approvable(zone, meeting)
    if approved_on < meeting.date:
        raise ServiceError(
            {
                "approved_on": _(
                    "De goedkeuring per mail valt op of na de vergadering (%(date)s). Kies een latere datum."
                )
                % {"date": day_label(meeting.date)}
            }
        )
    if approved_on > timezone.localdate():
        raise ServiceError(
            {
                "approved_on": _(
                    "%(date)s ligt in de toekomst. Registreer de goedkeuring per mail pas als de termijn voor "
                    "opmerkingen voorbij is."
                )
                % {"date": day_label(approved_on)}
            }
        )
    comments = _clean_text(comments)
    meeting = meeting_transition(zone=zone, actor=actor, meeting=meeting, to=MeetingStatus.MINUTES_APPROVED)
    meeting.approved_by_mail_on = approved_on
    meeting.approval_comments = comments
    meeting.save(update_fields=["approved_by_mail_on", "approval_comments", "updated_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="approved",
        instance=meeting,
        changes={
            "approved_by_mail_on": [None, str(approved_on)],
            "approval_comments": [None, comments[:200]],
        },
    )
    return meeting
