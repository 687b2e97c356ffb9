"""Planning of meetings: propose a year's dates from a body's rule, confirm them, create and edit one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.dutch import long_date, month_name, weekday_name
from zorgraad.governance.models import Body
from zorgraad.network.models import Organisation
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .. import holidays
from ..models import Meeting, MeetingStatus
from ..selectors import schedule as sel
from .status import meeting_transition

THURSDAY = 3
MEETING_FIELDS = ["title", "date", "start_time", "end_time", "venue_organisation", "venue", "online_url"]
# A change of one of these makes calendars update the event: iCalendar SEQUENCE goes up.
CALENDAR_FIELDS = ["date", "start_time", "end_time", "venue_organisation", "venue", "online_url"]
# Status changes made from the meeting page; inviting, approving and publishing have their own pages.
DIRECT_TRANSITIONS = (MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.PLANNED)


def day_label(day: dt.date) -> str:
    """'donderdag 12 februari 2026', in Dutch whatever the language of the session."""
    return long_date(day, capital=False)


def _hm(value: dt.time) -> str:
    return value.strftime("%H:%M")


@dataclass
class Proposal:
    date: dt.date
    start: dt.time
    end: dt.time
    venue_organisation: Organisation | None
    reason: str
    label: str = ""  # "Q1", or "1/3" when spread over the year
    already_planned: list[dt.date] = field(default_factory=list)  # meetings of the body in this slot


@dataclass(frozen=True)
class _Slot:
    label: str
    days: list[dt.date]  # the days this meeting may fall on (the body's months only)
    target: dt.date
    describe: str

    @property
    def first(self) -> dt.date:
        return self.days[0]

    @property
    def last(self) -> dt.date:
        return self.days[-1]


def _month_days(year: int, months: Sequence[int]) -> list[dt.date]:
    jan1 = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - jan1).days
    wanted = set(months)
    return [d for d in (jan1 + dt.timedelta(days=i) for i in range(days)) if d.month in wanted]


def _slots(body: Body, year: int) -> list[_Slot]:
    """The periods of the year that each get one meeting, from the body's rule.

    The rule: N meetings a year, in the allowed quarters or months, never in the excluded months.
    Quarters without another count or months: one meeting per quarter, around the middle of the
    quarter's middle month. Otherwise the N meetings are spread evenly over the allowed days.
    """
    months = body.months
    if not months:
        return []
    quarters = body.quarters
    n = body.meetings_per_year
    slots: list[_Slot] = []
    if quarters and n in (0, len(quarters)) and not body.rule_months:
        for q in quarters:
            q_months = [m for m in months if 3 * q - 2 <= m <= 3 * q]
            if not q_months:
                continue
            middle = 3 * q - 1 if 3 * q - 1 in q_months else q_months[len(q_months) // 2]
            slots.append(
                _Slot(
                    f"Q{q}",
                    _month_days(year, q_months),
                    dt.date(year, middle, 15),
                    f"half {month_name(middle)}",
                )
            )
        return slots
    if n <= 0:
        return []
    days = _month_days(year, months)
    n = min(n, 52, len(days))
    for i in range(n):
        chunk = days[len(days) * i // n : len(days) * (i + 1) // n]
        target = chunk[len(chunk) // 2]
        slots.append(_Slot(f"{i + 1}/{n}", chunk, target, f"rond {target.day} {month_name(target.month)}"))
    return slots


def _day_unfit(day: dt.date, *, strict: bool) -> str | None:
    """Why `day` is no meeting day: weekend, public holiday and (when strict) school holiday."""
    if strict:
        return holidays.day_off(day)
    if day.weekday() >= 5:
        return weekday_name(day)
    return holidays.public_holiday(day)


def _overlaps(a_start: dt.time, a_end: dt.time, b_start: dt.time, b_end: dt.time) -> bool:
    return a_start < b_end and b_start < a_end


def meeting_dates_propose(*, zone: Zone, body: Body, year: int) -> list[Proposal]:
    """Dates for the body's meetings of `year`, from its rule.

    One meeting per quarter of `body.quarters` (or `meetings_per_year` spread evenly over the allowed
    months, never in an excluded month), on the body's weekday (Thursday by default) closest to the
    middle of the period; never in a weekend, on a public holiday, in a school holiday, on a day the body already meets or when the
    venue is taken. Venues rotate among the member organisations with an address, continuing after
    the organisation that hosted the body's last meeting.
    """
    if body.zone_id != zone.pk:
        raise ServiceError(_("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    slots = _slots(body, year)
    if not slots:
        return []
    weekday = (
        body.default_weekday if body.default_weekday is not None and body.default_weekday < 5 else THURSDAY
    )
    start, end = body.default_start, body.default_end

    year_first, year_last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    existing = [
        m
        for m in sel.body_meetings_between(zone=zone, body=body, start=year_first, end=year_last)
        if m.status != MeetingStatus.CANCELLED
    ]
    taken_days = {m.date for m in existing}

    venues: list[Organisation] = sel.venue_candidates(zone=zone, body=body) if body.rotate_venues else []
    last_id = sel.last_hosting_organisation_id(zone=zone, body=body)
    if body.rotate_venues:
        ids = [o.pk for o in venues]
        next_index = ids.index(last_id) + 1 if last_id in ids else 0
    else:
        venues = list(Organisation.objects.for_zone(zone).filter(pk=last_id)) if last_id else []
        next_index = 0
    bookings: dict[tuple[int, dt.date], list[tuple[dt.time, dt.time, str]]] = {}
    if venues:
        for m in sel.venue_bookings(
            zone=zone, organisation_ids=[o.pk for o in venues], start=year_first, end=year_last
        ):
            assert m.venue_organisation_id is not None
            bookings.setdefault((m.venue_organisation_id, m.date), []).append(
                (m.start_time, m.end_time, m.body.name)
            )

    proposals: list[Proposal] = []
    for slot in slots:
        venue = venues[next_index % len(venues)] if venues else None
        if venues and body.rotate_venues:
            next_index += 1
        days = slot.days
        preferred = sorted(
            (d for d in days if d.weekday() == weekday), key=lambda d: (abs(d - slot.target), d)
        )
        others = sorted(
            (d for d in days if d.weekday() != weekday and d.weekday() < 5),
            key=lambda d: (abs(d - slot.target), d),
        )
        skipped: list[str] = []
        chosen: dt.date | None = None
        in_school_holiday = ""
        # First pass: no school holidays. A period that lies wholly in one (July, August) gets a day
        # in the school holiday rather than no meeting at all.
        for strict in (True, False):
            for day in [*preferred, *others]:
                why = _day_unfit(day, strict=strict)
                if why is None and day in taken_days:
                    why = _("{body} vergadert dan al").format(body=body.name)
                if why is None and venue is not None:
                    for b_start, b_end, b_body in bookings.get((venue.pk, day), []):
                        if _overlaps(start, end, b_start, b_end):
                            why = _("{venue} is dan bezet ({body})").format(venue=venue.name, body=b_body)
                            break
                if why is None:
                    chosen = day
                    break
                if strict and len(skipped) < 3:
                    skipped.append(f"{day:%d/%m} {why}")
            if chosen is not None:
                if not strict:
                    in_school_holiday = holidays.school_holiday(chosen) or ""
                break
        if chosen is None:
            continue
        taken_days.add(chosen)
        if venue is not None:
            bookings.setdefault((venue.pk, chosen), []).append((start, end, body.name))
        reason = _("{weekday} het dichtst bij {target}").format(
            weekday=weekday_name(chosen).capitalize(), target=slot.describe
        )
        if in_school_holiday:
            reason += "; " + _("valt in de {holiday}: er is geen vrije dag in deze periode").format(
                holiday=in_school_holiday
            )
        elif skipped:
            reason += "; " + _("overgeslagen: {days}").format(days=", ".join(skipped))
        already = [m.date for m in existing if slot.first <= m.date <= slot.last]
        if already:
            reason += "; " + _("er is in {slot} al een vergadering op {days}").format(
                slot=slot.label, days=", ".join(f"{d:%d/%m/%Y}" for d in already)
            )
        proposals.append(
            Proposal(
                date=chosen,
                start=start,
                end=end,
                venue_organisation=venue,
                reason=reason,
                label=slot.label,
                already_planned=already,
            )
        )
    return proposals


# --- checks shared by every write ---------------------------------------------------------------


def _check_body(zone: Zone, body: Body) -> None:
    if body.zone_id != zone.pk:
        raise ServiceError(_("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    if body.is_archived:
        raise ServiceError(
            _("{body} is gearchiveerd: er kunnen geen vergaderingen meer bij.").format(body=body.name)
        )


def _clash_errors(
    *,
    zone: Zone,
    body: Body,
    day: dt.date,
    start: dt.time,
    end: dt.time,
    venue: Organisation | None,
    exclude_pk: int | None = None,
) -> dict[str, list[str]]:
    """Field errors for a meeting on `day`: hours, venue taken, the body already meeting then."""
    errors: dict[str, list[str]] = {}
    if end <= start:
        errors["end_time"] = [_("Het einduur moet na het beginuur liggen.")]
        return errors
    if venue is not None and venue.zone_id != zone.pk:
        errors["venue_organisation"] = [_("Kies een organisatie van deze eerstelijnszone als locatie.")]
        return errors
    same_day = Meeting.objects.for_zone(zone).filter(date=day).exclude(status=MeetingStatus.CANCELLED)
    if exclude_pk is not None:
        same_day = same_day.exclude(pk=exclude_pk)
    cond = Q(body=body)
    if venue is not None:
        cond |= Q(venue_organisation=venue)
    candidates = same_day.filter(cond)
    for other in candidates.select_related("body", "venue_organisation"):
        if not _overlaps(start, end, other.start_time, other.end_time):
            continue
        when = f"{_hm(other.start_time)}–{_hm(other.end_time)}"
        if venue is not None and other.venue_organisation_id == venue.pk:
            errors.setdefault("venue_organisation", []).append(
                _(
                    "Op {day} is er bij {venue} al een vergadering: {other} ({when}). "
                    "Kies een ander uur, een andere dag of een andere locatie."
                ).format(day=day_label(day), venue=venue.name, other=other.body.name, when=when)
            )
        elif other.body_id == body.pk:
            errors.setdefault("date", []).append(
                _("{body} vergadert op {day} al van {when}.").format(
                    body=body.name, day=day_label(day), when=when
                )
            )
    return errors


def _meeting_clash_errors(zone: Zone, meeting: Meeting) -> dict[str, list[str]]:
    """_clash_errors for an existing meeting as it is now (itself left out)."""
    return _clash_errors(
        zone=zone,
        body=meeting.body,
        day=meeting.date,
        start=meeting.start_time,
        end=meeting.end_time,
        venue=meeting.venue_organisation,
        exclude_pk=meeting.pk,
    )


def _snapshot(meeting: Meeting) -> dict[str, Any]:
    values = audit.snapshot(meeting, MEETING_FIELDS)
    return {k: v.strftime("%H:%M") if isinstance(v, dt.time) else v for k, v in values.items()}


# --- writes -------------------------------------------------------------------------------------


@transaction.atomic
def meetings_schedule(*, zone: Zone, actor: Any, body: Body, proposals: Sequence[Proposal]) -> list[Meeting]:
    """Create the confirmed proposals as planned meetings: all of them, or none.

    Errors are keyed by the index of the proposal (as a string) so a screen can show them per row.
    """
    _check_body(zone, body)
    if not proposals:
        raise ServiceError(_("Vink minstens één datum aan om te plannen."))
    errors: dict[str, list[str]] = {}
    seen_days: dict[dt.date, int] = {}
    seen_venues: dict[tuple[int, dt.date], list[tuple[dt.time, dt.time, int]]] = {}
    for i, p in enumerate(proposals):
        row: list[str] = []
        for messages in _clash_errors(
            zone=zone, body=body, day=p.date, start=p.start, end=p.end, venue=p.venue_organisation
        ).values():
            row.extend(messages)
        if not row and p.date in seen_days:
            row.append(
                _("Deze datum staat ook op rij {row}: plan één vergadering per dag.").format(
                    row=seen_days[p.date] + 1
                )
            )
        if not row and p.venue_organisation is not None:
            for b_start, b_end, j in seen_venues.get((p.venue_organisation.pk, p.date), []):
                if _overlaps(p.start, p.end, b_start, b_end):
                    row.append(
                        _("{venue} staat op rij {row} al op hetzelfde moment.").format(
                            venue=p.venue_organisation.name, row=j + 1
                        )
                    )
                    break
        if row:
            errors[str(i)] = row
            continue
        seen_days[p.date] = i
        if p.venue_organisation is not None:
            seen_venues.setdefault((p.venue_organisation.pk, p.date), []).append((p.start, p.end, i))
    if errors:
        raise ServiceError(errors)
    created: list[Meeting] = []
    for p in proposals:
        meeting = Meeting.objects.create(
            zone=zone,
            body=body,
            date=p.date,
            start_time=p.start,
            end_time=p.end,
            venue_organisation=p.venue_organisation,
            status=MeetingStatus.PLANNED,
        )
        audit.record(
            zone=zone,
            actor=actor,
            action="created",
            instance=meeting,
            changes=audit.diff({}, {**_snapshot(meeting), "via": "planning"}),
        )
        created.append(meeting)
    return created


@transaction.atomic
def meeting_create(*, zone: Zone, actor: Any, body: Body, data: dict[str, Any]) -> Meeting:
    _check_body(zone, body)
    values = {f: data[f] for f in MEETING_FIELDS if f in data}
    values.setdefault("start_time", body.default_start)
    values.setdefault("end_time", body.default_end)
    if not values.get("date"):
        raise ServiceError({"date": [_("Vul de datum in.")]})
    errors = _clash_errors(
        zone=zone,
        body=body,
        day=values["date"],
        start=values["start_time"],
        end=values["end_time"],
        venue=values.get("venue_organisation"),
    )
    if errors:
        raise ServiceError(errors)
    meeting = Meeting.objects.create(zone=zone, body=body, status=MeetingStatus.PLANNED, **values)
    audit.record(
        zone=zone, actor=actor, action="created", instance=meeting, changes=audit.diff({}, _snapshot(meeting))
    )
    return meeting


@transaction.atomic
def meeting_update(*, zone: Zone, actor: Any, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    if meeting.zone_id != zone.pk:
        raise ServiceError(_("Deze vergadering hoort niet bij deze eerstelijnszone."))
    meeting = Meeting.objects.for_zone(zone).select_for_update().select_related("body").get(pk=meeting.pk)
    _check_body(zone, meeting.body)
    before = _snapshot(meeting)
    for f in MEETING_FIELDS:
        if f in data:
            setattr(meeting, f, data[f])
    after = _snapshot(meeting)
    changes = audit.diff(before, after)
    if not changes:
        return meeting
    moved = any(f in changes for f in CALENDAR_FIELDS)
    if moved and meeting.status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED):
        raise ServiceError(
            _("Het verslag van deze vergadering is al goedgekeurd: datum, uren en locatie liggen vast.")
        )
    errors = _meeting_clash_errors(zone, meeting)
    if errors:
        raise ServiceError(errors)
    if moved:
        meeting.sequence += 1
        changes["sequence"] = [meeting.sequence - 1, meeting.sequence]
    meeting.save()
    audit.record(zone=zone, actor=actor, action="updated", instance=meeting, changes=changes)
    return meeting


@transaction.atomic
def meeting_status_set(*, zone: Zone, actor: Any, meeting: Meeting, to: str) -> Meeting:
    """A status change made on the meeting page: held, cancelled or planned again."""
    if to not in DIRECT_TRANSITIONS:
        if to == MeetingStatus.INVITED:
            raise ServiceError(_("Een vergadering wordt ‘uitgenodigd’ door de uitnodiging te versturen."))
        if to in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED):
            raise ServiceError(_("Goedkeuren en publiceren gebeurt vanuit het verslag."))
        raise ServiceError(_("Onbekende status."))
    if to == MeetingStatus.HELD and meeting.date > timezone.localdate():
        raise ServiceError(
            _("Deze vergadering is nog niet gehouden: ze staat gepland op {day}.").format(
                day=day_label(meeting.date)
            )
        )
    if to == MeetingStatus.PLANNED:
        _check_body(zone, meeting.body)
        errors = _meeting_clash_errors(zone, meeting)
        if errors:
            raise ServiceError([m for msgs in errors.values() for m in msgs])
    moved = meeting_transition(zone=zone, actor=actor, meeting=meeting, to=to)
    if to in (MeetingStatus.CANCELLED, MeetingStatus.PLANNED):
        # Calendars drop (or restore) the event only when its SEQUENCE goes up.
        Meeting.objects.for_zone(zone).filter(pk=moved.pk).update(
            sequence=F("sequence") + 1, updated_at=timezone.now()
        )
        moved.refresh_from_db(fields=["sequence", "updated_at"])
    if to == MeetingStatus.CANCELLED:
        from .invitations import cancellation_send  # invitations builds on this module

        moved.cancellation_sent_to = cancellation_send(zone=zone, actor=actor, meeting=moved)  # type: ignore[attr-defined]
    return moved
