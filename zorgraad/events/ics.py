"""iCalendar for events: the .ics of a registration mail (METHOD:REQUEST / CANCEL) and the agenda feeds.

Reuses the meetings' helpers (VTIMEZONE Europe/Brussels, text cleaning). UID is the event's `uid`;
SEQUENCE is the event's plus the registration's, so a promotion or cancellation replaces what the
person's calendar holds. The online link goes only into a confirmed registrant's .ics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from zorgraad.meetings.ics import BRUSSELS, _calendar, absolute, ics_line, ics_text

from .models import Event, EventStatus, Registration, RegistrationStatus

PRODID = "-//Zorgraad//Activiteiten//NL"


def public_url(event: Event, zone_slug: str) -> str:
    return absolute(reverse("events:event_public", kwargs={"zone": zone_slug, "pk": event.pk}))


def to_vevent(event: Event, zone_slug: str, *, sequence: int | None = None, online_url: str = "") -> VEvent:
    v = VEvent()
    v.add("uid", f"{event.uid}@zorgraad")
    v.add("sequence", event.sequence if sequence is None else sequence)
    v.add("dtstamp", (event.updated_at or timezone.now()).astimezone(dt.UTC))
    v.add("dtstart", event.starts_at.astimezone(BRUSSELS))
    v.add("dtend", event.ends_at.astimezone(BRUSSELS))
    title = event.title
    if event.status == EventStatus.SAVE_THE_DATE:
        title = f"Save the date: {title}"
    v.add("summary", ics_text(title))
    if event.location:
        v.add("location", ics_text(event.location))
    v.add("url", public_url(event, zone_slug))
    lines = [event.description] if event.description else []
    if online_url:
        lines.append(f"Online: {online_url}")
    if lines:
        v.add("description", ics_text("\n\n".join(lines)))
    v.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return v


def feed_bytes(events: Iterable[Event], name: str, zone_slug: str) -> bytes:
    cal = _calendar(name)
    cal["prodid"] = PRODID
    for event in events:
        cal.add_component(to_vevent(event, zone_slug))
    return bytes(cal.to_ical())


def registration_bytes(reg: Registration, *, method: str, organizer_email: str, zone_slug: str) -> bytes:
    """The .ics for one registrant: REQUEST while confirmed (the online link included), CANCEL when
    the registration or the event is cancelled."""
    from icalendar import vCalAddress, vText

    event = reg.event
    cal: Calendar = _calendar(event.title, method=method)
    cal["prodid"] = PRODID
    confirmed = reg.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
    v = to_vevent(
        event,
        zone_slug,
        sequence=event.sequence + reg.sequence,
        online_url=event.online_url if (confirmed and event.is_online and method == "REQUEST") else "",
    )
    v.pop("DTSTAMP", None)
    v.add("dtstamp", timezone.now().astimezone(dt.UTC))
    if method == "CANCEL":
        v.pop("STATUS", None)
        v.add("status", "CANCELLED")
    organizer = vCalAddress(f"mailto:{ics_line(organizer_email)}")
    organizer.params["cn"] = vText(ics_line(event.zone.name))
    v.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{ics_line(reg.email)}")
    attendee.params["cn"] = vText(ics_line(reg.name))
    attendee.params["partstat"] = vText("ACCEPTED" if confirmed else "NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE")
    v.add("attendee", attendee)
    cal.add_component(v)
    return bytes(cal.to_ical())
