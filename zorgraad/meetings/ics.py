"""iCalendar (.ics) for meetings: one event per meeting, feeds and invitation attachments.

Times are local Brussels time with TZID=Europe/Brussels and one compact VTIMEZONE (the EU
summer-time rule), which every calendar program understands. UID is the meeting's `uid`, SEQUENCE
its `sequence` (raised by the services when date, hours or place change, or when it is cancelled).
Every text goes through `ics_text`: no control characters (strict parsers refuse them) and only
newlines as line breaks, which icalendar escapes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vText

from zorgraad.core.text import strip_control_characters

from .models import Meeting, MeetingStatus

TZID = "Europe/Brussels"
BRUSSELS = ZoneInfo(TZID)
PRODID = "-//Zorgraad//Vergaderingen//NL"


def ics_text(value: str) -> str:
    """Text as a strict calendar parser accepts it: no control characters, a lone CR is a newline."""
    return strip_control_characters(value).replace("\r\n", "\n").replace("\r", "\n")


def ics_line(value: str) -> str:
    """One line, for a parameter (a name) or an address, which the format does not escape."""
    return " ".join(ics_text(value).split())


def absolute(path: str) -> str:
    return str(settings.ZORGRAAD_BASE_URL).rstrip("/") + path


def public_url(meeting: Meeting) -> str:
    return absolute(
        reverse(
            "meetings:meeting_public",
            kwargs={"zone": meeting.zone.slug, "body": meeting.body.slug, "pk": meeting.pk},
        )
    )


def local(day: dt.date, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=BRUSSELS)


def _vtimezone() -> Timezone:
    tz = Timezone()
    tz.add("tzid", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", dt.datetime(1981, 3, 29, 2, 0))
    summer.add("tzoffsetfrom", dt.timedelta(hours=1))
    summer.add("tzoffsetto", dt.timedelta(hours=2))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", dt.datetime(1996, 10, 27, 3, 0))
    winter.add("tzoffsetfrom", dt.timedelta(hours=2))
    winter.add("tzoffsetto", dt.timedelta(hours=1))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def summary(meeting: Meeting) -> str:
    return meeting.title or meeting.body.name


def description(meeting: Meeting) -> str:
    """The agenda (once the invitation went out) and the online link, as plain text."""
    lines: list[str] = []
    if meeting.online_url:
        lines.append(f"Online: {meeting.online_url}")
    if meeting.status != MeetingStatus.PLANNED:
        items = list(meeting.agenda_items.all())
        if items:
            if lines:
                lines.append("")
            lines.append("Agenda:")
            lines.extend(f"{n}. {item.title}" for n, item in enumerate(items, start=1))
    return "\n".join(lines)


def meeting_to_event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", str(meeting.uid))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", (meeting.updated_at or timezone.now()).astimezone(dt.UTC))
    event.add("dtstart", local(meeting.date, meeting.start_time))
    event.add("dtend", local(meeting.date, meeting.end_time))
    event.add("summary", ics_text(summary(meeting)))
    location = meeting.location
    if location:
        event.add("location", ics_text(location))
    if meeting.body.is_open:
        event.add("url", public_url(meeting))
    elif meeting.online_url:
        event.add("url", ics_line(meeting.online_url).replace(" ", "%20"))
    text = description(meeting)
    if text:
        event.add("description", ics_text(text))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def _calendar(name: str, method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", ics_line(name))  # icalendar does not escape this one
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_vtimezone())
    return cal


def calendar_bytes(meetings: Iterable[Meeting], name: str) -> bytes:
    """A feed: all meetings as events of one calendar called `name`."""
    cal = _calendar(name)
    for meeting in meetings:
        cal.add_component(meeting_to_event(meeting))
    return bytes(cal.to_ical())


def invitation_bytes(
    meeting: Meeting,
    *,
    attendee_email: str,
    attendee_name: str = "",
    organizer_email: str = "",
    organizer_name: str = "",
    method: str = "REQUEST",
    stamp: dt.datetime | None = None,
) -> bytes:
    """The .ics of an invitation mail to one addressee: METHOD:REQUEST, or METHOD:CANCEL when the
    meeting is called off (same UID, the meeting's raised SEQUENCE, STATUS:CANCELLED).

    ORGANIZER is the person who answers for the meeting (the body's secretary or the zone), so a
    calendar's "accept/decline" reaches someone; DTSTAMP is the moment this message is made.
    """
    cal = _calendar(summary(meeting), method=method)
    event = meeting_to_event(meeting)
    event.pop("DTSTAMP", None)
    event.add("dtstamp", (stamp or timezone.now()).astimezone(dt.UTC))
    if method == "CANCEL":
        event.pop("STATUS", None)
        event.add("status", "CANCELLED")
    organizer = vCalAddress(f"mailto:{ics_line(organizer_email) or _from_address()}")
    organizer.params["cn"] = vText(ics_line(organizer_name or meeting.zone.name))
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{ics_line(attendee_email)}")
    if attendee_name:
        attendee.params["cn"] = vText(ics_line(attendee_name))
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    cal.add_component(event)
    return bytes(cal.to_ical())


def _from_address() -> str:
    from email.utils import parseaddr

    return parseaddr(str(settings.DEFAULT_FROM_EMAIL))[1] or "noreply@zorgraad.localhost"
